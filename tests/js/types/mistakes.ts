// Each marked line is a mistake a user could make: `tsc --strict` must reject every one of
// them (a line that compiled would make its @ts-expect-error an error of its own).
import { InstagramClient, GraphApiError, TimeoutError, webhooks, oauth, type WebhookEvent, type ExtraField } from "instagram-graph-wasm";

export async function mistakes(): Promise<void> {
  // @ts-expect-error misspelt option
  new InstagramClient({ acessToken: "t" });
  const inbox = new InstagramClient({ accessToken: "t" });
  // @ts-expect-error a send needs a recipient
  await inbox.sendMessage("1", { message: { text: "x" } }, { pageAccessToken: "p" });
  // @ts-expect-error misspelt member of the send
  await inbox.sendMessage("1", { recipient: { id: "2" }, mesage: { text: "x" } }, { pageAccessToken: "p" });
  // @ts-expect-error an unknown messaging_type
  await inbox.sendMessage("1", { recipient: { id: "2" }, message: { text: "x" }, messaging_type: "PROMOTION" }, { pageAccessToken: "p" });
  // @ts-expect-error a private reply's text is a string
  await inbox.sendPrivateReply("1", "2", { text: "x" }, { pageAccessToken: "p" });
  // @ts-expect-error product tags need a product id
  await inbox.setProductTags("1", [{ x: 0.5, y: 0.5 }]);
  // @ts-expect-error the hosted upload takes fileUrl
  await inbox.uploadVideo("1", { file_url: "https://e.com/a.mp4" });
  const sendError = new GraphApiError("x");
  // @ts-expect-error a messaging rule that does not exist
  if (sendError.rule === "outside-window") console.log(sendError);
  const ig = new InstagramClient({ accessToken: "t" });
  // @ts-expect-error misspelt method
  await ig.listUserMedias("1");
  // @ts-expect-error diagnose takes typed method names
  await ig.diagnose({ methods: ["publishh"] });
  // @ts-expect-error a problem code is a string, the check a MethodCheck
  const okay: string = (await ig.diagnose()).methods.getUser;
  // @ts-expect-error misspelt parameter
  await ig.listUserMedia("1", { limmit: 25 });
  const page = await ig.listUserMedia("1");
  // @ts-expect-error misspelt field of the result
  console.log(page.data[0].media_typ);
  // @ts-expect-error ids are strings
  await ig.getUser(17841405822304914);
  // @ts-expect-error hashtag media needs an edge
  await ig.listHashtagMedia("1", "2", { limit: 5 });
  // @ts-expect-error a wrong edge name
  await ig.listHashtagMedia("1", "2", { edge: "new_media" });
  // @ts-expect-error insights need a metric
  await ig.getUserInsights("1", { period: "day" });
  // @ts-expect-error an unknown period
  await ig.getUserInsights("1", { metric: "reach", period: "yearly" });
  // @ts-expect-error a post needs a source
  await ig.publish("1", { caption: "no media" });
  // @ts-expect-error unknown publish option
  await ig.publish("1", { image_url: "u" }, { pollIntervalMS: 5 });
  // @ts-expect-error subscriptions need the Page token option
  await ig.subscribeApp("1", ["comments"], {});
  // @ts-expect-error misspelt request option
  await ig.get("me", {}, { timeout: 5 });
  // @ts-expect-error the handler needs onEvents
  await webhooks.handle(new Request("https://x"), { appSecret: "s" });
  // @ts-expect-error loginUrl needs state
  oauth.loginUrl({ appId: "1", redirectUri: "https://e.com" });
  // @ts-expect-error not a typed operation
  oauth.requiredPermissions("listUserMedias");
  // @ts-expect-error a misspelt field of a media (issue 10: fields are checked per node)
  await ig.getMedia("1", { fields: ["id", "captoin"] });
  // @ts-expect-error a user field asked of a comment
  await ig.listComments("1", { fields: ["followers_count"] });
  // @ts-expect-error a login flavour Meta does not have
  new InstagramClient({ accessToken: "t", login: "tiktok" });
  // @ts-expect-error Instagram Login's dialog takes no configId
  oauth.loginUrl({ login: "instagram", appId: "1", redirectUri: "https://e.com/cb", state: "s", configId: "9" });
  // Generated from the Rust tables (issue 10, item 4): each is what the core refuses or never gives.
  // @ts-expect-error a removed metric (insights.rs refuses it: use views)
  await ig.getUserInsights("1", { metric: ["reach", "impressions"] });
  // @ts-expect-error a timeframe the insights check refuses
  await ig.getUserInsights("1", { metric: "follower_demographics", timeframe: "last_7_days" });
  // @ts-expect-error a metric_type the insights check refuses
  await ig.getUserInsights("1", { metric: "reach", metric_type: "sum" });
  // @ts-expect-error a media product type Meta does not have
  await ig.getMediaInsights("1", { metric: "reach", media_product_type: "IGTV" });
  // @ts-expect-error only a RateLimitError carries retryAfterMs
  console.log(sendError.retryAfterMs);
  const late = new TimeoutError("x");
  // @ts-expect-error publish's timeout carries a container status code, never "FAILED"
  if (late.statusCode === "FAILED") console.log(late.containerId);
  // @ts-expect-error publish reports no "uploading" stage
  await ig.publish("1", { image_url: "u" }, { onProgress: (p) => { if (p.stage === "uploading") console.log(p); } });
  // @ts-expect-error an Instagram User token is inspected without appId
  await oauth.inspectToken({ login: "instagram", accessToken: "IGQ", appId: "1" });
  // @ts-expect-error a login flavour the webhook parser does not take
  webhooks.parse("{}", { login: "tiktok" });
  // @ts-expect-error requiredPermissions takes `login`
  oauth.requiredPermissions("publish", { flavour: "instagram" });
  // @ts-expect-error the usage percentages are numbers
  if (ig.rateLimit?.app?.call_count === "5") console.log("never");
  // @ts-expect-error a token kind is not a problem code
  if ((await oauth.inspectToken({ accessToken: "IGQ" })).kind === "page_token") console.log("never");
  // @ts-expect-error the upload's progress has no stage
  await ig.uploadVideo("1", new Uint8Array(1), { onProgress: (p) => console.log(p.stage) });
  // The generic calls answer `unknown` until the type is named (issue 15): no silent `any`.
  // @ts-expect-error get's result is unknown
  console.log((await ig.get("me")).id);
  // @ts-expect-error post's result is unknown
  console.log((await ig.post("1/media", { image_url: "u" })).id);
  // @ts-expect-error delete's result is unknown
  console.log((await ig.delete("1")).success);
  // @ts-expect-error paginate's items are unknown
  for await (const item of ig.paginate("1/media")) console.log(item.id);
  for (const r of await ig.batch([{ method: "GET", relativeUrl: "me" }])) {
    // @ts-expect-error a batch item's body is unknown
    if (!(r instanceof Error)) console.log(r.body.id);
  }
  // @ts-expect-error a named type is checked too
  console.log((await ig.get<{ id: string }>("me")).username);
  // Instagram Login: the long-lived exchange needs no appId; the refresh exists
  await oauth.exchangeForLongLivedToken({ login: "instagram", appSecret: "s", accessToken: "IGQ" });
  await oauth.refreshLongLivedToken({ accessToken: "IGQ" });
  await new InstagramClient({ accessToken: "IGQ", login: "instagram" }).subscribeApp("me", ["comments"]);
  // fields Meta adds go through the escape hatch; a comma string is not checked
  await ig.getMedia("1", { fields: ["id", "children{media_url}", "comments.limit(5){text}", "new_field" as ExtraField] });
  await ig.getUser("1", { fields: "id,anything_at_all" });
}

// A webhook event's value is narrowed by its field, with no `any` left (issue 10).
export function narrowing(event: WebhookEvent) {
  if (event.field === "comments") {
    // @ts-expect-error a comment's text is a string
    const n: number = event.value.text;
    // @ts-expect-error comments have no media_id at the top
    console.log(event.value.media_id, n);
  }
  if (event.field === "mentions") {
    // @ts-expect-error a mention has no text
    console.log(event.value.text);
  }
  // @ts-expect-error an unknown field's value is unknown, not any
  console.log(event.value.anything);
  // @ts-expect-error an unknown field is compared through a cast
  if (event.field === "brand_new_field") console.log("never");
  if ((event.field as unknown) === "brand_new_field") console.log(String(event.field), event.value);
  switch (event.field) {
    case "story_insights":
      console.log(event.value.reach);
      break;
    default:
      console.log(String(event.field));
  }
}
