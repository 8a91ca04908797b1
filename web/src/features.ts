// Audio features of a track: a radar chart of the seven 0–1 features plus tempo, loudness, key and mode as text.
import { Chart, Filler, Legend, LineElement, PointElement, RadarController, RadialLinearScale, Tooltip } from "chart.js";
import type { AudioFeatures, TrackDetail } from "./api";
import { el, empty } from "./dom";

Chart.register(RadarController, RadialLinearScale, PointElement, LineElement, Filler, Tooltip, Legend);

const FEATURES = ["danceability", "energy", "speechiness", "acousticness", "instrumentalness", "liveness", "valence"] as const;
const KEYS = ["C", "C♯/D♭", "D", "D♯/E♭", "E", "F", "F♯/G♭", "G", "G♯/A♭", "A", "A♯/B♭", "B"];

let chart: Chart | null = null;

/** "F major", "A minor", or "unknown key" when the key is unknown (null). */
export function keyName(f: AudioFeatures): string {
  const key = f.key !== null && f.key >= 0 && f.key < 12 ? KEYS[f.key] : "unknown key";
  return `${key} ${f.mode === 1 ? "major" : f.mode === 0 ? "minor" : ""}`.trim();
}

/** Shows the track's features in the container, or a "no audio features" note. */
export function renderFeatures(container: HTMLElement, track: TrackDetail): void {
  chart?.destroy();
  chart = null;
  const f = track.audioFeatures;
  if (!f) { container.replaceChildren(el("h2", {}, "Audio features"), empty("No audio features for this track.")); return; }
  // An unknown (null) feature is a gap in the radar and "unknown" in the text.
  const fixed = (v: number | null, digits: number, unit = ""): string => (v === null ? "unknown" : `${v.toFixed(digits)}${unit}`);
  const canvas = el("canvas", { role: "img", "aria-label": FEATURES.map((n) => `${n} ${fixed(f[n], 2)}`).join(", ") });
  const wrap = el("div", { class: "chart-wrap" }, canvas);
  container.replaceChildren(
    el("h2", {}, "Audio features"),
    wrap,
    el("dl", { class: "facts" },
      el("dt", {}, "tempo"), el("dd", {}, fixed(f.tempoBpm, 1, " BPM")),
      el("dt", {}, "loudness"), el("dd", {}, fixed(f.loudnessDb, 1, " dB")),
      el("dt", {}, "key"), el("dd", {}, keyName(f)),
      el("dt", {}, "time signature"), el("dd", {}, f.timeSignature === null ? "unknown" : `${f.timeSignature}/4`)));
  chart = new Chart(canvas, {
    type: "radar",
    data: {
      labels: [...FEATURES],
      datasets: [{ label: track.name, data: FEATURES.map((n) => f[n]), fill: true, backgroundColor: "rgba(59,111,216,0.25)", borderColor: "#3b6fd8", pointBackgroundColor: "#3b6fd8" }],
    },
    options: {
      responsive: true, maintainAspectRatio: true, animation: false,
      // Rings every 0.25 but labels only at 0.5 and 1, small and on a white backdrop, so they do not run into each
      // other or the data points; the tooltip gives each feature's value.
      scales: {
        r: {
          min: 0, max: 1,
          ticks: {
            stepSize: 0.25, font: { size: 9 }, color: "#666666", showLabelBackdrop: true,
            backdropColor: "rgba(255,255,255,0.85)", backdropPadding: 1, z: 1,
            callback: (value) => (value === 0.5 || value === 1 ? Number(value).toFixed(1) : ""),
          },
          pointLabels: { font: { size: 11 } },
        },
      },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (item) => `${String(item.label)}: ${Number(item.raw).toFixed(2)}` } },
      },
    },
  });
}

/** Hides the features block (artists, users, or before a track loads). */
export function hideFeatures(container: HTMLElement): void {
  chart?.destroy();
  chart = null;
  container.replaceChildren();
}
