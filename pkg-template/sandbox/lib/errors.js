/** @file Graph API errors: `GraphError` (thrown by handlers, answered as Meta's error JSON) and the catalogue of common ones. */

const GRAPH_DOCS = "https://developers.facebook.com/docs/graph-api";

/** A Graph API error, thrown inside handlers and turned into Meta's error JSON. */
export class GraphError extends Error {
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

export const err = {
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
