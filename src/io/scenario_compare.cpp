#include "io/scenario_compare.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <sstream>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "io/capacity_report.hpp"
#include "io/capacity_text.hpp"
#include "io/outcome_render.hpp"
#include "io/report.hpp"
#include "io/result_renderers.hpp"
#include "io/text_table.hpp"
#include "io/text_util.hpp"

namespace corridor::io {

using detail::fixed;
using detail::load_id;
using detail::node_ids;
using detail::objective_text;
using detail::od_text;
using detail::optional_number;
using detail::plus;
using detail::TextTable;
using detail::thousands;
using detail::tonnes;
using nlohmann::ordered_json;

bool Comparison::identical() const {
  return std::all_of(queries.begin(), queries.end(), [](const QueryComparison& q) {
    return !q.only_in_a && !q.only_in_b && q.differences.empty();
  });
}

namespace {

std::string type_of(const QueryOutcome& outcome) { return std::string(to_string(query_type(outcome))); }

std::string signed_tonnes(double delta) { return delta > 0 ? plus(tonnes(delta)) : tonnes(delta); }

void compare_number(std::vector<Difference>& out, const std::string& aspect, std::optional<double> a,
                    std::optional<double> b, const std::function<std::string(double)>& text,
                    const std::function<std::string(double)>& delta_text, double tolerance) {
  if (!a && !b) return;
  if (a && b && std::fabs(*a - *b) <= tolerance) return;
  Difference d;
  d.aspect = aspect;
  d.a = a ? text(*a) : "-";
  d.b = b ? text(*b) : "-";
  d.change = a && b ? delta_text(*b - *a) : (a ? "vanishes" : "appears");
  d.a_value = a;
  d.b_value = b;
  out.push_back(std::move(d));
}

void compare_sets(std::vector<Difference>& out, const std::string& aspect, const std::map<std::string, double>& a,
                  const std::map<std::string, double>& b, const std::function<std::string(double)>& text) {
  for (const auto& [id, value] : a)
    if (!b.count(id)) out.push_back({aspect, id + " " + text(value), "-", "vanishes", value, std::nullopt});
  for (const auto& [id, value] : b)
    if (!a.count(id)) out.push_back({aspect, "-", id + " " + text(value), "appears", std::nullopt, value});
  for (const auto& [id, value] : a)
    if (auto it = b.find(id); it != b.end() && std::fabs(it->second - value) > 0.5)
      out.push_back({aspect, id + " " + text(value), id + " " + text(it->second), "changes", value, it->second});
}

std::map<std::string, double> cut_ids(const Network& network, const std::vector<CutElement>& cut) {
  std::map<std::string, double> ids;
  for (const CutElement& e : cut) ids[element_id(network, e.type, e.index)] += static_cast<double>(e.capacity_tpy);
  return ids;
}

std::string path_text(const Network& network, const std::vector<NodeIndex>& nodes) {
  return node_ids(network, nodes, ">");
}

const auto kTonnes = [](double v) { return tonnes(v); };
const auto kSignedTonnes = [](double v) { return signed_tonnes(v); };

void compare_results(std::vector<Difference>& out, const Network& an, const FlowResult& a, const Network& bn,
                  const FlowResult& b) {
  if (a.unbounded != b.unbounded)
    out.push_back({"max flow", a.unbounded ? "unlimited" : tonnes(static_cast<double>(a.max_flow_tpy)),
                   b.unbounded ? "unlimited" : tonnes(static_cast<double>(b.max_flow_tpy)), "changes", {}, {}});
  else if (!a.unbounded)
    compare_number(out, "max flow", static_cast<double>(a.max_flow_tpy), static_cast<double>(b.max_flow_tpy), kTonnes,
                   kSignedTonnes, 0.5);
  auto ma = a.meets_target(), mb = b.meets_target();
  if (ma != mb)
    out.push_back({"target", ma ? (*ma ? "met" : "not met") : "-", mb ? (*mb ? "met" : "not met") : "-", "changes", {}, {}});
  compare_sets(out, "binding", cut_ids(an, a.min_cut), cut_ids(bn, b.min_cut), kTonnes);
}

void compare_results(std::vector<Difference>& out, const Network& an, const RouteResult& a, const Network& bn,
                   const RouteResult& b) {
  if (a.found() != b.found()) {
    out.push_back({"route", a.found() ? "found" : "no route", b.found() ? "found" : "no route", "changes", {}, {}});
    return;
  }
  if (!a.found()) return;
  const Route& ra = a.routes.front();
  const Route& rb = b.routes.front();
  compare_number(out, "days", ra.days(), rb.days(), [](double v) { return fixed(v, 2); },
                 [](double v) { return v > 0 ? plus(fixed(v, 2)) : fixed(v, 2); }, 1e-6);
  compare_number(out, "km", ra.distance_km, rb.distance_km, [](double v) { return thousands(std::llround(v)); },
                 [](double v) { return v > 0 ? plus(thousands(std::llround(v))) : thousands(std::llround(v)); }, 0.5);
  const std::string pa = path_text(an, ra.nodes), pb = path_text(bn, rb.nodes);
  if (pa != pb) out.push_back({"path", pa, pb, "changes", {}, {}});
}

void compare_results(std::vector<Difference>& out, const Network& an, const ReliabilityResult& a,
                         const Network& bn, const ReliabilityResult& b) {
  if (a.found() != b.found()) {
    out.push_back({"route", a.found() ? "found" : "no route", b.found() ? "found" : "no route", "changes", {}, {}});
    return;
  }
  if (!a.found()) return;
  const RouteReliability& ra = a.routes.front();
  const RouteReliability& rb = b.routes.front();
  const auto days = [](double v) { return fixed(v, 2); };
  const auto signed_days = [](double v) { return v > 0 ? plus(fixed(v, 2)) : fixed(v, 2); };
  compare_number(out, "mean days", ra.mean_hours / 24.0, rb.mean_hours / 24.0, days, signed_days, 1e-6);
  compare_number(out, "P50 days", ra.p50_hours / 24.0, rb.p50_hours / 24.0, days, signed_days, 1e-6);
  compare_number(out, "P90 days", ra.p90_hours / 24.0, rb.p90_hours / 24.0, days, signed_days, 1e-6);
  compare_number(out, "P95 days", ra.p95_hours / 24.0, rb.p95_hours / 24.0, days, signed_days, 1e-6);
  compare_number(
      out, "on time", ra.on_time_probability, rb.on_time_probability,
      [](double v) { return fixed(100.0 * v, 1) + " %"; },
      [](double v) { return (v > 0 ? plus(fixed(100.0 * v, 1)) : fixed(100.0 * v, 1)) + " points"; }, 1e-9);
  const std::string pa = path_text(an, ra.route.nodes), pb = path_text(bn, rb.route.nodes);
  if (pa != pb) out.push_back({"path", pa, pb, "changes", {}, {}});
}

void compare_results(std::vector<Difference>& out, const Network& an, const AssignResult& a, const Network& bn,
                    const AssignResult& b) {
  compare_number(out, "served", a.served_tpy, b.served_tpy, kTonnes, kSignedTonnes, 0.5);
  std::map<std::string, double> served_a, served_b;
  for (const OdAssignment& od : a.ods) served_a[od_text(an, od.demand.from, od.demand.to)] += od.served_tpy;
  for (const OdAssignment& od : b.ods) served_b[od_text(bn, od.demand.from, od.demand.to)] += od.served_tpy;
  for (const auto& [od, value] : served_a)
    if (auto it = served_b.find(od); it != served_b.end())
      compare_number(out, "served " + od, value, it->second, kTonnes, kSignedTonnes, 0.5);
  if (a.query.weights.by == b.query.weights.by) {
    const AssignObjective by = a.query.weights.by;
    compare_number(out, "objective", a.objective, b.objective, [by](double v) { return objective_text(by, v); },
                   [by](double v) { return v > 0 ? plus(objective_text(by, v)) : objective_text(by, v); },
                   1e-6 * std::max(1.0, std::fabs(a.objective)));
  }
  std::map<std::string, double> bind_a, bind_b;
  for (const CapacityLoad& l : a.binding) bind_a[load_id(an, l)] = static_cast<double>(l.capacity_tpy.value_or(0));
  for (const CapacityLoad& l : b.binding) bind_b[load_id(bn, l)] = static_cast<double>(l.capacity_tpy.value_or(0));
  compare_sets(out, "binding", bind_a, bind_b, kTonnes);
}

void compare_results(std::vector<Difference>& out, const Network& an, const CriticalityResult& a,
                         const Network& bn, const CriticalityResult& b) {
  compare_number(out, "max flow", static_cast<double>(a.base_flow_tpy), static_cast<double>(b.base_flow_tpy), kTonnes,
                 kSignedTonnes, 0.5);
  const std::size_t n = std::min<std::size_t>(5, std::max(a.ranking.size(), b.ranking.size()));
  for (std::size_t i = 0; i < n; ++i) {
    auto text = [&](const Network& net, const CriticalityResult& r) {
      if (i >= r.ranking.size()) return std::string("-");
      const ElementImpact& e = r.ranking[i];
      return element_id(net, e.element.type, e.element.index) + " (-" + format_tonnes(e.flow_loss_tpy) + ")";
    };
    const std::string ta = text(an, a), tb = text(bn, b);
    if (ta != tb) out.push_back({"rank " + std::to_string(i + 1), ta, tb, "changes", {}, {}});
  }
}

void compare_results(std::vector<Difference>& out, const Network& an, const UpgradeResult& a, const Network& bn,
                      const UpgradeResult& b) {
  compare_results(out, an, a.base, bn, b.base);
  compare_number(out, "capacity to add", static_cast<double>(a.total_added_tpy), static_cast<double>(b.total_added_tpy),
                 kTonnes, kSignedTonnes, 0.5);
  if (a.target_reached != b.target_reached)
    out.push_back({"plan reaches target", a.target_reached ? "yes" : "no", b.target_reached ? "yes" : "no", "changes", {}, {}});
}

/// Curves are not compared yet: two curves of the same query show no differences.
void compare_results(std::vector<Difference>&, const Network&, const CurveResult&, const Network&, const CurveResult&) {}

/// What a query asks, as text, ids resolved: two queries with the same key ask the same thing
/// (type, ends, objective and filters), whatever their names.
std::string parameters_key(const Network& network, const QueryOutcome& outcome) {
  auto ids = [&](const std::vector<NodeIndex>& nodes) {
    std::string out;
    for (NodeIndex n : nodes) out += network.nodes[n].id + ",";
    return out;
  };
  auto words = [](const std::vector<std::string>& list) {
    std::string out;
    for (const auto& w : list) out += w + ",";
    return out;
  };
  auto route_key = [&](const RouteQuery& q) {
    return network.nodes[q.from].id + ">" + network.nodes[q.to].id + "|" + std::string(to_string(q.by)) + "|" +
           words(q.corridors) + "|" + words(q.avoid.countries) + "|" + ids(q.via) + "|" + std::to_string(q.k);
  };
  auto flow_key = [&](const FlowQuery& q) {
    return ids(q.sources) + ">" + ids(q.sinks) + "|" + words(q.corridors) + "|" + words(q.avoid.countries);
  };
  return type_of(outcome) + ":" + detail::visit_result(outcome, [&](const auto& result, auto) -> std::string {
           using R = std::decay_t<decltype(result)>;
           if constexpr (std::is_same_v<R, RouteResult>) return route_key(result.query);
           else if constexpr (std::is_same_v<R, FlowResult>) return flow_key(result.query);
           else if constexpr (std::is_same_v<R, ReliabilityResult>) return route_key(result.query.route);
           else if constexpr (std::is_same_v<R, CriticalityResult> || std::is_same_v<R, UpgradeResult>)
             return flow_key(result.query.flow);
           else if constexpr (std::is_same_v<R, AssignResult>) {
             std::string key = words(result.query.corridors);
             for (const OdDemand& od : result.query.demand)
               key += network.nodes[od.from].id + ">" + network.nodes[od.to].id + ":" +
                      std::to_string(od.tonnes_per_year) + ",";
             return key;
           } else {
             static_assert(std::is_same_v<R, CurveResult>, "a new result type: say which parameters match it");
             return "";  // a curve: matched by its type alone
           }
         });
}

/// For each query of A, its match in B (b.size() = none) and how it was found: by name (and
/// order among equal names) first, then, among the rest, by type and parameters.
std::vector<std::pair<std::size_t, std::string>> match_queries(const Network& a_network,
                                                              const std::vector<QueryOutcome>& a,
                                                              const Network& b_network,
                                                              const std::vector<QueryOutcome>& b,
                                                              std::vector<char>& b_used) {
  std::vector<std::pair<std::size_t, std::string>> matches(a.size(), {b.size(), ""});
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t j = 0; j < b.size(); ++j)
      if (!b_used[j] && b[j].name == a[i].name) {
        matches[i] = {j, "name"};
        b_used[j] = 1;
        break;
      }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (matches[i].first != b.size()) continue;
    const std::string key = parameters_key(a_network, a[i]);
    for (std::size_t j = 0; j < b.size(); ++j)
      if (!b_used[j] && parameters_key(b_network, b[j]) == key) {
        matches[i] = {j, "type and parameters"};
        b_used[j] = 1;
        break;
      }
  }
  return matches;
}

}  // namespace

Comparison compare_outcomes(const Network& a_network, const std::vector<QueryOutcome>& a, const Network& b_network,
                            const std::vector<QueryOutcome>& b) {
  Comparison comparison;
  std::vector<char> b_used(b.size(), 0);
  const auto matches = match_queries(a_network, a, b_network, b, b_used);
  for (std::size_t i = 0; i < a.size(); ++i) {
    const QueryOutcome& qa = a[i];
    QueryComparison q;
    q.name = qa.name;
    q.type = type_of(qa);
    const std::size_t match = matches[i].first;
    q.matched_by = matches[i].second;
    if (match != b.size() && b[match].name != qa.name) q.b_name = b[match].name;
    if (match == b.size()) {
      q.only_in_a = true;
      comparison.queries.push_back(std::move(q));
      continue;
    }
    const QueryOutcome& qb = b[match];
    if (type_of(qb) != q.type) {
      q.differences.push_back({"type", q.type, type_of(qb), "changes", {}, {}});
    } else {
      detail::visit_result(qa, [&](const auto& result_a, auto) {
        compare_results(q.differences, a_network, result_a, b_network,
                        std::get<std::decay_t<decltype(result_a)>>(qb.result));
      });
    }
    comparison.queries.push_back(std::move(q));
  }
  for (std::size_t j = 0; j < b.size(); ++j) {
    if (b_used[j]) continue;
    QueryComparison q;
    q.name = b[j].name;
    q.type = type_of(b[j]);
    q.only_in_b = true;
    comparison.queries.push_back(std::move(q));
  }
  return comparison;
}

std::string comparison_table(const Comparison& comparison) {
  std::ostringstream out;
  out << "Comparison\n  A: " << comparison.a_label << "\n  B: " << comparison.b_label << "\n";
  std::size_t by_name = 0, by_parameters = 0;
  for (const QueryComparison& q : comparison.queries) {
    by_name += q.matched_by == "name";
    by_parameters += q.matched_by == "type and parameters";
  }
  out << "  Queries matched: " << by_name << " by name" << (by_parameters ? ", " + std::to_string(by_parameters) +
                                                                                " by type and parameters" : "")
      << "\n";
  if (comparison.identical()) {
    out << "No difference: every query has the same answer in A and B.\n";
    return out.str();
  }
  std::size_t changed = 0;
  for (const QueryComparison& q : comparison.queries) {
    if (q.only_in_a || q.only_in_b) {
      out << "\n[" << q.type << "] " << q.name << ": only in " << (q.only_in_a ? "A" : "B") << "\n";
      continue;
    }
    if (q.differences.empty()) continue;
    ++changed;
    out << "\n[" << q.type << "] " << q.name;
    if (!q.b_name.empty()) out << " (B: \"" << q.b_name << "\", matched by " << q.matched_by << ")";
    out << "\n";
    TextTable table({"what", "A", "B", "change"}, {false, false, false, false});
    for (const Difference& d : q.differences) table.add({d.aspect, d.a, d.b, d.change});
    out << table.render();
  }
  std::size_t same = 0;
  for (const QueryComparison& q : comparison.queries)
    if (!q.only_in_a && !q.only_in_b && q.differences.empty()) ++same;
  out << "\n" << changed << (changed == 1 ? " query differs, " : " queries differ, ") << same
      << (same == 1 ? " is" : " are") << " the same.\n";
  return out.str();
}

std::string comparison_json(const Comparison& comparison) {
  ordered_json out;
  out["a"] = comparison.a_label;
  out["b"] = comparison.b_label;
  out["identical"] = comparison.identical();
  out["queries"] = ordered_json::array();
  for (const QueryComparison& q : comparison.queries) {
    ordered_json j;
    j["name"] = q.name;
    j["type"] = q.type;
    j["matched_by"] = q.matched_by.empty() ? ordered_json(nullptr) : ordered_json(q.matched_by);
    if (!q.b_name.empty()) j["b_name"] = q.b_name;
    j["only_in"] = q.only_in_a ? ordered_json("a") : q.only_in_b ? ordered_json("b") : ordered_json(nullptr);
    j["differences"] = ordered_json::array();
    for (const Difference& d : q.differences) {
      ordered_json dj;
      dj["what"] = d.aspect;
      dj["a"] = d.a;
      dj["b"] = d.b;
      dj["change"] = d.change;
      dj["a_value"] = optional_number(d.a_value);
      dj["b_value"] = optional_number(d.b_value);
      j["differences"].push_back(dj);
    }
    out["queries"].push_back(j);
  }
  return out.dump(2) + "\n";
}

}  // namespace corridor::io
