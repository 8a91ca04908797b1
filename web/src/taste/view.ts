// The taste dashboard: a listener picker (the listeners /api/me offers in a select, defaulting to the first; a
// free-text name in single-user mode or when none is offered) and, for the listener, the trajectory (a week's tracks
// below it, picked on the chart or from a week list), the radars of two weeks side by side, each against its 26 weeks
// before, the mood streamgraph, the outliers, the 2-D map, an overview card on top and the mixtape card. The listener is kept in the page's query string
// (?listener=ana) so a reload shows the same view; the hash stays the graph's.
import type { Listener } from "../account/types";
import { ApiError, isAbort } from "../api";
import { el, loading } from "../dom";
import { renderMap, type MapColour } from "./map";
import { setupMixtape } from "./mixtape";
import { renderMoods } from "./moods";
import { renderOutliers } from "./outliers";
import { renderOverview } from "./overview";
import { previousWeek, renderRadar } from "./radar";
import { renderTrajectory } from "./trajectory";
import { type MapResponse, tasteApi } from "./types";
import { setupWeekTracks } from "./weektracks";

/** Weeks shown. */
export const TASTE_WEEKS = 12;
const OUTLIERS = 10;
const MAP_POINTS = 500;

/** The listener's message for a failed load: who is unknown or not aggregated, or why the API refused. */
export function tasteMessage(user: string, e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 404) return `No taste dashboard for '${user}': ${e.problem.detail ?? "not found"}`;
    if (e.status === 401) return "Sign in to see your taste dashboard.";
    if (e.status === 403) return `Not allowed to see the taste dashboard of '${user}': ${e.problem.detail ?? "forbidden"}`;
    if (e.status === 400) return `'${user}': ${Object.values(e.problem.errors ?? {}).flat().join(" ") || e.problem.detail || "bad request"}`;
    return `Could not load the taste dashboard (${e.status}): ${e.problem.detail ?? e.message}`;
  }
  return `Could not load the taste dashboard: ${e instanceof Error ? e.message : String(e)}`;
}

/** The view's hook for /api/me: `setListeners` offers the caller's listeners (and picks the first when the URL names
 * none); `freeText` keeps the typed picker beside them (single-user mode). */
export interface TasteView { setListeners(listeners: readonly Listener[], freeText: boolean): void }

export function setupTasteView(root: HTMLElement): TasteView {
  const input = el("input", { id: "taste-user", "data-testid": "taste-user", type: "text", maxlength: 200, autocomplete: "off", spellcheck: "false", placeholder: "listener name, key or user:ID" });
  const select = el("select", { id: "taste-listener", "data-testid": "taste-listener" });
  const selectLabel = el("label", { for: "taste-listener" }, "Your listeners");
  const pick = el("span", { class: "taste-pick" }, selectLabel, select);
  pick.hidden = true;
  const typed = el("span", { class: "taste-pick" }, el("label", { for: "taste-user" }, "Listener"), input,
    el("button", { type: "submit", "data-testid": "taste-show" }, "Show taste"));
  const form = el("form", { class: "taste-picker", "data-testid": "taste-picker" }, pick, typed);
  const message = el("p", { class: "taste-message", "data-testid": "taste-message", role: "status", "aria-live": "polite" },
    "Give a listener's name to see their taste over time.");
  const boxes = {
    overview: el("section", { class: "taste-card wide", "data-testid": "taste-overview", "aria-label": "Overview" }),
    trajectory: el("div", { class: "taste-card wide", "data-testid": "taste-trajectory" }),
    weekTracks: el("section", { class: "taste-card wide week-tracks", "data-testid": "week-tracks", "aria-label": "Tracks of a week" }),
    radar: el("div", { class: "taste-card", "data-testid": "taste-radar" }),
    radarB: el("div", { class: "taste-card", "data-testid": "taste-radar-b" }),
    moods: el("div", { class: "taste-card", "data-testid": "taste-moods" }),
    outliers: el("div", { class: "taste-card", "data-testid": "taste-outliers" }),
    map: el("div", { class: "taste-card wide", "data-testid": "taste-map" }),
    mixtape: el("section", { class: "taste-card", "data-testid": "taste-mixtape" }),
  };
  const grid = el("div", { class: "taste-grid" }, boxes.overview, boxes.trajectory, boxes.weekTracks,
    boxes.radar, boxes.radarB, boxes.moods, boxes.outliers, boxes.map, boxes.mixtape);
  const mixtape = setupMixtape(boxes.mixtape);
  const weekTracks = setupWeekTracks(boxes.weekTracks);
  grid.hidden = true;
  root.replaceChildren(el("h2", { id: "taste-heading" }, "Taste over time"), form, message, grid);
  root.dataset.state = "idle";

  let token = 0;
  let controller: AbortController | null = null;
  let colour: MapColour = "week";
  let map: MapResponse | null = null;
  let weeks: string[] = [];

  const drawMap = () => { if (map) renderMap(boxes.map, map.map, colour, (c) => { colour = c; drawMap(); }); };

  /** Pane A: `week` (null: the API's default, the last with a play) against its baseline; returns the week shown. */
  async function loadRadar(user: string, week: string | null): Promise<string | null> {
    const mine = token;
    boxes.radar.replaceChildren(loading("radar"));
    try {
      const r = await tasteApi.radar(user, week, controller?.signal);
      if (mine === token) renderRadar(boxes.radar, r.radar, weeks, (w) => void loadRadar(user, w));
      return r.radar.week;
    } catch (e) {
      if (mine === token && !isAbort(e)) boxes.radar.replaceChildren(el("p", { class: "empty failed" }, tasteMessage(user, e)));
      return null;
    }
  }

  /** Pane B: the second week (null or "": none). */
  async function loadRadarB(user: string, week: string | null): Promise<void> {
    const mine = token;
    const onWeek = (w: string) => void loadRadarB(user, w || null);
    if (!week) { renderRadar(boxes.radarB, null, weeks, onWeek, "b"); return; }
    boxes.radarB.replaceChildren(loading(`the radar of ${week}`));
    try {
      const r = await tasteApi.radar(user, week, controller?.signal);
      if (mine === token) renderRadar(boxes.radarB, r.radar, weeks, onWeek, "b");
    } catch (e) {
      if (mine === token && !isAbort(e)) boxes.radarB.replaceChildren(el("p", { class: "empty failed" }, tasteMessage(user, e)));
    }
  }

  async function load(user: string): Promise<void> {
    const mine = ++token;
    controller?.abort();
    controller = new AbortController();
    const signal = controller.signal;
    root.dataset.state = "loading";
    root.dataset.user = user;
    message.replaceChildren(loading(`the taste of ${user}`));
    message.classList.remove("failed");
    grid.hidden = true;
    try {
      const [trajectory, moods, outliers, mapData] = await Promise.all([
        tasteApi.trajectory(user, TASTE_WEEKS, signal),
        tasteApi.moods(user, TASTE_WEEKS, signal),
        tasteApi.outliers(user, OUTLIERS, signal),
        tasteApi.map(user, TASTE_WEEKS, MAP_POINTS, signal),
      ]);
      if (mine !== token) return;
      const who = trajectory.listener;
      message.textContent = `${who.name} (user:${who.id}): the last ${trajectory.trajectory.weeks.length} aggregated weeks, weeks cut in ${trajectory.trajectory.timeZone}.`;
      root.dataset.listener = String(who.id);
      grid.hidden = false;
      weeks = trajectory.trajectory.weeks;
      renderOverview(boxes.overview, trajectory.trajectory);
      mixtape.reset(`user:${who.id}`, weeks);
      weekTracks.reset(weeks, mapData.map);
      renderTrajectory(boxes.trajectory, trajectory.trajectory, (w) => {
        weekTracks.show(w);
        boxes.weekTracks.scrollIntoView({ block: "nearest" });
      });
      renderMoods(boxes.moods, moods.moods);
      renderOutliers(boxes.outliers, outliers);
      map = mapData;
      drawMap();
      const shown = await loadRadar(user, null);
      if (mine === token) await loadRadarB(user, shown ? previousWeek(weeks, shown) : null);
      if (mine === token) root.dataset.state = "ready";
    } catch (e) {
      if (mine !== token || isAbort(e)) return;
      message.textContent = tasteMessage(user, e);
      message.classList.add("failed");
      root.dataset.state = "error";
    }
  }

  /** Shows `user` and keeps it in the query string. */
  function choose(user: string): void {
    const url = new URL(location.href);
    url.searchParams.set("listener", user);
    history.replaceState(history.state, "", url);
    void load(user);
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const user = input.value.trim();
    if (!user) { message.textContent = "Give a listener's name, key or user:ID."; return; }
    select.value = [...select.options].some((o) => o.value === user) ? user : "";
    choose(user);
  });
  select.addEventListener("change", () => { if (select.value) { input.value = select.value; choose(select.value); } });

  const initial = new URLSearchParams(location.search).get("listener")?.trim();
  if (initial) { input.value = initial; void load(initial); }

  return {
    setListeners(listeners, freeText) {
      const current = root.dataset.user ?? "";
      const options = listeners.map((l) => new Option(l.public ? `${l.name} (public)` : l.name, `user:${l.id}`));
      const match = listeners.find((l) => `user:${l.id}` === current || l.name === current);
      select.replaceChildren(...(match || !current ? [] : [new Option("—", "")]), ...options);
      select.value = match ? `user:${match.id}` : current ? "" : options[0]?.value ?? "";
      pick.hidden = listeners.length === 0;
      typed.hidden = listeners.length > 0 && !freeText;
      if (!listeners.length) return;
      message.textContent = root.dataset.state === "idle" ? "Pick one of your listeners to see their taste over time." : message.textContent;
      // No ?listener= given and nothing shown yet: the first listener.
      if (!current && root.dataset.state === "idle") { input.value = select.value; choose(select.value); }
    },
  };
}
