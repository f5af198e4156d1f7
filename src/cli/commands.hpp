#pragma once
// Registration of the subcommands; each lives in its own file.

#include <CLI/CLI.hpp>

#include "cli/common.hpp"

namespace corridor::cli {

void register_route_command(CLI::App& app, Action& action);
void register_flow_command(CLI::App& app, Action& action);
void register_run_command(CLI::App& app, Action& action);
void register_validate_command(CLI::App& app, Action& action);

}  // namespace corridor::cli
