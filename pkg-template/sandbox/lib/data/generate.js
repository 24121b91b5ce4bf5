/**
 * @file Data generation: the initial state (Pages, the IG account, its feed, stories, tagged media,
 * comments, business-discovery accounts, hashtags, tokens) from a seeded PRNG (the inbox and the
 * shop: `./inbox.js`), and the public media of a hashtag on first read. The record shapes are
 * documented in `../../index.d.ts` (`SandboxState`).
 * Times are relative to the clock's now at generation (`state._anchor`): the newest post was
 * published two hours before it (`state.counters.clock` starts there), stories in the last day.
 */

import { newestPostAt } from "../clock.js";
import {
  APP_ID,
  IG_USER_ID,
  IG_USERNAME,
  OTHER_PAGE_ID,
  OTHER_PAGE_NAME,
  PAGE_ID,
  PAGE_NAME,
  PAGE_TOKEN_PREFIX,
  USER_ID,
  USER_NAME,
} from "../constants.js";
import { B64URL, formatTs, hash32, makeRng } from "../util.js";
import { lazySvg, materialize, svgImage } from "./images.js";
import { generateInbox } from "./inbox.js";
import {
  COMMENTERS,
  COMMENT_TEXTS,
  DISCOVERY_ACCOUNTS,
  DRINKS,
  HASHTAGS,
  HASHTAG_NAMES,
  OWNER_REPLIES,
  PRIVATE_ACCOUNTS,
  makeCaption,
} from "./pools.js";

/** @typedef {import("../../index.js").SandboxState} SandboxState */
/** @typedef {import("../../index.js").SandboxIds} SandboxIds */
/** @typedef {import("../../index.js").MediaRecord} MediaRecord */

/** Unique-id allocator: `prefix` followed by random digits up to `len` digits (from `rng`, or `r`). */
function makeIdAllocator(rng) {
  const used = new Set();
  return function alloc(prefix, len, r = rng) {
    for (;;) {
      const id = prefix + r.digits(len - prefix.length);
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
}

export function shortcodeFrom(rng) {
  let s = "C";
  for (let i = 0; i < 10; i++) s += B64URL[Math.floor(rng.next() * 64)];
  return s;
}

/**
 * Build the initial state from the options. Pure: same options, same data.
 * @returns {{state: SandboxState, ids: SandboxIds}}
 */
export function generate(opts) {
  const rng = makeRng(opts.seed);
  const alloc = makeIdAllocator(rng);
  const anchor = opts.now();
  const nowSec = Math.floor(anchor / 1000);
  const newest = newestPostAt(anchor);

  /** @type {SandboxState} */
  const state = {
    user: { id: USER_ID, name: USER_NAME },
    pages: new Map(),
    igUsers: new Map(),
    media: new Map(),
    comments: new Map(),
    containers: new Map(),
    uploads: new Map(),
    hashtags: new Map(),
    tokens: new Map(),
    usedCodes: new Set(),
    counters: { appCalls: 0, bucCalls: new Map(), clock: newest, issued: 0 },
  };
  // The allocator and rng stay with the state so that objects created later are deterministic.
  Object.defineProperty(state, "_rng", { value: rng, enumerable: false, writable: true });
  Object.defineProperty(state, "_alloc", { value: alloc, enumerable: false, writable: true });
  // When the data was generated, and the clock (objects created later are dated by it).
  Object.defineProperty(state, "_anchor", { value: anchor, enumerable: false, writable: true });
  Object.defineProperty(state, "_now", { value: opts.now, enumerable: false, writable: true });

  for (const t of opts.accessTokens) {
    state.tokens.set(t, { type: "USER", userId: USER_ID, issuedAt: nowSec - 3600, expiresAt: nowSec + 60 * 86400 });
  }

  // Pages
  state.pages.set(PAGE_ID, {
    id: PAGE_ID,
    name: PAGE_NAME,
    category: "Coffee Shop",
    category_list: [{ id: "128673187201735", name: "Coffee Shop" }],
    tasks: ["ADVERTISE", "ANALYZE", "CREATE_CONTENT", "MESSAGING", "MODERATE", "MANAGE"],
    access_token: PAGE_TOKEN_PREFIX + PAGE_ID,
    igUserId: IG_USER_ID,
    subscribedFields: null,
  });
  state.pages.set(OTHER_PAGE_ID, {
    id: OTHER_PAGE_ID,
    name: OTHER_PAGE_NAME,
    category: "Photographer",
    category_list: [{ id: "181475575221097", name: "Photographer" }],
    tasks: ["ANALYZE", "CREATE_CONTENT", "MODERATE"],
    access_token: PAGE_TOKEN_PREFIX + OTHER_PAGE_ID,
    igUserId: null,
    subscribedFields: null,
  });
  for (const p of state.pages.values()) {
    state.tokens.set(p.access_token, { type: "PAGE", userId: USER_ID, pageId: p.id, issuedAt: nowSec - 3600, expiresAt: 0 });
  }

  // Commenter ids: one IG-scoped id per username, stable.
  const fromIds = new Map();
  const fromIdOf = (username) => {
    if (username === IG_USERNAME) return IG_USER_ID;
    if (!fromIds.has(username)) fromIds.set(username, alloc("178414", 17));
    return fromIds.get(username);
  };
  for (const u of COMMENTERS) fromIdOf(u);

  // Own IG account
  const own = {
    id: IG_USER_ID,
    ig_id: 8245193601,
    username: IG_USERNAME,
    name: PAGE_NAME,
    biography: "Small-batch roasters & espresso bar ☕\nOpen daily 7–5 · Portland, OR\nWholesale: hello@sandbox-coffee.example",
    website: "https://sandbox-coffee.example/",
    followers_count: 12000 + rng.int(0, 2000),
    follows_count: 318,
    profile_picture_url: svgImage({ hue: 25, title: "SC", subtitle: IG_USERNAME, w: 150, h: 150 }),
    own: true,
    isPrivate: false,
    mediaIds: [],
    storyIds: [],
    taggedIds: [],
    liveIds: [],
    recentlySearchedHashtagIds: [],
    quotaUsage: 0,
  };
  state.igUsers.set(own.id, own);

  const makeStats = (likes, isVideo) => {
    const reach = Math.round(likes * (6 + rng.next() * 8)) + rng.int(20, 200);
    const views = Math.round(reach * (isVideo ? 2.2 + rng.next() * 2 : 1.2 + rng.next() * 0.8));
    const saved = Math.round(likes * (0.04 + rng.next() * 0.1));
    const shares = Math.round(likes * (0.02 + rng.next() * 0.08));
    const profile_visits = Math.round(reach * (0.01 + rng.next() * 0.03));
    const follows = Math.round(profile_visits * (0.05 + rng.next() * 0.15));
    return { reach, views, saved, shares, profile_visits, follows };
  };

  /** @returns {MediaRecord} */
  const addMedia = (m) => {
    const rec = {
      caption: undefined,
      thumbnail_url: undefined,
      permalink: undefined,
      childIds: [],
      parentId: null,
      commentIds: [],
      is_comment_enabled: true,
      like_count: 0,
      stats: { reach: 0, views: 0, saved: 0, shares: 0, profile_visits: 0, follows: 0 },
      ...m,
    };
    materialize(rec);
    state.media.set(rec.id, rec);
    return rec;
  };

  const addComment = (c) => {
    const rec = { parentId: null, hidden: false, replyIds: [], like_count: 0, ...c };
    state.comments.set(rec.id, rec);
    return rec;
  };

  /** Generate comments (with replies) for a media; `mentionOwn` makes some mention the own account. */
  const genComments = (media, mediaMs, count, { ownerReplies = true, mentionOwn = false } = {}) => {
    const top = [];
    for (let i = 0; i < count; i++) {
      const username = rng.pick(COMMENTERS);
      const ms = Math.min(anchor - 60000, mediaMs + rng.int(5, 60 * 72) * 60000);
      let text = rng.pick(COMMENT_TEXTS);
      if (mentionOwn && rng.chance(0.5)) text = `@${IG_USERNAME} ${text}`;
      else if (rng.chance(0.15)) text = `@${rng.pick(COMMENTERS)} ${text}`;
      const c = addComment({
        id: alloc("179", 17),
        mediaId: media.id,
        text,
        username,
        fromId: fromIdOf(username),
        timestamp: formatTs(ms),
        _ms: ms,
        like_count: rng.chance(0.6) ? rng.int(0, 25) : 0,
        hidden: rng.chance(0.04),
      });
      top.push(c);
      if (rng.chance(0.25)) {
        const n = rng.int(1, 3);
        let rms = ms;
        for (let j = 0; j < n; j++) {
          rms = Math.min(anchor - 30000, rms + rng.int(2, 600) * 60000);
          const byOwner = ownerReplies && (j === 0 || rng.chance(0.3));
          const ru = byOwner ? IG_USERNAME : rng.pick(COMMENTERS);
          const r = addComment({
            id: alloc("179", 17),
            mediaId: media.id,
            parentId: c.id,
            text: byOwner ? `@${username} ${rng.pick(OWNER_REPLIES)}` : rng.pick(COMMENT_TEXTS),
            username: ru,
            fromId: fromIdOf(ru),
            timestamp: formatTs(rms),
            like_count: rng.int(0, 5),
          });
          c.replyIds.push(r.id);
        }
      }
    }
    top.sort((a, b) => b._ms - a._ms);
    for (const c of top) delete c._ms;
    media.commentIds = top.map((c) => c.id);
  };

  // Own feed media, newest first. Ids grow with time, like Meta's.
  const n = Math.max(0, Math.floor(opts.mediaCount));
  const mediaIds = [];
  for (let i = 0; i < n; i++) mediaIds.push(alloc("180", 18));
  mediaIds.sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  let ms = newest;
  for (let i = 0; i < n; i++) {
    if (i > 0) ms -= rng.int(6 * 12, 60 * 12) * 5 * 60000; // 6–60 h, on 5-minute boundaries
    const number = n - i;
    const roll = rng.next();
    const mediaType = roll < 0.2 ? "VIDEO" : roll < 0.4 ? "CAROUSEL_ALBUM" : "IMAGE";
    const product = mediaType === "VIDEO" ? "REELS" : "FEED";
    const hue = Math.floor(rng.next() * 360);
    const shortcode = shortcodeFrom(rng);
    const drink = rng.pick(DRINKS);
    const badge = mediaType === "VIDEO" ? "REEL" : mediaType === "CAROUSEL_ALBUM" ? "ALBUM" : "";
    const likes = Math.round((mediaType === "VIDEO" ? 120 : 40) + rng.next() ** 2 * (mediaType === "VIDEO" ? 1600 : 700));
    const m = addMedia({
      id: mediaIds[i],
      kind: "feed",
      ownerId: own.id,
      username: own.username,
      caption: rng.chance(0.03) ? undefined : makeCaption(rng),
      media_type: mediaType,
      media_product_type: product,
      media_url: lazySvg({ hue, title: `No. ${number}`, subtitle: drink, badge }),
      permalink: `https://www.instagram.com/${product === "REELS" ? "reel" : "p"}/${shortcode}/`,
      shortcode,
      timestamp: formatTs(ms),
      like_count: likes,
      is_comment_enabled: !rng.chance(0.05),
      stats: makeStats(likes, mediaType === "VIDEO"),
    });
    if (mediaType === "VIDEO") {
      m.thumbnail_url = lazySvg({ hue, title: `No. ${number}`, subtitle: "cover", badge: "REEL" });
      materialize(m);
      m.is_shared_to_feed = true;
    }
    if (mediaType === "CAROUSEL_ALBUM") {
      const k = rng.int(2, 5);
      for (let j = 0; j < k; j++) {
        const isVideo = rng.chance(0.2);
        const child = addMedia({
          id: alloc("179", 18),
          kind: "child",
          ownerId: own.id,
          username: own.username,
          media_type: isVideo ? "VIDEO" : "IMAGE",
          media_product_type: "FEED",
          media_url: lazySvg({ hue: (hue + j * 23) % 360, title: `No. ${number}`, subtitle: `${j + 1} of ${k}`, badge: isVideo ? "VIDEO" : "" }),
          shortcode: shortcodeFrom(rng),
          timestamp: m.timestamp,
          parentId: m.id,
        });
        if (isVideo) child.thumbnail_url = child.media_url;
        m.childIds.push(child.id);
      }
      m.thumbnail_url = undefined;
    }
    // Comment counts skewed towards small numbers; the first media always has some.
    const count = i === 0 ? 8 : Math.floor(rng.next() ** 1.6 * 13);
    genComments(m, ms, count);
  }
  own.mediaIds = mediaIds;

  // Stories (live for 24 h), posted 2, 5 and 9 hours before the newest post.
  for (const [hours, type] of [[2, "IMAGE"], [5, "VIDEO"], [9, "IMAGE"]]) {
    const hue = Math.floor(rng.next() * 360);
    const s = addMedia({
      id: alloc("178", 18),
      kind: "story",
      ownerId: own.id,
      username: own.username,
      media_type: type,
      media_product_type: "STORY",
      media_url: lazySvg({ hue, title: "Story", subtitle: type === "VIDEO" ? "video" : "photo", badge: type === "VIDEO" ? "VIDEO" : "", w: 270, h: 480 }),
      shortcode: shortcodeFrom(rng),
      timestamp: formatTs(newest - hours * 3600000),
      stats: makeStats(rng.int(30, 120), type === "VIDEO"),
    });
    s.like_count = undefined;
    s.permalink = `https://instagram.com/stories/${IG_USERNAME}/${rng.digits(19)}`;
    if (type === "VIDEO") s.thumbnail_url = s.media_url;
    own.storyIds.push(s.id);
  }

  // Media by other accounts where the own account is tagged / mentioned.
  let tms = newest - 3 * 3600000;
  for (let i = 0; i < 18; i++) {
    tms -= rng.int(4, 96) * 3600000;
    const username = rng.pick(COMMENTERS);
    const hue = Math.floor(rng.next() * 360);
    const likes = rng.int(5, 400);
    const t = addMedia({
      id: alloc("178", 18),
      kind: "tagged",
      ownerId: fromIdOf(username),
      username,
      caption: `${rng.pick(["Morning ritual at", "Can't get enough of", "Weekend treat from", "Finally tried"])} @${IG_USERNAME} — ${rng.pick(DRINKS)} ✨ ${rng.sample(HASHTAGS, 2).join(" ")}`,
      media_type: "IMAGE",
      media_product_type: "FEED",
      media_url: lazySvg({ hue, title: `@${username}`, subtitle: "tagged" }),
      shortcode: "",
      timestamp: formatTs(tms),
      like_count: likes,
      stats: makeStats(likes, false),
    });
    t.shortcode = shortcodeFrom(rng);
    t.permalink = `https://www.instagram.com/p/${t.shortcode}/`;
    genComments(t, tms, rng.int(1, 4), { ownerReplies: false, mentionOwn: true });
    own.taggedIds.push(t.id);
  }

  // Business-discovery accounts.
  for (const acct of DISCOVERY_ACCOUNTS) {
    const u = {
      id: alloc("178414", 17),
      ig_id: rng.int(1000000000, 9999999999),
      username: acct.username,
      name: acct.name,
      biography: acct.biography,
      website: acct.website,
      followers_count: acct.followers,
      follows_count: acct.follows,
      profile_picture_url: svgImage({ hue: acct.hue, title: acct.name.slice(0, 2).toUpperCase(), subtitle: acct.username, w: 150, h: 150 }),
      own: false,
      isPrivate: false,
      mediaIds: [],
      storyIds: [],
      taggedIds: [],
      liveIds: [],
      recentlySearchedHashtagIds: [],
      quotaUsage: 0,
    };
    const ids = [];
    for (let i = 0; i < acct.media; i++) ids.push(alloc("177", 18));
    ids.sort((a, b) => (a < b ? 1 : -1));
    let dms = newest - rng.int(1, 20) * 3600000;
    for (let i = 0; i < ids.length; i++) {
      dms -= rng.int(12, 96) * 3600000;
      const likes = rng.int(80, 3000);
      const isVideo = rng.chance(0.25);
      const sc = shortcodeFrom(rng);
      addMedia({
        id: ids[i],
        kind: "discovery",
        ownerId: u.id,
        username: u.username,
        caption: makeCaption(rng),
        media_type: isVideo ? "VIDEO" : "IMAGE",
        media_product_type: isVideo ? "REELS" : "FEED",
        media_url: lazySvg({ hue: (acct.hue + i * 7) % 360, title: acct.name, subtitle: `post ${ids.length - i}`, badge: isVideo ? "REEL" : "" }),
        permalink: `https://www.instagram.com/${isVideo ? "reel" : "p"}/${sc}/`,
        shortcode: sc,
        timestamp: formatTs(dms),
        like_count: likes,
        hashtagCommentsCount: rng.int(0, 60),
      });
    }
    u.mediaIds = ids;
    state.igUsers.set(u.id, u);
  }
  for (const username of PRIVATE_ACCOUNTS) {
    const u = {
      id: alloc("178414", 17), ig_id: rng.int(1000000000, 9999999999), username, name: "Private Beans",
      biography: "", website: "", followers_count: 210, follows_count: 180, profile_picture_url: "",
      own: false, isPrivate: true, mediaIds: [], storyIds: [], taggedIds: [], liveIds: [],
      recentlySearchedHashtagIds: [], quotaUsage: 0,
    };
    state.igUsers.set(u.id, u);
  }

  // Hashtags (media generated lazily, from a sub-seed, when first read).
  for (const name of HASHTAG_NAMES) {
    const id = alloc("178415", 17);
    state.hashtags.set(id, { id, name, topMediaIds: null, recentMediaIds: null });
  }
  const tagByName = (name) => [...state.hashtags.values()].find((h) => h.name === name);
  own.recentlySearchedHashtagIds = [tagByName("latteart").id, tagByName("coffee").id];

  const feed = own.mediaIds.map((id) => state.media.get(id));
  const firstWith = (pred) => feed.find(pred)?.id ?? null;
  const commentWithReplies = [...state.comments.values()].find(
    (c) => c.parentId === null && c.replyIds.length > 0 && state.media.get(c.mediaId).kind === "feed",
  );
  const mentionedComment = [...state.comments.values()].find(
    (c) => c.text.includes(`@${IG_USERNAME}`) && state.media.get(c.mediaId).kind === "tagged",
  );
  const carousel = firstWith((m) => m.media_type === "CAROUSEL_ALBUM");

  const ids = {
    appId: APP_ID,
    userId: USER_ID,
    pageId: PAGE_ID,
    otherPageId: OTHER_PAGE_ID,
    igUserId: IG_USER_ID,
    igUsername: IG_USERNAME,
    accessToken: opts.accessTokens[0],
    pageAccessToken: PAGE_TOKEN_PREFIX + PAGE_ID,
    otherPageAccessToken: PAGE_TOKEN_PREFIX + OTHER_PAGE_ID,
    firstMediaId: feed[0]?.id ?? null,
    lastMediaId: feed[feed.length - 1]?.id ?? null,
    imageMediaId: firstWith((m) => m.media_type === "IMAGE"),
    videoMediaId: firstWith((m) => m.media_type === "VIDEO"),
    carouselMediaId: carousel,
    carouselChildId: carousel ? state.media.get(carousel).childIds[0] : null,
    mediaWithoutCommentsId: firstWith((m) => m.commentIds.length === 0),
    commentId: commentWithReplies?.id ?? null,
    replyId: commentWithReplies?.replyIds[0] ?? null,
    storyId: own.storyIds[0],
    taggedMediaId: own.taggedIds[0],
    mentionedMediaId: own.taggedIds[0],
    mentionedCommentId: mentionedComment?.id ?? null,
    hashtagId: tagByName("coffee").id,
    hashtagName: "coffee",
    discoveryUsername: DISCOVERY_ACCOUNTS[0].username,
    privateUsername: PRIVATE_ACCOUNTS[0],
  };
  Object.assign(ids, generateInbox(state, opts, ids));
  return { state, ids };
}

/** Lazily generate the public media of a hashtag (deterministic per seed and hashtag). */
export function ensureHashtagMedia(state, tag, seed) {
  if (tag.topMediaIds) return;
  const newest = newestPostAt(state._anchor);
  // Own random stream, so the result does not depend on what happened earlier in the session.
  const rng = makeRng(hash32(`${seed}#${tag.name}`));
  const alloc = (prefix, len) => state._alloc(prefix, len, rng);
  const make = (ms, i, prefix) => {
    const roll = rng.next();
    const mediaType = roll < 0.25 ? "VIDEO" : roll < 0.4 ? "CAROUSEL_ALBUM" : "IMAGE";
    const sc = shortcodeFrom(rng);
    const hue = Math.floor(rng.next() * 360);
    const likes = Math.round(20 + rng.next() ** 3 * 20000);
    const m = {
      id: alloc("176", 18),
      kind: "hashtag",
      ownerId: "",
      username: rng.pick(COMMENTERS),
      caption: makeCaption(rng) + ` #${tag.name}`,
      media_type: mediaType,
      media_product_type: mediaType === "VIDEO" ? "REELS" : "FEED",
      media_url: lazySvg({ hue, title: `#${tag.name}`, subtitle: `${prefix} ${i + 1}`, badge: mediaType === "VIDEO" ? "REEL" : "" }),
      permalink: `https://www.instagram.com/${mediaType === "VIDEO" ? "reel" : "p"}/${sc}/`,
      shortcode: sc,
      timestamp: formatTs(ms),
      like_count: likes,
      hashtagCommentsCount: Math.round(likes * (0.01 + rng.next() * 0.05)),
      childIds: [],
      parentId: null,
      commentIds: [],
      is_comment_enabled: true,
      stats: { reach: 0, views: 0, saved: 0, shares: 0, profile_visits: 0, follows: 0 },
    };
    state.media.set(m.id, m);
    if (mediaType === "CAROUSEL_ALBUM") {
      const k = rng.int(2, 4);
      for (let j = 0; j < k; j++) {
        const c = {
          ...m,
          id: alloc("175", 18),
          kind: "hashtag",
          caption: undefined,
          media_type: "IMAGE",
          media_product_type: "FEED",
          media_url: lazySvg({ hue: (hue + j * 29) % 360, title: `#${tag.name}`, subtitle: `${j + 1} of ${k}` }),
          permalink: undefined,
          childIds: [],
          parentId: m.id,
        };
        materialize(c);
        state.media.set(c.id, c);
        m.childIds.push(c.id);
      }
    }
    return materialize(m);
  };
  const top = [];
  for (let i = 0; i < 120; i++) top.push(make(newest - rng.int(1, 30 * 24) * 3600000, i, "top"));
  top.sort((a, b) => b.like_count - a.like_count);
  const recent = [];
  let ms = newest;
  for (let i = 0; i < 90; i++) {
    ms -= rng.int(1, 15) * 60000;
    recent.push(make(ms, i, "recent"));
  }
  tag.topMediaIds = top.map((m) => m.id);
  tag.recentMediaIds = recent.map((m) => m.id);
}
