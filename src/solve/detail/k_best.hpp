#pragma once
// Yen's k shortest loopless paths on a query graph (internal to src/solve).

#include <cstddef>
#include <functional>
#include <vector>

#include "solve/detail/route_graph.hpp"

namespace corridor::solve::detail {

/// Yen's algorithm: the k best loopless (simple in the query graph) paths in non-decreasing
/// order of weight; equal weights are ordered by their arc sequence, so the answer is
/// deterministic. `accept` filters paths (overlap); generation stops after `max_generated`.
/// `accept` returns whether a path (in the order found) is kept.
std::vector<Path> k_shortest_paths(const QueryGraph& g, int k, std::size_t max_generated,
                                   const std::function<bool(const Path&)>& accept);

}  // namespace corridor::solve::detail
