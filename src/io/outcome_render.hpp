#pragma once
// A scenario query's outcome rendered by its result type, as text: for the front ends (the
// command line, the HTTP server) and the scenario outputs, which need not know the result
// types. One renderer per result type stands behind these (io/result_renderers.hpp, private).

#include <string>
#include <string_view>

#include "model/network.hpp"
#include "model/scenario.hpp"

namespace corridor::io {

/// The QueryType of an outcome's result.
QueryType query_type(const QueryOutcome& outcome);

/// The text table of the result's own command.
std::string outcome_table(const Network& network, const QueryOutcome& outcome);
/// The result's JSON object as a document (indented, ending in a line break), as its own
/// command and the HTTP API write it.
std::string outcome_json(const Network& network, const QueryOutcome& outcome);
/// One line for overviews of a capacity analysis (assign, criticality, upgrades, curve); empty
/// for route, flow and reliability results, which overviews word on their own.
std::string outcome_summary(const Network& network, const QueryOutcome& outcome);

}  // namespace corridor::io
