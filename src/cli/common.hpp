#pragma once
// Shared helpers of the subcommands (no CLI11 here).

#include <functional>
#include <string>
#include <vector>

#include "model/diagnostic.hpp"
#include "model/network.hpp"
#include "model/scenario.hpp"

namespace corridor::cli {

/// Documented exit codes (docs/cli.md).
enum ExitCode : int { kExitOk = 0, kExitBadInput = 1, kExitNoAnswer = 2, kExitInternal = 3 };

/// The selected subcommand's action, set while parsing and run by main inside its one catch.
using Action = std::function<int()>;

/// Directory holding network/ and scenarios/: $CORRIDOR_DATA_DIR, else the compiled-in path.
std::string data_dir();
/// The shipped Middle Corridor network file.
std::string default_network_path();

/// --allow-unknown-keys: keys no reader knows are warnings, not errors (set while parsing).
bool& allow_unknown_keys_option();
/// A sink for the input file `path`, with the --allow-unknown-keys policy.
DiagnosticSink file_sink(const std::string& path);

/// Prints diagnostics (errors and warnings) to stderr in compiler form.
void print_diagnostics(const std::vector<Diagnostic>& diagnostics);
/// Loads a network, printing its warnings; throws InputError on errors.
Network load_network_reporting(const std::string& path);
/// The --network option's file (the shipped network when empty), loaded as load_network_reporting does.
Network load_network_option(const std::string& network_option);

/// A scenario file with its network loaded and its changes applied.
struct LoadedScenario {
  Scenario scenario;
  Network network;  ///< after the changes
  std::vector<Diagnostic> warnings;  ///< of the scenario, its network and its changes (all printed)
};
/// Loads a scenario and its network and applies the changes, printing warnings;
/// throws InputError with every problem (scenario and network) on errors.
LoadedScenario load_scenario_reporting(const std::string& path);

}  // namespace corridor::cli
