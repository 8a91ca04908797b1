// The page state (selection, graph controls, hidden relations) and its URL-hash form `#/artist/12?depth=2&k=25`.
import type { NodeKind } from "./api";

export interface Selection { kind: NodeKind; id: number }

export interface GraphOptions { depth: 1 | 2; k: number; hidden: Set<string> }

export const K_CHOICES = [5, 10, 25, 50] as const;
const KINDS: readonly NodeKind[] = ["track", "artist", "user"];

/** Parses `#/kind/id[?depth=…&k=…]`; null when the hash names no valid node. */
export function parseHash(hash: string): { selection: Selection | null; depth: 1 | 2; k: number } {
  const m = /^#\/(track|artist|user)\/(\d{1,12})(?:\?(.*))?$/.exec(hash);
  const params = new URLSearchParams(m?.[3] ?? "");
  const depth = params.get("depth") === "2" ? 2 : 1;
  const kParam = Number(params.get("k"));
  const k = (K_CHOICES as readonly number[]).includes(kParam) ? kParam : 10;
  if (!m || !KINDS.includes(m[1] as NodeKind)) return { selection: null, depth, k };
  return { selection: { kind: m[1] as NodeKind, id: Number(m[2]) }, depth, k };
}

/** The hash for a selection and controls (defaults left out). */
export function formatHash(selection: Selection, depth: number, k: number): string {
  const params = new URLSearchParams();
  if (depth !== 1) params.set("depth", String(depth));
  if (k !== 10) params.set("k", String(k));
  const q = params.toString();
  return `#/${selection.kind}/${selection.id}` + (q ? `?${q}` : "");
}

/** The API's node id ("kind:id") of a selection, and back. */
export const nodeId = (s: Selection): string => `${s.kind}:${s.id}`;
export function parseNodeId(id: string): Selection | null {
  const m = /^(track|artist|user):(\d+)$/.exec(id);
  return m ? { kind: m[1] as NodeKind, id: Number(m[2]) } : null;
}
