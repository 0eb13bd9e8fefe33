#!/usr/bin/env bash
# Fuzzes one of Muster's readers (or the whole pipeline) with AFL++ through SharpFuzz:
#   tools/fuzz/run.sh READER MINUTES
# READER is decode, html, feed, telegram, warc, jsonl or pipeline. Installs what is missing (Debian's afl++ when
# root, the sharpfuzz tool from the tool manifest), builds the harness, instruments Muster.Core.dll, seeds the corpus
# from samples/ and small generated pages, runs afl-fuzz for MINUTES and ends with one summary line. Findings go to
# tools/fuzz/findings/READER (not committed). Exit status: 0 without a finding, 1 with crashes or hangs, 2 when it
# could not run. FUZZ_TIMEOUT_MS overrides the per-input time limit.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

readers="decode html feed telegram warc jsonl pipeline"
usage() {
  echo "usage: tools/fuzz/run.sh READER MINUTES   (READER: ${readers// /, })" >&2
  exit 2
}
[ $# -eq 2 ] || usage
reader=$1
minutes=$2
case " $readers " in
  *" $reader "*) ;;
  *) echo "run.sh: no harness named \"$reader\"; choose one of ${readers// /, }" >&2; exit 2 ;;
esac
if ! [[ "$minutes" =~ ^[0-9]+([.][0-9]+)?$ ]] || [ "$(awk -v m="$minutes" 'BEGIN { print (m > 0) }')" != 1 ]; then
  echo "run.sh: MINUTES must be a positive number, not \"$minutes\"" >&2
  exit 2
fi
seconds=$(awk -v m="$minutes" 'BEGIN { s = int(m * 60 + 0.5); print (s < 1 ? 1 : s) }')

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# --- what is missing -------------------------------------------------------------------------------------------
if ! command -v afl-fuzz >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "run.sh: installing afl++ from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
  else
    echo "run.sh: afl-fuzz is missing and cannot be installed here (need root and apt-get; on Debian: apt-get install afl++)" >&2
    exit 2
  fi
fi
if ! command -v dotnet >/dev/null 2>&1; then
  echo "run.sh: the .NET SDK (dotnet) is required; see global.json for the version" >&2
  exit 2
fi
# SharpFuzz.CommandLine, pinned in .config/dotnet-tools.json, installed as a local tool.
dotnet tool restore >/dev/null

# --- build and instrument --------------------------------------------------------------------------------------
work="$root/artifacts/fuzz"
bin="$work/bin"
# Published afresh each time: instrumenting an assembly twice fails, and an incremental publish would keep the
# instrumented copy.
rm -rf "$bin"
mkdir -p "$work"
echo "run.sh: building the harness"
dotnet publish tools/fuzz/Muster.Fuzz -c Release -o "$bin" --nologo -v quiet >"$work/build.log" 2>&1 || {
  tail -20 "$work/build.log" >&2
  echo "run.sh: the harness does not build" >&2
  exit 2
}
dotnet tool run sharpfuzz "$bin/Muster.Core.dll" >/dev/null

# --- seeds -----------------------------------------------------------------------------------------------------
seeds="$work/seeds/$reader"
rm -rf "$seeds"
mkdir -p "$seeds"
copy() { for f in "$@"; do [ -f "$f" ] && cp "$f" "$seeds/$(basename "$(dirname "$f")")-$(basename "$f")"; done; return 0; }
seed() { printf "$2" >"$seeds/gen-$1"; }

text_seeds() {
  copy samples/*.txt samples/events/1-ledger-tokmak-summons.txt samples/held-out-style/ru-povestki-i-sbory.txt \
    samples/held-out-style/uk-tck-i-skarhy.txt
  seed utf8.txt 'Police handed out summonses in Lviv, the governor said.\n'
  seed utf8-bom.txt '\xef\xbb\xbfRecruiters came at dawn.\n'
  seed utf8-stray.txt '\xd0\x9f\xd0\xbe\xd0\xb2\xd0\xb5\xd1\x81\xd1\x82\xd0\xba\xd0\xb8 \xd0\xb2\xd1\x80\xd1\x83\xd1\x87\xd0\xb8\xd0\xbb\xd0\xb8\xff \xd0\xb2 \xd0\x9f\xd0\xb5\xd0\xbd\xd0\xb7\xd0\xb5\n'
  # "Повестки вручили" in windows-1251 and KOI8-R, and "summons" in UTF-16 with and without a BOM.
  seed cp1251.txt '\xcf\xee\xe2\xe5\xf1\xf2\xea\xe8 \xe2\xf0\xf3\xf7\xe8\xeb\xe8 \xec\xf3\xe6\xf7\xe8\xed\xe0\xec.\n'
  seed koi8r.txt '\xf0\xcf\xd7\xc5\xd3\xd4\xcb\xc9 \xd7\xd2\xd5\xde\xc9\xcc\xc9 \xcd\xd5\xd6\xde\xc9\xce\xc1\xcd.\n'
  seed utf16le-bom.txt '\xff\xfes\x00u\x00m\x00m\x00o\x00n\x00s\x00\n\x00'
  seed utf16be.txt '\x00s\x00u\x00m\x00m\x00o\x00n\x00s\x00 \x00s\x00e\x00n\x00t\x00\n'
  seed gbk.txt '\xd5\xf7\xb1\xf8\xcd\xa8\xd6\xaa\n'
}
html_seeds() {
  copy samples/html/*
  seed meta.html '<!doctype html><html><head><meta charset="windows-1251"><title>\xcf\xee\xe2\xe5\xf1\xf2\xea\xe8</title></head><body><article><p>\xcf\xee\xe2\xe5\xf1\xf2\xea\xe8 \xe2\xf0\xf3\xf7\xe8\xeb\xe8.</p><p>Second paragraph, with commas, here.</p></article></body></html>\n'
  seed http-equiv.html '<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><meta property="og:site_name" content="Wire"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-05-01","author":{"name":"A. B."}}</script></head><body><div><h1>Title</h1><p class="byline">By A. B.</p><p>Text.</p></div><ul><li><a href="/a">Teaser one</a> summary</li><li><a href="/b">Teaser two</a></li></ul></body></html>'
  seed nested.html '<div><div><div><section><table><tr><td><p>Deep <b>text <i>here</i></b></p></td></tr></table></section></div></div></div>'
}
feed_seeds() {
  copy samples/feeds/*
  seed rss.xml '<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>T</title><item><title>A</title><link>https://e.example/a</link><pubDate>Tue, 14 May 2024 10:00:00 +0300</pubDate><author>a@e.example (A B)</author><description>&lt;p&gt;Summonses &amp;amp; raids&lt;/p&gt;</description></item></channel></rss>'
  seed atom.xml '<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><entry><title type="html">X</title><link rel="alternate" href="/x"/><updated>2024-05-14T10:00:00Z</updated><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Body</p></div></content></entry></feed>'
  seed rdf.xml '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>R</title></channel><item><title>I</title><link>https://e.example/i</link><dc:date>2024-05-14</dc:date><content:encoded><![CDATA[<p>Hi</p>]]></content:encoded></item></rdf:RDF>'
}
telegram_seeds() {
  copy samples/telegram/*
  seed result.json '{"name":"Channel","username":"some_channel","type":"public_channel","messages":[{"id":1,"type":"message","date":"2024-03-01T10:00:00","date_unixtime":"1709287200","from":"Channel","forwarded_from":"Other","text":["Summonses ",{"type":"bold","text":"handed out"},{"type":"text_link","text":"here","href":"https://e.example"}]},{"id":2,"type":"service","text":""},{"id":3,"text_entities":[{"type":"plain","text":"plain"}]}]}'
}
warc_seeds() {
  copy samples/warc/*
  gzip -dc samples/warc/two-records.warc.gz >"$seeds/gen-two-records.warc"
  seed chunked.warc 'WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: <https://e.example/p>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: 106\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n9\r\n<p>Hi</p>\r\n0\r\n\r\n\r\n\r\n'
  seed resource.warc 'WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: https://e.example/t.txt\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nsummonses\r\n\r\nWARC/1.0\r\nWARC-Type: metadata\r\nContent-Length: 0\r\n\r\n\r\n\r\n'
  printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n' >"$work/body.http"
  printf '<html><body><p>Raids</p></body></html>' | gzip -c >>"$work/body.http"
  { printf 'WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://e.example/g\r\nContent-Type: application/http;msgtype=response\r\nContent-Length: %d\r\n\r\n' "$(wc -c <"$work/body.http")"
    cat "$work/body.http"; printf '\r\n\r\n'; } >"$seeds/gen-gzip-body.warc"
  gzip -c "$seeds/gen-gzip-body.warc" >"$seeds/gen-gzip-body.warc.gz"
}
jsonl_seeds() {
  copy samples/jsonl/*
  seed lines.jsonl '{"url":"https://e.example/a","text":"Summonses were handed out.","published":"2024-05-14","title":"T","author":"A","outlet":"O"}\n\n{"html":"<p>x</p>","published":"2024-05"}\n[1]\n{"text":5}\n'
}

case "$reader" in
  decode) text_seeds; copy samples/html/berdiansk-employers-1251.html ;;
  html) html_seeds ;;
  feed) feed_seeds ;;
  telegram) telegram_seeds ;;
  warc) warc_seeds ;;
  jsonl) jsonl_seeds ;;
  pipeline)
    copy samples/metro-raids.txt samples/held-out-style/ru-povestki-i-sbory.txt samples/held-out-style/uk-tck-i-skarhy.txt \
      samples/html/melitopol-checkpoints.html samples/feeds/mobilization.rss samples/telegram/result.json \
      samples/warc/two-records.warc.gz samples/jsonl/pages.jsonl
    seed utf8.txt 'Police handed out summonses to 40 men in Lviv, the governor said.\n\nAccording to ISW, 200 were sent to the front.\n' ;;
esac

# --- fuzz ------------------------------------------------------------------------------------------------------
# Each format's tokens (headers, keys, tags), so that mutations can write them whole.
dictionaries=tools/fuzz/dictionaries
case "$reader" in
  decode) dictionary=() ;;
  html) dictionary=(-x "$dictionaries/html.dict") ;;
  feed) dictionary=(-x "$dictionaries/feed.dict") ;;
  telegram | jsonl) dictionary=(-x "$dictionaries/json.dict") ;;
  warc) dictionary=(-x "$dictionaries/warc.dict") ;;
  pipeline) dictionary=(-x "$dictionaries/html.dict" -x "$dictionaries/json.dict" -x "$dictionaries/warc.dict" -x "$dictionaries/feed.dict") ;;
esac
# The pipeline's child process builds the claim finder (seconds) before its first input, and again after each
# crash: its limit must hold that, or every restart would read as a hang.
case "$reader" in
  pipeline) timeout_ms=${FUZZ_TIMEOUT_MS:-20000} ;;
  *) timeout_ms=${FUZZ_TIMEOUT_MS:-5000} ;;
esac

findings="$root/tools/fuzz/findings/$reader"
rm -rf "$findings"
mkdir -p "$findings"
echo "run.sh: fuzzing $reader for $seconds s ($(ls "$seeds" | wc -l) seeds; findings in tools/fuzz/findings/$reader)"
# The dotnet host is not instrumented itself (SharpFuzz instruments the assemblies it loads), so afl-fuzz's binary
# check is skipped; crashes are reported by SharpFuzz, not through core dumps.
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1
status=0
afl-fuzz -i "$seeds" -o "$findings" -V "$seconds" -t "$timeout_ms" -m none ${dictionary[@]+"${dictionary[@]}"} \
  -- "$(command -v dotnet)" "$bin/Muster.Fuzz.dll" "$reader" >"$findings/afl.log" 2>&1 || status=$?

stats="$findings/default/fuzzer_stats"
if [ ! -f "$stats" ]; then
  tail -30 "$findings/afl.log" >&2
  echo "run.sh: afl-fuzz stopped before fuzzing (exit $status); its log is tools/fuzz/findings/$reader/afl.log" >&2
  exit 2
fi
stat() { awk -F': *' -v k="$1" '$1 ~ "^" k " *$" { print $2; exit }' "$stats"; }
execs=$(stat execs_done)
paths=$(stat corpus_count)
crashes=$(stat saved_crashes)
hangs=$(stat saved_hangs)
elapsed=$(( $(stat last_update) - $(stat start_time) ))

# Each crash replayed once, grouped by exception and innermost frame in Muster's code, so that the summary says
# which bugs were found, not only how many inputs reached them.
crash_files=("$findings"/default/crashes/id:*)
if [ -f "${crash_files[0]}" ]; then
  dotnet "$bin/Muster.Fuzz.dll" "$reader" --replay "${crash_files[@]}" | awk -F'\t' 'NF >= 2 && $2 != "ok" { print $2 " " $3 }' \
    | sort | uniq -c | sort -rn | cut -c1-300 | sed 's/^/  crash: /' || true
fi
echo "fuzz $reader: ${execs:-0} execs in ${elapsed} s, ${paths:-0} paths, ${crashes:-0} crashes, ${hangs:-0} hangs; findings in tools/fuzz/findings/$reader/default (crashes/, hangs/)"
[ "${crashes:-0}" = 0 ] && [ "${hangs:-0}" = 0 ]
