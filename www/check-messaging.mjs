// The Token and Inbox panels in Chromium, as a user drives them (run by www/check.mjs; the
// dashboard check opens them at 360 px too, with axe, and their error states):
//   token (sandbox): diagnose() as a person reads it, the flavour switch to the sandbox's
//     Instagram Login token, the details open at 360 px without overflow;
//   inbox (sandbox): conversations newest first, a thread, a reply inside the 24-hour window
//     stored in the sandbox, Meta's refusal past it (10/2534022) in words, the human agent tag,
//     "Reply privately" on a comment of the post panel once (the second: 100/2534025), the Page
//     token never on the page;
//   token (live, serve.js against a loopback sandbox): a user short of scopes and tasks sees each
//     problem, an Instagram token with IG_LOGIN=instagram diagnosed in its flavour and then in the
//     other one.
// Screenshots: token-desktop.png, inbox-desktop.png, inbox-refused-desktop.png,
// state-inbox-permission.png, post-panel-private-reply-desktop.png.

import { resolve } from "node:path";
import { axeCheck } from "./check-dashboard.mjs";

/** Open a tab with a click and wait until its panel is ready. */
async function openTab(page, id) {
  await page.click(`#tab-${id}`);
  await page.waitForSelector(`#view-${id}[data-state=ready]`, { timeout: 30000 });
}

/** What the token panel shows: the count, the summary, the problems' codes and texts, the failing methods. */
const tokenPanel = (page) =>
  page.$eval("#view-token", (el) => ({
    count: el.querySelector(".token-count")?.textContent ?? "",
    summary: el.querySelector(".token-summary")?.textContent ?? "",
    codes: [...el.querySelectorAll(".token-problems li")].map((li) => li.dataset.code),
    texts: [...el.querySelectorAll(".token-problems li")].map((li) => li.textContent),
    failing: Object.fromEntries([...el.querySelectorAll(".token-body > .token-table tbody tr")].map((tr) => [tr.dataset.method, tr.lastElementChild.textContent])),
    notOffered: [...el.querySelectorAll(".token-not-offered code")].map((c) => c.dataset.method),
  }));

/** Wait for a diagnosis (not the loading line) in the token panel. */
const diagnosed = (page, text = "methods work") =>
  page.waitForSelector(`#view-token[data-state=ready] .token-body[aria-busy=false] .token-count:has-text('${text}')`, { timeout: 30000 });

/** Horizontal overflow at the current width: [px, the first elements past the right edge]. */
const overflow = (page, within) =>
  page.evaluate((sel) => {
    const wide = [...document.querySelectorAll(`${sel} *`)].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5);
    return [document.documentElement.scrollWidth - document.documentElement.clientWidth, wide.map((e) => `${e.tagName}.${e.className}`).slice(0, 5)];
  }, within);

export async function messagingPanels({ browser, url, step, ok, newPage, RESULTS }) {
  const d = await newPage(browser, { width: 1280, height: 900 });
  const { page } = d;
  const sandbox = (fn, arg) => page.evaluate(fn, arg);
  const ids = () => sandbox(() => window.demo.sandbox.ids);

  await step("token: every method works with the sandbox's token; the switch diagnoses its Instagram Login token", async () => {
    await page.goto(`${url}#token`);
    await diagnosed(page);
    const fb = await tokenPanel(page);
    ok(/^(\d+) of \1 methods work/.test(fb.count), fb.count);
    ok(JSON.stringify(fb.codes) === '["app_review"]', `codes ${fb.codes}`);
    ok(/valid.*kind: unknown.*Facebook Login/.test(fb.summary), fb.summary);
    await page.selectOption("#token-flavour", "instagram");
    await diagnosed(page);
    await page.waitForSelector("#view-token .token-summary:has-text('instagram_user')");
    const ig = await tokenPanel(page);
    ok(ig.notOffered.includes("searchHashtag") && ig.notOffered.includes("uploadVideo") && !ig.notOffered.includes("getUser"), `not offered: ${ig.notOffered}`);
    ok(JSON.stringify(ig.failing) === "{}", `failing with Instagram Login: ${JSON.stringify(ig.failing)}`);
    ok(/Not offered with Instagram Login \(\d+\)/.test(await page.textContent("#view-token .token-not-offered")), "the not-offered line");
    ok(JSON.stringify(ig.codes) === '["app_review"]', `what the flavour lacks is no problem when nothing was asked: ${ig.codes}`);
    ok(/^(\d+) of (\d+) methods work/.test(ig.count) && !/^(\d+) of \1 /.test(ig.count), ig.count);
    await page.click("#view-token details summary");
    await axeCheck(page, "token", ok);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: resolve(RESULTS, "token-desktop.png"), fullPage: true });
    // Check again: the same answer; the flavour picked stays across a re-render.
    await page.click("#token-again");
    await diagnosed(page);
    ok((await tokenPanel(page)).count === ig.count, "Check again changed the answer");
    await page.setViewportSize({ width: 360, height: 740 });
    const wide = await overflow(page, "#view-token");
    ok(JSON.stringify(wide) === "[0,[]]", `overflow at 360 px, the details open: ${JSON.stringify(wide)}`);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  await step("inbox: a missing permission names the scope (instagram_manage_messages); Try again recovers", async () => {
    await sandbox(() => window.demo.sandbox.fault({ path: /\/conversations$/, body: { error: { message: "(#10) Application does not have permission for this action", type: "OAuthException", code: 10, fbtrace_id: "Atrace" } } }));
    await page.click("#tab-inbox");
    await page.waitForSelector("#view-inbox[data-state=error] .error-box", { timeout: 30000 });
    const box = await page.textContent("#view-inbox .error-box");
    ok(/A permission is missing/.test(box) && /instagram_manage_messages/.test(box) && !/Atrace/.test(box), `error: ${box}`);
    await axeCheck(page, "the inbox's error state", ok);
    await page.screenshot({ path: resolve(RESULTS, "state-inbox-permission.png") });
    await page.click("#view-inbox .error-box button");
    await page.waitForSelector("#view-inbox[data-state=ready]", { timeout: 30000 });
  });

  await step("inbox: conversations newest first; a thread; a reply inside the window lands in the sandbox", async () => {
    const { conversationId, igUserId } = await ids();
    await openTab(page, "inbox");
    const listed = await page.$$eval("#view-inbox .inbox-conv", (bs) => bs.map((b) => b.dataset.id));
    ok(listed.length === 10 && listed[0] === conversationId, `listed ${listed.length}, first ${listed[0]}`);
    await page.click(`#view-inbox .inbox-conv[data-id="${conversationId}"]`);
    await page.waitForFunction(() => document.querySelectorAll("#view-inbox .inbox-msg").length === 20 && document.querySelector("#view-inbox .inbox-messages").getAttribute("aria-busy") === "false");
    ok(/left/.test(await page.textContent("#view-inbox .inbox-window")), await page.textContent("#view-inbox .inbox-window"));
    ok(!(await page.isChecked("#inbox-human")), "the human agent tag offered inside the window");
    await page.fill("#inbox-input", "Yes, shipping takes 3 days ☕");
    await page.click("#view-inbox .inbox-reply button[type=submit]");
    await page.waitForFunction(() => document.querySelector("#view-inbox .inbox-messages")?.lastElementChild?.classList.contains("mine"));
    const stored = await sandbox((id) => {
      const c = window.demo.sandbox.state.conversations.get(id);
      const m = window.demo.sandbox.state.messages.get(c.messageIds[0]);
      return { text: m.text, fromId: m.fromId };
    }, conversationId);
    ok(stored.text === "Yes, shipping takes 3 days ☕" && stored.fromId === igUserId, `stored ${JSON.stringify(stored)}`);
    await axeCheck(page, "inbox", ok);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: resolve(RESULTS, "inbox-desktop.png"), fullPage: true });
  });

  await step("inbox: past 24 hours Meta's refusal is explained (10/2534022); as a human agent it goes", async () => {
    const { closedConversationId } = await ids();
    const button = page.locator(`#view-inbox .inbox-conv[data-id="${closedConversationId}"]`);
    while (!(await button.count())) await page.click("#view-inbox .inbox-side > .button");
    await button.click();
    await page.waitForFunction(() => /closed/.test(document.querySelector("#view-inbox .inbox-window")?.textContent || ""));
    ok(await page.isChecked("#inbox-human"), "the human agent tag is not offered past the window");
    await page.uncheck("#inbox-human");
    await page.fill("#inbox-input", "Sorry for the wait!");
    await page.click("#view-inbox .inbox-reply button[type=submit]");
    await page.waitForSelector("#view-inbox .inbox-thread .error-box");
    const box = await page.textContent("#view-inbox .inbox-thread .error-box");
    ok(/Outside the 24-hour window/.test(box) && /code 10, subcode 2534022/.test(box), box);
    await axeCheck(page, "inbox, a refused send", ok);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: resolve(RESULTS, "inbox-refused-desktop.png"), fullPage: true });
    const before = await sandbox((id) => window.demo.sandbox.state.conversations.get(id).messageIds.length, closedConversationId);
    await page.check("#inbox-human");
    await page.click("#view-inbox .inbox-reply button[type=submit]");
    await page.waitForFunction(([id, n]) => window.demo.sandbox.state.conversations.get(id).messageIds.length === n + 1, [closedConversationId, before]);
    ok(await page.locator("#view-inbox .inbox-thread .error-box").count() === 0, "the error box did not go away");
  });

  await step("inbox: \"Reply privately\" on a comment of the post panel, once (the second: Meta's 100/2534025, explained)", async () => {
    const { privateReplyCommentId } = await ids();
    const mediaId = await sandbox((id) => window.demo.sandbox.state.comments.get(id).mediaId, privateReplyCommentId);
    await openTab(page, "posts");
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
    ok(await sandbox((id) => window.demo.sandbox.state.privateReplies.has(id), privateReplyCommentId), "no private reply in the sandbox");
    await page.keyboard.press("Escape");
    await open();
    await comment.locator(".private-reply").click();
    await comment.locator(".private-reply-form textarea").fill("Again");
    await comment.locator(".private-reply-form button[type=submit]").click();
    await comment.locator(".private-reply-form .error-box").waitFor();
    const box = await comment.locator(".private-reply-form .error-box").textContent();
    ok(/No private reply possible.*code 100, subcode 2534025/s.test(box), box);
    await axeCheck(page, "the post panel with a private reply refused", ok);
    await comment.scrollIntoViewIfNeeded();
    await page.screenshot({ path: resolve(RESULTS, "post-panel-private-reply-desktop.png") });
    await page.keyboard.press("Escape");
  });

  await step("inbox: no page errors; the Page token is never on the page; 360 px has no horizontal overflow", async () => {
    ok(d.problems.length === 0, d.problems.join("\n"));
    const token = (await ids()).pageAccessToken;
    ok(!(await page.content()).includes(token), "the Page token is in the page");
    await openTab(page, "inbox");
    await page.setViewportSize({ width: 360, height: 740 });
    const wide = await overflow(page, "#view-inbox");
    ok(JSON.stringify(wide) === "[0,[]]", `overflow at 360 px: ${JSON.stringify(wide)}`);
  });
  await d.context.close();
}

/** Live mode: serve.js in front of a loopback sandbox, a limited token, then an Instagram token (IG_LOGIN). */
export async function tokenLive({ browser, step, ok, newPage, startServer, createSandbox, RESULTS }) {
  const sandbox = createSandbox({ usagePerCall: 0 });
  const server = await sandbox.listen();
  try {
    await step("token, live: a user short of scopes and tasks sees each problem and what to do", async () => {
      const demo = await startServer({ PORT: "0", IG_ACCESS_TOKEN: sandbox.ids.limitedToken, IG_BASE_URL: server.url });
      const { page, problems, context } = await newPage(browser, { width: 1280, height: 900 });
      await page.goto(`${demo.url}#token`);
      await diagnosed(page);
      const d = await tokenPanel(page);
      // one missing_scope per permission never asked for: pages_manage_metadata (subscriptions, the
      // inbox) and those of messaging, catalogs and product tags
      const neverAsked = ["pages_manage_metadata", "instagram_manage_messages", "pages_messaging", "catalog_management", "instagram_shopping_tag_products", "ads_read"];
      const want = ["app_review", ...neverAsked.map(() => "missing_scope"), "missing_tasks", "missing_tasks", "scope_declined", "scope_expired"];
      ok(JSON.stringify([...d.codes].sort()) === JSON.stringify(want), `codes ${[...d.codes].sort()}`);
      const notHeld = d.texts.filter((t) => t.startsWith("missing_scope")).map((t) => /the token does not hold (\w+) /.exec(t)?.[1]);
      ok(JSON.stringify(notHeld.sort()) === JSON.stringify([...neverAsked].sort()), `not held: ${notHeld}`);
      ok(/missing scopes: pages_messaging; one of the Page tasks MANAGE, CREATE_CONTENT, MODERATE/.test(d.failing.sendPrivateReply), d.failing.sendPrivateReply);
      ok(/missing scopes: instagram_content_publish; one of the Page tasks MANAGE, CREATE_CONTENT/.test(d.failing.publish), d.failing.publish);
      ok(!(await page.textContent("#view-token")).includes(sandbox.ids.limitedToken), "the token is shown");
      ok(sandbox.requests.some((r) => r.path.endsWith("/me/permissions")), "the page did not ask the Graph host");
      ok(problems.length === 0, problems.join("\n"));
      await context.close();
      demo.proc.kill("SIGTERM");
      await demo.exited;
    });

    await step("token, live: IG_LOGIN=instagram diagnoses the Instagram token in its flavour; the switch tries Facebook Login", async () => {
      const demo = await startServer({ PORT: "0", IG_ACCESS_TOKEN: sandbox.ids.instagramAccessToken, IG_LOGIN: "instagram", IG_BASE_URL: server.url });
      const { page, context } = await newPage(browser, { width: 1280, height: 900 });
      await page.goto(`${demo.url}#token`);
      await diagnosed(page);
      const x = await tokenPanel(page);
      ok(/valid.*kind: instagram_user.*Instagram Login/.test(x.summary), x.summary);
      ok(await page.$eval("#token-flavour", (s) => s.value) === "instagram", "the switch is not on Instagram Login");
      await page.selectOption("#token-flavour", "facebook");
      await page.waitForSelector("#view-token .token-problems li[data-code='page_token'], #view-token .token-problems li[data-code='invalid']", { timeout: 30000 });
      // The account is the token's own (no Pages with Instagram Login): the profile shows it.
      await page.waitForSelector("#profile .profile-username", { timeout: 15000 });
      ok(/@sandbox\.coffee/.test(await page.textContent("#profile .profile-username")), "the Instagram Login account's profile");
      await context.close();
      demo.proc.kill("SIGTERM");
      await demo.exited;
    });
  } finally {
    await server.close();
  }
}
