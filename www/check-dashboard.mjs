// The dashboard's panels in Chromium, as a user drives them (run by www/check.mjs): every tab of
// www/js/panels.js opens, settles and passes axe (no serious or critical violation, colour
// contrast included) at 1280 px in the light scheme and at 360 px in the dark one; the numbers on
// screen are compared with what the sandbox's Graph API answers; then the empty and error states.
// Screenshots: test-results/<panel>-desktop.png and <panel>-mobile.png, state-*.png.

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { resolve } from "node:path";

const AXE = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const DAY = 86400;

/** Run axe on the page as it is; fails on a violation of serious or critical impact; → the others, as `id (impact)`. */
export async function axeCheck(page, where, ok) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, first: v.nodes[0] && `${v.nodes[0].target.join(" ")}: ${v.nodes[0].failureSummary}` }));
  });
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  ok(bad.length === 0, `axe on ${where}: ${bad.map((v) => `${v.id} (${v.impact}, ${v.nodes} nodes) ${v.first}`).join(" | ")}`);
  return violations.map((v) => `${v.id} (${v.impact})`);
}

/** Open a tab as a person would (a click) and wait until its panel settled. */
async function openTab(page, id, ok, state = "ready") {
  await page.click(`#tab-${id}`);
  // NB: a panel opened before may already be in the wanted state: wait for the tab to be current too.
  await page.waitForFunction(([pid, want]) => document.getElementById(`view-${pid}`)?.dataset.state === want && document.getElementById(`tab-${pid}`)?.getAttribute("aria-current") === "page", [id, state], { timeout: 15000 })
    .catch(async () => {
      const box = await page.locator(`#view-${id} .error-box`).allTextContents();
      throw new Error(`panel ${id} is ${await page.getAttribute(`#view-${id}`, "data-state")}${box.length ? `: ${box.join(" / ")}` : ""}`);
    });
  ok(await page.getAttribute(`#tab-${id}`, "aria-current") === "page", `${id}: tab not current`);
}

const num = (text) => Number(String(text).replace(/[^\d-]/g, ""));

/** A screenshot of the whole page from the top (the sticky header where it belongs). */
async function shot(page, RESULTS, name, fullPage = true) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: resolve(RESULTS, name), fullPage });
}

export async function dashboardPanels({ browser, url, step, ok, newPage, RESULTS }) {
  const d = await newPage(browser, { width: 1280, height: 900 });
  const { page } = d;
  const tabs = [];
  const axeCounts = {};

  await step("panels: every tab of panels.js is a link in the tab bar; the overview lands first", async () => {
    await page.goto(url);
    await page.waitForSelector("#view-overview[data-state=ready]", { timeout: 15000 });
    tabs.push(...(await page.$$eval("#tabs a.tab", (as) => as.map((a) => a.dataset.panel))));
    const listed = (await readFile(resolve(RESULTS, "..", "www", "js", "panels.js"), "utf8")).match(/^\s*\{ id: "([\w-]+)"/gm).map((l) => /"([\w-]+)"/.exec(l)[1]);
    ok(JSON.stringify(tabs) === JSON.stringify(listed), `tabs ${tabs} vs panels.js ${listed}`);
    ok(tabs[0] === "overview" && tabs.length >= 9, `tabs: ${tabs}`);
  });

  await step("overview: the five numbers of the last 30 days equal the Graph API's, with the change against the 30 days before", async () => {
    const cards = await page.$$eval("#view-overview .kpi", (els) => Object.fromEntries(els.map((e) => [e.dataset.metric, { value: e.dataset.value, previous: e.dataset.previous, shown: e.querySelector(".kpi-value").textContent, change: e.querySelector(".kpi-change").textContent }])));
    // The truth, asked differently: daily time series summed (the panel asks for total_value).
    const truth = await page.evaluate(async () => {
      const pct = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" });
      const { client, sandbox } = window.demo;
      const id = sandbox.ids.igUserId;
      const until = Math.floor(sandbox.now() / 1000);
      const sum = async (metric, since, u) => (await client.getUserInsights(id, { metric, period: "day", since, until: u })).data[0].values.reduce((a, v) => a + v.value, 0);
      const total = async (metric, since, u) => (await client.getUserInsights(id, { metric, period: "day", metric_type: "total_value", since, until: u })).data[0].total_value.value;
      const fu = async (since, u) => (await client.getUserInsights(id, { metric: "follows_and_unfollows", period: "day", metric_type: "total_value", breakdown: "follow_type", since, until: u })).data[0].total_value.breakdowns[0].results.map((r) => r.value);
      const at = async (s, u) => {
        const [f, uf] = await fu(s, u);
        return {
          reach: await sum("reach", s, u), views: await sum("views", s, u),
          profile_activity: (await total("profile_views", s, u)) + (await total("profile_links_taps", s, u)),
          interactions: await total("total_interactions", s, u), followers: f - uf, newFollowers: await sum("follower_count", s, u),
        };
      };
      const now = await at(until - 30 * 86400, until);
      const before = await at(until - 60 * 86400, until - 30 * 86400);
      const change = Object.fromEntries(Object.keys(now).map((k) => [k, pct.format((now[k] - before[k]) / before[k])]));
      return { now, before, change };
    });
    for (const key of ["reach", "views", "profile_activity", "interactions", "followers"]) {
      ok(Number(cards[key].value) === truth.now[key], `${key}: shown ${cards[key].value}, API ${truth.now[key]}`);
      ok(Number(cards[key].previous) === truth.before[key], `${key}: previous ${cards[key].previous}, API ${truth.before[key]}`);
      ok(num(cards[key].shown) === truth.now[key], `${key} on screen: ${cards[key].shown}`);
      ok(cards[key].change.includes(truth.change[key]), `${key} change: "${cards[key].change}" want ${truth.change[key]}`);
    }
    const legend = await page.$$eval("#overview-followers .legend-item", (ls) => ls.map((l) => Number(l.dataset.total)));
    ok(legend[0] === truth.now.newFollowers, `new followers line ${legend[0]} vs ${truth.now.newFollowers}`);
    const reachDots = await page.$$eval("#overview-reach .series-0 circle", (cs) => cs.length);
    ok(reachDots >= 29 && reachDots <= 30, `${reachDots} days of reach`);
    axeCounts.overview = await axeCheck(page, "overview", ok);
    await shot(page, RESULTS, "overview-desktop.png");
  });

  await step("overview: 90 days are asked for in 30-day windows, all at once (6 windows, 18 requests)", async () => {
    await page.goto(`${url}?latency=300`, { waitUntil: "commit" });
    // The loading state: a spinner line, aria-busy on the panel.
    await page.waitForFunction(() => document.querySelector("#view-overview[data-state=loading] #view-overview-body[aria-busy=true] .view-loading"), null, { timeout: 10000 });
    await page.waitForSelector("#view-overview[data-state=ready]", { timeout: 15000 });
    await page.evaluate(() => { window.demo.sandbox.requests.length = 0; });
    const t0 = Date.now();
    await page.click("button.seg-button[data-days='90']");
    await page.waitForSelector("#view-overview[data-state=ready] .kpi", { timeout: 15000 });
    await page.waitForFunction(() => document.querySelector("#view-overview .kpi")?.closest("#view-overview").dataset.state === "ready" && /90 days/.test(document.querySelector("#view-overview .kpi-note").textContent));
    const took = Date.now() - t0;
    const reqs = await page.evaluate(() => window.demo.sandbox.requests.filter((r) => r.path.endsWith("/insights")).map((r) => ({ since: Number(r.query.since), until: Number(r.query.until) })));
    ok(reqs.length === 18, `${reqs.length} insights requests`);
    ok(reqs.every((r) => r.until - r.since <= 30 * DAY && r.until > r.since), "a window over 30 days");
    const spans = new Set(reqs.map((r) => `${r.since}-${r.until}`));
    ok(spans.size === 6, `${spans.size} windows`);
    // 18 answers of 300 ms each one after the other would take 5.4 s.
    ok(took < 2700, `90 days took ${took} ms: the windows were not asked for at once`);
    ok(await page.getAttribute("button.seg-button[data-days='90']", "aria-pressed") === "true", "90 days not pressed");
  });

  await step("overview: a custom range (from, to) is used as picked", async () => {
    await page.click("button.seg-button[data-days='custom']");
    const iso = (d) => d.toISOString().slice(0, 10);
    const now = await page.evaluate(() => window.demo.sandbox.now());
    await page.fill("#range-from", iso(new Date(now - 40 * DAY * 1000)));
    await page.fill("#range-to", iso(new Date(now - 20 * DAY * 1000)));
    await page.evaluate(() => { window.demo.sandbox.requests.length = 0; });
    await page.click("#range-custom button[type=submit]");
    await page.waitForFunction(() => /21 days/.test(document.querySelector("#range-label").textContent) && document.getElementById("view-overview").dataset.state === "ready", null, { timeout: 15000 });
    const reqs = await page.evaluate(() => window.demo.sandbox.requests.filter((r) => r.path.endsWith("/insights")).map((r) => Number(r.query.until) - Number(r.query.since)));
    ok(reqs.length === 6 && reqs.every((s) => s === 21 * DAY), `custom windows: ${reqs}`);
    await page.click("button.seg-button[data-days='30']");
    await page.waitForSelector("#view-overview[data-state=ready]");
  });

  await step("overview: charts read out their numbers on focus and arrow keys", async () => {
    await page.goto(url);
    await page.waitForSelector("#view-overview[data-state=ready]", { timeout: 15000 });
    await page.focus("#overview-reach svg");
    const first = await page.textContent("#overview-reach .chart-readout");
    await page.keyboard.press("ArrowLeft");
    const second = await page.textContent("#overview-reach .chart-readout");
    ok(/Reach [\d,]+/.test(first) && /Previous period [\d,]+/.test(first) && first !== second, `readout: ${first} → ${second}`);
    const lastDot = await page.$$eval("#overview-reach .series-0 circle title", (ts) => ts.at(-1).textContent);
    ok(first.includes(lastDot.split(": ")[1]), `readout ${first} vs the last day ${lastDot}`);
    const table = await page.$$eval("#overview-reach table tbody tr", (rs) => rs.length);
    ok(table >= 29, `screen-reader table: ${table} rows`);
  });

  await step("top posts: the posts of 30 days with insights from the media pages, sortable, a row opens the post", async () => {
    await page.evaluate(() => { window.demo.sandbox.requests.length = 0; });
    await openTab(page, "top", ok);
    const range = await page.$eval("#top-table", (t) => ({ since: Number(t.dataset.since), until: Number(t.dataset.until) }));
    ok(range.until - range.since === 30 * DAY, `range ${JSON.stringify(range)}`);
    const truth = await page.evaluate(({ since, until }) => {
      const { sandbox } = window.demo;
      const own = sandbox.state.igUsers.get(sandbox.ids.igUserId);
      const inRange = (m) => { const t = Date.parse(m.timestamp.replace("+0000", "Z")) / 1000; return t >= since && t <= until; };
      return own.mediaIds.map((id) => sandbox.state.media.get(id)).filter(inRange).map((m) => ({ id: m.id, reach: m.stats.reach, likes: m.like_count, saves: m.stats.saved }));
    }, range);
    const rows = await page.$$eval("#top-table tbody tr", (trs) => trs.map((tr) => ({ id: tr.dataset.id, reach: Number(tr.querySelector('[data-key="reach"]').dataset.value), likes: Number(tr.querySelector('[data-key="likes"]').dataset.value), saved: Number(tr.querySelector('[data-key="saved"]').dataset.value) })));
    ok(rows.length === truth.length && truth.length > 5, `${rows.length} rows, ${truth.length} posts in 30 days`);
    const byReach = [...truth].sort((a, b) => b.reach - a.reach);
    ok(rows.map((r) => r.id).join() === byReach.map((t) => t.id).join(), "not sorted by reach");
    for (const r of rows) {
      const t = truth.find((x) => x.id === r.id);
      ok(r.reach === t.reach && r.likes === t.likes && r.saved === t.saves, `row ${r.id}: ${JSON.stringify(r)} vs ${JSON.stringify(t)}`);
    }
    const media = await page.evaluate(() => window.demo.sandbox.requests.filter((r) => r.path.endsWith("/media")).map((r) => r.query.fields));
    ok(media.length === 1 && /insights\.metric\(reach,views,likes,comments,saved,shares\)/.test(media[0]), `media requests: ${media}`);
    ok(!(await page.evaluate(() => window.demo.sandbox.requests.some((r) => r.path.endsWith("/insights")))), "insights asked for post by post");
    await page.click("#top-table th[data-key=likes] button");
    const likes = await page.$$eval("#top-table tbody td[data-key=likes]", (tds) => tds.map((t) => Number(t.dataset.value)));
    ok(likes.every((v, i) => i === 0 || v <= likes[i - 1]), "not sorted by likes");
    ok(await page.getAttribute("#top-table th[data-key=likes]", "aria-sort") === "descending", "aria-sort");
    await page.click("#top-table th[data-key=likes] button");
    ok(await page.getAttribute("#top-table th[data-key=likes]", "aria-sort") === "ascending", "second click: ascending");
    const topId = await page.getAttribute("#top-table tbody tr:first-child", "data-id");
    await page.click("#top-table tbody tr:first-child .post-link");
    await page.waitForFunction(() => document.querySelectorAll("#media-panel[open] #media-insights .bar-value").length === 6, null, { timeout: 10000 });
    const reach = num(await page.textContent("#media-insights .bar-reach .bar-value"));
    ok(reach === truth.find((t) => t.id === topId).reach, `panel reach ${reach}`);
    axeCounts["post panel"] = await axeCheck(page, "the post panel", ok);
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => !document.getElementById("media-panel").open);
    ok(await page.evaluate(() => document.activeElement?.classList.contains("post-link")), "focus did not return to the row");
    axeCounts.top = await axeCheck(page, "top posts", ok);
    await page.click("#top-table th[data-key=reach] button");
    await shot(page, RESULTS, "top-desktop.png");
  });

  await step("top posts: CSV of the range, and of every post with a progress bar (240 posts with insights in 3 requests)", async () => {
    const [file] = await Promise.all([page.waitForEvent("download"), page.click("#export-range")]);
    const csv = await readFile(await file.path(), "utf8");
    const lines = csv.trimEnd().split("\r\n");
    const rows = await page.$$eval("#top-table tbody tr", (trs) => trs.length);
    ok(lines[0] === "id,timestamp,media_type,media_product_type,permalink,caption,reach,views,likes,comments,saves,shares,engagement_rate", `header: ${lines[0]}`);
    ok(lines.length === rows + 1, `${lines.length - 1} CSV rows for ${rows} table rows`);
    await page.evaluate(() => {
      window.demo.sandbox.requests.length = 0;
      window.__progress = [];
      const bar = document.getElementById("export-progress");
      // Record each value the bar is given.
      const desc = Object.getOwnPropertyDescriptor(HTMLProgressElement.prototype, "value");
      Object.defineProperty(bar, "value", { get() { return desc.get.call(this); }, set(v) { desc.set.call(this, v); window.__progress.push(v); } });
    });
    const [all] = await Promise.all([page.waitForEvent("download"), page.click("#export-all")]);
    const text = await readFile(await all.path(), "utf8");
    const allLines = text.trimEnd().split("\r\n");
    const expected = await page.evaluate(async () => {
      const { sandbox, client } = window.demo;
      const ids = sandbox.state.igUsers.get(sandbox.ids.igUserId).mediaIds;
      const first = (await client.getMediaInsights(ids[0], { metric: ["reach", "views", "likes", "comments", "saved", "shares"] })).data.map((r) => r.values[0].value);
      return { n: ids.length, firstId: ids[0], first };
    });
    ok(allLines.length === expected.n + 1, `${allLines.length - 1} posts exported of ${expected.n}`);
    const firstRow = allLines.find((l) => l.startsWith(`${expected.firstId},`));
    ok(firstRow && firstRow.includes(`,${expected.first.join(",")},`), `first post's row: ${firstRow}`);
    const progress = await page.evaluate(() => window.__progress);
    ok(progress.length >= 3 && progress.at(-1) === expected.n && progress.some((v) => v > 0 && v < expected.n), `progress: ${progress}`);
    const media = await page.evaluate(() => window.demo.sandbox.requests.filter((r) => r.path.endsWith("/media")).length);
    ok(media === Math.ceil(expected.n / 100), `${media} media requests for ${expected.n} posts`);
    ok(new RegExp(`Saved ${expected.n} posts with their insights: ${media} requests`).test(await page.textContent("#export-text")), `export text: ${await page.textContent("#export-text")}`);
  });

  await step("audience: followers by age, gender, country and city equal the API's; all 45 countries; engaged audience", async () => {
    await openTab(page, "audience", ok);
    const read = () => page.$$eval("#audience-results [data-breakdown]", (cards) => Object.fromEntries(cards.map((c) => [c.dataset.breakdown, [...c.querySelectorAll(".bar")].map((b) => Number(b.querySelector(".bar-value").dataset.value))])));
    const truth = async (metric) => page.evaluate(async (m) => {
      const { client, sandbox } = window.demo;
      const out = {};
      for (const b of ["age", "gender", "country", "city"]) {
        const r = await client.getUserInsights(sandbox.ids.igUserId, { metric: m, period: "lifetime", metric_type: "total_value", timeframe: "this_month", breakdown: b });
        out[b] = r.data[0].total_value.breakdowns[0].results.map((x) => x.value);
      }
      return out;
    }, metric);
    const shown = await read();
    const want = await truth("follower_demographics");
    ok(JSON.stringify(shown.age) === JSON.stringify(want.age), `age ${shown.age} vs ${want.age}`);
    for (const b of ["gender", "country", "city"]) {
      const sorted = [...want[b]].sort((x, y) => y - x).slice(0, 10);
      ok(JSON.stringify(shown[b]) === JSON.stringify(sorted), `${b}: ${shown[b]} vs ${sorted}`);
    }
    await page.click("#audience-country .show-all");
    ok((await page.$$eval("#audience-country .bar", (b) => b.length)) === 45, "not 45 countries");
    ok(/United States/.test(await page.textContent("#audience-country")), "country names");
    axeCounts.audience = await axeCheck(page, "audience", ok);
    await shot(page, RESULTS, "audience-desktop.png");
    await page.check("#view-audience input[value=engaged_audience_demographics]");
    await page.waitForFunction(() => document.getElementById("audience-results").getAttribute("aria-busy") === "false" && /Engaged/.test(document.querySelector("#audience-age svg")?.getAttribute("aria-label") || ""));
    const engaged = await read();
    const wantEngaged = await truth("engaged_audience_demographics");
    ok(JSON.stringify(engaged.age) === JSON.stringify(wantEngaged.age), `engaged age ${engaged.age} vs ${wantEngaged.age}`);
  });

  await step("when to post: the heatmap is the mean of online_followers per weekday and hour; the best times named", async () => {
    await openTab(page, "when", ok);
    const truth = await page.evaluate(async () => {
      const { client, sandbox } = window.demo;
      const until = Math.floor(sandbox.now() / 1000);
      const r = await client.getUserInsights(sandbox.ids.igUserId, { metric: "online_followers", period: "lifetime", since: until - 30 * 86400, until });
      const sums = {};
      const counts = {};
      for (const v of r.data[0].values) {
        const day = new Date(Date.parse(v.end_time.replace("+0000", "Z")) - 86400000).getUTCDay();
        for (const [hr, n] of Object.entries(v.value)) {
          sums[`${day}|${hr}`] = (sums[`${day}|${hr}`] || 0) + n;
          counts[`${day}|${hr}`] = (counts[`${day}|${hr}`] || 0) + 1;
        }
      }
      const means = Object.entries(sums).map(([k, s]) => [k, Math.round(s / counts[k])]).sort((a, b) => b[1] - a[1]);
      return { best: means[0], days: r.data[0].values.length };
    });
    const best = await page.$eval("#when-best li", (li) => ({ key: `${li.dataset.day}|${li.dataset.hour}`, value: Number(li.dataset.value), text: li.textContent }));
    ok(best.key === truth.best[0] && best.value === truth.best[1], `best ${JSON.stringify(best)} vs ${truth.best}`);
    ok(await page.$$eval("#when-heatmap rect.heat-cell", (r) => r.length) === 168, "not 7 × 24 cells");
    await page.focus("#when-heatmap svg");
    await page.keyboard.press("Home");
    await page.keyboard.press("ArrowDown");
    const readout = await page.textContent("#when-heatmap .chart-readout");
    const cell = await page.$eval('#when-heatmap rect[data-row="1"][data-col="0"]', (r) => Number(r.dataset.value));
    ok(readout.includes(`${cell.toLocaleString("en-US")} followers online`) && /Tuesday, 00:00/.test(readout), `readout "${readout}" vs cell ${cell}`);
    axeCounts.when = await axeCheck(page, "when to post", ok);
    await shot(page, RESULTS, "when-desktop.png");
  });

  await step("stories: the 3 stories of the last 24 h with their insights", async () => {
    await openTab(page, "stories", ok);
    await page.waitForFunction(() => document.querySelectorAll(".story-insights[aria-busy=false]").length === 3, null, { timeout: 10000 });
    const shown = await page.$$eval(".story", (ss) => ss.map((s) => ({ id: s.dataset.id, reach: Number(s.querySelector(".bar-reach .bar-value")?.dataset.value) })));
    const truth = await page.evaluate(async (ids) => Promise.all(ids.map(async (id) => (await window.demo.client.getMediaInsights(id, { metric: ["reach"] })).data[0].values[0].value)), shown.map((s) => s.id));
    ok(shown.length === 3 && shown.every((s, i) => s.reach === truth[i]), `stories ${JSON.stringify(shown)} vs ${truth}`);
    axeCounts.stories = await axeCheck(page, "stories", ok);
    await shot(page, RESULTS, "stories-desktop.png");
  });

  await step("mentions: tagged posts listed; a reply to a caption mention becomes a comment on that post", async () => {
    await openTab(page, "mentions", ok);
    const ids = await page.$$eval("#mention-list > li", (ls) => ls.map((l) => l.dataset.id));
    const tagged = await page.evaluate(() => window.demo.sandbox.state.igUsers.get(window.demo.sandbox.ids.igUserId).taggedIds);
    ok(ids.join() === tagged.slice(0, 12).join(), `mentions ${ids.length}`);
    const first = page.locator("#mention-list > li").first();
    await first.locator("input").fill("Thank you for the visit!");
    await first.locator("button[type=submit]").click();
    await first.locator(".field-note[data-comment-id]").waitFor({ timeout: 10000 });
    const commentId = await first.locator(".field-note").getAttribute("data-comment-id");
    const stored = await page.evaluate((cid) => { const c = window.demo.sandbox.state.comments.get(cid); return c && { text: c.text, mediaId: c.mediaId }; }, commentId);
    ok(stored && stored.text === "Thank you for the visit!" && stored.mediaId === ids[0], `stored: ${JSON.stringify(stored)}`);
    await page.click("#mentions-more");
    await page.waitForFunction(() => document.querySelectorAll("#mention-list > li").length === 18);
    axeCounts.mentions = await axeCheck(page, "mentions", ok);
    await shot(page, RESULTS, "mentions-desktop.png");
  });

  await step("hashtags: the quota meter, a search (one more of 30 used), top and recent posts, an unknown hashtag", async () => {
    await openTab(page, "hashtags", ok);
    ok(/^2 of 30 hashtags searched in the last 7 days · 28 left$/.test(await page.textContent("#quota-text")), `quota: ${await page.textContent("#quota-text")}`);
    await page.fill("#hashtag-q", "espresso");
    ok(/uses 1 of your 28 left/.test(await page.textContent("#hashtag-note")), `note: ${await page.textContent("#hashtag-note")}`);
    await page.click("#view-hashtags form button[type=submit]");
    await page.waitForFunction(() => document.querySelectorAll("#hashtag-grid > li").length === 24 && /3 of 30/.test(document.getElementById("quota-text").textContent), null, { timeout: 10000 });
    ok(await page.getAttribute("#hashtag-quota [role=meter]", "aria-valuenow") === "3", "meter value");
    const top = await page.$$eval("#hashtag-grid > li", (ls) => ls.map((l) => l.dataset.id));
    const truth = await page.evaluate(async (tagId) => (await window.demo.client.listHashtagMedia(tagId, window.demo.sandbox.ids.igUserId, { edge: "top_media", limit: 24 })).data.map((m) => m.id), await page.getAttribute("#hashtag-title", "data-id"));
    ok(top.join() === truth.join(), "top posts differ from the API's");
    await page.click("button[data-edge=recent_media]");
    await page.waitForFunction((t) => document.querySelector("#hashtag-grid > li")?.dataset.id !== t, top[0]);
    axeCounts.hashtags = await axeCheck(page, "hashtags", ok);
    await shot(page, RESULTS, "hashtags-desktop.png");
    await page.fill("#hashtag-q", "nosuchtagatall");
    await page.click("#view-hashtags form button[type=submit]");
    await page.waitForSelector("#hashtag-results .empty-state");
    ok(/No hashtag #nosuchtagatall/.test(await page.textContent("#hashtag-results")), "unknown hashtag state");
  });

  await step("moderation: rules → preview of every matching comment → hide in batches of 50 with progress → undo", async () => {
    await openTab(page, "moderation", ok);
    await page.fill("#mod-rules", "decaf, Seattle");
    await page.click("#mod-scan");
    await page.waitForSelector("#mod-summary", { timeout: 15000 });
    const truth = await page.evaluate(() => {
      const { sandbox } = window.demo;
      const own = sandbox.state.igUsers.get(sandbox.ids.igUserId);
      const re = /(?<![\p{L}\p{N}_])(decaf|seattle)(?![\p{L}\p{N}_])/iu;
      const out = { comments: 0, match: [], hidden: 0 };
      for (const mid of own.mediaIds.slice(0, 50)) {
        for (const cid of sandbox.state.media.get(mid).commentIds) {
          const c = sandbox.state.comments.get(cid);
          for (const x of [c, ...c.replyIds.map((r) => sandbox.state.comments.get(r))]) {
            out.comments++;
            if (x.username !== own.username && re.test(x.text)) (x.hidden ? out.hidden++ : out.match.push(x.id));
          }
        }
      }
      return out;
    });
    const summary = await page.$eval("#mod-summary", (p) => ({ ...p.dataset, text: p.textContent }));
    ok(Number(summary.comments) === truth.comments && Number(summary.posts) === 50, `read ${summary.comments} comments of ${truth.comments}`);
    const listed = await page.$$eval("#mod-list input:checked", (is) => is.map((i) => i.value));
    ok(listed.length === truth.match.length && truth.match.length > 0 && listed.every((id) => truth.match.includes(id)), `preview ${listed.length} vs ${truth.match.length}`);
    ok(Number(summary.requests) === 1, `${summary.requests} requests to read 50 posts with their comments`);
    axeCounts.moderation = await axeCheck(page, "moderation", ok);
    // Leave one out, hide the rest.
    await page.locator("#mod-list input").first().uncheck();
    const chosen = listed.slice(1);
    ok((await page.textContent("#mod-apply")) === `Hide ${chosen.length} comments`, `apply button: ${await page.textContent("#mod-apply")}`);
    await page.evaluate(() => { window.demo.sandbox.requests.length = 0; });
    await page.click("#mod-apply");
    await page.waitForFunction((n) => document.getElementById("mod-progress-text").dataset.done === String(n), chosen.length, { timeout: 15000 });
    const hidden = await page.evaluate((ids) => ids.map((id) => window.demo.sandbox.state.comments.get(id).hidden), listed);
    ok(hidden[0] === false && hidden.slice(1).every(Boolean), `hidden in the sandbox: ${hidden}`);
    const batches = await page.evaluate(() => window.demo.sandbox.requests.filter((r) => r.path.replace(/^\/v[\d.]+/, "") === "/" && r.method === "POST" && r.batchIndex === undefined).length);
    ok(batches === Math.ceil(chosen.length / 50), `${batches} batch requests for ${chosen.length} hides`);
    ok(await page.evaluate(() => { const p = document.getElementById("mod-progress"); return p.value === p.max; }), "progress bar not full");
    await shot(page, RESULTS, "moderation-desktop.png");
    await page.click("#mod-undo");
    await page.waitForFunction(() => /^Unhid/.test(document.getElementById("mod-progress-text").textContent), null, { timeout: 15000 });
    const after = await page.evaluate((ids) => ids.map((id) => window.demo.sandbox.state.comments.get(id).hidden), listed);
    ok(after.every((v) => v === false), `after undo: ${after}`);
  });

  await step("posts: the grid tab passes axe", async () => {
    await openTab(page, "posts", ok);
    await page.waitForSelector("#grid > li.tile:not(.tile-skeleton)");
    axeCounts.posts = await axeCheck(page, "posts", ok);
  });

  await step("panels: no console errors, failed requests or HTTP errors", async () => {
    ok(d.problems.length === 0, d.problems.join("\n"));
  });
  await d.context.close();

  // ---- empty and error states ----------------------------------------------------------------
  const e = await newPage(browser, { width: 1280, height: 900 });
  await step("states: a missing permission names the scope (instagram_manage_insights); Try again recovers", async () => {
    await e.page.goto(url);
    await e.page.waitForSelector("#view-overview[data-state=ready]", { timeout: 15000 });
    await e.page.evaluate(() => window.demo.sandbox.fault({ path: /\/insights$/, times: Infinity, body: { error: { message: "(#10) Application does not have permission for this action", type: "OAuthException", code: 10, fbtrace_id: "Atrace" } } }));
    await e.page.click("button.seg-button[data-days='7']");
    await e.page.waitForSelector("#view-overview[data-state=error] .error-box", { timeout: 10000 });
    const text = await e.page.textContent("#view-overview .error-box");
    ok(/A permission is missing/.test(text) && /instagram_manage_insights/.test(text) && !/Atrace/.test(text), `error: ${text}`);
    await axeCheck(e.page, "the error state", ok);
    await shot(e.page, RESULTS, "state-permission-error.png", false);
    await e.page.evaluate(() => window.demo.sandbox.clearFaults());
    await e.page.click("#view-overview .error-box button");
    await e.page.waitForSelector("#view-overview[data-state=ready]", { timeout: 10000 });
  });

  await step("states: under 100 followers, no demographics, no online followers, no follower numbers (empty, not 0)", async () => {
    await e.page.evaluate(() => { window.demo.sandbox.state.igUsers.get(window.demo.sandbox.ids.igUserId).followers_count = 99; });
    await openTab(e.page, "audience", ok, "empty");
    await e.page.waitForSelector("#audience-results .empty-state");
    ok(/100 or more followers; this one has 99/.test(await e.page.textContent("#audience-results")), `audience: ${await e.page.textContent("#audience-results")}`);
    await axeCheck(e.page, "the empty audience", ok);
    await shot(e.page, RESULTS, "state-empty-audience.png", false);
    await openTab(e.page, "when", ok, "empty");
    ok(/100 or more followers/.test(await e.page.textContent("#view-when")), "when to post: no reason given");
    await openTab(e.page, "overview", ok);
    await e.page.click("button.seg-button[data-days='30']");
    await e.page.waitForFunction(() => document.querySelector("#view-overview .kpi[data-metric=followers] .kpi-value")?.textContent === "Not available", null, { timeout: 10000 });
    ok(/No data for this period/.test(await e.page.textContent("#overview-followers")), "new followers chart not empty");
    ok(num(await e.page.textContent("#view-overview .kpi[data-metric=reach] .kpi-value")) > 0, "reach is still there");
  });

  await step("states: every panel shows Meta's error in its error state, with Try again", async () => {
    const f = await newPage(browser, { width: 1280, height: 900 });
    await f.page.goto(`${url}#posts`);
    await f.page.waitForSelector("#grid > li.tile:not(.tile-skeleton)", { timeout: 15000 });
    await f.page.evaluate(() => window.demo.sandbox.fault({ path: /./, times: Infinity, body: { error: { message: "(#100) Something is wrong with this request", type: "OAuthException", code: 100, error_user_title: "Meta is down for tests", error_user_msg: "This is the sandbox failing on purpose.", fbtrace_id: "Atrace" } } }));
    for (const id of tabs.filter((t) => t !== "posts")) {
      if (id === "moderation") {
        await openTab(f.page, id, ok);
        await f.page.fill("#mod-rules", "decaf");
        await f.page.click("#mod-scan");
        await f.page.waitForSelector("#view-moderation .error-box");
      } else {
        await openTab(f.page, id, ok, "error");
      }
      const text = await f.page.textContent(`#view-${id} .error-box`);
      ok(/Meta is down for tests/.test(text) && /Try again/.test(text), `${id}: ${text}`);
    }
    // "Try again" in a part of a panel (moderation's preview), then in a whole panel.
    await f.page.evaluate(() => window.demo.sandbox.clearFaults());
    await f.page.click("#tab-moderation");
    await f.page.click("#view-moderation .error-box button");
    await f.page.waitForSelector("#mod-summary", { timeout: 10000 });
    await f.page.evaluate(() => window.demo.sandbox.fault({ path: /recently_searched_hashtags/, body: { error: { message: "(#100) Not now", type: "OAuthException", code: 100 } } }));
    await openTab(f.page, "hashtags", ok, "error");
    await f.page.click("#view-hashtags .error-box button");
    await f.page.waitForSelector("#view-hashtags[data-state=ready] #quota-text", { timeout: 10000 });
    await f.context.close();
  });

  await step("states: no story in the last 24 h", async () => {
    await e.page.evaluate(() => { window.demo.sandbox.state.igUsers.get(window.demo.sandbox.ids.igUserId).storyIds = []; });
    await openTab(e.page, "stories", ok, "empty");
    ok(/No stories in the last 24 hours/.test(await e.page.textContent("#view-stories")), "stories empty state");
    ok(e.problems.filter((p) => !/HTTP 400/.test(p)).length === 0, e.problems.join("\n"));
  });
  await e.context.close();

  // ---- 360 px, dark scheme: every panel ------------------------------------------------------
  const m = await newPage(browser, { width: 360, height: 740, colorScheme: "dark" });
  await step("360 px, dark: every panel fits the width and passes axe", async () => {
    await m.page.goto(url);
    await m.page.waitForSelector("#view-overview[data-state=ready]", { timeout: 15000 });
    for (const id of tabs) {
      if (id !== "overview") await openTab(m.page, id, ok);
      if (id === "hashtags") {
        await m.page.fill("#hashtag-q", "latteart");
        await m.page.click("#view-hashtags form button[type=submit]");
        await m.page.waitForSelector("#hashtag-grid > li");
      }
      if (id === "inbox") {
        await m.page.locator("#view-inbox .inbox-conv").first().click();
        await m.page.waitForSelector("#view-inbox .inbox-messages[aria-busy=false] .inbox-msg");
      }
      if (id === "moderation") {
        await m.page.fill("#mod-rules", "vegan");
        await m.page.click("#mod-scan");
        await m.page.waitForSelector("#mod-summary", { timeout: 15000 });
      }
      const widths = await m.page.evaluate(() => ({ doc: document.documentElement.scrollWidth, vw: window.innerWidth }));
      ok(widths.doc <= widths.vw, `${id}: overflow ${JSON.stringify(widths)}`);
      axeCounts[`${id} (360, dark)`] = await axeCheck(m.page, `${id} at 360 px, dark`, ok);
      await shot(m.page, RESULTS, `${id}-mobile.png`);
    }
    ok(m.problems.length === 0, m.problems.join("\n"));
  });
  await m.context.close();
  const minor = Object.entries(axeCounts).filter(([, v]) => v.length);
  console.log(`     axe: no serious or critical violation on ${Object.keys(axeCounts).length} views; minor or moderate: ${minor.length ? minor.map(([k, v]) => `${k}: ${v.join(", ")}`).join("; ") : "none"}`);
}
