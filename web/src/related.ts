// The related list: every relation's ranked items with score bars and the "why", as real buttons (the
// keyboard/screen-reader alternative to the canvas graph).
import type { RelatedResponse } from "./api";
import { el, empty } from "./dom";
import { relationInfo } from "./relations";
import { itemButton, maxBarValue, type ItemSelect } from "./unveil";

/** Renders the groups into the list container. */
export function renderRelated(container: HTMLElement, related: RelatedResponse, onSelect: ItemSelect): void {
  container.dataset.kind = related.subject.kind;
  container.dataset.id = String(related.subject.id);
  const groups = related.relations;
  if (groups.length === 0 || groups.every((g) => g.items.length === 0)) {
    container.replaceChildren(empty(`No relations for ${related.subject.name}.`),
      ...groups.filter((g) => g.emptyNote).map((g) => el("p", { class: "note" }, `${g.title}: ${g.emptyNote}`)));
    return;
  }
  container.replaceChildren(...groups.map((g) => {
    const info = relationInfo(g.relation);
    const maxValue = maxBarValue(g.items);
    const group = el("section", { class: "related-group", "data-relation": g.relation, "aria-label": g.title },
      el("h3", {}, el("span", { class: "swatch", style: `background:${info.color}`, "aria-hidden": "true" }), g.title));
    if (g.items.length === 0) group.append(empty(g.emptyNote ?? "No items."));
    else group.append(el("ol", { class: "items" }, ...g.items.map((i) => el("li", {}, itemButton(i, onSelect, "related-item", maxValue)))));
    return group;
  }));
}
