// The relation graph (cytoscape): load a neighbourhood, merge ("expand") another, colour by relation, width by
// weight, size by depth/degree, edge tooltips with the evidence, client-side hiding of unchecked relations.
import cytoscape from "cytoscape";
import type { GraphEdge, GraphNode, GraphResponse } from "./api";
import { el } from "./dom";
import { KIND_COLORS, relationInfo } from "./relations";
import { nodeId, parseNodeId, type Selection } from "./state";
import { edgeTooltip } from "./tooltip";

declare global {
  interface Window { sgGraph?: cytoscape.Core }
}

/** Padding (px) around a fitted graph: room for the labels under the bottom nodes. */
const FIT_PADDING = 40;
/** Above this many nodes a depth's ring is split into several rings (one ring of 350 nodes is ~11 000 px wide). */
const BIG_GRAPH = 100;

/** What the view reports back to the page. */
export interface GraphCallbacks {
  onSelect(selection: Selection): void;
  onExpand(selection: Selection): void;
}

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: "node",
    style: {
      "background-color": "data(color)", width: "data(size)", height: "data(size)", label: "data(label)",
      "font-size": 10, "text-valign": "bottom", "text-margin-y": 3, color: "#1b1b1b",
      "text-outline-color": "#ffffff", "text-outline-width": 2, "border-width": 1, "border-color": "#ffffff",
    },
  },
  { selector: "node.center", style: { "border-width": 5, "border-color": "#111111", "font-weight": "bold", "font-size": 12 } },
  { selector: "node.picked", style: { "border-width": 5, "border-color": "#f5b400", "z-index": 10 } },
  {
    selector: "edge",
    style: {
      "line-color": "data(color)", width: "data(width)", "curve-style": "bezier", opacity: 0.75,
      "target-arrow-shape": "none",
    },
  },
  { selector: "edge[relation = 'credit']", style: { "line-style": "dashed" } },
  { selector: "edge.hover", style: { opacity: 1, "z-index": 20, "underlay-color": "#ffd54f", "underlay-opacity": 0.6, "underlay-padding": 3 } },
  { selector: ".hidden", style: { display: "none" } },
];

/** Owns the cytoscape instance (exposed as window.sgGraph) and the graph status line. */
export class GraphView {
  readonly cy: cytoscape.Core;
  private center: string | null = null;
  private truncated = false;
  private hidden = new Set<string>();
  /** Whether the user panned or zoomed since the last layout (then a resize keeps their view instead of refitting). */
  private userMoved = false;
  private readonly tooltip: HTMLElement;

  constructor(private readonly container: HTMLElement, private readonly status: HTMLElement,
              callbacks: GraphCallbacks) {
    this.cy = cytoscape({
      container, style: STYLE, minZoom: 0.02, maxZoom: 1.6, boxSelectionEnabled: false,
      autounselectify: true,
    });
    window.sgGraph = this.cy;
    this.tooltip = el("div", { class: "edge-tooltip", role: "tooltip", id: "edge-tooltip", "data-testid": "edge-tooltip" });
    this.tooltip.hidden = true;
    container.parentElement?.append(this.tooltip);

    this.cy.on("tap", "node", (e) => { const s = parseNodeId(e.target.id()); if (s) callbacks.onSelect(s); });
    this.cy.on("dbltap", "node", (e) => { const s = parseNodeId(e.target.id()); if (s) callbacks.onExpand(s); });
    this.cy.on("mouseover", "edge", (e) => this.showTooltip(e.target as cytoscape.EdgeSingular, e.renderedPosition));
    this.cy.on("tap", "edge", (e) => this.showTooltip(e.target as cytoscape.EdgeSingular, e.renderedPosition));
    this.cy.on("mouseout", "edge", (e) => { (e.target as cytoscape.EdgeSingular).removeClass("hover"); this.hideTooltip(); });
    this.cy.on("tap", (e) => { if (e.target === this.cy) this.hideTooltip(); });
    this.cy.on("pan zoom", () => this.hideTooltip());
    this.cy.on("dragpan scrollzoom pinchzoom", () => { this.userMoved = true; });
    // Cytoscape notices a resized container by itself but keeps the old viewport, which can leave part of a fitted
    // graph outside the box (the legend or a panel changed the height after the layout): refit unless the user moved.
    new ResizeObserver(() => {
      this.cy.resize();
      if (!this.userMoved && this.cy.elements(":visible").nonempty()) this.fit();
    }).observe(container);
  }

  /** Replaces the graph with a fresh neighbourhood and lays it out in rings by depth. */
  show(graph: GraphResponse, picked: Selection | null): void {
    this.hideTooltip();
    this.center = graph.center;
    this.truncated = graph.truncated;
    this.cy.batch(() => {
      this.cy.elements().remove();
      this.cy.add([...graph.nodes.map(nodeElement), ...graph.edges.map(edgeElement)]);
    });
    this.refresh(picked);
    const maxDepth = Math.max(1, ...graph.nodes.map((n) => n.depth));
    const big = graph.nodes.length > BIG_GRAPH;
    const rings = big ? this.packedRings() : null;
    this.runLayout({
      name: "concentric", animate: false, fit: true, padding: FIT_PADDING, minNodeSpacing: big ? 16 : 40, avoidOverlap: true,
      concentric: rings ? (n: cytoscape.NodeSingular) => -(rings.get(n.id()) ?? 0)
        : (n: cytoscape.NodeSingular) => maxDepth + 1 - Number(n.data("depth")),
      levelWidth: () => 1,
    } as cytoscape.LayoutOptions);
  }

  /** Fits the visible graph into the view with room for the labels. */
  fit(): void {
    this.cy.fit(this.cy.elements(":visible"), FIT_PADDING);
  }

  /** For a big graph: a ring number per visible node, depth by depth (by degree within a depth), each ring holding
   * only as many nodes as fit on it without overlap, so the graph stays a compact disc instead of one huge ring per
   * depth. Concentric lays ring r at a radius of about r × (node size + spacing); n nodes fit on it when
   * n ≤ π / asin(1 / 2r). */
  private packedRings(): Map<string, number> {
    const nodes = this.cy.nodes().not(".hidden").nodes().toArray()
      .map((n) => ({ id: n.id(), depth: Number(n.data("depth")), degree: n.connectedEdges().not(".hidden").length }))
      .sort((a, b) => a.depth - b.depth || b.degree - a.degree || a.id.localeCompare(b.id));
    const rings = new Map<string, number>();
    let ring = -1, room = 0, depth = -1;
    for (const n of nodes) {
      if (n.depth !== depth || room === 0) {
        ring++;
        depth = n.depth;
        room = ring === 0 ? 1 : Math.max(1, Math.floor(Math.PI / Math.asin(1 / (2 * ring))));
      }
      rings.set(n.id, ring);
      room--;
    }
    return rings;
  }

  /** Merges another neighbourhood (deduplicated by node and edge id) and re-runs a force layout from the current positions. */
  merge(graph: GraphResponse, picked: Selection | null): number {
    this.hideTooltip();
    const anchor = this.cy.getElementById(graph.center);
    const base = anchor.nonempty() ? Number(anchor.data("depth")) : 0;
    const origin = anchor.nonempty() ? anchor.position() : { x: 0, y: 0 };
    const fresh = graph.nodes.filter((n) => this.cy.getElementById(n.id).empty());
    this.cy.batch(() => {
      for (const n of graph.nodes) {
        const existing = this.cy.getElementById(n.id);
        if (existing.nonempty() && base + n.depth < Number(existing.data("depth"))) existing.data("depth", base + n.depth);
      }
      fresh.forEach((n, i) => {
        const angle = (2 * Math.PI * i) / Math.max(1, fresh.length);
        this.cy.add({ ...nodeElement({ ...n, depth: base + n.depth }), position: { x: origin.x + 120 * Math.cos(angle), y: origin.y + 120 * Math.sin(angle) } });
      });
      for (const e of graph.edges)
        if (this.cy.getElementById(e.id).empty() && this.cy.getElementById(e.source).nonempty() && this.cy.getElementById(e.target).nonempty())
          this.cy.add(edgeElement(e));
    });
    this.truncated ||= graph.truncated;
    this.refresh(picked);
    this.runLayout({ name: "cose", animate: false, randomize: false, fit: true, padding: FIT_PADDING, nodeRepulsion: () => 9000, idealEdgeLength: () => 90 } as cytoscape.LayoutOptions);
    return fresh.length;
  }

  /** Hides edges of the given relation codes (and nodes left without visible edges, the centre excepted). */
  setHidden(hidden: Set<string>): void {
    this.hidden = new Set(hidden);
    this.refresh(null);
  }

  /** Marks the picked node (yellow ring); returns whether it is in the graph. */
  pick(selection: Selection | null): boolean {
    this.cy.nodes(".picked").removeClass("picked");
    if (!selection) return false;
    const node = this.cy.getElementById(nodeId(selection));
    node.addClass("picked");
    return node.nonempty();
  }

  /** Whether the node is currently in the graph. */
  has(selection: Selection): boolean { return this.cy.getElementById(nodeId(selection)).nonempty(); }

  /** The relation codes present in the graph. */
  relationsShown(): string[] {
    return [...new Set(this.cy.edges().map((e) => String(e.data("relation"))))];
  }

  /** Clears the graph (no selection, or an error). */
  clear(message: string): void {
    this.hideTooltip();
    this.cy.elements().remove();
    this.center = null;
    this.status.textContent = message;
  }

  hideTooltip(): void {
    this.tooltip.hidden = true;
    this.cy.edges(".hover").removeClass("hover");
  }

  /** Visibility, widths (weight min–max within each relation among the visible edges), sizes, status line. */
  private refresh(picked: Selection | null): void {
    this.cy.batch(() => {
      this.cy.elements().removeClass("hidden");
      this.cy.edges().filter((e) => this.hidden.has(String(e.data("relation")))).addClass("hidden");
      this.cy.nodes().filter((n) => n.id() !== this.center && n.connectedEdges(":visible").empty() && n.connectedEdges().nonempty())
        .addClass("hidden");
      const visible = this.cy.edges().not(".hidden");
      const range = new Map<string, [number, number]>();
      visible.forEach((e) => {
        const r = String(e.data("relation")); const w = Number(e.data("weight"));
        const [lo, hi] = range.get(r) ?? [w, w];
        range.set(r, [Math.min(lo, w), Math.max(hi, w)]);
      });
      visible.forEach((e) => {
        const [lo, hi] = range.get(String(e.data("relation"))) ?? [0, 0];
        const t = hi > lo ? (Number(e.data("weight")) - lo) / (hi - lo) : 0.5;
        e.data("width", e.data("relation") === "credit" ? 1.5 : 1.5 + 6.5 * t);
      });
      this.cy.nodes().forEach((n) => {
        const depth = Number(n.data("depth"));
        const degree = n.connectedEdges().not(".hidden").length;
        n.data("size", (depth === 0 ? 46 : depth === 1 ? 30 : 22) + Math.min(18, 3 * Math.sqrt(degree)));
        n.toggleClass("center", n.id() === this.center);
      });
    });
    if (picked) this.pick(picked);
    const nodes = this.cy.nodes().not(".hidden").length;
    const edges = this.cy.edges().not(".hidden").length;
    this.status.textContent = `${nodes} node${nodes === 1 ? "" : "s"}, ${edges} edge${edges === 1 ? "" : "s"}` +
      (this.truncated ? " (truncated at the node cap)" : "") + (edges === 0 ? " — no relations" : "");
  }

  private runLayout(options: cytoscape.LayoutOptions): void {
    document.body.dataset.graphReady = "false";
    this.userMoved = false;
    this.cy.resize(); // the container's size now, not the one cytoscape last saw
    const layout = this.cy.elements().not(".hidden").layout(options);
    layout.one("layoutstop", () => {
      // Refit once the labels have been measured (the layout's own fit can leave the bottom labels cut off).
      this.fit();
      document.body.dataset.graphReady = "true";
    });
    layout.run();
  }

  private showTooltip(edge: cytoscape.EdgeSingular, at: cytoscape.Position): void {
    this.cy.edges(".hover").removeClass("hover");
    edge.addClass("hover");
    const source = this.cy.getElementById(edge.data("source")).data("name") as string;
    const target = this.cy.getElementById(edge.data("target")).data("name") as string;
    this.tooltip.replaceChildren(...edgeTooltip(edge.data("edge") as GraphEdge, source, target));
    this.tooltip.hidden = false;
    const box = this.container.getBoundingClientRect();
    const x = Math.min(at.x + 14, box.width - this.tooltip.offsetWidth - 4);
    const y = at.y + 14 + this.tooltip.offsetHeight > box.height ? Math.max(0, at.y - this.tooltip.offsetHeight - 10) : at.y + 14;
    this.tooltip.style.left = `${Math.max(0, x) + this.container.offsetLeft}px`;
    this.tooltip.style.top = `${y + this.container.offsetTop}px`;
  }
}

function nodeElement(n: GraphNode): cytoscape.ElementDefinition {
  const label = n.name.length > 28 ? `${n.name.slice(0, 27)}…` : n.name;
  return { group: "nodes", data: { id: n.id, kind: n.kind, entityId: n.entityId, name: n.name, label, depth: n.depth, color: KIND_COLORS[n.kind], size: 30 } };
}

function edgeElement(e: GraphEdge): cytoscape.ElementDefinition {
  return {
    group: "edges",
    data: { id: e.id, source: e.source, target: e.target, relation: e.relation, weight: e.weight, color: relationInfo(e.relation).color, width: 2, edge: e },
  };
}
