/**
 * @file The node types of the Graph API (their fields, nested objects and nested edges) and
 * rendering a node or a list of nodes with the request's `fields`.
 */

import { IG_USER_ID } from "./constants.js";
import { containerStatusText, containerVideoStatus } from "./containers.js";
import { err } from "./errors.js";
import { requestedFields, specsOf } from "./fields.js";
import { paginate } from "./paging.js";
import { commentList, commentsCount, mediaIgId, mediaList } from "./records.js";
import { businessDiscoveryTarget, mentionedComment, mentionedMedia } from "./routes/discovery.js";
import { insightsField } from "./routes/insights.js";

/**
 * Render one node with the given field specs: only the requested fields, plus `id`.
 * A field the node type does not have is Meta's "(#100) Tried accessing nonexisting field".
 */
function renderNode(schemaName, rec, specs, ctx) {
  const schema = SCHEMAS[schemaName];
  const out = {};
  for (const f of specs) {
    const resolve = schema.fields[f.name];
    if (!resolve) throw err.nonexistingField(f.name, schema.type);
    const value = resolve(rec, f, ctx);
    if (value !== undefined) out[f.name] = value;
  }
  if (schema.fields.id && out.id === undefined && rec.id !== undefined) out.id = rec.id;
  return out;
}

// Resolver builders ----------------------------------------------------------------------------

export const prop = (key) => (rec) => rec[key];

/**
 * A nested object field such as `owner{id}` or `instagram_business_account{id,username}`;
 * `get(rec, ctx, f)` finds the object (`f.mods` holds modifiers such as `.username(x)`).
 */
export const nested = (schemaName, get, defaults = ["id"]) =>
  function resolveNested(rec, f, ctx) {
    const target = get(rec, ctx, f);
    if (!target) return undefined;
    return renderNode(schemaName, target, f.sub ?? specsOf(defaults), ctx);
  };

/** A nested edge such as `children{media_url}` or `comments.limit(5){text}`. */
export const edge = (schemaName, getItems, defaults = ["id"], o = {}) =>
  function resolveEdge(rec, f, ctx) {
    const items = getItems(rec, ctx);
    if (!items) return undefined;
    const specs = f.sub ?? specsOf(defaults);
    return paginate(ctx, items, (item) => renderNode(schemaName, item, specs, ctx), {
      ...o,
      mods: f.mods,
      nested: o.noNext ? null : { parentId: rec.id, edge: f.name, sub: f.sub },
      isNested: true,
    });
  };

// Schemas --------------------------------------------------------------------------------------

const IG_USER_BASE_FIELDS = {
  id: prop("id"),
  ig_id: prop("ig_id"),
  username: prop("username"),
  name: prop("name"),
  biography: prop("biography"),
  website: prop("website"),
  followers_count: prop("followers_count"),
  follows_count: prop("follows_count"),
  media_count: (u) => u.mediaIds.length,
  profile_picture_url: prop("profile_picture_url"),
};

const isChild = (m) => m.parentId !== null;

const MEDIA_FIELDS = {
  id: prop("id"),
  ig_id: (m) => mediaIgId(m),
  caption: (m) => (isChild(m) ? undefined : m.caption),
  comments_count: (m, f, ctx) => (isChild(m) || m.kind === "story" ? undefined : commentsCount(ctx.state, m)),
  like_count: (m) => (isChild(m) ? undefined : m.like_count),
  is_comment_enabled: (m) => (isChild(m) ? undefined : m.is_comment_enabled),
  media_product_type: prop("media_product_type"),
  media_type: prop("media_type"),
  media_url: (m, f, ctx) => (m.media_type === "CAROUSEL_ALBUM" ? ctx.state.media.get(m.childIds[0])?.media_url : m.media_url),
  thumbnail_url: prop("thumbnail_url"),
  permalink: (m) => (isChild(m) ? undefined : m.permalink),
  shortcode: prop("shortcode"),
  timestamp: prop("timestamp"),
  username: prop("username"),
  owner: nested("IGUserRef", (m, ctx) => ({ id: m.ownerId, username: m.username }), ["id"]),
  is_shared_to_feed: (m) => (m.media_product_type === "REELS" ? (m.is_shared_to_feed ?? true) : undefined),
  alt_text: prop("alt_text"),
  saved_count: (m) => (isChild(m) ? undefined : m.stats.saved),
  shares_count: (m) => (isChild(m) ? undefined : m.stats.shares),
  reposts_count: (m) => (isChild(m) ? undefined : 0),
  view_count: (m) => (m.media_product_type === "REELS" ? m.stats.views : undefined),
  children: edge("IGMedia", (m, ctx) => (m.media_type === "CAROUSEL_ALBUM" ? mediaList(ctx.state, m.childIds) : undefined)),
  comments: edge(
    "IGComment",
    (m, ctx) => (isChild(m) ? undefined : commentList(ctx.state, m.commentIds)),
    ["timestamp", "text", "id"],
  ),
  insights: insightsField,
};

/** Fields that public (hashtag / business-discovery) media expose. */
const publicMediaFields = (extra) => ({
  id: prop("id"),
  caption: MEDIA_FIELDS.caption,
  comments_count: (m, f, ctx) => (isChild(m) ? undefined : commentsCount(ctx.state, m)),
  like_count: MEDIA_FIELDS.like_count,
  media_product_type: prop("media_product_type"),
  media_type: prop("media_type"),
  media_url: MEDIA_FIELDS.media_url,
  permalink: MEDIA_FIELDS.permalink,
  timestamp: prop("timestamp"),
  ...extra,
});

/** @type {Record<string, {type: string, fields: Record<string, Function>}>} */
const SCHEMAS = {
  User: {
    type: "User",
    fields: {
      id: prop("id"),
      name: prop("name"),
      first_name: (u) => u.name.split(" ")[0],
      last_name: (u) => u.name.split(" ").slice(1).join(" "),
      accounts: edge("Page", (u, ctx) => [...ctx.state.pages.values()], ["access_token", "category", "category_list", "name", "id", "tasks"]),
    },
  },
  Page: {
    type: "Page",
    fields: {
      id: prop("id"),
      name: prop("name"),
      category: prop("category"),
      category_list: prop("category_list"),
      tasks: prop("tasks"),
      access_token: prop("access_token"),
      link: (p) => `https://www.facebook.com/${p.id}`,
      instagram_business_account: nested("IGUser", (p, ctx) => (p.igUserId ? ctx.state.igUsers.get(p.igUserId) : null)),
      connected_instagram_account: nested("IGUser", (p, ctx) => (p.igUserId ? ctx.state.igUsers.get(p.igUserId) : null)),
    },
  },
  IGUser: {
    type: "IGUser",
    fields: {
      ...IG_USER_BASE_FIELDS,
      has_profile_pic: (u) => Boolean(u.profile_picture_url),
      // Instagram Login's `/me` gives the professional account's id as `user_id` (see instagram-login.js).
      user_id: (u, f, ctx) => {
        if (ctx.tokenInfo?.type !== "INSTAGRAM") throw err.nonexistingField("user_id", "IGUser");
        return u.id;
      },
      is_published: () => true,
      media: edge("IGMedia", (u, ctx) => mediaList(ctx.state, u.mediaIds)),
      stories: edge("IGMedia", (u, ctx) => mediaList(ctx.state, u.storyIds)),
      tags: edge("IGMedia", (u, ctx) => mediaList(ctx.state, u.taggedIds)),
      business_discovery: nested("IGUserDiscovery", businessDiscoveryTarget),
      mentioned_media: nested("IGMedia", mentionedMedia),
      mentioned_comment: nested("IGComment", mentionedComment),
    },
  },
  IGUserRef: {
    type: "IGUser",
    fields: { id: prop("id"), username: prop("username") },
  },
  IGUserDiscovery: {
    type: "IGUser",
    fields: {
      ...IG_USER_BASE_FIELDS,
      media: edge("DiscoveryMedia", (u, ctx) => mediaList(ctx.state, u.mediaIds), ["id"], { noNext: true, cursorsOnlyWhenMore: true }),
    },
  },
  IGMedia: { type: "IGMedia", fields: MEDIA_FIELDS },
  DiscoveryMedia: {
    type: "IGMedia",
    fields: publicMediaFields({
      username: prop("username"),
      thumbnail_url: prop("thumbnail_url"),
      shortcode: prop("shortcode"),
      children: edge("DiscoveryMedia", (m, ctx) => (m.media_type === "CAROUSEL_ALBUM" ? mediaList(ctx.state, m.childIds) : undefined), ["id"], { noNext: true }),
    }),
  },
  HashtagMedia: {
    type: "IGMedia",
    fields: publicMediaFields({
      children: edge("HashtagMedia", (m, ctx) => (m.media_type === "CAROUSEL_ALBUM" ? mediaList(ctx.state, m.childIds) : undefined), ["id"], { noNext: true }),
    }),
  },
  IGComment: {
    type: "IGComment",
    fields: {
      id: prop("id"),
      text: prop("text"),
      username: prop("username"),
      timestamp: prop("timestamp"),
      like_count: prop("like_count"),
      hidden: prop("hidden"),
      parent_id: (c) => c.parentId ?? undefined,
      from: nested("IGCommentFrom", (c) => ({ id: c.fromId, username: c.username }), ["id", "username"]),
      user: (c) => (c.fromId === IG_USER_ID ? { id: c.fromId } : undefined),
      media: nested("IGMediaRef", (c, ctx) => ctx.state.media.get(c.mediaId)),
      replies: edge("IGComment", (c, ctx) => (c.parentId ? [] : commentList(ctx.state, c.replyIds)), ["timestamp", "text", "id"]),
    },
  },
  IGCommentFrom: {
    type: "IGCommentFromUser",
    fields: { id: prop("id"), username: prop("username"), self_ig_scoped_id: prop("id") },
  },
  IGMediaRef: {
    type: "IGMedia",
    fields: { id: prop("id"), media_product_type: prop("media_product_type"), media_type: prop("media_type") },
  },
  IGHashtag: {
    type: "IGHashtag",
    fields: { id: prop("id"), name: prop("name") },
  },
  Container: {
    type: "ShadowIGMediaBuilder",
    fields: {
      id: prop("id"),
      status_code: prop("status_code"),
      status: (c) => containerStatusText(c),
      video_status: (c, f, ctx) => containerVideoStatus(ctx.state, c),
      copyright_check_status: (c) => (c.status_code === "IN_PROGRESS" ? { matches_found: false, status: "in_progress" } : { matches_found: false, status: "complete" }),
    },
  },
};

/** Add the node types of a route family (its own module keeps them: messaging, product tags). */
export function defineSchemas(schemas) {
  Object.assign(SCHEMAS, schemas);
}

/** The answer of a successful write. */
export const SUCCESS = () => ({ success: true });

/** A list response: the requested fields of each item, cursor-paged. */
export function listOf(ctx, items, schemaName, defaults, o) {
  const specs = requestedFields(ctx, defaults);
  validateTopFields(schemaName, specs);
  return paginate(ctx, items, (item) => renderNode(schemaName, item, specs, ctx), o);
}

/** A node response: the requested fields (or `defaults`). */
export function nodeOf(ctx, schemaName, rec, defaults) {
  return renderNode(schemaName, rec, requestedFields(ctx, defaults), ctx);
}

function validateTopFields(schemaName, specs) {
  const schema = SCHEMAS[schemaName];
  for (const f of specs) if (!schema.fields[f.name]) throw err.nonexistingField(f.name, schema.type);
}
