#pragma once
// JSON of `corridor serve` that is not a result (results use the renderers of report.hpp and
// friends, so that API bodies equal the CLI's output): errors, node lookups, the list of
// shipped scenarios, and the reading of a scenario sent by a client (docs/api.md).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/diagnostic.hpp"
#include "model/network.hpp"
#include "model/scenario.hpp"

namespace corridor::io {

/// {"error": {"code", "message", "pointer"}, "errors": [...every error...], "warnings": [...]}:
/// the first error in front, with the same codes and messages as the CLI's diagnostics.
std::string error_json(const std::vector<Diagnostic>& diagnostics);
/// One error that is not about an input value (HTTP-level: not found, busy...).
std::string error_json(std::string_view code, std::string_view message, std::string_view pointer = "");

/// {"search": TEXT, "nodes": [{"id", "name", "country", "kind", "lat", "lon", "status"}, ...]}.
std::string nodes_json(const Network& network, std::string_view search, const std::vector<NodeIndex>& nodes);

/// One endpoint of the API, as GET /api lists it.
struct EndpointInfo {
  std::string method, path, summary;
};
/// {"endpoints": [{"method", "path", "summary"}, ...]}.
std::string endpoints_json(const std::vector<EndpointInfo>& endpoints);

/// A shipped scenario file for the teaching view: its file name and text.
struct ScenarioFile {
  std::string file;
  std::string text;
};
/// {"scenarios": [{"file", "name", "description", "scenario": {...the file's JSON...}}]}; files
/// that are not JSON objects are left out.
std::string scenario_files_json(const std::vector<ScenarioFile>& files);

/// A scenario sent in a request body, for the server's loaded network (`network_path`, used
/// only as the scenario's network name: nothing is opened). Refused at once (an InputError): a
/// `network` key (E-SCENARIO-NETWORK: the server never opens a file a client names) and a
/// query's `demand_csv` (E-QUERY: the demand must be inline). Everything else `corridor run`
/// refuses is left in `sink`, with what was read, for the later stages to add their problems to
/// (solve::report_later_stages).
Scenario parse_request_scenario(const std::string& text, const std::string& network_path, DiagnosticSink& sink);

}  // namespace corridor::io
