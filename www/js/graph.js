// The page's handle on the Graph API: one InstagramClient (against the in-page sandbox or the
// real Graph API) plus a "call" event after every request, so widgets such as the usage meter
// can follow `client.rateLimit` without each caller remembering to.

export class Graph extends EventTarget {
  /**
   * @param {object} config  from /config.json: { mode: "sandbox" | "live", accessToken?, apiVersion?, baseUrl? }
   * @param {URLSearchParams} [query]  sandbox options for demos (latency, accounts, seed, usage; usage is 0.2 % per call by default)
   */
  static async connect(config, query = new URLSearchParams()) {
    // Imported here, not at the top, so a failure to load the wasm shows up as an error box.
    let InstagramClient;
    let oauth;
    try {
      ({ InstagramClient, oauth } = await import("instagram-graph-wasm"));
    } catch (cause) {
      throw new LoadError("The package could not be loaded from /pkg/. Build it with `make pkg`, then reload.", { cause });
    }
    const options = {};
    if (config.apiVersion) options.apiVersion = config.apiVersion;
    let sandbox = null;
    if (config.mode === "live") {
      options.accessToken = config.accessToken;
      if (config.login) options.login = config.login;
      if (config.baseUrl) options.baseUrl = config.baseUrl;
      if (config.uploadBaseUrl) options.uploadBaseUrl = config.uploadBaseUrl;
    } else {
      let createSandbox;
      try {
        ({ createSandbox } = await import("instagram-graph-wasm/sandbox"));
      } catch (cause) {
        throw new LoadError("The sandbox could not be loaded from /pkg/sandbox/. Build the package with `make pkg`, then reload.", { cause });
      }
      sandbox = createSandbox(sandboxOptions(query));
      if (Number(query.get("accounts")) >= 2) linkSecondAccount(sandbox);
      options.accessToken = sandbox.ids.accessToken;
      options.fetch = sandbox.fetch;
    }
    const graph = new Graph(new InstagramClient(options), config.mode === "live" ? "live" : "sandbox", sandbox, oauth);
    // "Now" for date ranges: the sandbox's clock (its data is dated by it), or the real one.
    if (sandbox) graph.now = () => sandbox.now();
    if (config.mode === "live" && config.login) graph.login = config.login;
    return graph;
  }

  constructor(client, mode, sandbox, oauth = null) {
    super();
    this.now = () => Date.now();
    this.client = client;
    this.mode = mode;
    /** The in-page sandbox (sandbox mode only): `state`, `fault()`, `requests`… for experiments. */
    this.sandbox = sandbox;
    this.oauth = oauth;
    /** The login flavour (IG_LOGIN in live mode; for the permission names): "facebook", Meta's default. */
    this.login = "facebook";
    /** The typed method a failed batch item stood for (a typed call's error names its own). */
    this.failures = new WeakMap();
  }

  get rateLimit() {
    return this.client.rateLimit;
  }

  get apiVersion() {
    return this.client.apiVersion;
  }

  /** `await graph.call("getUser", id, params, options)`; dispatches "call" once it settles. */
  async call(method, ...args) {
    try {
      return await this.client[method](...args);
    } finally {
      this.dispatchEvent(new CustomEvent("call", { detail: { method, rateLimit: this.client.rateLimit } }));
    }
  }

  /**
   * For a PermissionError of a typed call: which permission it needs (the error's
   * `requiredPermissions`, or `oauth.requiredPermissions` of the method a batch item stood for),
   * the ones beyond basic access first. Else null.
   */
  permissionHint(err) {
    if (!err || err.name !== "PermissionError") return null;
    let needed = err.requiredPermissions;
    const method = this.failures.get(err);
    if (!needed && method && this.oauth) {
      try {
        needed = this.oauth.requiredPermissions(method, { login: this.login });
      } catch {
        return null;
      }
    }
    if (!Array.isArray(needed) || needed.length === 0) return null;
    const basic = new Set(["instagram_basic", "instagram_business_basic", "pages_read_engagement", "pages_show_list"]);
    const special = needed.filter((p) => !basic.has(p));
    const list = (ps) => ps.join(", ");
    return special.length
      ? `This needs the ${list(special)} permission${special.length > 1 ? "s" : ""} (with ${list(needed.filter((p) => basic.has(p)))}). Grant ${special.length > 1 ? "them" : "it"} at login, then use the new token.`
      : `This needs the ${list(needed)} permissions. Grant them at login, then use the new token.`;
  }
}

function sandboxOptions(query) {
  const options = {};
  const latency = Number(query.get("latency"));
  if (Number.isFinite(latency) && latency > 0) options.latencyMs = Math.min(latency, 10000);
  if (query.has("seed")) options.seed = query.get("seed");
  // A session of clicking should not reach the sandbox's 80002 limit: 0.2 % per call by default.
  const usage = Number(query.get("usage"));
  options.usagePerCall = query.has("usage") && Number.isFinite(usage) && usage >= 0 ? Math.min(usage, 100) : 0.2;
  return options;
}

/**
 * The sandbox has one Page with an Instagram account and one without; for trying the account
 * picker, connect the second Page to one of the sandbox's other Business accounts.
 */
function linkSecondAccount(sandbox) {
  const { state, ids } = sandbox;
  const page = state.pages.get(ids.otherPageId);
  const other = [...state.igUsers.values()].find((u) => !u.own && !u.isPrivate && u.mediaIds.length > 0);
  if (!page || !other) return;
  other.own = true;
  page.igUserId = other.id;
}

/** The package (or its sandbox) failed to load. */
export class LoadError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = "LoadError";
  }
}
