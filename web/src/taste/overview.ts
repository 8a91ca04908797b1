// The overview card at the top of the taste view, all from the trajectory answer: plays and minutes over the window,
// the latest week's diversity and momentum index, and the window's change points (axis, week, up/down, size).
import { el, empty } from "../dom";
import type { Trajectory } from "./types";

/** "0.42", or "–" when the week has no value. */
function num(v: number | null | undefined, digits = 2): string {
  return v === null || v === undefined ? "–" : v.toFixed(digits);
}

function stat(testid: string, label: string, value: string, detail?: string): HTMLElement {
  return el("div", { class: "overview-stat" },
    el("dt", {}, label),
    el("dd", { "data-testid": testid }, value),
    detail ? el("dd", { class: "note" }, detail) : null);
}

export function renderOverview(box: HTMLElement, t: Trajectory): void {
  const plays = t.plays.reduce((a, b) => a + b, 0);
  const minutes = t.minutes.reduce((a, b) => a + b, 0);
  const last = t.weeks.length - 1;
  const week = last >= 0 ? t.weeks[last]! : null;
  box.dataset.plays = String(plays);
  box.dataset.minutes = minutes.toFixed(1);
  box.dataset.weeks = String(t.weeks.length);
  box.dataset.changes = String(t.changes.length);
  if (week === null) {
    box.replaceChildren(el("h3", {}, "Overview"), empty("No aggregated week in this window."));
    return;
  }
  const span = t.weeks.length > 1 ? `${t.weeks[0]} – ${week}` : week;
  const changes = t.changes.length
    ? el("ul", { class: "changes overview-changes" },
      ...t.changes.map((c) => el("li", {
        "data-testid": "taste-overview-change", "data-axis": c.axis, "data-week": c.week, "data-direction": c.direction, "data-size": c.size.toFixed(2),
      },
      el("strong", {}, c.axis), ` ${c.direction === "up" ? "▲ up" : "▼ down"} in ${c.week}`,
      c.startWeek !== c.week ? ` (from ${c.startWeek})` : "", `, size ${c.size.toFixed(2)}`)))
    : empty("No change point in these weeks.");
  box.replaceChildren(
    el("h3", {}, `Overview: ${span}`),
    el("dl", { class: "overview-stats" },
      stat("taste-overview-listens", "Listens", `${plays} plays, ${Math.round(minutes)} min`, `over ${t.weeks.length} weeks`),
      stat("taste-overview-diversity", `Diversity (${week})`, num(t.diversity[last])),
      stat("taste-overview-momentum", `Momentum index (${week})`, num(t.momentumIndex[last]))),
    el("h4", {}, `Change points (${t.changes.length})`),
    changes);
}
