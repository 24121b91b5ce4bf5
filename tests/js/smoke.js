// The same smoke run in every runtime (Node, workerd, Chromium): it imports nothing itself,
// so each runtime hands it the package it loaded by name. Returns facts the tests compare.
export async function smoke(pkg, sandboxUrl, ids) {
  const { InstagramClient, GraphApiError, AuthError, DecodeError, ConnectionError, webhooks } = pkg;
  const out = {};
  const ig = new InstagramClient({ accessToken: "sandbox-token", baseUrl: sandboxUrl, maxRetries: 1 });

  const user = await ig.getUser(ids.igUserId, { fields: ["id", "username", "followers_count"] });
  out.user = { id: user.id, username: user.username, followersIsNumber: typeof user.followers_count === "number" };

  const page = await ig.listUserMedia(ids.igUserId, { fields: "id,caption,media_type", limit: 25 });
  out.firstPage = { count: page.data.length, hasAfter: typeof page.paging.cursors.after === "string" };

  let all = 0;
  for await (const m of ig.iterUserMedia(ids.igUserId, { fields: ["id"], limit: 100 })) if (m.id) all++;
  out.allMedia = all;

  const accounts = await ig.listConnectedAccounts();
  out.accounts = accounts.data.map((a) => a.igUserId);

  const results = await ig.batch([
    { method: "GET", relativeUrl: `${ids.igUserId}?fields=id` },
    { method: "GET", relativeUrl: "000000000000000001?fields=id" },
  ]);
  out.batch = [results[0].status, results[1] instanceof GraphApiError, results[1].code];

  const bad = new InstagramClient({ accessToken: "wrong-token", baseUrl: sandboxUrl });
  const authErr = await bad.getUser(ids.igUserId).catch((e) => e);
  out.authError = {
    isAuth: authErr instanceof AuthError,
    isGraph: authErr instanceof GraphApiError,
    code: authErr.code,
    leaksToken: JSON.stringify({ m: authErr.message, s: authErr.stack, b: authErr.body }).includes("wrong-token"),
  };

  // Issue 14: the private reply a webhook Worker sends for a comment, once; Meta refuses the second.
  const pageOpts = { pageAccessToken: ids.pageAccessToken };
  const reply = await ig.sendPrivateReply(ids.pageId, ids.privateReplyCommentId, "Thanks! We sent you the details.", pageOpts);
  const again = await ig.sendPrivateReply(ids.pageId, ids.privateReplyCommentId, "Thanks!", pageOpts).catch((e) => e);
  out.privateReply = {
    sent: typeof reply.message_id === "string" && typeof reply.recipient_id === "string",
    again: [again instanceof GraphApiError, again.code, again.subcode, again.rule],
  };

  await ig.post(ids.commentId, { hide: false });
  out.rateLimitSeen = ig.rateLimit !== null && typeof ig.rateLimit.updatedAt === "number";
  out.appUsage = typeof ig.rateLimit.app?.call_count === "number";

  const refused = new InstagramClient({ accessToken: "t", baseUrl: "http://127.0.0.1:9", maxRetries: 0, timeoutMs: 5000 });
  const connErr = await refused.get("me").catch((e) => e);
  out.connectionError = connErr instanceof ConnectionError;

  const body = JSON.stringify({ object: "instagram", entry: [{ id: ids.igUserId, time: 1700000000, changes: [{ field: "mentions", value: { media_id: "1", comment_id: "2" } }] }] });
  const sig = webhooks.sign(body, "app-secret");
  out.webhook = {
    valid: webhooks.verifySignature(body, sig, "app-secret"),
    forged: webhooks.verifySignature(body, sig.replace(/.$/, (c) => (c === "0" ? "1" : "0")), "app-secret"),
    time: webhooks.parse(body).entries[0].time,
    // Known answers, whichever HMAC the runtime gives (node:crypto in Node and workerd, the
    // wasm's in a browser): RFC 4231 test case 2, a 64 KB body, a string with a lone surrogate
    // (its UTF-8 bytes, U+FFFD for the surrogate) in three forms.
    rfc4231: webhooks.sign("what do ya want for nothing?", "Jefe"),
    large: webhooks.sign("é".repeat(32768), "app-secret"),
    loneSurrogate: [webhooks.sign("a\ud800b", "k"), webhooks.sign(new TextEncoder().encode("a\ud800b"), "k"), webhooks.sign(new Uint8Array([97, 0xef, 0xbf, 0xbd, 98]).buffer, "k")],
  };
  try {
    webhooks.parse("{oops");
    out.decodeError = false;
  } catch (e) {
    out.decodeError = e instanceof DecodeError;
  }
  return out;
}

// Computed with Python's hmac module (an implementation apart from both of ours):
// hmac.new(b"app-secret", "é".encode() * 32768, "sha256") and hmac.new(b"k", b"a\xef\xbf\xbdb", "sha256").
const LARGE_SIGNATURE = "sha256=cb8def320982e04b78f1318958dff17ff36801cc012ecd51ca5dc930d3eea9c9";
const LONE_SURROGATE_SIGNATURE = "sha256=2beca3ff4b0f8d6c2c12db76fde65642a6afc297123e0c4c2afe7ac27eb96a27";

/** What every runtime must produce (media count and ids come from the sandbox). */
export function expected(ids, mediaCount) {
  return {
    user: { id: ids.igUserId, username: ids.igUsername, followersIsNumber: true },
    firstPage: { count: 25, hasAfter: true },
    allMedia: mediaCount,
    accounts: [ids.igUserId],
    batch: [200, true, 100],
    privateReply: { sent: true, again: [true, 100, 2534025, "private_reply"] },
    authError: { isAuth: true, isGraph: true, code: 190, leaksToken: false },
    rateLimitSeen: true,
    appUsage: true,
    connectionError: true,
    webhook: {
      valid: true,
      forged: false,
      time: 1700000000000,
      rfc4231: "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
      large: LARGE_SIGNATURE,
      loneSurrogate: Array(3).fill(LONE_SURROGATE_SIGNATURE),
    },
    decodeError: true,
  };
}
