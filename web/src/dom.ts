// Small DOM helpers shared by the panels: element creation, loading/empty/error blocks.
import { ApiError } from "./api";

type Attrs = Record<string, string | number | boolean | undefined>;

/** Creates an element with attributes (data-*, aria-*, class…) and children (strings become text). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K, attrs: Attrs = {}, ...children: (Node | string | null | undefined)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (name === "class") e.className = String(value);
    else e.setAttribute(name, value === true ? "" : String(value));
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

/** A "loading…" line with the shared test hook. */
export function loading(what: string): HTMLElement {
  return el("p", { class: "loading", "data-testid": "loading", role: "status", "aria-live": "polite" },
    el("span", { class: "spinner", "aria-hidden": "true" }), `Loading ${what}…`);
}

/** An empty-state line. */
export function empty(text: string): HTMLElement {
  return el("p", { class: "empty", "data-testid": "empty" }, text);
}

/** The content of an error block: the problem's title, detail and each parameter's errors (or a network message). */
export function problemNodes(error: unknown, context: string): Node[] {
  const out: Node[] = [];
  if (error instanceof ApiError) {
    const p = error.problem;
    out.push(el("strong", {}, `${context}: ${p.title ?? `HTTP ${error.status}`}` + (error.status > 0 ? ` (${error.status})` : "")));
    if (p.detail) out.push(el("p", { class: "problem-detail" }, p.detail));
    if (p.errors) {
      const list = el("ul", { class: "error-params" });
      for (const [param, messages] of Object.entries(p.errors))
        for (const m of messages) list.append(el("li", { "data-param": param }, el("code", {}, param), `: ${m}`));
      out.push(list);
    }
  } else {
    out.push(el("strong", {}, `${context}: something went wrong`), el("p", {}, error instanceof Error ? error.message : String(error)));
  }
  return out;
}

/** A short in-panel failure note (the full problem goes to the page's error banner). */
export function failed(what: string): HTMLElement {
  return el("p", { class: "empty failed" }, `Could not load ${what}.`);
}

/** Formats a score (0–1 similarity or a larger number) for display. */
export function formatScore(score: number): string {
  return Math.abs(score) < 10 ? score.toFixed(3) : Math.round(score).toLocaleString("en-US");
}
