// A Worker that imports the package by name, with named imports as the README shows (bundled
// with the `workerd` export condition, as wrangler does, so the entry's initialisation must
// survive tree-shaking), and runs the smoke test against the sandbox URL it is given.
import { InstagramClient, GraphApiError, AuthError, DecodeError, ConnectionError, webhooks } from "instagram-graph-wasm";
import { smoke } from "../smoke.js";

const pkg = { InstagramClient, GraphApiError, AuthError, DecodeError, ConnectionError, webhooks };

export default {
  async fetch(request) {
    const url = new URL(request.url);
    try {
      const result = await smoke(pkg, url.searchParams.get("sandbox"), JSON.parse(url.searchParams.get("ids")));
      return Response.json(result);
    } catch (e) {
      return Response.json({ failed: String(e && e.stack || e) }, { status: 500 });
    }
  },
};
