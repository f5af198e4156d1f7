// corridor upgrades: what raising each binding element gives, and a greedy plan to a target.

#include <iostream>

#include "cli/commands.hpp"
#include "io/analysis_csv.hpp"
#include "cli/shared_options.hpp"
#include "io/capacity_report.hpp"
#include "model/capacity.hpp"
#include "solve/upgrades.hpp"

namespace corridor::cli {
namespace {

struct UpgradeOptions {
  std::vector<std::string> from, to;
  FilterOptions filters;
  std::optional<std::int64_t> target_tpy;
  int max_steps = 20;
  std::optional<double> max_detour = kDefaultMaxDetour;
  std::string network, format = "table";
};

int run_upgrades(const UpgradeOptions& options) {
  const Network network = load_network_option(options.network);
  DiagnosticSink sink;
  UpgradeRequest request;
  request.flow = FlowRequest{options.from, options.to, options.target_tpy, options.filters.corridors,
                             options.filters.avoid, options.filters.avoid_countries};
  request.flow.max_detour = options.max_detour;
  request.max_steps = options.max_steps;
  auto query = resolve(network, request, "", sink);
  sink.throw_if_errors();
  print_diagnostics(sink.diagnostics());  // closed or cut-off ends (W-IDLE-END)
  const UpgradeResult result = solve::rank_upgrades(network, *query);
  if (options.format == "csv") std::cout << io::render_csv(io::upgrades_csv_table(network, result));
  else std::cout << (options.format == "json" ? io::upgrades_json(network, result) : io::upgrades_table(network, result));
  return result.base.unbounded || result.base.max_flow_tpy > 0 ? kExitOk : kExitNoAnswer;
}

}  // namespace

void register_upgrades_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<UpgradeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "upgrades", "Gain in max flow per added tonne on each binding element, and a greedy plan to a target");
  cmd->add_option("--from", options->from, "Source node ids, comma-separated")->required()->delimiter(',');
  cmd->add_option("--to", options->to, "Sink node ids, comma-separated")->required()->delimiter(',');
  add_tonnes_option(*cmd, "--target-tpy", options->target_tpy,
                    "Target in tonnes per year (e.g. 10000000 or 10e6); the plan stops there");
  cmd->add_option("--max-steps", options->max_steps, "Longest plan")->check(CLI::Range(1, 1000))->capture_default_str();
  add_filter_options(*cmd, options->filters, kFlowFilters,
                     "upgrades raise a max flow, which uses every route at once; modes and via points apply to "
                     "single routes");
  add_max_detour_option(*cmd, options->max_detour);
  add_network_and_format_options(*cmd, options->network, options->format,
                                 {io::OutputFormat::Table, io::OutputFormat::Json, io::OutputFormat::Csv});
  cmd->callback([cmd, options, &action] {
    refuse_without_effect(*cmd, "--max-steps", options->target_tpy.has_value(),
                          "the plan, whose steps it limits, is made only for a --target-tpy");
    action = [options] { return run_upgrades(*options); };
  });
}

}  // namespace corridor::cli
