// corridor reliability: sampled delivery-time percentiles and on-time probability of a route.

#include <iostream>

#include "cli/commands.hpp"
#include "io/analysis_csv.hpp"
#include "cli/cut_off.hpp"
#include "cli/shared_options.hpp"
#include "io/reliability_report.hpp"
#include "model/validate.hpp"
#include "solve/reliability.hpp"

namespace corridor::cli {
namespace {

struct ReliabilityOptions {
  std::string from, to, network, format = "table", depart;
  FilterOptions filters;
  std::int64_t samples = kDefaultSamples;
  std::uint64_t seed = 1;
  std::optional<double> deadline_days;
  unsigned threads = 0;
  int k = 0;
  std::string by = "mean";
  double volume_mt = 0.0;
};

int run_reliability(const ReliabilityOptions& options) {
  const Network network = load_network_option(options.network);
  if (report_cut_off_end(network, options.network, options.from, options.to)) return kExitNoAnswer;
  ReliabilityRequest request;
  request.route.from = options.from;
  request.route.to = options.to;
  request.route.corridors = options.filters.corridors;
  request.route.avoid = options.filters.avoid;
  request.route.avoid_countries = options.filters.avoid_countries;
  request.route.modes = options.filters.modes;
  request.samples = options.samples;
  request.seed = options.seed;
  request.deadline_days = options.deadline_days;
  request.depart = options.depart;
  request.k = options.k;
  request.by = *parse<ReliabilityRank>(options.by);
  request.volume_tpy = options.volume_mt * 1e6;
  DiagnosticSink sink;  // command-line arguments
  auto query = resolve(network, request, "", sink);
  sink.throw_if_errors();
  query->threads = options.threads;
  const solve::Router router(network);
  const ReliabilityResult result = solve::assess_reliability(network, router, *query);
  if (options.format == "csv") std::cout << io::render_csv(io::reliability_csv_table(network, result));
  else std::cout << (options.format == "json" ? io::reliability_json(network, result)
                                              : io::reliability_table(network, result));
  return result.found() ? kExitOk : kExitNoAnswer;
}

}  // namespace

void register_reliability_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<ReliabilityOptions>();
  CLI::App* cmd = app.add_subcommand(
      "reliability", "Delivery-time percentiles (P50-P95) and on-time probability of a route, by Monte Carlo");
  add_from_to_options(*cmd, options->from, options->to, "ISTANBUL");
  cmd->add_option("--samples", options->samples, "Number of sampled journeys (1 to 20,000,000)")
      ->capture_default_str();
  add_seed_option(*cmd, options->seed);
  cmd->add_option("--deadline-days", options->deadline_days, "Deadline in days: report the share of journeys on time");
  cmd->add_option("--depart", options->depart,
                  "Departure (UTC), e.g. 2026-03-02T08:00: timetabled links wait for their next departure");
  cmd->add_option("--k", options->k,
                  "Sample the k best routes by expected time and compare them (default 1; 5 with --by p90)")
      ->check(CLI::Range(1, kMaxAlternatives));
  cmd->add_option("--by", options->by, "Rank the sampled routes by expected time or by their 90th percentile")
      ->check(CLI::IsMember(names<ReliabilityRank>()))
      ->capture_default_str();
  cmd->add_option("--volume-mt", options->volume_mt,
                  "Annual volume (Mt/yr) from --from to --to: sample the waits with the load-dependent delays of its "
                  "user equilibrium (default 0: no load)");
  cmd->add_option("--threads", options->threads, "Worker threads (default: one per core; never changes the result)");
  add_filter_options(*cmd, options->filters, kAllFilters & ~kViaFilter,
                     "reliability samples whole routes chosen by expected time; via points are not offered");
  add_network_and_format_options(*cmd, options->network, options->format,
                                 {io::OutputFormat::Table, io::OutputFormat::Json, io::OutputFormat::Csv});
  cmd->callback([options, &action] { action = [options] { return run_reliability(*options); }; });
}

}  // namespace corridor::cli
