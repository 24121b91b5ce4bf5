/**
 * @file Insights: `GET /{ig-media-id}/insights` (also as the `insights.metric(…)` field of a
 * media, e.g. on `/{ig-user-id}/media`) and `GET /{ig-user-id}/insights` (time series, total
 * values, breakdowns, demographics, time-based paging), from the patterns of `../data/patterns.js`,
 * dated by the sandbox's clock.
 */

import { lastDayEnd, weekdayOfDayEnding } from "../clock.js";
import { dailyFollows, dailyValue, noise, onlineByHour } from "../data/patterns.js";
import { err } from "../errors.js";
import { parseList, parseUnix } from "../params.js";
import { commentsCount } from "../records.js";
import { formatTs } from "../util.js";

const DAY = 86400000;

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
  // More countries and cities than the 45 Meta returns, so the cut shows.
  country: [
    "US", "CA", "GB", "DE", "AU", "JP", "FR", "NL", "MX", "BR", "KR", "IT", "ES", "SE", "NZ", "IE", "CH", "DK",
    "NO", "BE", "AT", "FI", "PT", "PL", "CZ", "IN", "SG", "PH", "ID", "TH", "VN", "TW", "HK", "CO", "AR", "CL",
    "PE", "CR", "GT", "ET", "KE", "RW", "BI", "ZA", "AE", "IL", "TR", "GR", "HU", "RO", "IS", "EE", "LT", "LV",
  ],
  city: [
    "Portland, Oregon", "Seattle, Washington", "Vancouver, British Columbia", "San Francisco, California",
    "Los Angeles, California", "New York, New York", "Chicago, Illinois", "Denver, Colorado", "Austin, Texas",
    "London, England", "Beaverton, Oregon", "Eugene, Oregon", "Salem, Oregon", "Bend, Oregon", "Gresham, Oregon",
    "Hillsboro, Oregon", "Vancouver, Washington", "Tacoma, Washington", "Spokane, Washington", "Boise, Idaho",
    "Sacramento, California", "Oakland, California", "San Diego, California", "Phoenix, Arizona",
    "Salt Lake City, Utah", "Minneapolis, Minnesota", "Boston, Massachusetts", "Philadelphia, Pennsylvania",
    "Washington, District of Columbia", "Atlanta, Georgia", "Miami, Florida", "Nashville, Tennessee",
    "Toronto, Ontario", "Montreal, Quebec", "Calgary, Alberta", "Victoria, British Columbia", "Berlin, Berlin",
    "Melbourne, Victoria", "Sydney, New South Wales", "Tokyo, Tokyo", "Seoul, Seoul", "Paris, Île-de-France",
    "Amsterdam, North Holland", "Dublin, Dublin", "Copenhagen, Capital Region", "Stockholm, Stockholm",
    "Oslo, Oslo", "Mexico City, Distrito Federal", "Bogotá, Distrito Especial", "Addis Ababa, Addis Ababa",
  ],
};
/** NB: "Demographic metrics only return the top 45 performers" (Instagram Account Insights, Limitations). */
const DEMOGRAPHICS_TOP = 45;
/**
 * NB: "follower_count and online_followers metrics are not available on Instagram business or
 * creator accounts with fewer than 100 followers" (Instagram Account Insights, Limitations); the
 * project's graph-api.md §3.1 lists follows_and_unfollows and the demographics with them. "If
 * insights data you are requesting does not exist or is currently unavailable, the API will
 * return an empty data set instead of 0": such a metric's row is left out of `data`.
 */
const MIN_FOLLOWERS = 100;
const NEEDS_100_FOLLOWERS = ["follower_count", "online_followers", "follows_and_unfollows", "follower_demographics", "engaged_audience_demographics"];
/** NB: "Insights data for the online_followers metric is only available for the last 30 days." */
const ONLINE_FOLLOWERS_DAYS = 30;

/**
 * An audience's likely shape: the weight of the i-th value of a demographic dimension. Places
 * follow Zipf's law (the lists start near the café), with a long tail past Meta's top 45.
 */
const AGES = [0.03, 0.2, 0.38, 0.22, 0.1, 0.05, 0.02];
const GENDERS = [0.55, 0.41, 0.04];
const PRIOR = {
  age: (i) => AGES[i] ?? 0,
  gender: (i) => GENDERS[i] ?? 0,
  country: (i) => 1 / (i + 1) ** 1.6,
  city: (i) => 1 / (i + 1) ** 1.1,
};

/**
 * Split `total` across `keys` with deterministic weights (`prior`, else earlier keys weigh more);
 * the parts sum to `total`.
 */
function splitValue(seed, key, total, keys, prior = null) {
  const w = prior
    ? keys.map((k, i) => prior(i) * (0.7 + 0.6 * noise(seed, `${key}|${k}`)))
    : keys.map((k, i) => (noise(seed, `${key}|${k}`) + 0.05) ** 1.5 * (keys.length - i));
  const sum = w.reduce((a, b) => a + b, 0);
  const parts = w.map((x) => Math.floor((total * x) / sum));
  parts[0] += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

/** Meta's `total_value.breakdowns` for one or more breakdown dimensions. */
function breakdownsFor(seed, key, total, dims) {
  const combos = dims.reduce((acc, d) => acc.flatMap((prefix) => DIMENSIONS[d].map((v) => [...prefix, v])), [[]]);
  const prior = dims.length === 1 ? PRIOR[dims[0]] : null;
  const values = splitValue(seed, `${key}|${dims.join(",")}`, total, combos.map((c) => c.join("|")), prior);
  return [
    {
      dimension_keys: dims,
      results: combos.map((c, i) => ({ dimension_values: c, value: values[i] })).filter((r) => r.value > 0),
    },
  ];
}

function requireMetrics(params) {
  const metrics = parseList(params.metric);
  if (metrics.length === 0) throw err.required("metric");
  return metrics;
}

function deprecatedMetricError(metric) {
  return err.param(
    `Starting from version v22.0 and above, the ${metric} metric is no longer supported. Please use views or another supported metric instead.`,
  );
}


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

/**
 * `GET /{ig-media-id}/insights`, or the `insights` field of a media (`params` are then the
 * field's modifiers: `insights.metric(reach,views).period(lifetime)`).
 */
function mediaInsights(ctx, m, params = ctx.params) {
  if (m.kind !== "feed" && m.kind !== "story") {
    if (m.kind === "child") throw err.param("Insights are not available for carousel children media");
    throw err.unsupported("GET", `${m.id}/insights`);
  }
  const metrics = requireMetrics(params);
  if (params.period && params.period !== "lifetime") throw err.param("Param period must be one of {lifetime}");
  const breakdown = parseList(params.breakdown);
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

/** `GET /{ig-user-id}/insights`. */
function userInsights(ctx, u) {
  const metrics = requireMetrics(ctx.params);
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

  // Time range (unix seconds). Days end at DAY_END_HOUR_UTC; the last one is the last full day
  // before the clock's now (no data for days not over yet).
  const today = lastDayEnd(ctx.sb.opts.now());
  const anchorDayEnd = lastDayEnd(ctx.state._anchor);
  let since = parseUnix(p.since, "since");
  let until = parseUnix(p.until, "until");
  if (since !== undefined && until !== undefined && until - since > 30 * 86400) {
    throw err.param("There cannot be more than 30 days (2592000 s) between since and until");
  }
  const dayEnds = (fromSec, toSec) => {
    const out = [];
    const first = today + Math.ceil((fromSec * 1000 - today) / DAY) * DAY;
    const last = Math.min(toSec * 1000, today);
    for (let t = first === fromSec * 1000 ? first + DAY : first; t <= last; t += DAY) out.push(t);
    return out;
  };
  if (until === undefined) until = since !== undefined ? since + 30 * 86400 : today / 1000;
  if (since === undefined) since = until - (metricType === "total_value" ? 1 : 30) * 86400;
  const ends = dayEnds(since, until);
  const on = (t) => ({ seed, userId: u.id, base: 0, anchorDayEnd, weekday: weekdayOfDayEnding(t) });
  const daily = (metric, t) => dailyValue(metric, t, { ...on(t), base: USER_METRICS[metric][6] });
  const follows = (t) => dailyFollows(t, { ...on(t), base: USER_METRICS.follower_count[6] });
  const periodDays = { day: 1, week: 7, days_28: 28, month: 30, lifetime: 1, total_over_range: 1 }[period];
  const enoughFollowers = u.followers_count >= MIN_FOLLOWERS;

  const data = [];
  for (const metric of metrics) {
    if (!enoughFollowers && NEEDS_100_FOLLOWERS.includes(metric)) continue;
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
      const breakdowns = breakdownsFor(seed, `${u.id}|${metric}|${timeframe}`, total, breakdown);
      for (const b of breakdowns) {
        if (b.results.length > DEMOGRAPHICS_TOP) b.results = b.results.sort((x, y) => y.value - x.value).slice(0, DEMOGRAPHICS_TOP);
      }
      row.total_value = { breakdowns };
    } else if (metric === "online_followers") {
      const oldest = today - ONLINE_FOLLOWERS_DAYS * DAY;
      const recent = ends.filter((t) => t > oldest);
      if (recent.length === 0) continue;
      row.values = recent.map((t) => ({ value: onlineByHour(t, u.followers_count, on(t)), end_time: formatTs(t) }));
    } else if (metric === "follows_and_unfollows") {
      // NB: with breakdown follow_type, FOLLOWER counts the accounts that followed and
      // NON_FOLLOWER those that unfollowed or left Instagram (Instagram Account Insights, Metrics).
      let followed = 0;
      let unfollowed = 0;
      for (const t of ends) {
        const f = follows(t);
        followed += f.follows;
        unfollowed += f.unfollows;
      }
      row.total_value = { value: followed + unfollowed };
      if (breakdown.length) {
        row.total_value.breakdowns = [{
          dimension_keys: ["follow_type"],
          results: [{ dimension_values: ["FOLLOWER"], value: followed }, { dimension_values: ["NON_FOLLOWER"], value: unfollowed }],
        }];
      }
    } else if (metric === "follower_count") {
      row.values = ends.map((t) => {
        let value = 0;
        for (let k = 0; k < periodDays; k++) value += follows(t - k * DAY).follows;
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
    data.push(row);
  }

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

/**
 * The `insights` field of a media, as Meta shapes it: `{ data: [rows] }`, the same rows as
 * `GET /{ig-media-id}/insights` (`insights.metric(reach,views,saved)` on `/{ig-user-id}/media`
 * gets every post of a page with its insights in one call). A metric the media cannot have fails
 * the whole request, as it does on the edge.
 */
export function insightsField(m, f, ctx) {
  return mediaInsights(ctx, m, f.mods);
}

export const routes = {
  iguser: {
    "GET insights": (ctx, u) => userInsights(ctx, u),
  },
  media: {
    "GET insights": (ctx, m) => mediaInsights(ctx, m),
  },
};
