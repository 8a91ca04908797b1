// Dev server: rebuilds the page on change (esbuild watch into dev/.out) and serves it on http://127.0.0.1:5173
// with the API answered from the SYNTHETIC fixtures in dev/fixtures (validation and 404s imitate the contract),
// or proxied to a real `sgr serve` with --api http://127.0.0.1:5000.
// Options: --port N, --api URL, --delay MS (slow every API answer, to see the loading states).
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : fallback; };
const port = Number(opt("port", "5173"));
const apiBase = opt("api", null);
const delay = Number(opt("delay", "0"));
const outdir = join(here, ".out");
const fixtures = join(here, "fixtures");

const watcher = spawn(process.execPath, [join(here, "../build.mjs"), "--outdir", outdir, "--watch"], { stdio: "inherit" });
process.on("exit", () => watcher.kill());
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".map": "application/json", ".txt": "text/plain" };
const KINDS = ["track", "artist", "user"];
const CODES = { track: ["track_co_playlist", "track_tag_overlap", "track_audio_similarity"],
  artist: ["artist_co_playlist", "artist_co_listen", "artist_tag_overlap", "artist_collaboration", "artist_co_library"],
  user: ["user_jaccard", "user_like_jaccard"] };

const send = (res, status, body, type = "application/json") => {
  res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store" });
  res.end(typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body));
};
const problem = (res, status, title, extra) => send(res, status, { type: `https://tools.ietf.org/html/rfc9110#section-15.5.${status === 400 ? 1 : 5}`, title, status, ...extra }, "application/problem+json");
const invalid = (res, param, message) => problem(res, 400, "One or more validation errors occurred.", { errors: { [param]: [message] } });
const fixture = (name) => { const p = join(fixtures, name); return existsSync(p) ? JSON.parse(readFileSync(p, "utf8")) : null; };
const notFound = (res, kind, id) => problem(res, 404, "Not Found", { detail: `No ${kind} with id ${id}.` });

function intParam(res, params, name, min, max, fallback) {
  const raw = params.get(name);
  if (raw === null) return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min || v > max) { invalid(res, name, `${name} must be between ${min} and ${max} (got ${raw}).`); return null; }
  return v;
}

function api(req, res, url) {
  const p = url.searchParams;
  const parts = url.pathname.split("/").filter(Boolean).slice(1); // after "api"
  if (parts[0] === "search") {
    const q = (p.get("q") ?? "").trim();
    if (!q) return invalid(res, "q", "q is required (1–200 characters).");
    const limit = intParam(res, p, "limit", 1, 50, 20); if (limit === null) return;
    const kind = p.get("kind");
    const norm = (s) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
    const results = fixture("search.json").results
      .filter((r) => norm(r.name).includes(norm(q)) && (!kind || r.kind === kind))
      .map((r) => ({ ...r, score: norm(r.name) === norm(q) ? 100 : norm(r.name).startsWith(norm(q)) ? 90 : 75 }))
      .sort((a, b) => b.score - a.score).slice(0, limit);
    return send(res, 200, { query: q, results });
  }
  if (parts[0] === "me" && parts.length === 1) {
    // Single-user mode (loopback, no identity provider): no account, no sign-in, no antiforgery; every listener.
    const listeners = fixture("search.json").results.filter((r) => r.kind === "user").map((r) => ({ id: r.id, name: r.name, public: false }));
    return send(res, 200, { mode: "single-user", account: null, listeners, signInUrl: null, antiforgery: null });
  }
  if (["tokens", "services"].includes(parts[0]) || (parts[0] === "me" && parts[1] === "delete-data"))
    return problem(res, 404, "Not Found", { detail: "Accounts are not enabled in single-user mode." });
  if (parts[0] === "tracks" && parts.length === 2) {
    if (!/^\d+$/.test(parts[1])) return invalid(res, "id", `id must be a number (got ${parts[1]}).`);
    const t = fixture(`track-${parts[1]}.json`);
    return t ? send(res, 200, t) : notFound(res, "track", parts[1]);
  }
  const [what, kind, id] = parts;
  if (!["graph", "unveil", "related"].includes(what) || parts.length !== 3) return problem(res, 404, "Not Found", { detail: `No endpoint ${url.pathname}.` });
  if (!KINDS.includes(kind)) return invalid(res, "kind", `kind must be track, artist or user (got ${kind}).`);
  if (!/^\d+$/.test(id)) return invalid(res, "id", `id must be a number (got ${id}).`);
  const relation = p.get("relation");
  const asked = relation ? relation.split(",").map((s) => s.trim()) : null;
  const bad = asked?.find((c) => !CODES[kind].includes(c));
  if (bad) return invalid(res, "relation", `${bad} is not a relation between ${kind}s.`);
  if (what === "graph") {
    const depth = intParam(res, p, "depth", 1, 2, 1); if (depth === null) return;
    const k = intParam(res, p, "k", 1, 200, 10); if (k === null) return;
    const g = fixture(`graph-${kind}-${id}${depth === 2 ? "-d2" : ""}.json`);
    if (!g) return notFound(res, kind, id);
    let edges = g.edges.filter((e) => !asked || e.relation === "credit" || asked.includes(e.relation) || !CODES[kind].includes(e.relation));
    const linked = new Set([g.center, ...edges.flatMap((e) => [e.source, e.target])]);
    const nodes = g.nodes.filter((n) => linked.has(n.id));
    edges = edges.filter((e) => linked.has(e.source) && linked.has(e.target));
    return send(res, 200, { ...g, depth, k, nodes, edges });
  }
  const limit = intParam(res, p, what === "related" ? "k" : "limit", 1, 200, 10); if (limit === null) return;
  const body = fixture(`${what}-${kind}-${id}.json`);
  if (!body) return notFound(res, kind, id);
  if (what === "related" && asked) body.relations = body.relations.filter((r) => asked.includes(r.relation));
  return send(res, 200, body);
}

function proxy(req, res) {
  const target = new URL(req.url, apiBase);
  const upstream = httpRequest(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (r) => {
    res.writeHead(r.statusCode ?? 502, r.headers); r.pipe(res);
  });
  upstream.on("error", () => problem(res, 502, "Bad Gateway", { detail: `Could not reach ${apiBase}.` }));
  req.pipe(upstream);
}

createServer((req, res) => {
  const url = new URL(req.url, "http://localhost");
  if (url.pathname.startsWith("/api/") || url.pathname === "/health") {
    const answer = () => {
      if (apiBase) return proxy(req, res);
      if (url.pathname === "/health") return send(res, 200, { status: "ok", provider: "fixtures (synthetic)", tracks: 12, artists: 12, users: 6, relations: 0 });
      return api(req, res, url);
    };
    return delay > 0 ? void setTimeout(answer, delay) : void answer();
  }
  const file = normalize(join(outdir, url.pathname === "/" ? "index.html" : url.pathname));
  if (!file.startsWith(outdir) || !existsSync(file)) return send(res, 404, "not found", "text/plain");
  send(res, 200, readFileSync(file), TYPES[extname(file)] ?? "application/octet-stream");
}).listen(port, "127.0.0.1", () => console.log(`SoundGraph dev page: http://127.0.0.1:${port}/ (API: ${apiBase ?? "synthetic fixtures"})`));
