// corridor route: the best route between two nodes.

#include <iostream>
#include <optional>

#include "cli/commands.hpp"
#include "cli/cut_off.hpp"
#include "cli/shared_options.hpp"
#include "io/basemap.hpp"
#include "io/formats.hpp"
#include "io/html_report.hpp"
#include "io/leg_times.hpp"
#include "io/map_svg.hpp"
#include "io/report.hpp"
#include "model/names.hpp"
#include "solve/route.hpp"
#include "solve/schedule.hpp"

namespace corridor::cli {
namespace {

/// `route --depart`: the earliest arrival when leaving at that moment.
int run_timed_route(const Network& network, const RouteQuery& query, const RouteCommandOptions& options) {
  DiagnosticSink sink;
  if (query.by != Objective::Time || query.k != 1 || query.pareto || !query.via.empty())
    sink.error("E-QUERY", "/depart",
               "--depart gives the earliest arrival: it cannot be combined with --by other than time, --k, "
               "--pareto or --via");
  const auto depart = parse_iso_minutes(options.depart);
  if (!depart)
    sink.error("E-TIME", "/depart",
               "depart \"" + options.depart + "\" must be a UTC date and time such as \"2026-03-02T08:00\"");
  sink.throw_if_errors();
  RouteResult result;
  result.query = query;
  const auto timed = solve::earliest_arrival(network, query, *depart);
  if (timed) result.routes.push_back(timed->route);
  const auto format = parse<io::OutputFormat>(options.format).value_or(io::OutputFormat::Table);
  if (timed && format == io::OutputFormat::Csv) {  // the legs on the calendar
    std::cout << io::render_csv(io::leg_times_table(network, timed->route, timed->depart_minutes));
    return kExitOk;
  }
  if (timed && format == io::OutputFormat::Json) {
    std::cout << io::timed_route_json(network, result, timed->depart_minutes);
    return kExitOk;
  }
  if (timed && format == io::OutputFormat::Table)
    std::cout << "Departs " << format_iso_minutes(timed->depart_minutes) << " UTC, arrives "
              << format_iso_minutes(timed->arrive_minutes) << " UTC (timetabled links wait for their next departure)\n";
  std::cout << io::render_route(network, result, format, resolve_money_unit(network, options.unit));
  if (timed && format == io::OutputFormat::Table)
    std::cout << "Legs on the calendar (UTC):\n" << io::render_text(io::leg_times_table(network, timed->route,
                                                                                      timed->depart_minutes));
  return result.found() ? kExitOk : kExitNoAnswer;
}

/// `route --format html`: the route's own page (map with the route highlighted, its legs), as
/// `corridor report` draws a scenario with this one query.
void print_route_page(const Network& network, const RouteResult& result, const std::string& network_option) {
  Scenario scenario;
  scenario.name = "Route " + network.nodes[result.query.from].id + " to " + network.nodes[result.query.to].id;
  scenario.network_path = network_option;
  const std::vector<QueryOutcome> outcomes{{scenario.name, result}};
  std::cout << io::scenario_report_html(scenario, network, outcomes, io::load_basemap(io::basemap_path(data_dir())));
}

/// `route --format svg`: the route's map as an SVG file of its own (every route of --k or --pareto,
/// with the legend), as the route page draws it.
void print_route_map(const Network& network, const RouteResult& result) {
  io::MapOptions options;
  options.id = "route-map";
  options.title = "Route " + network.nodes[result.query.from].id + " to " + network.nodes[result.query.to].id;
  options.box = io::route_box(network, result);
  options.route = &result;
  std::cout << io::map_svg_file(network, io::load_basemap(io::basemap_path(data_dir())), options);
}

/// A query end cut off from the network: report_cut_off_end has said why on stderr; a machine
/// format (JSON, CSV, GeoJSON, DOT) still gets its "no route" answer (found: false, no routes)
/// on stdout. The table, the page and the map say nothing more.
void print_cut_off_answer(const Network& network, const RouteCommandOptions& options) {
  const auto format = parse<io::OutputFormat>(options.format);
  const auto from = match_node(network, options.request.from), to = match_node(network, options.request.to);
  if (!format || !from || !to) return;
  if (*format != io::OutputFormat::Json && *format != io::OutputFormat::Csv && *format != io::OutputFormat::GeoJson &&
      *format != io::OutputFormat::Dot)
    return;
  RouteResult result;
  result.query.from = *from;
  result.query.to = *to;
  result.query.by = *parse<Objective>(options.by);
  std::cout << io::render_route(network, result, *format, resolve_money_unit(network, options.unit));
}

int run_route(const RouteCommandOptions& options) {
  const Network network = load_network_option(options.network);
  if (report_cut_off_end(network, options.network, options.request.from, options.request.to)) {
    print_cut_off_answer(network, options);
    return kExitNoAnswer;
  }
  const RouteQuery query = resolve_route_options(network, options);
  if (!options.depart.empty()) return run_timed_route(network, query, options);
  const RouteResult result = solve::Router(network).find_routes(query);
  if (options.format == "html") print_route_page(network, result, options.network);
  else if (options.format == "svg") print_route_map(network, result);
  else std::cout << io::render_route(network, result, parse<io::OutputFormat>(options.format).value_or(io::OutputFormat::Table),
                                     resolve_money_unit(network, options.unit));
  return result.found() ? kExitOk : kExitNoAnswer;
}

}  // namespace

void register_route_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<RouteCommandOptions>();
  RouteRequest& request = options->request;
  CLI::App* cmd = app.add_subcommand("route", "Best route between two nodes (fastest by default)");
  add_from_to_options(*cmd, request.from, request.to, "BAKU");
  cmd->add_option("--by", options->by, "Objective: time, distance, cost (USD/t), co2 (kg CO2e/t) or generalized")
      ->check(CLI::IsMember(names<Objective>()))
      ->capture_default_str();
  cmd->add_option("--k", request.k, "Number of loopless alternative routes, best first")->capture_default_str();
  cmd->add_option("--max-overlap", request.max_overlap,
                  "Drop alternatives sharing more than this fraction of their km with a better one (0-1)");
  cmd->add_flag("--pareto", request.pareto, "Every route not beaten on time, cost and CO2e at once, fastest first");
  cmd->add_option("--value-of-time", request.value_of_time_usd_per_t_day,
                  "USD per tonne per day of transit, for --by generalized")
      ->capture_default_str();
  cmd->add_option("--carbon-price", request.carbon_price_usd_per_t_co2, "USD per tonne of CO2e, for --by generalized")
      ->capture_default_str();
  add_filter_options(*cmd, options->filters, kAllFilters, "");
  cmd->add_option("--depart", options->depart,
                  "Departure (UTC), e.g. 2026-03-02T08:00: earliest arrival, waiting for timetabled departures");
  add_network_and_format_options(
      *cmd, options->network, options->format,
      {io::OutputFormat::Table, io::OutputFormat::Json, io::OutputFormat::Csv, io::OutputFormat::GeoJson,
       io::OutputFormat::Dot, io::OutputFormat::Html, io::OutputFormat::Svg});
  add_unit_option(*cmd, options->unit);
  cmd->callback([cmd, options, &action] {
    const auto& r = options->request;
    refuse_without_effect(*cmd, "--max-overlap", r.k > 1, "it filters alternatives: give --k 2 or more");
    refuse_unit_without_table(*cmd, options->format);
    for (const char* weight : {"--value-of-time", "--carbon-price"})
      refuse_without_effect(*cmd, weight, options->by == "generalized", "it weighs only --by generalized");
    refuse_without_effect(*cmd, "--depart", options->format != "html" && options->format != "svg",
                          "the route page shows expected times; use --format table, json or csv with --depart");
    refuse_without_effect(*cmd, "--by", !r.pareto,
                          "--pareto ranks on time, cost and CO2e at once; leave out --by or --pareto");
    action = [options] { return run_route(*options); };
  });
}

}  // namespace corridor::cli
