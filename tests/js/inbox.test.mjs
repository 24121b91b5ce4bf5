// The demo's inbox (www/js/inbox.js, issue 14) in real headless Chromium: `make demo`'s page
// (www/serve.js, sandbox mode) lists the Page's conversations, opens a thread, replies within
// the 24-hour window, is refused past it (Meta's rule shown in words), answers as a human agent,
// and replies privately to a comment once; every send is checked in the page's sandbox.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const { chromium } = createRequire(join(root, "package.json"))("playwright-core");
const ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"];

let server, url, browser, page;
const problems = [];

before(async () => {
  server = spawn(process.execPath, [join(root, "www", "serve.js")], {
    env: { ...process.env, IG_ACCESS_TOKEN: "", IG_APP_SECRET: "", IG_API_VERSION: "", IG_BASE_URL: "" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  url = await new Promise((resolve, reject) => {
    let out = "";
    server.stdout.on("data", (d) => {
      out += d;
      const m = /^demo: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) resolve(m[1]);
    });
    server.once("exit", (code) => reject(new Error(`serve.js exited ${code}`)));
  });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ARGS });
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(url);
  await page.click("#inbox summary", { timeout: 20000 });
  await page.waitForSelector("#inbox .inbox-conv", { timeout: 20000 });
});

after(async () => {
  await browser?.close();
  server?.kill();
});

const sandbox = (fn, arg) => page.evaluate(fn, arg);
const ids = () => sandbox(() => window.demo.sandbox.ids);

test("conversations newest first; a thread; a reply inside the window lands in the sandbox", async () => {
  const { conversationId } = await ids();
  const listed = await page.$$eval("#inbox .inbox-conv", (bs) => bs.map((b) => b.dataset.id));
  assert.equal(listed.length, 10);
  assert.equal(listed[0], conversationId);
  await page.click(`#inbox .inbox-conv[data-id="${conversationId}"]`);
  await page.waitForFunction(() => document.querySelectorAll("#inbox .inbox-msg").length === 20);
  assert.match(await page.textContent("#inbox .inbox-window"), /left/);
  assert.equal(await page.isChecked("#inbox-human"), false);
  await page.fill("#inbox-input", "Yes, shipping takes 3 days ☕");
  await page.click("#inbox .inbox-reply button[type=submit]");
  await page.waitForFunction(() => document.querySelector("#inbox .inbox-messages")?.lastElementChild?.classList.contains("mine"));
  const stored = await sandbox((id) => {
    const c = window.demo.sandbox.state.conversations.get(id);
    const m = window.demo.sandbox.state.messages.get(c.messageIds[0]);
    return { text: m.text, fromId: m.fromId };
  }, conversationId);
  assert.deepEqual(stored, { text: "Yes, shipping takes 3 days ☕", fromId: (await ids()).igUserId });
});

test("past 24 hours: Meta's refusal explained (10/2534022); as a human agent it goes", async () => {
  const { closedConversationId } = await ids();
  let button = page.locator(`#inbox .inbox-conv[data-id="${closedConversationId}"]`);
  while (!(await button.count())) await page.click("#inbox .inbox-side > .button");
  await button.click();
  await page.waitForFunction(() => /closed/.test(document.querySelector("#inbox .inbox-window")?.textContent || ""));
  assert.equal(await page.isChecked("#inbox-human"), true, "the human agent tag is offered past the window");
  await page.uncheck("#inbox-human");
  await page.fill("#inbox-input", "Sorry for the wait!");
  await page.click("#inbox .inbox-reply button[type=submit]");
  await page.waitForSelector("#inbox .inbox-thread .error-box");
  const box = await page.textContent("#inbox .inbox-thread .error-box");
  assert.match(box, /Outside the 24-hour window/);
  assert.match(box, /code 10, subcode 2534022/);
  const before = await sandbox((id) => window.demo.sandbox.state.conversations.get(id).messageIds.length, closedConversationId);
  await page.check("#inbox-human");
  await page.click("#inbox .inbox-reply button[type=submit]");
  await page.waitForFunction(([id, n]) => window.demo.sandbox.state.conversations.get(id).messageIds.length === n + 1, [closedConversationId, before]);
  assert.equal(await page.locator("#inbox .inbox-thread .error-box").count(), 0, "the error box went away");
});

test("reply privately to a comment, once (the second attempt: Meta's 100/2534025, explained)", async () => {
  const { privateReplyCommentId } = await ids();
  const mediaId = await sandbox((id) => window.demo.sandbox.state.comments.get(id).mediaId, privateReplyCommentId);
  const open = async () => {
    await page.click(`#grid > li[data-id="${mediaId}"] .tile-link`);
    await page.waitForSelector(`#panel-comments li[data-id="${privateReplyCommentId}"] .private-reply`);
  };
  await open();
  const comment = page.locator(`#panel-comments li[data-id="${privateReplyCommentId}"]`);
  await comment.locator(".private-reply").click();
  await comment.locator(".private-reply-form textarea").fill("Thanks! Here is our menu.");
  await comment.locator(".private-reply-form button[type=submit]").click();
  await page.waitForFunction((id) => document.querySelector(`#panel-comments li[data-id="${id}"] .private-reply`)?.textContent === "Replied privately", privateReplyCommentId);
  assert.ok(await sandbox((id) => window.demo.sandbox.state.privateReplies.has(id), privateReplyCommentId));
  await page.keyboard.press("Escape");
  await open();
  await comment.locator(".private-reply").click();
  await comment.locator(".private-reply-form textarea").fill("Again");
  await comment.locator(".private-reply-form button[type=submit]").click();
  await comment.locator(".private-reply-form .error-box").waitFor();
  assert.match(await comment.locator(".private-reply-form .error-box").textContent(), /No private reply possible.*code 100, subcode 2534025/s);
  await page.keyboard.press("Escape");
});

test("no page errors; the Page token is never on the page; 360 px has no horizontal overflow", async () => {
  assert.deepEqual(problems, []);
  const token = (await ids()).pageAccessToken;
  assert.equal((await page.content()).includes(token), false);
  await page.setViewportSize({ width: 360, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0);
});
