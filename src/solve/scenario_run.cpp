#include "solve/scenario_run.hpp"

#include "model/validate.hpp"
#include "solve/flow.hpp"
#include "solve/route.hpp"

namespace corridor::solve {

std::vector<QueryOutcome> run_queries(const Network& network, const Scenario& scenario, DiagnosticSink& sink) {
  std::vector<std::variant<RouteQuery, FlowQuery>> resolved;
  for (const ScenarioQuery& q : scenario.queries) {
    if (const auto* route = std::get_if<RouteRequest>(&q.request)) {
      if (auto query = resolve(network, *route, q.pointer, sink)) resolved.emplace_back(*query);
    } else if (auto query = resolve(network, std::get<FlowRequest>(q.request), q.pointer, sink)) {
      resolved.emplace_back(*query);
    }
  }
  if (sink.has_errors()) return {};
  const Router router(network);  // built once, shared by all route queries
  std::vector<QueryOutcome> outcomes;
  for (std::size_t i = 0; i < resolved.size(); ++i) {
    QueryOutcome outcome;
    outcome.name = scenario.queries[i].name;
    if (const auto* route = std::get_if<RouteQuery>(&resolved[i])) outcome.result = router.find_routes(*route);
    else outcome.result = max_flow(network, std::get<FlowQuery>(resolved[i]));
    outcomes.push_back(std::move(outcome));
  }
  return outcomes;
}

bool all_answered(const std::vector<QueryOutcome>& outcomes) {
  for (const QueryOutcome& outcome : outcomes) {
    if (const auto* route = std::get_if<RouteResult>(&outcome.result)) {
      if (!route->found()) return false;
    } else if (const auto& flow = std::get<FlowResult>(outcome.result); !flow.unbounded && flow.max_flow_tpy <= 0) {
      return false;
    }
  }
  return true;
}

}  // namespace corridor::solve
