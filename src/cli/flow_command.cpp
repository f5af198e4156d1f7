// corridor flow: maximum flow and its binding minimum cut between node sets.

#include <iostream>

#include "cli/commands.hpp"
#include "cli/shared_options.hpp"
#include "io/formats.hpp"
#include "io/report.hpp"
#include "model/validate.hpp"
#include "solve/path_flow.hpp"

namespace corridor::cli {
namespace {

struct FlowOptions {
  std::vector<std::string> from, to;
  std::optional<std::int64_t> target_tpy;
  std::string network, format = "table";
  FilterOptions filters;
  std::optional<double> max_detour = kDefaultMaxDetour;
};

int run_flow(const FlowOptions& options) {
  const Network network = load_network_option(options.network);
  FlowRequest request{options.from, options.to, options.target_tpy, options.filters.corridors, options.filters.avoid,
                      options.filters.avoid_countries};
  request.max_detour = options.max_detour;
  DiagnosticSink sink;
  auto query = resolve(network, request, "", sink);
  sink.throw_if_errors();
  print_diagnostics(sink.diagnostics());  // closed or cut-off ends (W-IDLE-END)
  const FlowResult result = solve::capacity_max_flow(network, *query);
  std::cout << io::render_flow(network, result, parse<io::OutputFormat>(options.format).value_or(io::OutputFormat::Table));
  return result.unbounded || result.max_flow_tpy > 0 ? kExitOk : kExitNoAnswer;
}

}  // namespace

void register_flow_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<FlowOptions>();
  CLI::App* cmd = app.add_subcommand("flow", "Maximum flow (t/yr) between node sets, with the binding minimum cut");
  cmd->add_option("--from", options->from, "Source node ids, comma-separated")->required()->delimiter(',');
  cmd->add_option("--to", options->to, "Sink node ids, comma-separated")->required()->delimiter(',');
  add_tonnes_option(*cmd, "--target-tpy", options->target_tpy,
                    "Target in tonnes per year (e.g. 10000000 or 10e6); reported as met or short");
  add_filter_options(*cmd, options->filters, kFlowFilters,
                     "a max flow uses every route at once; modes and via points apply to single routes");
  add_max_detour_option(*cmd, options->max_detour);
  add_network_and_format_options(*cmd, options->network, options->format,
                                 {io::OutputFormat::Table, io::OutputFormat::Json, io::OutputFormat::Csv,
                                  io::OutputFormat::GeoJson, io::OutputFormat::Dot});
  cmd->callback([options, &action] { action = [options] { return run_flow(*options); }; });
}

}  // namespace corridor::cli
