// The trajectory's drill-down: a week's tracks (from the map answer's points of that week: title, artist, plays,
// minutes, mood), most minutes first. A week is picked by clicking it on the trajectory chart (the mouse path) or with
// the card's week buttons (the keyboard path: Tab to a week, Enter or Space).
import { el, empty } from "../dom";
import type { MapPoint, TasteMapData } from "./types";

export interface WeekTracks {
  /** A new listener: their trajectory's weeks and map answer; no week shown yet. */
  reset(weeks: readonly string[], map: TasteMapData): void;
  /** Lists `week`'s tracks (a week outside the trajectory's is ignored). */
  show(week: string): void;
}

/** Most minutes first; then most plays, title (ordinal), track id. */
export function byMinutes(a: MapPoint, b: MapPoint): number {
  return b.minutes - a.minutes || b.plays - a.plays || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0) || a.trackId - b.trackId;
}

export function setupWeekTracks(box: HTMLElement): WeekTracks {
  let weeks: readonly string[] = [];
  let map: TasteMapData | null = null;
  const buttons = el("ul", { class: "week-buttons", "aria-label": "Weeks" });
  const status = el("p", { class: "week-tracks-status", "data-testid": "week-tracks-status", role: "status", "aria-live": "polite" });
  const body = el("div", {});
  box.replaceChildren(
    el("h3", {}, "Tracks of a week"),
    el("p", { class: "note" }, "Click a week on the trajectory, or pick it here."),
    buttons, status, body);

  function show(week: string): void {
    if (!map || !weeks.includes(week)) return;
    for (const b of buttons.querySelectorAll("button")) b.setAttribute("aria-pressed", String(b.dataset.week === week));
    const points = map.points.filter((p) => p.week === week).sort(byMinutes);
    const minutes = points.reduce((s, p) => s + p.minutes, 0);
    box.dataset.week = week;
    box.dataset.tracks = String(points.length);
    const cut = map.totalPoints > map.points.length ? ` (the map holds ${map.points.length} of ${map.totalPoints} track-weeks)` : "";
    status.textContent = `${week}: ${points.length} ${points.length === 1 ? "track" : "tracks"}, ${minutes.toFixed(0)} min${cut}.`;
    if (!points.length) { body.replaceChildren(empty(`No tracks with axis values in ${week}.`)); return; }
    body.replaceChildren(el("table", { class: "radar-table week-tracks-table", "data-testid": "week-tracks-list" },
      el("caption", { class: "visually-hidden" }, `Tracks of ${week}, most minutes first`),
      el("thead", {}, el("tr", {}, ...["title", "artist", "plays", "min", "mood"].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, ...points.map((p) => el("tr", { "data-testid": "week-track", "data-track-id": p.trackId, "data-plays": p.plays, "data-minutes": p.minutes.toFixed(1) },
        el("th", { scope: "row" }, p.title), el("td", {}, p.artist ?? "–"), el("td", {}, String(p.plays)),
        el("td", {}, p.minutes.toFixed(1)), el("td", {}, p.mood ?? "–"))))));
  }

  return {
    reset(w, m) {
      weeks = w;
      map = m;
      delete box.dataset.week;
      box.dataset.tracks = "0";
      buttons.replaceChildren(...weeks.map((week) => {
        const b = el("button", { type: "button", "data-testid": "week-tracks-week", "data-week": week, "aria-pressed": "false" }, week);
        b.addEventListener("click", () => show(week));
        return el("li", {}, b);
      }));
      status.textContent = weeks.length ? "No week picked." : "No weeks.";
      body.replaceChildren();
    },
    show,
  };
}
