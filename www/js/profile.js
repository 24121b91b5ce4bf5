// The profile card: picture, name, @username, counts, biography, website.

import { h, replace } from "./dom.js";
import { icon } from "./icons.js";
import { compact, full } from "./format.js";

export const PROFILE_FIELDS = ["username", "name", "biography", "followers_count", "follows_count", "media_count", "profile_picture_url", "website"];

export function renderProfileSkeleton(root) {
  root.setAttribute("aria-busy", "true");
  root.classList.add("is-loading");
  replace(
    root,
    h("div", { class: "avatar-ring" }, h("div", { class: "avatar skeleton" })),
    h("div", { class: "profile-names" },
      h("div", { class: "skeleton skeleton-line" }),
      h("div", { class: "skeleton skeleton-line short" })),
    h("div", { class: "counts" }, h("div", { class: "skeleton skeleton-line" })),
    h("div", { class: "bio" }, h("div", { class: "skeleton skeleton-line long" })),
    h("span", { class: "sr-only" }, "Loading profile…"),
  );
}

/** Picture, names, counts, biography and website, as direct children of `root` (a CSS grid). */
export function renderProfile(root, user) {
  root.setAttribute("aria-busy", "false");
  root.classList.remove("is-loading");
  const handle = user.username ? `@${user.username}` : user.id;
  const picture = user.profile_picture_url
    ? h("img", { class: "avatar", src: user.profile_picture_url, alt: `Profile picture of ${handle}`, width: 150, height: 150, decoding: "async" })
    : h("div", { class: "avatar avatar-empty", role: "img", "aria-label": `${handle} has no profile picture` }, (user.username || "?").slice(0, 1).toUpperCase());
  const website = safeUrl(user.website);
  replace(
    root,
    h("div", { class: "avatar-ring" }, picture),
    h("div", { class: "profile-names" },
      h("h1", { class: "profile-name" }, user.name || handle),
      h("p", { class: "profile-username" }, handle)),
    h("ul", { class: "counts", "aria-label": "Account stats" },
      count(user.media_count, "posts", "post"),
      count(user.followers_count, "followers", "follower"),
      count(user.follows_count, "following", "following")),
    user.biography ? h("p", { class: "bio" }, user.biography) : null,
    website
      ? h("a", { class: "website", href: website.href, target: "_blank", rel: "noopener noreferrer" },
          icon("link", { size: 16 }), website.host + website.pathname.replace(/\/$/, ""))
      : null,
  );
}

function count(n, many, one) {
  return h("li", { class: "count", title: typeof n === "number" ? `${full(n)} ${n === 1 ? one : many}` : null },
    h("strong", { class: "count-value" }, compact(n)), " ", h("span", { class: "count-label" }, n === 1 ? one : many));
}

/** Only http(s) links, and never javascript: or data: ones. */
function safeUrl(value) {
  if (typeof value !== "string" || !value.trim()) return null;
  try {
    const url = new URL(/^https?:\/\//i.test(value) ? value : `https://${value}`);
    return url.protocol === "https:" || url.protocol === "http:" ? url : null;
  } catch {
    return null;
  }
}
