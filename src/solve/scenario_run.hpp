#pragma once
// Running the queries of a scenario on its (already changed) network.

#include <vector>

#include "model/diagnostic.hpp"
#include "model/scenario.hpp"

namespace corridor::solve {

/// Resolves every query (reporting unknown ids to `sink` with the query's pointer) and,
/// when all resolve, answers them in order. Returns an empty list if any query is bad.
std::vector<QueryOutcome> run_queries(const Network& network, const Scenario& scenario, DiagnosticSink& sink);

/// Every problem of a scenario in one run: called when reading it found errors (in `sink`), it
/// applies to `base` the changes and resolves the queries that were read without errors, so that an
/// unknown id or a value out of range in them is reported now and not after the first errors are
/// fixed. Nothing that has an error of its own is taken further (no follow-on noise), except a
/// set_link, set_node or set_resource whose errors all lie in its values: it is applied without
/// the fields that have them, so that its other values are still checked. Solves nothing.
void report_later_stages(const Network& base, Scenario scenario, DiagnosticSink& sink);

/// True when every outcome found something (a route, or a positive flow).
bool all_answered(const std::vector<QueryOutcome>& outcomes);

}  // namespace corridor::solve
