// corridor criticality: remove each link and node in turn, rank by lost capacity and added days.

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

#include "cli/commands.hpp"
#include "io/analysis_csv.hpp"
#include "cli/shared_options.hpp"
#include "io/capacity_report.hpp"
#include "model/capacity.hpp"
#include "solve/criticality.hpp"

namespace corridor::cli {
namespace {

struct CriticalityOptions {
  std::vector<std::string> from, to, od, elements;
  FilterOptions filters;
  std::optional<int> top;
  unsigned threads = 0;
  std::optional<double> max_detour = kDefaultMaxDetour;
  std::string network, format = "table";
};

int run_criticality(const CriticalityOptions& options) {
  const Network network = load_network_option(options.network);
  DiagnosticSink sink;
  CriticalityRequest request;
  request.flow = FlowRequest{options.from, options.to, std::nullopt, options.filters.corridors,
                             options.filters.avoid, options.filters.avoid_countries};
  request.flow.max_detour = options.max_detour;
  for (std::size_t i = 0; i < options.od.size(); ++i) {
    const auto colon = options.od[i].find(':');
    if (colon == std::string::npos) {
      sink.error("E-QUERY", "/od/" + std::to_string(i), "expected FROM:TO, got \"" + options.od[i] + "\"");
      continue;
    }
    request.routes.push_back({options.od[i].substr(0, colon), options.od[i].substr(colon + 1)});
  }
  request.elements = options.elements;
  request.top = options.top;
  auto query = resolve(network, request, "", sink);
  sink.throw_if_errors();
  print_diagnostics(sink.diagnostics());  // closed or cut-off ends (W-IDLE-END)
  // Progress only for a person watching: stderr must be a terminal.
  solve::ProgressCallback progress;
  if (isatty(STDERR_FILENO)) {
    progress = [](std::size_t done, std::size_t total) {
      std::fprintf(stderr, "\rcriticality: %zu/%zu elements", done, total);
      if (done == total) std::fprintf(stderr, "\n");
      std::fflush(stderr);
    };
  }
  const CriticalityResult result = solve::criticality(network, *query, options.threads, progress);
  if (options.format == "csv") std::cout << io::render_csv(io::criticality_csv_table(network, result));
  else std::cout << (options.format == "json" ? io::criticality_json(network, result)
                                              : io::criticality_table(network, result));
  // Exit 2 when nothing can move at all (W-IDLE-END): no flow between the ends, no route of any OD pair.
  const bool moves = result.unbounded || result.base_flow_tpy > 0 ||
                     std::any_of(result.base_hours.begin(), result.base_hours.end(),
                                 [](const std::optional<double>& hours) { return hours.has_value(); });
  return moves ? kExitOk : kExitNoAnswer;
}

}  // namespace

void register_criticality_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<CriticalityOptions>();
  CLI::App* cmd = app.add_subcommand(
      "criticality", "Remove each link and node in turn; rank them by lost max flow and added days");
  cmd->add_option("--from", options->from, "Source node ids of the max flow, comma-separated")
      ->required()
      ->delimiter(',');
  cmd->add_option("--to", options->to, "Sink node ids of the max flow, comma-separated")->required()->delimiter(',');
  cmd->add_option("--od", options->od, "OD pair FROM:TO whose fastest route is re-timed (repeatable)");
  cmd->add_option("--elements", options->elements, "Only remove these node or link ids (default: every element)")
      ->delimiter(',');
  cmd->add_option("--top", options->top, "Show only the N most critical")->check(CLI::Range(1, 1'000'000));
  cmd->add_option("--threads", options->threads, "Worker threads (0 = one per core); the ranking does not depend on it")
      ->check(CLI::Range(0u, 256u))
      ->capture_default_str();
  add_filter_options(*cmd, options->filters, kFlowFilters,
                     "criticality measures a max flow, which uses every route at once; modes and via points "
                     "apply to single routes");
  add_max_detour_option(*cmd, options->max_detour);
  add_network_and_format_options(*cmd, options->network, options->format,
                                 {io::OutputFormat::Table, io::OutputFormat::Json, io::OutputFormat::Csv});
  cmd->callback([options, &action] { action = [options] { return run_criticality(*options); }; });
}

}  // namespace corridor::cli
