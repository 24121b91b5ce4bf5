/**
 * Node entry of `instagram-graph-wasm/sandbox`: everything from the core entry, and a
 * `createSandbox` whose result can also `listen()` on a loopback port.
 */
import type { NodeSandbox, SandboxOptions } from "./index.js";

export * from "./index.js";

/** Create a sandbox Graph API that can also serve itself over loopback HTTP. */
export declare function createSandbox(options?: SandboxOptions): NodeSandbox;
