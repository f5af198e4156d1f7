// A query end cut off from the network is "no route" (exit 2), with the reason and, when a
// shipped scenario opens it, which one (checked by routing on that scenario's network).

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "cli/cut_off.hpp"
#include "io/network_json.hpp"
#include "io/scenario_json.hpp"
#include "model/names.hpp"
#include "model/scenario.hpp"
#include "model/validate.hpp"
#include "solve/route.hpp"

namespace corridor::cli {
namespace {

/// Whether a route from `from` to `to` exists on `network` (ids as typed).
bool routes_on(const Network& network, const std::string& from, const std::string& to) {
  const auto a = match_node(network, from), b = match_node(network, to);
  if (!a || !b || *a == *b || is_cut_off(network, *a) || is_cut_off(network, *b)) return false;
  RouteQuery query;
  query.from = *a;
  query.to = *b;
  return solve::Router(network).find_route(query).found();
}

/// File names (without .json) of the shipped scenarios on whose network `from` reaches `to`.
std::vector<std::string> scenarios_opening(const std::string& network_path, const std::string& from,
                                           const std::string& to) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(data_dir() + "/scenarios", error))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::vector<std::string> opening;
  for (const auto& file : files) {
    try {
      DiagnosticSink sink(file.string());
      const Scenario scenario = io::load_scenario(file.string(), default_network_path(), sink);
      if (!std::filesystem::equivalent(scenario.network_path, network_path)) continue;  // another network
      DiagnosticSink quiet;  // a shipped scenario's warnings are not this query's business
      const Network base = io::load_network(scenario.network_path, quiet);
      if (routes_on(apply_changes(base, scenario.changes, quiet), from, to)) opening.push_back(file.stem().string());
    } catch (const std::exception&) {
      continue;  // a scenario that does not load opens nothing
    }
  }
  return opening;
}

}  // namespace

bool report_cut_off_end(const Network& network, const std::string& network_option, const std::string& from,
                        const std::string& to) {
  for (const std::string* end : {&from, &to}) {
    const auto index = match_node(network, *end);
    if (!index || !is_cut_off(network, *index)) continue;
    const Node& node = network.nodes[*index];
    std::cerr << "No route: " << (end == &from ? "origin " : "destination ") << node.id << " is "
              << (node.is_open() ? "cut off from the network (no open link reaches it)"
                                 : std::string(to_string(node.status)) + " and carries no traffic")
              << ".\n";
    const auto opening =
        scenarios_opening(network_option.empty() ? default_network_path() : network_option, from, to);
    for (const std::string& name : opening)
      std::cerr << "  The shipped scenario " << name << " opens it: corridor run scenarios/" << name << ".json\n";
    return true;
  }
  return false;
}

}  // namespace corridor::cli
