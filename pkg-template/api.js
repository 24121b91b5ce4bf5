// What every runtime entry exports once the wasm is initialised.
import {
  Paginator,
  oauthDebugToken,
  oauthExchangeCode,
  oauthExchangeForLongLivedToken,
  oauthLoginUrl,
  oauthRequiredPermissions,
  webhooksHandle,
  webhooksParse,
  webhooksSign,
  webhooksVerifySignature,
  webhooksVerifySubscription,
} from "./instagram_graph.js";

export { InstagramClient, Paginator, captionStats, initSync, default as init } from "./instagram_graph.js";
export * from "./errors.js";

/** Instagram webhooks: verification, signatures (pure-Rust HMAC-SHA256), payloads, a handler. */
export const webhooks = Object.freeze({
  verifySubscription: webhooksVerifySubscription,
  verifySignature: webhooksVerifySignature,
  sign: webhooksSign,
  parse: webhooksParse,
  handle: webhooksHandle,
});

/** Facebook Login: the dialog URL, token exchanges (servers only: they need the app secret), debug_token. */
export const oauth = Object.freeze({
  loginUrl: oauthLoginUrl,
  exchangeCode: oauthExchangeCode,
  exchangeForLongLivedToken: oauthExchangeForLongLivedToken,
  debugToken: oauthDebugToken,
  requiredPermissions: oauthRequiredPermissions,
});

// wasm-bindgen cannot put a Symbol-keyed method on an exported class: make every paginator
// usable in `for await`.
Paginator.prototype[Symbol.asyncIterator] = function () {
  return this;
};
