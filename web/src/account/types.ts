// The accounts contract (issue 17): who is asking (/api/me), personal API tokens, connected services, background
// jobs (sync, Spotify export import), delete my data; typed calls, and the message for an accounts-only refusal.
import { ApiError, type Antiforgery, getJson, sendJson } from "../api";

export type Mode = "single-user" | "signed-in" | "token" | "anonymous";
export interface Account { id: number; name: string; email: string | null; isAdmin: boolean }
export interface Listener { id: number; name: string; public: boolean }
export interface Me {
  mode: Mode; account: Account | null; listeners: Listener[]; signInUrl: string | null; antiforgery: Antiforgery | null;
}

export type TokenStatus = "active" | "expired" | "revoked";
export interface TokenItem {
  id: number; name: string; prefix: string; scopes: string[]; createdAt: string; expiresAt: string;
  lastUsedAt: string | null; revokedAt: string | null; status: TokenStatus;
}
export interface CreatedToken { token: string; item: TokenItem }

export type ServiceName = "listenbrainz" | "lastfm";
export interface ServiceItem { service: ServiceName; connectedAs: string; hasSecret: boolean; updatedAt: string }

/** A background job as `GET /api/jobs/{id}` shows it (src/SoundGraph.Api/Jobs/JobView.cs): status queued | running |
 * done | failed ("succeeded" is read as done too). */
export interface Job {
  id: string; kind?: string; status: string; subject?: unknown; createdAt?: string; startedAt?: string | null;
  finishedAt?: string | null; progress: string | null; result?: unknown; error: string | null;
  statusUrl?: string; location?: string;
}

export interface DeleteResult { counts: Record<string, number>; total: number }

const enc = encodeURIComponent;
/** The answer a 201/202/200 must have; an empty one is a broken server. */
const must = <T>(v: T | null): T => { if (v === null) throw new ApiError(502, { title: "Empty answer" }); return v; };

export const accountApi = {
  me: (signal?: AbortSignal) => getJson<Me>("/api/me", signal),
  tokens: () => getJson<TokenItem[]>("/api/tokens"),
  createToken: (name: string, write: boolean, days: number) =>
    sendJson<CreatedToken>("POST", "/api/tokens", { name, write, days }).then(must),
  revokeToken: (id: number) => sendJson<null>("DELETE", `/api/tokens/${id}`),
  services: () => getJson<ServiceItem[]>("/api/services"),
  saveService: (service: ServiceName, userName: string, secret: string | null) =>
    sendJson<ServiceItem>("PUT", `/api/services/${service}`, { userName, secret }).then(must),
  removeService: (service: ServiceName) => sendJson<null>("DELETE", `/api/services/${service}`),
  syncListenBrainz: () => sendJson<Job>("POST", "/api/me/sync/listenbrainz").then(must),
  importSpotify: (file: File) => {
    const form = new FormData();
    form.append("file", file, file.name);
    return sendJson<Job>("POST", "/api/import/spotify-export", form).then(must);
  },
  job: (id: string, signal?: AbortSignal) => getJson<Job>(`/api/jobs/${enc(id)}`, signal),
  deleteData: (confirm: string) => sendJson<DeleteResult>("POST", "/api/me/delete-data", { confirm }).then(must),
};

/** The message for a failed accounts call: not signed in (401), no accounts here (404 in single-user mode), or the
 * problem's own words. */
export function accountMessage(what: string, e: unknown, singleUser = false): string {
  if (e instanceof ApiError) {
    if (e.status === 401) return `${what}: sign in first.`;
    if (e.status === 403) return `${what}: not allowed (${e.problem.detail ?? "forbidden"}).`;
    if (e.status === 404 && singleUser) return `${what}: not available in single-user mode (no accounts on this server).`;
    if (e.status === 0) return `${what}: ${e.problem.detail ?? "network error"}`;
    const errors = Object.values(e.problem.errors ?? {}).flat().join(" ");
    return `${what}: ${errors || e.problem.detail || e.problem.title || `HTTP ${e.status}`}`;
  }
  return `${what}: ${e instanceof Error ? e.message : String(e)}`;
}
