// The search box: debounced /api/search, a results listbox driven by arrow keys / Enter / click.
import { api, isAbort, type SearchResult } from "./api";
import { el, empty, failed, loading } from "./dom";
import type { Selection } from "./state";

const DEBOUNCE_MS = 250;

/** Wires the search input and results list; `onPick` receives the chosen node. */
export function setupSearch(input: HTMLInputElement, list: HTMLElement, onPick: (s: Selection) => void,
                            onError: (e: unknown) => void): void {
  let timer: number | undefined;
  let controller: AbortController | null = null;
  let results: SearchResult[] = [];
  let active = -1;
  let lastQuery = "";

  const close = () => { list.replaceChildren(); list.hidden = true; input.setAttribute("aria-expanded", "false"); active = -1; };

  const setActive = (i: number) => {
    const items = list.querySelectorAll<HTMLElement>("[data-testid=search-result]");
    if (items.length === 0) return;
    active = (i + items.length) % items.length;
    items.forEach((item, n) => item.setAttribute("aria-selected", String(n === active)));
    const current = items[active];
    input.setAttribute("aria-activedescendant", current.id);
    current.scrollIntoView({ block: "nearest" });
  };

  const pick = (r: SearchResult) => { close(); input.value = r.name; onPick({ kind: r.kind, id: r.id }); };

  const render = (query: string) => {
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    if (results.length === 0) { list.replaceChildren(empty(`No results for “${query}”.`)); return; }
    list.replaceChildren(...results.map((r, i) => {
      const item = el("li", {
        id: `search-result-${i}`, role: "option", "aria-selected": "false", class: "search-result",
        "data-testid": "search-result", "data-kind": r.kind, "data-id": r.id,
      }, el("span", { class: `badge kind-${r.kind}` }, r.kind), el("span", { class: "name" }, r.name),
      el("span", { class: "detail" }, r.detail));
      item.addEventListener("mousedown", (e) => e.preventDefault()); // keep focus in the input
      item.addEventListener("click", () => pick(r));
      return item;
    }));
    active = -1;
  };

  const run = async (query: string) => {
    lastQuery = query;
    controller?.abort();
    if (!query) { close(); return; }
    controller = new AbortController();
    list.hidden = false;
    list.replaceChildren(loading("results"));
    try {
      const response = await api.search(query, controller.signal);
      if (query !== lastQuery) return;
      results = response.results;
      render(query);
    } catch (e) {
      if (isAbort(e)) return;
      results = [];
      list.replaceChildren(failed("search results"));
      onError(e);
    }
  };

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void run(input.value.trim()), DEBOUNCE_MS);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown") { e.preventDefault(); if (list.hidden) void run(input.value.trim()); else setActive(active + 1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); setActive(active - 1); }
    else if (e.key === "Escape") close();
    else if (e.key === "Enter") {
      e.preventDefault();
      const query = input.value.trim();
      if (active >= 0 && results[active] && !list.hidden) pick(results[active]);
      else { window.clearTimeout(timer); void run(query); }
    }
  });
  input.addEventListener("blur", () => window.setTimeout(() => { if (document.activeElement !== input) close(); }, 150));
}
