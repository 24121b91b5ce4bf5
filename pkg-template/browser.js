// Browser and bundler entry: fetches the .wasm next to this file (top-level await, ES2022).
import init from "./instagram_graph.js";

await init({ module_or_path: new URL("./instagram_graph_bg.wasm", import.meta.url) });

export * from "./api.js";
