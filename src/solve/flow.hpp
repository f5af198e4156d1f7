#pragma once
// Maximum flow and minimum cut between node sets. Boost.Graph inside; plain types here.

#include "model/network.hpp"
#include "model/query.hpp"

namespace corridor::solve {

/// Maximum flow (tonnes per year) from the query's sources to its sinks, over open
/// links (capacity per direction) and open nodes (throughput capacity, sources and sinks
/// included). Returns the flow on every link, the load of every node and a minimum cut
/// whose capacities sum to the flow. When a path without any finite capacity exists the
/// result is `unbounded`.
FlowResult max_flow(const Network& network, const FlowQuery& query);

}  // namespace corridor::solve
