#pragma once
// Running the queries of a scenario on its (already changed) network.

#include <vector>

#include "model/diagnostic.hpp"
#include "model/scenario.hpp"

namespace corridor::solve {

/// Resolves every query (reporting unknown ids to `sink` with the query's pointer) and,
/// when all resolve, answers them in order. Returns an empty list if any query is bad.
std::vector<QueryOutcome> run_queries(const Network& network, const Scenario& scenario, DiagnosticSink& sink);

/// True when every outcome found something (a route, or a positive flow).
bool all_answered(const std::vector<QueryOutcome>& outcomes);

}  // namespace corridor::solve
