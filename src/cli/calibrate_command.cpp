// corridor calibrate: the model against published transit times, capacities and volumes.

#include <cassert>
#include <iostream>
#include <map>

#include "cli/commands.hpp"
#include "cli/shared_options.hpp"
#include "io/calibration_report.hpp"
#include "model/validate.hpp"
#include "solve/path_flow.hpp"
#include "solve/route.hpp"

namespace corridor::cli {
namespace {

struct CalibrateOptions {
  std::string file, network, format = "table";
};

std::string route_text(const RouteRequest& route) {
  std::string text = route.from + " -> " + route.to;
  for (const auto& via : route.via) text += " via " + via;
  if (!route.corridors.empty()) {
    text += " (";
    for (std::size_t i = 0; i < route.corridors.size(); ++i) text += (i ? "," : "") + route.corridors[i];
    text += ")";
  }
  return text;
}

std::string flow_text(const FlowRequest& flow) {
  auto join = [](const std::vector<std::string>& ids) {
    std::string out;
    for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + ids[i];
    return out;
  };
  std::string text = join(flow.from) + " -> " + join(flow.to);
  if (!flow.corridors.empty()) text += " (" + join(flow.corridors) + ")";
  if (!flow.avoid.empty()) text += " avoiding " + join(flow.avoid);
  return text;
}

}  // namespace

CalibrationReport evaluate_calibration(const Network& network, const CalibrationSet& set, const std::string& path) {
  CalibrationReport report;
  DiagnosticSink sink = file_sink(path);
  const solve::Router router(network);
  std::map<std::string, std::optional<double>> days_by_id;
  for (std::size_t i = 0; i < set.times.size(); ++i) {
    const CalibrationTime& entry = set.times[i];
    std::optional<double> days;
    if (auto query = resolve(network, entry.route, "/times/" + std::to_string(i), sink)) {
      const RouteResult result = router.find_route(*query);
      if (result.found()) days = result.routes.front().hours / 24.0;
    }
    days_by_id[entry.figure.id] = days;
    report.rows.push_back(compare_figure(CalibrationKind::Time, entry.figure, route_text(entry.route), days));
  }
  for (std::size_t i = 0; i < set.capacities.size(); ++i) {
    const CalibrationCapacity& entry = set.capacities[i];
    std::optional<double> tpy;
    if (auto query = resolve(network, entry.flow, "/capacities/" + std::to_string(i), sink)) {
      const FlowResult result = solve::capacity_max_flow(network, *query);
      if (!result.unbounded) tpy = static_cast<double>(result.max_flow_tpy);
    }
    report.rows.push_back(compare_figure(entry.is_volume ? CalibrationKind::Volume : CalibrationKind::Capacity,
                                         entry.figure, flow_text(entry.flow), tpy));
  }
  for (const CalibrationRatio& entry : set.ratios) {
    std::optional<double> ratio;
    const auto numerator = days_by_id.find(entry.numerator_id), denominator = days_by_id.find(entry.denominator_id);
    assert(numerator != days_by_id.end() && denominator != days_by_id.end());  // checked when loaded
    if (numerator->second && denominator->second && *denominator->second > 0)
      ratio = *numerator->second / *denominator->second;
    report.rows.push_back(compare_figure(CalibrationKind::Ratio, entry.figure,
                                         entry.numerator_id + " / " + entry.denominator_id, ratio));
  }
  sink.throw_if_errors();
  return report;
}

namespace {

int run_calibrate(const CalibrateOptions& options) {
  const Network network = load_network_option(options.network);
  const std::string path = options.file.empty() ? data_dir() + "/network/calibration.json" : options.file;
  DiagnosticSink sink(path);
  const CalibrationSet set = io::load_calibration(path, sink);
  print_diagnostics(sink.diagnostics());
  const CalibrationReport report = evaluate_calibration(network, set, path);
  std::cout << io::render_calibration(report, parse<io::OutputFormat>(options.format).value_or(io::OutputFormat::Table));
  return kExitOk;
}

}  // namespace

void register_calibrate_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<CalibrateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "calibrate", "The model against published transit times and capacities (network/calibration.json by default)");
  cmd->add_option("file", options->file, "Calibration file (default: the shipped network/calibration.json)");
  add_network_and_format_options(*cmd, options->network, options->format,
                                 {io::OutputFormat::Table, io::OutputFormat::Json});
  cmd->callback([options, &action] { action = [options] { return run_calibrate(*options); }; });
}

}  // namespace corridor::cli
