// corridor validate: check network and scenario files, listing every problem.

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "io/calibration_report.hpp"
#include "io/network_json.hpp"
#include "io/scenario_json.hpp"
#include "io/sweep_json.hpp"
#include "io/text_file.hpp"
#include "model/validate.hpp"
#include "solve/scenario_run.hpp"

namespace corridor::cli {
namespace {

struct ValidateOptions {
  std::vector<std::string> files;
};

/// The checks a network gets beyond loading, then its diagnostics and verdict.
void report_network(const std::string& path, const Network& network, DiagnosticSink& sink) {
  check_sailing_capacity(network, sink);
  print_diagnostics(sink.diagnostics());
  std::cout << path << ": ok (network \"" << network.name << "\", " << network.nodes.size() << " nodes, "
            << network.links.size() << " links)\n";
}

/// Validates one file; prints its diagnostics and a one-line verdict. Returns true if valid.
bool validate_file(const std::string& path) {
  try {
    // A file too large to read whole can only be a network: stream it (load_network).
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec) && std::filesystem::file_size(path, ec) > io::kMaxInputBytes &&
        !ec) {
      DiagnosticSink sink = file_sink(path);
      report_network(path, io::load_network(path, sink), sink);
      return true;
    }
    const std::string text = io::read_text_file(path);
    const io::FileKind kind = io::sniff_file_kind(text);
    // A pipe (validate /dev/stdin) can be read once: its network is checked from the text read,
    // and other kinds, which name files relative to their own, need a file.
    if (!std::filesystem::is_regular_file(path, ec) && text.rfind("\x89" "CNET", 0) != 0) {
      DiagnosticSink sink = file_sink(path);
      if (kind != io::FileKind::Network && kind != io::FileKind::Unknown) {
        sink.error("E-FILE", "", "a scenario, sweep or calibration file must be a regular file (it is read again, and "
                                 "names files relative to its own directory); save it first");
        sink.throw_if_errors();
      }
      report_network(path, io::parse_network(text, sink), sink);
      return true;
    }
    if (kind == io::FileKind::Sweep) {
      DiagnosticSink sink = file_sink(path);
      const Sweep sweep = io::load_sweep(path, default_network_path(), sink);
      check_sweep_runs(sweep, path);  // its network, changes, ranges and queries, as corridor sweep checks them
      print_diagnostics(sink.diagnostics());
      std::cout << path << ": ok (sweep \"" << sweep.name << "\", " << sweep.inputs.size() << " inputs, "
                << sweep.queries.size() << " queries)\n";
    } else if (kind == io::FileKind::Calibration) {
      DiagnosticSink sink = file_sink(path);
      const CalibrationSet set = io::load_calibration(path, sink);
      // Its routes and flows resolved on the shipped network (corridor calibrate's default).
      (void)evaluate_calibration(load_network_option(""), set, path);
      print_diagnostics(sink.diagnostics());
      std::cout << path << ": ok (calibration, " << set.times.size() << " times, " << set.capacities.size()
                << " capacities, " << set.ratios.size() << " ratios)\n";
    } else if (kind == io::FileKind::Scenario) {
      LoadedScenario loaded = load_scenario_reporting(path);
      DiagnosticSink sink = file_sink(path);
      // Resolves every query (unknown ids are errors) and answers them: a scenario is valid
      // when it runs. A query without an answer (no route) is noted, not an error.
      auto outcomes = solve::run_queries(loaded.network, loaded.scenario, sink);
      sink.throw_if_errors();
      print_diagnostics(sink.diagnostics());
      std::cout << path << ": ok (scenario \"" << loaded.scenario.name << "\", " << loaded.scenario.changes.size()
                << " changes, " << loaded.scenario.queries.size() << " queries"
                << (solve::all_answered(outcomes) ? "" : "; some queries find no answer") << ")\n";
    } else {
      DiagnosticSink sink = file_sink(path);
      report_network(path, io::load_network(path, sink), sink);  // streamed, with the network size limit
    }
    return true;
  } catch (const InputError& e) {
    print_diagnostics(e.diagnostics());
    std::cout << path << ": invalid\n";
    return false;
  }
}

int run_validate(const ValidateOptions& options) {
  std::vector<std::string> files = options.files;
  if (files.empty()) {  // the shipped network and every shipped scenario
    files.push_back(default_network_path());
    std::vector<std::string> scenarios;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(data_dir() + "/scenarios", ec))
      if (entry.path().extension() == ".json") scenarios.push_back(entry.path().string());
    std::sort(scenarios.begin(), scenarios.end());
    files.insert(files.end(), scenarios.begin(), scenarios.end());
  }
  bool all_valid = true;
  for (const auto& file : files) all_valid = validate_file(file) && all_valid;
  return all_valid ? kExitOk : kExitBadInput;
}

}  // namespace

void register_validate_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "validate", "Check network, scenario, sweep and calibration files and list every problem (default: the shipped data)");
  cmd->add_option("files", options->files, "Network files (JSON or snapshot), scenario, sweep or calibration files");
  cmd->callback([options, &action] { action = [options] { return run_validate(*options); }; });
}

}  // namespace corridor::cli
