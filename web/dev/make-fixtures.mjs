// Writes SYNTHETIC fixtures (dev/fixtures/*.json) shaped like the API contract: a small made-up world of
// artists, tracks and users with deterministic pseudo-random relations. No real data is used.
// Run: npm run fixtures (the output is committed; rerun after changing this script).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const out = join(dirname(fileURLToPath(import.meta.url)), "fixtures");
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const round = (x, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

const artistNames = ["Nova Quill", "The Paper Lanterns", "Mira Sol", "Static Orchard", "Juno & the Tides",
  "Kite Theory", "Velvet Atlas", "Osmo Reyes", "Lumen Drive", "Harbor Saints", "Fern Alder", "Cobalt Choir"];
const artists = artistNames.map((name, i) => ({ kind: "artist", id: 12 + i * 7, name, key: `synthetic:artist:${i + 1}` }));
const trackTitles = ["Glass Rivers", "Night Bus", "Paper Moon Radio", "Slow Fireworks", "Echo Garden", "Northbound",
  "Halcyon Static", "Tin Roof Rain", "Marigold", "Satellite Hearts", "Low Tide Waltz", "Copper Skies"];
const tracks = trackTitles.map((title, i) => {
  const a = artists[i % artists.length];
  return { kind: "track", id: 1 + i, title, name: `${title} — ${a.name}`, key: `synthetic:track:${i + 1}`, artist: a };
});
const users = ["alice", "bob", "carol", "dmitri", "eun", "farah"].map((name, i) => ({ kind: "user", id: 5 + i, name, key: `synthetic:user:${i + 1}` }));
const byKind = { artist: artists, track: tracks, user: users };
const relationKinds = {
  track: [["track_co_playlist", "playlist", "Related by shared playlists"], ["track_tag_overlap", "tag", "Related by shared tags"], ["track_audio_similarity", "track", "Similar audio features"]],
  artist: [["artist_co_playlist", "playlist", "Related by shared playlists"], ["artist_co_listen", "user", "Related by co-listening"], ["artist_tag_overlap", "tag", "Related by shared tags"], ["artist_collaboration", "track", "Collaborations"], ["artist_co_library", "user", "Saved together in libraries"]],
  user: [["user_jaccard", "artist", "Similar listening"], ["user_like_jaccard", "track", "Similar likes"]],
};
const samples = { playlist: ["Road Trip Mix", "Rainy Sundays", "Indie Gems", "Late Night Coding", "Summer 2019"], user: users.map((u) => u.name),
  tag: ["indie", "dream pop", "electronic", "folk", "chill"], track: trackTitles, artist: artistNames };

// relations: relation code -> list of {a, b, weight, count, evidence}
const relations = [];
for (const [kind, list] of Object.entries(byKind))
  for (const [code, evType] of relationKinds[kind])
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        if (rand() > (code === "artist_collaboration" ? 0.1 : 0.22)) continue;
        const weight = code.endsWith("jaccard") || code.includes("similarity") ? round(0.05 + rand() * 0.9) : round(0.02 + rand() * 0.5);
        const count = code === "track_audio_similarity" ? null : 1 + Math.floor(rand() * 400);
        const n = Math.min(count ?? 0, 5);
        const pool = samples[evType];
        const sample = Array.from({ length: n }, (_, s) => pool[(i + j + s) % pool.length]).filter((v, s, arr) => arr.indexOf(v) === s);
        const why = count == null ? `cosine ${weight.toFixed(3)} of audio features` : `${count} shared ${evType === "user" ? "listeners" : evType + "s"}`;
        relations.push({ code, kind, a: list[i], b: list[j], weight, count, why, evidence: count == null ? null : { type: evType, total: count, sample } });
      }

const nid = (n) => `${n.kind}:${n.id}`;
const item = (n, r) => ({ kind: n.kind, id: n.id, name: n.name, score: r.weight, count: r.count, why: r.why });
const subject = (n) => ({ kind: n.kind, id: n.id, name: n.name, key: n.key });
const neighbours = (n, code, k) => relations.filter((r) => r.code === code && (r.a === n || r.b === n))
  .sort((x, y) => y.weight - x.weight).slice(0, k).map((r) => ({ node: r.a === n ? r.b : r.a, r }));

function graph(center, depth, k) {
  const nodes = new Map([[nid(center), { id: nid(center), kind: center.kind, entityId: center.id, name: center.name, depth: 0 }]]);
  let frontier = [center];
  for (let d = 1; d <= depth; d++) {
    const next = [];
    for (const n of frontier)
      for (const [code] of relationKinds[n.kind])
        for (const { node } of neighbours(n, code, k))
          if (!nodes.has(nid(node))) { nodes.set(nid(node), { id: nid(node), kind: node.kind, entityId: node.id, name: node.name, depth: d }); next.push(node); }
    frontier = next;
  }
  const edges = relations.filter((r) => nodes.has(nid(r.a)) && nodes.has(nid(r.b))).map((r) => ({
    id: `${r.code}:${r.a.id}:${r.b.id}`, source: nid(r.a), target: nid(r.b), relation: r.code, weight: r.weight, count: r.count, why: r.why, evidence: r.evidence,
  }));
  if (center.kind === "track") {
    const a = center.artist;
    if (!nodes.has(nid(a))) nodes.set(nid(a), { id: nid(a), kind: "artist", entityId: a.id, name: a.name, depth: 1 });
    edges.push({ id: `credit:${center.id}:${a.id}`, source: nid(center), target: nid(a), relation: "credit", weight: 1, count: 1, why: "primary artist", evidence: null });
  }
  return { center: nid(center), depth, k, truncated: false, nodes: [...nodes.values()], edges };
}

function related(n) {
  return { subject: subject(n), relations: relationKinds[n.kind].map(([code, , title]) => {
    const items = neighbours(n, code, 10).map(({ node, r }) => item(node, r));
    return { relation: code, title, items, emptyNote: items.length ? null : "No stored relation of this kind (synthetic)." };
  }) };
}

function unveil(n) {
  const sections = [{ key: "overview", title: "Overview", facts: [{ name: "key", value: n.key }, { name: "source", value: "synthetic fixture" }], items: [], emptyNote: null }];
  for (const [code, , title] of relationKinds[n.kind]) {
    const items = neighbours(n, code, 5).map(({ node, r }) => item(node, r));
    sections.push({ key: code, title, facts: items.length ? [{ name: "neighbours", value: String(items.length) }] : [], items, emptyNote: items.length ? null : "Nothing found for this relation (synthetic data)." });
  }
  return { subject: subject(n), sections };
}

function track(t, i) {
  const f = i === 3 ? null : { danceability: round(rand()), energy: round(rand()), speechiness: round(rand() * 0.3), acousticness: round(rand()),
    instrumentalness: round(rand() * 0.5), liveness: round(rand() * 0.4), valence: round(rand()), loudnessDb: round(-14 + rand() * 12, 1),
    tempoBpm: round(70 + rand() * 100, 1), key: Math.floor(rand() * 12), mode: rand() > 0.4 ? 1 : 0, timeSignature: 4 };
  return { id: t.id, key: t.key, title: t.title, name: t.name, album: i % 2 ? null : "Synthetic Sessions", durationMs: 150000 + i * 7000,
    genre: null, releaseDate: null, isrc: null, streams: 1000 * (i + 1), playlists: 1 + (i % 4),
    artists: [{ id: t.artist.id, name: t.artist.name, role: "primary" }], tags: [{ name: samples.tag[i % 5], count: 3 }], audioFeatures: f };
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const write = (name, value) => writeFileSync(join(out, name), JSON.stringify(value) + "\n");
const all = [...artists, ...tracks, ...users];
write("search.json", { query: "", results: all.map((n) => ({ kind: n.kind, id: n.id, name: n.name,
  detail: n.kind === "track" ? `${n.key}; ${n.artist.name}` : `${n.key}; synthetic`, score: 70 })) });
for (const n of all) {
  write(`graph-${n.kind}-${n.id}.json`, graph(n, 1, 10));
  write(`graph-${n.kind}-${n.id}-d2.json`, graph(n, 2, 10));
  write(`unveil-${n.kind}-${n.id}.json`, unveil(n));
  write(`related-${n.kind}-${n.id}.json`, related(n));
}
tracks.forEach((t, i) => write(`track-${t.id}.json`, track(t, i)));
console.log(`wrote ${all.length * 4 + tracks.length + 1} synthetic fixtures to ${out}`);
