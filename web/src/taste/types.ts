// The contract of the personal /api/dashboard/* endpoints (docs/api.md, "Personal endpoints") and their typed calls.
// Loopback only: on any other host the API answers 403, which the taste view shows as its message.
import { getJson, sendJson } from "../api";

export interface Listener { id: number; name: string }

export interface AxisTrajectory { axis: string; unit: string; centroids: (number | null)[]; ema: (number | null)[]; momentum: (number | null)[] }
export interface ChangePoint { axis: string; week: string; startWeek: string; direction: "up" | "down"; size: number }
export interface Trajectory {
  userId: number; timeZone: string; weeks: string[]; plays: number[]; minutes: number[]; coverage: number[];
  momentumIndex: (number | null)[]; axes: AxisTrajectory[]; changes: ChangePoint[]; diversity: (number | null)[];
}
export interface TrajectoryResponse { listener: Listener; window: number; trajectory: Trajectory }

export interface RadarAxis {
  axis: string; unit: string; value: number | null; minutes: number; baseline: number | null; baselineSd: number | null;
  baselineMinutes: number; baselineWeeksWithValue: number; delta: number | null; z: number | null;
}
export interface Radar { userId: number; timeZone: string; week: string; baselineFrom: string; baselineTo: string; axes: RadarAxis[] }
export interface RadarResponse { listener: Listener; baselineWeeks: number; radar: Radar }

export interface MoodBin { mood: string; label: string; energy: string; valence: string }
export interface MoodShare { mood: string; minutes: number; share: number | null }
export interface MoodWeek { week: string; minutes: number; placedMinutes: number; dominant: string | null; shares: MoodShare[] }
export interface MoodsResponse { listener: Listener; window: number; moods: { userId: number; timeZone: string; moods: MoodBin[]; weeks: MoodWeek[] } }

export interface Outlier { trackId: number; name: string; distance: number; axis: string; value: number; centre: number; z: number }
export interface OutliersResponse { listener: Listener; days: number; outliers: Outlier[] }

export interface MapAxis { axis: string; unit: string }
export interface MapPoint {
  trackId: number; title: string; artist: string | null; week: string; plays: number; minutes: number; mood: string | null;
  values: (number | null)[];
}
export interface MapCentroid { week: string; minutes: number; values: (number | null)[] }
export interface TasteMapData {
  userId: number; timeZone: string; weeks: string[]; axes: MapAxis[]; totalPoints: number; unplacedPoints: number;
  points: MapPoint[]; centroids: MapCentroid[];
}
export interface MapResponse { listener: Listener; window: number; map: TasteMapData }

/** `POST /api/mixtapes`'s body (a week; the API also takes from/to, which the page does not offer). */
export type MixtapeFormat = "jspf" | "xspf" | "m3u8";
export interface MixtapeRequest { user: string; week: string; minutes: number; format: MixtapeFormat; listenbrainz?: boolean }
export interface MixtapeTrack {
  position: number; trackId: number; title: string; creator: string; startS: number; durationS: number; durationEstimated: boolean;
  camelot: string | null; tempoBpm: number; explanation: string; mbid: string | null; spotifyUri: string | null;
}
export interface ListenBrainzPlaylist { playlistMbid: string; playlistUrl: string; tracksSent: number; tracksLeftOut: number }
export interface MixtapeResponse {
  listener: Listener; period: string; from: string; to: string; timeZone: string; totalMinutes: number; summary: string;
  tracks: MixtapeTrack[]; format: MixtapeFormat; mediaType: string; document: string; listenBrainz: ListenBrainzPlaylist | null;
}

const enc = encodeURIComponent;

export const tasteApi = {
  trajectory: (user: string, weeks: number, signal?: AbortSignal) =>
    getJson<TrajectoryResponse>(`/api/dashboard/trajectory?user=${enc(user)}&window=${weeks}w`, signal),
  radar: (user: string, week: string | null, signal?: AbortSignal) =>
    getJson<RadarResponse>(`/api/dashboard/radar?user=${enc(user)}` + (week ? `&week=${enc(week)}` : ""), signal),
  moods: (user: string, weeks: number, signal?: AbortSignal) =>
    getJson<MoodsResponse>(`/api/dashboard/moods?user=${enc(user)}&window=${weeks}w`, signal),
  outliers: (user: string, limit: number, signal?: AbortSignal) =>
    getJson<OutliersResponse>(`/api/dashboard/outliers?user=${enc(user)}&limit=${limit}`, signal),
  map: (user: string, weeks: number, limit: number, signal?: AbortSignal) =>
    getJson<MapResponse>(`/api/dashboard/map?user=${enc(user)}&window=${weeks}w&limit=${limit}`, signal),
  /** 200 with the mix; 201 when `listenbrainz` created it there; 422 not enough music, 503/502 ListenBrainz. */
  mixtape: async (body: MixtapeRequest, signal?: AbortSignal) =>
    (await sendJson<MixtapeResponse>("POST", "/api/mixtapes", body, signal))!,
};

/** Fixed colours of the four moods (the moods chart and the map share them). */
export const MOOD_COLOURS: Record<string, string> = {
  happy: "#e0a800", tense: "#d64541", sad: "#3b6fd8", peaceful: "#2e9e6a",
};

/** A colour per week position, oldest blue to newest orange. */
export function weekColour(index: number, count: number): string {
  const t = count > 1 ? index / (count - 1) : 1;
  return `hsl(${Math.round(220 - 190 * t)}, 70%, 48%)`;
}

/** Fixed colours of the axes in the trajectory and radar. */
const AXIS_COLOURS = ["#3b6fd8", "#e0592a", "#2f9e6e", "#8e44ad", "#c0392b", "#16a085", "#d35400", "#7f8c8d", "#2c3e50", "#b7950b"];
const AXIS_ORDER = ["energy", "valence", "danceability", "brightness", "tempo", "rhythmic_complexity", "pumpiness", "texture_density", "stereo_size", "mode_confidence"];
export function axisColour(axis: string): string {
  const i = AXIS_ORDER.indexOf(axis);
  return AXIS_COLOURS[(i < 0 ? AXIS_ORDER.length : i) % AXIS_COLOURS.length]!;
}

/** "0.73" for 0–1 values, "128.4" for BPM. */
export function formatValue(v: number | null | undefined, unit: string): string {
  if (v === null || v === undefined) return "–";
  return unit === "BPM" ? `${v.toFixed(1)} BPM` : v.toFixed(2);
}
