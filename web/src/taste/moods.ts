// The mood streamgraph: per week the shares of the four energy × valence moods as stacked areas (a week with nothing
// placed is a gap at 0).
import { el, empty } from "../dom";
import { Chart, keep } from "./charts";
import { MOOD_COLOURS, type MoodsResponse } from "./types";

export function renderMoods(box: HTMLElement, m: MoodsResponse["moods"]): void {
  keep("moods", null);
  box.dataset.weeks = String(m.weeks.length);
  if (!m.weeks.some((w) => w.placedMinutes > 0)) {
    box.replaceChildren(el("h3", {}, "Moods"), empty("No play with energy and valence in these weeks."));
    return;
  }
  const canvas = el("canvas", { role: "img", "aria-label": "Share of minutes per mood and week: " + m.weeks.map((w) => `${w.week} ${w.dominant ?? "none"}`).join(", ") });
  box.replaceChildren(el("h3", {}, "Moods per week"), el("div", { class: "chart-wrap taste-line" }, canvas));
  keep("moods", new Chart(canvas, {
    type: "line",
    data: {
      labels: m.weeks.map((w) => w.week),
      datasets: m.moods.map((bin, i) => ({
        label: bin.label,
        data: m.weeks.map((w) => w.shares[i]?.share ?? 0),
        fill: i === 0 ? "origin" : "-1",
        stack: "moods",
        cubicInterpolationMode: "monotone" as const,
        pointRadius: 0,
        borderWidth: 1,
        borderColor: MOOD_COLOURS[bin.mood] ?? "#888",
        backgroundColor: (MOOD_COLOURS[bin.mood] ?? "#888") + "b3",
      })),
    },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      interaction: { mode: "index", intersect: false },
      scales: { y: { stacked: true, min: 0, max: 1, title: { display: true, text: "share of placed minutes" } } },
      plugins: {
        legend: { position: "bottom", labels: { boxWidth: 12, font: { size: 11 } } },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${(Number(item.raw) * 100).toFixed(0)}%` } },
      },
    },
  }));
}
