// Typed client for the SoundGraph HTTP API (docs: /work/api-contract.md, issue 6). Every call either resolves
// with the contract's JSON or rejects with an ApiError carrying the RFC 9457 problem details.

/** A node kind the API knows. */
export type NodeKind = "track" | "artist" | "user";

/** Relation codes (RelationKind.Code()) plus the graph-only "credit" edge kind. */
export type RelationCode =
  | "track_co_playlist" | "track_tag_overlap" | "track_audio_similarity"
  | "artist_co_playlist" | "artist_co_listen" | "artist_tag_overlap" | "artist_collaboration" | "artist_co_library"
  | "user_jaccard" | "user_like_jaccard"
  | "credit";

export interface SearchResult { kind: NodeKind; id: number; name: string; detail: string; score: number }
export interface SearchResponse { query: string; results: SearchResult[] }

/** A track's audio features; null = unknown (the source did not give it). */
export interface AudioFeatures {
  danceability: number | null; energy: number | null; speechiness: number | null; acousticness: number | null;
  instrumentalness: number | null; liveness: number | null; valence: number | null; loudnessDb: number | null;
  tempoBpm: number | null; key: number | null; mode: number | null; timeSignature: number | null;
}
export interface TagCount { name: string; count: number }
export interface TrackDetail {
  id: number; key: string; title: string; name: string; album: string | null; durationMs: number | null;
  genre: string | null; releaseDate: string | null; isrc: string | null; streams: number | null; playlists: number;
  artists: { id: number; name: string; role: string }[]; tags: TagCount[]; audioFeatures: AudioFeatures | null;
}

export interface Subject { kind: NodeKind; id: number; name: string; key: string }
/** `score` is null for unranked items (a shared label, a user's top artists, friends): the API writes null there. */
export interface UnveilItem { kind: NodeKind; id: number; name: string; score: number | null; count: number | null; why: string }
export interface Fact { name: string; value: string }
export interface UnveilSection { key: string; title: string; facts: Fact[]; items: UnveilItem[]; emptyNote: string | null; isEmpty?: boolean }
export interface UnveilReport { subject: Subject; sections: UnveilSection[] }

export interface RelatedGroup { relation: RelationCode; title: string; items: UnveilItem[]; emptyNote: string | null }
export interface RelatedResponse { subject: Subject; relations: RelatedGroup[] }

export interface GraphNode { id: string; kind: NodeKind; entityId: number; name: string; depth: number }
export interface Evidence { type: string; total: number; sample: string[] }
export interface GraphEdge {
  id: string; source: string; target: string; relation: RelationCode; weight: number; count: number | null;
  why: string; evidence: Evidence | null;
}
export interface GraphResponse {
  center: string; depth: number; k: number; truncated: boolean; nodes: GraphNode[]; edges: GraphEdge[];
}

/** RFC 9457 problem details; `errors` is present on 400 validation problems, keyed by parameter name. */
export interface ProblemDetails {
  type?: string; title?: string; status?: number; detail?: string; errors?: Record<string, string[]>;
}

/** A failed request: an HTTP problem (status > 0) or a network failure (status 0, problem.title explains). */
export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: ProblemDetails) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = "ApiError";
  }
}

/** The antiforgery token every state-changing request carries once `/api/me` has given one (null: none needed). */
export interface Antiforgery { headerName: string; formFieldName: string; token: string }
let antiforgery: Antiforgery | null = null;

/** Sets the antiforgery header for later POST/PUT/DELETE requests (called once `/api/me` is loaded). */
export function setAntiforgery(value: Antiforgery | null): void { antiforgery = value; }

/** Turns a non-2xx answer into ApiError with the problem details (or a stand-in built from the status line). */
async function problemOf(response: Response): Promise<ApiError> {
  let problem: ProblemDetails = { title: response.statusText || `HTTP ${response.status}`, status: response.status };
  try {
    const body = (await response.json()) as ProblemDetails;
    if (body && typeof body === "object") problem = { ...problem, ...body };
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(response.status, problem);
}

/** fetch with the network failure as ApiError(0); an abort stays an AbortError. */
async function request(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { credentials: "same-origin", ...init });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(0, { title: "Network error", detail: `Could not reach the SoundGraph API (${url}).` });
  }
}

/** Reads a response as JSON, turning non-2xx answers into ApiError with the problem details (or a stand-in). */
export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await request(url, { headers: { Accept: "application/json" }, signal });
  if (response.ok) return (await response.json()) as T;
  throw await problemOf(response);
}

/** A state-changing request (POST/PUT/DELETE) with a JSON or multipart body and the antiforgery header; resolves
 * with the JSON answer, or null for an empty one (204). */
export async function sendJson<T>(method: "POST" | "PUT" | "DELETE", url: string, body?: unknown, signal?: AbortSignal): Promise<T | null> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (antiforgery) headers[antiforgery.headerName] = antiforgery.token;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body; // the browser sets the multipart boundary
  else if (body !== undefined) { payload = JSON.stringify(body); headers["Content-Type"] = "application/json"; }
  const response = await request(url, { method, headers, body: payload, signal });
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? (JSON.parse(text) as T) : null;
}

const enc = encodeURIComponent;

export const api = {
  search: (q: string, signal?: AbortSignal, limit = 20) =>
    getJson<SearchResponse>(`/api/search?q=${enc(q)}&limit=${limit}`, signal),
  track: (id: number, signal?: AbortSignal) => getJson<TrackDetail>(`/api/tracks/${id}`, signal),
  unveil: (kind: NodeKind, id: number, signal?: AbortSignal) =>
    getJson<UnveilReport>(`/api/unveil/${kind}/${id}?limit=10`, signal),
  related: (kind: NodeKind, id: number, k = 10, signal?: AbortSignal) =>
    getJson<RelatedResponse>(`/api/related/${kind}/${id}?k=${k}`, signal),
  graph: (kind: NodeKind, id: number, depth: number, k: number, relations: readonly string[] | null, signal?: AbortSignal) =>
    getJson<GraphResponse>(
      `/api/graph/${kind}/${id}?depth=${depth}&k=${k}` + (relations ? `&relation=${enc(relations.join(","))}` : ""),
      signal),
};

/** Whether a rejection came from an AbortController (a newer request replaced it): not an error to show. */
export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === "AbortError";
}
