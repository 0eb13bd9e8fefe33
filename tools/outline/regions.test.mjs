// The region table's checks: run with `node --test` (after `npm ci`).

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildRegions } from "./regions.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const table = resolve(here, "regions.tsv");
const muster = resolve(here, "../../src/Muster/Places/Data/regions.tsv");

/** regions.tsv with one edit, in a temporary folder. */
function edited(edit) {
  const file = join(mkdtempSync(join(tmpdir(), "outline-")), "regions.tsv");
  writeFileSync(file, edit(readFileSync(table, "utf8")));
  return file;
}

test("the table maps every feature and covers every Muster code of the four countries", () => {
  const { regions, noShape } = buildRegions(table, muster);
  assert.equal(regions.filter((r) => r.code.startsWith("RU-")).length, 83);
  assert.equal(regions.filter((r) => r.code.startsWith("UA-")).length, 27);
  assert.equal(regions.filter((r) => r.code.startsWith("BY-")).length, 7);
  assert.deepEqual(noShape, ["MM-18"]);
  assert.equal(new Set(regions.map((r) => r.code)).size, regions.length);
});

test("a code Muster does not know fails the build", () => {
  assert.throws(() => buildRegions(edited((t) => t.replace("\tRU-TYU\t", "\tRU-TYM\t")), muster), /RU-TYM, which Muster's regions.tsv does not list/);
});

test("a feature no row maps fails the build", () => {
  assert.throws(() => buildRegions(edited((t) => t.replace("rus\tRU.TY\tTyumen'\tRU-TYU\t\n", "")), muster),
    (e) => /feature RU.TY "Tyumen'" is matched by 0 rows/.test(e.message) && /Muster's RU-TYU has no row/.test(e.message));
});

test("a row that matches no feature fails the build", () => {
  assert.throws(() => buildRegions(edited((t) => t.replace("ukr\tUA.SC\tSevastopol\t", "ukr\tUA.SV\tSevastopol\t")), muster),
    /UA.SV "Sevastopol" matches no feature of ukr.topo.json/);
});

test("the output is the same on every run", () => {
  assert.deepEqual(buildRegions(table, muster), buildRegions(table, muster));
});
