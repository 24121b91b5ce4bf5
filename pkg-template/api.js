// What every runtime entry exports once the wasm is initialised.
import {
  InstagramClient,
  Paginator,
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

// wasm-bindgen cannot put a Symbol-keyed method on an exported class: make every paginator
// usable in `for await`.
Paginator.prototype[Symbol.asyncIterator] = function () {
  return this;
};

// A method of a freed object (or one called on something else) would reach Rust with a null
// pointer, which throws inside wasm: refuse it here, with a message a person understands.
// A second free() does nothing.
for (const C of [InstagramClient, Paginator]) {
  const proto = C.prototype;
  for (const key of Object.getOwnPropertyNames(proto)) {
    const d = Object.getOwnPropertyDescriptor(proto, key);
    if (key === "constructor" || key.startsWith("__")) continue;
    const guard = (f) =>
      function (...args) {
        if (!(this instanceof C) || !this.__wbg_ptr) {
          if (key === "free") return undefined;
          throw new TypeError(`${C.name}.${key}: called after free() (or not on a ${C.name})`);
        }
        return f.apply(this, args);
      };
    if (typeof d.value === "function") d.value = guard(d.value);
    else if (d.get) d.get = guard(d.get);
    else continue;
    Object.defineProperty(proto, key, d);
  }
}
