/**
 * @file The account's Instagram inbox and shop: conversations with people who commented (their
 * IGSIDs are the comments' `from.id`s, as in Meta's webhooks), messages, collaborators and
 * collaboration invites, product catalogs and product tags. Drawn from a random stream of its
 * own, so the rest of the data does not depend on it. Record shapes: `../../index.d.ts`.
 */

import { IG_USER_ID, IG_USERNAME, PAGE_ID, PAGE_NAME } from "../constants.js";
import { b64encode, hash32, makeRng } from "../util.js";
import { svgImage } from "./images.js";

const HOUR = 3600000;

const INBOUND = [
  "Hi! Do you ship beans to Canada?",
  "Is the Ethiopia Yirgacheffe still in stock?",
  "What grind would you recommend for a moka pot?",
  "Are you open on public holidays?",
  "Can I book the space for a small cupping event?",
  "Loved the cortado yesterday 😍 what milk do you use?",
  "Do you have decaf options?",
  "My order hasn't arrived yet, can you check? #10482",
  "Do you sell gift cards?",
  "Is the oat milk barista edition?",
  "Thanks so much!",
  "Perfect, see you Saturday ☕",
  "Can I pick it up instead?",
  "How long do the beans stay fresh?",
];
const OUTBOUND = [
  "Hi! Yes we do, shipping takes 3–5 business days.",
  "It is! We roasted a fresh batch this morning.",
  "For a moka pot, go a bit finer than pour-over: like table salt.",
  "We're open 8am–4pm on holidays.",
  "Absolutely, send us a date and the number of guests and we'll set it up.",
  "We use oat barista edition, it steams beautifully.",
  "Yes! Our Colombia Huila decaf is sugarcane processed.",
  "Sorry about that, we're checking with the courier now.",
  "Happy to help! 🙌",
  "Of course, it'll be ready at the counter from noon.",
  "Best within 4 weeks of the roast date, kept airtight and away from light.",
];

/** Hours before the newest post (the session clock at generation) of each conversation's last message from the person: open windows (under 24 h) first. */
const LAST_INBOUND_HOURS = [0.25, 1.5, 3, 6, 11, 20, 30, 52, 75, 120, 170, 230];

const PRODUCTS = [
  ["Ethiopia Yirgacheffe, 340 g", 1900], ["Colombia Huila, 340 g", 1700], ["Kenya Nyeri AA, 340 g", 2200],
  ["Guatemala Antigua, 340 g", 1800], ["House Espresso Blend, 1 kg", 3900], ["Colombia Huila Decaf, 340 g", 1800],
  ["Panama Boquete Geisha, 100 g", 3200], ["Stoneware Mug, Sand", 2400], ["Glass Carafe, 600 ml", 2800],
  ["Hand Grinder, Burr", 8900], ["V60 Dripper, Ceramic", 2600], ["Paper Filters, 100", 700],
  ["Cold Brew Bottle", 3400], ["Gift Card", 2500], ["Tasting Flight Box", 4500], ["Canvas Tote", 1600],
];

/** A Meta-style opaque id: URL-safe base64 of a typed key (conversations: `ig_d:1:IGMessageThread:…`). */
function opaqueId(kind, alloc) {
  return b64encode(`${kind}:${IG_USER_ID}:${alloc("34", 39)}`).replace(/\+/g, "-").replace(/\//g, "_");
}

/** A new conversation record with a person (no messages yet). */
export function newConversation(state, igsid, username, alloc = state._alloc) {
  const c = {
    id: opaqueId("ig_d:1:IGMessageThread", alloc),
    pageId: PAGE_ID,
    igsid,
    username,
    messageIds: [],
    updatedMs: 0,
    lastInboundMs: null,
    blocked: false,
  };
  state.conversations.set(c.id, c);
  return c;
}

/**
 * Add a message to a conversation (newest first): `fromPerson` for one the person sent (it
 * opens the 24-hour window), else one the account sent.
 */
export function addMessage(state, conv, { fromPerson, text = "", attachments = [], ms, alloc = state._alloc }) {
  const own = { id: IG_USER_ID, username: IG_USERNAME };
  const person = { id: conv.igsid, username: conv.username };
  const [from, to] = fromPerson ? [person, own] : [own, person];
  const m = {
    id: opaqueId("ig_message_item:1:IGMessage", alloc),
    conversationId: conv.id,
    fromId: from.id,
    fromUsername: from.username,
    toId: to.id,
    toUsername: to.username,
    text,
    attachments,
    createdMs: ms,
  };
  state.messages.set(m.id, m);
  conv.messageIds.unshift(m.id);
  conv.updatedMs = Math.max(conv.updatedMs, ms);
  if (fromPerson) conv.lastInboundMs = Math.max(conv.lastInboundMs ?? 0, ms);
  return m;
}

/**
 * Generate the inbox and shop into `state`; returns the well-known ids it adds.
 * @param {object} ids the ids generated so far (media to tag, and so on)
 */
export function generateInbox(state, opts, ids) {
  const rng = makeRng(hash32(`${opts.seed}#inbox`));
  // Dated back from the session clock at generation (the newest post, shortly before the clock's now).
  const now = state.counters.clock;
  const alloc = (prefix, len) => state._alloc(prefix, len, rng);
  Object.assign(state, {
    conversations: new Map(),
    messages: new Map(),
    privateReplies: new Map(),
    collaborators: new Map(),
    collaborationInvites: new Map(),
    catalogs: new Map(),
    products: new Map(),
    productTags: new Map(),
  });

  // People who commented on the account's feed, by IGSID, in order of first appearance.
  const people = new Map();
  for (const c of state.comments.values()) {
    if (c.fromId !== IG_USER_ID && state.media.get(c.mediaId)?.kind === "feed" && !people.has(c.fromId)) people.set(c.fromId, c.username);
  }
  const convs = [];
  for (const [i, [igsid, username]] of [...people].slice(0, LAST_INBOUND_HOURS.length).entries()) {
    const conv = newConversation(state, igsid, username, alloc);
    const lastIn = now - LAST_INBOUND_HOURS[i] * HOUR;
    // The first thread is long (past the 20 messages Meta details); the others 2–7 messages.
    const n = i === 0 ? 24 : rng.int(2, 7);
    let ms = lastIn - n * 45 * 60000;
    for (let k = 0; k < n - 1; k++) {
      ms += rng.int(4, 40) * 60000;
      const fromPerson = k % 2 === 0 || rng.chance(0.2);
      const attachments = fromPerson && rng.chance(0.1)
        ? [{ image_data: { url: svgImage({ hue: rng.int(0, 359), title: "photo", subtitle: username, w: 320, h: 320 }), width: 320, height: 320 } }]
        : [];
      addMessage(state, conv, { fromPerson, text: attachments.length ? "" : rng.pick(fromPerson ? INBOUND : OUTBOUND), attachments, ms, alloc });
    }
    addMessage(state, conv, { fromPerson: true, text: rng.pick(INBOUND), ms: lastIn, alloc });
    // Some threads were answered since.
    if (i % 3 === 1) addMessage(state, conv, { fromPerson: false, text: rng.pick(OUTBOUND), ms: lastIn + rng.int(2, 50) * 60000, alloc });
    convs.push(conv);
  }
  // One person has since blocked the account (Meta answers 551/1545041).
  const blocked = convs[2];
  if (blocked) blocked.blocked = true;

  // Private replies: a recent comment (within Meta's 7 days) and one past it.
  const topByOthers = [...state.comments.values()]
    .filter((c) => c.parentId === null && c.fromId !== IG_USER_ID && state.media.get(c.mediaId)?.kind === "feed")
    .sort((a, b) => (a.timestamp < b.timestamp ? 1 : -1));
  const ageMs = (c) => now - Date.parse(c.timestamp.replace("+0000", "Z"));
  // by someone who never wrote to the account: the reply starts their conversation
  const recentComment = topByOthers.find((c) => ageMs(c) < 6 * 24 * HOUR && !convs.some((v) => v.igsid === c.fromId));
  const expiredComment = topByOthers.find((c) => ageMs(c) > 8 * 24 * HOUR);

  // Collaborators on two feed media, and invites from accounts whose posts tag this one.
  const feed = state.igUsers.get(IG_USER_ID).mediaIds.map((id) => state.media.get(id));
  const collabMedia = feed.find((m) => m.media_type === "IMAGE" && m.caption) ?? feed[0];
  const others = [...people].slice(LAST_INBOUND_HOURS.length);
  const pick = (k) => others[k] ?? [...people][k];
  if (collabMedia) {
    state.collaborators.set(collabMedia.id, [
      { id: pick(0)[0], username: pick(0)[1], invite_status: "Accepted" },
      { id: pick(1)[0], username: pick(1)[1], invite_status: "Pending" },
    ]);
  }
  const tagged = state.igUsers.get(IG_USER_ID).taggedIds.slice(0, 3).map((id) => state.media.get(id));
  for (const m of tagged) {
    state.collaborationInvites.set(m.id, { media_id: m.id, media_owner_username: m.username, caption: m.caption, media_url: m.media_url, status: "pending" });
  }

  // The shop: a retail catalog and a wholesale one; ids as Meta's (digits, sent as JSON numbers).
  const merchantId = "9" + rng.digits(13);
  const catalog = (name, products) => {
    const c = { catalog_id: alloc("9", 15), catalog_name: name, shop_name: PAGE_NAME, productIds: [] };
    for (const [productName, cents] of products) {
      const p = {
        product_id: alloc("3", 16),
        merchant_id: merchantId,
        product_name: productName,
        retailer_id: rng.digits(2) + Math.floor(rng.next() * 36 ** 6).toString(36).padStart(6, "0"),
        price_cents: cents,
        image_url: svgImage({ hue: rng.int(0, 359), title: productName.split(",")[0], subtitle: `$${(cents / 100).toFixed(2)}`, w: 300, h: 300 }),
        review_status: "approved",
        is_checkout_flow: true,
        variants: [],
      };
      if (productName.includes("340 g")) {
        p.variants = ["Whole bean", "Ground for filter"].map((variant_name) => ({ product_id: alloc("3", 16), variant_name }));
      }
      state.products.set(p.product_id, p);
      c.productIds.push(p.product_id);
    }
    state.catalogs.set(c.catalog_id, c);
    return c;
  };
  const retail = catalog(`${PAGE_NAME} Shop`, PRODUCTS);
  catalog(`${PAGE_NAME} Wholesale`, PRODUCTS.slice(0, 5).map(([n, c]) => [n.replace("340 g", "5 kg"), c * 12]));
  // Tags already on an image and a reel (a reel's tags have no position).
  if (ids.imageMediaId) {
    state.productTags.set(ids.imageMediaId, [
      { product_id: retail.productIds[0], x: 0.32, y: 0.61 },
      { product_id: retail.productIds[7], x: 0.74, y: 0.4 },
    ]);
  }
  if (ids.videoMediaId) state.productTags.set(ids.videoMediaId, [{ product_id: retail.productIds[4] }]);

  const first = convs[0];
  const closed = convs.find((c) => now - c.lastInboundMs > 24 * HOUR && !c.blocked);
  return {
    conversationId: first?.id ?? null,
    recipientId: first?.igsid ?? null,
    messageId: first?.messageIds[0] ?? null,
    /** The 21st most recent message of `conversationId`: Meta gives no details of it. */
    oldMessageId: first?.messageIds[20] ?? null,
    closedConversationId: closed?.id ?? null,
    closedRecipientId: closed?.igsid ?? null,
    blockedRecipientId: blocked?.igsid ?? null,
    privateReplyCommentId: recentComment?.id ?? null,
    expiredCommentId: expiredComment?.id ?? null,
    collaborationMediaId: collabMedia?.id ?? null,
    inviteMediaId: tagged[0]?.id ?? null,
    catalogId: retail.catalog_id,
    productId: retail.productIds[1],
    productTaggedMediaId: ids.imageMediaId,
  };
}
