// What every runtime entry exports once the wasm is initialised.
import {
  InstagramClient,
  oauthDebugToken,
  oauthExchangeCode,
  oauthExchangeForLongLivedToken,
  oauthInspectToken,
  oauthLoginUrl,
  oauthRefreshLongLivedToken,
  oauthRequiredPermissions,
  webhooksHandle,
  webhooksParse,
  webhooksSign,
  webhooksVerifySignature,
  webhooksVerifySubscription,
} from "./instagram_graph.js";

export { InstagramClient, captionStats, initSync, default as init } from "./instagram_graph.js";
// The error classes and Paginator: scripts/build-pkg.sh names their module (the glue.js snippet,
// at the path wasm-bindgen gives it) in place of this line.
export * from "./errors.js";

/** Instagram webhooks: verification, signatures (HMAC-SHA256: the runtime's node:crypto for 1 KB and more where it has one, else the wasm's), payloads, a handler. */
export const webhooks = Object.freeze({
  verifySubscription: webhooksVerifySubscription,
  verifySignature: webhooksVerifySignature,
  sign: webhooksSign,
  parse: webhooksParse,
  handle: webhooksHandle,
});

/** Both login flavours: the dialog URL, token exchanges (servers only: they need the app secret), the Instagram Login refresh, debug_token. */
export const oauth = Object.freeze({
  loginUrl: oauthLoginUrl,
  exchangeCode: oauthExchangeCode,
  exchangeForLongLivedToken: oauthExchangeForLongLivedToken,
  refreshLongLivedToken: oauthRefreshLongLivedToken,
  debugToken: oauthDebugToken,
  inspectToken: oauthInspectToken,
  requiredPermissions: oauthRequiredPermissions,
});

// The typed methods: each hands its registry index and arguments to the wasm `_op`/`_iter`.
// <generated from src/registry.rs>
class Methods {
  getUser(igUserId, params, options) {
    return this._op(0, igUserId, params, undefined, options);
  }
  listConnectedAccounts(params, options) {
    return this._op(1, params, undefined, undefined, options);
  }
  iterConnectedAccounts(params, options) {
    return this._iter(1, params, undefined, undefined, options);
  }
  listUserMedia(igUserId, params, options) {
    return this._op(2, igUserId, params, undefined, options);
  }
  iterUserMedia(igUserId, params, options) {
    return this._iter(2, igUserId, params, undefined, options);
  }
  listStories(igUserId, params, options) {
    return this._op(3, igUserId, params, undefined, options);
  }
  iterStories(igUserId, params, options) {
    return this._iter(3, igUserId, params, undefined, options);
  }
  listTags(igUserId, params, options) {
    return this._op(4, igUserId, params, undefined, options);
  }
  iterTags(igUserId, params, options) {
    return this._iter(4, igUserId, params, undefined, options);
  }
  listLiveMedia(igUserId, params, options) {
    return this._op(5, igUserId, params, undefined, options);
  }
  iterLiveMedia(igUserId, params, options) {
    return this._iter(5, igUserId, params, undefined, options);
  }
  getMedia(mediaId, params, options) {
    return this._op(6, mediaId, params, undefined, options);
  }
  listMediaChildren(mediaId, params, options) {
    return this._op(7, mediaId, params, undefined, options);
  }
  listCollaborators(mediaId, options) {
    return this._op(8, mediaId, undefined, undefined, options);
  }
  listCollaborationInvites(igUserId, options) {
    return this._op(9, igUserId, undefined, undefined, options);
  }
  respondToCollaborationInvite(igUserId, mediaId, accept, options) {
    return this._op(10, igUserId, mediaId, accept, options);
  }
  listComments(mediaId, params, options) {
    return this._op(11, mediaId, params, undefined, options);
  }
  iterComments(mediaId, params, options) {
    return this._iter(11, mediaId, params, undefined, options);
  }
  getComment(commentId, params, options) {
    return this._op(12, commentId, params, undefined, options);
  }
  listReplies(commentId, params, options) {
    return this._op(13, commentId, params, undefined, options);
  }
  iterReplies(commentId, params, options) {
    return this._iter(13, commentId, params, undefined, options);
  }
  createComment(mediaId, message, options) {
    return this._op(14, mediaId, message, undefined, options);
  }
  replyToComment(commentId, message, options) {
    return this._op(15, commentId, message, undefined, options);
  }
  hideComment(commentId, hide, options) {
    return this._op(16, commentId, hide, undefined, options);
  }
  deleteComment(commentId, options) {
    return this._op(17, commentId, undefined, undefined, options);
  }
  setCommentsEnabled(mediaId, enabled, options) {
    return this._op(18, mediaId, enabled, undefined, options);
  }
  replyToMention(igUserId, params, options) {
    return this._op(19, igUserId, params, undefined, options);
  }
  getUserInsights(igUserId, params, options) {
    return this._op(20, igUserId, params, undefined, options);
  }
  getMediaInsights(mediaId, params, options) {
    return this._op(21, mediaId, params, undefined, options);
  }
  searchHashtag(igUserId, name, options) {
    return this._op(22, igUserId, name, undefined, options);
  }
  listHashtagMedia(hashtagId, igUserId, params, options) {
    return this._op(23, hashtagId, igUserId, params, options);
  }
  iterHashtagMedia(hashtagId, igUserId, params, options) {
    return this._iter(23, hashtagId, igUserId, params, options);
  }
  listRecentlySearchedHashtags(igUserId, params, options) {
    return this._op(24, igUserId, params, undefined, options);
  }
  getHashtagSearchQuota(igUserId, options) {
    return this._op(25, igUserId, undefined, undefined, options);
  }
  businessDiscovery(igUserId, username, params, options) {
    return this._op(26, igUserId, username, params, options);
  }
  getMentionedMedia(igUserId, mediaId, params, options) {
    return this._op(27, igUserId, mediaId, params, options);
  }
  getMentionedComment(igUserId, commentId, params, options) {
    return this._op(28, igUserId, commentId, params, options);
  }
  createContainer(igUserId, params, options) {
    return this._op(29, igUserId, params, undefined, options);
  }
  getContainer(containerId, params, options) {
    return this._op(30, containerId, params, undefined, options);
  }
  publishContainer(igUserId, containerId, options) {
    return this._op(31, igUserId, containerId, undefined, options);
  }
  getPublishingLimit(igUserId, params, options) {
    return this._op(32, igUserId, params, undefined, options);
  }
  publish(igUserId, post, options) {
    return this._op(33, igUserId, post, undefined, options);
  }
  uploadVideo(containerId, data, options) {
    return this._op(34, containerId, data, undefined, options);
  }
  listAvailableCatalogs(igUserId, options) {
    return this._op(35, igUserId, undefined, undefined, options);
  }
  searchCatalogProducts(igUserId, catalogId, q, options) {
    return this._op(36, igUserId, catalogId, q, options);
  }
  listProductTags(mediaId, options) {
    return this._op(37, mediaId, undefined, undefined, options);
  }
  setProductTags(mediaId, tags, options) {
    return this._op(38, mediaId, tags, undefined, options);
  }
  deleteProductTags(mediaId, tags, options) {
    return this._op(39, mediaId, tags, undefined, options);
  }
  subscribeApp(pageId, fields, options) {
    return this._op(40, pageId, fields, undefined, options);
  }
  listSubscribedApps(pageId, options) {
    return this._op(41, pageId, undefined, undefined, options);
  }
  unsubscribeApp(pageId, options) {
    return this._op(42, pageId, undefined, undefined, options);
  }
  sendMessage(senderId, params, options) {
    return this._op(43, senderId, params, undefined, options);
  }
  sendPrivateReply(senderId, commentId, text, options) {
    return this._op(44, senderId, commentId, text, options);
  }
  listConversations(senderId, params, options) {
    return this._op(45, senderId, params, undefined, options);
  }
  iterConversations(senderId, params, options) {
    return this._iter(45, senderId, params, undefined, options);
  }
  listMessages(conversationId, params, options) {
    return this._op(46, conversationId, params, undefined, options);
  }
  iterMessages(conversationId, params, options) {
    return this._iter(46, conversationId, params, undefined, options);
  }
  getMessage(messageId, params, options) {
    return this._op(47, messageId, params, undefined, options);
  }
}
// </generated>
for (const key of Object.getOwnPropertyNames(Methods.prototype)) {
  if (key !== "constructor") Object.defineProperty(InstagramClient.prototype, key, Object.getOwnPropertyDescriptor(Methods.prototype, key));
}

// A method of a freed client (or one called on something else) would reach Rust with a null
// pointer, which throws inside wasm: refuse it here, with a message a person understands.
// A second free() does nothing.
{
  const proto = InstagramClient.prototype;
  for (const key of Object.getOwnPropertyNames(proto)) {
    const d = Object.getOwnPropertyDescriptor(proto, key);
    if (key === "constructor" || key.startsWith("__")) continue;
    const guard = (f) =>
      function (...args) {
        if (!(this instanceof InstagramClient) || !this.__wbg_ptr) {
          if (key === "free") return undefined;
          throw new TypeError(`InstagramClient.${key}: called after free() (or not on a InstagramClient)`);
        }
        return f.apply(this, args);
      };
    if (typeof d.value === "function") d.value = guard(d.value);
    else if (d.get) d.get = guard(d.get);
    else continue;
    Object.defineProperty(proto, key, d);
  }
}
