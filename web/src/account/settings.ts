// The Settings view: a page section that replaces the graph and taste view while open, reachable as ?view=settings
// (a reload keeps it; opening pushes a history entry, so the browser's Back closes it, as do Escape and "Back").
// Sections: connected services, Spotify export import, sync, API tokens, delete my data.
import { el, loading } from "../dom";
import { signInHref } from "./bar";
import { deleteSection } from "./delete";
import { importSection } from "./importer";
import { servicesSection } from "./services";
import { syncSection } from "./sync";
import { tokensSection } from "./tokens";
import { accountMessage, type Me } from "./types";

export interface SettingsView {
  open(): void;
  close(): void;
  isOpen(): boolean;
  /** The caller as /api/me answered (null + error when it failed); rebuilds the sections. */
  setMe(me: Me | null, error?: unknown): void;
}

const PARAM = "view";
const VALUE = "settings";
const wanted = () => new URLSearchParams(location.search).get(PARAM) === VALUE;

/** `onToggle(open)` runs after the view opens or closes; `onDataChanged` after an import, a sync or a deletion. */
export function setupSettings(root: HTMLElement, onToggle: (open: boolean) => void, onDataChanged: () => void): SettingsView {
  const heading = el("h2", { id: "settings-heading", tabindex: -1 }, "Settings");
  const back = el("button", { type: "button", class: "back", "data-testid": "settings-back" }, "← Back");
  const body = el("div", { class: "settings-body" }, loading("your account"));
  root.replaceChildren(el("div", { class: "settings-head" }, heading, back), body);
  root.hidden = true;
  let refreshers: (() => Promise<void>)[] = [];
  let shownFor = "";

  function show(on: boolean): void {
    if (root.hidden === !on) return;
    root.hidden = !on;
    document.body.dataset.view = on ? VALUE : "main";
    if (on) { for (const r of refreshers) void r(); heading.focus(); }
    onToggle(on);
  }

  function setUrl(on: boolean, push: boolean): void {
    const url = new URL(location.href);
    if (on) url.searchParams.set(PARAM, VALUE); else url.searchParams.delete(PARAM);
    if (push) history.pushState({ sgSettings: true }, "", url); else history.replaceState(null, "", url);
  }

  const view: SettingsView = {
    open() { if (!wanted()) setUrl(true, true); show(true); },
    close() {
      if (!view.isOpen()) return;
      // Opened from the page: step back over our own history entry; opened by URL: just drop the parameter.
      // Hidden at once, so a second close (Escape seen twice) cannot step back twice.
      const ours = (history.state as { sgSettings?: boolean } | null)?.sgSettings;
      show(false);
      if (ours) history.back(); else setUrl(false, false);
    },
    isOpen: () => !root.hidden,
    setMe(me, error) {
      // Reloaded after an import, a sync or a deletion: the same caller keeps the sections (and their results).
      const caller = me ? `${me.mode}:${me.account?.id ?? ""}` : "";
      if (me && caller === shownFor) return;
      shownFor = caller;
      refreshers = [];
      if (!me) { body.replaceChildren(el("p", { class: "empty failed" }, accountMessage("Your account", error))); return; }
      if (!me.account && me.mode !== "single-user") {
        body.replaceChildren(el("p", {}, "Sign in to connect services, import your listens and manage API tokens. "),
          el("a", { class: "button-link", href: signInHref(me) }, "Sign in"));
        return;
      }
      const single = me.mode === "single-user";
      const who = me.account
        ? el("p", { class: "note", "data-testid": "settings-account" }, `Signed in as ${me.account.name}` + (me.account.email ? ` (${me.account.email})` : "") + (me.account.isAdmin ? " · admin" : ""))
        : el("p", { class: "note", "data-testid": "settings-account" }, "Single-user mode: the local store, no sign-in. Accounts, tokens and connected services need an identity provider configured on the server.");
      const services = servicesSection(single);
      const tokens = tokensSection(single);
      refreshers = [services.refresh, tokens.refresh];
      body.replaceChildren(who,
        el("div", { class: "settings-grid" }, services.node, importSection(single, onDataChanged), syncSection(single, onDataChanged),
          tokens.node, deleteSection(single, onDataChanged)));
      if (view.isOpen()) for (const r of refreshers) void r();
    },
  };

  back.addEventListener("click", () => view.close());
  root.addEventListener("keydown", (e) => {
    if (e.key !== "Escape" || e.defaultPrevented) return;
    e.preventDefault();
    view.close();
  });
  window.addEventListener("popstate", () => show(wanted()));
  if (wanted()) show(true);
  return view;
}
