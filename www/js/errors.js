// Friendly error boxes: Meta's own user-facing title and message when it sends them, else the
// error's message. Never a stack, never a secret.

import { h, replace } from "./dom.js";
import { icon } from "./icons.js";

const TITLES = {
  AuthError: "The access token was refused",
  PermissionError: "A permission is missing",
  RateLimitError: "Too many calls for now",
  TimeoutError: "The Graph API took too long to answer",
  ConnectionError: "Can't reach the Graph API",
  DecodeError: "Unexpected answer from the Graph API",
  GraphApiError: "The Graph API returned an error",
  TypeError: "Invalid setting",
  LoadError: "The demo could not start",
};

const HINTS = {
  AuthError: "Check IG_ACCESS_TOKEN: it must be a valid Facebook User access token.",
  PermissionError: "The token needs instagram_basic, pages_show_list and pages_read_engagement.",
  ConnectionError: "Check your network connection, then try again.",
};

/** Replace every occurrence of each secret (tokens) with "[redacted]". */
export function redact(text, secrets = []) {
  let out = String(text ?? "");
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join("[redacted]");
  return out;
}

/** → { title, message, hint } for a person. */
export function describeError(err, secrets = []) {
  const name = err && typeof err === "object" ? err.name : "";
  const title = (err && err.userTitle) || TITLES[name] || "Something went wrong";
  // The client's message ends with "(code 10, fbtrace_id …)", for support, not for a person, and
  // a PermissionError's then with what the method needs, which the hint says in a person's words.
  let message = ((err && (err.userMessage || err.message)) || String(err))
    .replace(/\s*\(code \d+[^()]*\)/, "")
    .replace(/\. \w+ needs [\w, ]+: client\.diagnose\(\) shows which of them the token lacks, and why$/, "");
  if (name === "RateLimitError" && typeof err.retryAfterMs === "number" && err.retryAfterMs > 0) {
    message += ` Try again in about ${Math.ceil(err.retryAfterMs / 60000)} min.`;
  }
  return {
    title: redact(title, secrets),
    message: redact(message, secrets),
    hint: err && err.userMessage ? null : HINTS[name] || null,
  };
}

/** True for the error an AbortSignal produces (a superseded request): not worth showing. */
export function isAbort(err) {
  return !!err && (err.name === "AbortError" || (err.cause && err.cause.name === "AbortError"));
}

/**
 * Show an error in `slot` (an empty container). `onRetry` adds a "Try again" button; `hint`
 * (e.g. the permission a call needs) replaces the generic one. Returns a function that clears the box.
 */
export function showError(slot, err, { onRetry, secrets = [], hint: known = null } = {}) {
  const described = describeError(err, secrets);
  const { title, message } = described;
  const hint = known || described.hint;
  const retry = onRetry
    ? h("button", { type: "button", class: "button button-small", onclick: () => { clearError(slot); onRetry(); } }, icon("refresh", { size: 16 }), "Try again")
    : null;
  replace(
    slot,
    h("div", { class: "error-box", role: "alert" },
      icon("alert", { size: 22, className: "error-icon" }),
      h("div", { class: "error-text" },
        h("p", { class: "error-title" }, title),
        h("p", { class: "error-message" }, message),
        hint && h("p", { class: "error-hint" }, hint)),
      retry),
  );
  return () => clearError(slot);
}

export function clearError(slot) {
  slot.replaceChildren();
}
