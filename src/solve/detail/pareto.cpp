#include "solve/detail/pareto.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <tuple>

#include <boost/graph/r_c_shortest_paths.hpp>
#include <boost/property_map/function_property_map.hpp>

#include "solve/route.hpp"

namespace corridor::solve::detail {
namespace {

/// Resources of a Pareto label: the three criteria.
struct Criteria {
  double hours = 0.0;
  double cost_usd_per_t = 0.0;
  double co2_kg_per_t = 0.0;
  auto key() const { return std::tie(hours, cost_usd_per_t, co2_kg_per_t); }
  bool operator<(const Criteria& o) const { return key() < o.key(); }
  bool operator==(const Criteria& o) const { return key() == o.key(); }
  bool operator>(const Criteria& o) const { return o < *this; }
  /// At most as large in every criterion.
  bool weakly_dominates(const Criteria& o) const {
    return hours <= o.hours && cost_usd_per_t <= o.cost_usd_per_t && co2_kg_per_t <= o.co2_kg_per_t;
  }
  /// Better in every criterion beyond rounding (1e-9 relative) and clearly better in one:
  /// sums of the same figures in another order never count as better.
  bool clearly_dominates(const Criteria& o) const {
    auto tolerance = [](double a, double b) { return 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)}); };
    const std::array<double, 3> mine{hours, cost_usd_per_t, co2_kg_per_t};
    const std::array<double, 3> theirs{o.hours, o.cost_usd_per_t, o.co2_kg_per_t};
    bool better = false;
    for (std::size_t i = 0; i < 3; ++i) {
      const double tol = tolerance(mine[i], theirs[i]);
      if (mine[i] > theirs[i] + tol) return false;
      if (mine[i] < theirs[i] - tol) better = true;
    }
    return better;
  }
  /// Equal in every criterion up to rounding.
  bool weakly_close(const Criteria& o) const {
    auto close = [](double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)}); };
    return close(hours, o.hours) && close(cost_usd_per_t, o.cost_usd_per_t) && close(co2_kg_per_t, o.co2_kg_per_t);
  }
};

/// Extends a label along an arc; infeasible beyond the time bound or when a known complete
/// route strictly dominates it already (extending only adds, so it can never be Pareto-optimal).
struct ExtendLabel {
  const RouteGraph* graph;  ///< the arcs' metrics (RouteGraph::metrics_of)
  double max_hours;
  const std::vector<Criteria>* known;
  bool operator()(const QueryGraph& g, Criteria& out, const Criteria& in, const QueryArc& e) const {
    out = in;
    if (e.from != g.source && (*g.kinds)[e.edge] != RouteArcKind::End) {  // arcs to and from the query's ends cost 0
      const ArcMetrics& m = graph->metrics_of(e.edge);
      out.hours += m.hours;
      out.cost_usd_per_t += m.cost_usd_per_t;
      out.co2_kg_per_t += m.co2_kg_per_t;
    }
    if (out.hours > max_hours) return false;
    for (const Criteria& c : *known)
      if (c.clearly_dominates(out)) return false;
    return true;
  }
};

struct DominatesLabel {
  bool operator()(const Criteria& a, const Criteria& b) const { return a.weakly_dominates(b); }
};

}  // namespace

std::vector<Route> pareto_routes(const RouteGraph& rg, const RouteQuery& query, bool& truncated) {
  // Single-criterion optima: the time bound and the dominance filter of the label search.
  std::vector<Criteria> known;
  double fastest_hours = kInfinity;
  for (Objective objective : {Objective::Time, Objective::Cost, Objective::Co2}) {
    const QueryGraph qg = rg.view(query, objective);
    auto path = shortest_path(qg, qg.source, nullptr);
    if (!path) return {};
    const Route route = make_route(*rg.network, query.from, rg.links_of(qg, *path));
    known.push_back({route.hours, route.cost_usd_per_t, route.co2_kg_per_t});
    if (objective == Objective::Time) fastest_hours = route.hours;
  }
  const QueryGraph qg = rg.view(query, Objective::Time);
  std::vector<std::vector<QueryArc>> solutions;
  std::vector<Criteria> criteria;
  // Small slack so that rounding in the sums never drops the bound's own routes.
  const double max_hours = kParetoTimeFactor * fastest_hours * (1.0 + 1e-9) + 1e-9;
  auto arc_index = boost::make_function_property_map<QueryArc, std::size_t>(
      [&qg](const QueryArc& a) { return qg.dense(a); });
  // boost::r_c_shortest_paths (all Pareto-optimal solutions, default allocator and visitor)
  // calls this unqualified, which only compiles for Boost's own graph types (Boost 1.74).
  const ExtendLabel extend{&rg, max_hours, &known};
  const DominatesLabel dominates;
  boost::detail::r_c_shortest_paths_dispatch(
      qg, boost::typed_identity_property_map<Vertex>(), arc_index, qg.source, qg.target, solutions, criteria,
      true, Criteria{}, extend, dominates,
      boost::default_r_c_shortest_paths_allocator(), boost::default_r_c_shortest_paths_visitor());
  std::vector<Route> routes;
  for (const auto& solution : solutions) {
    const Path path(solution.rbegin(), solution.rend());
    routes.push_back(rg.route_of(qg, path, query));
  }
  std::sort(routes.begin(), routes.end(), [](const Route& a, const Route& b) {
    return std::tie(a.hours, a.cost_usd_per_t, a.co2_kg_per_t) < std::tie(b.hours, b.cost_usd_per_t, b.co2_kg_per_t);
  });
  // The label search compares exact sums; drop routes that are dominated or repeated once
  // rounding (sums of the same figures in another order) is allowed for.
  std::vector<Route> kept;
  for (const Route& route : routes) {
    const Criteria c{route.hours, route.cost_usd_per_t, route.co2_kg_per_t};
    bool drop = false;
    for (const Route& other : routes) {
      const Criteria o{other.hours, other.cost_usd_per_t, other.co2_kg_per_t};
      if (o.clearly_dominates(c)) drop = true;
    }
    for (const Route& other : kept)
      if (Criteria{other.hours, other.cost_usd_per_t, other.co2_kg_per_t}.weakly_close(c)) drop = true;
    if (!drop) kept.push_back(route);
  }
  routes = std::move(kept);
  if (routes.size() > kMaxParetoRoutes) {
    routes.resize(kMaxParetoRoutes);
    truncated = true;
  }
  return routes;
}

}  // namespace corridor::solve::detail
