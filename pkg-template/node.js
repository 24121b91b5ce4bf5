// Node entry: synchronous initialisation from the file next to this one (no top-level await,
// so `require("instagram-graph-wasm")` works too).
import { readFileSync } from "node:fs";
import { initSync } from "./instagram_graph.js";

initSync({ module: readFileSync(new URL("./instagram_graph_bg.wasm", import.meta.url)) });

export * from "./api.js";
