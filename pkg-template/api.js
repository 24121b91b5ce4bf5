// What every runtime entry exports once the wasm is initialised.
import { Paginator } from "./instagram_graph.js";

export { InstagramClient, Paginator, initSync, default as init } from "./instagram_graph.js";
export * from "./errors.js";

// wasm-bindgen cannot put a Symbol-keyed method on an exported class: make every paginator
// usable in `for await`.
Paginator.prototype[Symbol.asyncIterator] = function () {
  return this;
};
