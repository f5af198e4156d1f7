// corridor route: the best route between two nodes.

#include <iostream>

#include "cli/commands.hpp"
#include "io/formats.hpp"
#include "io/report.hpp"
#include "model/validate.hpp"
#include "solve/route.hpp"

namespace corridor::cli {
namespace {

struct RouteOptions {
  std::string from, to, by = "time", network, format = "table";
  std::vector<std::string> corridors, avoid;
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
  DiagnosticSink sink;  // command-line arguments
  auto query = resolve(network, request, "", sink);
  sink.throw_if_errors();
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
  cmd->add_option("--network", options->network, "Network file (default: the shipped Middle Corridor)");
  cmd->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"table", "json", "csv", "geojson", "dot"}))
      ->capture_default_str();
  cmd->callback([options, &action] { action = [options] { return run_route(*options); }; });
}

}  // namespace corridor::cli
