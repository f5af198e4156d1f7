// corridor compare-routes: the best route of each corridor side by side.

#include <iostream>

#include "cli/commands.hpp"
#include "io/compare_report.hpp"
#include "model/validate.hpp"
#include "solve/route.hpp"

namespace corridor::cli {
namespace {

struct CompareOptions {
  std::string from, to, by = "time", network, format = "table";
  std::vector<std::string> avoid, avoid_countries, modes;
  double value_of_time = 0.0, carbon_price = 0.0;
};

int run_compare(const CompareOptions& options) {
  const std::string path = options.network.empty() ? default_network_path() : options.network;
  const Network network = load_network_reporting(path);
  RouteRequest request;
  request.from = options.from;
  request.to = options.to;
  request.by = *parse_objective(options.by);
  request.avoid = options.avoid;
  request.avoid_countries = options.avoid_countries;
  request.modes = options.modes;
  request.value_of_time_usd_per_t_day = options.value_of_time;
  request.carbon_price_usd_per_t_co2 = options.carbon_price;
  DiagnosticSink sink;  // command-line arguments
  auto query = resolve(network, request, "", sink);
  sink.throw_if_errors();
  const solve::Router router(network);
  const std::vector<RouteResult> results = solve::best_route_per_corridor(router, *query);
  std::cout << (options.format == "json" ? io::compare_json(network, results) : io::compare_table(network, results));
  for (const RouteResult& result : results)
    if (result.found()) return kExitOk;
  return kExitNoAnswer;
}

}  // namespace

void register_compare_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<CompareOptions>();
  CLI::App* cmd = app.add_subcommand("compare-routes", "Best route per corridor (middle, northern, southern, sea, "
                                                       "zangezur) side by side, with each route's breakdown");
  cmd->add_option("--from", options->from, "Origin node id, e.g. XIAN")->required();
  cmd->add_option("--to", options->to, "Destination node id, e.g. DUISBURG")->required();
  cmd->add_option("--by", options->by, "Objective: time, distance, cost, co2 or generalized")
      ->check(CLI::IsMember({"time", "distance", "cost", "co2", "generalized"}))
      ->capture_default_str();
  cmd->add_option("--value-of-time", options->value_of_time, "USD per tonne per day, for --by generalized")
      ->capture_default_str();
  cmd->add_option("--carbon-price", options->carbon_price, "USD per tonne of CO2e, for --by generalized")
      ->capture_default_str();
  cmd->add_option("--avoid", options->avoid, "Node or link ids not to use, comma-separated")->delimiter(',');
  cmd->add_option("--avoid-country", options->avoid_countries, "ISO country codes not to touch, e.g. RU,IR")
      ->delimiter(',');
  cmd->add_option("--modes", options->modes, "Only links of these modes, e.g. rail,ferry")->delimiter(',');
  cmd->add_option("--network", options->network, "Network file (default: the shipped Middle Corridor)");
  cmd->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  cmd->callback([options, &action] { action = [options] { return run_compare(*options); }; });
}

}  // namespace corridor::cli
