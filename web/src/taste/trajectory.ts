// The trajectory chart: per axis the weekly centroid (solid) and its EMA (dashed), tempo on its own BPM scale, the
// weekly diversity (dotted), and the stored change points as triangles on their axis's line; the tooltip gives the
// momentum. Below it the change points as a list. Clicking the chart picks the week under the pointer (`onWeek`, the
// week drill-down; its week buttons are the keyboard path).
import type { TooltipItem } from "chart.js";
import { el, empty } from "../dom";
import { Chart, keep } from "./charts";
import { axisColour, type ChangePoint, formatValue, type Trajectory } from "./types";

/** Where a change point is drawn: its first shifted week when the window has it, else the week it was flagged. */
export function changeWeek(c: ChangePoint, weeks: readonly string[]): string {
  return weeks.includes(c.startWeek) ? c.startWeek : c.week;
}

export function renderTrajectory(box: HTMLElement, t: Trajectory, onWeek?: (week: string) => void): void {
  keep("trajectory", null);
  box.dataset.weeks = String(t.weeks.length);
  box.dataset.changes = String(t.changes.length);
  if (t.weeks.length === 0 || t.axes.length === 0) {
    box.replaceChildren(el("h3", {}, "Trajectory"), empty("No axis values in these weeks."));
    return;
  }
  const canvas = el("canvas", { role: "img", "aria-label": `Weekly centroids of ${t.axes.map((a) => a.axis).join(", ")} over ${t.weeks.length} weeks, ${t.changes.length} change points` + (onWeek ? "; click a week to list its tracks (or use the week buttons below)" : "") });
  if (onWeek) canvas.classList.add("pickable");
  const changes = el("ul", { class: "changes", "data-testid": "taste-changes" },
    ...t.changes.map((c) => el("li", { "data-testid": "taste-change", "data-axis": c.axis, "data-week": c.week },
      `${c.axis} ${c.direction === "up" ? "▲ up" : "▼ down"} from ${c.startWeek} (flagged ${c.week}, shift ${c.size.toFixed(2)})`)));
  box.replaceChildren(
    el("h3", {}, `Trajectory: ${t.weeks.length} weeks`),
    el("div", { class: "chart-wrap taste-line" }, canvas),
    t.changes.length ? changes : empty("No change point in these weeks."));

  const scaleOf = (unit: string) => (unit === "BPM" ? "bpm" : "y");
  const datasets: object[] = [];
  for (const a of t.axes) {
    const colour = axisColour(a.axis);
    datasets.push({ type: "line", label: a.axis, data: a.centroids, yAxisID: scaleOf(a.unit), borderColor: colour, backgroundColor: colour, spanGaps: false, pointRadius: 2 });
    datasets.push({ type: "line", label: `${a.axis} EMA`, data: a.ema, yAxisID: scaleOf(a.unit), borderColor: colour, borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0 });
  }
  datasets.push({ type: "line", label: "diversity", data: t.diversity, yAxisID: "y", borderColor: "#888", borderDash: [2, 3], borderWidth: 1.5, pointRadius: 0 });
  const markers = t.changes.flatMap((c) => {
    const a = t.axes.find((x) => x.axis === c.axis);
    const i = t.weeks.indexOf(changeWeek(c, t.weeks));
    const y = a && i >= 0 ? a.centroids[i] : null;
    return a && y !== null && y !== undefined ? [{ c, unit: a.unit, x: t.weeks[i]!, y }] : [];
  });
  for (const unit of ["0–1", "BPM"]) {
    const mine = markers.filter((m) => m.unit === unit);
    if (!mine.length) continue;
    datasets.push({
      type: "line", label: unit === "BPM" ? "change points (BPM)" : "change points", data: mine.map((m) => ({ x: m.x, y: m.y })),
      yAxisID: scaleOf(unit), showLine: false, pointStyle: "triangle", pointRadius: 9, pointHoverRadius: 11,
      borderColor: "#111", backgroundColor: "#ffcc00", borderWidth: 1.5,
    });
  }
  box.dataset.markers = String(markers.length);
  const hasBpm = t.axes.some((a) => a.unit === "BPM");

  const chart = new Chart(canvas, {
    type: "line",
    data: { labels: t.weeks, datasets: datasets as never },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      interaction: { mode: "index", intersect: false },
      // The week under the pointer from the category scale (not the hit elements: the markers' data are {x, y}).
      onClick: (event, _elements, c) => {
        const i = event.x === null ? NaN : c.scales.x?.getValueForPixel(event.x);
        const week = i !== undefined && Number.isInteger(i) ? t.weeks[i] : undefined;
        if (week && onWeek) onWeek(week);
      },
      scales: {
        y: { min: 0, max: 1, position: "left", title: { display: true, text: "0–1" } },
        bpm: { display: hasBpm, position: "right", grid: { drawOnChartArea: false }, title: { display: true, text: "BPM" } },
      },
      plugins: {
        legend: { position: "bottom", labels: { boxWidth: 12, font: { size: 11 } } },
        tooltip: {
          callbacks: {
            label: (item: TooltipItem<"line">) => {
              const label = item.dataset.label ?? "";
              const a = t.axes.find((x) => x.axis === label);
              if (!a) return `${label}: ${typeof item.raw === "number" ? item.raw.toFixed(2) : (item.raw as { y?: number })?.y?.toFixed(2) ?? "–"}`;
              const m = a.momentum[item.dataIndex];
              return `${label}: ${formatValue(a.centroids[item.dataIndex], a.unit)} (momentum ${m === null || m === undefined ? "–" : m.toFixed(3)})`;
            },
            footer: (items: TooltipItem<"line">[]) => {
              const i = items[0]?.dataIndex ?? -1;
              const mi = i >= 0 ? t.momentumIndex[i] : null;
              return i >= 0 ? `${t.plays[i]} plays, ${t.minutes[i]!.toFixed(0)} min; momentum index ${mi === null || mi === undefined ? "–" : mi.toFixed(2)}` : "";
            },
          },
        },
      },
    },
  });
  keep("trajectory", chart);
}
