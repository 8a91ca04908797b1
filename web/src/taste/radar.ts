// The radar: one week's centroid against the listener's previous 26 weeks (about 6 months) on the 0–1 axes; a table
// gives every axis (tempo in BPM too) with the delta and z-score. Two panes side by side: A (the view's week, default
// the last with a play) and B (a second week to compare with, or none).
import { el, empty } from "../dom";
import { Chart, keep } from "./charts";
import { formatValue, type Radar } from "./types";

/** Pane A is the week against its baseline; pane B the second week (its picker also offers "none"). */
export type RadarPane = "a" | "b";

const PANES = {
  a: { chart: "radar", title: "taste-radar-title", picker: "radar-week-a", label: "Week", colour: "#e0592a", fill: "rgba(224,89,42,0.25)" },
  b: { chart: "radarB", title: "taste-radar-b-title", picker: "radar-week-b", label: "Compare with", colour: "#2f9e6e", fill: "rgba(47,158,110,0.25)" },
} as const;

/** The week before `week` among `weeks` (sorted ISO weeks), or null: pane B's default. */
export function previousWeek(weeks: readonly string[], week: string): string | null {
  return [...weeks].filter((w) => w < week).sort().at(-1) ?? null;
}

/** Draws pane `pane` into `box`: `r` null (pane B only) shows the picker and a hint. `onWeek` gets the picked week
 * ("" for none in pane B). */
export function renderRadar(box: HTMLElement, r: Radar | null, weeks: readonly string[], onWeek: (week: string) => void, pane: RadarPane = "a"): void {
  const p = PANES[pane];
  keep(p.chart, null);
  box.dataset.week = r?.week ?? "";
  const id = `taste-${p.picker}`;
  const options = [...new Set(r ? [...weeks, r.week] : weeks)].sort().map((w) => el("option", { value: w, selected: w === r?.week }, w));
  const picker = el("select", { id, "data-testid": p.picker },
    ...(pane === "b" ? [el("option", { value: "", selected: !r }, "none")] : []), ...options);
  picker.addEventListener("change", () => onWeek(picker.value));
  const pick = el("p", { class: "radar-pick" }, el("label", { for: id }, `${p.label} `), picker);
  if (!r) {
    box.replaceChildren(el("h3", { "data-testid": p.title }, "Second week"), pick, empty("Pick a second week to compare with the first."));
    return;
  }
  const unit = r.axes.filter((a) => a.unit !== "BPM");
  const table = el("table", { class: "radar-table" },
    el("thead", {}, el("tr", {}, ...["axis", r.week, "baseline", "delta", "z"].map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, ...r.axes.map((a) => el("tr", { "data-axis": a.axis },
      el("th", { scope: "row" }, a.axis), el("td", {}, formatValue(a.value, a.unit)), el("td", {}, formatValue(a.baseline, a.unit)),
      el("td", {}, a.delta === null ? "–" : (a.delta >= 0 ? "+" : "") + a.delta.toFixed(a.unit === "BPM" ? 1 : 2)),
      el("td", {}, a.z === null ? "–" : a.z.toFixed(2))))));
  const head = el("h3", { "data-testid": p.title }, `Week ${r.week} against ${r.baselineFrom} – ${r.baselineTo}`);
  if (unit.length < 3) {
    box.replaceChildren(head, pick, empty("Too few 0–1 axes for a radar."), table);
    return;
  }
  const canvas = el("canvas", { role: "img", "aria-label": `${r.week} against the baseline: ` + unit.map((a) => `${a.axis} ${formatValue(a.value, a.unit)} vs ${formatValue(a.baseline, a.unit)}`).join(", ") });
  box.replaceChildren(head, pick, el("div", { class: "chart-wrap taste-radar" }, canvas), table);
  keep(p.chart, new Chart(canvas, {
    type: "radar",
    data: {
      labels: unit.map((a) => a.axis),
      datasets: [
        { label: r.week, data: unit.map((a) => a.value), fill: true, backgroundColor: p.fill, borderColor: p.colour, pointBackgroundColor: p.colour },
        { label: "baseline (26 weeks before)", data: unit.map((a) => a.baseline), fill: true, backgroundColor: "rgba(59,111,216,0.15)", borderColor: "#3b6fd8", borderDash: [5, 4], pointBackgroundColor: "#3b6fd8" },
      ],
    },
    options: {
      responsive: true, maintainAspectRatio: true, animation: false,
      scales: { r: { min: 0, max: 1, ticks: { stepSize: 0.25, font: { size: 9 } } } },
      plugins: { legend: { position: "bottom", labels: { boxWidth: 12, font: { size: 11 } } } },
    },
  }));
}
