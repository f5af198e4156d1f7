#pragma once
// The max flow of capacity analyses over plausible routes (docs/model.md, docs/capacity.md):
// every route counted is no slower than max_detour x the fastest route between its ends; links
// and nodes leave their capacity less background traffic; shared resources bind every element
// that uses them. Solved as a path-based LP (GLPK) by column generation, whose pricing problem
// is a resource-constrained shortest path (rcsp.hpp). Plain types in, plain types out.

#include "model/network.hpp"
#include "model/query.hpp"

namespace corridor::solve {

/// The plausible-route max flow of `query` (its max_detour; nullopt = any route): the flow,
/// its routes (largest first, whole tonnes summing to max_flow_tpy), link flows, node and
/// resource loads and the binding constraints with their duals (min_cut lists the binding
/// links and nodes). `unbounded` when an allowed route has no finite capacity at all.
FlowResult plausible_max_flow(const Network& network, const FlowQuery& query);

/// The max flow every capacity analysis uses: plausible_max_flow when the query has a detour
/// bound or the network has resources; otherwise the graph max flow of flow.hpp (whose
/// capacities are those less background), which the LP then equals.
FlowResult capacity_max_flow(const Network& network, const FlowQuery& query);

/// Whether a query needs the plausible-route engine (see capacity_max_flow).
bool needs_path_flow(const Network& network, const FlowQuery& query);

}  // namespace corridor::solve
