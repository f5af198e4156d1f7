#include "cli/common.hpp"

#include <algorithm>
#include <cassert>
#include <cstdlib>
#include <iostream>

#include "cli/shared_options.hpp"
#include "io/network_json.hpp"

#ifndef CORRIDOR_DEFAULT_DATA_DIR
#define CORRIDOR_DEFAULT_DATA_DIR "."
#endif

namespace corridor::cli {

std::string data_dir() {
  if (const char* env = std::getenv("CORRIDOR_DATA_DIR"); env && *env) return env;
  return CORRIDOR_DEFAULT_DATA_DIR;
}

bool& allow_unknown_keys_option() {
  static bool allowed = false;
  return allowed;
}

DiagnosticSink file_sink(const std::string& path) {
  DiagnosticSink sink(path);
  sink.allow_unknown_keys(allow_unknown_keys_option());
  return sink;
}

std::string default_network_path() { return data_dir() + "/network/middle-corridor.json"; }

void print_diagnostics(const std::vector<Diagnostic>& diagnostics) {
  std::vector<Diagnostic> named = diagnostics;
  name_options_as_typed(named);  // "--k: ..." rather than "/k: ..."
  for (const Diagnostic& d : named) std::cerr << format(d) << "\n";
}

Network load_network_reporting(const std::string& path) {
  DiagnosticSink sink = file_sink(path);
  Network network = io::load_network(path, sink);
  print_diagnostics(sink.diagnostics());
  return network;
}

Network load_network_option(const std::string& network_option) {
  return load_network_reporting(network_option.empty() ? default_network_path() : network_option);
}

}  // namespace corridor::cli

#include "io/scenario_json.hpp"
#include "solve/scenario_run.hpp"

namespace corridor::cli {

namespace {

/// Every problem of a scenario file in one run (solve::report_later_stages), loading the network
/// the file names unless naming it failed. Throws the lot.
[[noreturn]] void throw_with_later_stages(const Scenario& scenario, DiagnosticSink& sink) {
  const bool network_named = std::none_of(sink.diagnostics().begin(), sink.diagnostics().end(), [](const Diagnostic& d) {
    return d.severity == Severity::Error && (d.pointer == "/network" || d.pointer.rfind("/network/", 0) == 0);
  });
  if (network_named) {
    DiagnosticSink network_sink = file_sink(scenario.network_path);
    try {
      const Network base = io::load_network(scenario.network_path, network_sink);
      solve::report_later_stages(base, scenario, sink);
    } catch (const InputError& network_errors) {  // the network's problems and the scenario's, together
      std::vector<Diagnostic> all = network_errors.diagnostics();
      for (const Diagnostic& d : sink.diagnostics()) all.push_back(d);
      throw InputError(std::move(all));
    }
  }
  sink.throw_if_errors();
  assert(false && "throw_with_later_stages: called without errors");
  std::abort();
}

}  // namespace

LoadedScenario load_scenario_reporting(const std::string& path) {
  DiagnosticSink sink = file_sink(path);
  LoadedScenario loaded;
  loaded.scenario = io::read_scenario(path, default_network_path(), sink);
  if (sink.has_errors()) throw_with_later_stages(loaded.scenario, sink);
  loaded.warnings = sink.take();
  print_diagnostics(loaded.warnings);
  DiagnosticSink network_sink = file_sink(loaded.scenario.network_path);
  const Network base = io::load_network(loaded.scenario.network_path, network_sink);
  print_diagnostics(network_sink.diagnostics());
  loaded.warnings.insert(loaded.warnings.end(), network_sink.diagnostics().begin(), network_sink.diagnostics().end());
  DiagnosticSink change_sink = file_sink(path);
  loaded.network = apply_changes(base, loaded.scenario.changes, change_sink);
  change_sink.throw_if_errors();  // the catch prints everything, warnings included
  print_diagnostics(change_sink.diagnostics());
  loaded.warnings.insert(loaded.warnings.end(), change_sink.diagnostics().begin(), change_sink.diagnostics().end());
  return loaded;
}

}  // namespace corridor::cli
