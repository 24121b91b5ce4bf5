// A Worker that imports the package by name (bundled through the `workerd` export condition, as
// wrangler does) and makes one Graph call to the sandbox: `make bench` times spawn → first answer.
// The namespace is used as a value (as tests/js/workerd/worker.js does by passing it on): with
// `"sideEffects": false` in the package, esbuild drops workerd.js's `initSync(...)` when only
// named exports (or `ig.X` property reads) are used; the bench checks and reports that separately.
import * as ig from "instagram-graph-wasm";

const { InstagramClient } = ig;

export default {
  async fetch(request) {
    const url = new URL(request.url);
    const client = new InstagramClient({ accessToken: "sandbox-token", baseUrl: url.searchParams.get("sandbox") });
    try {
      const user = await client.getUser(url.searchParams.get("ig"), { fields: ["id", "username"] });
      return Response.json(user);
    } finally {
      client.free();
    }
  },
};
