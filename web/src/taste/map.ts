// The 2-D taste map: the listener's track-weeks projected with UMAP (project.ts; seeded, so deterministic), coloured
// by week or by mood, and the weekly centroids (each week's minute-weighted barycentre on the map, see project.ts)
// joined by arrows, oldest to newest.
import type { Plugin } from "chart.js";
import { el, empty } from "../dom";
import { Chart, keep } from "./charts";
import { MAP_SEED, project, type Projection, weeklyCentres } from "./project";
import { formatValue, MOOD_COLOURS, type TasteMapData, weekColour } from "./types";

export type MapColour = "week" | "mood";

declare global {
  interface Window {
    /** The last drawn map (for the browser tests): positions in input order. */
    sgTasteMap?: { points: [number, number][]; centroids: ([number, number] | null)[]; method: string; seed: number };
  }
}

/** Draws an arrowhead from each centroid to the next on the "centroids" dataset. */
const arrows: Plugin<"scatter"> = {
  id: "sgCentroidArrows",
  afterDatasetsDraw(chart) {
    const index = chart.data.datasets.findIndex((d) => d.label === "weekly centroids");
    if (index < 0) return;
    const meta = chart.getDatasetMeta(index);
    const ctx = chart.ctx;
    ctx.save();
    ctx.strokeStyle = "#111"; ctx.fillStyle = "#111"; ctx.lineWidth = 1.5;
    for (let i = 1; i < meta.data.length; i++) {
      const a = meta.data[i - 1]!, b = meta.data[i]!;
      const dx = b.x - a.x, dy = b.y - a.y, len = Math.hypot(dx, dy);
      if (!(len > 8)) continue;
      const ux = dx / len, uy = dy / len, tipX = b.x - ux * 5, tipY = b.y - uy * 5;
      ctx.beginPath(); ctx.moveTo(a.x + ux * 5, a.y + uy * 5); ctx.lineTo(tipX, tipY); ctx.stroke();
      ctx.beginPath(); ctx.moveTo(tipX, tipY);
      ctx.lineTo(tipX - ux * 8 - uy * 4, tipY - uy * 8 + ux * 4);
      ctx.lineTo(tipX - ux * 8 + uy * 4, tipY - uy * 8 - ux * 4);
      ctx.closePath(); ctx.fill();
    }
    ctx.restore();
  },
};

let last: { data: TasteMapData; projection: Projection; centres: ([number, number] | null)[] } | null = null;

/** Projects and draws `data`; `colour` picks the points' colours. */
export function renderMap(box: HTMLElement, data: TasteMapData, colour: MapColour, onColour: (c: MapColour) => void): void {
  keep("map", null);
  box.dataset.points = "0";
  box.dataset.ready = "false";
  if (data.points.length === 0) {
    box.replaceChildren(el("h3", {}, "Taste map"), empty("No placed track in these weeks."));
    box.dataset.ready = "true";
    window.sgTasteMap = { points: [], centroids: [], method: "none", seed: MAP_SEED };
    return;
  }
  if (last?.data !== data) {
    const projection = project(data.points.map((p) => p.values), data.axes.length);
    const centres = weeklyCentres(projection.points, data.points.map((p) => p.week), data.points.map((p) => p.minutes), data.centroids.map((c) => c.week));
    last = { data, projection, centres };
  }
  const { projection, centres } = last;
  window.sgTasteMap = { points: projection.points, centroids: centres, method: projection.method, seed: MAP_SEED };

  const select = el("select", { "data-testid": "taste-map-colour", "aria-label": "Colour the points by" },
    el("option", { value: "week", selected: colour === "week" }, "week"), el("option", { value: "mood", selected: colour === "mood" }, "mood"));
  select.addEventListener("change", () => onColour(select.value as MapColour));
  const canvas = el("canvas", { role: "img", "aria-label": `Taste map: ${data.points.length} track-weeks projected with UMAP, weekly centroids joined by arrows` });
  const note = data.totalPoints > data.points.length ? ` (the ${data.points.length} with the most minutes of ${data.totalPoints})` : "";
  box.replaceChildren(
    el("h3", {}, `Taste map: ${data.points.length} track-weeks${note}`),
    el("label", {}, "Colour by ", select),
    el("div", { class: "chart-wrap taste-map" }, canvas),
    el("p", { class: "note" }, projection.method === "umap"
      ? `UMAP of ${data.axes.map((a) => a.axis).join(", ")} (standardised), seed ${MAP_SEED}; each diamond is a week's minute-weighted centre on the map, the arrows go from oldest to newest week.`
      : "Too few distinct tracks for UMAP: drawn on the first two standardised axes."));

  const weekIndex = new Map(data.weeks.map((w, i) => [w, i]));
  const colours = data.points.map((p) => colour === "mood"
    ? (p.mood ? MOOD_COLOURS[p.mood] ?? "#888" : "#888")
    : weekColour(weekIndex.get(p.week) ?? 0, data.weeks.length));
  const centroidPoints = centres.flatMap((c, i) => (c ? [{ x: c[0], y: c[1], week: data.centroids[i]!.week, values: data.centroids[i]!.values }] : []));
  keep("map", new Chart(canvas, {
    type: "scatter",
    data: {
      datasets: [
        {
          label: "track-weeks",
          data: projection.points.map(([x, y]) => ({ x, y })),
          pointBackgroundColor: colours, pointBorderColor: colours, pointRadius: data.points.map((p) => 3 + Math.min(5, Math.sqrt(p.minutes))),
        },
        {
          label: "weekly centroids",
          data: centroidPoints.map(({ x, y }) => ({ x, y })),
          pointStyle: "rectRot", pointRadius: 6, pointBackgroundColor: "#fff", pointBorderColor: "#111", pointBorderWidth: 2,
        },
      ],
    },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      scales: { x: { display: false }, y: { display: false } },
      plugins: {
        legend: { position: "bottom", labels: { boxWidth: 12, font: { size: 11 } } },
        tooltip: {
          callbacks: {
            label: (item) => {
              if (item.datasetIndex === 1) {
                const c = centroidPoints[item.dataIndex];
                return c ? `${c.week} centroid: ` + data.axes.map((a, j) => `${a.axis} ${formatValue(c.values[j], a.unit)}`).join(", ") : "";
              }
              const p = data.points[item.dataIndex]!;
              return `${p.title}${p.artist ? ` — ${p.artist}` : ""}: ${p.week}, ${p.minutes.toFixed(1)} min${p.mood ? `, ${p.mood}` : ""}`;
            },
          },
        },
      },
    },
    plugins: [arrows],
  }));
  box.dataset.points = String(projection.points.length);
  box.dataset.centroids = String(centroidPoints.length);
  box.dataset.ready = "true";
}
