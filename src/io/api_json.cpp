#include "io/api_json.hpp"

#include <nlohmann/json.hpp>

#include "io/json_reader.hpp"
#include "io/scenario_json.hpp"

namespace corridor::io {
namespace {

using nlohmann::json;

/// Request text may hold any bytes: invalid UTF-8 is replaced, never an exception.
std::string dump(const json& value) { return value.dump(2, ' ', false, json::error_handler_t::replace) + "\n"; }

json diagnostic_object(const Diagnostic& d) {
  return json{{"code", d.code}, {"message", d.message}, {"pointer", d.pointer}};
}

}  // namespace

std::string error_json(const std::vector<Diagnostic>& diagnostics) {
  json errors = json::array(), warnings = json::array();
  for (const Diagnostic& d : diagnostics)
    (d.severity == Severity::Error ? errors : warnings).push_back(diagnostic_object(d));
  json out;
  out["error"] = errors.empty() ? json{{"code", "E-QUERY"}, {"message", "bad request"}, {"pointer", ""}} : errors[0];
  out["errors"] = errors;
  out["warnings"] = warnings;
  return dump(out);
}

std::string error_json(std::string_view code, std::string_view message, std::string_view pointer) {
  json error{{"code", code}, {"message", message}, {"pointer", pointer}};
  return dump(json{{"error", error}, {"errors", json::array({error})}, {"warnings", json::array()}});
}

std::string nodes_json(const Network& network, std::string_view search, const std::vector<NodeIndex>& nodes) {
  json list = json::array();
  for (NodeIndex n : nodes) {
    const Node& node = network.nodes[n];
    list.push_back({{"id", node.id},
                    {"name", node.name},
                    {"country", node.country},
                    {"kind", to_string(node.kind)},
                    {"lat", node.lat},
                    {"lon", node.lon},
                    {"status", to_string(node.status)},
                    {"aliases", node.aliases}});
  }
  return dump(json{{"search", search}, {"nodes", list}});
}

std::string endpoints_json(const std::vector<EndpointInfo>& endpoints) {
  json list = json::array();
  for (const EndpointInfo& e : endpoints)
    list.push_back({{"method", e.method}, {"path", e.path}, {"summary", e.summary}});
  return json{{"endpoints", list}}.dump(2) + "\n";
}

std::string scenario_files_json(const std::vector<ScenarioFile>& files) {
  json list = json::array();
  for (const ScenarioFile& file : files) {
    json scenario = json::parse(file.text, nullptr, false);
    if (scenario.is_discarded() || !scenario.is_object()) continue;
    list.push_back({{"file", file.file},
                    {"name", scenario.value("name", file.file)},
                    {"description", scenario.value("description", "")},
                    {"scenario", scenario}});
  }
  return json{{"scenarios", list}}.dump(2) + "\n";
}

Scenario parse_request_scenario(const std::string& text, const std::string& network_path, DiagnosticSink& sink) {
  const json document = detail::parse_json(text, sink);  // throws on E-SYNTAX, E-DEPTH, ...
  if (document.is_object()) {
    if (document.contains("network"))
      sink.error("E-SCENARIO-NETWORK", "/network",
                 "a scenario sent to the server cannot name a network file: it runs on the network the server "
                 "loaded (corridor serve --network)");
    const auto queries = document.find("queries");
    if (queries != document.end() && queries->is_array())
      for (std::size_t i = 0; i < queries->size(); ++i)
        if ((*queries)[i].is_object() && (*queries)[i].contains("demand_csv"))
          sink.error("E-QUERY", "/queries/" + std::to_string(i) + "/demand_csv",
                     "the server reads no files: give the demand inline as \"demand\"");
  }
  sink.throw_if_errors();  // before reading on: naming a file must not reveal whether it exists
  return read_scenario_text(text, "request.json", network_path, sink);
}

}  // namespace corridor::io
