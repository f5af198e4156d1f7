// corridor route: the best route between two nodes.

#include <iostream>

#include "cli/commands.hpp"
#include "io/formats.hpp"
#include "io/report.hpp"
#include "model/validate.hpp"
#include "solve/route.hpp"
#include "solve/schedule.hpp"

namespace corridor::cli {
namespace {

struct RouteOptions {
  std::string from, to, by = "time", network, format = "table";
  std::vector<std::string> corridors, avoid;
  std::string depart;  ///< UTC date-time: earliest arrival with timetables (docs/reliability.md)
};

/// `route --depart`: the earliest arrival when leaving at that moment.
int run_timed_route(const Network& network, const RouteQuery& query, const RouteOptions& options) {
  DiagnosticSink sink;
  const auto depart = parse_iso_minutes(options.depart);
  if (!depart)
    sink.error("E-TIME", "/depart",
               "depart \"" + options.depart + "\" must be a UTC date and time such as \"2026-03-02T08:00\"");
  sink.throw_if_errors();
  RouteResult result;
  result.query = query;
  result.query.by = Objective::Time;
  const auto timed = solve::earliest_arrival(network, query, *depart);
  if (timed) result.routes.push_back(timed->route);
  const auto format = io::parse_output_format(options.format).value_or(io::OutputFormat::Table);
  if (timed && format == io::OutputFormat::Table)
    std::cout << "Departs " << format_iso_minutes(timed->depart_minutes) << " UTC, arrives "
              << format_iso_minutes(timed->arrive_minutes) << " UTC (timetabled links wait for their next departure)\n";
  std::cout << io::render_route(network, result, format);
  return result.found() ? kExitOk : kExitNoAnswer;
}

int run_route(const RouteOptions& options) {
  const std::string path = options.network.empty() ? default_network_path() : options.network;
  const Network network = load_network_reporting(path);
  RouteRequest request{options.from, options.to, *parse_objective(options.by), options.corridors, options.avoid};
  DiagnosticSink sink;  // command-line arguments
  auto query = resolve(network, request, "", sink);
  sink.throw_if_errors();
  if (!options.depart.empty()) return run_timed_route(network, *query, options);
  const RouteResult result = solve::Router(network).find_route(*query);
  std::cout << io::render_route(network, result, io::parse_output_format(options.format).value_or(io::OutputFormat::Table));
  return result.found() ? kExitOk : kExitNoAnswer;
}

}  // namespace

void register_route_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<RouteOptions>();
  CLI::App* cmd = app.add_subcommand("route", "Best route between two nodes (fastest by default)");
  cmd->add_option("--from", options->from, "Origin node id, e.g. XIAN")->required();
  cmd->add_option("--to", options->to, "Destination node id, e.g. BAKU")->required();
  cmd->add_option("--by", options->by, "Objective")->check(CLI::IsMember({"time", "distance"}))->capture_default_str();
  cmd->add_option("--corridor", options->corridors,
                  "Only links of these corridors (middle, northern, southern, sea, zangezur; shared links always)")
      ->delimiter(',');
  cmd->add_option("--avoid", options->avoid, "Node or link ids not to use, comma-separated")->delimiter(',');
  cmd->add_option("--depart", options->depart,
                  "Departure (UTC), e.g. 2026-03-02T08:00: earliest arrival, waiting for timetabled departures");
  cmd->add_option("--network", options->network, "Network file (default: the shipped Middle Corridor)");
  cmd->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"table", "json", "csv", "geojson", "dot"}))
      ->capture_default_str();
  cmd->callback([options, &action] { action = [options] { return run_route(*options); }; });
}

}  // namespace corridor::cli
