// corridor run: apply a scenario's changes and answer its queries.

#include <iostream>
#include <iterator>

#include "cli/commands.hpp"
#include "cli/shared_options.hpp"
#include "io/formats.hpp"
#include "io/report.hpp"
#include "solve/scenario_run.hpp"

namespace corridor::cli {
namespace {

struct RunOptions {
  std::string scenario, format = "table";
};

int run_scenario(const RunOptions& options) {
  LoadedScenario loaded = load_scenario_reporting(options.scenario);
  DiagnosticSink sink = file_sink(options.scenario);
  auto outcomes = solve::run_queries(loaded.network, loaded.scenario, sink);
  sink.throw_if_errors();
  print_diagnostics(sink.diagnostics());  // e.g. a closed source contributing nothing (W-IDLE-END)
  std::cout << io::render_scenario(loaded.scenario, loaded.network, outcomes,
                                   parse<io::OutputFormat>(options.format).value_or(io::OutputFormat::Table));
  return solve::all_answered(outcomes) ? kExitOk : kExitNoAnswer;
}

}  // namespace

void register_run_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("run", "Run a what-if scenario file: apply its changes, answer its queries");
  cmd->add_option("scenario", options->scenario, "Scenario file (JSON)")->required();
  cmd->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember(format_names({std::begin(io::kResultFormats), std::end(io::kResultFormats)})))
      ->capture_default_str();
  cmd->callback([options, &action] { action = [options] { return run_scenario(*options); }; });
}

}  // namespace corridor::cli
