/**
 * @file `instagram-graph-wasm/sandbox`: an in-memory, stateful stand-in for the Instagram Graph
 * API (`graph.facebook.com`) and its resumable upload host (`rupload.facebook.com`).
 *
 * The core is a Fetch-API handler, `(Request) => Promise<Response>`, written against web-standard
 * APIs only (Request, Response, Headers, URL, URLSearchParams, crypto.subtle, TextEncoder,
 * setTimeout), so this one file runs unchanged in Node 20+, Cloudflare workerd and browsers.
 * `./node.js` adds a loopback HTTP server on top of it.
 *
 * Everything is deterministic: the data is generated from a seeded PRNG, and objects created
 * during a session (comments, containers, media) get ids and timestamps from the same generator.
 * Response shapes follow Meta's documentation (see the project's `graph-api.md`).
 *
 * @module instagram-graph-wasm/sandbox
 */

// ---------------------------------------------------------------------------------------------
// Well-known constants
// ---------------------------------------------------------------------------------------------

const APP_ID = "138483919580948";
const APP_NAME = "Sandbox App";
const USER_ID = "10210299214172187";
const USER_NAME = "Alex Rivera";
const PAGE_ID = "134895793791914";
const PAGE_NAME = "Sandbox Coffee Roasters";
const OTHER_PAGE_ID = "109457288203145";
const OTHER_PAGE_NAME = "Alex Rivera Photography";
const IG_USER_ID = "17841405822304914";
const IG_USERNAME = "sandbox.coffee";
/** The "now" of the generated data: the newest media was posted at this instant. */
const DATA_NOW = Date.UTC(2026, 10, 20, 10, 15, 0);
const DEFAULT_API_VERSION = "v27.0";
const PAGE_TOKEN_PREFIX = "sandbox-page-token-";
const JSON_CT = "application/json; charset=UTF-8";
const MAX_BATCH = 50;
const QUOTA_TOTAL = 100;
const QUOTA_DURATION = 86400;
const GRAPH_DOCS = "https://developers.facebook.com/docs/graph-api";
const VERSION_RE = /^v\d+\.\d+$/;
const DAY = 86400000;

const CORS_HEADERS = Object.freeze({
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "x-app-usage, x-business-use-case-usage, x-fb-trace-id, content-type",
});
const PREFLIGHT_HEADERS = Object.freeze({
  "access-control-allow-methods": "GET, POST, DELETE, OPTIONS",
  "access-control-allow-headers": "authorization, content-type, offset, file_size, file_url",
  "access-control-max-age": "600",
});

const SCOPES = [
  "instagram_basic",
  "instagram_content_publish",
  "instagram_manage_comments",
  "instagram_manage_insights",
  "pages_show_list",
  "pages_read_engagement",
  "pages_manage_metadata",
  "business_management",
];

// ---------------------------------------------------------------------------------------------
// Small utilities
// ---------------------------------------------------------------------------------------------

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG. Returns floats in [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a hash of a string, for deriving sub-seeds. */
function hash32(str) {
  let h = 0x811c9dc5;
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A seeded random source with convenience helpers. */
function makeRng(seed) {
  const next = mulberry32(typeof seed === "number" ? seed : hash32(String(seed)));
  const rng = {
    next,
    /** integer in [min, max] */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
    digits: (n) => {
      let s = "";
      for (let i = 0; i < n; i++) s += Math.floor(next() * 10);
      return s;
    },
    /** pick `n` distinct items */
    sample: (arr, n) => {
      const copy = arr.slice();
      const out = [];
      while (out.length < n && copy.length) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
      return out;
    },
  };
  return rng;
}

const pad2 = (n) => String(n).padStart(2, "0");

/** Meta's timestamp format: `2026-11-20T10:15:00+0000`. */
function formatTs(ms) {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}` +
    `T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}+0000`
  );
}

const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** base64 (standard alphabet, no padding) of a UTF-8 string; works without Buffer. */
function b64encode(str) {
  const bytes = new TextEncoder().encode(str);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/=+$/, "");
}

function b64decode(str) {
  const bin = atob(str);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}

function toHex(buf) {
  return Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * hex(HMAC-SHA256(key, msg)): WebCrypto where available, else a small pure-JS SHA-256 (browsers
 * expose `crypto.subtle` only in secure contexts, and a sandbox page may be served over plain http).
 */
async function hmacSha256Hex(key, msg) {
  const enc = new TextEncoder();
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return toHex(hmacSha256(enc.encode(key), enc.encode(msg)));
  const k = await subtle.importKey("raw", enc.encode(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return toHex(await subtle.sign("HMAC", k, enc.encode(msg)));
}

/** SHA-256 round constants: the first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
const SHA256_K = (() => {
  const k = new Uint32Array(64);
  for (let n = 2, i = 0; i < 64; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
    if (prime) k[i++] = Math.floor((Math.cbrt(n) % 1) * 2 ** 32);
  }
  return k;
})();
const SHA256_H0 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/** SHA-256 of bytes (FIPS 180-4). */
function sha256(data) {
  const ror = (x, n) => (x >>> n) | (x << (32 - n));
  const padded = new Uint8Array((((data.length + 9 + 63) >> 6) << 6));
  padded.set(data);
  padded[data.length] = 0x80;
  const dv = new DataView(padded.buffer);
  const bits = data.length * 8;
  dv.setUint32(padded.length - 8, Math.floor(bits / 2 ** 32));
  dv.setUint32(padded.length - 4, bits >>> 0);
  const h = Uint32Array.from(SHA256_H0);
  const w = new Uint32Array(64);
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = dv.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >>> 3);
      const s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const t1 = (hh + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + SHA256_K[i] + w[i]) | 0;
      const t2 = ((ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
  const out = new Uint8Array(32);
  const odv = new DataView(out.buffer);
  h.forEach((x, i) => odv.setUint32(i * 4, x));
  return out;
}

/** HMAC-SHA256 (RFC 2104) over bytes. */
function hmacSha256(key, msg) {
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? sha256(key) : key);
  const inner = new Uint8Array(64 + msg.length);
  const outer = new Uint8Array(64 + 32);
  for (let i = 0; i < 64; i++) {
    inner[i] = block[i] ^ 0x36;
    outer[i] = block[i] ^ 0x5c;
  }
  inner.set(msg, 64);
  outer.set(sha256(inner), 64);
  return sha256(outer);
}

function escapeXml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]);
}

/**
 * A small self-contained SVG image as a `data:` URL, so that grids render offline.
 * @param {{hue:number, title:string, subtitle?:string, badge?:string, w?:number, h?:number}} o
 */
function svgImage({ hue, title, subtitle = "", badge = "", w = 320, h = 320 }) {
  const c1 = `hsl(${hue},48%,38%)`;
  const c2 = `hsl(${(hue + 40) % 360},55%,62%)`;
  const svg =
    `<svg xmlns='http://www.w3.org/2000/svg' width='${w}' height='${h}' viewBox='0 0 ${w} ${h}'>` +
    `<defs><linearGradient id='g' x1='0' y1='0' x2='1' y2='1'><stop offset='0' stop-color='${c1}'/>` +
    `<stop offset='1' stop-color='${c2}'/></linearGradient></defs>` +
    `<rect width='${w}' height='${h}' fill='url(#g)'/>` +
    `<circle cx='${w / 2}' cy='${h * 0.36}' r='${Math.round(w * 0.13)}' fill='none' stroke='#fff' stroke-opacity='.55' stroke-width='6'/>` +
    `<text x='50%' y='${Math.round(h * 0.66)}' fill='#fff' font-family='Georgia,serif' font-size='${Math.round(w * 0.1)}' text-anchor='middle'>${escapeXml(title)}</text>` +
    (subtitle
      ? `<text x='50%' y='${Math.round(h * 0.78)}' fill='#fff' fill-opacity='.85' font-family='Helvetica,Arial,sans-serif' font-size='${Math.round(w * 0.055)}' text-anchor='middle'>${escapeXml(subtitle)}</text>`
      : "") +
    (badge
      ? `<rect x='${w - 96}' y='12' width='84' height='26' rx='13' fill='#000' fill-opacity='.45'/>` +
        `<text x='${w - 54}' y='30' fill='#fff' font-family='Helvetica,Arial,sans-serif' font-size='13' text-anchor='middle'>${escapeXml(badge)}</text>`
      : "") +
    `</svg>`;
  return "data:image/svg+xml," + encodeURIComponent(svg);
}

const LAZY = Symbol("lazy-image");

/** A placeholder for an image generated on first read (keeps `reset()` fast). */
const lazySvg = (spec) => ({ [LAZY]: spec });

/** Turn `lazySvg` placeholders of a record into memoizing getters. */
function materialize(rec) {
  for (const key of ["media_url", "thumbnail_url"]) {
    const v = rec[key];
    if (!v || typeof v !== "object" || !v[LAZY]) continue;
    const spec = v[LAZY];
    const settle = (value) => Object.defineProperty(rec, key, { value, writable: true, enumerable: true, configurable: true });
    Object.defineProperty(rec, key, {
      get() {
        const value = svgImage(spec);
        settle(value);
        return value;
      },
      set: settle,
      enumerable: true,
      configurable: true,
    });
  }
  return rec;
}

/** Parse a Graph boolean parameter. Returns undefined when absent, null when malformed. */
function parseBool(v) {
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v === "boolean") return v;
  const s = String(v).toLowerCase();
  if (s === "true" || s === "1") return true;
  if (s === "false" || s === "0") return false;
  return null;
}

/** Parse a list parameter given as a comma list or a JSON array. */
function parseList(v) {
  if (v === undefined || v === null || v === "") return [];
  if (Array.isArray(v)) return v.map(String);
  const s = String(v).trim();
  if (s.startsWith("[")) {
    try {
      const arr = JSON.parse(s);
      if (Array.isArray(arr)) return arr.map(String);
    } catch {
      /* fall through to the comma list */
    }
  }
  return s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
}

function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(t);
      reject(signal.reason);
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Never settles, unless `signal` aborts (then rejects with its reason). */
function hangForever(signal) {
  return new Promise((_, reject) => {
    if (!signal) return;
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

/** Marker for the error a `drop` fault throws. */
const DROP = Symbol.for("instagram-graph-wasm.sandbox.drop");

/** The error undici's fetch rejects with when the connection is reset. */
function dropError() {
  const cause = new Error("other side closed");
  cause.name = "SocketError";
  cause.code = "UND_ERR_SOCKET";
  const err = new TypeError("fetch failed", { cause });
  Object.defineProperty(err, DROP, { value: true });
  return err;
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/** A Graph API error, thrown inside handlers and turned into Meta's error JSON. */
class GraphError extends Error {
  /**
   * @param {number} code
   * @param {string} message
   * @param {{type?:string, subcode?:number, isTransient?:boolean, userTitle?:string, userMsg?:string, status?:number, headers?:Record<string,string>}} [o]
   */
  constructor(code, message, o = {}) {
    super(message);
    this.code = code;
    this.type = o.type ?? "OAuthException";
    this.subcode = o.subcode;
    this.isTransient = o.isTransient;
    this.userTitle = o.userTitle;
    this.userMsg = o.userMsg;
    this.status = o.status ?? 400;
    this.headers = o.headers;
  }

  /** Meta's error body, field order as Meta sends it. */
  toBody(traceId) {
    const e = { message: this.message, type: this.type, code: this.code };
    if (this.subcode !== undefined) e.error_subcode = this.subcode;
    if (this.isTransient !== undefined) e.is_transient = this.isTransient;
    if (this.userTitle !== undefined) e.error_user_title = this.userTitle;
    if (this.userMsg !== undefined) e.error_user_msg = this.userMsg;
    e.fbtrace_id = traceId;
    return { error: e };
  }
}

const err = {
  noToken: () =>
    new GraphError(2500, "An active access token must be used to query information about the current user."),
  badToken: () =>
    new GraphError(190, "Invalid OAuth access token - Cannot parse access token", {
      headers: { "www-authenticate": 'OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token - Cannot parse access token"' },
    }),
  badProof: () =>
    new GraphError(100, "Invalid appsecret_proof provided in the API argument", { type: "GraphMethodException" }),
  unsupported: (method, id) =>
    new GraphError(
      100,
      `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at ${GRAPH_DOCS}`,
      { type: "GraphMethodException", subcode: 33 },
    ),
  param: (message) => new GraphError(100, `(#100) ${message}`),
  required: (name) => new GraphError(100, `(#100) The parameter ${name} is required`),
  nonexistingField: (field, nodeType) =>
    new GraphError(100, `(#100) Tried accessing nonexisting field (${field}) on node type (${nodeType})`),
  igRateLimit: () =>
    new GraphError(80002, "There have been too many calls to this Instagram account. Wait a bit and try again.", {
      isTransient: true,
    }),
  ig: (code, subcode, message, userTitle, userMsg) =>
    new GraphError(code, message, { subcode, isTransient: false, userTitle, userMsg }),
};

// ---------------------------------------------------------------------------------------------
// Realistic content pools
// ---------------------------------------------------------------------------------------------

const ORIGINS = [
  "Ethiopia Yirgacheffe", "Colombia Huila", "Kenya Nyeri AA", "Guatemala Antigua", "Costa Rica Tarrazú",
  "Rwanda Nyamasheke", "Peru Cajamarca", "Sumatra Mandheling", "Burundi Kayanza", "Honduras Marcala",
  "Brazil Cerrado", "Panama Boquete Geisha",
];
const DRINKS = [
  "oat flat white", "cortado", "cold brew", "V60 pour-over", "honey lavender latte", "double espresso",
  "cappuccino", "iced shakerato", "cardamom cold foam brew", "batch brew", "chai latte", "affogato",
];
const PASTRIES = [
  "cardamom buns", "almond croissants", "sourdough cinnamon rolls", "pistachio cookies", "banana bread",
  "olive oil cake", "morning buns",
];
const NOTES = [
  "blueberry and jasmine", "milk chocolate and orange zest", "stone fruit and brown sugar", "bergamot and honey",
  "red apple and caramel", "dark cherry and cocoa", "lime and black tea", "toffee and hazelnut",
];
const CAPTION_TEMPLATES = [
  "Fresh batch of {origin} just came off the roaster. Tasting notes: {notes}. ☕",
  "Monday mornings call for a {drink}. What are you sipping today?",
  "New on the menu: {drink} with house-made syrup. Available all week while supplies last!",
  "Our {pastry} are back, baked fresh every morning by @sourdough.sam 🥐",
  "Cupping session this Saturday at 10am — we're tasting {origin} side by side with {origin2}. Bring a friend!",
  "Behind the scenes: dialing in the espresso for {origin}. 18g in, 36g out, 28 seconds.",
  "Latte art throwdown recap! Huge thanks to everyone who came out, and congrats to @mara.brews 🏆",
  "Rainy day, warm cup. Our {drink} pairs perfectly with {pastry}.",
  "Meet our {origin}: washed process, grown at 1,900 masl. Expect {notes}.",
  "We partnered with @harbor.roastworks for a limited collab blend. On the shelf now!",
  "Weekend hours: 8am–4pm. Come say hi and grab a bag of {origin} for home brewing.",
  "Pour-over tip: bloom for 45 seconds with twice the coffee's weight in water. Try it with our {origin}!",
  "Sunlight, plants and a {drink}. That's the whole post. 🌿",
  "Our roaster Jo just hit 10 years with us! Thank you for every perfect roast curve ❤️",
  "Cold brew season is here. 18 hours steeped, served over big clear ice.",
  "Wholesale partners: new price lists are out. DM us or email hello@sandbox-coffee.example",
  "Reel: how we steam oat milk for silky microfoam in 20 seconds 🎥",
  "Thank you @moss.and.crema for featuring our {origin} on your guest grinder this month!",
];
const HASHTAGS = [
  "#coffee", "#specialtycoffee", "#latteart", "#espresso", "#pourover", "#coffeeroasters", "#baristalife",
  "#coldbrew", "#coffeetime", "#flatwhite", "#sandboxcoffee", "#portlandcoffee", "#thirdwavecoffee",
  "#coffeelover", "#singleorigin",
];
const COMMENTERS = [
  "mara.brews", "jonas_kaffee", "lena.pourover", "theo.eats.pdx", "caffeine.kate", "milkwood.dairy",
  "sourdough.sam", "rosie_reads_and_sips", "dan.the.barista", "ana.caffe", "pdx.weekends", "tamsin_travels",
  "beanhunter88", "oliver.grinds", "coffee.with.kai", "sunny.side.cafe", "nora_latte", "felix.roasts",
];
const COMMENT_TEXTS = [
  "This looks amazing! ☕", "What grinder do you use?", "Best flat white in town, hands down.",
  "Is the oat milk house-made?", "Saving this for the weekend 😍", "Those notes sound incredible",
  "Do you ship beans to Seattle?", "We need to go here!!", "The latte art is unreal 🔥", "What time do you open on Sundays?",
  "Love this place ❤️", "Is this roast available in decaf?", "Had this yesterday, so good", "Recipe please 🙏",
  "Can't wait to try it", "The cardamom buns are dangerous 😅", "Any vegan pastries this week?",
];
const OWNER_REPLIES = [
  "Thank you so much! See you soon ☕", "Yes! Every Saturday morning.", "We do — check the link in our bio.",
  "It's a Mahlkönig EK43 🙌", "Glad you enjoyed it!", "Open 8am on Sundays!", "Decaf is coming next week 👀",
];
const DISCOVERY_ACCOUNTS = [
  {
    username: "harbor.roastworks", name: "Harbor Roastworks", followers: 48210, follows: 611, media: 80,
    biography: "Roasting by the water since 2011 ⚓ Wholesale & subscriptions", website: "https://harbor-roastworks.example/",
    hue: 200,
  },
  {
    username: "moss.and.crema", name: "Moss & Crema Café", followers: 12873, follows: 402, media: 45,
    biography: "Neighbourhood café · plants · pastries · guest roasters monthly", website: "https://moss-and-crema.example/",
    hue: 110,
  },
];
const PRIVATE_ACCOUNTS = ["private.beans"];
const HASHTAG_NAMES = [
  "coffee", "specialtycoffee", "latteart", "espresso", "pourover", "coffeeroasters", "baristalife", "coldbrew",
  "coffeetime", "flatwhite", "sandboxcoffee",
];

/** Fill a caption template. */
function makeCaption(rng) {
  const tpl = rng.pick(CAPTION_TEMPLATES);
  const [o1, o2] = rng.sample(ORIGINS, 2);
  let text = tpl
    .replace("{origin}", o1)
    .replace("{origin2}", o2)
    .replace("{origin}", o2)
    .replace("{drink}", rng.pick(DRINKS))
    .replace("{pastry}", rng.pick(PASTRIES))
    .replace("{notes}", rng.pick(NOTES));
  const tags = rng.sample(HASHTAGS, rng.int(2, 6));
  text += "\n\n" + tags.join(" ");
  return text;
}

// ---------------------------------------------------------------------------------------------
// Data generation
// ---------------------------------------------------------------------------------------------

/**
 * @typedef {object} SandboxUser  The Facebook user behind the default tokens.
 * @property {string} id
 * @property {string} name
 */
/**
 * @typedef {object} PageRecord  A Facebook Page the user manages.
 * @property {string} id
 * @property {string} name
 * @property {string} category
 * @property {{id:string,name:string}[]} category_list
 * @property {string[]} tasks
 * @property {string} access_token  the Page access token (`sandbox-page-token-{id}`)
 * @property {string|null} igUserId  the connected Instagram Business account, if any
 * @property {string[]|null} subscribedFields  webhook fields of `/{page-id}/subscribed_apps`; null when not subscribed
 */
/**
 * @typedef {object} IgUserRecord  An Instagram professional account.
 * @property {string} id
 * @property {number} ig_id
 * @property {string} username
 * @property {string} name
 * @property {string} biography
 * @property {string} website
 * @property {number} followers_count
 * @property {number} follows_count
 * @property {string} profile_picture_url
 * @property {boolean} own  true for the account connected to the sandbox Page (reachable as a node)
 * @property {boolean} isPrivate  business_discovery answers 110/2207013 for private accounts
 * @property {string[]} mediaIds  feed media, newest first (`/media`; `media_count` is its length)
 * @property {string[]} storyIds  live stories, newest first (`/stories`)
 * @property {string[]} taggedIds  media where the account is tagged (`/tags`)
 * @property {string[]} liveIds  live broadcasts (`/live_media`, empty by default)
 * @property {string[]} recentlySearchedHashtagIds  newest first
 * @property {number} quotaUsage  `content_publishing_limit.quota_usage`
 */
/**
 * @typedef {object} MediaRecord  An IG Media object (feed post, reel, story, carousel child, …).
 * @property {string} id  18-digit numeric string
 * @property {"feed"|"story"|"tagged"|"child"|"discovery"|"hashtag"} kind  discovery/hashtag media are not readable as nodes
 * @property {string} ownerId
 * @property {string} username
 * @property {string} [caption]
 * @property {"IMAGE"|"VIDEO"|"CAROUSEL_ALBUM"} media_type
 * @property {"FEED"|"REELS"|"STORY"} media_product_type
 * @property {string} media_url
 * @property {string} [thumbnail_url]
 * @property {string} [permalink]
 * @property {string} shortcode
 * @property {string} timestamp  `2026-11-20T10:15:00+0000`
 * @property {number} like_count
 * @property {boolean} is_comment_enabled
 * @property {string[]} childIds  carousel children
 * @property {string|null} parentId  the carousel album of a child
 * @property {string[]} commentIds  top-level comments, newest first
 * @property {number} [hashtagCommentsCount]  comments_count of hashtag/discovery media (no comment objects)
 * @property {{reach:number, views:number, saved:number, shares:number, profile_visits:number, follows:number}} stats
 */
/**
 * @typedef {object} CommentRecord
 * @property {string} id
 * @property {string} mediaId
 * @property {string|null} parentId  the top-level comment of a reply
 * @property {string} text
 * @property {string} username
 * @property {string} fromId
 * @property {string} timestamp
 * @property {number} like_count
 * @property {boolean} hidden
 * @property {string[]} replyIds  oldest first
 */
/**
 * @typedef {object} ContainerRecord  A publishing container (`ShadowIGMediaBuilder`).
 * @property {string} id
 * @property {string} igUserId
 * @property {"IMAGE"|"VIDEO"|"REELS"|"STORIES"|"CAROUSEL"} media_type
 * @property {string} [image_url]
 * @property {string} [video_url]
 * @property {string} [caption]
 * @property {boolean} is_carousel_item
 * @property {string[]} children  child container ids (carousels)
 * @property {"resumable"|null} upload_type
 * @property {Record<string,string>} params  every parameter as received
 * @property {"IN_PROGRESS"|"FINISHED"|"ERROR"|"EXPIRED"|"PUBLISHED"} status_code
 * @property {"FINISHED"|"ERROR"|"EXPIRED"} outcome  what IN_PROGRESS turns into
 * @property {number} polls  status reads counted so far (after the upload completed, for resumable ones)
 * @property {number} pollsRequired  reads that still answer IN_PROGRESS
 * @property {boolean} uploadComplete
 * @property {string|null} publishedMediaId
 */
/**
 * @typedef {object} UploadRecord  A resumable upload session (rupload host).
 * @property {string} containerId
 * @property {number|null} fileSize  declared by the first `file_size` header
 * @property {number} offset  bytes received so far
 * @property {Uint8Array} bytes  the bytes received so far (a fresh view on each read)
 * @property {string|null} fileUrl  set when uploaded with a `file_url` header
 * @property {boolean} complete
 */
/**
 * @typedef {object} HashtagRecord
 * @property {string} id
 * @property {string} name
 * @property {string[]|null} topMediaIds  generated lazily
 * @property {string[]|null} recentMediaIds  generated lazily
 */
/**
 * @typedef {object} TokenRecord
 * @property {"USER"|"PAGE"|"APP"} type
 * @property {string} userId
 * @property {string} [pageId]
 * @property {number} issuedAt  unix seconds
 * @property {number} expiresAt  unix seconds, 0 = never
 */
/**
 * The live, mutable sandbox data. Collections keyed by id are `Map`s (insertion-ordered).
 *
 * @typedef {object} SandboxState
 * @property {SandboxUser} user
 * @property {Map<string, PageRecord>} pages  in `/me/accounts` order
 * @property {Map<string, IgUserRecord>} igUsers  the own account plus business-discovery accounts
 * @property {Map<string, MediaRecord>} media
 * @property {Map<string, CommentRecord>} comments
 * @property {Map<string, ContainerRecord>} containers
 * @property {Map<string, UploadRecord>} uploads  keyed by container id
 * @property {Map<string, HashtagRecord>} hashtags
 * @property {Map<string, TokenRecord>} tokens  every token the sandbox accepts
 * @property {Set<string>} usedCodes  OAuth codes already exchanged
 * @property {{appCalls:number, bucCalls:Map<string,number>, clock:number, issued:number}} counters
 *   `appCalls`: authenticated calls (drives `x-app-usage`); `bucCalls`: calls per IG user (drives
 *   `x-business-use-case-usage` and error 80002); `clock`: ms timestamp given to the next created
 *   object (advances by one minute each time); `issued`: tokens issued by `/oauth/access_token`.
 */

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

function shortcodeFrom(rng) {
  let s = "C";
  for (let i = 0; i < 10; i++) s += B64URL[Math.floor(rng.next() * 64)];
  return s;
}

/**
 * Build the initial state from the options. Pure: same options, same data.
 * @returns {{state: SandboxState, ids: Record<string,string>}}
 */
function generate(opts) {
  const rng = makeRng(opts.seed);
  const alloc = makeIdAllocator(rng);
  const nowSec = Math.floor(Date.now() / 1000);

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
    counters: { appCalls: 0, bucCalls: new Map(), clock: DATA_NOW, issued: 0 },
  };
  // The allocator and rng stay with the state so that objects created later are deterministic.
  Object.defineProperty(state, "_rng", { value: rng, enumerable: false, writable: true });
  Object.defineProperty(state, "_alloc", { value: alloc, enumerable: false, writable: true });

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
      const ms = Math.min(DATA_NOW - 60000, mediaMs + rng.int(5, 60 * 72) * 60000);
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
          rms = Math.min(DATA_NOW - 30000, rms + rng.int(2, 600) * 60000);
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
  let ms = DATA_NOW;
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

  // Stories (live for 24 h relative to DATA_NOW).
  for (const [hours, type] of [[2, "IMAGE"], [5, "VIDEO"], [9, "IMAGE"]]) {
    const hue = Math.floor(rng.next() * 360);
    const s = addMedia({
      id: alloc("178", 18),
      kind: "story",
      ownerId: own.id,
      username: own.username,
      media_type: type,
      media_product_type: "STORY",
      media_url: lazySvg({ hue, title: "Story", subtitle: `${hours}h ago`, badge: type === "VIDEO" ? "VIDEO" : "", w: 270, h: 480 }),
      shortcode: shortcodeFrom(rng),
      timestamp: formatTs(DATA_NOW - hours * 3600000),
      stats: makeStats(rng.int(30, 120), type === "VIDEO"),
    });
    s.like_count = undefined;
    s.permalink = `https://instagram.com/stories/${IG_USERNAME}/${rng.digits(19)}`;
    if (type === "VIDEO") s.thumbnail_url = s.media_url;
    own.storyIds.push(s.id);
  }

  // Media by other accounts where the own account is tagged / mentioned.
  let tms = DATA_NOW - 3 * 3600000;
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
    let dms = DATA_NOW - rng.int(1, 20) * 3600000;
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
  return { state, ids };
}

/** Lazily generate the public media of a hashtag (deterministic per seed and hashtag). */
function ensureHashtagMedia(state, tag, seed) {
  if (tag.topMediaIds) return;
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
  for (let i = 0; i < 120; i++) top.push(make(DATA_NOW - rng.int(1, 30 * 24) * 3600000, i, "top"));
  top.sort((a, b) => b.like_count - a.like_count);
  const recent = [];
  let ms = DATA_NOW;
  for (let i = 0; i < 90; i++) {
    ms -= rng.int(1, 15) * 60000;
    recent.push(make(ms, i, "recent"));
  }
  tag.topMediaIds = top.map((m) => m.id);
  tag.recentMediaIds = recent.map((m) => m.id);
}

// ---------------------------------------------------------------------------------------------
// `fields` parsing (field expansion) and rendering
// ---------------------------------------------------------------------------------------------

/**
 * @typedef {object} FieldSpec
 * @property {string} name
 * @property {Record<string,string>} mods  modifiers such as `limit`, `after`, `username`, `media_id`
 * @property {FieldSpec[]|null} sub  nested field list (`{…}`), or null for the default fields
 */

/**
 * Parse a `fields` value: `a,b.limit(5){c,d{e}},business_discovery.username(x){f}`.
 * @returns {FieldSpec[]}
 */
function parseFields(input) {
  const s = String(input);
  let i = 0;
  const fail = (what) => {
    throw err.param(`Syntax error "Expected ${what}." at character ${i}: ${s}`);
  };
  const ws = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  const name = () => {
    ws();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i));
    if (!m) fail("field name");
    i += m[0].length;
    return m[0];
  };
  const field = () => {
    const f = { name: name(), mods: Object.create(null), sub: null };
    for (;;) {
      ws();
      if (s[i] === ".") {
        i++;
        const mod = name();
        ws();
        if (s[i] !== "(") fail('"("');
        const close = s.indexOf(")", i + 1);
        if (close < 0) fail('")"');
        f.mods[mod] = s.slice(i + 1, close).trim();
        i = close + 1;
      } else if (s[i] === "{") {
        i++;
        f.sub = list();
        ws();
        if (s[i] !== "}") fail('"}"');
        i++;
      } else {
        return f;
      }
    }
  };
  const list = () => {
    const out = [];
    const seen = new Set();
    for (;;) {
      ws();
      if (i >= s.length || s[i] === "}") return out;
      if (s[i] === ",") {
        i++;
        continue;
      }
      const f = field();
      if (!seen.has(f.name)) {
        seen.add(f.name);
        out.push(f);
      }
      ws();
      if (i < s.length && s[i] !== "," && s[i] !== "}") fail('"," or end of string');
    }
  };
  const out = list();
  if (i < s.length) fail("end of string");
  return out;
}

/** Serialize field specs back to a `fields` string (for nested `paging.next` URLs). */
function serializeFields(specs) {
  return specs
    .map(
      (f) =>
        f.name +
        Object.entries(f.mods)
          .map(([k, v]) => `.${k}(${v})`)
          .join("") +
        (f.sub ? `{${serializeFields(f.sub)}}` : ""),
    )
    .join(",");
}

const specsOf = (names) => names.map((name) => ({ name, mods: Object.create(null), sub: null }));

/** The requested fields of the current request, or the given defaults. */
function requestedFields(ctx, defaults) {
  const raw = ctx.params.fields;
  if (raw === undefined || String(raw).trim() === "") return specsOf(defaults);
  return parseFields(raw);
}

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

const prop = (key) => (rec) => rec[key];

/** A nested object field such as `owner{id}` or `instagram_business_account{id,username}`. */
const nested = (schemaName, get, defaults = ["id"]) =>
  function resolveNested(rec, f, ctx) {
    const target = get(rec, ctx);
    if (!target) return undefined;
    return renderNode(schemaName, target, f.sub ?? specsOf(defaults), ctx);
  };

/** A nested edge such as `children{media_url}` or `comments.limit(5){text}`. */
const edge = (schemaName, getItems, defaults = ["id"], o = {}) =>
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

// Record helpers -------------------------------------------------------------------------------

/** Total comments (top level plus replies) of a media, as `comments_count` reports. */
function commentsCount(state, m) {
  if (m.hashtagCommentsCount !== undefined) return m.hashtagCommentsCount;
  let n = 0;
  for (const id of m.commentIds) {
    const c = state.comments.get(id);
    if (c) n += 1 + c.replyIds.length;
  }
  return n;
}

const mediaList = (state, ids) => ids.map((id) => state.media.get(id)).filter(Boolean);
const commentList = (state, ids) => ids.map((id) => state.comments.get(id)).filter(Boolean);

/** Legacy-style numeric `ig_id` of a media. */
const mediaIgId = (m) => `${String(hash32(m.id)).padStart(10, "0")}${m.id.slice(-9)}_${m.ownerId}`;

function mediaInsightValues(state, m) {
  const likes = m.like_count ?? 0;
  const comments = commentsCount(state, m);
  const { reach, views, saved, shares, profile_visits, follows } = m.stats;
  return {
    reach,
    views,
    likes,
    comments,
    saved,
    shares,
    profile_visits,
    follows,
    total_interactions: likes + comments + saved + shares,
  };
}

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
      is_published: () => true,
      media: edge("IGMedia", (u, ctx) => mediaList(ctx.state, u.mediaIds)),
      stories: edge("IGMedia", (u, ctx) => mediaList(ctx.state, u.storyIds)),
      tags: edge("IGMedia", (u, ctx) => mediaList(ctx.state, u.taggedIds)),
      business_discovery: resolveBusinessDiscovery,
      mentioned_media: resolveMentionedMedia,
      mentioned_comment: resolveMentionedComment,
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

function resolveBusinessDiscovery(u, f, ctx) {
  const username = f.mods.username;
  if (!username) throw err.required("username");
  const target = [...ctx.state.igUsers.values()].find((x) => x.username.toLowerCase() === username.toLowerCase());
  if (!target || target.isPrivate) {
    throw new GraphError(110, "Invalid user id", {
      subcode: 2207013,
      isTransient: false,
      userTitle: "Cannot find User",
      userMsg: `The user with username: ${username} cannot be found.`,
    });
  }
  // The own account seen through business discovery exposes the same public fields.
  return renderNode("IGUserDiscovery", target, f.sub ?? specsOf(["id"]), ctx);
}

function resolveMentionedMedia(u, f, ctx) {
  const id = f.mods.media_id;
  if (!id) throw err.required("media_id");
  const m = ctx.state.media.get(id);
  if (!m || !(m.caption ?? "").includes(`@${u.username}`)) throw err.unsupported("GET", id);
  return renderNode("IGMedia", m, f.sub ?? specsOf(["id"]), ctx);
}

function resolveMentionedComment(u, f, ctx) {
  const id = f.mods.comment_id;
  if (!id) throw err.required("comment_id");
  const c = ctx.state.comments.get(id);
  if (!c || !c.text.includes(`@${u.username}`)) throw err.unsupported("GET", id);
  return renderNode("IGComment", c, f.sub ?? specsOf(["id"]), ctx);
}

// ---------------------------------------------------------------------------------------------
// Cursor paging
// ---------------------------------------------------------------------------------------------

const START_CURSOR_INDEX = -1;

function encodeCursor(index, id) {
  return b64encode(`sbx:${index}:${id}`);
}

/**
 * Position in `items` that a cursor designates: for `after`, the index of the first item after
 * it; for `before`, the index of the item itself (the page ends just before it). A cursor whose
 * item has since been deleted falls back to the position it had.
 */
function cursorPosition(cursor, items, which) {
  let text = "";
  try {
    text = b64decode(String(cursor).replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    /* invalid below */
  }
  const m = /^sbx:(-?\d+):(.*)$/s.exec(text);
  if (!m) throw err.param(`Invalid ${which} cursor: the cursor is malformed or has expired`);
  const stored = Number(m[1]);
  if (stored === START_CURSOR_INDEX) return 0;
  const idx = items.findIndex((x) => x.id === m[2]);
  if (idx >= 0) return which === "after" ? idx + 1 : idx;
  return Math.min(stored, items.length);
}

/**
 * Build an absolute paging URL on the request's origin and version. Like Meta's, it carries
 * `access_token` (and every original parameter), so a client must not log or replay it blindly.
 */
function pagingUrl(ctx, o, limit, cursorName, cursor) {
  const sp = new URLSearchParams();
  if (ctx.token) sp.set("access_token", ctx.token);
  let path;
  if (o.nested) {
    path = `/${o.nested.parentId}/${o.nested.edge}`;
    if (ctx.params.appsecret_proof) sp.set("appsecret_proof", ctx.params.appsecret_proof);
    if (o.nested.sub) sp.set("fields", serializeFields(o.nested.sub));
  } else {
    path = "/" + ctx.segments.join("/");
    for (const [k, v] of Object.entries(ctx.query)) {
      if (k === "access_token" || k === "after" || k === "before" || k === "limit") continue;
      sp.set(k, v);
    }
  }
  sp.set("limit", String(limit));
  sp.set(cursorName, cursor);
  return `${ctx.origin}${ctx.version ? "/" + ctx.version : ""}${path}?${sp}`;
}

/**
 * Cursor-paginate `items`. Reads `limit`/`after`/`before` from the query (or from field-expansion
 * modifiers for nested edges), and honours the `emptyPage` and `repeatCursor` faults.
 *
 * @param {object} ctx
 * @param {{id:string}[]} items  the full ordered list
 * @param {(item:any)=>any} render
 * @param {{defaultLimit?:number, maxLimit?:number, afterOnly?:boolean, mods?:Record<string,string>,
 *   nested?:{parentId:string,edge:string,sub:FieldSpec[]|null}|null, isNested?:boolean,
 *   cursorsOnlyWhenMore?:boolean}} [o]
 */
function paginate(ctx, items, render, o = {}) {
  const src = o.mods ?? ctx.params;
  const maxLimit = o.maxLimit ?? 100;
  let limit = Number.parseInt(src.limit, 10);
  if (!Number.isFinite(limit) || limit <= 0) limit = o.defaultLimit ?? 25;
  limit = Math.min(limit, maxLimit);

  let start;
  let end;
  if (src.after) {
    start = cursorPosition(src.after, items, "after");
    end = start + limit;
  } else if (src.before && !o.afterOnly) {
    end = cursorPosition(src.before, items, "before");
    start = Math.max(0, end - limit);
  } else {
    start = 0;
    end = limit;
  }
  start = Math.max(0, Math.min(start, items.length));
  end = Math.max(start, Math.min(end, items.length));

  const slice = items.slice(start, end);
  const out = { data: slice.map(render) };
  if (slice.length === 0) return out;

  const fault = o.isNested ? null : ctx.fault;
  const before = encodeCursor(start, slice[0].id);
  let after = encodeCursor(end - 1, slice[slice.length - 1].id);
  const hasMore = end < items.length;
  if (fault?.repeatCursor) after = src.after ? String(src.after) : encodeCursor(START_CURSOR_INDEX, "");

  const paging = { cursors: {} };
  if (!o.afterOnly) paging.cursors.before = before;
  if (!o.cursorsOnlyWhenMore || hasMore || fault?.repeatCursor) paging.cursors.after = after;
  if (o.nested !== null || !o.isNested) {
    if (!o.afterOnly && start > 0) paging.previous = pagingUrl(ctx, o, limit, "before", before);
    if (hasMore || fault?.repeatCursor) paging.next = pagingUrl(ctx, o, limit, "after", after);
  }
  // Order as Meta: cursors, previous, next.
  const ordered = { cursors: paging.cursors };
  if (paging.previous) ordered.previous = paging.previous;
  if (paging.next) ordered.next = paging.next;
  out.paging = ordered;
  if (fault?.emptyPage) out.data = [];
  return out;
}

// ---------------------------------------------------------------------------------------------
// Publishing containers
// ---------------------------------------------------------------------------------------------

const STATUS_TEXT = {
  IN_PROGRESS: "In Progress: Media is still being processed.",
  FINISHED: "Finished: Media has been uploaded and it is ready to be published.",
  PUBLISHED: "Published: Media has been successfully published.",
  EXPIRED: "Expired: Media container has expired because it was not published within 24 hours.",
  ERROR: "Error: Media upload has failed with error code 2207052",
};

function containerStatusText(c) {
  return STATUS_TEXT[c.status_code];
}

function containerVideoStatus(state, c) {
  if (!["VIDEO", "REELS"].includes(c.media_type) && !(c.media_type === "STORIES" && c.video_url) && c.upload_type !== "resumable") {
    return undefined;
  }
  const up = state.uploads.get(c.id);
  const uploaded = c.upload_type === "resumable" ? c.uploadComplete : true;
  const processing =
    c.status_code === "IN_PROGRESS" ? (uploaded ? "in_progress" : "not_started") : c.status_code === "ERROR" ? "error" : "complete";
  return {
    uploading_phase: { status: uploaded ? "complete" : "in_progress", bytes_transferred: up ? up.offset : 0 },
    processing_phase: { status: processing },
  };
}

/** A status read of a container: counts as one poll while it is processing. */
function pollContainer(state, c) {
  if (c.status_code !== "IN_PROGRESS") return;
  if (c.upload_type === "resumable" && !c.uploadComplete) return;
  if (c.media_type === "CAROUSEL") {
    const kids = c.children.map((id) => state.containers.get(id));
    const bad = kids.find((k) => k && (k.status_code === "ERROR" || k.status_code === "EXPIRED"));
    if (bad) {
      c.status_code = "ERROR";
      return;
    }
  }
  c.polls += 1;
  if (c.polls > c.pollsRequired) c.status_code = c.outcome;
}

function outcomeOfUrl(url) {
  const u = String(url ?? "").toLowerCase();
  if (u.includes("error")) return "ERROR";
  if (u.includes("expired")) return "EXPIRED";
  return "FINISHED";
}

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

function nextClock(state) {
  state.counters.clock += 60000;
  return state.counters.clock;
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

/** Where the rupload host lives, as seen from this request. */
function uploadBase(ctx) {
  if (ctx.sb.opts.uploadBaseUrl) return ctx.sb.opts.uploadBaseUrl.replace(/\/+$/, "");
  const host = new URL(ctx.origin).hostname;
  if (host === "graph.facebook.com") return "https://rupload.facebook.com";
  return ctx.origin;
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

// ---------------------------------------------------------------------------------------------
// Resumable uploads (rupload host)
// ---------------------------------------------------------------------------------------------

/** @returns {UploadRecord} */
function makeUpload(containerId) {
  let buf = new Uint8Array(0);
  const up = {
    containerId,
    fileSize: null,
    offset: 0,
    fileUrl: null,
    complete: false,
    /** Append bytes (grows the buffer geometrically). */
    append(bytes) {
      const need = up.offset + bytes.length;
      if (need > buf.length) {
        const next = new Uint8Array(Math.max(need, buf.length * 2, 1024));
        next.set(buf.subarray(0, up.offset));
        buf = next;
      }
      buf.set(bytes, up.offset);
      up.offset = need;
    },
  };
  Object.defineProperty(up, "bytes", { enumerable: true, get: () => buf.slice(0, up.offset) });
  Object.defineProperty(up, "append", { enumerable: false });
  return up;
}

function uploadFailure(message, status = 400) {
  return {
    status,
    json: {
      debug_info: {
        retriable: false,
        type: "ProcessingFailedError",
        message: JSON.stringify({ success: false, error: { message } }),
      },
    },
    headers: {},
  };
}

/** `POST|GET /ig-api-upload/{version}/{container-id}`. */
function handleUpload(ctx) {
  const { state } = ctx;
  const token = extractToken(ctx);
  const info = token ? lookupToken(ctx, token) : null;
  if (!info || info.type === "APP") return uploadFailure("unauthorized user request", 400);
  ctx.token = token;
  const c = state.containers.get(ctx.uploadContainerId);
  const up = state.uploads.get(ctx.uploadContainerId);
  if (!c || !up) return uploadFailure(`Invalid upload session: container ${ctx.uploadContainerId} was not created with upload_type=resumable`);

  if (ctx.method === "GET") {
    return { status: 200, json: { id: c.id, offset: up.offset, file_size: up.fileSize ?? 0 }, headers: {} };
  }
  if (ctx.method !== "POST") return uploadFailure(`Unsupported method ${ctx.method}`);
  if (up.complete) return uploadFailure("The upload session is already complete");

  const fileUrl = ctx.headers.file_url;
  if (fileUrl) {
    up.fileUrl = fileUrl;
    up.complete = true;
    c.uploadComplete = true;
    c.outcome = outcomeOfUrl(fileUrl);
    if (c.pollsRequired === 0) c.status_code = c.outcome;
    return { status: 200, json: { success: true, message: "Upload successful." }, headers: {} };
  }

  const offset = Number(ctx.headers.offset);
  const fileSize = Number(ctx.headers.file_size);
  if (ctx.headers.offset === undefined || !Number.isInteger(offset) || offset < 0) {
    return uploadFailure("Missing or invalid offset header");
  }
  if (ctx.headers.file_size === undefined || !Number.isInteger(fileSize) || fileSize <= 0) {
    return uploadFailure("Missing or invalid file_size header");
  }
  if (up.fileSize !== null && fileSize !== up.fileSize) {
    return uploadFailure(`file_size ${fileSize} does not match the declared file_size ${up.fileSize}`);
  }
  if (offset !== up.offset) {
    return uploadFailure(`Offset mismatch: received offset ${offset}, but ${up.offset} bytes have been uploaded so far`);
  }
  const body = ctx.bodyBytes ?? new Uint8Array(0);
  if (offset + body.length > fileSize) {
    return uploadFailure(`Received ${offset + body.length} bytes, more than the declared file_size ${fileSize}`);
  }
  up.fileSize = fileSize;
  up.append(body);
  if (up.offset === fileSize) {
    up.complete = true;
    c.uploadComplete = true;
    if (c.pollsRequired === 0) c.status_code = c.outcome;
  }
  return { status: 200, json: { success: true, message: "Upload successful." }, headers: {} };
}

// ---------------------------------------------------------------------------------------------
// Insights
// ---------------------------------------------------------------------------------------------

const MEDIA_METRIC_INFO = {
  reach: ["Accounts reached", "The number of unique accounts that have seen this media at least once."],
  views: ["Views", "The number of times this media was played or displayed."],
  likes: ["Likes", "The number of likes on this media."],
  comments: ["Comments", "The number of comments on this media."],
  saved: ["Saves", "The number of saves of this media."],
  shares: ["Shares", "The number of shares of this media."],
  total_interactions: ["Interactions", "The number of likes, saves, comments and shares on this media, minus the number of unlikes, unsaves and deleted comments."],
  profile_visits: ["Profile visits", "The number of times your profile was visited from this media."],
  follows: ["Follows", "The number of accounts that started following you from this media."],
  profile_activity: ["Profile activity", "The number of actions people took on your profile after engaging with this media."],
  reposts: ["Reposts", "The number of times this media was reposted."],
  replies: ["Replies", "The number of replies to this story."],
  navigation: ["Navigation", "The total number of actions taken from this story."],
  ig_reels_avg_watch_time: ["Average watch time", "The average amount of time spent playing the reel, in milliseconds."],
  ig_reels_video_view_total_time: ["Watch time", "The total amount of time the reel was played, in milliseconds."],
};
const MEDIA_METRICS_BY_PRODUCT = {
  FEED: ["reach", "views", "likes", "comments", "saved", "shares", "total_interactions", "profile_visits", "follows", "profile_activity", "reposts"],
  REELS: ["reach", "views", "likes", "comments", "saved", "shares", "total_interactions", "ig_reels_avg_watch_time", "ig_reels_video_view_total_time", "reposts", "profile_visits", "follows"],
  STORY: ["reach", "views", "replies", "navigation", "shares", "follows", "profile_visits", "total_interactions", "profile_activity"],
};
const DEPRECATED_METRICS = [
  "impressions", "plays", "clips_replays_count", "ig_reels_aggregated_all_plays_count", "video_views",
  "engagement", "carousel_album_impressions", "carousel_album_reach", "carousel_album_engagement", "taps_forward",
  "taps_back", "exits", "story_exits", "email_contacts", "get_directions_clicks",
  "phone_call_clicks", "text_message_clicks", "audience_city", "audience_country", "audience_gender_age", "audience_locale",
];
const DIMENSIONS = {
  media_product_type: ["POST", "REEL", "CAROUSEL_CONTAINER", "STORY", "AD"],
  follow_type: ["FOLLOWER", "NON_FOLLOWER", "UNKNOWN"],
  follower_type: ["FOLLOWER", "NON_FOLLOWER"],
  contact_button_type: ["BOOK_NOW", "CALL", "DIRECTION", "EMAIL", "INSTANT_EXPERIENCE", "TEXT", "UNDEFINED"],
  action_type: ["bio_link_clicked", "call", "direction", "email", "text"],
  story_navigation_action_type: ["tap_forward", "tap_back", "tap_exit", "swipe_forward"],
  age: ["13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"],
  gender: ["F", "M", "U"],
  country: ["US", "CA", "GB", "DE", "AU", "JP", "FR", "NL", "MX", "BR"],
  city: [
    "Portland, Oregon", "Seattle, Washington", "Vancouver, British Columbia", "San Francisco, California",
    "Los Angeles, California", "New York, New York", "Chicago, Illinois", "Denver, Colorado", "Austin, Texas",
    "London, England",
  ],
};

/** Deterministic noise in [0, 1) for (seed, key). */
function noise(seed, key) {
  return mulberry32(hash32(`${seed}|${key}`))();
}

/** Split `total` across `keys` with deterministic weights; the parts sum to `total`. */
function splitValue(seed, key, total, keys, skew = 1.5) {
  const w = keys.map((k, i) => (noise(seed, `${key}|${k}`) + 0.05) ** skew * (keys.length - i));
  const sum = w.reduce((a, b) => a + b, 0);
  const parts = w.map((x) => Math.floor((total * x) / sum));
  parts[0] += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

/** Meta's `total_value.breakdowns` for one or more breakdown dimensions. */
function breakdownsFor(seed, key, total, dims) {
  const combos = dims.reduce((acc, d) => acc.flatMap((prefix) => DIMENSIONS[d].map((v) => [...prefix, v])), [[]]);
  const values = splitValue(seed, `${key}|${dims.join(",")}`, total, combos.map((c) => c.join("|")));
  return [
    {
      dimension_keys: dims,
      results: combos.map((c, i) => ({ dimension_values: c, value: values[i] })).filter((r) => r.value > 0),
    },
  ];
}

function requireMetrics(ctx) {
  const metrics = parseList(ctx.params.metric);
  if (metrics.length === 0) throw err.required("metric");
  return metrics;
}

function deprecatedMetricError(metric) {
  return err.param(
    `Starting from version v22.0 and above, the ${metric} metric is no longer supported. Please use views or another supported metric instead.`,
  );
}

/** `GET /{ig-media-id}/insights`. */
function mediaInsights(ctx, m) {
  if (m.kind !== "feed" && m.kind !== "story") {
    if (m.kind === "child") throw err.param("Insights are not available for carousel children media");
    throw err.unsupported("GET", `${m.id}/insights`);
  }
  const metrics = requireMetrics(ctx);
  if (ctx.params.period && ctx.params.period !== "lifetime") throw err.param("Param period must be one of {lifetime}");
  const breakdown = parseList(ctx.params.breakdown);
  const allowed = MEDIA_METRICS_BY_PRODUCT[m.media_product_type];
  const base = mediaInsightValues(ctx.state, m);
  const seed = ctx.sb.opts.seed;
  const data = [];
  metrics.forEach((metric, i) => {
    if (DEPRECATED_METRICS.includes(metric)) throw deprecatedMetricError(metric);
    if (!MEDIA_METRIC_INFO[metric]) {
      throw err.param(`metric[${i}] must be one of the following values: ${Object.keys(MEDIA_METRIC_INFO).join(", ")}`);
    }
    if (!allowed.includes(metric)) {
      throw err.param(`The Media Insights API does not support the ${metric} metric for this media product type.`);
    }
  });
  for (const metric of metrics) {
    let value;
    switch (metric) {
      case "profile_activity":
        value = Math.round(base.profile_visits * 0.4);
        break;
      case "reposts":
        value = Math.round(base.shares * 0.2);
        break;
      case "replies":
        value = Math.round(base.reach * 0.01);
        break;
      case "navigation":
        value = Math.round(base.views * 0.9);
        break;
      case "ig_reels_avg_watch_time":
        value = 4000 + Math.floor(noise(seed, `${m.id}|watch`) * 9000);
        break;
      case "ig_reels_video_view_total_time":
        value = base.views * (4000 + Math.floor(noise(seed, `${m.id}|watch`) * 9000));
        break;
      default:
        value = base[metric];
    }
    const [title, description] = MEDIA_METRIC_INFO[metric];
    const row = { name: metric, period: "lifetime", values: [{ value }], title, description };
    const dims = breakdown.filter((b) =>
      (metric === "profile_activity" && b === "action_type") || (metric === "navigation" && b === "story_navigation_action_type"),
    );
    if (breakdown.length && dims.length !== breakdown.length) {
      throw err.param(`Incompatible breakdowns for metric ${metric}: ${breakdown.join(",")}`);
    }
    if (dims.length) row.total_value = { value, breakdowns: breakdownsFor(seed, `${m.id}|${metric}`, value, dims) };
    row.id = `${m.id}/insights/${metric}/lifetime`;
    data.push(row);
  }
  return { data };
}

/**
 * Account metrics: [title, description, time series?, total value?, allowed breakdowns, periods, daily base].
 */
const USER_METRICS = {
  reach: ["Accounts reached", "The number of unique accounts that have seen your content, at least once, including in ads.", true, true, ["media_product_type", "follow_type"], ["day", "week", "days_28"], 2400],
  views: ["Views", "The number of times your content was played or displayed.", true, true, ["follower_type", "follow_type", "media_product_type"], ["day", "week", "days_28"], 7800],
  follower_count: ["Follower count", "The number of accounts that followed you on each day.", true, false, [], ["day"], 22],
  accounts_engaged: ["Accounts engaged", "The number of accounts that have interacted with your content.", false, true, [], ["day", "week", "days_28"], 310],
  total_interactions: ["Content interactions", "The total number of post interactions, story interactions, reels interactions, video interactions and live video interactions.", false, true, ["media_product_type"], ["day", "week", "days_28"], 520],
  likes: ["Likes", "The number of likes on your posts, reels and videos.", false, true, ["media_product_type"], ["day", "week", "days_28"], 410],
  comments: ["Comments", "The number of comments on your posts, reels, videos and live videos.", false, true, ["media_product_type"], ["day", "week", "days_28"], 24],
  shares: ["Shares", "The number of shares of your posts, stories, reels, videos and live videos.", false, true, ["media_product_type"], ["day", "week", "days_28"], 31],
  saves: ["Saves", "The number of saves of your posts, reels and videos.", false, true, ["media_product_type"], ["day", "week", "days_28"], 45],
  replies: ["Replies", "The number of replies you received from your story.", false, true, [], ["day", "week", "days_28"], 6],
  reposts: ["Reposts", "The number of times your content was reposted.", false, true, ["media_product_type"], ["day", "week", "days_28"], 4],
  profile_links_taps: ["Profile links taps", "The number of taps on your business address, call button, email button and text button.", false, true, ["contact_button_type"], ["day", "week", "days_28"], 18],
  // Announced as deprecated with v21, still in Meta's v25 metric enum and still answered
  // (shared/reference/graph-api.md §3.1, Correction 2026-12): requested with metric_type=total_value.
  profile_views: ["Profile views", "The number of times your profile was visited.", false, true, [], ["day"], 95],
  website_clicks: ["Website taps", "The number of taps on the website link in your profile.", false, true, [], ["day"], 12],
  follows_and_unfollows: ["Follows and unfollows", "The number of accounts that followed you and the number of accounts that unfollowed you.", false, true, ["follow_type"], ["day", "week", "days_28"], 30],
  online_followers: ["Online followers", "Total number of your followers who were online during the specified range.", true, false, [], ["lifetime"], 0],
  follower_demographics: ["Follower demographics", "The demographic characteristics of followers, including countries, cities and gender distribution.", false, true, ["age", "city", "country", "gender"], ["lifetime"], 0],
  engaged_audience_demographics: ["Engaged audience demographics", "The demographic characteristics of the engaged audience, including countries, cities and gender distribution.", false, true, ["age", "city", "country", "gender"], ["lifetime"], 0],
};
const DEMOGRAPHIC_METRICS = ["follower_demographics", "engaged_audience_demographics"];
/** End of the last full day in the data (Meta ends days at 07:00/08:00 UTC, Pacific midnight). */
const LAST_DAY_END = Date.UTC(2026, 10, 20, 8, 0, 0);

function parseUnix(v, name) {
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  if (Number.isFinite(n)) return Math.floor(n);
  const ms = Date.parse(String(v));
  if (Number.isFinite(ms)) return Math.floor(ms / 1000);
  throw err.param(`Param ${name} must be a unix timestamp or a date`);
}

/** `GET /{ig-user-id}/insights`. */
function userInsights(ctx, u) {
  const metrics = requireMetrics(ctx);
  const p = ctx.params;
  const period = p.period;
  const periods = ["day", "week", "days_28", "month", "lifetime", "total_over_range"];
  if (!period) throw err.required("period");
  if (!periods.includes(period)) throw err.param(`Param period must be one of {${periods.join(", ")}}`);
  const metricType = p.metric_type ?? "default";
  if (!["default", "time_series", "total_value"].includes(metricType)) {
    throw err.param("Param metric_type must be one of {default, time_series, total_value}");
  }
  const breakdown = parseList(p.breakdown);
  const seed = ctx.sb.opts.seed;

  metrics.forEach((metric, i) => {
    if (DEPRECATED_METRICS.includes(metric)) throw deprecatedMetricError(metric);
    if (!USER_METRICS[metric]) {
      throw err.param(`metric[${i}] must be one of the following values: ${Object.keys(USER_METRICS).join(", ")}`);
    }
  });
  const tvOnly = metrics.filter((m) => !USER_METRICS[m][2]);
  if (metricType !== "total_value" && tvOnly.length && !tvOnly.every((m) => DEMOGRAPHIC_METRICS.includes(m))) {
    throw err.param(`The following metrics (${tvOnly.join(", ")}) should be specified with parameter metric_type=total_value`);
  }
  for (const metric of metrics) {
    const allowedPeriods = USER_METRICS[metric][5];
    if (!allowedPeriods.includes(period)) {
      throw err.param(`The metric ${metric} does not support the period ${period}. Supported periods: ${allowedPeriods.join(", ")}`);
    }
    if (metricType === "total_value" && !USER_METRICS[metric][3]) {
      throw err.param(`The metric ${metric} does not support metric_type=total_value`);
    }
    for (const b of breakdown) {
      if (!USER_METRICS[metric][4].includes(b)) {
        throw err.param(`Incompatible breakdowns: the metric ${metric} does not support the breakdown ${b}`);
      }
    }
  }

  // Time range (unix seconds). Day ends fall on LAST_DAY_END's hour.
  let since = parseUnix(p.since, "since");
  let until = parseUnix(p.until, "until");
  if (since !== undefined && until !== undefined && until - since > 30 * 86400) {
    throw err.param("There cannot be more than 30 days (2592000 s) between since and until");
  }
  const dayEnds = (fromSec, toSec) => {
    const out = [];
    const first = LAST_DAY_END + Math.ceil((fromSec * 1000 - LAST_DAY_END) / DAY) * DAY;
    for (let t = first === fromSec * 1000 ? first + DAY : first; t <= toSec * 1000; t += DAY) out.push(t);
    return out;
  };
  if (until === undefined) until = since !== undefined ? since + 30 * 86400 : LAST_DAY_END / 1000;
  if (since === undefined) since = until - (metricType === "total_value" ? 1 : 30) * 86400;
  const ends = dayEnds(since, until);
  const daily = (metric, t) => {
    const base = USER_METRICS[metric][6];
    return Math.round(base * (0.55 + 0.9 * noise(seed, `${u.id}|${metric}|${Math.floor(t / DAY)}`)));
  };
  const periodDays = { day: 1, week: 7, days_28: 28, month: 30, lifetime: 1, total_over_range: 1 }[period];

  const data = metrics.map((metric) => {
    const [title, description] = USER_METRICS[metric];
    const row = { name: metric, period, title, description };
    if (DEMOGRAPHIC_METRICS.includes(metric)) {
      const timeframe = p.timeframe;
      if (!timeframe) throw err.required("timeframe");
      if (["last_14_days", "last_30_days", "last_90_days", "prev_month"].includes(timeframe)) {
        throw err.param(`The timeframe ${timeframe} is no longer supported. Please use this_week or this_month`);
      }
      if (!["this_week", "this_month"].includes(timeframe)) throw err.param("Param timeframe must be one of {this_week, this_month}");
      if (breakdown.length === 0) throw err.required("breakdown");
      const total = metric === "follower_demographics" ? u.followers_count : Math.round(u.followers_count * 0.18);
      row.total_value = { breakdowns: breakdownsFor(seed, `${u.id}|${metric}|${timeframe}`, total, breakdown) };
    } else if (metric === "online_followers") {
      row.values = ends.map((t) => {
        const value = {};
        for (let h = 0; h < 24; h++) {
          const curve = 0.25 + 0.75 * Math.max(0, Math.sin(((h - 5) / 24) * 2 * Math.PI));
          value[String(h)] = Math.round(u.followers_count * 0.09 * curve * (0.8 + 0.4 * noise(seed, `${u.id}|online|${t}|${h}`)));
        }
        return { value, end_time: formatTs(t) };
      });
    } else if (metricType === "total_value") {
      const value = ends.reduce((sum, t) => sum + daily(metric, t), 0);
      row.total_value = { value };
      if (breakdown.length) row.total_value.breakdowns = breakdownsFor(seed, `${u.id}|${metric}|${since}|${until}`, value, breakdown);
    } else {
      row.values = ends.map((t) => {
        let value = 0;
        for (let k = 0; k < periodDays; k++) value += daily(metric, t - k * DAY);
        return { value, end_time: formatTs(t) };
      });
    }
    row.id = `${u.id}/insights/${metric}/${period}`;
    return row;
  });

  const out = { data };
  // Time-based paging (User Insights is the one IG edge with it).
  if (metricType !== "total_value" && !metrics.some((m) => DEMOGRAPHIC_METRICS.includes(m))) {
    const span = Math.max(86400, until - since);
    const url = (s, un) => {
      const sp = new URLSearchParams();
      if (ctx.token) sp.set("access_token", ctx.token);
      for (const [k, v] of Object.entries(ctx.query)) if (!["access_token", "since", "until"].includes(k)) sp.set(k, v);
      sp.set("since", String(s));
      sp.set("until", String(un));
      return `${ctx.origin}${ctx.version ? "/" + ctx.version : ""}/${ctx.segments.join("/")}?${sp}`;
    };
    out.paging = { previous: url(since - span, since), next: url(until, until + span) };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Tokens, appsecret_proof and usage
// ---------------------------------------------------------------------------------------------

/** The access token of a request: query, then body, then `Authorization: Bearer|OAuth`, then inherited (batch). */
function extractToken(ctx) {
  if (ctx.params.access_token) return String(ctx.params.access_token);
  const auth = ctx.headers.authorization;
  if (auth) {
    const m = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(auth);
    if (m) return m[1];
  }
  return ctx.inheritedToken ?? null;
}

/** @returns {TokenRecord|null} */
function lookupToken(ctx, token) {
  const known = ctx.state.tokens.get(token);
  if (known) return known;
  const bar = token.indexOf("|");
  if (bar > 0) {
    const appId = token.slice(0, bar);
    const secret = token.slice(bar + 1);
    const want = ctx.sb.opts.appSecret;
    if (appId === APP_ID && secret && (!want || secret === want)) {
      return { type: "APP", userId: "", issuedAt: 0, expiresAt: 0 };
    }
  }
  return null;
}

async function checkProof(ctx) {
  const secret = ctx.sb.opts.appSecret;
  if (!secret || ctx.tokenInfo.type === "APP") return;
  const proof = ctx.params.appsecret_proof ?? ctx.inheritedProof;
  if (!proof) throw err.badProof();
  const expected = await ctx.sb.proofFor(ctx.token);
  if (String(proof).toLowerCase() !== expected) throw err.badProof();
}

const usagePct = (sb, calls) => Math.floor(calls * sb.opts.usagePerCall);

function appUsageHeader(sb) {
  const n = usagePct(sb, sb.state.counters.appCalls);
  return JSON.stringify({ call_count: n, total_cputime: Math.floor(n / 4), total_time: Math.floor(n / 3) });
}

function bucUsageHeader(sb, igUserId) {
  const n = usagePct(sb, sb.state.counters.bucCalls.get(igUserId) ?? 0);
  return JSON.stringify({
    [igUserId]: [
      {
        type: "instagram",
        call_count: n,
        total_cputime: Math.floor(n / 4),
        total_time: Math.floor(n / 3),
        estimated_time_to_regain_access: n >= 100 ? 15 : 0,
      },
    ],
  });
}

/** Count the call; refuse it with 80002 when the IG account's BUC budget is spent. */
function countUsage(ctx) {
  const c = ctx.state.counters;
  c.appCalls += 1;
  ctx.appCounted = true;
  if (!ctx.bucUser) return;
  const before = c.bucCalls.get(ctx.bucUser) ?? 0;
  if (usagePct(ctx.sb, before) >= 100) throw err.igRateLimit();
  c.bucCalls.set(ctx.bucUser, before + 1);
}

// ---------------------------------------------------------------------------------------------
// Routing
// ---------------------------------------------------------------------------------------------

/** Find the node a path segment names. */
function resolveNode(ctx, id) {
  const { state } = ctx;
  if (id === "me") {
    if (ctx.tokenInfo?.type === "PAGE") return { type: "page", rec: state.pages.get(ctx.tokenInfo.pageId) };
    return { type: "user", rec: state.user };
  }
  if (id === state.user.id) return { type: "user", rec: state.user };
  if (state.pages.has(id)) return { type: "page", rec: state.pages.get(id) };
  const u = state.igUsers.get(id);
  if (u && u.own) return { type: "iguser", rec: u };
  const m = state.media.get(id);
  if (m && m.kind !== "discovery" && m.kind !== "hashtag") return { type: "media", rec: m };
  if (state.comments.has(id)) return { type: "comment", rec: state.comments.get(id) };
  if (state.hashtags.has(id)) return { type: "hashtag", rec: state.hashtags.get(id) };
  if (state.containers.has(id)) return { type: "container", rec: state.containers.get(id) };
  return null;
}

/** The IG account whose Business Use Case budget a node's calls draw on. */
function bucOwnerOf(ctx, node) {
  if (!node) return null;
  switch (node.type) {
    case "iguser":
      return node.rec.id;
    case "container":
      return node.rec.igUserId;
    case "media":
      return node.rec.kind === "tagged" ? IG_USER_ID : node.rec.ownerId;
    case "comment": {
      const m = ctx.state.media.get(node.rec.mediaId);
      return m && m.kind !== "tagged" ? m.ownerId : IG_USER_ID;
    }
    default:
      return null;
  }
}

const SUCCESS = () => ({ success: true });

function listOf(ctx, items, schemaName, defaults, o) {
  const specs = requestedFields(ctx, defaults);
  validateTopFields(schemaName, specs);
  return paginate(ctx, items, (item) => renderNode(schemaName, item, specs, ctx), o);
}

function nodeOf(ctx, schemaName, rec, defaults) {
  return renderNode(schemaName, rec, requestedFields(ctx, defaults), ctx);
}

function validateTopFields(schemaName, specs) {
  const schema = SCHEMAS[schemaName];
  for (const f of specs) if (!schema.fields[f.name]) throw err.nonexistingField(f.name, schema.type);
}

function requirePageToken(ctx, page) {
  if (ctx.tokenInfo.type !== "PAGE" || ctx.tokenInfo.pageId !== page.id) {
    throw new GraphError(210, "(#210) This call requires a Page access token.");
  }
}

function timeFilter(ctx, items) {
  const since = parseUnix(ctx.params.since, "since");
  const until = parseUnix(ctx.params.until, "until");
  if (since === undefined && until === undefined) return items;
  return items.filter((m) => {
    const t = Date.parse(m.timestamp.replace("+0000", "Z")) / 1000;
    return (since === undefined || t >= since) && (until === undefined || t <= until);
  });
}

function newComment(ctx, media, parentId, message) {
  const { state } = ctx;
  const own = state.igUsers.get(IG_USER_ID);
  const c = {
    id: state._alloc("179", 17),
    mediaId: media.id,
    parentId,
    text: String(message),
    username: own.username,
    fromId: own.id,
    timestamp: formatTs(nextClock(state)),
    like_count: 0,
    hidden: false,
    replyIds: [],
  };
  state.comments.set(c.id, c);
  if (parentId) state.comments.get(parentId).replyIds.push(c.id);
  else media.commentIds.unshift(c.id);
  return c;
}

function requireMessage(ctx) {
  const message = ctx.params.message;
  if (message === undefined || String(message) === "") throw err.required("message");
  return message;
}

/** Route table: node type → "METHOD edge" → handler(ctx, rec). */
const ROUTES = {
  user: {
    "GET ": (ctx, u) => nodeOf(ctx, "User", u, ["name", "id"]),
    "GET accounts": (ctx) =>
      listOf(ctx, [...ctx.state.pages.values()], "Page", ["access_token", "category", "category_list", "name", "id", "tasks"]),
  },
  page: {
    "GET ": (ctx, p) => nodeOf(ctx, "Page", p, ["name", "id"]),
    "GET subscribed_apps": (ctx, p) => {
      requirePageToken(ctx, p);
      if (!p.subscribedFields) return { data: [] };
      return {
        data: [{ category: "Business", link: "https://sandbox-app.example/", name: APP_NAME, id: APP_ID, subscribed_fields: [...p.subscribedFields] }],
      };
    },
    "POST subscribed_apps": (ctx, p) => {
      requirePageToken(ctx, p);
      const fields = parseList(ctx.params.subscribed_fields);
      if (fields.length === 0) throw err.required("subscribed_fields");
      fields.forEach((f, i) => {
        if (!/^[a-z_]+$/.test(f)) throw err.param(`Param subscribed_fields[${i}] must be a valid webhook field name`);
      });
      p.subscribedFields = [...new Set(fields)];
      return SUCCESS();
    },
    "DELETE subscribed_apps": (ctx, p) => {
      requirePageToken(ctx, p);
      p.subscribedFields = null;
      return SUCCESS();
    },
  },
  iguser: {
    "GET ": (ctx, u) => nodeOf(ctx, "IGUser", u, ["id"]),
    "GET media": (ctx, u) => listOf(ctx, timeFilter(ctx, mediaList(ctx.state, u.mediaIds)), "IGMedia", ["id"]),
    "POST media": (ctx, u) => createContainer(ctx, u),
    "POST media_publish": (ctx, u) => publishContainer(ctx, u),
    "GET stories": (ctx, u) => listOf(ctx, mediaList(ctx.state, u.storyIds), "IGMedia", ["id"]),
    "GET tags": (ctx, u) => listOf(ctx, mediaList(ctx.state, u.taggedIds), "IGMedia", ["id"]),
    "GET live_media": (ctx, u) => listOf(ctx, timeFilter(ctx, mediaList(ctx.state, u.liveIds)), "IGMedia", ["id"]),
    "GET insights": (ctx, u) => userInsights(ctx, u),
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
    "GET recently_searched_hashtags": (ctx, u) =>
      listOf(ctx, u.recentlySearchedHashtagIds.map((id) => ctx.state.hashtags.get(id)), "IGHashtag", ["id", "name"]),
    "POST mentions": (ctx, u) => {
      const mediaId = ctx.params.media_id;
      if (!mediaId) throw err.required("media_id");
      const message = requireMessage(ctx);
      const m = ctx.state.media.get(String(mediaId));
      if (!m || m.kind === "discovery" || m.kind === "hashtag") throw err.unsupported("POST", mediaId);
      const commentId = ctx.params.comment_id;
      if (commentId) {
        const c = ctx.state.comments.get(String(commentId));
        if (!c || c.mediaId !== m.id || !c.text.includes(`@${u.username}`)) throw err.unsupported("POST", commentId);
        return { id: newComment(ctx, m, c.parentId ?? c.id, message).id };
      }
      if (!(m.caption ?? "").includes(`@${u.username}`)) {
        throw err.param(`The media ${m.id} does not mention @${u.username}`);
      }
      return { id: newComment(ctx, m, null, message).id };
    },
  },
  media: {
    "GET ": (ctx, m) => nodeOf(ctx, "IGMedia", m, ["id"]),
    "POST ": (ctx, m) => {
      if (m.kind !== "feed") throw err.unsupported("POST", m.id);
      const enabled = parseBool(ctx.params.comment_enabled);
      if (enabled === undefined) throw err.required("comment_enabled");
      if (enabled === null) throw err.param("Param comment_enabled must be a boolean");
      m.is_comment_enabled = enabled;
      return SUCCESS();
    },
    "GET children": (ctx, m) =>
      listOf(ctx, m.media_type === "CAROUSEL_ALBUM" ? mediaList(ctx.state, m.childIds) : [], "IGMedia", ["id"]),
    "GET comments": (ctx, m) => listOf(ctx, commentList(ctx.state, m.commentIds), "IGComment", ["timestamp", "text", "id"]),
    "POST comments": (ctx, m) => {
      if (m.kind !== "feed") throw err.unsupported("POST", `${m.id}/comments`);
      return { id: newComment(ctx, m, null, requireMessage(ctx)).id };
    },
    "GET insights": (ctx, m) => mediaInsights(ctx, m),
  },
  comment: {
    "GET ": (ctx, c) => nodeOf(ctx, "IGComment", c, ["timestamp", "text", "id"]),
    "POST ": (ctx, c) => {
      const hide = parseBool(ctx.params.hide);
      if (hide === undefined) throw err.required("hide");
      if (hide === null) throw err.param("Param hide must be a boolean");
      c.hidden = hide;
      return SUCCESS();
    },
    "DELETE ": (ctx, c) => {
      const { state } = ctx;
      if (c.parentId) {
        const parent = state.comments.get(c.parentId);
        if (parent) parent.replyIds = parent.replyIds.filter((id) => id !== c.id);
      } else {
        const m = state.media.get(c.mediaId);
        if (m) m.commentIds = m.commentIds.filter((id) => id !== c.id);
        for (const r of c.replyIds) state.comments.delete(r);
      }
      state.comments.delete(c.id);
      return SUCCESS();
    },
    "GET replies": (ctx, c) =>
      listOf(ctx, c.parentId ? [] : commentList(ctx.state, c.replyIds), "IGComment", ["timestamp", "text", "id"]),
    "POST replies": (ctx, c) => {
      const message = requireMessage(ctx);
      const m = ctx.state.media.get(c.mediaId);
      return { id: newComment(ctx, m, c.parentId ?? c.id, message).id };
    },
  },
  hashtag: {
    "GET ": (ctx, h) => nodeOf(ctx, "IGHashtag", h, ["id", "name"]),
    "GET top_media": (ctx, h) => hashtagMedia(ctx, h, "top"),
    "GET recent_media": (ctx, h) => hashtagMedia(ctx, h, "recent"),
  },
  container: {
    "GET ": (ctx, c) => {
      pollContainer(ctx.state, c);
      return nodeOf(ctx, "Container", c, ["id"]);
    },
  },
};

function requireOwnIgUser(ctx, name) {
  const id = ctx.params[name];
  if (!id) throw err.required(name);
  const u = ctx.state.igUsers.get(String(id));
  if (!u || !u.own) throw err.unsupported("GET", id);
  return u;
}

function hashtagMedia(ctx, h, which) {
  requireOwnIgUser(ctx, "user_id");
  ensureHashtagMedia(ctx.state, h, ctx.sb.opts.seed);
  const ids = which === "top" ? h.topMediaIds : h.recentMediaIds;
  return listOf(ctx, mediaList(ctx.state, ids), "HashtagMedia", ["id"], { maxLimit: 50, afterOnly: true });
}

/** `GET /ig_hashtag_search?user_id&q`. */
function hashtagSearch(ctx) {
  if (ctx.method !== "GET") throw err.unsupported(ctx.method, "ig_hashtag_search");
  const u = requireOwnIgUser(ctx, "user_id");
  const q = ctx.params.q;
  if (q === undefined || String(q).trim() === "") throw err.required("q");
  const name = String(q).trim().replace(/^#/, "").toLowerCase();
  const tag = [...ctx.state.hashtags.values()].find((h) => h.name === name);
  if (!tag) return { data: [] };
  u.recentlySearchedHashtagIds = [tag.id, ...u.recentlySearchedHashtagIds.filter((id) => id !== tag.id)];
  return { data: [{ id: tag.id }] };
}

/** `GET /debug_token?input_token`. */
function debugToken(ctx) {
  if (ctx.method !== "GET") throw err.unsupported(ctx.method, "debug_token");
  const input = ctx.params.input_token;
  if (!input) throw err.required("input_token");
  const info = lookupToken(ctx, String(input));
  if (!info) {
    return {
      data: { error: { code: 190, message: "Invalid OAuth access token - Cannot parse access token" }, is_valid: false, scopes: [] },
    };
  }
  if (info.type === "APP") {
    return { data: { app_id: APP_ID, type: "APP", application: APP_NAME, is_valid: true, scopes: [] } };
  }
  const pageIds = [...ctx.state.pages.keys()];
  const igIds = [...ctx.state.pages.values()].map((p) => p.igUserId).filter(Boolean);
  const data = {
    app_id: APP_ID,
    type: info.type,
    application: APP_NAME,
    data_access_expires_at: info.issuedAt + 90 * 86400,
    expires_at: info.expiresAt,
    is_valid: true,
    issued_at: info.issuedAt,
  };
  if (info.type === "PAGE") data.profile_id = info.pageId;
  data.scopes = [...SCOPES];
  data.granular_scopes = SCOPES.map((scope) => {
    if (scope.startsWith("instagram_")) return { scope, target_ids: [...igIds] };
    if (scope.startsWith("pages_")) return { scope, target_ids: info.type === "PAGE" ? [info.pageId] : [...pageIds] };
    return { scope };
  });
  data.user_id = info.userId;
  return { data };
}

/** `GET|POST /oauth/access_token`: code exchange, long-lived exchange, app token. */
function oauthAccessToken(ctx) {
  const { state, sb } = ctx;
  const p = ctx.params;
  const checkClient = () => {
    if (!p.client_id) throw new GraphError(101, "Missing client_id parameter.");
    if (String(p.client_id) !== APP_ID) throw new GraphError(101, "Error validating application. Invalid application ID.");
    if (!p.client_secret) throw new GraphError(1, "Missing client_secret parameter.");
    if (sb.opts.appSecret && p.client_secret !== sb.opts.appSecret) throw new GraphError(1, "Error validating client secret.");
  };
  const issue = (prefix, userId) => {
    state.counters.issued += 1;
    const token = `${prefix}-${state.counters.issued}`;
    const now = Math.floor(Date.now() / 1000);
    state.tokens.set(token, { type: "USER", userId, issuedAt: now, expiresAt: now + 5183944 });
    return { access_token: token, token_type: "bearer", expires_in: 5183944 };
  };
  if (p.grant_type === "fb_exchange_token") {
    checkClient();
    const short = p.fb_exchange_token;
    if (!short) throw err.required("fb_exchange_token");
    const info = state.tokens.get(String(short));
    if (!info || info.type !== "USER") throw err.badToken();
    return issue("sandbox-long-lived-token", info.userId);
  }
  if (p.grant_type === "client_credentials") {
    checkClient();
    return { access_token: `${APP_ID}|${p.client_secret}`, token_type: "bearer" };
  }
  checkClient();
  if (!p.redirect_uri) throw new GraphError(191, "Missing redirect_uri parameter.");
  if (!p.code) throw err.required("code");
  const code = String(p.code);
  if (state.usedCodes.has(code)) throw new GraphError(100, "This authorization code has been used.", { subcode: 36009 });
  if (/expired/i.test(code)) throw new GraphError(100, "This authorization code has expired.", { subcode: 36007 });
  if (/invalid/i.test(code)) throw new GraphError(100, "Invalid verification code format.", { subcode: 36008 });
  try {
    new URL(String(p.redirect_uri));
  } catch {
    throw new GraphError(
      100,
      "Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request",
      { subcode: 36008 },
    );
  }
  state.usedCodes.add(code);
  return issue("sandbox-user-token", USER_ID);
}

/**
 * Run one API request (HTTP or batch item) that passed the fault stage.
 * @returns {Promise<{status:number, json?:any, raw?:string|Uint8Array, headers:Record<string,string>}>}
 */
async function processRequest(ctx) {
  if (ctx.uploadContainerId !== undefined) return handleUpload(ctx);
  const seg = ctx.segments;
  if (seg[0] === "oauth" && seg[1] === "access_token" && seg.length === 2) {
    if (ctx.method !== "GET" && ctx.method !== "POST") throw err.unsupported(ctx.method, "oauth/access_token");
    return ok(oauthAccessToken(ctx));
  }

  const token = extractToken(ctx);
  if (!token) throw err.noToken();
  const info = lookupToken(ctx, token);
  if (!info) throw err.badToken();
  ctx.token = token;
  ctx.tokenInfo = info;
  await checkProof(ctx);

  if (seg.length === 0) {
    if (ctx.method === "POST" && !ctx.inBatch) return ok(await runBatch(ctx));
    if (ctx.method === "POST") throw err.param("Batch requests cannot be nested");
    throw err.unsupported(ctx.method, "");
  }
  if (info.type === "APP" && seg[0] !== "debug_token") {
    if (seg[0] === "me") throw err.noToken();
    throw new GraphError(10, "(#10) Application does not have permission for this action");
  }
  if (seg.length > 2) {
    countUsage(ctx);
    throw err.unsupported(ctx.method, seg.join("/"));
  }

  const [first, edgeName = ""] = seg;
  if (first === "debug_token" && !edgeName) {
    countUsage(ctx);
    return ok(debugToken(ctx));
  }
  if (first === "ig_hashtag_search" && !edgeName) {
    countUsage(ctx);
    return ok(hashtagSearch(ctx));
  }
  const node = resolveNode(ctx, first);
  ctx.bucUser = bucOwnerOf(ctx, node);
  countUsage(ctx);
  if (!node) throw err.unsupported(ctx.method, first);
  const handler = ROUTES[node.type][`${ctx.method} ${edgeName}`];
  if (!handler) throw err.unsupported(ctx.method, edgeName ? `${first}/${edgeName}` : first);
  return ok(await handler(ctx, node.rec));
}

const ok = (json) => ({ status: 200, json, headers: {} });

// ---------------------------------------------------------------------------------------------
// Batch
// ---------------------------------------------------------------------------------------------

const BATCH_HEADER_NAMES = {
  "content-type": "Content-Type",
  "cache-control": "Cache-Control",
  "facebook-api-version": "Facebook-API-Version",
  "www-authenticate": "WWW-Authenticate",
};

/** `POST /{version}/` with `batch=[…]`. */
async function runBatch(ctx) {
  const raw = ctx.params.batch;
  if (raw === undefined || raw === "") throw err.required("batch");
  let items;
  try {
    items = typeof raw === "string" ? JSON.parse(raw) : raw;
  } catch {
    throw err.param("The parameter batch must be a valid JSON array");
  }
  if (!Array.isArray(items)) throw err.param("The parameter batch must be a valid JSON array");
  if (items.length === 0) throw err.param("The parameter batch must contain at least one request");
  if (items.length > MAX_BATCH) throw err.param(`Too many requests in batch message. Maximum batch size is ${MAX_BATCH}`);
  const includeHeaders = parseBool(ctx.params.include_headers) !== false;
  const results = [];
  for (let i = 0; i < items.length; i++) {
    const { out, itemCtx } = await runBatchItem(ctx, items[i], i, includeHeaders);
    results.push(out);
    // The batch response itself reports the usage after its items, like Meta's.
    ctx.bucUser = ctx.bucUser ?? itemCtx.bucUser ?? null;
  }
  ctx.appCounted = true;
  return results;
}

function parseFormString(body) {
  if (body === undefined || body === null || body === "") return null;
  if (typeof body === "object") return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
  return Object.fromEntries(new URLSearchParams(String(body)));
}

async function runBatchItem(outer, item, index, includeHeaders) {
  const sb = outer.sb;
  const itemCtx = {
    sb,
    state: sb.state,
    origin: outer.origin,
    headers: outer.headers,
    inBatch: true,
    inheritedToken: outer.token,
    inheritedProof: outer.params.appsecret_proof,
    traceId: newTraceId(),
    signal: outer.signal,
  };
  let result;
  try {
    if (!item || typeof item !== "object" || typeof item.relative_url !== "string") {
      throw err.param(`batch[${index}] must be an object with a relative_url`);
    }
    const method = String(item.method ?? "GET").toUpperCase();
    const rel = item.relative_url.replace(/^\/+/, "");
    const url = new URL("/" + rel, outer.origin);
    const { version, segments } = splitPath(url.pathname);
    const query = Object.fromEntries(url.searchParams);
    const form = parseFormString(item.body);
    Object.assign(itemCtx, {
      method,
      version: version ?? outer.version,
      segments,
      query,
      form,
      params: { ...query, ...(form ?? {}) },
    });
    const versionPrefix = itemCtx.version ? `/${itemCtx.version}` : "";
    sb.log({
      method,
      host: new URL(outer.origin).host,
      path: `${versionPrefix}/${segments.join("/")}`,
      query,
      form,
      headers: { ...outer.headers },
      batchIndex: index,
    });
    const fault = sb.takeFault(method, "/" + segments.join("/"), true);
    itemCtx.fault = fault;
    if (fault) {
      if (fault.delayMs) await sleep(fault.delayMs, outer.signal);
      if (fault.hang) await hangForever(outer.signal);
      if (fault.drop) throw dropError();
      if (fault.batchNull) return { out: null, itemCtx };
    }
    if (fault && replacesResponse(fault)) result = faultResult(fault);
    else result = await runSafely(itemCtx);
    if (fault?.headers) Object.assign(result.headers, lowerKeys(fault.headers));
  } catch (e) {
    if (e?.[DROP] || e === outer.signal?.reason) throw e;
    result = errorResult(e, itemCtx);
  }
  const headers = responseHeaders(itemCtx, result);
  const body =
    result.raw !== undefined
      ? typeof result.raw === "string"
        ? result.raw
        : new TextDecoder().decode(result.raw)
      : JSON.stringify(result.json);
  const out = { code: result.status };
  if (includeHeaders) {
    out.headers = Object.entries(headers)
      .filter(([name]) => !name.startsWith("access-control-"))
      .map(([name, value]) => ({ name: BATCH_HEADER_NAMES[name] ?? name, value }));
  }
  out.body = body;
  return { out, itemCtx };
}

// ---------------------------------------------------------------------------------------------
// Faults
// ---------------------------------------------------------------------------------------------

/**
 * @typedef {object} FaultSpec
 * @property {string} [method]  only requests with this HTTP method (case-insensitive)
 * @property {string|RegExp} [path]  exact path without the version (`/17841…/media`), a RegExp tested
 *   against that path (leading slash, no version), or a string starting with `^` used as a RegExp source
 * @property {number} [times=1]  how many matching requests it applies to (`Infinity` allowed)
 * @property {number} [status]  replace the response status
 * @property {any} [body]  replace the response with this JSON body
 * @property {string|Uint8Array} [rawBody]  replace the response with these raw bytes
 * @property {Record<string,string>} [headers]  add (or override) response headers
 * @property {number} [delayMs]  delay the response
 * @property {boolean} [hang]  never answer (until the request is aborted / the client disconnects)
 * @property {boolean} [drop]  reset the connection (fetch rejects with `TypeError("fetch failed")`)
 * @property {boolean} [batchNull]  (batch items only) answer this item with `null`
 * @property {boolean} [emptyPage]  a list page with `data: []` that still has `paging.next` past it
 * @property {boolean} [repeatCursor]  a list page whose `cursors.after` equals the request's `after`
 */

/** Validate and compile a fault spec. */
function compileFault(spec) {
  if (!spec || typeof spec !== "object") throw new TypeError("fault(spec): spec must be an object");
  let times = spec.times ?? 1;
  if (times === "Infinity" || times === -1) times = Infinity;
  if (!(times === Infinity || (Number.isInteger(times) && times > 0))) {
    throw new TypeError("fault(spec): times must be a positive integer or Infinity");
  }
  let matchPath = () => true;
  const { path } = spec;
  if (path instanceof RegExp) {
    const re = new RegExp(path.source, path.flags.replace(/[gy]/g, ""));
    matchPath = (p) => re.test(p);
  } else if (typeof path === "string") {
    if (path.startsWith("^")) {
      const re = new RegExp(path);
      matchPath = (p) => re.test(p);
    } else {
      const want = normalizeMatchPath(path);
      matchPath = (p) => p === want;
    }
  } else if (path !== undefined && path !== null) {
    throw new TypeError("fault(spec): path must be a string or a RegExp");
  }
  const method = spec.method ? String(spec.method).toUpperCase() : null;
  if (spec.rawBody !== undefined && typeof spec.rawBody !== "string" && !(spec.rawBody instanceof Uint8Array)) {
    throw new TypeError("fault(spec): rawBody must be a string or a Uint8Array");
  }
  return {
    spec: { ...spec },
    method,
    matchPath,
    remaining: times,
    hits: 0,
    status: spec.status,
    body: spec.body,
    rawBody: spec.rawBody,
    headers: spec.headers,
    delayMs: spec.delayMs ?? 0,
    hang: Boolean(spec.hang),
    drop: Boolean(spec.drop),
    batchNull: Boolean(spec.batchNull),
    emptyPage: Boolean(spec.emptyPage),
    repeatCursor: Boolean(spec.repeatCursor),
  };
}

/** `/v27.0/123/media/` → `/123/media`. */
function normalizeMatchPath(p) {
  const { segments } = splitPath(p.startsWith("/") ? p : "/" + p);
  return "/" + segments.join("/");
}

const replacesResponse = (f) => f.status !== undefined || f.body !== undefined || f.rawBody !== undefined;

function faultResult(f) {
  if (f.rawBody !== undefined) return { status: f.status ?? 200, raw: f.rawBody, headers: {} };
  if (f.body !== undefined) {
    const isError = f.body && typeof f.body === "object" && "error" in f.body;
    return { status: f.status ?? (isError ? 400 : 200), json: f.body, headers: {} };
  }
  const status = f.status;
  if (status >= 500) {
    return {
      status,
      json: { error: { message: "An unexpected error has occurred. Please retry your request later.", type: "OAuthException", is_transient: true, code: 2 } },
      headers: {},
      needsTrace: true,
    };
  }
  if (status >= 400) {
    return { status, json: { error: { message: "An unknown error has occurred.", type: "OAuthException", code: 1 } }, headers: {}, needsTrace: true };
  }
  return { status, json: { success: true }, headers: {} };
}

// ---------------------------------------------------------------------------------------------
// Request plumbing
// ---------------------------------------------------------------------------------------------

/** Split a pathname into an optional `vNN.N` version and the remaining segments. */
function splitPath(pathname) {
  const segments = pathname
    .split("/")
    .filter((s) => s !== "")
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  let version = null;
  if (segments.length && VERSION_RE.test(segments[0])) version = segments.shift();
  return { version, segments };
}

function newTraceId() {
  const bytes = new Uint8Array(22);
  crypto.getRandomValues(bytes);
  let s = "A";
  for (const b of bytes) s += B64URL[b & 63];
  return s;
}

const lowerKeys = (obj) => Object.fromEntries(Object.entries(obj ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));

function errorResult(e, ctx) {
  if (e instanceof GraphError) {
    return { status: e.status, json: e.toBody(ctx.traceId), headers: { ...(e.headers ?? {}) } };
  }
  // A bug in the sandbox itself: answer like Meta's generic failure, and say why in a debug header.
  const ge = new GraphError(1, "An unknown error has occurred.", { status: 500, isTransient: true });
  const why = String(e?.stack ?? e).split("\n").slice(0, 2).join(" | ").replace(/[^\x20-\x7e]/g, "?");
  return { status: 500, json: ge.toBody(ctx.traceId), headers: { "x-sandbox-error": why } };
}

async function runSafely(ctx) {
  try {
    return await processRequest(ctx);
  } catch (e) {
    if (e?.[DROP]) throw e;
    return errorResult(e, ctx);
  }
}

/** The headers of an API response (without CORS, added for HTTP only). */
function responseHeaders(ctx, result) {
  const h = {
    "content-type": JSON_CT,
    "cache-control": "private, no-cache, no-store, must-revalidate",
    "facebook-api-version": ctx.version ?? DEFAULT_API_VERSION,
    "x-fb-trace-id": ctx.traceId,
  };
  if (ctx.appCounted) h["x-app-usage"] = appUsageHeader(ctx.sb);
  if (ctx.bucUser && ctx.appCounted) h["x-business-use-case-usage"] = bucUsageHeader(ctx.sb, ctx.bucUser);
  if (result.needsTrace && result.json?.error) result.json.error.fbtrace_id = ctx.traceId;
  Object.assign(h, lowerKeys(result.headers));
  return h;
}

function toResponse(status, headers, body) {
  const h = new Headers({ ...headers, ...CORS_HEADERS });
  return new Response(status === 204 || status === 304 ? null : body, { status, headers: h });
}

function plainHeaders(headers) {
  const out = {};
  headers.forEach((value, key) => {
    out[key.toLowerCase()] = value;
  });
  return out;
}

/** Parse a request body into a plain parameter object (form, JSON or multipart). */
async function parseBody(request, bytes) {
  if (!bytes || bytes.length === 0) return null;
  const ct = (request.headers.get("content-type") ?? "").toLowerCase();
  const text = () => new TextDecoder().decode(bytes);
  if (ct.includes("application/json")) {
    let obj;
    try {
      obj = JSON.parse(text());
    } catch {
      throw err.param("The request body is not valid JSON");
    }
    if (!obj || typeof obj !== "object" || Array.isArray(obj)) throw err.param("The JSON request body must be an object");
    return Object.fromEntries(
      Object.entries(obj).map(([k, v]) => [k, typeof v === "string" ? v : v === null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v)]),
    );
  }
  if (ct.includes("multipart/form-data")) {
    const fd = await new Response(bytes, { headers: { "content-type": request.headers.get("content-type") } }).formData();
    const out = {};
    fd.forEach((v, k) => {
      out[k] = typeof v === "string" ? v : `[file ${v.name}]`;
    });
    return out;
  }
  return Object.fromEntries(new URLSearchParams(text()));
}

// ---------------------------------------------------------------------------------------------
// The sandbox
// ---------------------------------------------------------------------------------------------

/**
 * @typedef {object} SandboxOptions
 * @property {string[]} [accessTokens=["sandbox-token"]]  user access tokens the sandbox accepts
 * @property {string} [appSecret]  when set, every call must carry a correct `appsecret_proof`
 * @property {number} [mediaCount=240]  feed media of the sandbox account
 * @property {number|string} [seed=1]  seed of the deterministic data
 * @property {number} [latencyMs=0]  fixed delay added to every API response
 * @property {number} [usagePerCall=1]  percentage points `call_count` grows per call (0 disables rate limiting)
 * @property {number} [pollsUntilFinished=2]  status reads of a video container that still answer IN_PROGRESS
 * @property {string} [uploadBaseUrl]  base of the `uri` returned for resumable uploads (default: the
 *   request's origin, or `https://rupload.facebook.com` for requests to graph.facebook.com)
 * @property {number} [requestLogLimit=Infinity]  keep at most this many entries in `requests`
 */

/**
 * @typedef {object} LoggedRequest
 * @property {string} method
 * @property {string} host
 * @property {string} path  the pathname as requested (with the version prefix, if any)
 * @property {Record<string,string>} query
 * @property {Record<string,string>|null} form  the parsed body parameters (form, JSON or multipart)
 * @property {Record<string,string>} headers  lower-case names
 * @property {number} [batchIndex]  set on entries for the items of a batch request
 */

function normalizeOptions(o) {
  if (o === null || typeof o !== "object") throw new TypeError("createSandbox(options): options must be an object");
  const accessTokens = o.accessTokens ?? ["sandbox-token"];
  if (!Array.isArray(accessTokens) || accessTokens.length === 0 || !accessTokens.every((t) => typeof t === "string" && t !== "")) {
    throw new TypeError("createSandbox: accessTokens must be a non-empty array of non-empty strings");
  }
  const num = (name, def, { min = 0, integer = false } = {}) => {
    const v = o[name] ?? def;
    if (v === Infinity && name === "requestLogLimit") return v;
    if (typeof v !== "number" || !Number.isFinite(v) || v < min || (integer && !Number.isInteger(v))) {
      throw new TypeError(`createSandbox: ${name} must be ${integer ? "an integer" : "a number"} >= ${min}`);
    }
    return v;
  };
  if (o.appSecret !== undefined && o.appSecret !== null && (typeof o.appSecret !== "string" || o.appSecret === "")) {
    throw new TypeError("createSandbox: appSecret must be a non-empty string");
  }
  const seed = o.seed ?? 1;
  if (typeof seed !== "number" && typeof seed !== "string") throw new TypeError("createSandbox: seed must be a number or a string");
  if (o.uploadBaseUrl !== undefined && o.uploadBaseUrl !== null) {
    try {
      new URL(o.uploadBaseUrl);
    } catch {
      throw new TypeError("createSandbox: uploadBaseUrl must be an absolute URL");
    }
  }
  return Object.freeze({
    accessTokens: Object.freeze([...accessTokens]),
    appSecret: o.appSecret ?? null,
    mediaCount: num("mediaCount", 240, { integer: true }),
    seed,
    latencyMs: num("latencyMs", 0),
    usagePerCall: num("usagePerCall", 1),
    pollsUntilFinished: num("pollsUntilFinished", 2, { integer: true }),
    uploadBaseUrl: o.uploadBaseUrl ?? null,
    requestLogLimit: num("requestLogLimit", Infinity, { integer: true }),
  });
}

/**
 * Create a sandbox Graph API.
 *
 * @param {SandboxOptions} [options]
 */
export function createSandbox(options = {}) {
  const opts = normalizeOptions(options);
  /** @type {SandboxState} */
  const state = /** @type {any} */ ({});
  /** @type {Record<string, string>} */
  const ids = {};
  /** @type {LoggedRequest[]} */
  const requests = [];
  let faults = [];
  const proofs = new Map();

  const sb = {
    opts,
    state,
    log(entry) {
      if (opts.requestLogLimit === 0) return;
      requests.push(entry);
      while (requests.length > opts.requestLogLimit) requests.shift();
    },
    takeFault(method, path, inBatch) {
      for (const f of faults) {
        if (f.batchNull && !inBatch) continue;
        if (f.method && f.method !== method) continue;
        if (!f.matchPath(path)) continue;
        f.remaining -= 1;
        f.hits += 1;
        if (f.remaining <= 0) faults = faults.filter((x) => x !== f);
        return f;
      }
      return null;
    },
    proofFor(token) {
      if (!proofs.has(token)) proofs.set(token, hmacSha256Hex(opts.appSecret, token));
      return proofs.get(token);
    },
  };

  /** Restore the initial data; clear faults, the request log and usage counters. */
  function reset() {
    const g = generate(opts);
    for (const k of Object.keys(state)) delete state[k];
    Object.assign(state, g.state);
    for (const k of ["_rng", "_alloc"]) {
      Object.defineProperty(state, k, { value: g.state[k], writable: true, configurable: true, enumerable: false });
    }
    for (const k of Object.keys(ids)) delete ids[k];
    Object.assign(ids, g.ids);
    requests.length = 0;
    faults = [];
  }
  reset();

  /**
   * Queue a fault.
   * @param {FaultSpec} spec
   */
  function fault(spec) {
    const f = compileFault(spec);
    faults.push(f);
    return {
      get remaining() {
        return f.remaining;
      },
      get hits() {
        return f.hits;
      },
      cancel() {
        faults = faults.filter((x) => x !== f);
      },
    };
  }

  function clearFaults() {
    faults = [];
  }

  const send = (status, json) => toResponse(status, { "content-type": JSON_CT }, JSON.stringify(json));

  /** `/__sandbox/*`: control endpoints for tests running in other processes. No token needed. */
  async function control(request, method, name) {
    try {
      if (method === "POST" && name === "fault") {
        const text = await request.text();
        const spec = text ? JSON.parse(text) : {};
        if (spec && typeof spec === "object" && "times" in spec && spec.times === null) spec.times = Infinity;
        fault(spec);
        return send(200, { success: true });
      }
      if (method === "DELETE" && name === "faults") {
        clearFaults();
        return send(200, { success: true });
      }
      if (method === "POST" && name === "reset") {
        reset();
        return send(200, { success: true });
      }
      if (method === "GET" && name === "requests") return send(200, requests);
      if (method === "GET" && name === "ids") return send(200, ids);
      return send(404, { error: { message: `Unknown sandbox control endpoint: ${method} /__sandbox/${name}`, type: "SandboxError", code: 100 } });
    } catch (e) {
      return send(400, { error: { message: String(e?.message ?? e), type: "SandboxError", code: 100 } });
    }
  }

  /** The handler proper. `signal` aborts delays and hangs. */
  async function serve(request, signal) {
    if (signal?.aborted) throw signal.reason;
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    if (method === "OPTIONS") return toResponse(204, { "content-type": JSON_CT, ...PREFLIGHT_HEADERS }, null);
    const { version, segments } = splitPath(url.pathname);
    if (segments[0] === "__sandbox") return control(request, method, segments.slice(1).join("/"));

    const bodyBytes = method === "GET" || method === "HEAD" ? null : new Uint8Array(await request.arrayBuffer());
    const headers = plainHeaders(request.headers);
    const query = Object.fromEntries(url.searchParams);
    const ctx = {
      sb,
      state,
      method,
      origin: url.origin,
      version,
      segments,
      query,
      form: null,
      params: query,
      headers,
      bodyBytes,
      traceId: newTraceId(),
      signal,
      inBatch: false,
    };
    let matchPath = "/" + segments.join("/");
    let parseError = null;
    if (segments[0] === "ig-api-upload") {
      const rest = segments.slice(1);
      ctx.version = rest.length && VERSION_RE.test(rest[0]) ? rest.shift() : null;
      ctx.uploadContainerId = rest.join("/");
      matchPath = `/ig-api-upload/${ctx.uploadContainerId}`;
    } else {
      try {
        ctx.form = await parseBody(request, bodyBytes);
      } catch (e) {
        parseError = e;
      }
      ctx.params = { ...query, ...(ctx.form ?? {}) };
    }
    sb.log({ method, host: url.host, path: url.pathname, query, form: ctx.form, headers });

    const f = sb.takeFault(method, matchPath, false);
    ctx.fault = f;
    const delay = opts.latencyMs + (f?.delayMs ?? 0);
    if (delay > 0) await sleep(delay, signal);
    if (f?.hang) await hangForever(signal);
    if (f?.drop) throw dropError();

    let result;
    if (f && replacesResponse(f)) result = faultResult(f);
    else if (parseError) result = errorResult(parseError, ctx);
    else result = await runSafely(ctx);
    if (f?.headers) Object.assign(result.headers, lowerKeys(f.headers));
    const outHeaders = responseHeaders(ctx, result);
    return toResponse(result.status, outHeaders, result.raw !== undefined ? result.raw : JSON.stringify(result.json));
  }

  /**
   * The Fetch-API handler: `(Request) => Promise<Response>`. Rejects like fetch for `drop` faults
   * and when `request.signal` aborts a delayed or hanging response.
   * @param {Request} request
   * @returns {Promise<Response>}
   */
  function handle(request) {
    return serve(request, request.signal);
  }

  /**
   * A fetch-compatible function to hand to a client as its `fetch`.
   * @param {RequestInfo|URL} input
   * @param {RequestInit} [init]
   * @returns {Promise<Response>}
   */
  function sandboxFetch(input, init) {
    let request;
    try {
      request = new Request(input, init);
    } catch (e) {
      return Promise.reject(e);
    }
    const signal = init?.signal ?? (typeof input === "object" && input && "signal" in input ? input.signal : request.signal);
    return serve(request, signal);
  }

  return { fetch: sandboxFetch, handle, state, requests, fault, clearFaults, reset, ids, options: opts };
}

export { DATA_NOW, DEFAULT_API_VERSION };
