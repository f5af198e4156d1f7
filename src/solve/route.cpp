// The router's facade: best, k best and Pareto routes on the shared graph, and which single
// constraint cut a query that has no route. The graph is in detail/route_graph, Yen in
// detail/k_best, the Pareto search in detail/pareto, the route model in route_model.cpp.
#include "solve/route.hpp"

#include <algorithm>
#include <cassert>
#include <set>
#include <string>
#include <utility>

#include "solve/detail/k_best.hpp"
#include "solve/detail/pareto.hpp"
#include "solve/detail/route_graph.hpp"

namespace corridor::solve {

using detail::Path;
using detail::QueryGraph;

struct Router::Impl {
  detail::RouteGraph shared;

  explicit Impl(const Network& net) : shared(net) {}

  std::vector<Route> best_routes(const RouteQuery& query) const {
    const QueryGraph qg = shared.view(query, query.by);
    const int k = std::clamp(query.k, 1, kMaxAlternatives);
    std::vector<Route> routes;
    auto accept = [&](const Path& path) {
      Route route = shared.route_of(qg, path, query);
      if (query.max_overlap && !routes.empty()) {
        for (const Route& better : routes)
          if (shared_km(route, better) > *query.max_overlap * route.distance_km) return false;
      }
      routes.push_back(std::move(route));
      return true;
    };
    // With an overlap filter, more paths are generated than kept; bound the work.
    const std::size_t max_generated = query.max_overlap ? static_cast<std::size_t>(20 * k + 100)
                                                        : static_cast<std::size_t>(k);
    detail::k_shortest_paths(qg, k, max_generated, accept);
    return routes;
  }

  static double shared_km(const Route& a, const Route& b) {
    std::set<LinkIndex> links_of_b;
    for (const RouteLeg& leg : b.legs) links_of_b.insert(leg.link);
    double km = 0.0;
    for (const RouteLeg& leg : a.legs)
      if (links_of_b.count(leg.link)) km += leg.distance_km;
    return km;
  }

  std::vector<Route> solve(const RouteQuery& query, bool& truncated) const {
    return query.pareto ? detail::pareto_routes(shared, query, truncated) : best_routes(query);
  }

  /// The constraints of a query that can be dropped one at a time, each with the query without it.
  std::vector<std::pair<RouteConstraint, RouteQuery>> relaxations(const RouteQuery& query) const {
    using Kind = RouteConstraint::Kind;
    const Network& net = *shared.network;
    std::vector<std::pair<RouteConstraint, RouteQuery>> out;
    RouteQuery base = query;
    base.k = 1;
    base.pareto = false;
    base.max_overlap.reset();
    for (std::size_t i = 0; i < query.avoid.nodes.size(); ++i) {
      RouteQuery q = base;
      q.avoid.nodes.erase(q.avoid.nodes.begin() + static_cast<std::ptrdiff_t>(i));
      out.push_back({{Kind::Avoid, {net.nodes[query.avoid.nodes[i]].id}}, q});
    }
    for (std::size_t i = 0; i < query.avoid.links.size(); ++i) {
      RouteQuery q = base;
      q.avoid.links.erase(q.avoid.links.begin() + static_cast<std::ptrdiff_t>(i));
      out.push_back({{Kind::Avoid, {net.links[query.avoid.links[i]].id}}, q});
    }
    for (std::size_t i = 0; i < query.avoid.countries.size(); ++i) {
      RouteQuery q = base;
      q.avoid.countries.erase(q.avoid.countries.begin() + static_cast<std::ptrdiff_t>(i));
      out.push_back({{Kind::AvoidCountry, {query.avoid.countries[i]}}, q});
    }
    for (std::size_t i = 0; i < query.via.size(); ++i) {
      RouteQuery q = base;
      q.via.erase(q.via.begin() + static_cast<std::ptrdiff_t>(i));
      out.push_back({{Kind::Via, {net.nodes[query.via[i]].id}}, q});
    }
    if (!query.modes.empty()) {
      RouteQuery q = base;
      q.modes.clear();
      RouteConstraint modes{Kind::Modes, {}};
      for (Mode m : query.modes) modes.values.emplace_back(to_string(m));
      out.push_back({modes, q});
    }
    if (!query.corridors.empty()) {
      RouteQuery q = base;
      q.corridors.clear();
      out.push_back({{Kind::Corridor, query.corridors}, q});
    }
    return out;
  }

  RouteResult find(const RouteQuery& query) const {
    assert(query.from < shared.network->nodes.size() && query.to < shared.network->nodes.size());
    RouteResult result;
    result.query = query;
    result.routes = solve(query, result.truncated);
    if (result.found()) return result;
    // Which single constraint cut the last route? One best-route search per constraint.
    for (const auto& [constraint, relaxed] : relaxations(query)) {
      bool ignored = false;
      if (!solve(relaxed, ignored).empty()) result.cut_by.push_back(constraint);
    }
    return result;
  }
};

Router::Router(const Network& network) : impl_(std::make_unique<Impl>(network)) {}
Router::~Router() = default;
Router::Router(Router&&) noexcept = default;
Router& Router::operator=(Router&&) noexcept = default;
RouteResult Router::find_route(const RouteQuery& query) const {
  RouteQuery single = query;
  single.k = 1;
  single.pareto = false;
  single.max_overlap.reset();
  return impl_->find(single);
}
RouteResult Router::find_routes(const RouteQuery& query) const { return impl_->find(query); }
const Network& Router::network() const { return *impl_->shared.network; }

std::vector<RouteResult> best_route_per_corridor(const Router& router, const RouteQuery& query) {
  std::vector<RouteResult> results;
  for (std::string_view tag : kCorridorTags) {
    if (tag == "shared") continue;
    RouteQuery single = query;
    single.corridors = {std::string(tag)};
    results.push_back(router.find_route(single));
  }
  return results;
}

}  // namespace corridor::solve
