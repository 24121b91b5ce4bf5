// Instagram webhooks on Cloudflare Workers.
//
// `fetch` answers Meta: it checks the signature, splits the delivery into one Queue message per
// event and answers 200 as soon as they are enqueued (Meta wants an answer within seconds, and a
// non-200 makes it redeliver). `queue` does the work: it hides comments that contain one of
// HIDE_WORDS and answers mentions, once per event (the SEEN namespace remembers what is done).
import { InstagramClient, RateLimitError, webhooks } from "instagram-graph-wasm";

// Meta redelivers a delivery it could not hand over for up to 36 hours: remember longer.
const SEEN_TTL_SECONDS = 40 * 60 * 60;
// Queues accept at most 100 messages and 256 KB per sendBatch call (keep a margin).
const MAX_BATCH_MESSAGES = 100;
const MAX_BATCH_BYTES = 200 * 1024;

export default {
  async fetch(request, env) {
    return webhooks.handle(request, {
      appSecret: env.IG_APP_SECRET,
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
      baseUrl: env.GRAPH_BASE_URL || undefined,
    });
    const hideWords = wordList(env.HIDE_WORDS);
    // One at a time, so that two copies of an event in one batch are seen as duplicates.
    for (const message of batch.messages) {
      const event = message.body;
      try {
        if ((await env.SEEN.get(event.key)) === null) {
          await act(client, env, hideWords, event);
          await env.SEEN.put(event.key, new Date().toISOString(), { expirationTtl: SEEN_TTL_SECONDS });
        }
        message.ack();
      } catch (error) {
        // Retried with a delay; after max_retries the message goes to the dead-letter queue.
        console.error(`queue: ${event.field} event ${event.key} failed on attempt ${message.attempts}, will retry:`, error);
        message.retry({ delaySeconds: retryDelaySeconds(error, message.attempts) });
      }
    }
  },
};

/** What to do with one event. Other fields are acknowledged without action: add yours here. */
async function act(client, env, hideWords, { entryId, field, value }) {
  if (field === "comments" && value?.from?.id !== entryId && containsAny(value?.text, hideWords)) {
    await client.hideComment(value.id);
  } else if (field === "mentions") {
    await client.replyToMention(entryId, {
      media_id: value?.media_id,
      comment_id: value?.comment_id, // absent when the mention is in a caption
      message: env.MENTION_REPLY || "Thanks for the mention!",
    });
  }
}

/** One message per event: `{ key, entryId, time, field, value }`. */
async function toMessages(delivery) {
  const messages = [];
  for (const entry of delivery.entries) {
    for (const { field, value } of entry.events) {
      messages.push({ key: await eventKey(entry.id, field, value), entryId: entry.id, time: entry.time, field, value });
    }
  }
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
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonicalJson(value)));
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
  const encoder = new TextEncoder();
  let batch = [];
  let bytes = 0;
  for (const body of bodies) {
    const size = encoder.encode(JSON.stringify(body)).length;
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

/** Wait what Meta asks for after a rate limit, else back off: 10 s, 20 s, 40 s… up to 10 min. */
function retryDelaySeconds(error, attempts) {
  if (error instanceof RateLimitError && error.retryAfterMs) return Math.min(Math.ceil(error.retryAfterMs / 1000), 43200);
  return Math.min(10 * 2 ** (attempts - 1), 600);
}
