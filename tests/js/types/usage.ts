// A user's file: it must compile under `tsc --strict` against the package's types.
import {
  InstagramClient, GraphApiError, RateLimitError, PermissionError, PublishError, TimeoutError, webhooks, oauth, captionStats,
  type IgMedia, type Page, type WebhookDelivery, type InsightsResult, type LoginUrlOptions, type UploadProgress,
  type InsightTimeframe, type ContainerStatusCode, type TokenProblemCode,
} from "instagram-graph-wasm";
import { createSandbox } from "instagram-graph-wasm/sandbox";

export async function main(signal: AbortSignal): Promise<void> {
  const sandbox = createSandbox();
  const ig = new InstagramClient({ accessToken: "t", apiVersion: "v26.0", fetch: sandbox.fetch, timeoutMs: 5000, maxRetries: 1 });
  const me = await ig.getUser("17841405822304914", { fields: ["username", "followers_count"] });
  const followers: number | undefined = me.followers_count;
  const page: Page<IgMedia> = await ig.listUserMedia(me.id, { fields: "id,caption", limit: 25, since: 1700000000 }, { signal });
  const after: string | undefined = page.paging?.cursors?.after;
  for await (const m of ig.iterUserMedia(me.id, { limit: 50 })) {
    const kind: "IMAGE" | "VIDEO" | "CAROUSEL_ALBUM" | "BROADCAST" | undefined = m.media_type;
    void kind;
  }
  const accounts = await ig.listConnectedAccounts();
  const igUserId: string = accounts.data[0].igUserId;
  const comments = await ig.listComments(page.data[0].id, { fields: ["id", "text"] });
  await ig.hideComment(comments.data[0].id, false);
  await ig.replyToComment(comments.data[0].id, "Thanks!");
  const insights: Page<InsightsResult> = await ig.getUserInsights(igUserId, { metric: ["reach", "views"], period: "day", metric_type: "total_value" });
  const first = insights.data[0].total_value?.breakdowns?.[0].results[0].dimension_values;
  const tag: string | null = await ig.searchHashtag(igUserId, "coffee");
  if (tag) await ig.listHashtagMedia(tag, igUserId, { edge: "top_media", limit: 50 });
  const published = await ig.publish(igUserId, { children: [{ image_url: "https://e.com/1.jpg" }, { video_url: "https://e.com/2.mp4" }], caption: "hi" }, {
    pollIntervalMs: 1000,
    onProgress: (p) => console.log(p.stage, p.containerId, p.statusCode),
  });
  const mediaId: string = published.id;
  const container = await ig.createContainer(igUserId, { media_type: "REELS", upload_type: "resumable" });
  await ig.uploadVideo(container.id, new Uint8Array(10), { onProgress: ({ sentBytes, totalBytes }) => console.log(sentBytes / totalBytes) });
  const results = await ig.batch([{ method: "GET", relativeUrl: "me?fields=id" }]);
  for (const r of results) if (!(r instanceof Error)) console.log(r.status, r.body);
  // The generic calls: `unknown` unless the type is named (issue 15).
  const typed = await ig.get<{ id: string; name: string }>("me", { fields: "id,name" });
  const name: string = typed.name;
  const created = await ig.post<{ id: string }>(`${me.id}/media`, { image_url: "https://e.com/1.jpg" });
  const removed = await ig.delete<{ success: boolean }>(created.id);
  for await (const item of ig.paginate<IgMedia>(`${me.id}/media`, { fields: "id,caption" })) console.log(item.caption?.length);
  const bodies = await ig.batch<{ id: string }>([{ method: "GET", relativeUrl: "me?fields=id" }]);
  for (const r of bodies) if (!(r instanceof Error)) console.log(r.body.id);
  const raw: unknown = await ig.get("me");
  console.log(name, removed.success, raw);
  try {
    await ig.get("me");
  } catch (e) {
    if (e instanceof RateLimitError) console.log(e.retryAfterMs);
    else if (e instanceof PermissionError) {
      const needs: readonly string[] | null = e.requiredPermissions;
      const method: string | null = e.operation;
      console.log(method, needs?.join(", "));
    }
    else if (e instanceof GraphApiError) console.log(e.code, e.subcode, e.userTitle, e.userMessage, e.fbtraceId);
    else if (e instanceof PublishError) console.log(e.status);
    else if (e instanceof TimeoutError && e.containerId) console.log(e.containerId, e.statusCode === "IN_PROGRESS", e.timeoutMs);
  }
  // The generated names (issue 10): option bags, insights values, progress shapes, problem codes.
  const dialog: LoginUrlOptions = { login: "instagram", appId: "1", redirectUri: "https://e.com/cb", state: "s" };
  const timeframe: InsightTimeframe = "this_month";
  const progress = (p: UploadProgress): number => p.sentBytes / p.totalBytes;
  const finished: ContainerStatusCode = "FINISHED";
  const problemCode: TokenProblemCode = "missing_tasks";
  console.log(oauth.loginUrl(dialog), timeframe, progress, finished, problemCode, webhooks.parse("{}", { login: "instagram" }).entries);
  // messaging through the Page (issue 14)
  const opts = { pageAccessToken: "p", signal };
  const sent = await ig.sendMessage("134895793791914", { recipient: { id: "17841400000000001" }, message: { text: "Hi", quick_replies: [{ content_type: "text", title: "Yes", payload: "Y" }] } }, opts);
  const mid: string = sent.message_id;
  await ig.sendMessage("134895793791914", { recipient: { id: "1" }, messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT", message: { attachment: { type: "image", payload: { url: "https://e.com/a.jpg" } } } }, opts);
  try {
    await ig.sendPrivateReply("134895793791914", "17900000000000000", "Thanks!", opts);
  } catch (e) {
    if (e instanceof GraphApiError && (e.rule === "private_reply" || e.rule === "outside_window")) console.log(e.code, e.subcode);
  }
  for await (const c of ig.iterConversations("134895793791914", { fields: ["id", "updated_time", "participants"], user_id: "1" }, opts)) {
    const thread = await ig.listMessages(c.id, { fields: ["id", "from", "message", "attachments"], limit: 20 }, opts);
    const who: string | undefined = thread.data[0]?.from?.id;
    const url: string | undefined = thread.data[0]?.attachments?.data[0].image_data?.url;
    console.log(who, url, (await ig.getMessage(thread.data[0].id, { fields: "id,message" }, opts)).message);
  }
  // Instagram Login: `me`, the client's own token
  const igLogin = new InstagramClient({ accessToken: "IGQ", login: "instagram" });
  await igLogin.sendMessage("me", { recipient: { comment_id: "1" }, message: { text: "hi" } });
  // collaborators, product tags, the hosted-file upload
  const collaborators = await ig.listCollaborators(mediaId);
  const status: string | undefined = collaborators.data[0]?.invite_status;
  const invites = await ig.listCollaborationInvites(igUserId);
  if (invites.data[0]) await ig.respondToCollaborationInvite(igUserId, invites.data[0].media_id, true);
  const catalogs = await ig.listAvailableCatalogs(igUserId);
  const products = await ig.searchCatalogProducts(igUserId, catalogs.data[0].catalog_id, "kenya");
  const productId: string = products.data[0].product_id;
  await ig.setProductTags(mediaId, [{ product_id: productId, x: 0.5, y: 0.5 }]);
  await ig.setProductTags(mediaId, { tags: [productId], child_index: 1 });
  await ig.deleteProductTags(mediaId, [productId]);
  const tags = await ig.listProductTags(mediaId);
  const x: number | undefined = tags.data[0]?.x;
  await ig.uploadVideo(container.id, { fileUrl: "https://e.com/reel.mp4" }, { signal });
  console.log(mid, status, x);
  const usage = ig.rateLimit?.businessUseCase?.[igUserId]?.[0].estimated_time_to_regain_access;
  await ig.subscribeApp("134895793791914", ["comments", "mentions"], { pageAccessToken: "p" });
  const url: string = oauth.loginUrl({ appId: "1", redirectUri: "https://e.com/cb", state: "s", scopes: ["instagram_basic"] });
  const perms: string[] = oauth.requiredPermissions("publish");
  const token = await oauth.exchangeCode({ appId: "1", appSecret: "s", redirectUri: "https://e.com/cb", code: "c" });
  const d = await ig.diagnose({ methods: ["publish", "iterComments"] });
  for (const p of d.problems) if (p.code === "missing_tasks" || p.code === "app_review") console.log(p.message);
  const check = d.methods.publish;
  if (check && !check.ok) console.log(check.missingScopes.join(), check.missingTasks.join(), check.uncheckedScopes.join());
  const pageTasks: string[] | null = d.accounts[0]?.tasks ?? null;
  const expires: number | null = d.token.expiresAt;
  const igToken = await oauth.inspectToken({ login: "instagram", accessToken: "IGQ", scopes: ["instagram_business_basic"] });
  console.log(pageTasks, expires, igToken.kind === "instagram_user", igToken.unknown.length);
  console.log(followers, after, first, mediaId, usage, url, perms, token.access_token);
}

export async function worker(request: Request): Promise<Response> {
  return webhooks.handle(request, {
    appSecret: "secret",
    verifyToken: "verify",
    onEvents: async (delivery: WebhookDelivery) => {
      for (const entry of delivery.entries) {
        for (const event of entry.events) {
          if (event.field === "comments") console.log(event.value.text, event.value.from.username);
          if (event.field === "mentions") console.log(event.value.media_id);
        }
      }
    },
  });
}

export const over: ("chars" | "hashtags" | "mentions")[] = captionStats("hi #coffee").over;
export const ok: boolean = webhooks.verifySignature(new Uint8Array(1), "sha256=00", "secret");
export const challenge: string | null = webhooks.verifySubscription(new URL("https://x/?hub.mode=subscribe"), "t");
