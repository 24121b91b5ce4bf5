// The dashboard's panels, in tab order: one line each. The tab links to `#<id>`; the module is
// loaded the first time its tab opens.
//
// Adding a panel is one module under www/js/panels/ and one line here. The module's default
// export is:
//
//   export default {
//     usesRange: false,              // true: the date-range bar shows above it; ctx.range is set
//     async render(root, ctx) {      // fill `root` for ctx.igUserId (ctx: see panel-host.js)
//       const data = await ctx.graph.call("someTypedMethod", ctx.igUserId, {…}, { signal: ctx.signal });
//       if (nothing) return ctx.empty(root, "Nothing yet", "Why, and what to do.");
//       root.replaceChildren(…);
//     },
//   };
//
// The host shows the loading state until `render` settles, the error state (Meta's message, the
// permission the call needs, a "Try again" button) when it throws, and renders again when the
// account (or the range) changes; `ctx.signal` aborts a render that was superseded. Every call
// goes through `ctx.graph.call(method, …)` (the package's InstagramClient), which also feeds the
// usage meters and names the scope of a PermissionError. www/check.mjs opens every tab listed
// here, runs the accessibility check on it at 1280 and 360 px and screenshots it.

export const PANELS = [
  { id: "overview", title: "Overview", load: () => import("./panels/overview.js") },
  { id: "posts", title: "Posts", load: () => import("./panels/posts.js") },
  { id: "inbox", title: "Inbox", load: () => import("./panels/inbox.js") },
  { id: "top", title: "Top posts", load: () => import("./panels/top-posts.js") },
  { id: "audience", title: "Audience", load: () => import("./panels/audience.js") },
  { id: "when", title: "When to post", load: () => import("./panels/when-to-post.js") },
  { id: "stories", title: "Stories", load: () => import("./panels/stories.js") },
  { id: "mentions", title: "Mentions", load: () => import("./panels/mentions.js") },
  { id: "hashtags", title: "Hashtags", load: () => import("./panels/hashtags.js") },
  { id: "moderation", title: "Moderation", load: () => import("./panels/moderation.js") },
  { id: "token", title: "Token", load: () => import("./panels/token.js") },
];
