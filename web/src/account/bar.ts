// The account area in the top bar: single-user note, a "Sign in" link (anonymous), or the account's name, a
// Settings button and the Sign out form (a real POST with the antiforgery field, answered 302 to /).
import { el } from "../dom";
import type { Me } from "./types";

/** Where sign-in returns to: the current path, query and hash. */
export function signInHref(me: Me): string {
  const base = me.signInUrl ?? "/signin";
  const back = location.pathname + location.search + location.hash;
  return `${base}${base.includes("?") ? "&" : "?"}returnUrl=${encodeURIComponent(back)}`;
}

/** Fills `root` (data-testid account-bar) for `me`; `openSettings` toggles the settings view. */
export function renderAccountBar(root: HTMLElement, me: Me | null, openSettings: () => void): void {
  root.dataset.mode = me?.mode ?? "unknown";
  if (!me) { root.replaceChildren(el("span", { class: "account-note" }, "Account unknown")); return; }
  const settings = el("button", { type: "button", class: "bar-button", "data-testid": "open-settings", "aria-controls": "settings-view" }, "Settings");
  settings.addEventListener("click", openSettings);
  if (me.mode === "single-user") {
    root.replaceChildren(el("span", { class: "account-note", "data-testid": "single-user-note" }, "Single-user mode — local store, no sign-in"), settings);
    return;
  }
  if (!me.account) {
    const link = el("a", { class: "bar-button", href: signInHref(me), "data-testid": "sign-in" }, "Sign in");
    // The hash may change before the click: build the return URL then.
    link.addEventListener("click", () => { link.href = signInHref(me); });
    root.replaceChildren(link);
    return;
  }
  const name = el("span", { class: "account-name", "data-testid": "account-name", title: me.account.email ?? "" }, me.account.name);
  const parts: Node[] = [name, settings];
  if (me.mode === "signed-in") {
    const form = el("form", { method: "post", action: "/signout", class: "signout-form" });
    if (me.antiforgery) form.append(el("input", { type: "hidden", name: me.antiforgery.formFieldName, value: me.antiforgery.token }));
    form.append(el("button", { type: "submit", class: "bar-button", "data-testid": "sign-out" }, "Sign out"));
    parts.push(form);
  }
  root.replaceChildren(...parts);
}
