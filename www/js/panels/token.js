// Token (issue 13): what the token can do, and why not, from `client.diagnose()`. A switch
// diagnoses it in either login flavour: in sandbox mode with the sandbox's token of that
// flavour, in live mode with the live token against that flavour's host (a token of the other
// flavour shows as invalid there, which is the answer). serve.js's /config.json gives the live
// flavour (IG_LOGIN) and each flavour's base URL.

import { h, replace } from "../dom.js";

const FLAVOURS = { facebook: "Facebook Login", instagram: "Instagram Login" };

/** The flavour picked (kept across accounts and renders), and a client per flavour. */
let picked = null;
const clients = new Map();

/** A client of `login`'s flavour for the page's token (the page's own client when it is one). */
function clientFor(graph, config, login) {
  if (login === graph.login) return graph.client;
  if (!clients.has(login)) {
    const Client = graph.client.constructor;
    if (graph.sandbox) {
      clients.set(login, new Client({ accessToken: graph.sandbox.ids.instagramAccessToken, login, fetch: graph.sandbox.fetch }));
    } else {
      const options = { accessToken: config.accessToken, login };
      if (config.apiVersion) options.apiVersion = config.apiVersion;
      const base = login === "instagram" ? config.instagramBaseUrl : config.facebookBaseUrl;
      if (base) options.baseUrl = base;
      clients.set(login, new Client(options));
    }
  }
  return clients.get(login);
}

const when = (ms) => (ms === null ? "never" : new Date(ms).toISOString().replace("T", " ").slice(0, 16) + " UTC");

function summary(token) {
  const parts = [
    h("span", { class: `token-pill ${token.valid ? "token-ok" : "token-bad"}` }, token.valid ? "valid" : "not valid"),
    h("span", null, `kind: ${token.kind}`, token.kind === "unknown" && token.unknown.some((u) => /^kind\b/.test(u)) ? " (needs the app secret: see the details)" : ""),
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
  else if (m.ok && m.uncheckedScopes.length) why = `works if the token holds ${m.uncheckedScopes.join(", ")} (an Instagram User token does not list its scopes)`;
  else if (m.ok) why = "works";
  else {
    const missing = [];
    if (m.missingScopes.length) missing.push(`scopes: ${m.missingScopes.join(", ")}`);
    if (m.missingTasks.length) missing.push(`one of the Page tasks ${m.missingTasks.join(", ")}`);
    why = missing.length ? `missing ${missing.join("; ")}` : "blocked by a problem above";
  }
  return h("tr", { dataset: { ok: String(m.ok), method: name } },
    h("th", { scope: "row" }, h("code", null, name)),
    h("td", null, h("span", { "aria-hidden": "true" }, m.ok ? "✓" : "✗"), h("span", { class: "sr-only" }, m.ok ? "yes" : "no")),
    h("td", null, why));
}

const table = (caption, rows) => h("div", { class: "token-table" },
  h("table", { class: "data-table token-methods" }, h("caption", { class: "sr-only" }, caption),
    h("thead", null, h("tr", null, h("th", { scope: "col" }, "Method"), h("th", { scope: "col" }, "Works"), h("th", { scope: "col" }, "Why"))),
    h("tbody", null, rows)));

function show(el, d) {
  const entries = Object.entries(d.methods);
  const working = entries.filter(([, m]) => m.ok).length;
  // What the flavour lacks is said once; the table is of what could be fixed.
  const notOffered = entries.filter(([, m]) => !m.offered).map(([n]) => n);
  const failing = entries.filter(([, m]) => !m.ok && m.offered);
  const flavour = FLAVOURS[d.token.login] ?? "this login";
  replace(
    el,
    summary(d.token),
    h("p", { class: "token-count" }, `${working} of ${entries.length} methods work with this token.`),
    notOffered.length
      ? h("p", { class: "token-not-offered" }, `Not offered with ${flavour} (${notOffered.length}): `,
        notOffered.map((n, i) => [i ? ", " : "", h("code", { dataset: { method: n } }, n)]), ".")
      : null,
    d.problems.length
      ? h("ul", { class: "token-problems", "aria-label": "Problems" }, d.problems.map((p) => h("li", { dataset: { code: p.code } }, h("strong", null, p.code), " ", p.message)))
      : null,
    failing.length ? table("Methods that do not work, and why", failing.map(([n, m]) => methodRow(n, m))) : null,
    h("details", { class: "token-details" },
      h("summary", null, "Every method, the accounts and their Page tasks"),
      table("Every method", entries.map(([n, m]) => methodRow(n, m))),
      h("ul", { class: "token-accounts" }, d.accounts.map((a) => h("li", null,
        a.pageId ? `Page ${a.pageName ?? a.pageId}: ` : "",
        a.igUserId ? `@${a.igUsername ?? a.igUserId}` : "no Instagram account",
        a.tasks ? ` · tasks ${a.tasks.join(", ") || "none"}` : " · no Pages or tasks with Instagram Login"))),
      d.token.unknown.length ? h("ul", { class: "token-unknown" }, d.token.unknown.map((u) => h("li", null, u))) : null),
  );
}

export default {
  async render(root, ctx) {
    const { graph, config } = ctx;
    const body = h("div", { class: "token-body", "aria-live": "polite" });
    const select = h("select", { id: "token-flavour", class: "account-select" },
      Object.entries(FLAVOURS).map(([value, label]) => h("option", { value }, label)));
    select.value = picked ?? graph.login;
    const again = h("button", { type: "button", class: "button button-small", id: "token-again" }, "Check again");
    let run = 0;
    /** Diagnose in the flavour picked; a failure of the first run is the panel's error state. */
    async function check({ first = false } = {}) {
      const mine = ++run;
      picked = select.value;
      body.setAttribute("aria-busy", "true");
      ctx.loading(body, `Checking the token with ${FLAVOURS[select.value]}…`);
      try {
        const d = await clientFor(graph, config, select.value).diagnose({}, { signal: ctx.signal });
        if (mine === run && !ctx.signal.aborted) show(body, d);
      } catch (err) {
        if (first) throw err;
        if (mine === run) {
          body.replaceChildren();
          ctx.fail(body, err, () => check());
        }
      } finally {
        if (mine === run) body.setAttribute("aria-busy", "false");
      }
    }
    select.addEventListener("change", () => check());
    again.addEventListener("click", () => check());
    await check({ first: true });
    replace(root,
      h("div", { class: "token-controls" }, h("label", { class: "token-switch", for: "token-flavour" }, "Diagnose with"), select, again),
      body);
  },
};
