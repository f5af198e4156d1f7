#pragma once
// The max flow of capacity analyses over plausible routes (docs/model.md, docs/capacity.md):
// every route counted is no slower than max_detour x the fastest route between its ends; links
// and nodes leave their capacity less background traffic; shared resources bind every element
// that uses them. Solved as a path-based LP (GLPK) by column generation, whose pricing problem
// is a resource-constrained shortest path (rcsp.hpp). Plain types in, plain types out.

#include <cstddef>

#include "model/network.hpp"
#include "model/query.hpp"

namespace corridor::solve {

/// Capacities that get their LP row as soon as a route meets them; beyond these, rows are added
/// as the flow needs them. GLPK's simplex slows with every row: at 10^4 nodes and 3 x 3 rail
/// terminals the routes met 7,083 capacities, and lazy rows took corridor flow from 20.5 s to
/// 8 s CPU (12 s with the first 500 rows eager). Below it (every network of the corridor's size) the LP is built as before, since
/// where the optimum is degenerate its duals, and so the binding elements and upgrade plans,
/// depend on the rows the simplex has (the shipped network's greedy plan changed with lazy rows;
/// its LPs meet at most 2 x 143 link directions + 108 nodes + 2 resources = 396 capacities).
inline constexpr std::size_t kPathFlowEagerRows = 500;

/// The plausible-route max flow of `query` (its max_detour; nullopt = any route): the flow,
/// its routes (largest first, whole tonnes summing to max_flow_tpy), link flows, node and
/// resource loads and the binding constraints with their duals (min_cut lists the binding
/// links and nodes). `unbounded` when an allowed route has no finite capacity at all.
/// `eager_rows` is kPathFlowEagerRows but in tests.
FlowResult plausible_max_flow(const Network& network, const FlowQuery& query,
                              std::size_t eager_rows = kPathFlowEagerRows);

/// The max flow every capacity analysis uses: plausible_max_flow when the query has a detour
/// bound or the network has resources; otherwise the graph max flow of flow.hpp (whose
/// capacities are those less background), which the LP then equals.
FlowResult capacity_max_flow(const Network& network, const FlowQuery& query);

/// Whether a query needs the plausible-route engine (see capacity_max_flow).
bool needs_path_flow(const Network& network, const FlowQuery& query);

}  // namespace corridor::solve
