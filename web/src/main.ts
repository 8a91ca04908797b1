// Page wiring: selection ⇄ URL hash, search, graph, unveil panel, related list, audio features, errors; the account
// bar, settings view and theme toggle, fed by /api/me (which also gives the antiforgery token for later writes).
import { renderAccountBar } from "./account/bar";
import { setupSettings } from "./account/settings";
import { accountApi } from "./account/types";
import { api, ApiError, isAbort, setAntiforgery } from "./api";
import { legendCodes, relationParam, renderLegend } from "./controls";
import { el, failed, loading, problemNodes } from "./dom";
import { hideFeatures, renderFeatures } from "./features";
import { GraphView } from "./graph";
import { renderRelated } from "./related";
import { setupSearch } from "./search";
import { formatHash, K_CHOICES, nodeId, parseHash, type Selection } from "./state";
import { setupTasteView } from "./taste/view";
import { setupTheme } from "./theme";
import { renderUnveil } from "./unveil";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const banner = $("error-banner");
const unveilPanel = $("unveil-panel");
const relatedList = $("related-list");
const featuresBox = $("features-chart");
const graphLoading = $("graph-loading");
const depthSelect = $<HTMLSelectElement>("depth");
const kSelect = $<HTMLSelectElement>("k");
const legend = $("legend");
const expandButton = $<HTMLButtonElement>("expand-selected");
const searchInput = $<HTMLInputElement>("search-input");
const START_GRAPH = "No node selected: search for a track, artist or user.";
const START_PANEL = "Search for a track, artist or user, then pick a result.";

let selected: Selection | null = null;
let center: Selection | null = null;
let depth: 1 | 2 = 1;
let k = 10;
const hidden = new Set<string>();
let panelToken = 0;
let graphToken = 0;

const same = (a: Selection | null, b: Selection | null) => !!a && !!b && a.kind === b.kind && a.id === b.id;

/** Shows a failure in the page's single error banner (Escape or its button closes it). */
function showError(error: unknown, context: string): void {
  if (isAbort(error)) return;
  const close = document.createElement("button");
  close.type = "button"; close.className = "close"; close.textContent = "×"; close.setAttribute("aria-label", "Dismiss error");
  close.addEventListener("click", hideError);
  banner.replaceChildren(close, ...problemNodes(error, context));
  banner.dataset.status = error instanceof ApiError ? String(error.status) : "";
  banner.hidden = false;
}
function hideError(): void { banner.hidden = true; banner.replaceChildren(); }

const graph = new GraphView($("graph"), $("graph-status"), {
  onSelect: (s) => select(s, false),
  onExpand: (s) => void expand(s),
});

/** Renders the legend for the relations `shown` (default: those in the graph). Called before a graph is laid out, so
 * the layout fits the graph box at its final height. */
function updateLegend(shown: readonly string[] = graph.relationsShown()): void {
  renderLegend(legend, legendCodes(center?.kind ?? null, shown), hidden, (code, shown) => {
    if (shown) hidden.delete(code); else hidden.add(code);
    graph.setHidden(hidden);
    if (center && legendCodes(center.kind, []).includes(code) && code !== "credit") void loadGraph(center);
  });
}

function setGraphLoading(on: boolean, what = "graph"): void {
  graphLoading.replaceChildren(...(on ? [loading(what)] : []));
}

/** Loads a fresh graph around `s`. */
async function loadGraph(s: Selection): Promise<void> {
  const token = ++graphToken;
  center = s;
  document.body.dataset.graphReady = "false";
  setGraphLoading(true);
  try {
    const g = await api.graph(s.kind, s.id, depth, k, relationParam(s.kind, hidden));
    if (token !== graphToken) return;
    updateLegend(g.edges.map((e) => e.relation));
    graph.setHidden(hidden);
    graph.show(g, selected);
  } catch (e) {
    if (token !== graphToken) return;
    graph.clear("Graph not available.");
    if (!isAbort(e)) { center = null; expandButton.disabled = true; }
    document.body.dataset.graphReady = "true";
    showError(e, "Graph");
  } finally {
    if (token === graphToken) setGraphLoading(false);
  }
}

/** Merges the depth-1 neighbourhood of `s` into the graph and selects it. */
async function expand(s: Selection): Promise<void> {
  if (!center) { select(s, true); return; }
  const token = ++graphToken;
  setGraphLoading(true, "neighbourhood");
  if (!same(selected, s)) select(s, false, false);
  try {
    const g = await api.graph(s.kind, s.id, 1, k, relationParam(s.kind, hidden));
    if (token !== graphToken) return;
    updateLegend([...graph.relationsShown(), ...g.edges.map((e) => e.relation)]);
    graph.merge(g, selected);
  } catch (e) {
    if (token === graphToken) showError(e, "Expand");
  } finally {
    if (token === graphToken) setGraphLoading(false);
  }
}

/** Loads the unveil panel, related list and (tracks) audio features of `s`; `focusPanel` moves the keyboard focus to
 * the unveil panel once it shows the new subject (the activated item button is gone by then). */
async function loadPanels(s: Selection, focusPanel = false): Promise<void> {
  const token = ++panelToken;
  const label = `${s.kind} ${s.id}`;
  unveilPanel.hidden = false;
  unveilPanel.dataset.kind = s.kind;
  unveilPanel.dataset.id = String(s.id);
  unveilPanel.replaceChildren(loading(`${label}`));
  relatedList.replaceChildren(loading("related items"));
  if (s.kind === "track") featuresBox.replaceChildren(loading("audio features")); else hideFeatures(featuresBox);
  featuresBox.hidden = s.kind !== "track";
  const fresh = () => token === panelToken;
  // .then(render).catch(…): a failure while rendering (not only a failed request) replaces the spinner and shows.
  const unveil = api.unveil(s.kind, s.id).then((r) => {
    if (fresh()) renderUnveil(unveilPanel, r, pickItem, () => void expand(s));
  }).catch((e: unknown) => { if (fresh()) { unveilPanel.replaceChildren(failed(label)); showError(e, `Unveil ${label}`); } })
    .finally(() => { if (fresh() && focusPanel) unveilPanel.focus(); });
  const related = api.related(s.kind, s.id, 10).then((r) => {
    if (fresh()) renderRelated(relatedList, r, pickItem);
  }).catch((e: unknown) => { if (fresh()) { relatedList.replaceChildren(failed("related items")); showError(e, `Related to ${label}`); } });
  const features = s.kind !== "track" ? Promise.resolve() : api.track(s.id).then((t) => {
    if (fresh()) renderFeatures(featuresBox, t);
  }).catch((e: unknown) => { if (fresh()) { featuresBox.replaceChildren(failed("audio features")); showError(e, `Track ${s.id}`); } });
  await Promise.all([unveil, related, features]);
}

/** An unveil/related item was activated; from the keyboard the focus then goes to the unveil panel. */
function pickItem(s: Selection, viaKeyboard: boolean): void { select(s, false, true, viaKeyboard); }

/** Selects a node: panels, hash, and the graph (re-centred when asked or when the node is not in it). */
function select(s: Selection, recenter: boolean, loadGraphToo = true, focusPanel = false): void {
  hideError();
  selected = s;
  expandButton.disabled = false;
  expandButton.setAttribute("aria-label", `Expand ${nodeId(s)} in the graph`);
  const hash = formatHash(s, depth, k);
  if (location.hash !== hash) history.pushState(null, "", hash);
  if (loadGraphToo && (recenter || !graph.has(s))) void loadGraph(s);
  else graph.pick(s);
  void loadPanels(s, focusPanel);
}

/** Back to the start state: no selection, an empty graph, the panels' start notes, no error. */
function resetView(): void {
  ++graphToken; ++panelToken;
  selected = null; center = null;
  hideError();
  setGraphLoading(false);
  graph.clear(START_GRAPH);
  updateLegend();
  document.body.dataset.graphReady = "true";
  expandButton.disabled = true;
  expandButton.removeAttribute("aria-label");
  unveilPanel.hidden = false;
  delete unveilPanel.dataset.kind; delete unveilPanel.dataset.id;
  unveilPanel.replaceChildren(el("p", { class: "empty" }, START_PANEL));
  delete relatedList.dataset.kind; delete relatedList.dataset.id;
  relatedList.replaceChildren(el("p", { class: "empty" }, "Nothing selected."));
  hideFeatures(featuresBox);
  featuresBox.hidden = true;
}

/** Applies the URL hash (first load, back/forward, a pasted link). */
function applyHash(): void {
  // An in-page anchor (#related-heading) is navigation, not a selection.
  if (/^#[A-Za-z][\w-]*$/.test(location.hash) && document.getElementById(location.hash.slice(1))) return;
  const parsed = parseHash(location.hash);
  const controlsChanged = parsed.depth !== depth || parsed.k !== k;
  depth = parsed.depth; k = parsed.k;
  depthSelect.value = String(depth); kSelect.value = String(k);
  if (!parsed.selection) {
    // An empty hash (Back to the start page) or one that names no node: the start state, with the hash dropped.
    if (location.hash) history.replaceState(null, "", location.pathname + location.search);
    resetView();
    return;
  }
  // Out-of-range values fell back to the defaults: show the hash that was applied (no extra history entry).
  const canonical = formatHash(parsed.selection, depth, k);
  if (location.hash !== canonical) history.replaceState(null, "", canonical);
  if (same(parsed.selection, selected) && !controlsChanged) return;
  select(parsed.selection, controlsChanged || !center);
}

// Controls
kSelect.replaceChildren(...K_CHOICES.map((n) => new Option(String(n), String(n), n === 10, n === 10)));
depthSelect.addEventListener("change", () => { depth = depthSelect.value === "2" ? 2 : 1; reloadFromControls(); });
kSelect.addEventListener("change", () => { k = Number(kSelect.value); reloadFromControls(); });
function reloadFromControls(): void {
  if (selected) history.replaceState(null, "", formatHash(selected, depth, k));
  if (center) void loadGraph(center);
}
expandButton.addEventListener("click", () => { if (selected) void expand(selected); });
$("fit-graph").addEventListener("click", () => graph.fit());
// The skip link moves the focus without touching the hash (which holds the selection).
$("skip-link").addEventListener("click", (e) => { e.preventDefault(); $("related-heading").focus(); });

setupSearch(searchInput, $("search-results"), (s) => select(s, true), (e) => showError(e, "Search"));
// Editing the query makes an earlier error stale.
searchInput.addEventListener("input", () => { if (!banner.hidden) hideError(); });

document.addEventListener("keydown", (e) => {
  if (e.key !== "Escape" || e.defaultPrevented) return;
  if (settings.isOpen()) { settings.close(); return; }
  const tooltip = document.getElementById("edge-tooltip");
  if (tooltip && !tooltip.hidden) { graph.hideTooltip(); return; }
  if (!banner.hidden) { hideError(); return; }
  if ((e.target as HTMLElement | null)?.id === "search-input") return;
  if (!unveilPanel.hidden && unveilPanel.childElementCount > 0) { unveilPanel.hidden = true; graph.pick(null); }
});
window.addEventListener("popstate", applyHash);
window.addEventListener("hashchange", applyHash);

graph.clear(START_GRAPH);
updateLegend();
const taste = setupTasteView($("taste-view"));
applyHash();
if (!selected) document.body.dataset.graphReady = "true";

// Account: theme toggle, the account bar, the settings view (?view=settings) and the taste view's listeners.
const accountBar = $("account-bar");
$("topbar-tools").prepend(setupTheme());
const settings = setupSettings($("settings-view"), (open) => {
  if (open) return;
  // The graph's box was hidden: let cytoscape measure it again; give the focus back to the Settings button.
  window.dispatchEvent(new Event("resize"));
  const focused = document.activeElement;
  if (!focused || focused === document.body || $("settings-view").contains(focused))
    accountBar.querySelector<HTMLElement>("[data-testid=open-settings]")?.focus();
}, () => void loadMe());
const toggleSettings = () => { if (settings.isOpen()) settings.close(); else settings.open(); };

/** Loads who is asking: the antiforgery token for writes, the account bar, the settings and the taste listeners. */
async function loadMe(): Promise<void> {
  try {
    const me = await accountApi.me();
    setAntiforgery(me.antiforgery);
    renderAccountBar(accountBar, me, toggleSettings);
    settings.setMe(me);
    taste.setListeners(me.listeners, me.mode === "single-user");
  } catch (e) {
    setAntiforgery(null);
    renderAccountBar(accountBar, null, toggleSettings);
    settings.setMe(null, e);
  }
}
void loadMe();
