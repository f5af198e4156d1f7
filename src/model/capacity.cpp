#include "model/capacity.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include "model/cost.hpp"
#include "model/names.hpp"
#include "model/validate.hpp"

namespace corridor {

std::string_view weight_unit(AssignObjective objective) {
  return objective == AssignObjective::Time ? "h" : "USD";
}

namespace {
/// Ties between equally cheap paths (e.g. links without cost data) are broken by time, so
/// that a cost assignment never routes freight round in circles: 1e-6 USD per hour.
constexpr double kTimeTieBreakPerHour = 1e-6;

/// Time, money and CO2e per tonne, combined for the objective with the routing cost model
/// (model/cost.hpp): the same tariffs, handling and generalized weights as routes.
double weight(double hours, double cost_usd, double co2_kg, const WeightParams& params) {
  switch (params.by) {
    case AssignObjective::Time: return hours;
    case AssignObjective::Cost: return cost_usd + kTimeTieBreakPerHour * hours;
    case AssignObjective::Generalized:
      return GeneralizedWeights{params.value_of_time_usd_per_t_day, params.carbon_price_usd_per_t_co2}.of(
                 cost_usd, hours, co2_kg) +
             kTimeTieBreakPerHour * hours;
  }
  return hours;
}
}  // namespace

double weight_per_t(const StepMetrics& step, const WeightParams& params) {
  return weight(step.hours, step.cost_usd_per_t, step.co2_kg_per_t, params);
}

double hour_weight_per_t(const WeightParams& params) { return weight(1.0, 0.0, 0.0, params); }

bool more_critical(const ElementImpact& a, const ElementImpact& b) {
  if (a.flow_loss_tpy != b.flow_loss_tpy) return a.flow_loss_tpy > b.flow_loss_tpy;
  if (a.disconnected_pairs != b.disconnected_pairs) return a.disconnected_pairs > b.disconnected_pairs;
  double added_a = 0, added_b = 0;
  for (const auto& h : a.added_hours) added_a += h.value_or(0.0);
  for (const auto& h : b.added_hours) added_b += h.value_or(0.0);
  // Compare added hours rounded to a millisecond-ish grain so that summation order cannot flip ties.
  const long long grain_a = std::llround(added_a * 1e6), grain_b = std::llround(added_b * 1e6);
  if (grain_a != grain_b) return grain_a > grain_b;
  if (a.element.type != b.element.type) return a.element.type == CutElement::Type::Link;
  return a.element.index < b.element.index;
}

namespace {

/// Diagnostics for a demand row go to its CSV file and line, or to its JSON Pointer.
void row_error(DiagnosticSink& sink, const DemandRow& row, const std::string& code, const std::string& key,
               const std::string& message, const std::string& element_id = {}) {
  if (!row.file.empty()) {
    Diagnostic d;
    d.code = code;
    d.file = row.file;
    d.line = row.line;
    d.element_id = element_id;
    d.message = key + ": " + message;
    sink.add(std::move(d));
  } else {
    sink.error(code, row.pointer + "/" + key, message, element_id);
  }
}

}  // namespace

std::optional<AssignQuery> resolve(const Network& network, const AssignRequest& request, const std::string& pointer,
                                   DiagnosticSink& sink) {
  const auto before = sink.diagnostics().size();
  AssignQuery query;
  query.weights.by = request.by;
  query.weights.value_of_time_usd_per_t_day = request.value_of_time_usd_per_t_day;
  query.weights.carbon_price_usd_per_t_co2 = request.carbon_price_usd_per_t_co2;
  query.corridors = request.corridors;
  query.unserved_penalty_per_t = request.unserved_penalty_per_t;
  query.equilibrium = request.equilibrium;
  query.max_detour = request.max_detour;
  if (request.max_detour && !(*request.max_detour >= 1.0 && *request.max_detour <= kMaxDetour))
    sink.error("E-RANGE", pointer + "/max_detour",
               "max_detour must be between 1 and " + std::to_string(static_cast<int>(kMaxDetour)) + " (or \"none\")");
  query.avoid = resolve_filter(network, request.corridors, request.avoid, pointer, sink);
  query.avoid.countries = resolve_countries(network, request.avoid_countries, pointer + "/avoid_country", sink);
  if (request.demand.empty() && !sink.has_errors())  // not after the rows' own errors (no follow-on noise)
    sink.error("E-QUERY", pointer + "/demand", "the demand table is empty");
  if (!std::isfinite(request.value_of_time_usd_per_t_day) || request.value_of_time_usd_per_t_day < 0)
    sink.error("E-RANGE", pointer + "/value_of_time_usd_per_t_day", "value of time must be a number >= 0");
  if (!std::isfinite(request.carbon_price_usd_per_t_co2) || request.carbon_price_usd_per_t_co2 < 0)
    sink.error("E-RANGE", pointer + "/carbon_price_usd_per_t_co2", "carbon price must be a number >= 0");
  if (request.by != AssignObjective::Generalized)
    check_weights_used(request.value_of_time_usd_per_t_day, request.carbon_price_usd_per_t_co2, pointer, sink);
  if (request.unserved_penalty_per_t &&
      (!std::isfinite(*request.unserved_penalty_per_t) || *request.unserved_penalty_per_t <= 0))
    sink.error("E-RANGE", pointer + "/unserved_penalty", "unserved_penalty must be a number > 0");
  for (const DemandRow& row : request.demand) {
    auto from = match_node(network, row.from);  // as on the command line: any case, names, aliases
    auto to = match_node(network, row.to);
    if (!from) row_error(sink, row, "E-QUERY-REF", "from", node_reference_message(network, row.from), row.from);
    if (!to) row_error(sink, row, "E-QUERY-REF", "to", node_reference_message(network, row.to), row.to);
    if (!std::isfinite(row.tonnes_per_year) || row.tonnes_per_year < 0 ||
        row.tonnes_per_year > static_cast<double>(kMaxCapacityTpy))
      row_error(sink, row, "E-RANGE", "tonnes_per_year", "tonnes per year must be between 0 and 10^12");
    if (from && to && *from == *to)
      row_error(sink, row, "E-QUERY", "to", "origin and destination are the same node \"" + row.from + "\"", row.from);
    if (from && to && *from != *to) query.demand.push_back({*from, *to, row.tonnes_per_year});
  }
  if (sink.diagnostics().size() != before && sink.has_errors()) return std::nullopt;
  return query;
}

std::optional<CriticalityQuery> resolve(const Network& network, const CriticalityRequest& request,
                                        const std::string& pointer, DiagnosticSink& sink) {
  const auto before = sink.diagnostics().size();
  CriticalityQuery query;
  query.top = request.top;
  auto flow = corridor::resolve(network, request.flow, pointer, sink);
  if (flow) query.flow = *flow;
  for (std::size_t i = 0; i < request.routes.size(); ++i) {
    RouteRequest route;
    route.from = request.routes[i].from;
    route.to = request.routes[i].to;
    route.corridors = request.flow.corridors;
    // The avoid list was checked with the flow; an unknown id would be reported twice.
    if (flow) route.avoid = request.flow.avoid;
    if (auto resolved = corridor::resolve(network, route, pointer + "/od/" + std::to_string(i), sink))
      query.routes.push_back(*resolved);
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < request.elements.size(); ++i) {
    const std::string& id = request.elements[i];
    if (!seen.insert(id).second) continue;
    if (auto n = network.find_node(id)) query.elements.push_back({CutElement::Type::Node, *n});
    else if (auto l = network.find_link(id)) query.elements.push_back({CutElement::Type::Link, *l});
    else
      sink.error("E-QUERY-REF", pointer + "/elements/" + std::to_string(i),
                 "no node or link with id \"" + id + "\"", id);
  }
  if (request.top && *request.top < 1) sink.error("E-RANGE", pointer + "/top", "top must be at least 1");
  if (sink.diagnostics().size() != before && sink.has_errors()) return std::nullopt;
  return query;
}

std::optional<UpgradeQuery> resolve(const Network& network, const UpgradeRequest& request, const std::string& pointer,
                                    DiagnosticSink& sink) {
  const auto before = sink.diagnostics().size();
  UpgradeQuery query;
  query.max_steps = request.max_steps;
  if (auto flow = corridor::resolve(network, request.flow, pointer, sink)) query.flow = *flow;
  if (request.max_steps < 1 || request.max_steps > 1000)
    sink.error("E-RANGE", pointer + "/max_steps", "max_steps must be between 1 and 1000");
  if (sink.diagnostics().size() != before && sink.has_errors()) return std::nullopt;
  return query;
}

void order_capacity_loads(AssignResult& result) {
  std::sort(result.loads.begin(), result.loads.end(), [](const CapacityLoad& a, const CapacityLoad& b) {
    if (a.type != b.type) return a.type == CutElement::Type::Link;
    if (a.index != b.index) return a.index < b.index;
    return std::tie(a.from, a.to) < std::tie(b.from, b.to);
  });
  result.binding.clear();
  for (const CapacityLoad& entry : result.loads)
    if (entry.binding) result.binding.push_back(entry);
  std::stable_sort(result.binding.begin(), result.binding.end(), [](const CapacityLoad& a, const CapacityLoad& b) {
    return a.marginal_value_per_t > b.marginal_value_per_t;
  });
}

}  // namespace corridor
