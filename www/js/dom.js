// Tiny DOM helpers: build elements from data without ever parsing HTML (captions, bios and
// names come from the Graph API and are treated as text).

/**
 * h("a", { class: "x", href, onclick }, child, "text", [more]) → element.
 * Attributes: strings/numbers are set as attributes, `true` as an empty attribute, `false`/null
 * are skipped, functions under `on…` become listeners; `class` and `dataset` are special.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  setProps(el, props);
  append(el, children);
  return el;
}

export function setProps(el, props) {
  for (const [key, value] of Object.entries(props || {})) {
    if (value == null || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** Replace every child of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** A visually hidden span for screen readers. */
export function srOnly(text) {
  return h("span", { class: "sr-only" }, text);
}
