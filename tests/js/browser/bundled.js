// The smoke page as a bundler would build it: named imports from the package by name.
import { InstagramClient, GraphApiError, AuthError, DecodeError, ConnectionError, webhooks } from "instagram-graph-wasm";
import { smoke } from "../smoke.js";

const q = new URLSearchParams(location.search);
smoke({ InstagramClient, GraphApiError, AuthError, DecodeError, ConnectionError, webhooks }, q.get("sandbox"), JSON.parse(q.get("ids")))
  .then((r) => { window.__result = r; })
  .catch((e) => { window.__result = { failed: String((e && e.stack) || e) }; });
