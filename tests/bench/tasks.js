// 4. Whole tasks against a sandbox with 40 ms latency and usage headers that rise per call:
//    "export an account" (every media item with reach, likes, saved, shares) and "moderate"
//    (every comment of the 50 newest posts; hide those with a listed word).
//
// Ours is written the efficient way (iterUserMedia with limit 100 and the insights as a field
// expansion, `insights.metric(…)`, so they ride along with the pages; field expansion for comments;
// `batch` of 50 for hides; bounded concurrency, slowing down and refusing to overshoot when
// `client.rateLimit` nears 100 %); each peer the way its README shows: one request per item,
// sequentially (and instagram-graph-api also with requests in flight), carrying on past failures.
//
// Every contender runs both tasks, export then moderate, on a fresh sandbox: one account's budget.
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { OURS, PEER1, PEER2, TOKEN, median, pkgDir, pool, require } from "./lib.js";
import { pointPeersAt } from "./percall.js";

export const MEDIA_COUNT = 500;
export const LATENCY_MS = 40;
// Percentage points per Graph call (a batch item is a call, as on Meta): a budget of 556 calls per
// account before error 80002. The export costs a client that asks each post for its insights 5
// list pages + 500 insights calls = 505 calls, and ours 5 (the insights ride along as a field
// expansion of the pages); moderation then costs the naive clients 1 + 50 comment reads + 29
// hides = 80 calls (585 in all: over budget, the hides fail) and ours 1 + 29 = 30.
export const USAGE_PER_CALL = 0.18;
export const MODERATE_POSTS = 50;
// From the sandbox's comment texts ("Is this roast available in decaf?", "Do you ship beans to
// Seattle?", "Any vegan pastries this week?"): 29 of the 190 comments of the 50 newest posts match
// (one more is already hidden).
export const WORDS = ["decaf", "seattle", "vegan"];
export const METRICS = ["reach", "likes", "saved", "shares"];
export const EXPORT_FIELDS = ["id", "caption", "media_type", "media_product_type", "permalink", "timestamp", "like_count", "comments_count"];
const COMMENT_FIELDS = ["id", "text", "hidden"];
const WORD_RE = new RegExp(`\\b(${WORDS.join("|")})\\b`, "i");
const shouldHide = (c) => !c.hidden && WORD_RE.test(c.text);
// Graph codes of throttling: app (4), user (17), page (32), custom (613), Instagram/BUC (80001–80014).
const isRateLimitCode = (code) => code === 4 || code === 17 || code === 32 || code === 613 || (code >= 80001 && code <= 80014);

export const sandboxArgs = () => ["--latency-ms", String(LATENCY_MS), "--usage-per-call", String(USAGE_PER_CALL), "--media-count", String(MEDIA_COUNT)];

// ---- What a correct run produces (the same deterministic data, in process) ------------------
export async function expected() {
  const { createSandbox } = await import(pathToFileURL(join(pkgDir, "sandbox", "index.js")).href);
  const sb = createSandbox({ mediaCount: MEDIA_COUNT, usagePerCall: 0 });
  const igUser = sb.state.igUsers.get(sb.ids.igUserId);
  const insights = new Map();
  for (const id of igUser.mediaIds) {
    const res = await sb.fetch(`http://sandbox/v27.0/${id}/insights?metric=${METRICS.join(",")}&access_token=${TOKEN}`);
    const body = await res.json();
    insights.set(id, Object.fromEntries(body.data.map((m) => [m.name, m.values[0].value])));
  }
  const posts = igUser.mediaIds.slice(0, MODERATE_POSTS);
  const comments = posts.flatMap((id) => sb.state.media.get(id).commentIds.map((c) => sb.state.comments.get(c)));
  return {
    mediaIds: igUser.mediaIds,
    insights,
    commentCount: comments.length,
    hideIds: new Set(comments.filter(shouldHide).map((c) => c.id)),
  };
}

function verifyExport(exp, items) {
  if (items.length !== exp.mediaIds.length) return `${items.length} of ${exp.mediaIds.length} items`;
  const seen = new Set();
  let missing = 0;
  for (const it of items) {
    if (seen.has(it.id)) return `duplicate item ${it.id}`;
    seen.add(it.id);
    const want = exp.insights.get(it.id);
    if (!want) return `unknown item ${it.id}`;
    if (!it.permalink || !it.timestamp) return `item ${it.id} lacks its fields`;
    if (METRICS.some((m) => it.insights?.[m] !== want[m])) missing++;
  }
  return missing ? `${missing} of ${items.length} items lack correct ${METRICS.join("/")}` : null;
}

function verifyModerate(exp, out) {
  const problems = [];
  if (out.commentsRead !== exp.commentCount) problems.push(`read ${out.commentsRead} of ${exp.commentCount} comments`);
  const hidden = new Set(out.hidden);
  const missed = [...exp.hideIds].filter((id) => !hidden.has(id)).length;
  const extra = [...hidden].filter((id) => !exp.hideIds.has(id)).length;
  if (missed) problems.push(`${missed} of ${exp.hideIds.size} matching comments not hidden`);
  if (extra) problems.push(`${extra} wrong comments hidden`);
  return problems.length ? problems.join("; ") : null;
}

// ---- Instrumentation: what each client saw (usage headers, throttling errors) ----------------
class Meter {
  constructor(igUserId) {
    this.igUserId = igUserId;
    this.usage = 0;
    this.rateLimitErrors = 0;
    this.otherErrors = 0;
  }
  headers(get) {
    const buc = get("x-business-use-case-usage");
    if (buc) {
      for (const entry of JSON.parse(buc)[this.igUserId] ?? []) this.usage = Math.max(this.usage, entry.call_count);
    }
  }
  error(body) {
    let code = null;
    try {
      code = (typeof body === "string" ? JSON.parse(body) : body)?.error?.code ?? null;
    } catch {}
    if (isRateLimitCode(code)) this.rateLimitErrors++;
    else this.otherErrors++;
  }
  /** A batch response: every item carries its own status, headers and body. */
  batch(text) {
    let items;
    try {
      items = JSON.parse(text);
    } catch {
      return;
    }
    if (!Array.isArray(items)) return;
    for (const it of items) {
      if (!it) continue;
      const h = Object.fromEntries((it.headers ?? []).map((x) => [x.name.toLowerCase(), x.value]));
      this.headers((n) => h[n]);
      if (it.code >= 400) this.error(it.body);
    }
  }
}

/** A fetch that tells `meter` what it sees (headers always; bodies only of errors and batches). */
function meteredFetch(meter, inner) {
  return async (input, init) => {
    const res = await inner(input, init);
    meter.headers((n) => res.headers.get(n));
    const method = (init?.method ?? input?.method ?? "GET").toUpperCase();
    const path = new URL(typeof input === "string" || input instanceof URL ? input : input.url).pathname;
    if (res.status >= 400) meter.error(await res.clone().text());
    else if (method === "POST" && /^\/(v\d+\.\d+\/?)?$/.test(path)) meter.batch(await res.clone().text());
    return res;
  };
}

// ---- Ours -----------------------------------------------------------------------------------
/**
 * Bounded concurrency that drops to one request at a time when usage nears 100 %, and refuses to
 * send calls whose projected usage (observed % per call × calls in flight and about to go) would
 * reach 100 %: such calls would only earn error 80002. Meta's usage decays over its window; the
 * sandbox's never does, so refusing is all that is left to do there.
 */
class UsageGuard {
  constructor(client, igUserId, { concurrency = 4, near = 90 } = {}) {
    Object.assign(this, { client, igUserId, normal: concurrency, near, calls: 0, inFlight: 0, seen: 0, slowedDown: false });
  }
  usage() {
    const rl = this.client.rateLimit;
    const buc = rl?.businessUseCase?.[this.igUserId]?.[0]?.call_count ?? 0;
    this.seen = Math.max(this.seen, buc, rl?.app?.call_count ?? 0);
    return this.seen;
  }
  concurrency() {
    if (this.usage() < this.near) return this.normal;
    this.slowedDown = true;
    return 1;
  }
  before(calls) {
    const usage = this.usage();
    const perCall = this.calls ? usage / this.calls : 0;
    if (usage + (this.inFlight + calls) * perCall >= 100) {
      const wait = this.client.rateLimit?.businessUseCase?.[this.igUserId]?.[0]?.estimated_time_to_regain_access ?? 0;
      throw new Error(`rate-limit budget: ${usage} % used, ${calls} more calls would reach 100 % (wait ${wait} min)`);
    }
    this.inFlight += calls;
  }
  after(calls) {
    this.inFlight -= calls;
    this.calls += calls;
  }
  /** Calls made outside `before` (the paginator's pages). */
  count(calls) {
    this.calls += calls;
  }
}

/** A queue whose limit is read before every start. */
function limiter(limit) {
  let active = 0;
  const waiting = [];
  const pump = () => {
    while (waiting.length && active < limit()) {
      active++;
      const { fn, resolve, reject } = waiting.shift();
      Promise.resolve()
        .then(fn)
        .then(resolve, reject)
        .finally(() => {
          active--;
          pump();
        });
    }
  };
  return (fn) =>
    new Promise((resolve, reject) => {
      waiting.push({ fn, resolve, reject });
      pump();
    });
}

/** The insights of each post, asked for with the page itself (Meta's field expansion). */
const INSIGHTS_FIELD = `insights.metric(${METRICS.join(",")})`;

async function oursExport(client, igUserId, guard) {
  const LIMIT = 100;
  const items = [];
  let failures = 0;
  for await (const m of client.iterUserMedia(igUserId, { fields: [...EXPORT_FIELDS, INSIGHTS_FIELD], limit: LIMIT })) {
    if (items.length % LIMIT === 0) guard.count(1);
    const { insights, ...item } = m;
    if (!Array.isArray(insights?.data)) failures++;
    else item.insights = Object.fromEntries(insights.data.map((x) => [x.name, x.values[0].value]));
    items.push(item);
  }
  return { items, failures };
}

async function oursModerate(client, igUserId, guard) {
  const toHide = [];
  let commentsRead = 0;
  const consider = (comments) => {
    commentsRead += comments.length;
    for (const c of comments) if (shouldHide(c)) toHide.push(c.id);
  };
  let posts = 0;
  guard.count(1);
  const fields = `id,comments.limit(100){${COMMENT_FIELDS.join(",")}}`;
  for await (const m of client.iterUserMedia(igUserId, { fields, limit: MODERATE_POSTS })) {
    consider(m.comments?.data ?? []);
    if (m.comments?.paging?.next) {
      // More than 100 comments: the rest from the comments edge.
      const after = m.comments.paging.cursors.after;
      const rest = [];
      for await (const c of client.iterComments(m.id, { fields: COMMENT_FIELDS, limit: 100, after })) rest.push(c);
      consider(rest);
    }
    if (++posts === MODERATE_POSTS) break;
  }
  const hidden = [];
  let failures = 0;
  const chunks = [];
  for (let i = 0; i < toHide.length; i += 50) chunks.push(toHide.slice(i, i + 50));
  const run = limiter(() => guard.concurrency());
  await Promise.all(
    chunks.map((ids) =>
      run(async () => {
        guard.before(ids.length);
        try {
          const results = await client.batch(ids.map((id) => ({ method: "POST", relativeUrl: id, body: { hide: true } })));
          results.forEach((r, i) => (r?.status === 200 && r.body?.success === true ? hidden.push(ids[i]) : failures++));
        } finally {
          guard.after(ids.length);
        }
      }),
    ),
  );
  return { commentsRead, hidden, failures };
}

async function runOurs(sandbox, meter) {
  const { InstagramClient } = await import(pathToFileURL(join(pkgDir, "node.js")).href);
  const client = new InstagramClient({ accessToken: TOKEN, baseUrl: sandbox.url, fetch: meteredFetch(meter, globalThis.fetch) });
  const guard = new UsageGuard(client, sandbox.ids.igUserId);
  return {
    export: () => oursExport(client, sandbox.ids.igUserId, guard),
    moderate: () => oursModerate(client, sandbox.ids.igUserId, guard),
    extra: () => ({ slowedDown: guard.slowedDown, usageSeenByClient: guard.usage() }),
    done: () => client.free(),
  };
}

// ---- instagram-graph-api (README: client.newXRequest(...).execute(), withLimit, withPaging) ---
/** How many requests a user of instagram-graph-api would keep in flight at best (Promise.all over a pool). */
export const PEER1_IN_FLIGHT = 8;
/** The name of that configuration in the results. */
export const PEER1_CONCURRENT = `${PEER1} ×${PEER1_IN_FLIGHT} in flight`;

async function runPeer1(sandbox, meter, inFlight = 1) {
  const run = limiter(() => inFlight);
  const { Client, PageOption, CommentField } = require(PEER1);
  const ig = sandbox.ids.igUserId;
  const client = new Client(TOKEN, ig, "v27.0");
  const realFetch = globalThis.fetch;
  // It calls the global fetch; the meter only looks.
  globalThis.fetch = meteredFetch(meter, realFetch);
  return {
    async export() {
      const items = [];
      const request = client.newGetPageMediaRequest(...EXPORT_FIELDS).withLimit(100);
      for (;;) {
        const page = await request.execute();
        items.push(...page.getData());
        const paging = page.getPaging();
        if (!paging.getNext() || !paging.getAfter()) break;
        request.withPaging({ option: PageOption.AFTER, value: paging.getAfter() });
      }
      let failures = 0;
      await Promise.all(
        items.map((m) =>
          run(async () => {
            try {
              // Its SimplePostMetric enum still lists impressions/engagement; likes and shares are passed as strings.
              const res = await client.newGetSimplePostMediaInsightsRequest(m.id, ...METRICS).execute();
              m.insights = Object.fromEntries(res.getMetrics().map((x) => [x.getMetricName(), x.getMetricValues()[0].value]));
            } catch {
              failures++; // An error body makes its response parser throw (it does not look at the status).
            }
          }),
        ),
      );
      return { items, failures };
    },
    async moderate() {
      const posts = (await client.newGetPageMediaRequest("id").withLimit(MODERATE_POSTS).execute()).getData();
      let commentsRead = 0;
      const hidden = [];
      let failures = 0;
      const hide = (c) =>
        run(async () => {
          const res = await client.newPostHideCommentRequest(c.id, true).execute();
          if (res.wasSuccessful() === true) hidden.push(c.id);
          else failures++;
        });
      await Promise.all(
        posts.map((post) =>
          run(async () => {
            let comments = [];
            try {
              // Its comments response keeps `data` only (no paging): 100 per post is all it can read.
              const res = await client.newGetMediaCommentsRequest(post.id, CommentField.ID, CommentField.TEXT, CommentField.HIDDEN).withLimit(100).execute();
              if (Array.isArray(res.getData())) comments = res.getData();
              else failures++; // an error body: it does not look at the status
            } catch {
              failures++;
            }
            commentsRead += comments.length;
            return comments.filter(shouldHide);
          }),
        ),
      ).then((lists) => Promise.all(lists.flat().map(hide)));
      return { commentsRead, hidden, failures };
    },
    extra: () => ({}),
    done: () => {
      globalThis.fetch = realFetch;
    },
  };
}

// ---- facebook-nodejs-business-sdk (README: FacebookAdsApi.init, node objects, Cursor.next) ----
async function runPeer2(sandbox, meter) {
  const sdk = require(PEER2);
  const { FacebookAdsApi, IGUser, IGMedia, IGComment } = sdk;
  // The SDK's own axios (it calls the default instance): interceptors only look.
  const axios = createRequire(require.resolve(PEER2))("axios");
  const onOk = axios.interceptors.response.use(
    (res) => {
      meter.headers((n) => res.headers?.[n]);
      return res;
    },
    (err) => {
      if (err.response) {
        meter.headers((n) => err.response.headers?.[n]);
        meter.error(err.response.data);
      }
      return Promise.reject(err);
    },
  );
  FacebookAdsApi.init(TOKEN, "en_US", false);
  const ig = sandbox.ids.igUserId;
  return {
    async export() {
      const items = [];
      let page = await new IGUser(ig).getMedia(EXPORT_FIELDS, { limit: 100 });
      items.push(...page);
      while (page.hasNext()) {
        page = await page.next();
        items.push(...page);
      }
      let failures = 0;
      const out = [];
      for (const m of items) {
        const row = { ...m._data };
        try {
          const insights = await m.getInsights([], { metric: METRICS.join(",") });
          row.insights = Object.fromEntries(insights.map((x) => [x.name, x.values[0].value]));
        } catch {
          failures++;
        }
        out.push(row);
      }
      return { items: out, failures };
    },
    async moderate() {
      const posts = await new IGUser(ig).getMedia(["id"], { limit: MODERATE_POSTS });
      let commentsRead = 0;
      const hidden = [];
      let failures = 0;
      for (const post of posts) {
        const comments = [];
        try {
          let page = await new IGMedia(post.id).getComments(COMMENT_FIELDS, { limit: 100 });
          comments.push(...page);
          while (page.hasNext()) {
            page = await page.next();
            comments.push(...page);
          }
        } catch {
          failures++;
        }
        commentsRead += comments.length;
        for (const c of comments) {
          if (!shouldHide(c)) continue;
          try {
            const res = await new IGComment(c.id).update([], { hide: true });
            if (res?.success === true) hidden.push(c.id);
            else failures++;
          } catch {
            failures++;
          }
        }
      }
      return { commentsRead, hidden, failures };
    },
    extra: () => ({}),
    done: () => axios.interceptors.response.eject(onOk),
  };
}

/** How many calls the sandbox accepts before 80002: a call passes while floor(calls so far × u) < 100. */
function budgetCalls() {
  let n = 0;
  while (Math.floor(n * USAGE_PER_CALL) < 100) n++;
  return n;
}

// ---- Running ---------------------------------------------------------------------------------
const isHttp = (e) => e.batchIndex === undefined;
const isBatchOuter = (e) => e.batchIndex === undefined && e.method === "POST" && /^\/(v\d+\.\d+\/?)?$/.test(e.path);

async function runOnce(sandbox, make, exp) {
  await sandbox.reset();
  const meter = new Meter(sandbox.ids.igUserId);
  const c = await make(sandbox, meter);
  const out = {};
  let logged = 0;
  try {
    for (const [task, verify] of [
      ["export", (r) => verifyExport(exp, r.items)],
      ["moderate", (r) => verifyModerate(exp, r)],
    ]) {
      const errorsBefore = meter.rateLimitErrors;
      const otherBefore = meter.otherErrors;
      const t = performance.now();
      let result;
      let thrown = null;
      try {
        result = await c[task]();
      } catch (e) {
        thrown = e;
      }
      const wallMs = performance.now() - t;
      const log = await sandbox.requests();
      const mine = log.slice(logged);
      logged = log.length;
      const problem = thrown ? `threw: ${thrown.message}` : verify(result);
      out[task] = {
        wallMs,
        httpRequests: mine.filter(isHttp).length,
        graphCalls: mine.filter((e) => !isBatchOuter(e)).length,
        usageAfter: meter.usage,
        rateLimitErrors: meter.rateLimitErrors - errorsBefore,
        otherErrors: meter.otherErrors - otherBefore,
        failedItems: result?.failures ?? null,
        verified: problem === null,
        problem,
        ...(task === "export" ? { items: result?.items?.length ?? 0 } : { commentsRead: result?.commentsRead ?? 0, hidden: result?.hidden?.length ?? 0 }),
      };
    }
    Object.assign(out, c.extra());
  } finally {
    c.done();
  }
  return out;
}

/** Runs every contender (ours `oursRuns` times, median wall time; peers once: ~25 s each). */
export async function tasks(sandbox, { oursRuns = 3 } = {}) {
  const exp = await expected();
  pointPeersAt(sandbox.url);
  const results = {};
  const runs = [];
  for (let i = 0; i < oursRuns; i++) runs.push(await runOnce(sandbox, runOurs, exp));
  results[OURS] = runs[runs.length - 1];
  for (const task of ["export", "moderate"]) {
    results[OURS][task].wallMs = median(runs.map((r) => r[task].wallMs));
    results[OURS][task].wallMsRuns = runs.map((r) => r[task].wallMs);
    results[OURS][task].verified = runs.every((r) => r[task].verified);
    results[OURS][task].rateLimitErrors = Math.max(...runs.map((r) => r[task].rateLimitErrors));
  }
  results[PEER1] = await runOnce(sandbox, runPeer1, exp);
  results[PEER1_CONCURRENT] = await runOnce(sandbox, (sb, meter) => runPeer1(sb, meter, PEER1_IN_FLIGHT), exp);
  results[PEER2] = await runOnce(sandbox, runPeer2, exp);
  return {
    setup: {
      mediaCount: MEDIA_COUNT,
      latencyMs: LATENCY_MS,
      usagePerCall: USAGE_PER_CALL,
      budgetCalls: budgetCalls(),
      moderatePosts: MODERATE_POSTS,
      words: WORDS,
      expectedHides: exp.hideIds.size,
      expectedComments: exp.commentCount,
      oursRuns,
    },
    results,
  };
}
