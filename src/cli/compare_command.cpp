// corridor compare-routes: the best route of each corridor side by side.

#include <iostream>

#include "cli/commands.hpp"
#include "cli/cut_off.hpp"
#include "cli/shared_options.hpp"
#include "io/compare_report.hpp"
#include "io/analysis_csv.hpp"
#include "solve/route.hpp"

namespace corridor::cli {
namespace {

int run_compare(const RouteCommandOptions& options) {
  const Network network = load_network_option(options.network);
  if (report_cut_off_end(network, options.network, options.request.from, options.request.to)) return kExitNoAnswer;
  const RouteQuery query = resolve_route_options(network, options);
  const solve::Router router(network);
  const std::vector<RouteResult> results = solve::best_route_per_corridor(router, query);
  if (options.format == "csv") std::cout << io::render_csv(io::compare_routes_table(network, results));
  else if (options.format == "json") std::cout << io::compare_json(network, results);
  else std::cout << io::compare_table(network, results, resolve_money_unit(network, options.unit));
  for (const RouteResult& result : results)
    if (result.found()) return kExitOk;
  return kExitNoAnswer;
}

}  // namespace

void register_compare_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<RouteCommandOptions>();
  RouteRequest& request = options->request;
  CLI::App* cmd = app.add_subcommand("compare-routes", "Best route per corridor (middle, northern, southern, sea, "
                                                       "zangezur) side by side, with each route's breakdown");
  add_from_to_options(*cmd, request.from, request.to, "DUISBURG");
  cmd->add_option("--by", options->by, "Objective: time, distance, cost, co2 or generalized")
      ->check(CLI::IsMember({"time", "distance", "cost", "co2", "generalized"}))
      ->capture_default_str();
  cmd->add_option("--value-of-time", request.value_of_time_usd_per_t_day, "USD per tonne per day, for --by generalized")
      ->capture_default_str();
  cmd->add_option("--carbon-price", request.carbon_price_usd_per_t_co2, "USD per tonne of CO2e, for --by generalized")
      ->capture_default_str();
  add_filter_options(*cmd, options->filters, kAllFilters & ~kCorridorFilter,
                     "compare-routes finds the best route of each corridor; for one corridor use route --corridor");
  add_network_and_format_options(*cmd, options->network, options->format, {"table", "json", "csv"});
  add_unit_option(*cmd, options->unit);
  cmd->callback([cmd, options, &action] {
    refuse_unit_without_table(*cmd, options->format);
    for (const char* weight : {"--value-of-time", "--carbon-price"})
      refuse_without_effect(*cmd, weight, options->by == "generalized", "it weighs only --by generalized");
    action = [options] { return run_compare(*options); };
  });
}

}  // namespace corridor::cli
