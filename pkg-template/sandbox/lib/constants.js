/** @file The sandbox world's well-known ids and names, and the protocol constants several modules share. */

export const APP_ID = "138483919580948";
export const APP_NAME = "Sandbox App";
export const USER_ID = "10210299214172187";
export const USER_NAME = "Alex Rivera";
export const PAGE_ID = "134895793791914";
export const PAGE_NAME = "Sandbox Coffee Roasters";
export const OTHER_PAGE_ID = "109457288203145";
export const OTHER_PAGE_NAME = "Alex Rivera Photography";
export const IG_USER_ID = "17841405822304914";
export const IG_USERNAME = "sandbox.coffee";
/** The fixed date of the data before the sandbox followed a clock (see `clock.js`); exported for users who pinned it. */
export const DATA_NOW = Date.UTC(2026, 10, 20, 10, 15, 0);
export const DEFAULT_API_VERSION = "v27.0";
export const PAGE_TOKEN_PREFIX = "sandbox-page-token-";
export const JSON_CT = "application/json; charset=UTF-8";
export const VERSION_RE = /^v\d+\.\d+$/;
