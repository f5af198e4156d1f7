#pragma once
// Private to src/io: one renderer per result type, and the one dispatch over a scenario
// outcome's result (`visit_result`). Every output that treats query types differently (the
// scenario's table, JSON, CSV, GeoJSON, DOT and HTML report) goes through `visit_result`, so a
// new result type is one more `ResultRenderer` here and the compiler names each output that
// does not handle it yet.
//
// A ResultRenderer<R> gives:
//   type               the QueryType of R (io::query_type; its name to_string(QueryType), model/scenario.hpp)
//   table(network, r)  the text table of its own command (as `corridor run` prints it)
//   object(network, r) its JSON object (io/result_json.hpp)
//   summary(network, r) one line for overviews; empty for route, flow and reliability, whose
//                      overviews word them on their own (HTML report, GeoJSON)
//   drawing(r)         what a map draws of it: a route (routes; reliability: its chosen routes)
//                      or a flow, or nothing (the capacity analyses)

#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include <nlohmann/json.hpp>

#include "io/capacity_report.hpp"
#include "io/curve_report.hpp"
#include "io/reliability_report.hpp"
#include "io/report.hpp"
#include "io/result_json.hpp"
#include "model/scenario.hpp"

namespace corridor::io::detail {

/// What a map draws of a result: a route, a flow, or neither.
struct Drawing {
  std::optional<RouteResult> route;
  const FlowResult* flow = nullptr;  ///< points into the result drawn
};

template <class R>
struct ResultRenderer;  // one specialisation per alternative of QueryOutcome::result

template <>
struct ResultRenderer<RouteResult> {
  static constexpr QueryType type = QueryType::Route;
  static std::string table(const Network& network, const RouteResult& r) { return route_table(network, r); }
  static nlohmann::ordered_json object(const Network& network, const RouteResult& r) { return route_object(network, r); }
  static std::string summary(const Network&, const RouteResult&) { return {}; }
  static Drawing drawing(const RouteResult& r) { return {r, nullptr}; }
};

template <>
struct ResultRenderer<FlowResult> {
  static constexpr QueryType type = QueryType::Flow;
  static std::string table(const Network& network, const FlowResult& r) { return flow_table(network, r); }
  static nlohmann::ordered_json object(const Network& network, const FlowResult& r) { return flow_object(network, r); }
  static std::string summary(const Network&, const FlowResult&) { return {}; }
  static Drawing drawing(const FlowResult& r) { return {std::nullopt, &r}; }
};

template <>
struct ResultRenderer<AssignResult> {
  static constexpr QueryType type = QueryType::Assign;
  static std::string table(const Network& network, const AssignResult& r) { return assign_table(network, r); }
  static nlohmann::ordered_json object(const Network& network, const AssignResult& r) { return assign_object(network, r); }
  static std::string summary(const Network& network, const AssignResult& r) { return assign_summary(network, r); }
  static Drawing drawing(const AssignResult&) { return {}; }
};

template <>
struct ResultRenderer<CriticalityResult> {
  static constexpr QueryType type = QueryType::Criticality;
  static std::string table(const Network& network, const CriticalityResult& r) { return criticality_table(network, r); }
  static nlohmann::ordered_json object(const Network& network, const CriticalityResult& r) {
    return criticality_object(network, r);
  }
  static std::string summary(const Network& network, const CriticalityResult& r) {
    return criticality_summary(network, r);
  }
  static Drawing drawing(const CriticalityResult&) { return {}; }
};

template <>
struct ResultRenderer<UpgradeResult> {
  static constexpr QueryType type = QueryType::Upgrades;
  static std::string table(const Network& network, const UpgradeResult& r) { return upgrades_table(network, r); }
  static nlohmann::ordered_json object(const Network& network, const UpgradeResult& r) { return upgrades_object(network, r); }
  static std::string summary(const Network& network, const UpgradeResult& r) { return upgrades_summary(network, r); }
  static Drawing drawing(const UpgradeResult&) { return {}; }
};

template <>
struct ResultRenderer<ReliabilityResult> {
  static constexpr QueryType type = QueryType::Reliability;
  static std::string table(const Network& network, const ReliabilityResult& r) { return reliability_table(network, r); }
  static nlohmann::ordered_json object(const Network& network, const ReliabilityResult& r) {
    return reliability_object(network, r);
  }
  static std::string summary(const Network&, const ReliabilityResult&) { return {}; }
  /// The routes assessed, best first, as a route result of the reliability query's route query.
  static Drawing drawing(const ReliabilityResult& r) {
    RouteResult route;
    route.query = r.query.route;
    for (const RouteReliability& assessed : r.routes) route.routes.push_back(assessed.route);
    return {std::move(route), nullptr};
  }
};

template <>
struct ResultRenderer<CurveResult> {
  static constexpr QueryType type = QueryType::Curve;
  static std::string table(const Network& network, const CurveResult& r) { return curve_table(network, r); }
  static nlohmann::ordered_json object(const Network& network, const CurveResult& r) { return curve_object(network, r); }
  static std::string summary(const Network& network, const CurveResult& r) { return curve_summary(network, r); }
  static Drawing drawing(const CurveResult&) { return {}; }
};

/// Calls `f(result, ResultRenderer<R>{})` with the outcome's result of type R: the one
/// dispatch over result types in src/io.
template <class F>
decltype(auto) visit_result(const QueryOutcome& outcome, F&& f) {
  return std::visit(
      [&f](const auto& result) -> decltype(auto) {
        return f(result, ResultRenderer<std::decay_t<decltype(result)>>{});
      },
      outcome.result);
}

inline Drawing drawing_of(const QueryOutcome& outcome) {
  return visit_result(outcome, [](const auto& result, auto renderer) { return renderer.drawing(result); });
}

}  // namespace corridor::io::detail
