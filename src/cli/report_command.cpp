// corridor report: a scenario as one self-contained HTML page (maps and tables).

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "io/basemap.hpp"
#include "io/html_report.hpp"
#include "io/sweep_json.hpp"
#include "io/text_file.hpp"
#include "solve/scenario_run.hpp"

namespace corridor::cli {

void refuse_output_over_inputs(const std::string& option, const std::string& output,
                               const std::vector<std::string>& inputs) {
  if (output.empty() || output == "-") return;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (!input.empty() && std::filesystem::equivalent(output, input, ec))
      throw CLI::ValidationError(option, "\"" + output + "\" is the input file " + input +
                                             ": writing it would destroy the input; choose another file");
  }
}

void write_output(const std::string& path, const std::string& text, const std::string& what) {
  if (path.empty() || path == "-") {
    std::cout << text;
    return;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (out) out << text;
  if (out) out.flush();
  if (!out) {
    DiagnosticSink sink = file_sink(path);
    sink.error("E-FILE", "", std::string("cannot write file: ") + std::strerror(errno));
    sink.throw_if_errors();
  }
  std::cout << path << ": " << what << " (" << (text.size() + 1023) / 1024 << " KB)\n";
}

namespace {

struct ReportOptions {
  std::string scenario, output;
};

int run_report(const ReportOptions& options) {
  refuse_output_over_inputs("--output", options.output, {options.scenario});
  if (io::looks_like_sweep(io::read_text_file(options.scenario))) return run_sweep_report(options.scenario, options.output);
  LoadedScenario loaded = load_scenario_reporting(options.scenario);
  DiagnosticSink sink = file_sink(options.scenario);
  auto outcomes = solve::run_queries(loaded.network, loaded.scenario, sink);
  sink.throw_if_errors();
  const io::Basemap basemap = io::load_basemap(io::basemap_path(data_dir()));
  std::vector<std::string> warnings;
  for (const Diagnostic& d : loaded.warnings) warnings.push_back(format(d));
  for (const Diagnostic& d : sink.diagnostics()) warnings.push_back(format(d));
  write_output(options.output,
               io::scenario_report_html(loaded.scenario, loaded.network, outcomes, basemap, warnings),
               "report of scenario \"" + loaded.scenario.name + "\", " + std::to_string(outcomes.size()) + " queries");
  return solve::all_answered(outcomes) ? kExitOk : kExitNoAnswer;
}

}  // namespace

void register_report_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "report", "Run a scenario and write one self-contained HTML page: maps, routes with their legs, capacity");
  cmd->add_option("scenario", options->scenario, "Scenario or sweep file (JSON)")->required();
  cmd->add_option("-o,--output", options->output, "HTML file to write (default: standard output)");
  cmd->callback([options, &action] { action = [options] { return run_report(*options); }; });
}

}  // namespace corridor::cli
