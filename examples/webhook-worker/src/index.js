// Instagram webhooks on Cloudflare Workers.
//
// `fetch` answers Meta: it checks the signature, puts the delivery's events on a Queue and
// answers 200 as soon as they are enqueued (Meta wants an answer within seconds, and a non-200
// makes it redeliver). `queue` does the work: each rule below that matches an event runs
// once for it, however often Meta delivers the event. The `EventDedup` Durable Object (one per
// account) remembers which rule ran for which event.
import { DurableObject } from "cloudflare:workers";
import { AuthError, InstagramClient, RateLimitError, webhooks } from "instagram-graph-wasm";

// ---- The rules: what to do with an event ----------------------------------------------------

/**
 * Each rule whose `when(event, settings)` is true runs `run(event, { client, settings, env })`
 * once for that event. An event is `{ key, entryId, time, field, value }` (`value` as Meta sends
 * it). Rules are independent of each other. A rule that throws is retried later with the
 * message; the rules that already succeeded for that event are not run again. To add a rule, append one here and put its settings in
 * wrangler.toml's [vars] (read in `settings` below). The `name` is part of the de-duplication
 * key: renaming a rule makes it run again for events still being redelivered.
 */
export const rules = [
  {
    name: "hide",
    // A visitor's comment that contains one of HIDE_WORDS (the account's own comments stay).
    when: (event, s) => event.field === "comments" && event.value?.from?.id !== event.entryId && containsAny(event.value?.text, s.hideWords),
    run: (event, { client }) => client.hideComment(event.value.id),
  },
  {
    name: "mention-reply",
    // An @mention of the account, in a comment or (without comment_id) in a caption.
    when: (event, s) => event.field === "mentions" && s.mentionReply !== "",
    run: (event, { client, settings }) =>
      client.replyToMention(event.entryId, { media_id: event.value?.media_id, comment_id: event.value?.comment_id, message: settings.mentionReply }),
  },
  {
    name: "private-reply",
    // A visitor's comment that contains one of PRIVATE_REPLY_KEYWORDS gets PRIVATE_REPLY_TEXT as
    // a direct message (Meta allows one per comment, within 7 days of it).
    when: (event, s) =>
      event.field === "comments" && s.privateReplyText !== "" && event.value?.from?.id !== event.entryId && containsAny(event.value?.text, s.privateReplyKeywords),
    run: async (event, { client, settings, env }) => {
      const { sender, options } = await inboxOf(client, event.entryId, env);
      try {
        await client.sendPrivateReply(sender, event.value.id, settings.privateReplyText, options);
      } catch (error) {
        if (error?.rule === "private_reply") {
          // NB: Meta answers a second private reply to a comment (or one past its 7 days, or to
          // a deleted comment) with "The comment is invalid for a private reply": what this rule
          // was to do is done, or can no longer be.
          console.log(`queue: comment ${event.value.id} has had its private reply (Meta: ${error.message})`);
        } else if (["user_unavailable", "outside_window", "restricted"].includes(error?.rule)) {
          // The person cannot be reached, or the account may not send: sending again would not help.
          console.warn(`queue: no private reply to comment ${event.value.id}: ${error.rule} (${error.message})`);
        } else {
          // Anything else (a connection error, a timeout, a rate limit, a 5xx): the queue brings
          // the message back later (the client never sends a POST twice itself). A Page token
          // that stopped working is looked up again then.
          if (error instanceof AuthError) pagesByAccount.delete(event.entryId);
          throw error;
        }
      }
    },
  },
];

/** The rules' settings, from wrangler.toml's [vars]. */
function settings(env) {
  return {
    hideWords: wordList(env.HIDE_WORDS),
    mentionReply: String(env.MENTION_REPLY ?? "").trim(),
    privateReplyKeywords: wordList(env.PRIVATE_REPLY_KEYWORDS),
    privateReplyText: String(env.PRIVATE_REPLY_TEXT ?? "").trim(),
  };
}

/**
 * Who sends an account's messages. Instagram Login: the account itself ("me"), with the client's
 * token. Facebook Login: the Page the account is connected to, with that Page's token (the
 * Messenger Platform's rule), found once per isolate among the Pages of IG_ACCESS_TOKEN's user.
 */
const pagesByAccount = new Map(); // account id → { sender, options } (a value: promises stay in their own request)
async function inboxOf(client, account, env) {
  if (loginOf(env) === "instagram") return { sender: "me", options: {} };
  if (!pagesByAccount.has(account)) {
    for await (const page of client.paginate("me/accounts", { fields: "id,access_token,instagram_business_account", limit: 100 })) {
      if (page.instagram_business_account?.id === account) {
        pagesByAccount.set(account, { sender: page.id, options: { pageAccessToken: page.access_token } });
        break;
      }
    }
    // Thrown, the message comes back later and the lookup is tried again.
    if (!pagesByAccount.has(account)) throw new Error(`no Page of IG_ACCESS_TOKEN's user is connected to the Instagram account ${account}: a private reply goes through that Page`);
  }
  return pagesByAccount.get(account);
}

/** IG_LOGIN: "facebook" (the default: a Facebook User token) or "instagram" (an Instagram User token). */
const loginOf = (env) => env.IG_LOGIN || "facebook";

// ---- Limits ---------------------------------------------------------------------------------

// Queues accept at most 100 messages and 256 KB per sendBatch call (keep a margin), and bill
// each 64 KB of a message as one operation.
const MAX_BATCH_MESSAGES = 100;
const MAX_BATCH_BYTES = 200 * 1024;
const MAX_MESSAGE_BYTES = 64 * 1024;
// A claim is the claimant's for 15 minutes, the longest a queue() call may run: no other copy
// of the event can run the rule meanwhile.
const LEASE_MS = 15 * 60 * 1000;
// Meta redelivers for up to 36 hours: remember what ran for longer (DEDUP_TTL_SECONDS).
const DEFAULT_TTL_SECONDS = 40 * 60 * 60;

// ---- The Worker -----------------------------------------------------------------------------

export default {
  async fetch(request, env) {
    return webhooks.handle(request, {
      appSecret: env.IG_APP_SECRET,
      login: loginOf(env),
      verifyToken: env.IG_VERIFY_TOKEN,
      // Awaited before the 200: if enqueueing fails, Meta gets a 500 and redelivers.
      onEvents: async (delivery) => enqueue(env.EVENTS, await toMessages(delivery)),
      onError: (error) => console.error("webhook: enqueueing failed, answered 500 so that Meta redelivers:", error),
    });
  },

  async queue(batch, env) {
    const client = new InstagramClient({
      accessToken: env.IG_ACCESS_TOKEN,
      appSecret: env.IG_APP_SECRET,
      login: loginOf(env),
      baseUrl: env.GRAPH_BASE_URL || undefined,
    });
    const context = { client, settings: settings(env), env };
    // Each event once per batch (a copy in another message of this batch rides on the first),
    // grouped by account: one EventDedup per account, so every copy of an event meets the same.
    const seen = new Set();
    const byAccount = new Map(); // account id → [{ message, event }]
    for (const message of batch.messages) {
      for (const event of message.body?.events ?? []) {
        if (seen.has(event.key)) continue;
        seen.add(event.key);
        const account = String(event.entryId);
        if (!byAccount.has(account)) byAccount.set(account, []);
        byAccount.get(account).push({ message, event });
      }
    }
    const retry = new Map(); // message → why it comes back: an error, or null (another copy is busy)
    for (const [account, items] of byAccount) {
      await handleAccount(env.DEDUP.get(env.DEDUP.idFromName(account)), items, context, retry);
    }
    for (const message of batch.messages) {
      if (retry.has(message)) message.retry({ delaySeconds: retryDelaySeconds(retry.get(message), message.attempts, env) });
      else message.ack();
    }
  },
};

/**
 * The events of one account: claim each matching rule of each event in one call, run what is
 * ours to run, and record the outcome in one call. A message comes back (`retry`) when one of
 * its rules failed or another copy of the event is running it right now; on its return the
 * rules that are done are skipped.
 */
async function handleAccount(dedup, items, context, retry) {
  const jobs = []; // { message, event, rule, claim: { key, owner } }
  for (const { message, event } of items) {
    for (const rule of rules) {
      if (rule.when(event, context.settings)) jobs.push({ message, event, rule, claim: { key: `${event.key}/${rule.name}`, owner: message.id } });
    }
  }
  if (jobs.length === 0) return;

  let verdicts;
  try {
    verdicts = await dedup.claim(jobs.map((j) => j.claim));
  } catch (error) {
    console.error(`queue: claiming ${jobs.length} rule runs failed, will retry:`, error);
    for (const { message } of jobs) retry.set(message, error);
    return;
  }

  const done = [];
  const released = [];
  for (const [i, job] of jobs.entries()) {
    if (verdicts[i] === "done") continue;
    if (verdicts[i] === "busy") {
      if (!retry.has(job.message)) retry.set(job.message, null);
      continue;
    }
    try {
      await job.rule.run(job.event, context);
      done.push(job.claim);
    } catch (error) {
      console.error(`queue: rule ${job.rule.name} failed for ${job.event.field} event ${job.event.key} on attempt ${job.message.attempts}, will retry:`, error);
      retry.set(job.message, error);
      released.push(job.claim);
    }
  }

  if (done.length + released.length > 0) {
    const ttlSeconds = Number(context.env.DEDUP_TTL_SECONDS) || DEFAULT_TTL_SECONDS;
    try {
      await dedup.settle({ done, released, ttlMs: ttlSeconds * 1000 });
    } catch (error) {
      // The rules ran, but the record of it was lost: a copy arriving after the lease (15 min)
      // runs them again. Rare (the object unreachable right now); logged so that it is seen.
      console.error(`queue: recording ${done.length} finished rule runs failed:`, error);
    }
  }
}

// ---- De-duplication: one Durable Object per account -----------------------------------------

/**
 * Which rule ran for which event, for one account. A Durable Object runs one call at a time,
 * and each call here reads and writes its SQLite storage with no `await` in between: a claim is
 * an atomic check-and-set, whatever number of copies of an event arrive at the same moment.
 * Rows expire by alarm (`settle`'s `ttlMs` after the run, or when a claim's lease runs out).
 */
export class EventDedup extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS runs (
      key TEXT PRIMARY KEY,  -- <event key>/<rule name>
      owner TEXT NOT NULL,   -- the queue message id of the claimant
      done INTEGER NOT NULL, -- 1 once the rule succeeded
      until INTEGER NOT NULL -- ms since the epoch: the lease's end, or when a done row is forgotten
    )`);
    this.sql.exec("CREATE INDEX IF NOT EXISTS runs_until ON runs (until)");
  }

  /**
   * For each `{ key, owner }`, in order: "run" (the claimant may run it now: the claim is held
   * for the lease), "done" (it ran already) or "busy" (another message holds a live claim).
   * The same owner may claim again (its message came back after a failure or a crash).
   */
  async claim(claims) {
    const now = Date.now();
    const verdicts = claims.map(({ key, owner }) => {
      const row = this.sql.exec("SELECT owner, done, until FROM runs WHERE key = ?", key).toArray()[0];
      if (row?.done) return "done";
      if (row && row.owner !== owner && row.until > now) return "busy";
      this.sql.exec("INSERT OR REPLACE INTO runs (key, owner, done, until) VALUES (?, ?, 0, ?)", key, owner, now + LEASE_MS);
      return "run";
    });
    await this.#ensureAlarm(now + LEASE_MS);
    return verdicts;
  }

  /** `done`: claims whose rule succeeded (kept for `ttlMs`); `released`: claims given back. */
  async settle({ done = [], released = [], ttlMs }) {
    const until = Date.now() + ttlMs;
    for (const { key, owner } of done) this.sql.exec("UPDATE runs SET done = 1, until = ? WHERE key = ? AND owner = ?", until, key, owner);
    for (const { key, owner } of released) this.sql.exec("DELETE FROM runs WHERE key = ? AND owner = ? AND done = 0", key, owner);
    await this.#ensureAlarm(until);
  }

  /** Forget the rows whose time is up, then wake again at the next one. */
  async alarm() {
    this.sql.exec("DELETE FROM runs WHERE until <= ?", Date.now());
    const next = this.sql.exec("SELECT MIN(until) AS next FROM runs").one().next;
    if (next !== null) await this.ctx.storage.setAlarm(next);
  }

  /** Wake at `at` at the latest. */
  async #ensureAlarm(at) {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > at) await this.ctx.storage.setAlarm(at);
  }
}

// ---- Enqueueing -----------------------------------------------------------------------------

/**
 * The delivery's events, `{ key, entryId, time, field, value }` each, packed into messages
 * `{ events: [...] }` of at most 64 KB (Queues bills a message per 64 KB; one event larger than
 * that goes alone, up to the 128 KB a message may hold).
 */
async function toMessages(delivery) {
  const messages = [];
  let events = [];
  let bytes = 0;
  for (const entry of delivery.entries) {
    for (const { field, value } of entry.events) {
      const event = { key: await eventKey(entry.id, field, value), entryId: entry.id, time: entry.time, field, value };
      const size = utf8Length(JSON.stringify(event)) + 1;
      if (events.length > 0 && bytes + size > MAX_MESSAGE_BYTES) {
        messages.push({ events });
        events = [];
        bytes = 0;
      }
      events.push(event);
      bytes += size;
    }
  }
  if (events.length > 0) messages.push({ events });
  return messages;
}

/**
 * A key that is the same every time Meta delivers this event: the account, the field and the
 * event's own id when it has one, else a hash of the value (keys in sorted order). The entry's
 * `time` is left out: a redelivery may carry another one.
 */
async function eventKey(entryId, field, value) {
  const ownId = {
    comments: value?.id,
    live_comments: value?.id,
    mentions: value?.comment_id ?? value?.media_id,
    messages: value?.message?.mid,
    message_echoes: value?.message?.mid,
  }[field];
  if ((typeof ownId === "string" || typeof ownId === "number") && String(ownId).length <= 100) {
    return `${entryId}:${field}:${ownId}`;
  }
  const digest = await crypto.subtle.digest("SHA-256", encoder.encode(canonicalJson(value)));
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${entryId}:${field}:sha256:${hex}`;
}

function canonicalJson(v) {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

/** sendBatch in chunks that stay within the Queues limits. */
async function enqueue(queue, bodies) {
  let batch = [];
  let bytes = 0;
  for (const body of bodies) {
    const size = utf8Length(JSON.stringify(body));
    if (batch.length === MAX_BATCH_MESSAGES || (batch.length > 0 && bytes + size > MAX_BATCH_BYTES)) {
      await queue.sendBatch(batch);
      batch = [];
      bytes = 0;
    }
    batch.push({ body, contentType: "json" });
    bytes += size;
  }
  if (batch.length > 0) await queue.sendBatch(batch);
}

// ---- Helpers --------------------------------------------------------------------------------

const encoder = new TextEncoder();
const utf8Length = (text) => encoder.encode(text).length;

/** "spam, Buy followers" → [" spam ", " buy followers "]: whole words, any case, any punctuation. */
function wordList(csv) {
  return String(csv ?? "").split(",").map(normalize).filter((w) => w.trim() !== "");
}

function containsAny(text, words) {
  const haystack = normalize(text);
  return words.some((w) => haystack.includes(w));
}

function normalize(text) {
  return ` ${String(text ?? "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim()} `;
}

/**
 * Wait what Meta asks for after a rate limit, else back off from RETRY_DELAY_SECONDS (10 s):
 * 10 s, 20 s, 40 s… up to 10 min.
 */
function retryDelaySeconds(error, attempts, env) {
  if (error instanceof RateLimitError && error.retryAfterMs) return Math.min(Math.ceil(error.retryAfterMs / 1000), 43200);
  const base = Number(env.RETRY_DELAY_SECONDS ?? 10);
  return Math.min((Number.isFinite(base) && base >= 0 ? base : 10) * 2 ** (attempts - 1), 600);
}
