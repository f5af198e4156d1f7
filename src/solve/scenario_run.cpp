#include "solve/scenario_run.hpp"

#include "model/validate.hpp"
#include "solve/assign.hpp"
#include "solve/equilibrium.hpp"
#include "solve/criticality.hpp"
#include "solve/curve.hpp"
#include "solve/flow.hpp"
#include "solve/path_flow.hpp"
#include "solve/reliability.hpp"
#include "solve/route.hpp"
#include "solve/upgrades.hpp"

namespace corridor::solve {

std::vector<QueryOutcome> run_queries(const Network& network, const Scenario& scenario, DiagnosticSink& sink) {
  using Resolved =
      std::variant<RouteQuery, FlowQuery, AssignQuery, CriticalityQuery, UpgradeQuery, ReliabilityQuery, CurveQuery>;
  std::vector<Resolved> resolved;
  for (const ScenarioQuery& q : scenario.queries) {
    std::visit(
        [&](const auto& request) {
          if (auto query = resolve(network, request, q.pointer, sink)) resolved.emplace_back(*query);
        },
        q.request);
  }
  if (sink.has_errors()) return {};
  const Router router(network);  // built once, shared by all route queries
  std::vector<QueryOutcome> outcomes;
  for (std::size_t i = 0; i < resolved.size(); ++i) {
    QueryOutcome outcome;
    outcome.name = scenario.queries[i].name;
    if (const auto* route = std::get_if<RouteQuery>(&resolved[i])) outcome.result = router.find_routes(*route);
    else if (const auto* flow = std::get_if<FlowQuery>(&resolved[i])) outcome.result = capacity_max_flow(network, *flow);
    else if (const auto* assign = std::get_if<AssignQuery>(&resolved[i])) outcome.result =
          assign->equilibrium ? assign_equilibrium(network, *assign) : assign_demand(network, *assign);
    else if (const auto* critical = std::get_if<CriticalityQuery>(&resolved[i]))
      outcome.result = criticality(network, *critical, 0);
    else if (const auto* upgrade = std::get_if<UpgradeQuery>(&resolved[i]))
      outcome.result = rank_upgrades(network, *upgrade);
    else if (const auto* curve = std::get_if<CurveQuery>(&resolved[i]))
      outcome.result = volume_time_curve(network, *curve);
    else outcome.result = assess_reliability(network, router, std::get<ReliabilityQuery>(resolved[i]));
    outcomes.push_back(std::move(outcome));
  }
  return outcomes;
}

bool all_answered(const std::vector<QueryOutcome>& outcomes) {
  for (const QueryOutcome& outcome : outcomes) {
    if (const auto* route = std::get_if<RouteResult>(&outcome.result)) {
      if (!route->found()) return false;
    } else if (const auto* flow = std::get_if<FlowResult>(&outcome.result)) {
      if (!flow->unbounded && flow->max_flow_tpy <= 0) return false;
    } else if (const auto* assign = std::get_if<AssignResult>(&outcome.result)) {
      if (!assign->solved) return false;
    } else if (const auto* reliability = std::get_if<ReliabilityResult>(&outcome.result)) {
      if (!reliability->found()) return false;
    }
  }
  return true;
}

namespace {

/// Whether `pointer` is `prefix` or inside it ("/queries/1/to" is inside "/queries/1").
bool inside(const std::string& pointer, const std::string& prefix) {
  return pointer.compare(0, prefix.size(), prefix) == 0 && (pointer.size() == prefix.size() || pointer[prefix.size()] == '/');
}

}  // namespace

void report_later_stages(const Network& base, Scenario scenario, DiagnosticSink& sink) {
  // An error inside `pointer` and not inside `allowed` (an empty `allowed`: any error inside).
  auto has_error = [&](const std::string& pointer, const std::string& allowed = {}) {
    for (const Diagnostic& d : sink.diagnostics())
      if (d.severity == Severity::Error && inside(d.pointer, pointer) && (allowed.empty() || !inside(d.pointer, allowed)))
        return true;
    return false;
  };
  std::erase_if(scenario.changes, [&](Change& c) {
    if (!has_error(c.pointer)) return false;
    const bool sets_values = c.type == ChangeType::SetLink || c.type == ChangeType::SetNode || c.type == ChangeType::SetResource;
    const std::string values = c.pointer + "/values";
    if (!sets_values || has_error(c.pointer, values)) return true;
    std::erase_if(c.fields, [&](const std::string& field) { return has_error(values + "/" + field); });
    return false;
  });
  std::erase_if(scenario.queries, [&](const ScenarioQuery& q) { return has_error(q.pointer); });
  const Network changed = apply_changes(base, scenario.changes, sink);
  (void)run_queries(changed, scenario, sink);  // resolves every query; solves none (errors exist)
}

}  // namespace corridor::solve
