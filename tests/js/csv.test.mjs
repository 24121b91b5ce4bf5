// The demo's CSV export (www/js/csv.js): RFC 4180 quoting, and no formulas from captions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { csvCell, toCsv } from "../../www/js/csv.js";

test("csvCell quotes what needs quoting, and only that", () => {
  assert.equal(csvCell("plain"), "plain");
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell("a,b"), '"a,b"');
  assert.equal(csvCell("line\nbreak"), '"line\nbreak"');
  assert.equal(csvCell("cr\rhere"), '"cr\rhere"');
  assert.equal(csvCell(1234), "1234");
  assert.equal(csvCell(0.125), "0.125");
  assert.equal(csvCell(Number.NaN), "");
  assert.equal(csvCell(null), "");
  assert.equal(csvCell(undefined), "");
  assert.equal(csvCell("☕ café"), "☕ café");
});

test("csvCell defuses formulas in text cells (captions), not in numbers", () => {
  assert.equal(csvCell("=HYPERLINK(\"x\")", { text: true }), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvCell("@mara.brews thanks", { text: true }), "'@mara.brews thanks");
  assert.equal(csvCell("+1 for this", { text: true }), "'+1 for this");
  assert.equal(csvCell("-5 degrees", { text: true }), "'-5 degrees");
  assert.equal(csvCell("=1+1"), "=1+1", "only cells marked as text");
  assert.equal(csvCell(-5, { text: true }), "-5");
});

test("toCsv: a header line, CRLF line ends, columns by key or getter", () => {
  const rows = [{ id: "1", caption: "Hello, world", n: 3 }, { id: "2", caption: null, n: 0 }];
  const csv = toCsv(rows, [
    { key: "id", head: "id" },
    { key: "caption", head: "caption", text: true },
    { key: "double", head: "n × 2", get: (r) => r.n * 2 },
  ]);
  assert.equal(csv, 'id,caption,n × 2\r\n1,"Hello, world",6\r\n2,,0\r\n');
  assert.equal(toCsv([], [{ key: "a", head: "a" }]), "a\r\n");
});

test("posts CSV (www/js/media-export.js): insights from the field expansion; a metric Meta left out is an empty cell, not 0", async () => {
  const { metricsOf, postsCsv, row, engagementRate } = await import("../../www/js/media-export.js");
  const insights = { data: [
    { name: "reach", period: "lifetime", values: [{ value: 200 }] },
    { name: "likes", period: "lifetime", values: [{ value: 10 }] },
    { name: "comments", period: "lifetime", values: [{ value: 4 }] },
    { name: "saved", period: "lifetime", values: [{ value: 3 }] },
    { name: "shares", period: "lifetime", values: [{ value: 3 }] },
  ] };
  const m = metricsOf(insights);
  assert.deepEqual(m, { reach: 200, likes: 10, comments: 4, saved: 3, shares: 3 });
  assert.equal("views" in m, false);
  assert.equal(engagementRate(m), 0.1);
  assert.equal(engagementRate({ ...m, reach: 0 }), null);
  assert.equal(engagementRate({ reach: 5, likes: 1 }), null, "not without every part");
  assert.deepEqual(metricsOf(undefined), {});
  const csv = postsCsv([row({ media: { id: "17", timestamp: "2026-12-01T10:00:00+0000", media_type: "IMAGE", caption: "@you, hi" }, metrics: m })]);
  assert.equal(csv.split("\r\n")[1], '17,2026-12-01T10:00:00+0000,IMAGE,,,"\'@you, hi",200,,10,4,3,3,0.1');
});
