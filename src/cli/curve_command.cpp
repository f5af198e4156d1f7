// corridor curve: equilibrium transit time against annual volume, and what congests.

#include <algorithm>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/shared_options.hpp"
#include "io/curve_report.hpp"
#include "model/curve.hpp"
#include "model/reliability.hpp"
#include "solve/curve.hpp"

namespace corridor::cli {
namespace {

struct CurveOptions {
  std::vector<std::string> from, to;
  FilterOptions filters;
  std::vector<double> volumes_mt;
  std::string by = "time", equilibrium = "user", network, format = "table";
  double gap = kDefaultRelativeGap;
  int max_iterations = kDefaultEquilibriumIterations;
  std::int64_t samples = kDefaultCurveSamples;
  std::uint64_t seed = 1;
  unsigned threads = 0;
};

int run_curve(const CurveOptions& options) {
  const Network network = load_network_option(options.network);
  CurveRequest request;
  request.from = options.from;
  request.to = options.to;
  for (double mt : options.volumes_mt) request.volumes_tpy.push_back(mt * 1e6);
  request.by = *parse<AssignObjective>(options.by);
  request.corridors = options.filters.corridors;
  request.avoid = options.filters.avoid;
  request.equilibrium = EquilibriumSettings{*parse<EquilibriumKind>(options.equilibrium), options.gap, options.max_iterations};
  DiagnosticSink sink;
  auto query = resolve(network, request, "", sink);
  sink.throw_if_errors();
  print_diagnostics(sink.diagnostics());  // closed or cut-off ends (W-IDLE-END)
  query->samples = options.samples;
  query->seed = options.seed;
  query->threads = options.threads;
  const CurveResult result = solve::volume_time_curve(network, *query);
  if (options.format == "json") std::cout << io::curve_json(network, result);
  else if (options.format == "csv") std::cout << io::curve_csv(network, result);
  else if (options.format == "svg") std::cout << io::curve_svg(result, io::SvgPlacement::File);
  else std::cout << io::curve_table(network, result);
  const bool moved = std::any_of(result.points.begin(), result.points.end(),
                                 [](const CurvePoint& point) { return !point.routes.empty(); });
  return moved ? kExitOk : kExitNoAnswer;  // no route between the ends at any volume
}

}  // namespace

void register_curve_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<CurveOptions>();
  CLI::App* cmd = app.add_subcommand(
      "curve", "Transit time against annual volume with load-dependent delays (equilibrium), and what congests");
  cmd->add_option("--from", options->from, "Origin node ids, comma-separated")->required()->delimiter(',');
  cmd->add_option("--to", options->to, "Destination node ids, comma-separated")->required()->delimiter(',');
  cmd->add_option("--volumes-mt", options->volumes_mt, "Annual volumes in Mt/yr, comma-separated, e.g. 1,2,4,8")
      ->required()
      ->delimiter(',')
      ->check(number_in_range(1e-6, 1e6));
  cmd->add_option("--by", options->by, "Objective")->check(CLI::IsMember(names<AssignObjective>()))->capture_default_str();
  cmd->add_option("--equilibrium", options->equilibrium, "User equilibrium or system optimum")
      ->check(CLI::IsMember(names<EquilibriumKind>()))
      ->capture_default_str();
  cmd->add_option("--gap", options->gap, "Stop each assignment at this relative gap")
      ->check(number_in_range(1e-12, 1.0))
      ->capture_default_str();
  cmd->add_option("--max-iterations", options->max_iterations, "Iteration limit per volume")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  cmd->add_option("--samples", options->samples, "Sampled journeys per route of a point, for its P50 and P90")
      ->check(CLI::Range(std::int64_t{1}, kMaxSamples))
      ->capture_default_str();
  add_seed_option(*cmd, options->seed);
  cmd->add_option("--threads", options->threads, "Worker threads for the sampling (default: one per core; never changes the result)");
  add_filter_options(*cmd, options->filters, kCorridorFilter | kAvoidFilter,
                     "the curve spreads each volume over all paths at equilibrium; avoid countries with --avoid on "
                     "their nodes, and modes and via points apply to single routes");
  add_network_and_format_options(
      *cmd, options->network, options->format,
      {io::OutputFormat::Table, io::OutputFormat::Json, io::OutputFormat::Csv, io::OutputFormat::Svg});
  cmd->callback([options, &action] { action = [options] { return run_curve(*options); }; });
}

}  // namespace corridor::cli
