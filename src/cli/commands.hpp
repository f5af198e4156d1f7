#pragma once
// Registration of the subcommands; each lives in its own file.

#include <CLI/CLI.hpp>

#include "cli/common.hpp"
#include "model/calibration.hpp"
#include "model/sweep.hpp"

namespace corridor::cli {

void register_route_command(CLI::App& app, Action& action);
void register_flow_command(CLI::App& app, Action& action);
void register_run_command(CLI::App& app, Action& action);
void register_validate_command(CLI::App& app, Action& action);
void register_report_command(CLI::App& app, Action& action);
void register_map_command(CLI::App& app, Action& action);
void register_reliability_command(CLI::App& app, Action& action);
void register_generate_command(CLI::App& app, Action& action);
void register_pack_command(CLI::App& app, Action& action);
void register_assign_command(CLI::App& app, Action& action);
void register_criticality_command(CLI::App& app, Action& action);
void register_upgrades_command(CLI::App& app, Action& action);
void register_scenario_compare_command(CLI::App& app, Action& action);
void register_compare_command(CLI::App& app, Action& action);
void register_calibrate_command(CLI::App& app, Action& action);
void register_nodes_command(CLI::App& app, Action& action);
void register_curve_command(CLI::App& app, Action& action);
void register_serve_command(CLI::App& app, Action& action);
void register_sweep_command(CLI::App& app, Action& action);

/// The model's figure for every row of a calibration file (`path`, which problems with its
/// queries are reported against): throws InputError when a row names what `network` lacks.
CalibrationReport evaluate_calibration(const Network& network, const CalibrationSet& set, const std::string& path);
/// What `corridor sweep` checks before sampling: the base scenario's network and changes, every
/// input's changes at both ends of its range, every query. Throws InputError with the lot.
void check_sweep_runs(const Sweep& sweep, const std::string& path);

/// `corridor report` on a sweep file: the sweep's HTML summary with its default samples and seed.
int run_sweep_report(const std::string& path, const std::string& output);

/// Writes a command's output to `path` (standard output when empty or "-") and, for a file,
/// prints "PATH: WHAT (N KB)". Throws InputError (E-FILE) when the file cannot be written.
void write_output(const std::string& path, const std::string& text, const std::string& what);

/// Refuses, before anything is read or written, an output file (`option`'s value; "" and "-" are
/// standard output) that is one of the command's `inputs` by any path: writing it would destroy
/// the input. Throws CLI::ValidationError (exit 1).
void refuse_output_over_inputs(const std::string& option, const std::string& output,
                               const std::vector<std::string>& inputs);

}  // namespace corridor::cli
