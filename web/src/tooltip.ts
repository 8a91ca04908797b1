// The content of an edge's hover tooltip: relation name, the two ends, weight, count, why and the evidence sample.
import type { GraphEdge } from "./api";
import { el, formatScore } from "./dom";
import { relationInfo } from "./relations";

const EVIDENCE_NOUN: Record<string, string> = {
  playlist: "shared playlists", user: "shared listeners", tag: "shared tags", track: "shared tracks", credit: "credits",
};

/** Nodes for the tooltip body. */
export function edgeTooltip(edge: GraphEdge, source: string, target: string): Node[] {
  const info = relationInfo(edge.relation);
  const out: Node[] = [
    el("div", { class: "tt-title" }, el("span", { class: "swatch", style: `background:${info.color}` }), info.name),
    el("div", { class: "tt-ends" }, `${source} — ${target}`),
    el("div", { class: "tt-numbers" }, `weight ${formatScore(edge.weight)}` + (edge.count != null ? ` · count ${edge.count.toLocaleString("en-US")}` : "")),
  ];
  if (edge.why) out.push(el("div", { class: "tt-why" }, edge.why));
  const ev = edge.evidence;
  if (ev && ev.sample.length > 0) {
    const noun = EVIDENCE_NOUN[ev.type] ?? ev.type;
    const head = edge.why ? (ev.total > ev.sample.length ? "e.g." : "namely:") : `${ev.total.toLocaleString("en-US")} ${noun}:`;
    out.push(el("div", { class: "tt-evidence-head" }, head));
    out.push(el("ul", { class: "tt-evidence" }, ...ev.sample.slice(0, 8).map((s) => el("li", {}, s))));
  }
  return out;
}
