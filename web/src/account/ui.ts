// Shared pieces of the settings sections: a titled card, an aria-live status line, a labelled field with its error
// slot (filled from a 400's `errors`), and short dates.
import { el } from "../dom";

/** A settings card: a section with an h3 and its content. */
export function card(id: string, title: string, ...children: Node[]): HTMLElement {
  return el("section", { class: "settings-card", id, "aria-labelledby": `${id}-title` },
    el("h3", { id: `${id}-title` }, title), ...children);
}

/** A polite live status line. */
export function statusLine(testid: string, text = ""): HTMLElement {
  return el("p", { class: "settings-status", "data-testid": testid, role: "status", "aria-live": "polite" }, text);
}

/** Sets a status line's text; `failed` colours it as an error. */
export function say(status: HTMLElement, text: string, failed = false): void {
  status.textContent = text;
  status.classList.toggle("failed", failed);
}

/** A field: label, input, and an error line the input is described by. */
export function field(input: HTMLInputElement, label: string, hint?: string): { row: HTMLElement; error: HTMLElement } {
  const error = el("span", { class: "field-error", id: `${input.id}-error`, "data-field-error": input.name || input.id });
  const hintNode = hint ? el("span", { class: "field-hint", id: `${input.id}-hint` }, hint) : null;
  input.setAttribute("aria-describedby", [hintNode ? `${input.id}-hint` : "", `${input.id}-error`].filter(Boolean).join(" "));
  const row = input.type === "checkbox"
    ? el("div", { class: "field check" }, el("label", { for: input.id }, input, ` ${label}`), hintNode, error)
    : el("div", { class: "field" }, el("label", { for: input.id }, label), input, hintNode, error);
  return { row, error };
}

/** Writes a field's error (empty clears it) and marks the input invalid. */
export function fieldError(input: HTMLInputElement, error: HTMLElement, text: string): void {
  error.textContent = text;
  if (text) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
}

/** A date-time as "2026-03-01 14:05 UTC" (null: "never"). */
export function when(iso: string | null): string {
  if (!iso) return "never";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
