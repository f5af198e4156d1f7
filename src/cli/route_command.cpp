// corridor route: the best route between two nodes.

#include <iostream>
#include <optional>

#include "cli/commands.hpp"
#include "io/formats.hpp"
#include "io/report.hpp"
#include "model/validate.hpp"
#include "solve/route.hpp"

namespace corridor::cli {
namespace {

struct RouteOptions {
  std::string from, to, by = "time", network, format = "table";
  std::vector<std::string> corridors, avoid, avoid_countries, via, modes;
  int k = 1;
  std::optional<double> max_overlap;
  bool pareto = false;
  double value_of_time = 0.0, carbon_price = 0.0;
};

int run_route(const RouteOptions& options) {
  const std::string path = options.network.empty() ? default_network_path() : options.network;
  const Network network = load_network_reporting(path);
  RouteRequest request;
  request.from = options.from;
  request.to = options.to;
  request.by = *parse_objective(options.by);
  request.corridors = options.corridors;
  request.avoid = options.avoid;
  request.avoid_countries = options.avoid_countries;
  request.via = options.via;
  request.modes = options.modes;
  request.k = options.k;
  request.max_overlap = options.max_overlap;
  request.pareto = options.pareto;
  request.value_of_time_usd_per_t_day = options.value_of_time;
  request.carbon_price_usd_per_t_co2 = options.carbon_price;
  DiagnosticSink sink;  // command-line arguments
  auto query = resolve(network, request, "", sink);
  sink.throw_if_errors();
  const RouteResult result = solve::Router(network).find_routes(*query);
  std::cout << io::render_route(network, result, io::parse_output_format(options.format).value_or(io::OutputFormat::Table));
  return result.found() ? kExitOk : kExitNoAnswer;
}

}  // namespace

void register_route_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<RouteOptions>();
  CLI::App* cmd = app.add_subcommand("route", "Best route between two nodes (fastest by default)");
  cmd->add_option("--from", options->from, "Origin node id, e.g. XIAN")->required();
  cmd->add_option("--to", options->to, "Destination node id, e.g. BAKU")->required();
  cmd->add_option("--by", options->by, "Objective: time, distance, cost (USD/t), co2 (kg CO2e/t) or generalized")
      ->check(CLI::IsMember({"time", "distance", "cost", "co2", "generalized"}))
      ->capture_default_str();
  cmd->add_option("--k", options->k, "Number of loopless alternative routes, best first")->capture_default_str();
  cmd->add_option("--max-overlap", options->max_overlap,
                  "Drop alternatives sharing more than this fraction of their km with a better one (0-1)");
  cmd->add_flag("--pareto", options->pareto, "Every route not beaten on time, cost and CO2e at once, fastest first");
  cmd->add_option("--value-of-time", options->value_of_time,
                  "USD per tonne per day of transit, for --by generalized")
      ->capture_default_str();
  cmd->add_option("--carbon-price", options->carbon_price, "USD per tonne of CO2e, for --by generalized")
      ->capture_default_str();
  cmd->add_option("--avoid-country", options->avoid_countries, "ISO country codes not to touch, e.g. RU,IR")
      ->delimiter(',');
  cmd->add_option("--via", options->via, "Node ids the route must pass, in this order, comma-separated")
      ->delimiter(',');
  cmd->add_option("--modes", options->modes, "Only links of these modes, e.g. rail,ferry")->delimiter(',');
  cmd->add_option("--corridor", options->corridors,
                  "Only links of these corridors (middle, northern, southern, sea, zangezur; shared links always)")
      ->delimiter(',');
  cmd->add_option("--avoid", options->avoid, "Node or link ids not to use, comma-separated")->delimiter(',');
  cmd->add_option("--network", options->network, "Network file (default: the shipped Middle Corridor)");
  cmd->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"table", "json", "csv", "geojson", "dot"}))
      ->capture_default_str();
  cmd->callback([options, &action] { action = [options] { return run_route(*options); }; });
}

}  // namespace corridor::cli
