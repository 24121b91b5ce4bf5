// The demo's "Token" panel (www/js/token-panel.js) in headless Chromium: diagnose() shown as a
// person reads it, the flavour switch, in sandbox mode and in live mode (serve.js pointed at a
// loopback sandbox with IG_BASE_URL), with no console error, no failed request, no overflow.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { createSandbox } from "instagram-graph-wasm/sandbox";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

let browser;
const procs = [];
// Playwright gives every launch a fresh, temporary profile (its own --user-data-dir).
before(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ARGS });
});
after(async () => {
  await browser?.close();
  for (const p of procs) if (p.exitCode === null) p.kill("SIGTERM");
});

/** Start www/serve.js with `env`; resolves with its URL. */
async function serve(env) {
  const proc = spawn(process.execPath, [join(ROOT, "www", "serve.js")], {
    env: { ...process.env, PORT: "0", IG_ACCESS_TOKEN: "", IG_APP_SECRET: "", IG_BASE_URL: "", IG_LOGIN: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  procs.push(proc);
  let out = "";
  proc.stdout.on("data", (d) => (out += d));
  for (let i = 0; i < 200 && !out.includes("\n"); i++) await new Promise((r) => setTimeout(r, 25));
  const m = /^demo: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
  assert.ok(m, `serve.js said ${JSON.stringify(out)}`);
  return m[1];
}

async function open(url, width = 1280) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const problems = [];
  page.on("console", (msg) => msg.type() === "error" && problems.push(msg.text()));
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("requestfailed", (r) => problems.push(`failed: ${r.url()}`));
  await page.goto(url);
  await page.waitForSelector("#token-panel .token-count:has-text('methods work')", { timeout: 30_000 });
  return { page, problems };
}

const panel = (page) =>
  page.$eval("#token-panel", (el) => ({
    count: el.querySelector(".token-count")?.textContent ?? "",
    summary: el.querySelector(".token-summary")?.textContent ?? "",
    codes: [...el.querySelectorAll(".token-problems li")].map((li) => li.dataset.code),
    texts: [...el.querySelectorAll(".token-problems li")].map((li) => li.textContent),
    failing: Object.fromEntries([...el.querySelectorAll(".token-body > .token-methods tbody tr")].map((tr) => [tr.dataset.method, tr.lastElementChild.textContent])),
  }));

test("sandbox mode: every method works; the switch diagnoses the Instagram Login token", async () => {
  const { page, problems } = await open(await serve({}), 360);
  const fb = await panel(page);
  assert.match(fb.count, /^(\d+) of \1 methods work/, fb.count);
  assert.deepEqual(fb.codes, ["app_review"]);
  assert.match(fb.summary, /valid.*kind: unknown.*Facebook Login/);
  await page.selectOption("#token-flavour", "instagram");
  await page.waitForSelector("#token-panel .token-summary:has-text('instagram_user')");
  const ig = await panel(page);
  assert.match(ig.failing.searchHashtag, /not offered/);
  assert.match(ig.failing.uploadVideo, /not offered/);
  assert.equal(ig.failing.getUser, undefined, "getUser works with Instagram Login");
  assert.deepEqual(ig.codes, ["app_review"], "what the flavour lacks is no problem when nothing was asked");
  await page.click("#token-panel details summary");
  const overflow = await page.evaluate(() => {
    const wide = [...document.querySelectorAll("#token-panel *")].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5);
    return [document.documentElement.scrollWidth - document.documentElement.clientWidth, wide.map((e) => `${e.tagName}.${e.className}`).slice(0, 5)];
  });
  assert.deepEqual(overflow, [0, []], "no horizontal scroll at 360 px, the details open");
  assert.deepEqual(problems, []);
  await page.close();
});

test("live mode: a user short of scopes and tasks sees each problem and what to do; an Instagram token in its flavour", async () => {
  const sandbox = createSandbox({ usagePerCall: 0 });
  const server = await sandbox.listen();
  try {
    const { page, problems } = await open(await serve({ IG_ACCESS_TOKEN: sandbox.ids.limitedToken, IG_BASE_URL: server.url }));
    const d = await panel(page);
    // one missing_scope per permission never asked for: pages_manage_metadata (subscriptions, the
    // inbox) and those of messaging, catalogs and product tags
    const neverAsked = ["pages_manage_metadata", "instagram_manage_messages", "pages_messaging", "catalog_management", "instagram_shopping_tag_products", "ads_read"];
    assert.deepEqual([...d.codes].sort(), ["app_review", ...neverAsked.map(() => "missing_scope"), "missing_tasks", "missing_tasks", "scope_declined", "scope_expired"]);
    const notHeld = d.texts.filter((t) => t.startsWith("missing_scope")).map((t) => /the token does not hold (\w+) /.exec(t)?.[1]);
    assert.deepEqual(notHeld.sort(), [...neverAsked].sort());
    assert.match(d.failing.sendPrivateReply, /missing scopes: pages_messaging; one of the Page tasks MANAGE, CREATE_CONTENT, MODERATE/);
    assert.match(d.failing.publish, /missing scopes: instagram_content_publish; one of the Page tasks MANAGE, CREATE_CONTENT/);
    const text = await page.$eval("#token-panel", (el) => el.textContent);
    assert.ok(!text.includes(sandbox.ids.limitedToken), "the token is never shown");
    assert.ok(sandbox.requests.some((r) => r.path.endsWith("/me/permissions")), "the page asked the Graph host");
    assert.deepEqual(problems, []);
    await page.close();

    const ig = await open(await serve({ IG_ACCESS_TOKEN: sandbox.ids.instagramAccessToken, IG_LOGIN: "instagram", IG_BASE_URL: server.url }));
    const x = await panel(ig.page);
    assert.match(x.summary, /valid.*kind: instagram_user.*Instagram Login/);
    assert.equal(await ig.page.$eval("#token-flavour", (s) => s.value), "instagram");
    await ig.page.selectOption("#token-flavour", "facebook");
    await ig.page.waitForSelector("#token-panel .token-problems li[data-code='page_token'], #token-panel .token-problems li[data-code='invalid']");
    await ig.page.close();
  } finally {
    await server.close();
  }
});
