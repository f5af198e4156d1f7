// corridor: command-line planner for the Middle Corridor. The one place that catches.

#include <iostream>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  using namespace corridor::cli;
  CLI::App app{"corridor: route and capacity planner for the Middle Corridor (Trans-Caspian route)", "corridor"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "corridor 0.1.0");
  Action action;
  register_route_command(app, action);
  register_flow_command(app, action);
  register_run_command(app, action);
  register_validate_command(app, action);
  register_report_command(app, action);
  register_map_command(app, action);
  register_reliability_command(app, action);
  register_generate_command(app, action);
  register_assign_command(app, action);
  register_criticality_command(app, action);
  register_upgrades_command(app, action);
  register_scenario_compare_command(app, action);
  register_compare_command(app, action);
  register_curve_command(app, action);
  register_serve_command(app, action);
  register_sweep_command(app, action);
  try {
    app.parse(argc, argv);
    return action ? action() : kExitOk;
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitBadInput;
  } catch (const corridor::InputError& e) {
    print_diagnostics(e.diagnostics());
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "corridor: internal error: " << e.what() << "\n";
    return kExitInternal;
  }
}
