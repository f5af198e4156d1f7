#pragma once
// Capacity planning queries and results (docs/capacity.md): demand assignment under shared
// capacities, criticality of single elements, upgrade ranking, scenario comparison.
// Plain types only; the solvers are in src/solve.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/cost.hpp"
#include "model/diagnostic.hpp"
#include "model/enum_table.hpp"
#include "model/equilibrium.hpp"
#include "model/network.hpp"
#include "model/query.hpp"

namespace corridor {

// ---------------------------------------------------------------- per-tonne weights

/// What a demand assignment minimises. Units of the objective: tonne-hours (time),
/// USD (cost), USD (generalized = cost + value of time x days).
enum class AssignObjective : std::uint8_t { Time, Cost, Generalized };
inline constexpr EnumName<AssignObjective> kAssignObjectiveNames[] = {{AssignObjective::Time, "time"}, {AssignObjective::Cost, "cost"}, {AssignObjective::Generalized, "generalized"}};
static_assert(enum_table_valid(kAssignObjectiveNames));
constexpr const auto& enum_table(AssignObjective) { return kAssignObjectiveNames; }
/// "h" / "USD" per tonne: the unit of one tonne's weight for the objective.
std::string_view weight_unit(AssignObjective objective);

struct WeightParams {
  AssignObjective by = AssignObjective::Time;
  double value_of_time_usd_per_t_day = 0.0;  ///< generalized only
  double carbon_price_usd_per_t_co2 = 0.0;   ///< generalized only
};

/// The per-tonne weight of a step of a route (model/cost.hpp's step_metrics, the model routes
/// use): its hours (in motion plus expected wait, or dwell plus transfer); or its money (tariff or
/// handling); or the generalized cost of routes (money + value of time x days + carbon price x
/// CO2e). Cost and generalized weights add 1e-6 per hour, so that ties never leave freight
/// circling. One function for every capacity solver.
double weight_per_t(const StepMetrics& step, const WeightParams& params);
/// The weight of one hour of one tonne's time (1 for time; the value of time for generalized;
/// a tie-break for cost): what a load-dependent delay adds to a step's weight per hour.
double hour_weight_per_t(const WeightParams& params);

// ---------------------------------------------------------------- demand assignment

/// One row of a demand table as written (ids), with where it was written for diagnostics.
struct DemandRow {
  std::string from;
  std::string to;
  double tonnes_per_year = 0.0;
  std::string pointer;  ///< JSON Pointer in a scenario ("/queries/2/demand/0"), empty for CSV
  std::string file;     ///< CSV file, empty for JSON
  int line = 0;         ///< CSV line (1-based)
};

struct AssignRequest {
  std::vector<DemandRow> demand;
  AssignObjective by = AssignObjective::Time;
  std::vector<std::string> corridors;
  std::vector<std::string> avoid;
  std::vector<std::string> avoid_countries;  ///< ISO alpha-2 codes (any case)
  /// Weight of one unserved tonne; default: larger than any path's weight (serve first).
  std::optional<double> unserved_penalty_per_t;
  double value_of_time_usd_per_t_day = 0.0;
  double carbon_price_usd_per_t_co2 = 0.0;
  /// Load-dependent times (docs/model.md, "Congestion"); none = the linear program.
  std::optional<EquilibriumSettings> equilibrium;
  /// The linear program uses only links and nodes on a route no slower than this many times the
  /// fastest between the pair's ends (docs/model.md); nullopt = any route.
  std::optional<double> max_detour = kDefaultMaxDetour;
};

struct OdDemand {
  NodeIndex from = 0;
  NodeIndex to = 0;
  double tonnes_per_year = 0.0;
};

struct AssignQuery {
  std::vector<OdDemand> demand;
  WeightParams weights;
  std::vector<std::string> corridors;
  Avoidance avoid;
  std::optional<double> unserved_penalty_per_t;
  std::optional<EquilibriumSettings> equilibrium;  ///< see AssignRequest
  std::optional<double> max_detour = kDefaultMaxDetour;  ///< see AssignRequest
};

/// One path of an OD pair's route split.
struct OdPath {
  std::vector<NodeIndex> nodes;
  std::vector<LinkIndex> links;
  double tonnes_per_year = 0.0;
  double weight_per_t = 0.0;  ///< objective units per tonne along this path
  double hours = 0.0;         ///< time model of routes (dwell, transfers, waits, travel), loaded
  double delay_hours = 0.0;   ///< equilibrium: the load-dependent part of `hours`
};

struct OdAssignment {
  OdDemand demand;
  double served_tpy = 0.0;
  double unserved_tpy = 0.0;
  std::vector<OdPath> paths;  ///< largest first
};

/// A capacity (link direction or node) with its load under the assignment.
struct CapacityLoad {
  CutElement::Type type = CutElement::Type::Link;
  std::uint32_t index = 0;   ///< LinkIndex or NodeIndex
  NodeIndex from = 0;        ///< links: direction
  NodeIndex to = 0;
  double load_tpy = 0.0;
  std::optional<TonnesPerYear> capacity_tpy;
  bool binding = false;       ///< load equals capacity
  /// Marginal value of one more tonne/yr of this capacity, in objective units per tonne
  /// (the LP dual, sign turned so that a useful capacity is positive). 0 when not binding.
  double marginal_value_per_t = 0.0;
  double delay_hours = 0.0;           ///< equilibrium: load-dependent delay per tonne here
  std::optional<double> utilisation;  ///< equilibrium: load / capacity (hard, else the delay's)
};

/// How the assignment's solver ended (a value: io words it for reports).
enum class AssignSolverStatus : std::uint8_t {
  Optimal,              ///< GLPK's simplex found the optimum
  Empty,                ///< nothing to solve: no demand or no arcs
  ConjugateFrankWolfe,  ///< equilibrium: see AssignResult::equilibrium for gap and stop
  SimplexFailed,        ///< glp_simplex returned an error code (AssignResult::solver_code)
  NotOptimal,           ///< the simplex ended in another GLPK status (AssignResult::solver_code)
};

struct AssignResult;
/// Puts an assignment's `loads` in network order (links first, by index, then direction) and
/// copies the binding ones to `binding`, largest marginal value first: the order of its reports.
void order_capacity_loads(AssignResult& result);

struct AssignResult {
  AssignQuery query;
  bool solved = false;          ///< false only if the LP solver failed (a bug, reported)
  AssignSolverStatus solver_status = AssignSolverStatus::Empty;
  int solver_code = 0;          ///< GLPK's return code or status, when the status names one
  double objective = 0.0;       ///< total weight incl. unserved penalties (objective units / yr)
  double unserved_penalty_per_t = 0.0;
  double served_tpy = 0.0;
  double unserved_tpy = 0.0;
  std::vector<OdAssignment> ods;      ///< in demand order
  std::vector<CapacityLoad> loads;    ///< every loaded link direction and node, network order
  std::vector<CapacityLoad> binding;  ///< binding capacities, by marginal value (largest first)
  std::vector<ResourceLoad> resource_loads;  ///< per network resource (the linear program and the equilibrium)
  std::optional<EquilibriumStats> equilibrium;  ///< set by the equilibrium assignment
};

// ---------------------------------------------------------------- criticality

struct OdPairRequest {
  std::string from;
  std::string to;
};

struct CriticalityRequest {
  FlowRequest flow;                  ///< regions between which max-flow loss is measured
  std::vector<OdPairRequest> routes; ///< OD pairs whose added days are measured
  std::vector<std::string> elements; ///< ids to remove one at a time; empty = every element
  std::optional<int> top;            ///< report only the first N of the ranking
};

/// One element of the network (a link or a node), as removed by a criticality run.
struct ElementRef {
  CutElement::Type type = CutElement::Type::Link;
  std::uint32_t index = 0;
  bool operator==(const ElementRef&) const = default;
};

struct CriticalityQuery {
  FlowQuery flow;
  std::vector<RouteQuery> routes;
  std::vector<ElementRef> elements;  ///< empty = every open element but the query's terminals
  std::optional<int> top;
};

struct ElementImpact {
  ElementRef element;
  TonnesPerYear flow_after_tpy = 0;
  TonnesPerYear flow_loss_tpy = 0;
  /// Per OD pair: hours added to the fastest route; nullopt = no route any more.
  std::vector<std::optional<double>> added_hours;
  int disconnected_pairs = 0;
};

struct CriticalityResult {
  CriticalityQuery query;
  TonnesPerYear base_flow_tpy = 0;
  bool unbounded = false;                     ///< base flow without finite capacity
  std::vector<std::optional<double>> base_hours;  ///< per OD pair; nullopt = no route at all
  std::vector<ElementImpact> ranking;         ///< most critical first (see docs/capacity.md)
  std::size_t elements_tested = 0;
};

/// Strict weak order of the criticality ranking: flow loss, then disconnected OD pairs, then
/// added hours (sum), then links before nodes, then index. Deterministic whatever the threads.
bool more_critical(const ElementImpact& a, const ElementImpact& b);

// ---------------------------------------------------------------- upgrades

struct UpgradeRequest {
  FlowRequest flow;  ///< its target_tpy is the plan's target
  int max_steps = 20;
};

struct UpgradeQuery {
  FlowQuery flow;
  int max_steps = 20;
};

/// A binding element and what raising it alone gives.
struct UpgradeOption {
  CutElement element;          ///< as in the minimum cut (capacity before)
  /// Max-flow gain for the first added tonne (1 if this element is in every minimum cut, else 0).
  double marginal_gain_per_t = 0.0;
  /// Tonnes of added capacity that each add one tonne of max flow before something else binds
  /// (max flow grows 1:1 with one element's capacity up to this amount, then not at all).
  TonnesPerYear headroom_tpy = 0;
};

/// One step of the greedy plan: the elements raised and by how much.
struct UpgradeStep {
  std::vector<CutElement> raised;               ///< capacity_tpy = capacity before the step
  std::vector<TonnesPerYear> added_tpy;         ///< per raised element
  TonnesPerYear flow_after_tpy = 0;
  bool joint = false;  ///< no single element helped: the whole binding cut was raised together
};

/// Why an upgrade plan ended (a value: io words it for reports).
enum class UpgradeStop : std::uint8_t {
  TargetReached,     ///< the plan reaches the target flow
  StepLimit,         ///< max_steps steps taken, the target not reached
  NoTarget,          ///< no target given: the options are ranked, no plan is made
  Unbounded,         ///< the flow is unlimited: some path has no capacity figure
  Unreachable,       ///< nothing can flow: the sources do not reach the sinks
  CutsDoNotHelp,     ///< raising the binding cuts together does not increase the flow
};
inline constexpr EnumName<UpgradeStop> kUpgradeStopNames[] = {{UpgradeStop::TargetReached, "target_reached"}, {UpgradeStop::StepLimit, "step_limit"}, {UpgradeStop::NoTarget, "no_target"}, {UpgradeStop::Unbounded, "unbounded"}, {UpgradeStop::Unreachable, "unreachable"}, {UpgradeStop::CutsDoNotHelp, "cuts_do_not_help"}};
static_assert(enum_table_valid(kUpgradeStopNames));
constexpr const auto& enum_table(UpgradeStop) { return kUpgradeStopNames; }

struct UpgradeResult {
  UpgradeQuery query;
  FlowResult base;                       ///< the max flow and its cut before any upgrade
  std::vector<UpgradeOption> options;    ///< per binding element, largest headroom first
  std::vector<UpgradeStep> plan;         ///< greedy plan (empty without a target)
  TonnesPerYear total_added_tpy = 0;
  TonnesPerYear final_flow_tpy = 0;
  bool target_reached = false;
  UpgradeStop stop = UpgradeStop::NoTarget;  ///< why the plan ended
};

/// Resolution of the requests against a network; problems go to `sink` with `pointer`.
std::optional<AssignQuery> resolve(const Network& network, const AssignRequest& request, const std::string& pointer,
                                   DiagnosticSink& sink);
std::optional<CriticalityQuery> resolve(const Network& network, const CriticalityRequest& request,
                                        const std::string& pointer, DiagnosticSink& sink);
std::optional<UpgradeQuery> resolve(const Network& network, const UpgradeRequest& request, const std::string& pointer,
                                    DiagnosticSink& sink);

}  // namespace corridor
