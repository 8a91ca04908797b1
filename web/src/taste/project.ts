// The taste map's projection, DOM-free: standardise the listener's track vectors, fit UMAP (umap-js) with a seeded
// PRNG so a fixed input always gives the same picture, and place each weekly centroid at the minute-weighted
// barycentre of that week's points on the map.
//
// Why not UMAP.transform for the centroids: a centroid is a mean of tracks, usually near none of them, and UMAP places
// such out-of-sample points by their few nearest training points; with a listener's handful of distinct tracks that
// scattered weeks with almost equal centroids across the map (tried on the synthetic test listener). The barycentre
// is honest about what it is — the centre of the week's points as drawn — and moves only when the week's listening does.
import { UMAP } from "umap-js";

/** The map's seed: every load of the same data draws the same map. */
export const MAP_SEED = 20241;

/** mulberry32 (Tommy Ettinger's 32-bit generator): a small, fast, seedable PRNG returning floats in [0, 1). umap-js
 * takes it as its `random`, for the nearest-neighbour search, the initial layout and the epochs' negative samples,
 * so its output depends only on the input and the seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Projection {
  /** One [x, y] per input point, in order. */
  points: [number, number][];
  /** "umap" or, with fewer than MIN_UMAP distinct vectors, "axes" (the first two standardised axes). */
  method: "umap" | "axes";
}

/** Fewer distinct vectors than this are drawn on their first two standardised axes instead of through UMAP. */
export const MIN_UMAP = 4;

/** Per axis the mean and sd of the points' values (nulls left out; sd 0 counts as 1). */
function scaler(vectors: (number | null)[][], dims: number): { mean: number[]; sd: number[] } {
  const mean: number[] = [], sd: number[] = [];
  for (let j = 0; j < dims; j++) {
    const xs = vectors.map((v) => v[j]).filter((x): x is number => x !== null && x !== undefined);
    const m = xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0;
    const s = xs.length ? Math.sqrt(xs.reduce((acc, x) => acc + (x - m) * (x - m), 0) / xs.length) : 0;
    mean.push(m); sd.push(s > 0 ? s : 1);
  }
  return { mean, sd };
}

/** z-scores per axis (tempo is in BPM, so unscaled it would drown the 0–1 axes); a missing value becomes 0 (the mean). */
export function standardise(vectors: (number | null)[][], dims: number, scale = scaler(vectors, dims)): number[][] {
  return vectors.map((v) => Array.from({ length: dims }, (_, j) => {
    const x = v[j];
    return x === null || x === undefined ? 0 : (x - scale.mean[j]!) / scale.sd[j]!;
  }));
}

/** Projects `points` to 2-D. Identical vectors (a track played in several weeks) are fitted once and share one
 * position. */
export function project(points: (number | null)[][], dims: number, seed = MAP_SEED): Projection {
  const z = standardise(points, dims);
  const keys = z.map((v) => v.map((x) => x.toFixed(9)).join(","));
  const unique = new Map<string, number>();
  const distinct: number[][] = [];
  keys.forEach((k, i) => { if (!unique.has(k)) { unique.set(k, distinct.length); distinct.push(z[i]!); } });

  if (distinct.length < MIN_UMAP || dims < 2) {
    const at = (v: number[]): [number, number] => [v[0] ?? 0, v[1] ?? 0];
    return { points: z.map(at), method: "axes" };
  }

  const umap = new UMAP({
    nComponents: 2,
    nNeighbors: Math.min(15, distinct.length - 1),
    minDist: 0.1,
    nEpochs: 300,
    random: mulberry32(seed),
  });
  const embedded = umap.fit(distinct);
  return {
    points: keys.map((k) => { const e = embedded[unique.get(k)!]!; return [e[0]!, e[1]!]; }),
    method: "umap",
  };
}

/** Per week of `weeks`, the minute-weighted barycentre of its points' positions; null for a week without points. */
export function weeklyCentres(positions: readonly [number, number][], pointWeeks: readonly string[], minutes: readonly number[], weeks: readonly string[]): ([number, number] | null)[] {
  return weeks.map((week) => {
    let w = 0, x = 0, y = 0;
    positions.forEach((p, i) => {
      if (pointWeeks[i] !== week) return;
      const m = minutes[i]! > 0 ? minutes[i]! : 0;
      w += m; x += m * p[0]; y += m * p[1];
    });
    return w > 0 ? [x / w, y / w] : null;
  });
}
