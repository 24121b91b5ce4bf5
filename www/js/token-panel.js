// The "Token" panel: what the token can do, and why not, from `client.diagnose()` (issue 13).
// Self-contained: give it an empty element, the page's Graph handle and /config.json; it needs
// nothing else from the page. A switch diagnoses the token in either login flavour: in sandbox
// mode with the sandbox's token of that flavour, in live mode with the live token (a token of
// the other flavour shows as invalid there, which is the answer).

import { h, replace } from "./dom.js";
import { redact } from "./errors.js";

const FLAVOURS = { facebook: "Facebook Login", instagram: "Instagram Login" };

/** A client of `login`'s flavour for the page's token (the page's own client when it is one). */
function clientFor(graph, config, login) {
  const Client = graph.client.constructor;
  if (graph.sandbox) {
    if (login === "facebook") return graph.client;
    return new Client({ accessToken: graph.sandbox.ids.instagramAccessToken, login, fetch: graph.sandbox.fetch });
  }
  if (login === (config.login || "facebook")) return graph.client;
  const options = { accessToken: config.accessToken, login };
  if (config.apiVersion) options.apiVersion = config.apiVersion;
  const base = login === "instagram" ? config.instagramBaseUrl : config.facebookBaseUrl;
  if (base) options.baseUrl = base;
  return new Client(options);
}

const when = (ms) => (ms === null ? "never" : new Date(ms).toISOString().replace("T", " ").slice(0, 16) + " UTC");

function summary(token) {
  const parts = [
    h("span", { class: `token-pill ${token.valid ? "token-ok" : "token-bad"}` }, token.valid ? "valid" : "not valid"),
    h("span", null, `kind: ${token.kind}`),
    h("span", null, `${FLAVOURS[token.login] ?? token.login}`),
  ];
  if (token.userId) parts.push(h("span", null, `user ${token.userId}`));
  if (!token.unknown.some((u) => u.includes("expiresAt"))) parts.push(h("span", null, `expires: ${when(token.expiresAt)}`));
  if (token.scopes.length) parts.push(h("span", null, `scopes: ${token.scopes.join(", ")}`));
  return h("p", { class: "token-summary" }, parts);
}

function methodRow(name, m) {
  let why;
  if (!m.offered) why = "not offered in this flavour";
  else if (m.ok && m.uncheckedScopes.length) why = `works; cannot check ${m.uncheckedScopes.join(", ")}`;
  else if (m.ok) why = "works";
  else {
    const missing = [];
    if (m.missingScopes.length) missing.push(`scopes: ${m.missingScopes.join(", ")}`);
    if (m.missingTasks.length) missing.push(`one of the Page tasks ${m.missingTasks.join(", ")}`);
    why = missing.length ? `missing ${missing.join("; ")}` : "blocked by a problem above";
  }
  return h("tr", { dataset: { ok: String(m.ok), method: name } }, h("td", null, h("code", null, name)), h("td", null, m.ok ? "✓" : "✗"), h("td", null, why));
}

function render(el, d) {
  const entries = Object.entries(d.methods);
  const working = entries.filter(([, m]) => m.ok).length;
  const failing = entries.filter(([, m]) => !m.ok);
  const table = (rows) => h("table", { class: "token-methods" }, h("thead", null, h("tr", null, h("th", null, "method"), h("th", null, "works"), h("th", null, "why"))), h("tbody", null, rows));
  replace(
    el,
    summary(d.token),
    h("p", { class: "token-count", role: "status" }, `${working} of ${entries.length} methods work with this token.`),
    d.problems.length
      ? h("ul", { class: "token-problems" }, d.problems.map((p) => h("li", { dataset: { code: p.code } }, h("strong", null, p.code), " ", p.message)))
      : null,
    failing.length ? table(failing.map(([n, m]) => methodRow(n, m))) : null,
    h("details", { class: "token-details" },
      h("summary", null, "Every method, the accounts and their Page tasks"),
      table(entries.map(([n, m]) => methodRow(n, m))),
      h("ul", { class: "token-accounts" }, d.accounts.map((a) => h("li", null,
        a.pageId ? `Page ${a.pageName ?? a.pageId}: ` : "",
        a.igUserId ? `@${a.igUsername ?? a.igUserId}` : "no Instagram account",
        a.tasks ? ` · tasks ${a.tasks.join(", ") || "none"}` : " · no Pages or tasks with Instagram Login"))),
      d.token.unknown.length ? h("ul", { class: "token-unknown" }, d.token.unknown.map((u) => h("li", null, u))) : null),
  );
}

/**
 * Mount the panel in `root` (an empty element): a heading, the flavour switch, and the diagnosis.
 * @param {HTMLElement} root
 * @param {{ graph: import("./graph.js").Graph, config: object, secrets?: string[] }} o
 */
export function mountTokenPanel(root, { graph, config, secrets = [] }) {
  const body = h("div", { class: "token-body", "aria-live": "polite" });
  const select = h("select", { id: "token-flavour", class: "account-select" },
    Object.entries(FLAVOURS).map(([value, label]) => h("option", { value }, label)));
  select.value = graph.sandbox ? "facebook" : config.login || "facebook";
  const again = h("button", { type: "button", class: "button button-small" }, "Check again");
  let run = 0;
  async function check() {
    const mine = ++run;
    replace(body, h("p", { class: "token-count" }, "Checking the token…"));
    try {
      const d = await clientFor(graph, config, select.value).diagnose();
      if (mine === run) render(body, d);
    } catch (err) {
      if (mine !== run) return;
      replace(body, h("p", { class: "token-error", role: "alert" }, redact(`${err.name}: ${err.message}`, secrets)));
    }
  }
  select.addEventListener("change", check);
  again.addEventListener("click", check);
  replace(
    root,
    h("div", { class: "section-head" },
      h("h2", { id: "token-title" }, "Token"),
      h("label", { class: "token-switch" }, "Diagnose with ", select),
      again),
    body,
  );
  root.hidden = false;
  return check();
}
