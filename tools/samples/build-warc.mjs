#!/usr/bin/env node
// Builds samples/warc/two-records.warc.gz: a small web archive in the shape crawlers write (WARC/1.1, one gzip
// member per record) holding a warcinfo record, a request, and two HTTP responses — an HTML article in UTF-8
// and a plain-text statement in windows-1251 — so that Muster's WarcReader is shown reading both kinds, the
// charset from the HTTP header, and skipping what is not a page. The texts, people and outlets are invented.
//
// Usage: node tools/samples/build-warc.mjs
// No packages needed. The output is deterministic (fixed dates and record ids; gzip with mtime 0).

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, '../../samples/warc/two-records.warc.gz');

const captured = '2024-05-16T03:12:45Z';

const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Migrant workers detained at a Blagoveshchensk market and pressed to sign contracts | Amur Daily</title>
<meta property="og:site_name" content="Amur Daily">
<meta property="og:title" content="Migrant workers detained at a Blagoveshchensk market and pressed to sign contracts">
<meta property="article:published_time" content="2024-05-14T10:00:00+09:00">
<meta name="author" content="Sergei Lin">
<link rel="canonical" href="https://amur-daily.example/news/2024/05/14/market-raid">
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/region">Region</a> <a href="/about">About us</a></nav></header>
<main>
<article>
<h1>Migrant workers detained at a Blagoveshchensk market and pressed to sign contracts</h1>
<p class="byline">By Sergei Lin, May 14, 2024</p>
<p>Police and migration officers detained about 80 migrant workers at the central market in Blagoveshchensk on Monday and took them to a police station, where they were pressured to sign contracts with the Defense Ministry, the rights group Civic Aid said on Tuesday.</p>
<p>According to the group, officers told the men that those who refused would be deported within a week. Several of the detained were citizens of Tajikistan and Uzbekistan who had lived and worked in the city for years, the group said.</p>
<p>“They kept us there until night and brought the contract papers twice, saying it was the last chance to stay in Russia,” one of the men told Amur Daily by phone.</p>
<p>The regional police department said the raid was a routine check of migration documents and denied that anyone had been offered a contract.</p>
</article>
</main>
<aside><h2>Most read</h2><ul><li><a href="/news/1">Bridge repairs delayed again</a></li><li><a href="/news/2">River levels rise after rains</a></li></ul></aside>
<footer>© 2024 Amur Daily. All rights reserved.</footer>
</body>
</html>
`;

const statement = `Заявление правозащитной группы «Гражданская помощь»

Благовещенск, 15 мая 2024 года.

Сотрудники полиции принуждали задержанных мигрантов подписать контракт с Министерством обороны. По нашим данным, в понедельник на центральном рынке были задержаны около 80 человек.

Тем, кто отказался, угрожали выдворением из страны. Мы направили обращение в прокуратуру Амурской области и просим откликнуться всех, кого задерживали в тот день.
`;

// windows-1251 for the Cyrillic letters and the few signs the statement uses; ASCII as is.
function cp1251(text) {
  const bytes = [];
  for (const ch of text) {
    const code = ch.codePointAt(0);
    if (code < 0x80) bytes.push(code);
    else if (code >= 0x410 && code <= 0x44f) bytes.push(code - 0x410 + 0xc0);
    else if (ch === 'Ё') bytes.push(0xa8);
    else if (ch === 'ё') bytes.push(0xb8);
    else if (ch === '«') bytes.push(0xab);
    else if (ch === '»') bytes.push(0xbb);
    else if (ch === '—') bytes.push(0x97);
    else throw new Error(`no windows-1251 byte for ${ch}`);
  }
  return Buffer.from(bytes);
}

function http(status, headers, body) {
  const head = [status, ...headers.map(([k, v]) => `${k}: ${v}`), `Content-Length: ${body.length}`, '', ''].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

function record(fields, block) {
  const head = ['WARC/1.1', ...fields.map(([k, v]) => `${k}: ${v}`), `Content-Length: ${block.length}`, '', ''].join('\r\n');
  // Each record ends with two CRLFs; each is its own gzip member, as crawlers write them.
  return zlib.gzipSync(Buffer.concat([Buffer.from(head, 'utf8'), block, Buffer.from('\r\n\r\n')]), { level: 9 });
}

const htmlUri = 'https://amur-daily.example/news/2024/05/14/market-raid';
const textUri = 'https://civic-aid.example/statements/2024-05-15.txt';

const members = [
  record([
    ['WARC-Type', 'warcinfo'],
    ['WARC-Date', captured],
    ['WARC-Record-ID', '<urn:uuid:6f1c1c3e-0d5a-4c8e-9a51-000000000001>'],
    ['WARC-Filename', 'two-records.warc.gz'],
    ['Content-Type', 'application/warc-fields'],
  ], Buffer.from('software: muster sample builder\r\nformat: WARC File Format 1.1\r\nisPartOf: muster-samples\r\n')),
  record([
    ['WARC-Type', 'request'],
    ['WARC-Date', captured],
    ['WARC-Record-ID', '<urn:uuid:6f1c1c3e-0d5a-4c8e-9a51-000000000002>'],
    ['WARC-Target-URI', htmlUri],
    ['Content-Type', 'application/http; msgtype=request'],
  ], Buffer.from(`GET /news/2024/05/14/market-raid HTTP/1.1\r\nHost: amur-daily.example\r\nUser-Agent: muster-sample\r\nAccept: text/html\r\n\r\n`)),
  record([
    ['WARC-Type', 'response'],
    ['WARC-Date', captured],
    ['WARC-Record-ID', '<urn:uuid:6f1c1c3e-0d5a-4c8e-9a51-000000000003>'],
    ['WARC-Concurrent-To', '<urn:uuid:6f1c1c3e-0d5a-4c8e-9a51-000000000002>'],
    ['WARC-Target-URI', htmlUri],
    ['Content-Type', 'application/http; msgtype=response'],
  ], http('HTTP/1.1 200 OK', [['Content-Type', 'text/html; charset=utf-8'], ['Date', 'Thu, 16 May 2024 03:12:45 GMT']], Buffer.from(html, 'utf8'))),
  record([
    ['WARC-Type', 'response'],
    ['WARC-Date', captured],
    ['WARC-Record-ID', '<urn:uuid:6f1c1c3e-0d5a-4c8e-9a51-000000000004>'],
    ['WARC-Target-URI', textUri],
    ['Content-Type', 'application/http; msgtype=response'],
  ], http('HTTP/1.1 200 OK', [['Content-Type', 'text/plain; charset=windows-1251'], ['Date', 'Thu, 16 May 2024 03:12:47 GMT']], cp1251(statement))),
];

fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, Buffer.concat(members));
console.log(`wrote ${out} (${members.length} records)`);
