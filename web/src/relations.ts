// Human names and the fixed colour of each relation code (the graph legend, edge colours, tooltips, lists).
import type { NodeKind, RelationCode } from "./api";

export interface RelationInfo { code: RelationCode; name: string; color: string; nodeKind: NodeKind | null }

/** Fixed palette: one colour per code, distinguishable on white and for the common colour-vision deficiencies. */
export const RELATIONS: readonly RelationInfo[] = [
  { code: "track_co_playlist", name: "Same playlists (tracks)", color: "#1f77b4", nodeKind: "track" },
  { code: "track_tag_overlap", name: "Shared tags (tracks)", color: "#17becf", nodeKind: "track" },
  { code: "track_audio_similarity", name: "Similar audio features", color: "#9467bd", nodeKind: "track" },
  { code: "artist_co_playlist", name: "Same playlists (artists)", color: "#ff7f0e", nodeKind: "artist" },
  { code: "artist_co_listen", name: "Co-listened", color: "#d62728", nodeKind: "artist" },
  { code: "artist_tag_overlap", name: "Shared tags (artists)", color: "#bcbd22", nodeKind: "artist" },
  { code: "artist_collaboration", name: "Collaborations", color: "#2ca02c", nodeKind: "artist" },
  { code: "artist_co_library", name: "Saved together in libraries", color: "#8c564b", nodeKind: "artist" },
  { code: "user_jaccard", name: "Similar listening (users)", color: "#e377c2", nodeKind: "user" },
  { code: "user_like_jaccard", name: "Similar likes (users)", color: "#7f3c8d", nodeKind: "user" },
  { code: "credit", name: "Credited artist", color: "#7f7f7f", nodeKind: null },
];

const byCode = new Map<string, RelationInfo>(RELATIONS.map((r) => [r.code, r]));

/** The info for a code; an unknown code (a newer server) gets its own code as name and a neutral colour. */
export function relationInfo(code: string): RelationInfo {
  return byCode.get(code) ?? { code: code as RelationCode, name: code, color: "#555555", nodeKind: null };
}

/** The stored relation codes between nodes of one kind (what the API's relation parameter accepts for it). */
export function relationsOf(kind: NodeKind): RelationCode[] {
  return RELATIONS.filter((r) => r.nodeKind === kind).map((r) => r.code);
}

/** Node fill colour per kind. */
export const KIND_COLORS: Record<NodeKind, string> = { track: "#3b6fd8", artist: "#e0592a", user: "#2f9e6e" };
