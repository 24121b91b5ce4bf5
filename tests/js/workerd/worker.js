// A Worker that imports the package by name (bundled with the `workerd` export condition, as
// wrangler does) and runs the smoke test against the sandbox URL it is given.
import * as pkg from "instagram-graph-wasm";
import { smoke } from "../smoke.js";

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
