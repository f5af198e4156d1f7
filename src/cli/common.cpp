#include "cli/common.hpp"

#include <cstdlib>
#include <iostream>

#include "io/network_json.hpp"

#ifndef CORRIDOR_DEFAULT_DATA_DIR
#define CORRIDOR_DEFAULT_DATA_DIR "."
#endif

namespace corridor::cli {

std::string data_dir() {
  if (const char* env = std::getenv("CORRIDOR_DATA_DIR"); env && *env) return env;
  return CORRIDOR_DEFAULT_DATA_DIR;
}

std::string default_network_path() { return data_dir() + "/network/middle-corridor.json"; }

void print_diagnostics(const std::vector<Diagnostic>& diagnostics) {
  for (const Diagnostic& d : diagnostics) std::cerr << format(d) << "\n";
}

Network load_network_reporting(const std::string& path) {
  DiagnosticSink sink(path);
  Network network = io::load_network(path, sink);
  print_diagnostics(sink.diagnostics());
  return network;
}

Network load_network_option(const std::string& network_option) {
  return load_network_reporting(network_option.empty() ? default_network_path() : network_option);
}

io::Format parse_format(const std::string& text) { return text == "json" ? io::Format::Json : io::Format::Table; }

}  // namespace corridor::cli

#include "io/scenario_json.hpp"

namespace corridor::cli {

LoadedScenario load_scenario_reporting(const std::string& path) {
  DiagnosticSink sink(path);
  LoadedScenario loaded;
  loaded.scenario = io::load_scenario(path, default_network_path(), sink);
  print_diagnostics(sink.take());
  const Network base = load_network_reporting(loaded.scenario.network_path);
  DiagnosticSink change_sink(path);
  loaded.network = apply_changes(base, loaded.scenario.changes, change_sink);
  change_sink.throw_if_errors();  // the catch prints everything, warnings included
  print_diagnostics(change_sink.diagnostics());
  return loaded;
}

}  // namespace corridor::cli
