// Graph controls: depth, k, and the relation legend whose checkboxes filter edges.
import type { NodeKind } from "./api";
import { el } from "./dom";
import { RELATIONS, relationInfo, relationsOf } from "./relations";

/** The codes the legend lists: the centre kind's relations, "credit" for tracks, and any code in the graph. */
export function legendCodes(centerKind: NodeKind | null, shown: readonly string[]): string[] {
  const wanted = new Set<string>(centerKind ? relationsOf(centerKind) : []);
  if (centerKind === "track") wanted.add("credit");
  for (const c of shown) wanted.add(c);
  const order = RELATIONS.map((r) => r.code as string);
  return [...wanted].sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
}

/** Renders the legend with one checkbox per code; `onToggle` gets the code and whether it is now shown. */
export function renderLegend(container: HTMLElement, codes: readonly string[], hidden: ReadonlySet<string>,
                             onToggle: (code: string, shown: boolean) => void): void {
  container.replaceChildren(...codes.map((code) => {
    const info = relationInfo(code);
    const box = el("input", { type: "checkbox", value: code, "data-testid": "relation-filter", "data-relation": code, checked: !hidden.has(code) });
    box.addEventListener("change", () => onToggle(code, box.checked));
    return el("label", { class: "legend-item", title: code },
      box, el("span", { class: "swatch", style: `background:${info.color}`, "aria-hidden": "true" }),
      el("span", {}, info.name), el("code", { class: "code" }, code));
  }));
}

/** The relation parameter for a graph request around a node of `kind`: null (all) unless some are hidden. */
export function relationParam(kind: NodeKind, hidden: ReadonlySet<string>): string[] | null {
  const all = relationsOf(kind);
  const asked = all.filter((c) => !hidden.has(c));
  return asked.length === all.length || asked.length === 0 ? null : asked;
}
