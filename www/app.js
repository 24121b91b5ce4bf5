// The dashboard: mode from /config.json, then account → profile → composer (publish a photo,
// carousel or reel) → media grid; a tile opens the media panel (insights charts, comments). The
// rate-limit gauge is in the header. Each part lives in www/js/.

import { Graph } from "./js/graph.js";
import { UsageMeter } from "./js/usage.js";
import { renderAccounts } from "./js/accounts.js";
import { PROFILE_FIELDS, renderProfile, renderProfileSkeleton } from "./js/profile.js";
import { MediaGrid, renderGridSkeleton } from "./js/media-grid.js";
import { MediaPanel } from "./js/media-panel.js";
import { Composer } from "./js/composer.js";
import { mountInbox } from "./js/inbox.js";
import { clearError, isAbort, showError } from "./js/errors.js";
import { h, replace } from "./js/dom.js";
import { mountTokenPanel } from "./js/token-panel.js";

const $ = (id) => document.getElementById(id);

const ui = {
  mode: $("mode"),
  account: $("account"),
  usage: $("usage"),
  main: $("main"),
  media: $("media"),
  grid: $("grid"),
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
      : "Sandbox data generated in this page: no network, no token. Set IG_ACCESS_TOKEN to use the real Graph API. ",
    h("span", { class: "footer-pkg" }, "Powered by instagram-graph-wasm."),
  );
}

/** Strings never to show (the live token), even inside an error message. */
const secrets = [];

/** No account to show: drop the skeletons and the media section. */
function clearSkeletons() {
  ui.profile.replaceChildren();
  ui.profile.setAttribute("aria-busy", "false");
  ui.grid.replaceChildren();
  ui.grid.setAttribute("aria-busy", "false");
  ui.media.hidden = true;
  $("composer").hidden = true;
}

async function main() {
  renderProfileSkeleton(ui.profile);
  renderGridSkeleton(ui.grid);
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
  mountTokenPanel($("token-panel"), { graph, config, secrets });
  // For experiments in the console: demo.sandbox.fault({ path: /media/, status: 500 }), …
  if (graph.sandbox) globalThis.demo = { graph, client: graph.client, sandbox: graph.sandbox };

  const usage = new UsageMeter(ui.usage);
  graph.addEventListener("call", (e) => usage.update(e.detail.rateLimit));

  const grid = new MediaGrid({
    graph,
    secrets,
    list: ui.grid,
    button: $("load-more"),
    sentinel: $("sentinel"),
    status: $("media-status"),
    endNote: $("end-note"),
    errorSlot: $("media-error"),
  });

  let accounts = [];
  let profileController = null;
  let currentId = null;

  const panel = new MediaPanel({ graph, secrets, onChange: (media) => grid.update(media) });
  panel.fallbackFocus = (media) => (media && grid.tileButton(media.id)) || ui.grid;
  grid.onOpen = (media, button) => panel.open(media, { igUserId: currentId, opener: button });

  // Above the posts: below an infinite grid it could never be reached.
  const inbox = mountInbox({ graph, secrets, root: ui.main.insertBefore(h("section", { id: "inbox" }), ui.media) });

  const composer = new Composer({
    graph,
    secrets,
    root: $("composer"),
    onPublished: (media) => grid.prepend(media),
  });

  async function selectAccount(igUserId) {
    const account = accounts.find((a) => a.igUserId === igUserId);
    currentId = igUserId;
    panel.close();
    composer.setAccount(igUserId);
    usage.setObjects([igUserId, account && account.pageId]);
    clearError(ui.pageError);
    if (profileController) profileController.abort();
    const controller = (profileController = new AbortController());
    renderProfileSkeleton(ui.profile);
    ui.media.hidden = false;
    $("composer").hidden = false;
    // Profile and first page of media in parallel; the profile's media_count feeds the grid's status.
    const media = grid.show(igUserId);
    if (account) inbox.show(account);
    try {
      const user = await graph.call("getUser", igUserId, { fields: PROFILE_FIELDS }, { signal: controller.signal });
      if (controller.signal.aborted) return;
      renderProfile(ui.profile, user);
      grid.setTotal(user.media_count);
      document.title = `${user.username ? `@${user.username}` : user.name || "Profile"} · Instagram Graph demo`;
    } catch (err) {
      if (isAbort(err) || controller.signal.aborted) return;
      ui.profile.replaceChildren();
      ui.profile.setAttribute("aria-busy", "false");
      showError(ui.pageError, err, { secrets, onRetry: () => { ui.main.focus({ preventScroll: true }); selectAccount(igUserId); } });
    }
    await media;
  }

  async function loadAccounts() {
    clearError(ui.pageError);
    renderProfileSkeleton(ui.profile);
    renderGridSkeleton(ui.grid);
    ui.media.hidden = false;
    try {
      const page = await graph.call("listConnectedAccounts");
      accounts = Array.isArray(page.data) ? page.data : [];
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
    await selectAccount(first);
  }

  await loadAccounts();
}

main().catch((err) => {
  // Last resort: never a stack on the page.
  clearSkeletons();
  showError(ui.pageError, err, { secrets, onRetry: () => location.reload() });
});
