// corridor compare-routes: the best route of each corridor side by side.

#include <algorithm>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/cut_off.hpp"
#include "cli/shared_options.hpp"
#include "io/compare_report.hpp"
#include "io/analysis_csv.hpp"
#include "io/basemap.hpp"
#include "io/map_svg.hpp"
#include "solve/route.hpp"

namespace corridor::cli {
namespace {

/// `compare-routes --format svg`: one map with each corridor's best route in its own colour, the
/// fastest first, named by its corridor in the legend.
void print_corridor_map(const Network& network, const std::vector<RouteResult>& per_corridor) {
  std::vector<std::pair<std::string, Route>> found;
  for (const RouteResult& result : per_corridor)
    if (result.found())
      found.emplace_back(result.query.corridors.empty() ? "any" : result.query.corridors.front(), result.routes.front());
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.second.hours < b.second.hours; });
  RouteResult all;
  all.query = per_corridor.front().query;
  all.query.corridors.clear();
  io::MapOptions options;
  for (const auto& [corridor, route] : found) {
    all.routes.push_back(route);
    options.route_names.push_back(corridor + " corridor");
  }
  options.id = "corridor-map";
  options.title = "Best route per corridor, " + network.nodes[all.query.from].id + " to " + network.nodes[all.query.to].id;
  options.box = io::route_box(network, all);
  options.route = &all;
  std::cout << io::map_svg_file(network, io::load_basemap(io::basemap_path(data_dir())), options);
}

int run_compare(const RouteCommandOptions& options) {
  const Network network = load_network_option(options.network);
  if (report_cut_off_end(network, options.network, options.request.from, options.request.to)) return kExitNoAnswer;
  const RouteQuery query = resolve_route_options(network, options);
  const solve::Router router(network);
  const std::vector<RouteResult> results = solve::best_route_per_corridor(router, query);
  if (options.format == "svg") print_corridor_map(network, results);
  else if (options.format == "csv") std::cout << io::render_csv(io::compare_routes_table(network, results));
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
      ->check(CLI::IsMember(names<Objective>()))
      ->capture_default_str();
  cmd->add_option("--value-of-time", request.value_of_time_usd_per_t_day, "USD per tonne per day, for --by generalized")
      ->capture_default_str();
  cmd->add_option("--carbon-price", request.carbon_price_usd_per_t_co2, "USD per tonne of CO2e, for --by generalized")
      ->capture_default_str();
  add_filter_options(*cmd, options->filters, kAllFilters & ~kCorridorFilter,
                     "compare-routes finds the best route of each corridor; for one corridor use route --corridor");
  add_network_and_format_options(
      *cmd, options->network, options->format,
      {io::OutputFormat::Table, io::OutputFormat::Json, io::OutputFormat::Csv, io::OutputFormat::Svg});
  add_unit_option(*cmd, options->unit);
  cmd->callback([cmd, options, &action] {
    refuse_unit_without_table(*cmd, options->format);
    for (const char* weight : {"--value-of-time", "--carbon-price"})
      refuse_without_effect(*cmd, weight, options->by == "generalized", "it weighs only --by generalized");
    action = [options] { return run_compare(*options); };
  });
}

}  // namespace corridor::cli
