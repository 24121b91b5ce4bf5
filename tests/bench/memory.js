// 6. Memory and time stay flat over long runs (in this process, an in-memory fetch: no network):
// a paginator over 100,000 items on 40,000 pages, 50,000 calls, 20,000 webhook parses. "Flat"
// means the wasm memory does not grow after the first tenth, and the last tenth is not slower
// than the first (per page, per call, per parse).
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { pkgDir } from "./lib.js";

const json = (body) => ({ status: 200, headers: new Headers({ "content-type": "application/json" }), text: async () => JSON.stringify(body) });

/** Run `n` steps of `step` (async), sampling wasm memory and time per tenth. */
async function tenths(memory, n, step) {
  const tenth = Math.floor(n / 10);
  const marks = [];
  let t = performance.now();
  for (let i = 1; i <= n; i++) {
    await step(i);
    if (i % tenth === 0) {
      const now = performance.now();
      marks.push({ ms: now - t, bytes: memory.buffer.byteLength });
      t = now;
    }
  }
  const first = marks[0];
  const last = marks[marks.length - 1];
  // The first tenth warms the engine up (JIT, the allocator's first pages): growth counts after it.
  return {
    memoryBytes: { afterFirstTenth: first.bytes, atEnd: last.bytes, grownAfterFirstTenth: last.bytes - first.bytes },
    msPerTenth: { first: first.ms, last: last.ms, lastOverFirst: last.ms / first.ms, median: marks.map((m) => m.ms).sort((a, b) => a - b)[5] },
    flat: last.bytes === first.bytes && last.ms <= 1.25 * Math.max(first.ms, marks.map((m) => m.ms).sort((a, b) => a - b)[5]),
  };
}

export async function memory() {
  const pkg = await import(pathToFileURL(join(pkgDir, "node.js")).href);
  const { memory: mem } = pkg.initSync();
  const out = {};

  // 100,000 items on 40,000 pages: 2 or 3 items a page, a cursor each.
  const PAGES = 40_000;
  let page = 0;
  const pages = new pkg.InstagramClient({
    accessToken: "bench-token",
    fetch: async () => {
      page++;
      const items = Array.from({ length: page % 2 ? 3 : 2 }, (_, i) => ({ id: `${page}_${i}`, caption: "a caption" }));
      return json(page < PAGES ? { data: items, paging: { cursors: { after: `C${page}` }, next: `https://graph.example/next?after=C${page}` } } : { data: items });
    },
  });
  const it = pages.iterUserMedia("17841400000000001", { fields: ["id", "caption"] });
  let items = 0;
  out.paginate = await tenths(mem, 100_000, async () => {
    const r = await it.next();
    if (!r.done) items++;
  });
  if (!(await it.next()).done) throw new Error("the paginator went past 100,000 items");
  out.paginate.items = items;
  out.paginate.pages = page;
  pages.free();

  // 50,000 calls.
  const user = { id: "17841400000000001", username: "bench", followers_count: 1234 };
  const calls = new pkg.InstagramClient({ accessToken: "bench-token", fetch: async () => json(user) });
  out.calls = await tenths(mem, 50_000, () => calls.getUser("17841400000000001", { fields: ["id", "username", "followers_count"] }));
  calls.free();

  // 20,000 webhook parses of a 2 KB delivery.
  const body = JSON.stringify({
    object: "instagram",
    entry: Array.from({ length: 8 }, (_, i) => ({
      id: "17841400000000001",
      time: 1764633600 + i,
      changes: [{ field: "comments", value: { id: `1790${i}`, text: "Hello there, this is a comment of some length #tag @someone", from: { id: "123", username: "someone" }, media: { id: "1789", media_product_type: "FEED" } } }],
    })),
  });
  out.parses = await tenths(mem, 20_000, async () => pkg.webhooks.parse(body));
  out.parses.bodyBytes = body.length;
  return out;
}
