// Cloudflare Workers / workerd entry: the .wasm import is a compiled WebAssembly.Module there
// (Workers cannot compile wasm from bytes at run time).
import wasmModule from "./instagram_graph_bg.wasm";
import { initSync } from "./instagram_graph.js";

initSync({ module: wasmModule });

export * from "./api.js";
