// corridor assign: a demand table assigned at minimum total time/cost under shared capacities.

#include <charconv>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/shared_options.hpp"
#include "io/capacity_report.hpp"
#include "io/analysis_csv.hpp"
#include "io/demand_csv.hpp"
#include "model/capacity.hpp"
#include "solve/assign.hpp"
#include "solve/equilibrium.hpp"

namespace corridor::cli {
namespace {

struct AssignOptions {
  std::string demand_csv, by = "time", network, format = "table";
  std::vector<std::string> od;
  FilterOptions filters;
  std::optional<double> unserved_penalty;
  double value_of_time = 0.0, carbon_price = 0.0;
  std::string equilibrium;  ///< empty = the linear program
  double gap = kDefaultRelativeGap;
  int max_iterations = kDefaultEquilibriumIterations;
  std::optional<double> max_detour = kDefaultMaxDetour;
};

/// "FROM:TO:TONNES" from the command line; bad ones go to `sink` with pointer /od/i.
std::vector<DemandRow> parse_od_options(const std::vector<std::string>& items, DiagnosticSink& sink) {
  std::vector<DemandRow> rows;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string& item = items[i];
    const auto first = item.find(':');
    const auto second = first == std::string::npos ? std::string::npos : item.find(':', first + 1);
    DemandRow row;
    row.pointer = "/od/" + std::to_string(i);
    bool ok = second != std::string::npos;
    if (ok) {
      row.from = item.substr(0, first);
      row.to = item.substr(first + 1, second - first - 1);
      // Decimal only: std::stod would also take hexadecimal (0x10) and leading spaces.
      const char* begin = item.data() + second + 1;
      const char* end = item.data() + item.size();
      const auto [stop, error] = std::from_chars(begin, end, row.tonnes_per_year);
      ok = error == std::errc() && stop == end && begin != end;
    }
    if (!ok) {
      sink.error("E-QUERY", row.pointer, "expected FROM:TO:TONNES_PER_YEAR, got \"" + item + "\"");
      continue;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

int run_assign(const AssignOptions& options) {
  const Network network = load_network_option(options.network);
  DiagnosticSink sink;  // command line; CSV rows carry their own file and line
  AssignRequest request;
  request.by = *parse<AssignObjective>(options.by);
  request.corridors = options.filters.corridors;
  request.avoid = options.filters.avoid;
  request.avoid_countries = options.filters.avoid_countries;
  request.unserved_penalty_per_t = options.unserved_penalty;
  request.value_of_time_usd_per_t_day = options.value_of_time;
  request.carbon_price_usd_per_t_co2 = options.carbon_price;
  request.max_detour = options.max_detour;
  if (!options.equilibrium.empty())
    request.equilibrium = EquilibriumSettings{*parse<EquilibriumKind>(options.equilibrium), options.gap,
                                              options.max_iterations};
  request.demand = parse_od_options(options.od, sink);
  if (!options.demand_csv.empty()) {
    auto rows = io::load_demand_csv(options.demand_csv, sink);
    request.demand.insert(request.demand.end(), rows.begin(), rows.end());
  }
  auto query = resolve(network, request, "", sink);
  sink.throw_if_errors();
  const AssignResult result =
      query->equilibrium ? solve::assign_equilibrium(network, *query) : solve::assign_demand(network, *query);
  if (options.format == "csv") std::cout << io::render_csv(io::assign_csv_table(network, result));
  else std::cout << (options.format == "json" ? io::assign_json(network, result) : io::assign_table(network, result));
  if (!result.solved) throw std::runtime_error("the LP solver failed: " + io::assign_solver_status_text(result));
  return kExitOk;
}

}  // namespace

void register_assign_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<AssignOptions>();
  CLI::App* cmd = app.add_subcommand(
      "assign", "Assign a demand table (t/yr per OD pair) at minimum total time or cost under shared capacities");
  cmd->add_option("--demand", options->demand_csv, "Demand CSV file: from,to,tonnes_per_year per line");
  cmd->add_option("--od", options->od, "One OD demand FROM:TO:TONNES_PER_YEAR (repeatable)");
  cmd->add_option("--by", options->by, "Objective")
      ->check(CLI::IsMember(names<AssignObjective>()))
      ->capture_default_str();
  cmd->add_option("--value-of-time", options->value_of_time, "USD per tonne per day (generalized objective)")
      ->check(number_in_range(0.0, 1e6));
  cmd->add_option("--carbon-price", options->carbon_price, "USD per tonne of CO2e (generalized objective)")
      ->check(number_in_range(0.0, 1e6));
  cmd->add_option("--unserved-penalty", options->unserved_penalty,
                  "Objective units per unserved tonne (default: more than any path weighs)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--equilibrium", options->equilibrium,
                  "Load-dependent delays: user equilibrium (Wardrop) or system optimum (docs/model.md)")
      ->check(CLI::IsMember(names<EquilibriumKind>()));
  cmd->add_option("--gap", options->gap, "Equilibrium: stop at this relative gap")
      ->check(number_in_range(1e-12, 1.0))
      ->capture_default_str();
  cmd->add_option("--max-iterations", options->max_iterations, "Equilibrium: stop after this many iterations")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  add_max_detour_option(*cmd, options->max_detour);
  add_filter_options(*cmd, options->filters, kFlowFilters,
                     "the assignment spreads each OD pair over all its paths; modes and via points apply to "
                     "single routes");
  add_network_and_format_options(*cmd, options->network, options->format,
                                 {io::OutputFormat::Table, io::OutputFormat::Json, io::OutputFormat::Csv});
  cmd->callback([cmd, options, &action] {
    for (const char* weight : {"--value-of-time", "--carbon-price"})
      refuse_without_effect(*cmd, weight, options->by == "generalized", "it weighs only --by generalized");
    for (const char* option : {"--gap", "--max-iterations"})
      refuse_without_effect(*cmd, option, !options->equilibrium.empty(), "it applies only with --equilibrium");
    refuse_without_effect(*cmd, "--max-detour", options->equilibrium.empty(),
                          "at equilibrium each pair uses only its fastest routes under load (docs/model.md)");
    if (options->demand_csv.empty() && options->od.empty())
      throw CLI::ValidationError("assign", "give a demand table: --demand FILE.csv and/or --od FROM:TO:TONNES");
    action = [options] { return run_assign(*options); };
  });
}

}  // namespace corridor::cli
