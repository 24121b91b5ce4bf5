// The header gauge: the app's call_count % (X-App-Usage) and the business-use-case call_count %
// of the selected account (X-Business-Use-Case-Usage), from `client.rateLimit` after each call.

import { h, replace } from "./dom.js";

export class UsageMeter {
  constructor(root) {
    this.root = root;
    this.objectIds = [];
    this.app = meter("App", "App usage (X-App-Usage call_count)");
    this.buc = meter("IG", "Business use case usage of the account (X-Business-Use-Case-Usage call_count)");
    // Time to regain access, when Meta sends it (visible, not only in the tooltip).
    this.wait = h("span", { class: "usage-wait", id: "usage-wait", hidden: true });
    replace(root, this.app.el, this.buc.el, this.wait);
    this.clear();
  }

  /** Prefer these business objects (the IG user, then its Page) when several are reported. */
  setObjects(ids) {
    this.objectIds = ids.filter(Boolean);
    this.buc.set(null, "Business use case usage: not reported yet");
    if (this.wait) this.wait.hidden = true;
  }

  /**
   * Show the usage of the latest response. Meta leaves a header out at low usage (and error
   * responses may lack it), so a meter keeps its last reading, with its time in the tooltip.
   */
  update(rateLimit) {
    if (!rateLimit) return;
    const when = ` · as of ${new Date(rateLimit.updatedAt || Date.now()).toLocaleTimeString()}`;
    if (rateLimit.app) {
      const a = rateLimit.app;
      this.app.set(a.call_count, `App usage: ${a.call_count}% of calls, ${a.total_time}% time, ${a.total_cputime}% CPU${when}`);
    }
    const buc = pickBusinessUsage(rateLimit.businessUseCase, this.objectIds);
    if (buc) {
      const wait = buc.estimated_time_to_regain_access > 0 ? ` · blocked for ~${buc.estimated_time_to_regain_access} min` : "";
      this.wait.hidden = !wait;
      this.wait.textContent = wait ? `Blocked · ~${buc.estimated_time_to_regain_access} min` : "";
      this.wait.title = wait ? `Meta estimates access returns in about ${buc.estimated_time_to_regain_access} minutes` : "";
      this.buc.label(BUC_LABELS[buc.type] || "BUC");
      this.buc.set(buc.call_count, `Business use case "${buc.type}" of ${buc.id}: ${buc.call_count}% of calls, ${buc.total_time}% time, ${buc.total_cputime}% CPU${wait}${when}`);
    }
  }

  /** Back to "no reading" (e.g. another account was selected). */
  clear() {
    this.app.set(null, "App usage: not reported yet (Meta leaves it out at low usage)");
    this.buc.set(null, "Business use case usage: not reported yet");
  }
}

const BUC_LABELS = { instagram: "IG", pages: "Page" };

/** The entry for the first preferred object id, else the busiest one reported. */
export function pickBusinessUsage(businessUseCase, preferredIds = []) {
  if (!businessUseCase || typeof businessUseCase !== "object") return null;
  const rows = [];
  for (const [id, list] of Object.entries(businessUseCase)) {
    if (Array.isArray(list)) for (const row of list) if (row && typeof row.call_count === "number") rows.push({ ...row, id });
  }
  if (rows.length === 0) return null;
  for (const id of preferredIds) {
    const mine = rows.filter((r) => r.id === id);
    if (mine.length) return mine.reduce((a, b) => (b.call_count > a.call_count ? b : a));
  }
  return rows.reduce((a, b) => (b.call_count > a.call_count ? b : a));
}

function meter(label, description) {
  const fill = h("span", { class: "meter-fill" });
  const value = h("span", { class: "meter-value" }, "–");
  const track = h("span", { class: "meter-track", role: "meter", "aria-valuemin": 0, "aria-valuemax": 100, "aria-label": description }, fill);
  const name = h("span", { class: "meter-label", "aria-hidden": "true" }, label);
  const el = h("div", { class: "meter", dataset: { level: "none" } }, name, track, value);
  return {
    el,
    label(text) {
      name.textContent = text;
    },
    set(pct, title) {
      el.title = title;
      if (typeof pct !== "number" || !Number.isFinite(pct)) {
        el.dataset.level = "none";
        fill.style.setProperty("--pct", "0%");
        value.textContent = "–";
        track.removeAttribute("aria-valuenow");
        track.setAttribute("aria-valuetext", "not reported");
        return;
      }
      const clamped = Math.max(0, Math.min(100, pct));
      el.dataset.level = pct >= 80 ? "high" : pct >= 50 ? "mid" : "low";
      fill.style.setProperty("--pct", `${clamped}%`);
      value.textContent = `${Math.round(pct)}%`;
      track.setAttribute("aria-valuenow", String(clamped));
      track.setAttribute("aria-valuetext", `${Math.round(pct)} percent`);
    },
  };
}
