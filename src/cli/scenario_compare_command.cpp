// corridor compare: the differences between two scenario runs, or a scenario and its network
// without the scenario's changes.

#include <iostream>
#include <variant>

#include "cli/commands.hpp"
#include "io/scenario_compare.hpp"
#include "model/scenario.hpp"
#include "solve/scenario_run.hpp"

namespace corridor::cli {
namespace {

struct ScenarioCompareOptions {
  std::string a, b, format = "table";
};

std::vector<QueryOutcome> run_reporting(const Network& network, const Scenario& scenario, const std::string& path) {
  DiagnosticSink sink = file_sink(path);
  auto outcomes = solve::run_queries(network, scenario, sink);
  sink.throw_if_errors();
  return outcomes;
}

/// The scenario's queries as its network without the changes answers them: a place the changes
/// open is cut off there, which is "no route" on that side of the comparison, not an error.
Scenario asked_without_changes(Scenario scenario) {
  for (ScenarioQuery& query : scenario.queries) {
    if (auto* route = std::get_if<RouteRequest>(&query.request)) route->cut_off_end_is_no_route = true;
    else if (auto* reliability = std::get_if<ReliabilityRequest>(&query.request))
      reliability->route.cut_off_end_is_no_route = true;
  }
  return scenario;
}

int run_scenario_compare(const ScenarioCompareOptions& options) {
  io::Comparison comparison;
  if (options.b.empty()) {
    // One scenario: its queries on the unchanged network (A) against the changed one (B).
    LoadedScenario loaded = load_scenario_reporting(options.a);
    const Network base = load_network_reporting(loaded.scenario.network_path);
    const auto before = run_reporting(base, asked_without_changes(loaded.scenario), options.a);
    const auto after = run_reporting(loaded.network, loaded.scenario, options.a);
    comparison = io::compare_outcomes(base, before, loaded.network, after);
    comparison.a_label = loaded.scenario.name + ", without its " + std::to_string(loaded.scenario.changes.size()) +
                         " changes (" + base.name + ")";
    comparison.b_label = loaded.scenario.name + " (" + options.a + ")";
  } else {
    LoadedScenario a = load_scenario_reporting(options.a);
    LoadedScenario b = load_scenario_reporting(options.b);
    const auto outcomes_a = run_reporting(a.network, a.scenario, options.a);
    const auto outcomes_b = run_reporting(b.network, b.scenario, options.b);
    comparison = io::compare_outcomes(a.network, outcomes_a, b.network, outcomes_b);
    comparison.a_label = a.scenario.name + " (" + options.a + ")";
    comparison.b_label = b.scenario.name + " (" + options.b + ")";
  }
  std::cout << (options.format == "json" ? io::comparison_json(comparison) : io::comparison_table(comparison));
  return kExitOk;
}

}  // namespace

void register_scenario_compare_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<ScenarioCompareOptions>();
  CLI::App* cmd = app.add_subcommand(
      "compare", "Differences between two scenarios' answers (or one scenario against its unchanged network)");
  cmd->add_option("a", options->a, "Scenario file A (alone: compared with its network without the changes)")
      ->required();
  cmd->add_option("b", options->b, "Scenario file B");
  cmd->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  cmd->callback([options, &action] { action = [options] { return run_scenario_compare(*options); }; });
}

}  // namespace corridor::cli
