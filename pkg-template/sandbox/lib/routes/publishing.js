/**
 * @file Content publishing: containers (`POST /{ig-user-id}/media`, status reads of the container
 * node), `media_publish` and `content_publishing_limit`.
 */

import { DEFAULT_API_VERSION } from "../constants.js";
import { outcomeOfUrl, pollContainer } from "../containers.js";
import { shortcodeFrom } from "../data/generate.js";
import { svgImage } from "../data/images.js";
import { err } from "../errors.js";
import { requestedFields } from "../fields.js";
import { nodeOf } from "../nodes.js";
import { parseBool, parseList } from "../params.js";
import { nextClock } from "../records.js";
import { makeUpload, uploadBase } from "../upload.js";
import { formatTs } from "../util.js";

const QUOTA_TOTAL = 100;
const QUOTA_DURATION = 86400;

/** Validate a caption the way Meta does (code points, hashtags, @-mentions). */
function validateCaption(caption) {
  if (caption === undefined) return;
  const text = String(caption);
  const length = [...text].length;
  const hashtags = (text.match(/#[\p{L}\p{N}_]+/gu) ?? []).length;
  const mentions = (text.match(/@[\p{L}\p{N}._]+/gu) ?? []).length;
  if (length > 2200 || hashtags > 30) {
    throw err.ig(
      36004,
      2207010,
      "The caption is too long.",
      "Caption too long",
      "The caption is too long. Captions may contain at most 2,200 characters, 30 hashtags and 20 @ tags.",
    );
  }
  if (mentions > 20) {
    throw err.ig(100, 2207040, "Invalid parameter", "Too many tags", "Cannot use more than 20 tags per created media.");
  }
}

/** `POST /{ig-user-id}/media`: create a container. */
function createContainer(ctx, igUser) {
  const { state, sb } = ctx;
  const p = ctx.params;
  const mediaType = p.media_type ? String(p.media_type).toUpperCase() : null;
  const resumable = p.upload_type !== undefined && p.upload_type !== "";
  if (resumable && p.upload_type !== "resumable") throw err.param("Param upload_type must be one of {resumable}");
  const isCarouselItem = parseBool(p.is_carousel_item) === true;
  validateCaption(p.caption);

  const c = {
    id: state._alloc("178", 17),
    igUserId: igUser.id,
    media_type: "IMAGE",
    image_url: p.image_url,
    video_url: p.video_url,
    caption: p.caption,
    is_carousel_item: isCarouselItem,
    children: [],
    upload_type: resumable ? "resumable" : null,
    params: Object.fromEntries(Object.entries(p).filter(([k]) => k !== "access_token" && k !== "appsecret_proof")),
    status_code: "IN_PROGRESS",
    outcome: "FINISHED",
    polls: 0,
    pollsRequired: 0,
    uploadComplete: !resumable,
    publishedMediaId: null,
    createdAt: nextClock(state),
  };

  switch (mediaType) {
    case null:
    case "IMAGE":
      if (p.video_url && !p.image_url) throw err.required("media_type");
      if (resumable) throw err.param("Param upload_type=resumable is only supported for video media types (REELS, VIDEO, STORIES)");
      if (!p.image_url) throw err.required("image_url");
      c.media_type = "IMAGE";
      c.outcome = outcomeOfUrl(p.image_url);
      break;
    case "VIDEO":
    case "REELS":
      if (!p.video_url && !resumable) throw err.required("video_url");
      c.media_type = mediaType;
      c.outcome = outcomeOfUrl(p.video_url);
      c.pollsRequired = sb.opts.pollsUntilFinished;
      break;
    case "STORIES":
      if (!p.image_url && !p.video_url && !resumable) throw err.required("image_url or video_url");
      c.media_type = "STORIES";
      if (p.video_url || resumable) {
        c.outcome = outcomeOfUrl(p.video_url);
        c.pollsRequired = sb.opts.pollsUntilFinished;
      } else {
        c.outcome = outcomeOfUrl(p.image_url);
      }
      break;
    case "CAROUSEL": {
      const children = parseList(p.children);
      if (children.length < 2 || children.length > 10) {
        throw err.ig(
          100,
          2207028,
          "Invalid parameter",
          "Carousel validation failed",
          "The carousel is invalid. Carousels need at least 2 and no more than 10 photos/videos.",
        );
      }
      for (const id of children) {
        const child = state.containers.get(id);
        if (!child || child.igUserId !== igUser.id || !child.is_carousel_item) {
          throw err.ig(24, 2207006, "The requested resource does not exist", "Media not found", `The media with id ${id} cannot be found.`);
        }
      }
      const kids = children.map((id) => state.containers.get(id));
      c.media_type = "CAROUSEL";
      c.children = children;
      c.outcome = kids.some((k) => k.outcome === "ERROR") ? "ERROR" : kids.some((k) => k.outcome === "EXPIRED") ? "EXPIRED" : "FINISHED";
      c.pollsRequired = kids.some((k) => k.media_type !== "IMAGE") ? sb.opts.pollsUntilFinished : 0;
      break;
    }
    default:
      throw err.ig(100, 2207023, "Invalid parameter", "Unknown media type", `The media type ${mediaType} is unknown.`);
  }
  if (c.pollsRequired === 0 && c.uploadComplete) c.status_code = c.outcome;
  state.containers.set(c.id, c);

  if (resumable) {
    state.uploads.set(c.id, makeUpload(c.id));
    const version = ctx.version ?? DEFAULT_API_VERSION;
    return { id: c.id, uri: `${uploadBase(ctx)}/ig-api-upload/${version}/${c.id}` };
  }
  return { id: c.id };
}

/** `POST /{ig-user-id}/media_publish`. */
function publishContainer(ctx, igUser) {
  const { state } = ctx;
  const id = ctx.params.creation_id;
  if (!id) throw err.required("creation_id");
  const c = state.containers.get(String(id));
  if (!c || c.igUserId !== igUser.id || c.status_code === "PUBLISHED") {
    throw err.ig(
      24,
      2207008,
      "The requested resource does not exist",
      "Media builder does not exist",
      `The media builder with creation id = ${id} does not exist or has been expired.`,
    );
  }
  if (c.status_code === "EXPIRED") {
    throw err.ig(-2, 2207020, "Media has expired", "Media expired", "The media you are trying to access has expired. Please try to upload again.");
  }
  if (c.status_code !== "FINISHED") {
    throw err.ig(9007, 2207027, "Media ID is not available", "Media ID is not available", "The media is not ready for publishing, please wait for a moment");
  }
  if (igUser.quotaUsage >= QUOTA_TOTAL) {
    throw err.ig(
      9,
      2207042,
      "Application request limit reached",
      "Max. posts reached",
      "You reached maximum number of posts that is allowed to be published by Content Publishing API.",
    );
  }

  const ms = nextClock(state);
  const newest = igUser.mediaIds[0] ?? "180000000000000000";
  const mediaId = (BigInt(newest) + BigInt(1 + Math.floor(state._rng.next() * 9e9))).toString();
  const hue = Math.floor(state._rng.next() * 360);
  const number = igUser.mediaIds.length + 1;
  const sc = shortcodeFrom(state._rng);
  const isVideo = c.media_type === "VIDEO" || c.media_type === "REELS" || (c.media_type === "STORIES" && !c.image_url);
  const product = c.media_type === "STORIES" ? "STORY" : isVideo ? "REELS" : "FEED";
  const m = {
    id: mediaId,
    kind: product === "STORY" ? "story" : "feed",
    ownerId: igUser.id,
    username: igUser.username,
    caption: c.caption,
    media_type: c.media_type === "CAROUSEL" ? "CAROUSEL_ALBUM" : isVideo ? "VIDEO" : "IMAGE",
    media_product_type: product,
    media_url: svgImage({ hue, title: `No. ${number}`, subtitle: "just published", badge: product === "REELS" ? "REEL" : product === "STORY" ? "STORY" : "NEW" }),
    thumbnail_url: undefined,
    permalink:
      product === "STORY"
        ? `https://instagram.com/stories/${igUser.username}/${state._rng.digits(19)}`
        : `https://www.instagram.com/${product === "REELS" ? "reel" : "p"}/${sc}/`,
    shortcode: sc,
    timestamp: formatTs(ms),
    like_count: product === "STORY" ? undefined : 0,
    is_comment_enabled: true,
    childIds: [],
    parentId: null,
    commentIds: [],
    stats: { reach: 0, views: 0, saved: 0, shares: 0, profile_visits: 0, follows: 0 },
  };
  if (isVideo) m.thumbnail_url = m.media_url;
  if (product === "REELS") m.is_shared_to_feed = parseBool(c.params.share_to_feed) ?? true;
  if (c.params.alt_text && m.media_type === "IMAGE") m.alt_text = c.params.alt_text;
  state.media.set(m.id, m);
  if (c.media_type === "CAROUSEL") {
    c.children.forEach((kidId, j) => {
      const kid = state.containers.get(kidId);
      const kidVideo = kid.media_type !== "IMAGE";
      const child = {
        ...m,
        id: state._alloc("179", 18),
        kind: "child",
        caption: undefined,
        media_type: kidVideo ? "VIDEO" : "IMAGE",
        media_product_type: "FEED",
        media_url: svgImage({ hue: (hue + j * 23) % 360, title: `No. ${number}`, subtitle: `${j + 1} of ${c.children.length}` }),
        thumbnail_url: undefined,
        permalink: undefined,
        shortcode: shortcodeFrom(state._rng),
        parentId: m.id,
        childIds: [],
      };
      if (kidVideo) child.thumbnail_url = child.media_url;
      state.media.set(child.id, child);
      m.childIds.push(child.id);
      kid.status_code = "PUBLISHED";
      kid.publishedMediaId = child.id;
    });
  }
  if (product === "STORY") igUser.storyIds.unshift(m.id);
  else igUser.mediaIds.unshift(m.id);
  c.status_code = "PUBLISHED";
  c.publishedMediaId = m.id;
  igUser.quotaUsage += 1;
  return { id: m.id };
}

export const routes = {
  iguser: {
    "POST media": (ctx, u) => createContainer(ctx, u),
    "POST media_publish": (ctx, u) => publishContainer(ctx, u),
    "GET content_publishing_limit": (ctx, u) => {
      const specs = requestedFields(ctx, ["quota_usage", "config"]);
      const row = {};
      for (const f of specs) {
        if (f.name === "quota_usage") row.quota_usage = u.quotaUsage;
        else if (f.name === "config") row.config = { quota_total: QUOTA_TOTAL, quota_duration: QUOTA_DURATION };
        else throw err.nonexistingField(f.name, "ContentPublishingLimitResponse");
      }
      return { data: [row] };
    },
  },
  container: {
    "GET ": (ctx, c) => {
      pollContainer(ctx.state, c);
      return nodeOf(ctx, "Container", c, ["id"]);
    },
  },
};
