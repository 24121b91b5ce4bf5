// Send a signed test delivery to a running Worker (`wrangler dev`, or a deployed one), as Meta
// would: a comment containing a hide word, and a mention.
//
//   IG_APP_SECRET=… node test/send-delivery.mjs [worker-url] [--sandbox SANDBOX_URL]
//
// With `--sandbox`, the ids come from a running sandbox Graph API (see README.md, "Local
// testing"), so that the Worker's hide and reply calls succeed there. Without it, the ids are
// placeholders. The body is signed with `webhooks.sign` (HMAC-SHA256 of the raw body keyed by
// the app secret, sent as X-Hub-Signature-256). When IG_VERIFY_TOKEN is set, the script first
// sends the GET verification request that Meta sends when you subscribe.
import { InstagramClient, webhooks } from "instagram-graph-wasm";

const args = process.argv.slice(2);
const flag = args.indexOf("--sandbox");
const sandbox = flag >= 0 ? args.splice(flag, 2)[1] : null;
const url = args[0] ?? "http://127.0.0.1:8787/";
const secret = process.env.IG_APP_SECRET;
if (!secret) {
  console.error("Set IG_APP_SECRET to the secret the Worker has (see .dev.vars).");
  process.exit(2);
}

let ids = { igUserId: "17841405822304914", commentId: "17865799348089039", mentionedCommentId: "17865799348089040" };
let mentionMediaId = "18068297473490716";
if (sandbox) {
  ids = await (await fetch(`${sandbox}/__sandbox/ids`)).json();
  const client = new InstagramClient({ accessToken: ids.accessToken, appSecret: secret, baseUrl: sandbox });
  mentionMediaId = (await client.get(ids.mentionedCommentId, { fields: "media" })).media.id;
}

if (process.env.IG_VERIFY_TOKEN) {
  const q = new URLSearchParams({ "hub.mode": "subscribe", "hub.verify_token": process.env.IG_VERIFY_TOKEN, "hub.challenge": "42" });
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
      { field: "mentions", value: { media_id: mentionMediaId, comment_id: ids.mentionedCommentId } },
    ],
  }],
});
const res = await fetch(url, {
  method: "POST",
  headers: { "content-type": "application/json", "x-hub-signature-256": webhooks.sign(body, secret) },
  body,
});
console.log(`POST delivery → ${res.status} ${await res.text()}`);
