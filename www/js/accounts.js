// The account in the header: the connected Instagram account, or a select when there are several.

import { h, replace } from "./dom.js";

/**
 * @param {HTMLElement} root
 * @param {{ pageId, pageName, igUserId, igUsername }[]} accounts  from listConnectedAccounts()
 * @param {string} selectedId
 * @param {(igUserId: string) => void} onChange
 */
export function renderAccounts(root, accounts, selectedId, onChange) {
  if (accounts.length === 0) return replace(root);
  if (accounts.length === 1) {
    const a = accounts[0];
    return replace(root, h("span", { class: "account-single", title: a.pageName ? `Page: ${a.pageName}` : null },
      h("span", { class: "account-user" }, handle(a)),
      a.pageName ? h("span", { class: "account-page" }, ` · ${a.pageName}`) : null));
  }
  const select = h(
    "select",
    { id: "account-select", class: "account-select", onchange: (e) => onChange(e.target.value) },
    accounts.map((a) => h("option", { value: a.igUserId, selected: a.igUserId === selectedId }, label(a))),
  );
  return replace(root, h("label", { class: "account-label", for: "account-select" }, "Account"), select);
}

function handle(a) {
  return a.igUsername ? `@${a.igUsername}` : a.igUserId;
}

function label(a) {
  return a.pageName ? `${handle(a)} · ${a.pageName}` : handle(a);
}
