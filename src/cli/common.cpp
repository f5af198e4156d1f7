#include "cli/common.hpp"

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

/// Whether `pointer` is `prefix` or inside it ("/queries/1/to" is inside "/queries/1").
bool inside(const std::string& pointer, const std::string& prefix) {
  return pointer.compare(0, prefix.size(), prefix) == 0 && (pointer.size() == prefix.size() || pointer[prefix.size()] == '/');
}

/// Every problem of a scenario file in one run: with errors in the file itself, the changes and
/// queries that were read without errors are still applied and resolved, so that an unknown id
/// in them is reported now and not after the first errors are fixed. Throws the lot.
[[noreturn]] void throw_with_later_stages(Scenario scenario, DiagnosticSink& sink) {
  auto has_error = [&](const std::string& pointer) {
    for (const Diagnostic& d : sink.diagnostics())
      if (d.severity == Severity::Error && inside(d.pointer, pointer)) return true;
    return false;
  };
  // Not the file's network, if naming it failed; and nothing that already has an error of its own
  // (no follow-on noise).
  if (!has_error("/network")) {
    std::erase_if(scenario.changes, [&](const Change& c) { return has_error(c.pointer); });
    std::erase_if(scenario.queries, [&](const ScenarioQuery& q) { return has_error(q.pointer); });
    DiagnosticSink network_sink = file_sink(scenario.network_path);
    const Network base = io::load_network(scenario.network_path, network_sink);  // throws its own errors
    const Network changed = apply_changes(base, scenario.changes, sink);
    (void)solve::run_queries(changed, scenario, sink);  // resolves every query; solves none (errors exist)
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
