// The dashboard: mode from /config.json, then account → profile card → the panels of
// www/js/panels.js as tabs (the overview first; each panel a module under www/js/panels/, shown
// by www/js/panel-host.js). A post opens in the post panel (insights, comments) from any panel.
// The rate-limit gauge is in the header. With Instagram Login (IG_LOGIN=instagram) there are no
// Pages: the account is the token's own (`me`).

import { Graph } from "./js/graph.js";
import { UsageMeter } from "./js/usage.js";
import { renderAccounts } from "./js/accounts.js";
import { PROFILE_FIELDS, renderProfile, renderProfileSkeleton } from "./js/profile.js";
import { MediaPanel } from "./js/media-panel.js";
import { PanelHost } from "./js/panel-host.js";
import { postsGrid } from "./js/panels/posts.js";
import { clearError, isAbort, showError } from "./js/errors.js";
import { h, replace } from "./js/dom.js";

const $ = (id) => document.getElementById(id);

const ui = {
  mode: $("mode"),
  account: $("account"),
  usage: $("usage"),
  main: $("main"),
  tabs: $("tabs"),
  views: $("views"),
  pageError: $("page-error"),
  profile: $("profile"),
  footer: $("footer-note"),
};

/** /config.json from serve.js; without it (another static server) fall back to the sandbox. */
async function loadConfig() {
  try {
    const res = await fetch("/config.json", { cache: "no-store" });
    if (res.ok) return await res.json();
  } catch {
    // fall through
  }
  return { mode: "sandbox" };
}

function showMode(graph) {
  const live = graph.mode === "live";
  ui.mode.dataset.mode = graph.mode;
  ui.mode.textContent = live ? "Live Graph API" : "Sandbox";
  ui.mode.title = live ? `Real Graph API, ${graph.apiVersion}` : "Built-in sandbox Graph API: realistic data, nothing leaves this page";
  replace(
    ui.footer,
    live
      ? `Live data from the Instagram Graph API (${graph.apiVersion}). `
      : "Sandbox data generated in this page, dated relative to today: no network, no token. Set IG_ACCESS_TOKEN to use the real Graph API. ",
    h("span", { class: "footer-pkg" }, "Powered by instagram-graph-wasm."),
  );
}

/** Strings never to show (the live token), even inside an error message. */
const secrets = [];

/** No account to show: drop the skeleton, the tabs and the panels. */
function clearSkeletons() {
  ui.profile.replaceChildren();
  ui.profile.setAttribute("aria-busy", "false");
  ui.tabs.hidden = true;
  ui.views.hidden = true;
}

async function main() {
  renderProfileSkeleton(ui.profile);
  const config = await loadConfig();
  if (config.accessToken) secrets.push(config.accessToken);
  let graph;
  try {
    graph = await Graph.connect(config, new URLSearchParams(location.search));
  } catch (err) {
    ui.mode.dataset.mode = "error";
    ui.mode.textContent = config.mode === "live" ? "Live Graph API" : "Sandbox";
    clearSkeletons();
    showError(ui.pageError, err, { secrets, onRetry: () => location.reload() });
    return;
  }
  showMode(graph);
  // For experiments in the console: demo.sandbox.fault({ path: /media/, status: 500 }), …
  if (graph.sandbox) globalThis.demo = { graph, client: graph.client, sandbox: graph.sandbox };

  const usage = new UsageMeter(ui.usage);
  graph.addEventListener("call", (e) => usage.update(e.detail.rateLimit));

  let accounts = [];
  let profileController = null;
  let currentId = null;
  let current = null;

  const panel = new MediaPanel({ graph, secrets, onChange: (media) => postsGrid()?.update(media) });
  panel.fallbackFocus = (media) => (media && postsGrid()?.tileButton(media.id)) || ui.main;

  /** The profile card of the account shown; → the profile (a Promise panels share). */
  function loadProfile(igUserId, { skeleton = true } = {}) {
    if (profileController) profileController.abort();
    const controller = (profileController = new AbortController());
    if (skeleton) renderProfileSkeleton(ui.profile);
    const pending = graph.call("getUser", igUserId, { fields: PROFILE_FIELDS }, { signal: controller.signal });
    pending.then((user) => {
      if (controller.signal.aborted) return;
      renderProfile(ui.profile, user);
      document.title = `${user.username ? `@${user.username}` : user.name || "Profile"} · Instagram Graph demo`;
    }, (err) => {
      if (isAbort(err) || controller.signal.aborted) return;
      ui.profile.replaceChildren();
      ui.profile.setAttribute("aria-busy", "false");
      showError(ui.pageError, err, { secrets, onRetry: () => { ui.main.focus({ preventScroll: true }); selectAccount(igUserId); } });
    });
    return pending;
  }

  const host = new PanelHost({
    nav: ui.tabs,
    viewsRoot: ui.views,
    graph,
    config,
    secrets,
    openPost: (media, opener) => panel.open(media, { account: current, opener }),
    // After a publish: the card's post count follows (the panels keep their profile).
    refreshProfile: () => currentId && loadProfile(currentId, { skeleton: false }).catch(() => {}),
  });

  function selectAccount(igUserId) {
    const account = accounts.find((a) => a.igUserId === igUserId);
    currentId = igUserId;
    current = account || { igUserId };
    panel.close();
    usage.setObjects([igUserId, account && account.pageId]);
    clearError(ui.pageError);
    ui.tabs.hidden = false;
    ui.views.hidden = false;
    const profile = loadProfile(igUserId);
    profile.catch(() => {});
    host.setAccount(current, profile);
  }

  async function connectedAccounts() {
    const page = await graph.call("listConnectedAccounts");
    return Array.isArray(page.data) ? page.data : [];
  }

  /** Instagram Login: the token's own account (`user_id` is its id; `id` is app-scoped). */
  async function ownAccount() {
    const me = await graph.call("getUser", "me", { fields: ["user_id", "username"] });
    return { igUserId: String(me.user_id), igUsername: me.username };
  }

  async function loadAccounts() {
    clearError(ui.pageError);
    renderProfileSkeleton(ui.profile);
    try {
      accounts = graph.login === "instagram" ? [await ownAccount()] : await connectedAccounts();
    } catch (err) {
      if (isAbort(err)) return;
      clearSkeletons();
      showError(ui.pageError, err, { secrets, onRetry: () => { ui.main.focus({ preventScroll: true }); loadAccounts(); } });
      return;
    }
    if (accounts.length === 0) {
      clearSkeletons();
      replace(
        ui.profile,
        h("div", { class: "empty" },
          h("h1", { class: "empty-title" }, "No Instagram account found"),
          h("p", null, "None of the Facebook Pages this token can see has an Instagram professional account connected. Connect one in the Page's settings, then reload.")),
      );
      return;
    }
    const first = accounts[0].igUserId;
    renderAccounts(ui.account, accounts, first, selectAccount);
    selectAccount(first);
  }

  await loadAccounts();
}

main().catch((err) => {
  // Last resort: never a stack on the page.
  clearSkeletons();
  showError(ui.pageError, err, { secrets, onRetry: () => location.reload() });
});
