#!/usr/bin/env node
// Drives the demo page (www/serve.js) in headless Chromium and checks it end to end:
//   sandbox mode: it opens on the overview; the Posts tab: profile + 24 tiles, "Load more" → 48,
//   infinite scroll → 72, keyboard focus, an error box (Meta's user title/message, no stack,
//   retry works), no console errors, no horizontal overflow at 360 px, the account picker;
//   every panel of www/js/panels.js (check-dashboard.mjs): the numbers on screen against the
//   sandbox's Graph API, the 30-day windows, sorting, CSV export, moderation with undo, the empty
//   and error states, axe (no serious or critical violation) at 1280 px light and 360 px dark;
//   the token panel and the inbox (check-messaging.mjs): diagnose() and the flavour switch, a
//   thread, sends inside and past the 24-hour window, "Reply privately" on a comment;
//   the post panel: insight bars against getMediaInsights and the sandbox's data, replies to /
//   hides / unhides a comment and deletes the reply (checked in sandbox.state.comments), Escape
//   returns focus; caption counters agree with the package's own validation, publishes a
//   carousel (stages up to "published", first in the grid, the profile says 241 posts), uploads
//   a generated video (byte progress to the end, reel published), a forced Graph error shows
//   error_user_title/msg; the panel at 360 px.
//   live mode (IG_ACCESS_TOKEN + IG_BASE_URL pointed at a loopback sandbox): same page, token
//   never printed; the token panel with a limited token, and with IG_LOGIN=instagram; serve.js
//   itself: one stdout line, MIME types, Host check, no path escapes,
//   clean exit on SIGTERM.
// Saves in test-results/: <panel>-desktop.png (1280 px, light) and <panel>-mobile.png (360 px,
// dark) for every panel, post-panel-desktop.png / -mobile.png, publish-desktop.png,
// composer-mobile.png, state-permission-error.png, state-empty-audience.png, token-desktop.png
// (details open), inbox-desktop.png, inbox-refused-desktop.png, state-inbox-permission.png,
// post-panel-private-reply-desktop.png.
// Usage: node www/check.mjs   (needs pkg/ built; exits non-zero on the first failed check;
// CHECK_VERBOSE=1 prints the whole message of a failure, Playwright's call log included)

import { spawn } from "node:child_process";
import http from "node:http";
import net from "node:net";
import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { createSandbox } from "../pkg/sandbox/node.js";
import { axeCheck, dashboardPanels } from "./check-dashboard.mjs";
import { messagingPanels, tokenLive } from "./check-messaging.mjs";

const WWW = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(WWW, "..");
const RESULTS = resolve(ROOT, "test-results");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const ARGS = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
];
const TOKEN = "sandbox-token";

let failures = 0;
const cleanups = [];
const openPages = [];

function ok(cond, message) {
  if (!cond) throw new Error(message);
}

async function step(name, fn) {
  const t = Date.now();
  try {
    await fn();
    console.log(`ok   ${name} (${Date.now() - t} ms)`);
  } catch (err) {
    failures++;
    console.log(`FAIL ${name}: ${err && err.message ? err.message.split("\n").slice(0, process.env.CHECK_VERBOSE ? 12 : 1).join("\n") : err}`);
    throw err;
  }
}

async function freePort() {
  const srv = net.createServer();
  await new Promise((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

/** Start www/serve.js; resolves with { url, proc, stdout() } once it printed its line. */
async function startServer(env) {
  const proc = spawn(process.execPath, [resolve(WWW, "serve.js")], {
    env: { ...process.env, IG_ACCESS_TOKEN: "", IG_APP_SECRET: "", IG_API_VERSION: "", IG_BASE_URL: "", IG_LOGIN: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  proc.stdout.on("data", (d) => (out += d));
  proc.stderr.on("data", (d) => (err += d));
  const exited = new Promise((r) => proc.once("exit", (code, signal) => r({ code, signal })));
  cleanups.push(() => proc.exitCode === null && proc.kill("SIGKILL"));
  const end = Date.now() + 10000;
  while (!out.includes("\n")) {
    if (proc.exitCode !== null) throw new Error(`serve.js exited ${proc.exitCode}: ${err.trim()}`);
    if (Date.now() > end) throw new Error("serve.js printed nothing in 10 s");
    await new Promise((r) => setTimeout(r, 25));
  }
  const m = /^demo: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
  ok(m, `unexpected first line: ${JSON.stringify(out)}`);
  return { url: m[1], proc, exited, stdout: () => out, stderr: () => err };
}

/** A raw GET (custom Host header, unnormalised path) → { status, type }. */
function rawGet(url, path, headers = {}) {
  const u = new URL(url);
  return new Promise((resolveGet, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path, method: "GET", headers }, (res) => {
      res.resume();
      res.on("end", () => resolveGet({ status: res.statusCode, type: res.headers["content-type"] || "", csp: res.headers["content-security-policy"] || "" }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** A page that records console errors, page errors and failed requests. */
async function newPage(browser, { colorScheme = "light", ...viewport }) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, colorScheme });
  const page = await context.newPage();
  openPages.push(page);
  const problems = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" || msg.type() === "warning") problems.push(`console.${msg.type()}: ${msg.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`requestfailed: ${r.url()} ${r.failure() && r.failure().errorText}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return { context, page, problems };
}

const tiles = (page) => page.locator("#grid > li.tile:not(.tile-skeleton)");

async function waitForTiles(page, n, timeout = 15000) {
  await page.waitForFunction(
    (want) => document.querySelectorAll("#grid > li.tile:not(.tile-skeleton)").length === want,
    n,
    { timeout },
  ).catch(async () => {
    const boxes = (await page.locator(".error-box").allTextContents()).join(" / ");
    throw new Error(`expected ${n} tiles, have ${await tiles(page).count()}${boxes ? `; error box: ${boxes}` : ""}`);
  });
}

/** Every tile: an image with alt text (or a labelled placeholder), a type badge, counts. */
async function checkTiles(page) {
  const bad = await page.evaluate(() => {
    const out = [];
    for (const li of document.querySelectorAll("#grid > li.tile:not(.tile-skeleton)")) {
      const img = li.querySelector("img.tile-media, .tile-placeholder[aria-label]");
      const alt = img && (img.getAttribute("alt") || img.getAttribute("aria-label"));
      if (!alt || !alt.trim()) out.push(`${li.dataset.id}: no alt`);
      if (img && img.tagName === "IMG" && !(img.complete && img.naturalWidth > 0) && img.loading !== "lazy") out.push(`${li.dataset.id}: image not loaded`);
      const badge = li.querySelector(".badge");
      if (!badge || !["Photo", "Video", "Album"].includes(badge.textContent.trim())) out.push(`${li.dataset.id}: badge ${badge && badge.textContent}`);
      if (li.querySelectorAll(".tile-stats .stat").length < 1) out.push(`${li.dataset.id}: no counts`);
    }
    return out;
  });
  ok(bad.length === 0, `bad tiles: ${bad.slice(0, 5).join("; ")}`);
}

async function checkProfile(page, { name, username }) {
  await page.waitForSelector("#profile .profile-name", { timeout: 15000 });
  ok((await page.textContent("#profile .profile-name")).trim() === name, `profile name is not ${name}`);
  ok((await page.textContent("#profile .profile-username")).trim() === `@${username}`, `username is not @${username}`);
  const counts = (await page.locator("#profile .count").allTextContents()).map((t) => t.replace(/\s+/g, " ").trim());
  ok(counts.length === 3 && /posts$/.test(counts[0]) && /followers$/.test(counts[1]) && /following$/.test(counts[2]), `counts: ${counts.join(" | ")}`);
  ok(await page.locator("#profile .bio").count() === 1, "no biography");
  const avatar = await page.evaluate(() => {
    const img = document.querySelector("#profile img.avatar");
    return img && { alt: img.alt, loaded: img.complete && img.naturalWidth > 0 };
  });
  ok(avatar && avatar.loaded && avatar.alt.includes(username), `avatar: ${JSON.stringify(avatar)}`);
}

async function main() {
  await mkdir(RESULTS, { recursive: true });

  // ---- serve.js itself ---------------------------------------------------------------------
  const server = await startServer({ PORT: String(await freePort()) });
  const { url } = server;

  await step("serve.js: MIME types, /config.json, Host check, no path escapes", async () => {
    const check = async (path, status, type) => {
      const r = await rawGet(url, path);
      ok(r.status === status, `${path}: status ${r.status}, want ${status}`);
      if (type) ok(r.type.startsWith(type), `${path}: type ${r.type}, want ${type}`);
      return r;
    };
    const html = await check("/", 200, "text/html");
    ok(html.csp.includes("'wasm-unsafe-eval'") && html.csp.includes("sha256-"), `CSP: ${html.csp}`);
    await check("/app.js", 200, "text/javascript");
    await check("/js/panels/overview.js", 200, "text/javascript");
    await check("/style.css", 200, "text/css");
    await check("/dashboard.css", 200, "text/css");
    await check("/pkg/browser.js", 200, "text/javascript");
    await check("/pkg/sandbox/index.js", 200, "text/javascript");
    await check("/pkg/instagram_graph_bg.wasm", 200, "application/wasm");
    const cfg = await (await fetch(`${url}config.json`)).json();
    ok(cfg.mode === "sandbox" && !("accessToken" in cfg), `config: ${JSON.stringify(cfg)}`);
    await check("/nope.js", 404);
    for (const p of ["/../package.json", "/..%2fpackage.json", "/%2e%2e/package.json", "/pkg/..%2f..%2fpackage.json", "/pkg/%2e%2e/%2e%2e/etc/passwd", "/.git/config", "/js/%00.js", "/..\\package.json"]) {
      const r = await rawGet(url, p);
      ok(r.status === 403 || r.status === 404 || r.status === 400, `${p}: status ${r.status}`);
    }
    const evil = await rawGet(url, "/config.json", { host: "evil.example:80" });
    ok(evil.status === 421, `foreign Host answered ${evil.status}`);
    const post = await fetch(`${url}config.json`, { method: "POST" });
    ok(post.status === 405, `POST answered ${post.status}`);
  });

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  cleanups.push(() => browser.close());

  // ---- sandbox mode, desktop ---------------------------------------------------------------
  const desk = await newPage(browser, { width: 1280, height: 900 });
  const { page } = desk;
  await step("sandbox: page opens on the overview; the Posts tab shows the profile and 24 tiles", async () => {
    await page.goto(url);
    await page.waitForSelector("#view-overview[data-state=ready]", { timeout: 15000 });
    ok(await page.getAttribute("#tab-overview", "aria-current") === "page", "the Overview tab is not the current one");
    ok(await page.isHidden("#view-posts"), "the posts panel is shown on landing");
    await page.click("#tab-posts");
    ok(new URL(page.url()).hash === "#posts", `hash ${new URL(page.url()).hash}`);
    await waitForTiles(page, 24);
    ok((await page.textContent("#mode")).trim() === "Sandbox", "mode badge is not Sandbox");
    await checkProfile(page, { name: "Sandbox Coffee Roasters", username: "sandbox.coffee" });
    await checkTiles(page);
    ok((await page.textContent("#account")).includes("@sandbox.coffee"), "account not shown in the header");
    ok(await page.isVisible("#load-more"), "Load more is not visible");
    ok(/Showing 24 of 240/.test(await page.textContent("#media-status")), `status: ${await page.textContent("#media-status")}`);
  });

  await step("sandbox: usage gauge shows app and account call_count", async () => {
    const meters = await page.locator("#usage [role=meter]").evaluateAll((els) => els.map((e) => e.getAttribute("aria-valuenow")));
    // 0.2 % per call by default: the readings are there, and still low.
    ok(meters.length === 2 && meters.every((v) => v !== null && Number(v) >= 0 && Number(v) < 5), `meters: ${JSON.stringify(meters)}`);
  });

  await step("sandbox: desktop screenshot", async () => {
    await page.evaluate(() => document.fonts && document.fonts.ready);
    await page.screenshot({ path: resolve(RESULTS, "posts-desktop.png") });
  });

  await step("sandbox: keyboard: skip link, then tab to a tile with a visible focus ring", async () => {
    await page.reload();
    await waitForTiles(page, 24);
    await page.keyboard.press("Tab");
    ok(await page.evaluate(() => document.activeElement.classList.contains("skip-link")), "first Tab is not the skip link");
    // Website link in the profile, the tabs, "Create a post", then the first tile.
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate(() => document.activeElement.classList.contains("tile-link"))) break;
    }
    const focus = await page.evaluate(() => {
      const el = document.activeElement;
      // The ring is drawn on the link, or around its tile (li) where :has() is supported.
      const ring = [el, el.closest(".tile")].filter(Boolean).map((e) => getComputedStyle(e)).find((s) => s.outlineStyle !== "none" && s.outlineWidth !== "0px");
      return { tile: el.classList.contains("tile-link"), ring: ring ? `${ring.outlineStyle} ${ring.outlineWidth}` : null, alt: el.querySelector("img") && el.querySelector("img").alt };
    });
    ok(focus.tile && focus.ring && focus.alt, `focus: ${JSON.stringify(focus)}`);
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll("button, a[href], select")].filter((el) => !(el.textContent.trim() || el.getAttribute("aria-label") || el.querySelector("img[alt]"))).length);
    ok(unlabelled === 0, `${unlabelled} controls without a name`);
    const lmTag = await page.evaluate(() => document.getElementById("load-more").tagName);
    ok(lmTag === "BUTTON", "Load more is not a button");
  });

  await step("sandbox: Load more → 48 tiles", async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.evaluate(() => document.getElementById("load-more").click());
    await waitForTiles(page, 48);
    await page.waitForFunction(() => document.getElementById("load-more").getAttribute("aria-busy") === "false");
    ok(/Showing 48 of 240/.test(await page.textContent("#media-status")), "status did not update");
    await checkTiles(page);
  });

  await step("sandbox: infinite scroll → 72 tiles", async () => {
    await page.evaluate(() => document.getElementById("sentinel").scrollIntoView());
    await waitForTiles(page, 72);
  });

  await step("sandbox: error box with Meta's user title/message, no stack, retry recovers", async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.evaluate(() => {
      globalThis.demo.sandbox.fault({
        path: /\/media$/,
        body: { error: { message: "Error validating access token: Session has expired", type: "OAuthException", code: 190, error_subcode: 463, error_user_title: "Session expired", error_user_msg: "Please log in again to continue.", fbtrace_id: "Atrace" } },
      });
      document.getElementById("load-more").click();
    });
    await page.waitForSelector("#media-error .error-box", { timeout: 10000 });
    const text = await page.textContent("#media-error");
    ok(text.includes("Session expired") && text.includes("Please log in again to continue."), `error text: ${text}`);
    ok(!/\bat\s+\S+\s*\(|\.js:\d+|sandbox-token|wasm-function/.test(text), `error shows internals: ${text}`);
    ok((await page.getAttribute("#media-error .error-box", "role")) === "alert", "error box is not role=alert");
    ok(await tiles(page).count() === 72, "tiles changed on error");
    await page.click("#media-error button");
    await waitForTiles(page, 96);
    ok(await page.locator("#media-error .error-box").count() === 0, "error box stayed after the retry");
  });

  await step("sandbox: loading every page → 240 tiles, button gone, end note shown", async () => {
    for (let n = 120; n <= 240; n += 24) {
      await page.evaluate(() => document.getElementById("load-more").click());
      await waitForTiles(page, n);
      await page.waitForFunction(() => document.getElementById("load-more").getAttribute("aria-busy") === "false");
    }
    ok(await page.isHidden("#load-more"), "Load more still visible at the end");
    ok(/That's all 240 posts/.test(await page.textContent("#end-note")), `end note: ${await page.textContent("#end-note")}`);
    const ids = await tiles(page).evaluateAll((els) => els.map((e) => e.dataset.id));
    ok(new Set(ids).size === 240, "duplicate tiles");
  });

  await step("sandbox: no console errors, failed requests or HTTP errors", async () => {
    ok(desk.problems.length === 0, desk.problems.join("\n"));
  });
  await desk.context.close();

  await dashboardPanels({ browser, url, step, ok, newPage, RESULTS });
  await messagingPanels({ browser, url, step, ok, newPage, RESULTS });
  await dashboard(browser, url);

  // ---- sandbox mode, mobile ----------------------------------------------------------------
  const mob = await newPage(browser, { width: 360, height: 740 });
  await step("sandbox: 360 px: profile, 24 tiles, no horizontal overflow", async () => {
    await mob.page.goto(`${url}#posts`);
    await waitForTiles(mob.page, 24);
    await checkProfile(mob.page, { name: "Sandbox Coffee Roasters", username: "sandbox.coffee" });
    const widths = await mob.page.evaluate(() => ({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, vw: window.innerWidth }));
    ok(widths.doc <= widths.vw && widths.body <= widths.vw, `overflow: ${JSON.stringify(widths)}`);
    const cols = await mob.page.evaluate(() => getComputedStyle(document.getElementById("grid")).gridTemplateColumns.split(" ").length);
    ok(cols >= 2 && cols <= 3, `${cols} columns at 360 px`);
    await mob.page.screenshot({ path: resolve(RESULTS, "posts-mobile.png") });
    await mob.page.evaluate(() => document.getElementById("load-more").click());
    await waitForTiles(mob.page, 48);
    ok(mob.problems.length === 0, mob.problems.join("\n"));
  });
  await mob.context.close();

  // ---- account picker ----------------------------------------------------------------------
  const multi = await newPage(browser, { width: 1280, height: 900 });
  await step("sandbox ?accounts=2: account select switches profile and media", async () => {
    await multi.page.goto(`${url}?accounts=2#posts`);
    await waitForTiles(multi.page, 24);
    const options = await multi.page.locator("#account-select option").allTextContents();
    ok(options.length === 2, `options: ${options.join(" | ")}`);
    ok(await multi.page.locator("label[for=account-select]").count() === 1, "the select has no label");
    const firstIds = await tiles(multi.page).evaluateAll((els) => els.map((e) => e.dataset.id).join());
    const second = await multi.page.locator("#account-select option").nth(1).getAttribute("value");
    await multi.page.selectOption("#account-select", second);
    await multi.page.waitForFunction(() => !document.querySelector("#profile .profile-username")?.textContent.includes("sandbox.coffee") && document.querySelector("#profile .profile-username"));
    await waitForTiles(multi.page, 24);
    await multi.page.waitForTimeout(300);
    ok(await tiles(multi.page).count() === 24, "more than one page after switching");
    const otherIds = await tiles(multi.page).evaluateAll((els) => els.map((e) => e.dataset.id).join());
    ok(otherIds !== firstIds, "media did not change");
    ok(/Showing 24 of 80/.test(await multi.page.textContent("#media-status")), `status: ${await multi.page.textContent("#media-status")}`);
    ok(multi.problems.length === 0, multi.problems.join("\n"));
  });

  await step("sandbox ?accounts=2&latency=400: switching mid-load shows only the new account", async () => {
    await multi.page.goto(`${url}?accounts=2&latency=400#posts`);
    await multi.page.waitForSelector("#account-select");
    const second = await multi.page.locator("#account-select option").nth(1).getAttribute("value");
    await multi.page.selectOption("#account-select", second); // the first account is still loading
    await multi.page.waitForSelector("#profile .profile-username");
    await waitForTiles(multi.page, 24);
    await multi.page.waitForTimeout(1000); // let the superseded requests settle
    ok((await multi.page.textContent("#profile .profile-username")).includes("harbor.roastworks"), "old account's profile shown");
    ok(await tiles(multi.page).count() === 24, `${await tiles(multi.page).count()} tiles`);
    ok(/of 80/.test(await multi.page.textContent("#media-status")), "old account's status shown");
    ok(await multi.page.locator(".error-box").count() === 0, "an error box for the aborted calls");
    ok(multi.problems.length === 0, multi.problems.join("\n"));
  });

  await step("sandbox ?usage=30: the gauge turns red, then a rate-limit error box", async () => {
    await multi.page.goto(`${url}?usage=30#posts`);
    await waitForTiles(multi.page, 24);
    // me/accounts, the profile and the first page: 3 calls → app 90 %, IG 60 %.
    const level = await multi.page.locator("#usage .meter").first().getAttribute("data-level");
    ok(level === "high", `app meter level ${level}`);
    // Each page adds 30 % to the account's usage; past 100 % the sandbox answers 80002.
    for (let i = 0; i < 4 && (await multi.page.locator("#media-error .error-box").count()) === 0; i++) {
      await multi.page.evaluate(() => document.getElementById("load-more").click());
      await multi.page.waitForFunction(() => document.getElementById("load-more").getAttribute("aria-busy") === "false");
    }
    await multi.page.waitForSelector("#media-error .error-box", { timeout: 10000 });
    const text = await multi.page.textContent("#media-error");
    ok(/too many calls/i.test(text) && /Try again in about 15 min/.test(text), `error text: ${text}`);
  });
  await multi.context.close();

  // ---- clean exit ----------------------------------------------------------------------------
  await step("serve.js: one stdout line, exits 0 on SIGTERM", async () => {
    ok(server.stdout().trim().split("\n").length === 1, `stdout: ${JSON.stringify(server.stdout())}`);
    server.proc.kill("SIGTERM");
    const { code } = await Promise.race([server.exited, new Promise((r) => setTimeout(() => r({ code: "timeout" }), 4000))]);
    ok(code === 0, `exit code ${code}`);
  });

  // ---- live mode against a loopback sandbox ------------------------------------------------
  const graph = createSandbox({ accessTokens: ["live-demo-token-1234"] });
  const graphServer = await graph.listen();
  cleanups.push(() => graphServer.close());
  const live = await startServer({ PORT: "0", IG_ACCESS_TOKEN: "live-demo-token-1234", IG_BASE_URL: graphServer.url, IG_API_VERSION: "v26.0" });
  const lp = await newPage(browser, { width: 1280, height: 900 });
  await step("live: page talks to the Graph host with the token; token never printed", async () => {
    ok(!live.stdout().includes("live-demo-token-1234") && !live.stderr().includes("live-demo-token-1234"), "token printed");
    ok(/live Graph API/.test(live.stdout()), `stdout: ${live.stdout()}`);
    await lp.page.goto(live.url);
    await lp.page.waitForSelector("#view-overview[data-state=ready]", { timeout: 15000 });
    ok(graph.requests.some((r) => r.path.endsWith("/insights") && r.query.metric_type === "total_value"), "the overview did not ask the Graph host for insights");
    await lp.page.click("#tab-posts");
    await waitForTiles(lp.page, 24);
    ok((await lp.page.textContent("#mode")).trim() === "Live Graph API", "mode badge is not Live Graph API");
    await checkProfile(lp.page, { name: "Sandbox Coffee Roasters", username: "sandbox.coffee" });
    ok(graph.requests.some((r) => r.path === "/v26.0/me/accounts" && r.query.access_token === "live-demo-token-1234"), "no request reached the Graph host");
    ok(!(await lp.page.content()).includes("live-demo-token-1234"), "token in the DOM");
    ok(lp.problems.length === 0, lp.problems.join("\n"));
  });

  await step("live with IG_APP_SECRET: the server adds appsecret_proof, the page never sees the secret", async () => {
    const secured = createSandbox({ accessTokens: ["live-demo-token-1234"], appSecret: "demo-app-secret-987" });
    const securedServer = await secured.listen();
    cleanups.push(() => securedServer.close());
    const proxied = await startServer({ PORT: "0", IG_ACCESS_TOKEN: "live-demo-token-1234", IG_APP_SECRET: "demo-app-secret-987", IG_BASE_URL: securedServer.url });
    const cfg = await (await fetch(new URL("/config.json", proxied.url))).text();
    ok(!cfg.includes("demo-app-secret-987"), "the app secret reached /config.json");
    const sp = await newPage(browser, { width: 1280, height: 900 });
    await sp.page.goto(`${proxied.url}#posts`);
    await waitForTiles(sp.page, 24);
    await checkProfile(sp.page, { name: "Sandbox Coffee Roasters", username: "sandbox.coffee" });
    ok(secured.requests.length > 0 && secured.requests.every((r) => (r.query.appsecret_proof || r.form?.appsecret_proof)), "a request reached the Graph host without appsecret_proof");
    ok(!(await sp.page.content()).includes("demo-app-secret-987"), "the app secret is in the page");
    ok(!proxied.stdout().includes("demo-app-secret-987") && !proxied.stderr().includes("demo-app-secret-987"), "the app secret was printed");
    ok(sp.problems.length === 0, sp.problems.join("\n"));
    await sp.page.close();
    proxied.proc.kill("SIGTERM");
    await proxied.exited;
  });

  await step("live: a refused token shows a friendly error without the token", async () => {
    graph.fault({ path: "/me/accounts", body: { error: { message: "Invalid OAuth access token live-demo-token-1234 - Cannot parse access token", type: "OAuthException", code: 190, fbtrace_id: "Ax" } } });
    await lp.page.reload();
    await lp.page.waitForSelector("#page-error .error-box", { timeout: 10000 });
    const text = await lp.page.textContent("#page-error");
    ok(/access token was refused/i.test(text), `error text: ${text}`);
    ok(!text.includes("live-demo-token-1234"), `token shown: ${text}`);
    await lp.page.click("#page-error button");
    await waitForTiles(lp.page, 24);
  });
  await step("live: no connected Instagram account → a friendly empty state", async () => {
    const page0 = graph.state.pages.get(graph.ids.pageId);
    page0.igUserId = null;
    try {
      await lp.page.reload();
      await lp.page.waitForSelector("#profile .empty", { timeout: 10000 });
      ok(/No Instagram account found/.test(await lp.page.textContent("#profile")), "no empty state");
      ok(await lp.page.isHidden("#media") && await lp.page.isHidden("#tabs"), "panels shown without an account");
    } finally {
      page0.igUserId = graph.ids.igUserId;
    }
  });
  await lp.context.close();
  await tokenLive({ browser, step, ok, newPage, startServer, createSandbox, RESULTS });
  live.proc.kill("SIGINT");
  const { code } = await live.exited;
  ok(code === 0, `live serve.js exited ${code} on SIGINT`);
}

// ---- the dashboard: panel with charts, comments, publishing, upload, errors --------------------

const HASHTAGS = (n) => Array.from({ length: n }, (_, i) => `#t${i}`).join(" ");
const MENTIONS = (n) => Array.from({ length: n }, (_, i) => `@u${i}`).join(" ");

/** Stages seen by #publish-progress (data-stage), recorded in the page. */
async function recordStages(page) {
  await page.evaluate(() => {
    window.__stages = [];
    const el = document.getElementById("publish-progress");
    window.__stageObserver?.disconnect();
    window.__stageObserver = new MutationObserver(() => {
      const s = el.dataset.stage;
      if (s && window.__stages[window.__stages.length - 1] !== s) window.__stages.push(s);
    });
    window.__stageObserver.observe(el, { attributes: true, attributeFilter: ["data-stage"] });
  });
}

async function dashboard(browser, url) {
  const d = await newPage(browser, { width: 1280, height: 900 });
  const { page } = d;
  let mediaId;
  await step("dashboard: pick the account, scroll the grid past the first page", async () => {
    await page.goto(`${url}?accounts=2#posts`);
    await waitForTiles(page, 24);
    const values = await page.locator("#account-select option").evaluateAll((els) => els.map((e) => e.value));
    await page.selectOption("#account-select", values[1]);
    await page.waitForFunction(() => /harbor/.test(document.querySelector("#profile .profile-username")?.textContent || ""));
    await page.selectOption("#account-select", values[0]);
    await page.waitForFunction(() => /sandbox\.coffee/.test(document.querySelector("#profile .profile-username")?.textContent || ""));
    await waitForTiles(page, 24);
    await page.evaluate(() => document.getElementById("sentinel").scrollIntoView());
    await waitForTiles(page, 48);
    mediaId = await page.evaluate(() => window.demo.sandbox.ids.firstMediaId);
  });

  await step("dashboard: Enter on a tile opens the panel; bars show the post's exact insights and engagement rate", async () => {
    const tile = page.locator(`#grid > li[data-id="${mediaId}"] .tile-link`);
    await tile.focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector("#media-panel[open]");
    await page.waitForFunction(() => document.querySelectorAll("#media-insights .bar-value").length === 6, null, { timeout: 10000 });
    const shown = await page.$$eval("#media-insights .bar", (gs) => Object.fromEntries(gs.map((g) => [g.dataset.metric, Number(g.querySelector(".bar-value").textContent.replace(/\D/g, ""))])));
    const truth = await page.evaluate(async (id) => {
      const res = await window.demo.client.getMediaInsights(id, { metric: ["reach", "views", "likes", "comments", "saved", "shares"] });
      const m = window.demo.sandbox.state.media.get(id);
      return { api: Object.fromEntries(res.data.map((r) => [r.name, r.values[0].value])), state: { reach: m.stats.reach, views: m.stats.views, likes: m.like_count, saved: m.stats.saved, shares: m.stats.shares } };
    }, mediaId);
    ok(JSON.stringify(shown) === JSON.stringify(truth.api), `bars ${JSON.stringify(shown)} vs API ${JSON.stringify(truth.api)}`);
    for (const [k, v] of Object.entries(truth.state)) ok(shown[k] === v, `bar ${k} ${shown[k]} vs sandbox ${v}`);
    const rate = Number(await page.getAttribute("#media-engagement", "data-value"));
    const want = (truth.api.likes + truth.api.comments + truth.api.saved + truth.api.shares) / truth.api.reach;
    ok(Math.abs(rate - want) < 1e-9, `engagement rate ${rate} vs ${want}`);
    // Bar lengths follow the numbers.
    const widths = await page.$$eval("#media-insights .bar-fill", (els) => els.map((e) => Number(e.getAttribute("width"))));
    const values = Object.values(shown);
    ok(widths.indexOf(Math.max(...widths)) === values.indexOf(Math.max(...values)) && widths.every((w, i) => w >= 0 && (values[i] > values[0]) === (w > widths[0])), `bar widths ${widths} for ${values}`);
    ok(await page.evaluate(() => document.activeElement.closest("#media-panel") !== null), "focus is not in the panel");
  });

  await step("dashboard: the post panel's comments load", async () => {
    await page.waitForSelector("#panel-comments .comment", { timeout: 10000 });
    await page.evaluate(() => document.fonts && document.fonts.ready);
    await page.screenshot({ path: resolve(RESULTS, "post-panel-desktop.png") });
  });

  await step("dashboard: reply to a comment, hide/unhide it, delete the reply (checked in the sandbox)", async () => {
    const first = page.locator("#panel-comments .comments > li.comment").first();
    const commentId = await first.getAttribute("data-id");
    const repliesBefore = await first.locator(".replies > li").count();
    const text = `Thanks! Reply from the check ${Date.now()}`;
    await first.locator("> .comment-actions .reply").click();
    await first.locator("textarea").fill(text);
    await first.locator("textarea").press("Tab");
    await first.locator(".reply-form button[type=submit]").click();
    await page.waitForFunction(([id, n]) => document.querySelectorAll(`#panel-comments li[data-id="${id}"] .replies > li`).length === n + 1, [commentId, repliesBefore], { timeout: 10000 });
    const reply = first.locator(".replies > li").last();
    ok((await reply.locator(".comment-text").textContent()) === text, "the reply shown is not the text sent");
    const replyId = await reply.getAttribute("data-id");
    const stored = await page.evaluate((id) => { const c = window.demo.sandbox.state.comments.get(id); return c && { text: c.text, parentId: c.parentId }; }, replyId);
    ok(stored && stored.text === text && stored.parentId === commentId, `sandbox reply: ${JSON.stringify(stored)}`);
    ok(/Comments \(\d+\)/.test(await page.textContent("#panel-comments .panel-h")), "no comment count");

    const hide = first.locator("> .comment-actions .hide-toggle");
    await hide.click();
    await page.waitForFunction((id) => document.querySelector(`#panel-comments li[data-id="${id}"] > .comment-actions .hide-toggle`)?.getAttribute("aria-pressed") === "true", commentId);
    ok((await hide.textContent()) === "Unhide" && await first.locator("> .comment-head .comment-badge").isVisible(), "hidden state not shown");
    ok(await page.evaluate((id) => window.demo.sandbox.state.comments.get(id).hidden === true, commentId), "not hidden in the sandbox");
    await hide.click();
    await page.waitForFunction((id) => document.querySelector(`#panel-comments li[data-id="${id}"] > .comment-actions .hide-toggle`)?.getAttribute("aria-pressed") === "false", commentId);
    ok(await page.evaluate((id) => window.demo.sandbox.state.comments.get(id).hidden === false, commentId), "still hidden in the sandbox");
    await hide.click();
    await page.waitForFunction((id) => window.demo.sandbox.state.comments.get(id).hidden === true, commentId);

    await reply.locator(".delete").click();
    ok(await reply.locator(".confirm").isVisible(), "no confirm step");
    ok(await page.evaluate((id) => window.demo.sandbox.state.comments.has(id), replyId), "deleted before confirming");
    await reply.locator(".confirm-delete").click();
    await page.waitForFunction((id) => !document.querySelector(`#panel-comments li[data-id="${id}"]`), replyId);
    ok(await page.evaluate((id) => !window.demo.sandbox.state.comments.has(id), replyId), "reply still in the sandbox");
  });

  await step("dashboard: Escape closes the panel and focus returns to the tile", async () => {
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => !document.getElementById("media-panel").open);
    const focused = await page.evaluate(() => { const a = document.activeElement; return a ? `${a.tagName}.${a.className} ${a.closest("li.tile")?.dataset.id}` : "none"; });
    ok(focused.endsWith(` ${mediaId}`) && focused.includes("tile-link"), `focus did not return to the tile: ${focused}`);
  });

  await step("dashboard: caption counters mirror the package's limits; Publish disabled when over", async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.click("#composer summary");
    const igUserId = await page.evaluate(() => window.demo.sandbox.ids.igUserId);
    const samples = [
      ["at limits", `${HASHTAGS(30)} ${MENTIONS(20)}`, false],
      ["31 hashtags", HASHTAGS(31), true],
      ["21 mentions", MENTIONS(21), true],
      ["2,200 code points", "é".repeat(2199) + "😀", false],
      ["2,201 code points", "😀".repeat(2201), true],
      ["edge cases", "# not #ok #_x #ü ## @a @.b @ c me@x" + " #x".repeat(26), false],
      ["edge cases + 1", "# not #ok #_x #ü ## @a @.b @ c me@x" + " #x".repeat(28), true],
    ];
    for (const [name, caption, over] of samples) {
      await page.fill("#caption", caption);
      const disabled = await page.isDisabled("#publish-button");
      ok(disabled === over, `${name}: Publish ${disabled ? "disabled" : "enabled"}`);
      // The package agrees: a TypeError before any request when over, a container otherwise.
      const pkg = await page.evaluate(async ([id, c]) => {
        try {
          await window.demo.client.createContainer(id, { image_url: "https://example.com/error.jpg", caption: c });
          return "ok";
        } catch (e) {
          return e.name;
        }
      }, [igUserId, caption]);
      ok(pkg === (over ? "TypeError" : "ok"), `${name}: the package says ${pkg}`);
    }
    await page.fill("#caption", HASHTAGS(31));
    ok((await page.getAttribute('#caption-counters [data-counter="hashtags"]', "data-over")) === "true", "hashtag counter not marked");
    ok(/31 \/ 30/.test(await page.textContent('#caption-counters [data-counter="hashtags"]')), "hashtag counter text");
    ok(/hashtags/.test(await page.textContent("#caption-error")), "no message about hashtags");
    await page.fill("#caption", "");
  });

  await step("dashboard: publish a carousel; progress reaches published; the post comes first", async () => {
    await page.check('input[name=kind][value=carousel]');
    await page.click("#composer button:has-text('Add image')");
    const inputs = page.locator("#carousel-urls input");
    ok(await inputs.count() === 3, "Add image did not add a URL field");
    for (let i = 0; i < 3; i++) await inputs.nth(i).fill(`https://example.com/beans-${i + 1}.jpg`);
    await page.fill("#caption", "Three new single origins #coffee @sandbox.coffee");
    await recordStages(page);
    await page.click("#publish-button");
    await page.waitForFunction(() => document.getElementById("publish-progress").dataset.stage === "published", null, { timeout: 15000 });
    const stages = await page.evaluate(() => window.__stages);
    ok(stages[0] === "creating" && stages.includes("publishing") && stages[stages.length - 1] === "published", `stages: ${stages.join(" → ")}`);
    ok(await page.evaluate(() => { const p = document.getElementById("publish-bar"); return p.value === p.max; }), "progress bar not full");
    const newest = await page.evaluate(() => window.demo.sandbox.state.igUsers.get(window.demo.sandbox.ids.igUserId).mediaIds[0]);
    await page.waitForFunction((id) => document.querySelector("#grid > li.tile")?.dataset.id === id, newest, { timeout: 10000 });
    const m = await page.evaluate((id) => { const r = window.demo.sandbox.state.media.get(id); return { type: r.media_type, kids: r.childIds.length, caption: r.caption }; }, newest);
    ok(m.type === "CAROUSEL_ALBUM" && m.kids === 3 && m.caption.startsWith("Three new"), `published: ${JSON.stringify(m)}`);
    ok((await page.textContent("#grid > li.tile:first-child .badge")).trim() === "Album", "first tile is not the album");
    await axeCheck(page, "the composer after a publish", ok);
    // The profile card follows: media_count from the Graph API, one more.
    await page.waitForFunction(() => /^241 posts$/.test(document.querySelector("#profile .count")?.textContent.replace(/\s+/g, " ").trim() || ""), null, { timeout: 10000 })
      .catch(async () => { throw new Error(`profile count: ${await page.textContent("#profile .count")}`); });
    ok(/Showing \d+ of 241/.test(await page.textContent("#media-status")), `status: ${await page.textContent("#media-status")}`);
  });

  await step("dashboard: upload a video file; byte progress completes; the reel is published", async () => {
    const size = 3 * 1024 * 1024 + 12345;
    const bytes = Buffer.alloc(size);
    for (let i = 0; i < size; i += 4096) bytes[i] = i & 0xff;
    await page.check('input[name=kind][value=video]');
    await page.setInputFiles("#video-file", { name: "clip.mp4", mimeType: "video/mp4", buffer: bytes });
    await page.fill("#caption", "Behind the roaster #reels");
    await recordStages(page);
    await page.evaluate(() => {
      window.__bytes = [];
      const bar = document.getElementById("upload-progress");
      new MutationObserver(() => window.__bytes.push(Number(bar.dataset.sent))).observe(bar, { attributes: true, attributeFilter: ["data-sent"] });
    });
    await page.click("#publish-button");
    await page.waitForFunction(() => document.getElementById("publish-progress").dataset.stage === "published", null, { timeout: 20000 });
    const stages = await page.evaluate(() => window.__stages);
    ok(JSON.stringify(stages) === JSON.stringify(["creating", "uploading", "processing", "publishing", "published"]), `stages: ${stages.join(" → ")}`);
    const sent = await page.evaluate(() => window.__bytes);
    ok(sent.length >= 2 && sent[sent.length - 1] === size && sent.every((v, i) => i === 0 || v > sent[i - 1]), `byte progress: ${sent.join(", ")}`);
    const bar = await page.evaluate(() => { const b = document.getElementById("upload-progress"); return { value: b.value, max: b.max, text: document.getElementById("upload-bytes").textContent }; });
    ok(bar.value === size && bar.max === size && /3 MB of 3 MB/.test(bar.text), `upload bar: ${JSON.stringify(bar)}`);
    const up = await page.evaluate((n) => [...window.demo.sandbox.state.uploads.values()].find((u) => u.fileSize === n), size);
    ok(up && up.complete && up.offset === size, "the sandbox did not receive every byte");
    const newest = await page.evaluate(() => window.demo.sandbox.state.igUsers.get(window.demo.sandbox.ids.igUserId).mediaIds[0]);
    await page.waitForFunction((id) => document.querySelector("#grid > li.tile")?.dataset.id === id, newest, { timeout: 10000 });
    ok((await page.textContent("#grid > li.tile:first-child .badge")).trim() === "Video", "first tile is not the reel");
    await page.locator("#composer").screenshot({ path: resolve(RESULTS, "publish-desktop.png") });
  });

  await step("dashboard: a forced Graph error shows Meta's user title and message, nothing internal", async () => {
    await page.check('input[name=kind][value=image]');
    await page.fill("#image-url", "https://example.com/latte.jpg");
    await page.fill("#caption", "Latte art");
    await page.evaluate(() => window.demo.sandbox.fault({
      method: "POST",
      path: /\/media$/,
      body: { error: { message: "(#9004) The media could not be fetched from this uri: https://example.com/latte.jpg", type: "OAuthException", code: 9004, error_subcode: 2207052, error_user_title: "Media download has failed", error_user_msg: "The media could not be fetched from the URI. Check that it is public and try again.", fbtrace_id: "Atrace" } },
    }));
    await page.click("#publish-button");
    await page.waitForSelector("#publish-error .error-box", { timeout: 10000 });
    const text = await page.textContent("#publish-error");
    ok(text.includes("Media download has failed") && text.includes("Check that it is public"), `error text: ${text}`);
    ok(!/\bat\s+\S+\s*\(|\.js:\d+|sandbox-token|wasm-function|fbtrace|Atrace/.test(text), `error shows internals: ${text}`);
    ok((await page.getAttribute("#publish-progress", "data-stage")) === "failed", "progress does not say it failed");
    ok(!(await page.isDisabled("#publish-button")), "Publish stays disabled after the error");
  });

  await step("dashboard: no console errors, failed requests or HTTP errors", async () => {
    ok(d.problems.length === 0, d.problems.join("\n"));
  });
  await d.context.close();

  const m = await newPage(browser, { width: 360, height: 740 });
  await step("dashboard 360 px: the panel fills the screen, charts drawn, no horizontal overflow", async () => {
    await m.page.goto(`${url}#posts`);
    await waitForTiles(m.page, 24);
    await m.page.locator("#grid .tile-link").first().click();
    await m.page.waitForSelector("#media-panel[open] #media-insights .bar-value");
    const box = await m.page.evaluate(() => {
      const r = document.getElementById("media-panel").getBoundingClientRect();
      const over = [...document.querySelectorAll("#media-panel *")].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).length;
      return { w: r.width, l: r.left, over };
    });
    ok(box.w <= 360 && box.l >= 0 && box.over === 0, `panel: ${JSON.stringify(box)}`);
    await m.page.locator("#media-panel .panel-body").evaluate((el) => el.scrollTo(0, el.querySelector(".panel-info").offsetTop - 10));
    await m.page.screenshot({ path: resolve(RESULTS, "post-panel-mobile.png") });
    await m.page.keyboard.press("Escape");
    await m.page.click("#composer summary");
    const widths = await m.page.evaluate(() => ({ doc: document.documentElement.scrollWidth, vw: window.innerWidth }));
    ok(widths.doc <= widths.vw, `overflow with the composer open: ${JSON.stringify(widths)}`);
    await m.page.screenshot({ path: resolve(RESULTS, "composer-mobile.png") });
    ok(m.problems.length === 0, m.problems.join("\n"));
  });
  await m.context.close();
}

/** On a failure, a screenshot of every open page, for the record. */
async function failureShots() {
  for (const [i, p] of openPages.entries()) {
    if (!p.isClosed()) await p.screenshot({ path: resolve(RESULTS, `demo-failure-${i}.png`), fullPage: true }).catch(() => {});
  }
}

try {
  await main();
  console.log("\nall checks passed; screenshots in test-results/ (<panel>-desktop.png, <panel>-mobile.png, post-panel-*.png, state-*.png, …)");
} catch (err) {
  if (failures === 0) console.log(`FAIL ${err && err.stack ? err.stack : err}`);
  process.exitCode = 1;
  await failureShots();
} finally {
  for (const fn of cleanups.reverse()) {
    try {
      await fn();
    } catch {
      // already gone
    }
  }
}
