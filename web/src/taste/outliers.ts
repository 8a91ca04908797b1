// The outliers list: the tracks of the last 90 days farthest from that period's centroid, with the axis that makes
// each far.
import { el, empty } from "../dom";
import { formatValue, type OutliersResponse } from "./types";

export function renderOutliers(box: HTMLElement, o: OutliersResponse): void {
  box.dataset.count = String(o.outliers.length);
  if (o.outliers.length === 0) {
    box.replaceChildren(el("h3", {}, "Outliers"), empty(`No outlier in the last ${o.days} days.`));
    return;
  }
  box.replaceChildren(
    el("h3", {}, `Outliers of the last ${o.days} days`),
    el("ol", { class: "outliers" }, ...o.outliers.map((t) => {
      const unit = t.axis === "tempo" ? "BPM" : "0–1";
      return el("li", { "data-testid": "taste-outlier", "data-track-id": t.trackId, "data-axis": t.axis },
        el("span", { class: "name" }, t.name),
        el("span", { class: "why" },
          ` — far on ${t.axis}: ${formatValue(t.value, unit)} vs ${formatValue(t.centre, unit)} (z ${t.z.toFixed(2)}), distance ${t.distance.toFixed(2)}`));
    })));
}
