// Chart.js registration for the taste view (line, radar, stacked area, scatter) and a helper to replace a chart.
import {
  CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, RadarController,
  RadialLinearScale, ScatterController, Tooltip,
} from "chart.js";

Chart.register(LineController, ScatterController, RadarController, CategoryScale, LinearScale, RadialLinearScale,
  LineElement, PointElement, Filler, Tooltip, Legend);

declare global {
  interface Window {
    /** The taste view's live charts by name (trajectory, radar, moods, map), for the browser tests. */
    sgTasteCharts?: Record<string, Chart>;
  }
}

const charts: Record<string, Chart> = {};
window.sgTasteCharts = charts;

/** Destroys the chart kept under `key` (if any) and keeps `next` there. */
export function keep(key: string, next: Chart | null): void {
  charts[key]?.destroy();
  if (next) charts[key] = next; else delete charts[key];
}

export { Chart };
