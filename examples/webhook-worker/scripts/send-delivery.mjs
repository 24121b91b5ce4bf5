// Send a signed test delivery to a running Worker (`wrangler dev`, or a deployed one), as Meta
// would: a comment containing a hide word, a comment asking for the menu (a private reply), and a
// mention. `npm run send` runs it.
//
//   node scripts/send-delivery.mjs [worker-url]        # default http://127.0.0.1:8787/
//
// It reads IG_APP_SECRET, IG_VERIFY_TOKEN and GRAPH_BASE_URL from the environment, else from
// .dev.vars. With IG_VERIFY_TOKEN it first sends the GET verification request that Meta sends
// when you subscribe. The body is signed with `webhooks.sign` (HMAC-SHA256 of the raw body keyed
// by the app secret, sent as X-Hub-Signature-256).
//
// When GRAPH_BASE_URL points at the package's sandbox (`npm run sandbox`), the ids come from it,
// and the script waits until the Worker's hide, private reply and mention reply show in the
// sandbox's request log (exit code 1 if they do not within 20 s). Without a sandbox the ids are
// placeholders, and the script only reports Meta-style answers.
import { existsSync, readFileSync } from "node:fs";
import { InstagramClient, webhooks } from "instagram-graph-wasm";

const devVars = existsSync(".dev.vars")
  ? Object.fromEntries([...readFileSync(".dev.vars", "utf8").matchAll(/^\s*([A-Z][A-Z0-9_]*)\s*=\s*(.*?)\s*$/gm)].map((m) => [m[1], m[2].replace(/^"(.*)"$/, "$1")]))
  : {};
const setting = (name) => process.env[name] ?? devVars[name];
const url = process.argv[2] ?? "http://127.0.0.1:8787/";
const secret = setting("IG_APP_SECRET");
const verifyToken = setting("IG_VERIFY_TOKEN");
const sandbox = setting("GRAPH_BASE_URL");
if (!secret) {
  console.error("Set IG_APP_SECRET (in .dev.vars, or in the environment) to the secret the Worker has.");
  process.exit(2);
}

let ids = { igUserId: "17841405822304914", commentId: "17865799348089039", mentionedCommentId: "17865799348089040", privateReplyCommentId: "17865799348089041" };
let mentionMediaId = "18068297473490716";
if (sandbox) {
  const res = await fetch(`${sandbox}/__sandbox/ids`).catch((e) => ({ ok: false, statusText: e.cause?.code ?? e.message }));
  if (!res.ok) {
    console.error(`GRAPH_BASE_URL=${sandbox} does not answer as the sandbox does (${res.status ?? res.statusText}): is \`npm run sandbox\` running?`);
    process.exit(2);
  }
  ids = await res.json();
  const client = new InstagramClient({ accessToken: ids.accessToken, appSecret: secret, baseUrl: sandbox });
  mentionMediaId = (await client.get(ids.mentionedCommentId, { fields: "media" })).media.id;
}

if (verifyToken) {
  const q = new URLSearchParams({ "hub.mode": "subscribe", "hub.verify_token": verifyToken, "hub.challenge": "42" });
  const res = await fetch(`${url}?${q}`);
  console.log(`GET verification → ${res.status} ${await res.text()}`);
}

const body = JSON.stringify({
  object: "instagram",
  entry: [{
    id: ids.igUserId,
    time: Math.floor(Date.now() / 1000),
    changes: [
      {
        field: "comments",
        value: { from: { id: "17841400000000001", username: "someone" }, media: { id: "18068297473490715", media_product_type: "FEED" }, id: ids.commentId, text: "Buy followers here!" },
      },
      {
        field: "comments",
        value: { from: { id: "17841400000000002", username: "curious" }, media: { id: "18068297473490715", media_product_type: "FEED" }, id: ids.privateReplyCommentId, text: "What's on the menu today?" },
      },
      { field: "mentions", value: { media_id: mentionMediaId, comment_id: ids.mentionedCommentId } },
    ],
  }],
});
// The consumer's calls for these events so far (a second run sends the same events again).
const log = async () => (sandbox ? (await fetch(`${sandbox}/__sandbox/requests`)).json() : []);
const before = await log();

const res = await fetch(url, {
  method: "POST",
  headers: { "content-type": "application/json", "x-hub-signature-256": webhooks.sign(body, secret) },
  body,
});
console.log(`POST delivery → ${res.status} ${await res.text()}`);
if (!res.ok) process.exit(1);

if (sandbox) {
  // The queue consumer runs within a few seconds (max_batch_timeout): watch for its calls.
  const wanted = {
    [`hide comment ${ids.commentId}`]: (r) => r.method === "POST" && r.path.endsWith(`/${ids.commentId}`) && r.form?.hide === "true",
    [`private reply to comment ${ids.privateReplyCommentId}`]: (r) =>
      r.method === "POST" && r.path.endsWith("/messages") && r.form?.recipient === JSON.stringify({ comment_id: ids.privateReplyCommentId }),
    [`reply to the mention ${ids.mentionedCommentId}`]: (r) => r.method === "POST" && r.path.endsWith(`/${ids.igUserId}/mentions`) && r.form?.comment_id === ids.mentionedCommentId,
  };
  const count = (requests) => Object.fromEntries(Object.entries(wanted).map(([name, is]) => [name, requests.filter(is).length]));
  const seen = count(before);
  const handledBefore = Object.values(seen).every((n) => n > 0);
  // A redelivery: the consumer runs within max_batch_timeout (2 s); give it 8 and check that it
  // made no call again. Else wait up to 20 s for each call.
  const end = Date.now() + (handledBefore ? 8000 : 20000);
  for (;;) {
    const now = count(await log());
    const again = Object.keys(wanted).filter((name) => now[name] > seen[name]);
    if (handledBefore && again.length > 0) {
      console.error(`Handled twice: ${again.join(", ")} (each rule should run once per event).`);
      process.exit(1);
    }
    if (handledBefore && Date.now() > end) {
      console.log(`These events were handled before: the Worker answered 200 and enqueued them, and its consumer made no call again (${Object.keys(wanted).join(", ")}: once each).`);
      break;
    }
    if (!handledBefore && Object.values(now).every((n) => n > 0)) {
      console.log(`The Worker's queue consumer called the sandbox: ${Object.keys(wanted).join(", ")}.`);
      break;
    }
    if (!handledBefore && Date.now() > end) {
      const missing = Object.keys(wanted).filter((name) => !again.includes(name));
      console.error(`No sign of: ${missing.join(", ")} after 20 s (see the wrangler dev output).`);
      process.exit(1);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
