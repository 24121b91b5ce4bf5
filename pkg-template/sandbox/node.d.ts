/**
 * Node entry of `instagram-graph-wasm/sandbox`: everything from the core entry, and a
 * `createSandbox` whose result can also `listen()` on a loopback port.
 *
 * TypeScript reads this file under `moduleResolution: "nodenext"` (the `node` condition) and
 * under `"bundler"` (which knows no platform: the `types` condition), so `listen` type-checks in
 * a Vite or Vitest project's Node code. The `browser`, `workerd` and `worker` conditions get
 * `index.d.ts`, without `listen`: it exists in Node only.
 */
import type { NodeSandbox, SandboxOptions } from "./index.js";

export * from "./index.js";

/** Create a sandbox Graph API that can also serve itself over loopback HTTP. */
export declare function createSandbox(options?: SandboxOptions): NodeSandbox;
