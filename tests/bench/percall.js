// 3. Per call: sequential requests on loopback to the sandbox (its own process, no latency, no
// rate limiting), interleaved blocks, as the ratio to raw fetch + JSON.parse in this process.
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { OURS, PEER1, PEER2, TOKEN, median, pkgDir, require } from "./lib.js";

export const USER_FIELDS = ["id", "ig_id", "username", "name", "biography", "followers_count", "follows_count", "media_count", "profile_picture_url"];
export const MEDIA_FIELDS = ["id", "caption", "media_type", "media_url", "permalink", "timestamp", "like_count", "comments_count"];
export const RAW = "raw fetch + JSON.parse";

/** Points both peers at `url` (they have no base-URL option; each keeps it in a global). */
export function pointPeersAt(url) {
  require(PEER1).Constants.API_URL = url;
  Object.defineProperty(require(PEER2).FacebookAdsApi, "GRAPH", { get: () => url, configurable: true });
}

/** The four contenders of each endpoint, each as it is meant to be used. */
export async function contenders(sandboxUrl, igUserId) {
  const ours = await import(pathToFileURL(join(pkgDir, "node.js")).href);
  const peer1 = require(PEER1);
  const sdk = require(PEER2);
  pointPeersAt(sandboxUrl);

  const client = new ours.InstagramClient({ accessToken: TOKEN, baseUrl: sandboxUrl });
  const peerClient = new peer1.Client(TOKEN, igUserId, "v27.0");
  // crash_log=false: the SDK's crash reporter would otherwise hook uncaughtException and post
  // reports to Meta; it is not on the request path.
  sdk.FacebookAdsApi.init(TOKEN, "en_US", false);
  const rawUser = `${sandboxUrl}/v27.0/${igUserId}?fields=${encodeURIComponent(USER_FIELDS.join(","))}&access_token=${TOKEN}`;
  const rawMedia = `${sandboxUrl}/v27.0/${igUserId}/media?fields=${encodeURIComponent(MEDIA_FIELDS.join(","))}&limit=25&access_token=${TOKEN}`;

  const user = {
    [RAW]: async () => JSON.parse(await (await fetch(rawUser)).text()),
    [OURS]: () => client.getUser(igUserId, { fields: USER_FIELDS }),
    [PEER1]: () => peerClient.newGetPageInfoRequest(...USER_FIELDS).execute(),
    [PEER2]: () => new sdk.IGUser(igUserId).get(USER_FIELDS),
  };
  const media = {
    [RAW]: async () => JSON.parse(await (await fetch(rawMedia)).text()),
    [OURS]: () => client.listUserMedia(igUserId, { fields: MEDIA_FIELDS, limit: 25 }),
    [PEER1]: () => peerClient.newGetPageMediaRequest(...MEDIA_FIELDS).withLimit(25).execute(),
    [PEER2]: () => new sdk.IGUser(igUserId).getMedia(MEDIA_FIELDS, { limit: 25 }),
  };
  // What each must return, whatever its shape.
  const checkUser = (name, r) => {
    const d = r.getData?.() ?? r._data ?? r;
    if (d.id !== igUserId || typeof d.username !== "string" || typeof d.followers_count !== "number" || typeof d.media_count !== "number") {
      throw new Error(`${name} getUser returned ${JSON.stringify(d).slice(0, 200)}`);
    }
  };
  const checkMedia = (name, r) => {
    const items = Array.isArray(r) ? r.map((m) => m._data) : (r.getData?.() ?? r.data);
    if (!Array.isArray(items) || items.length !== 25 || items.some((m) => !m.id || !m.permalink || !m.timestamp)) {
      throw new Error(`${name} did not return a 25-item page`);
    }
  };
  return {
    getUser: { run: user, check: checkUser },
    listUserMedia25: { run: media, check: checkMedia },
    free: () => client.free(),
  };
}

/**
 * `n` requests per contender in `blocks` rounds; in each round every contender runs one block
 * (order reversed every other round). The ratio is the median over rounds of (block time / raw
 * fetch's block time in the same round): a burst of load from other processes skews one round,
 * not the result. Client CPU time (this process) is kept too: less sensitive to the sandbox.
 */
export async function measure({ run, check }, n, blocks) {
  const names = Object.keys(run);
  for (const name of names) check(name, await run[name]());
  const warm = Math.min(200, n);
  for (let i = 0; i < warm; i++) for (const name of names) await run[name]();
  const perBlock = Math.ceil(n / blocks);
  const wall = Object.fromEntries(names.map((k) => [k, []]));
  const cpu = Object.fromEntries(names.map((k) => [k, 0]));
  for (let b = 0; b < blocks; b++) {
    const order = b % 2 ? [...names].reverse() : names;
    for (const name of order) {
      const fn = run[name];
      let last;
      const c0 = process.cpuUsage();
      const t = performance.now();
      for (let i = 0; i < perBlock; i++) last = await fn();
      wall[name].push(performance.now() - t);
      const d = process.cpuUsage(c0);
      cpu[name] += (d.user + d.system) / 1000;
      check(name, last);
    }
  }
  const count = perBlock * blocks;
  return Object.fromEntries(
    names.map((k) => [
      k,
      {
        usPerRequest: (median(wall[k]) / perBlock) * 1000,
        ratioToRawFetch: median(wall[k].map((t, b) => t / wall[RAW][b])),
        ratioOfTotals: wall[k].reduce((a, x) => a + x, 0) / wall[RAW].reduce((a, x) => a + x, 0),
        clientCpuUsPerRequest: (cpu[k] / count) * 1000,
        clientCpuRatio: cpu[k] / cpu[RAW],
        requests: count,
      },
    ]),
  );
}
