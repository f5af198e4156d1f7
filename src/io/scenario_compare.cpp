#include "io/scenario_compare.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "io/capacity_report.hpp"
#include "io/capacity_text.hpp"
#include "io/report.hpp"
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

std::string type_of(const QueryOutcome& outcome) {
  if (std::holds_alternative<RouteResult>(outcome.result)) return "route";
  if (std::holds_alternative<FlowResult>(outcome.result)) return "flow";
  return capacity_outcome_type(outcome);
}

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

void compare_flow(std::vector<Difference>& out, const Network& an, const FlowResult& a, const Network& bn,
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

void compare_route(std::vector<Difference>& out, const Network& an, const RouteResult& a, const Network& bn,
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

void compare_assign(std::vector<Difference>& out, const Network& an, const AssignResult& a, const Network& bn,
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

void compare_criticality(std::vector<Difference>& out, const Network& an, const CriticalityResult& a,
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

void compare_upgrades(std::vector<Difference>& out, const Network& an, const UpgradeResult& a, const Network& bn,
                      const UpgradeResult& b) {
  compare_flow(out, an, a.base, bn, b.base);
  compare_number(out, "capacity to add", static_cast<double>(a.total_added_tpy), static_cast<double>(b.total_added_tpy),
                 kTonnes, kSignedTonnes, 0.5);
  if (a.target_reached != b.target_reached)
    out.push_back({"plan reaches target", a.target_reached ? "yes" : "no", b.target_reached ? "yes" : "no", "changes", {}, {}});
}

}  // namespace

Comparison compare_outcomes(const Network& a_network, const std::vector<QueryOutcome>& a, const Network& b_network,
                            const std::vector<QueryOutcome>& b) {
  Comparison comparison;
  std::vector<char> b_used(b.size(), 0);
  for (const QueryOutcome& qa : a) {
    QueryComparison q;
    q.name = qa.name;
    q.type = type_of(qa);
    std::size_t match = b.size();
    for (std::size_t j = 0; j < b.size(); ++j)
      if (!b_used[j] && b[j].name == qa.name) {
        match = j;
        break;
      }
    if (match == b.size()) {
      q.only_in_a = true;
      comparison.queries.push_back(std::move(q));
      continue;
    }
    b_used[match] = 1;
    const QueryOutcome& qb = b[match];
    if (type_of(qb) != q.type) {
      q.differences.push_back({"type", q.type, type_of(qb), "changes", {}, {}});
    } else if (const auto* ra = std::get_if<RouteResult>(&qa.result)) {
      compare_route(q.differences, a_network, *ra, b_network, std::get<RouteResult>(qb.result));
    } else if (const auto* fa = std::get_if<FlowResult>(&qa.result)) {
      compare_flow(q.differences, a_network, *fa, b_network, std::get<FlowResult>(qb.result));
    } else if (const auto* sa = std::get_if<AssignResult>(&qa.result)) {
      compare_assign(q.differences, a_network, *sa, b_network, std::get<AssignResult>(qb.result));
    } else if (const auto* ca = std::get_if<CriticalityResult>(&qa.result)) {
      compare_criticality(q.differences, a_network, *ca, b_network, std::get<CriticalityResult>(qb.result));
    } else if (const auto* ua = std::get_if<UpgradeResult>(&qa.result)) {
      compare_upgrades(q.differences, a_network, *ua, b_network, std::get<UpgradeResult>(qb.result));
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
    out << "\n[" << q.type << "] " << q.name << "\n";
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
