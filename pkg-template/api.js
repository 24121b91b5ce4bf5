// What every runtime entry exports once the wasm is initialised.
import {
  Paginator,
  webhooksHandle,
  webhooksParse,
  webhooksSign,
  webhooksVerifySignature,
  webhooksVerifySubscription,
} from "./instagram_graph.js";

export { InstagramClient, Paginator, initSync, default as init } from "./instagram_graph.js";
export * from "./errors.js";

/** Instagram webhooks: verification, signatures (pure-Rust HMAC-SHA256), payloads, a handler. */
export const webhooks = Object.freeze({
  verifySubscription: webhooksVerifySubscription,
  verifySignature: webhooksVerifySignature,
  sign: webhooksSign,
  parse: webhooksParse,
  handle: webhooksHandle,
});

// wasm-bindgen cannot put a Symbol-keyed method on an exported class: make every paginator
// usable in `for await`.
Paginator.prototype[Symbol.asyncIterator] = function () {
  return this;
};
