// The mixtape card: a week of the trajectory (default the latest), a length of 60–90 minutes and a format; "Make
// mixtape" posts /api/mixtapes and lists the tracks in running order with each pick's explanation, "Export" downloads
// the returned document (a Blob of its media type), and "Push to ListenBrainz" sends the same request with
// `listenbrainz: true` and links the created playlist. Problems (422 not enough music, 503 not configured, 502
// refused, 400) go to the aria-live status line.
import { ApiError, isAbort } from "../api";
import { el } from "../dom";
import { type MixtapeFormat, type MixtapeRequest, type MixtapeResponse, tasteApi } from "./types";

const FORMATS: readonly MixtapeFormat[] = ["jspf", "xspf", "m3u8"];
export const MIXTAPE_MIN = 60;
export const MIXTAPE_MAX = 90;
export const MIXTAPE_DEFAULT = 75;

/** "mixtape-2021-W07.jspf": the period with anything but letters, digits and '-' as '_'. */
export function mixtapeFileName(period: string, format: string): string {
  return `mixtape-${period.replace(/[^A-Za-z0-9-]+/g, "_")}.${format}`;
}

/** "3:07" / "1:02:05". */
function clock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  const mm = h ? String(m).padStart(2, "0") : String(m);
  return `${h ? `${h}:` : ""}${mm}:${String(r).padStart(2, "0")}`;
}

/** The status line's text for a failed request. */
export function mixtapeProblem(e: unknown, week: string, push: boolean): string {
  if (e instanceof ApiError) {
    const detail = e.problem.detail ?? e.problem.title ?? e.message;
    if (e.status === 422) return push ? `Nothing ListenBrainz can take from ${week}: ${detail}` : `Not enough music in ${week}: ${detail}`;
    if (e.status === 503) return `ListenBrainz is not available: ${detail}`;
    if (e.status === 502) return `ListenBrainz refused the playlist: ${detail}`;
    if (e.status === 400) return `Check the mixtape: ${Object.values(e.problem.errors ?? {}).flat().join(" ") || detail}`;
    if (e.status === 401) return "Sign in to make a mixtape.";
    if (e.status === 0) return detail;
    return `Could not make the mixtape (${e.status}): ${detail}`;
  }
  return `Could not make the mixtape: ${e instanceof Error ? e.message : String(e)}`;
}

export interface MixtapeCard {
  /** Offers `weeks` (default the latest) for listener `user`; clears the last mix. */
  reset(user: string, weeks: readonly string[]): void;
}

export function setupMixtape(box: HTMLElement): MixtapeCard {
  const week = el("select", { id: "mixtape-week", "data-testid": "mixtape-week" });
  const minutes = el("input", {
    id: "mixtape-minutes", "data-testid": "mixtape-minutes", type: "number", min: MIXTAPE_MIN, max: MIXTAPE_MAX, step: 1,
    value: MIXTAPE_DEFAULT, inputmode: "numeric", "aria-describedby": "mixtape-minutes-hint",
  });
  const format = el("select", { id: "mixtape-format", "data-testid": "mixtape-format" },
    ...FORMATS.map((f) => new Option(f.toUpperCase(), f)));
  const make = el("button", { type: "submit", "data-testid": "mixtape-make" }, "Make mixtape");
  const push = el("button", { type: "button", "data-testid": "mixtape-push" }, "Push to ListenBrainz");
  const form = el("form", { class: "mixtape-form", "aria-label": "Mixtape" },
    el("span", { class: "mixtape-field" }, el("label", { for: "mixtape-week" }, "Week"), week),
    el("span", { class: "mixtape-field" }, el("label", { for: "mixtape-minutes" }, "Minutes"), minutes,
      el("span", { class: "note", id: "mixtape-minutes-hint" }, `${MIXTAPE_MIN}–${MIXTAPE_MAX}`)),
    el("span", { class: "mixtape-field" }, el("label", { for: "mixtape-format" }, "Format"), format),
    el("span", { class: "mixtape-buttons" }, make, push));
  const status = el("p", { class: "mixtape-status", "data-testid": "mixtape-status", role: "status", "aria-live": "polite" });
  const summary = el("p", { class: "note mixtape-summary" });
  const tracks = el("ol", { class: "mixtape-tracks", "data-testid": "mixtape-tracks", "aria-label": "Tracklist" });
  const exportLink = el("a", { class: "button-link", "data-testid": "mixtape-export" }, "Export");
  const playlist = el("p", { class: "mixtape-playlist" });
  const result = el("div", { class: "mixtape-result" }, summary, tracks, el("p", { class: "mixtape-actions" }, exportLink), playlist);
  result.hidden = true;
  playlist.hidden = true;
  box.replaceChildren(el("h3", { id: "mixtape-title" }, "Mixtape"), form, status, result);
  box.setAttribute("aria-labelledby", "mixtape-title");

  let user = "";
  let blobUrl: string | null = null;
  let controller: AbortController | null = null;

  const say = (text: string, state: string) => {
    status.textContent = text;
    status.dataset.state = state;
    status.classList.toggle("failed", state === "failed");
  };
  const busy = (on: boolean) => { make.disabled = on; push.disabled = on; box.setAttribute("aria-busy", String(on)); };
  const clear = () => {
    if (blobUrl) URL.revokeObjectURL(blobUrl);
    blobUrl = null;
    exportLink.removeAttribute("href");
    exportLink.removeAttribute("download");
    tracks.replaceChildren();
    playlist.replaceChildren();
    playlist.hidden = true;
    result.hidden = true;
    delete box.dataset.period;
    delete box.dataset.tracks;
  };

  function show(m: MixtapeResponse): void {
    clear();
    box.dataset.period = m.period;
    box.dataset.tracks = String(m.tracks.length);
    summary.textContent = `${m.period} (${m.from} – ${m.to}, ${m.timeZone}): ${m.totalMinutes.toFixed(1)} min, ${m.tracks.length} tracks. ${m.summary}`;
    tracks.replaceChildren(...m.tracks.map((t) => el("li", { "data-testid": "mixtape-track", "data-track-id": t.trackId, "data-position": t.position },
      el("span", { class: "mixtape-at" }, clock(t.startS)), " ",
      el("span", { class: "name" }, t.title), ` — ${t.creator}`,
      el("span", { class: "note" }, ` (${clock(t.durationS)}${t.durationEstimated ? " est." : ""}${t.camelot ? `, ${t.camelot}` : ""}, ${t.tempoBpm.toFixed(0)} BPM)`),
      el("span", { class: "why" }, t.explanation))));
    blobUrl = URL.createObjectURL(new Blob([m.document], { type: m.mediaType }));
    const name = mixtapeFileName(m.period, m.format);
    exportLink.setAttribute("href", blobUrl);
    exportLink.setAttribute("download", name);
    exportLink.setAttribute("type", m.mediaType);
    exportLink.textContent = `Export ${name}`;
    if (m.listenBrainz) {
      const lb = m.listenBrainz;
      playlist.replaceChildren("On ListenBrainz: ",
        el("a", { href: lb.playlistUrl, target: "_blank", rel: "noopener noreferrer", "data-testid": "mixtape-playlist" }, lb.playlistUrl),
        ` (${lb.tracksSent} tracks${lb.tracksLeftOut ? `, ${lb.tracksLeftOut} left out without a MusicBrainz recording id` : ""})`);
      playlist.hidden = false;
    }
    result.hidden = false;
  }

  async function send(toListenBrainz: boolean): Promise<void> {
    const chosen = week.value;
    const length = minutes.valueAsNumber;
    if (!user || !chosen) { say("Load a listener with aggregated weeks first.", "failed"); return; }
    if (!Number.isFinite(length) || length < MIXTAPE_MIN || length > MIXTAPE_MAX) {
      say(`The length is ${MIXTAPE_MIN} to ${MIXTAPE_MAX} minutes.`, "failed");
      minutes.focus();
      return;
    }
    controller?.abort();
    const mine = (controller = new AbortController());
    const body: MixtapeRequest = { user, week: chosen, minutes: length, format: format.value as MixtapeFormat };
    if (toListenBrainz) body.listenbrainz = true;
    busy(true);
    say(toListenBrainz ? `Creating the ${length}-minute mixtape of ${chosen} on ListenBrainz…` : `Making a ${length}-minute mixtape of ${chosen}…`, "loading");
    try {
      const m = await tasteApi.mixtape(body, mine.signal);
      if (mine !== controller) return;
      show(m);
      say(m.listenBrainz
        ? `Created on ListenBrainz: ${m.tracks.length} tracks, ${m.totalMinutes.toFixed(1)} min.`
        : `Mixtape of ${m.period}: ${m.tracks.length} tracks, ${m.totalMinutes.toFixed(1)} min.`, "done");
    } catch (e) {
      if (mine !== controller || isAbort(e)) return;
      if (!toListenBrainz) clear();
      say(mixtapeProblem(e, chosen, toListenBrainz), "failed");
    } finally {
      if (mine === controller) busy(false);
    }
  }

  form.addEventListener("submit", (e) => { e.preventDefault(); void send(false); });
  push.addEventListener("click", () => void send(true));

  return {
    reset(listener, weeks) {
      controller?.abort();
      controller = null;
      busy(false);
      clear();
      user = listener;
      week.replaceChildren(...weeks.map((w) => new Option(w, w)));
      week.value = weeks[weeks.length - 1] ?? "";
      box.dataset.weeks = String(weeks.length);
      say(weeks.length ? "Pick a week and a length, then make the mixtape." : "No aggregated week to make a mixtape of.", "idle");
    },
  };
}
