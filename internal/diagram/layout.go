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
// GREEDY may not. The patches are applied to the bundle
// when it is compiled, as the bundle is vendored unmodified but for
// fix-notes.js.
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
