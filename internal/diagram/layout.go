package diagram

import (
	"fmt"
	"strings"
)

// Mermaid lays a flowchart (and a state diagram) out with dagre, which
// makes a cyclic graph acyclic by reversing the links that a depth-first
// search, from the nodes in the order they are first written and along the
// links in the order they are written, finds going back to a node on its
// path. So the first links written point down (Start --> Check, then
// Check --> Start draws Start at the top). beautiful-mermaid lays out with
// elkjs, whose default cycle breaker (GREEDY) goes by the number of links
// in and out of each node, and among equals at random: it draws that loop
// upside down, Check at the top. Its DEPTH_FIRST breaker starts from the
// nodes without incoming links, which reverses the first link written
// when the loop's entry is written later (Retry --> Work, Work --> Retry,
// Begin --> Work).
//
// layoutPatches make the renderer do dagre's search before elkjs sees the
// graph: elkjs is given the links found going back reversed, so it has no
// cycle to break, and each such link's route is turned back afterwards, so
// that the drawing (arrowheads, bundled links, labels) sees the link as
// written. The search goes from node to node, but elkjs lays a subgraph
// out as one box, which a link to the subgraph and a link out of one of
// its nodes can put in a cycle (A --> S, then C --> A with C in S): that
// one is left to elkjs's depth-first breaker, which keeps A above S where
// GREEDY may not.
//
// After the layout, the renderer moves the nodes elkjs drew a little
// before or after the others of their layer in line with them, and each
// link's ends with them, but not its bends: a node moved towards a bend
// took the link's last bend onto its border, and the arrowhead lay along
// it, sideways. A patch stretches each such link's route along the flow
// instead, its bends moving in proportion to their distance from its ends,
// which keeps its segments straight and in the same order.
//
// Then the renderer bundles the unlabelled links of one style that leave
// a node (or reach one) towards other layers: it redraws them from the
// middle of the node's side, as one trunk that forks, to the middle of the
// sides of the nodes at their other ends. It ignored any other link at
// those sides (a link going back in a loop, a labelled link, a link of
// another style, a second link to the same node), which was then drawn on
// the trunk or under a redrawn end: folioAlone keeps elkjs's routes, whose
// ends never meet, for such a bundle.
//
// A node belongs to a subgraph where it is written, which the patches
// make the renderer read as Mermaid reads it (flowDb's addSubGraph): to
// the first subgraph closed, by its "end", of those whose lines name it,
// so the innermost of nested ones, and the first of two in a row; a node
// named outside any subgraph too is in the subgraph all the same
// (A --> B, then B --> C in S: B and C are in S). The renderer put a node
// in every subgraph that named it with a shape, and in none that named it
// bare after its first line, which left it out of its box.
//
// The renderer writes the nodes into the SVG in the order of the layout
// (those outside subgraphs first) and the links in the order elkjs
// returns them; the patches put both in the order written, which is the
// order of the drawing's texts, and so of its text alternative (see
// Renderer.draw). Nothing of the drawing moves.
//
// The patches are applied to the bundle when it is compiled, as the bundle
// is vendored unmodified but for fix-notes.js.
var layoutPatches = []struct{ old, new string }{
	{
		old: `  function layoutGraphSync(graph, options = {}) {
    const opts = __spreadValues(__spreadValues({}, DEFAULTS2), options);
    const elkGraph = mermaidToElk(graph, opts);`,
		new: `  function folioAcyclic(graph) {
    const out = new Map();
    for (const e of graph.edges) {
      if (e.source === e.target) continue;
      if (!out.has(e.source)) out.set(e.source, []);
      out.get(e.source).push(e);
    }
    const visited = new Set(), onPath = new Set(), reversed = new Set();
    const visit = (v) => {
      if (visited.has(v)) return;
      visited.add(v);
      onPath.add(v);
      for (const e of out.get(v) || []) {
        if (onPath.has(e.target)) reversed.add(e);
        else visit(e.target);
      }
      onPath.delete(v);
    };
    for (const v of graph.nodes.keys()) visit(v);
    for (const e of graph.edges) visit(e.source);
    if (reversed.size === 0) return graph;
    for (const e of reversed) e.folioReversed = true;
    const edges = graph.edges.map((e) => reversed.has(e) ? Object.assign({}, e, { source: e.target, target: e.source }) : e);
    return Object.assign({}, graph, { edges });
  }
  function layoutGraphSync(graph, options = {}) {
    const opts = __spreadValues(__spreadValues({}, DEFAULTS2), options);
    const elkGraph = mermaidToElk(folioAcyclic(graph), opts);`,
	},
	{
		old: `        points: orthogonalPoints,
        labelPosition,
        inlineStyle: resolveEdgeStyle(edgeIndex, graph)`,
		new: `        points: originalEdge.folioReversed ? orthogonalPoints.slice().reverse() : orthogonalPoints,
        labelPosition,
        inlineStyle: resolveEdgeStyle(edgeIndex, graph)`,
	},
	{
		old: `        "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",`,
		new: `        "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
        "elk.layered.cycleBreaking.strategy": "DEPTH_FIRST",`,
	},
	{
		old: `      "elk.padding": "[top=44,left=16,bottom=16,right=16]",`,
		new: `      "elk.padding": "[top=44,left=16,bottom=16,right=16]",
      "elk.layered.cycleBreaking.strategy": "DEPTH_FIRST",`,
	},
	{
		old: `    if (deltas.size === 0) return;
    const nodeMap = new Map(nodes.map((n) => [n.id, n]));
    for (const edge of edges) {
      if (edge.points.length < 2) continue;
      const srcDelta = deltas.get(edge.source);
      const tgtDelta = deltas.get(edge.target);
      if (srcDelta != null) {
        const first = edge.points[0];
        if (isHorizontal) {
          first.x += srcDelta;
          if (edge.points.length > 1 && edge.points[1].x === first.x - srcDelta) {
            edge.points[1].x += srcDelta;
          }
        } else {
          first.y += srcDelta;
          if (edge.points.length > 1 && edge.points[1].y === first.y - srcDelta) {
            edge.points[1].y += srcDelta;
          }
        }
      }
      if (tgtDelta != null) {
        const last = edge.points[edge.points.length - 1];
        if (isHorizontal) {
          last.x += tgtDelta;
          if (edge.points.length > 1) {
            const prev = edge.points[edge.points.length - 2];
            if (prev.x === last.x - tgtDelta) prev.x += tgtDelta;
          }
        } else {
          last.y += tgtDelta;
          if (edge.points.length > 1) {
            const prev = edge.points[edge.points.length - 2];
            if (prev.y === last.y - tgtDelta) prev.y += tgtDelta;
          }
        }
      }
    }
  }`,
		new: `    if (deltas.size === 0) return;
    const axis = isHorizontal ? "x" : "y";
    for (const edge of edges) {
      const ds = deltas.get(edge.source) || 0, dt = deltas.get(edge.target) || 0;
      if (edge.points.length < 2 || ds === 0 && dt === 0) continue;
      const first = edge.points[0], last = edge.points[edge.points.length - 1];
      const a = first[axis], b = last[axis];
      for (const p of edge.points) {
        const t = p === first ? 0 : p === last ? 1 : a === b ? 0.5 : Math.min(1, Math.max(0, (p[axis] - a) / (b - a)));
        p[axis] += ds + (dt - ds) * t;
      }
    }
  }`,
	},
	{
		old: `  function bundleEdgePaths(edges, nodes, groups, direction) {`,
		new: `  function folioAlone(bundle, hub, edges, nodeMap, direction, fanOut) {
    const isH = direction === "LR" || direction === "RL";
    const back = direction === "BT" || direction === "RL";
    const side = (n, out) => {
      const start = isH ? n.x : n.y;
      return out !== back ? start + (isH ? n.width : n.height) : start;
    };
    const ends = new Map([[hub.id, side(hub, fanOut)]]);
    for (const e of bundle) {
      const id = fanOut ? e.target : e.source;
      if (ends.has(id)) return false;
      ends.set(id, side(nodeMap.get(id), !fanOut));
    }
    const meets = (id, p) => ends.has(id) && Math.abs((isH ? p.x : p.y) - ends.get(id)) <= 1;
    for (const e of edges) {
      if (bundle.includes(e) || e.points.length < 2) continue;
      if (meets(e.source, e.points[0]) || meets(e.target, e.points[e.points.length - 1])) return false;
    }
    return true;
  }
  function bundleEdgePaths(edges, nodes, groups, direction) {`,
	},
	{
		old: `      if (forward.length < 2) continue;
      const targets = forward.map((e) => ({ edge: e, node: nodeMap.get(e.target) }));`,
		new: `      if (forward.length < 2 || !folioAlone(forward, source, edges, nodeMap, direction, true)) continue;
      const targets = forward.map((e) => ({ edge: e, node: nodeMap.get(e.target) }));`,
	},
	{
		old: `      if (forward.length < 2) continue;
      const sources = forward.map((e) => ({ edge: e, node: nodeMap.get(e.source) }));`,
		new: `      if (forward.length < 2 || !folioAlone(forward, target, edges, nodeMap, direction, false)) continue;
      const sources = forward.map((e) => ({ edge: e, node: nodeMap.get(e.source) }));`,
	},
	{
		old: `        if (!graph.nodes.has(id)) {
          registerNode(graph, subgraphStack, { id, label: id, shape: "rectangle" });
        }`,
		new: `        if (!graph.nodes.has(id)) {
          registerNode(graph, subgraphStack, { id, label: id, shape: "rectangle" });
        } else {
          trackInSubgraph(subgraphStack, id);
        }`,
	},
	{
		old: `    const subgraphStack = [];
    for (let i = 1; i < lines.length; i++) {`,
		new: `    const subgraphStack = [];
    const folioClaimed = new Set();
    for (let i = 1; i < lines.length; i++) {`,
	},
	{
		old: `      if (line === "end") {
        const completed = subgraphStack.pop();
        if (completed) {`,
		new: `      if (line === "end") {
        const completed = subgraphStack.pop();
        if (completed) {
          completed.nodeIds = completed.nodeIds.filter((id) => !folioClaimed.has(id));
          for (const id of completed.nodeIds) folioClaimed.add(id);`,
	},
	{
		old: `      edges.push({
        source: originalEdge.source,`,
		new: `      edges.push({
        folioIndex: edgeIndex,
        source: originalEdge.source,`,
	},
	{
		old: `    return {
      width,
      height,
      nodes,
      edges,
      groups
    };
  }
  function extractNodesAndGroups(`,
		new: `    const folioWritten = new Map([...graph.nodes.keys()].map((id, i) => [id, i]));
    nodes.sort((a, b) => folioWritten.get(a.id) - folioWritten.get(b.id));
    edges.sort((a, b) => a.folioIndex - b.folioIndex);
    return {
      width,
      height,
      nodes,
      edges,
      groups
    };
  }
  function extractNodesAndGroups(`,
	},
}

// patchLayout applies layoutPatches to the renderer's script. A patch that
// does not find its text once exactly fails, so that an upgrade of the
// bundle cannot drop it silently.
func patchLayout(script string) (string, error) {
	for _, p := range layoutPatches {
		if n := strings.Count(script, p.old); n != 1 {
			return "", fmt.Errorf("patching the diagram renderer: the text to replace is found %d times, not once: %.60q", n, p.old)
		}
		script = strings.Replace(script, p.old, p.new, 1)
	}
	return script, nil
}
