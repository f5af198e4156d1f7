// corridor upgrades: what raising each binding element gives, and a greedy plan to a target.

#include <iostream>

#include "cli/commands.hpp"
#include "cli/shared_options.hpp"
#include "io/capacity_report.hpp"
#include "model/capacity.hpp"
#include "solve/upgrades.hpp"

namespace corridor::cli {
namespace {

struct UpgradeOptions {
  std::vector<std::string> from, to, corridors, avoid;
  std::optional<std::int64_t> target_tpy;
  int max_steps = 20;
  std::optional<double> max_detour = kDefaultMaxDetour;
  std::string network, format = "table";
};

int run_upgrades(const UpgradeOptions& options) {
  const Network network = load_network_option(options.network);
  DiagnosticSink sink;
  UpgradeRequest request;
  request.flow = FlowRequest{options.from, options.to, options.target_tpy, options.corridors, options.avoid};
  request.flow.max_detour = options.max_detour;
  request.max_steps = options.max_steps;
  auto query = resolve(network, request, "", sink);
  sink.throw_if_errors();
  print_diagnostics(sink.diagnostics());  // closed or cut-off ends (W-IDLE-END)
  const UpgradeResult result = solve::rank_upgrades(network, *query);
  std::cout << (options.format == "json" ? io::upgrades_json(network, result) : io::upgrades_table(network, result));
  return result.base.unbounded || result.base.max_flow_tpy > 0 ? kExitOk : kExitNoAnswer;
}

}  // namespace

void register_upgrades_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<UpgradeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "upgrades", "Gain in max flow per added tonne on each binding element, and a greedy plan to a target");
  cmd->add_option("--from", options->from, "Source node ids, comma-separated")->required()->delimiter(',');
  cmd->add_option("--to", options->to, "Sink node ids, comma-separated")->required()->delimiter(',');
  cmd->add_option("--target-tpy", options->target_tpy, "Target in tonnes per year; the plan stops there")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{1'000'000'000'000}));
  cmd->add_option("--max-steps", options->max_steps, "Longest plan")->check(CLI::Range(1, 1000))->capture_default_str();
  add_corridor_option(*cmd, options->corridors);
  add_max_detour_option(*cmd, options->max_detour);
  add_avoid_option(*cmd, options->avoid);
  add_network_and_format_options(*cmd, options->network, options->format, {"table", "json"});
  cmd->callback([options, &action] { action = [options] { return run_upgrades(*options); }; });
}

}  // namespace corridor::cli
