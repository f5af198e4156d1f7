// corridor: command-line planner for the Middle Corridor. The one place that catches.

#include <algorithm>
#include <iostream>
#include <utility>

#include "cli/commands.hpp"
#include "cli/heap_pages.hpp"
#include "cli/shared_options.hpp"
#include "model/validate.hpp"

int main(int argc, char** argv) {
  using namespace corridor::cli;
  CLI::App app{"corridor: route and capacity planner for the Middle Corridor (Trans-Caspian route)", "corridor"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "corridor 0.1.0");
  Action action;
  app.add_flag("--allow-unknown-keys", allow_unknown_keys_option(),
               "Keys of network and scenario files that corridor does not know are warnings, not errors");
  app.fallthrough();  // ... given before or after the command
  register_route_command(app, action);
  register_flow_command(app, action);
  register_run_command(app, action);
  register_validate_command(app, action);
  register_report_command(app, action);
  register_map_command(app, action);
  register_reliability_command(app, action);
  register_generate_command(app, action);
  register_pack_command(app, action);
  register_assign_command(app, action);
  register_criticality_command(app, action);
  register_upgrades_command(app, action);
  register_scenario_compare_command(app, action);
  register_compare_command(app, action);
  register_calibrate_command(app, action);
  register_nodes_command(app, action);
  register_curve_command(app, action);
  register_serve_command(app, action);
  register_sweep_command(app, action);
  try {
    // A misspelt command: "corridor rout" names it and suggests the closest, rather than
    // CLI11's "A subcommand is required".
    std::vector<std::string> names;
    for (const CLI::App* sub : std::as_const(app).get_subcommands([](const CLI::App*) { return true; }))
      names.push_back(sub->get_name());
    if (argc > 1 && argv[1][0] != '-' && std::find(names.begin(), names.end(), argv[1]) == names.end()) {
      std::cerr << "corridor: unknown command \"" << argv[1] << "\"" << corridor::did_you_mean(argv[1], names)
                << "; run corridor --help for the list\n";
      return kExitBadInput;
    }
    check_arguments_as_typed(app, argc, argv);
    app.parse(argc, argv);
    if (!app.got_subcommand("serve")) prefer_huge_pages_for_heap();
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
