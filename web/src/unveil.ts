// The unveil panel: the subject, then each section's title, facts and items (buttons that select that node).
import type { UnveilItem, UnveilReport } from "./api";
import { el, empty, formatScore } from "./dom";
import type { Selection } from "./state";

/** What an item's bar measures: its score, or its count when it has no score (unranked items); null for neither. */
export const barValue = (item: UnveilItem): number | null => item.score ?? item.count;

/** The largest bar value of a list (0 when none has one). */
export const maxBarValue = (items: readonly UnveilItem[]): number => Math.max(0, ...items.map((i) => barValue(i) ?? 0));

/** Receives an activated item's node and whether the keyboard activated it. */
export type ItemSelect = (s: Selection, viaKeyboard: boolean) => void;

/** An item as a button that selects its node; shared by the unveil panel and the related list. */
export function itemButton(item: UnveilItem, onSelect: ItemSelect, testId: string, maxValue: number): HTMLElement {
  const value = barValue(item);
  const share = value != null && maxValue > 0 ? Math.max(0.02, Math.min(1, value / maxValue)) : 0;
  const numbers = [item.score != null ? formatScore(item.score) : null, item.count != null ? item.count.toLocaleString("en-US") : null]
    .filter((n) => n != null).join(" · ");
  const button = el("button", {
    type: "button", class: "item", "data-testid": testId, "data-kind": item.kind, "data-id": item.id,
    "aria-label": `${item.name} (${item.kind})${item.score != null ? `, score ${formatScore(item.score)}` : ""}` +
      `${item.count != null ? `, count ${item.count}` : ""}: ${item.why}`,
  },
  el("span", { class: "item-head" },
    el("span", { class: `badge kind-${item.kind}` }, item.kind),
    el("span", { class: "name" }, item.name),
    el("span", { class: "score" }, numbers)),
  value != null ? el("span", { class: "bar", "aria-hidden": "true" }, el("span", { class: "bar-fill", style: `width:${(share * 100).toFixed(1)}%` })) : null,
  el("span", { class: "why" }, item.why));
  // A click from Enter/Space (or a screen reader) has detail 0; a pointer click counts its clicks.
  button.addEventListener("click", (e) => onSelect({ kind: item.kind, id: item.id }, e.detail === 0));
  return button;
}

/** Renders the report into the panel (which carries data-kind/data-id of the subject). */
export function renderUnveil(panel: HTMLElement, report: UnveilReport, onSelect: ItemSelect, onExpand: () => void): void {
  panel.dataset.kind = report.subject.kind;
  panel.dataset.id = String(report.subject.id);
  const expand = el("button", { type: "button", class: "secondary", "data-testid": "expand-button", "aria-label": `Expand ${report.subject.name} in the graph` }, "Expand in graph");
  expand.addEventListener("click", onExpand);
  const children: Node[] = [
    el("header", { class: "panel-head" },
      el("div", {}, el("span", { class: `badge kind-${report.subject.kind}` }, report.subject.kind),
        el("h2", { id: "unveil-title" }, report.subject.name),
        el("div", { class: "subject-key" }, report.subject.key)),
      expand),
  ];
  if (report.sections.length === 0) children.push(empty("Nothing to unveil for this node."));
  for (const section of report.sections) {
    const maxValue = maxBarValue(section.items);
    const box = el("section", { class: "unveil-section", "data-testid": "unveil-section", "data-key": section.key, "aria-label": section.title },
      el("h3", {}, section.title));
    if (section.facts.length > 0)
      box.append(el("dl", { class: "facts" }, ...section.facts.flatMap((f) => [el("dt", {}, f.name), el("dd", {}, f.value)])));
    if (section.items.length > 0)
      box.append(el("ul", { class: "items" }, ...section.items.map((i) => el("li", {}, itemButton(i, onSelect, "unveil-item", maxValue)))));
    else if (section.facts.length === 0 || section.emptyNote)
      box.append(empty(section.emptyNote ?? "Nothing here."));
    children.push(box);
  }
  panel.replaceChildren(...children);
}
