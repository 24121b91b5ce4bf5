// The README's way of importing in a Worker: named exports only. Bundled (not run) to check that
// the wasm initialisation of the package's workerd entry survives tree-shaking.
import { InstagramClient } from "instagram-graph-wasm";

export default {
  fetch: () => new Response(typeof new InstagramClient({ accessToken: "x" }).apiVersion),
};
