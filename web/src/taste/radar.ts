// The radar: one week's centroid against the listener's previous 26 weeks (about 6 months) on the 0–1 axes; a table
// gives every axis (tempo in BPM too) with the delta and z-score.
import { el, empty } from "../dom";
import { Chart, keep } from "./charts";
import { formatValue, type Radar } from "./types";

export function renderRadar(box: HTMLElement, r: Radar, weeks: readonly string[], onWeek: (week: string) => void): void {
  keep("radar", null);
  box.dataset.week = r.week;
  const picker = el("select", { "data-testid": "taste-radar-week", "aria-label": "Week shown in the radar" },
    ...[...new Set([...weeks, r.week])].sort().map((w) => el("option", { value: w, selected: w === r.week }, w)));
  picker.addEventListener("change", () => onWeek(picker.value));
  const unit = r.axes.filter((a) => a.unit !== "BPM");
  const table = el("table", { class: "radar-table" },
    el("thead", {}, el("tr", {}, ...["axis", r.week, "baseline", "delta", "z"].map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, ...r.axes.map((a) => el("tr", { "data-axis": a.axis },
      el("th", { scope: "row" }, a.axis), el("td", {}, formatValue(a.value, a.unit)), el("td", {}, formatValue(a.baseline, a.unit)),
      el("td", {}, a.delta === null ? "–" : (a.delta >= 0 ? "+" : "") + a.delta.toFixed(a.unit === "BPM" ? 1 : 2)),
      el("td", {}, a.z === null ? "–" : a.z.toFixed(2))))));
  const head = el("h3", { "data-testid": "taste-radar-title" }, `Week ${r.week} against ${r.baselineFrom} – ${r.baselineTo}`);
  if (unit.length < 3) {
    box.replaceChildren(head, el("label", {}, "Week ", picker), empty("Too few 0–1 axes for a radar."), table);
    return;
  }
  const canvas = el("canvas", { role: "img", "aria-label": `${r.week} against the baseline: ` + unit.map((a) => `${a.axis} ${formatValue(a.value, a.unit)} vs ${formatValue(a.baseline, a.unit)}`).join(", ") });
  box.replaceChildren(head, el("label", {}, "Week ", picker), el("div", { class: "chart-wrap taste-radar" }, canvas), table);
  keep("radar", new Chart(canvas, {
    type: "radar",
    data: {
      labels: unit.map((a) => a.axis),
      datasets: [
        { label: r.week, data: unit.map((a) => a.value), fill: true, backgroundColor: "rgba(224,89,42,0.25)", borderColor: "#e0592a", pointBackgroundColor: "#e0592a" },
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
