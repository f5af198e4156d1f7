#pragma once
// Best, k best loopless and Pareto-optimal routes on a network by time, distance, cost, CO2e or
// generalized cost. Boost.Graph is used inside; only plain types here.

#include <memory>

#include "model/cost.hpp"
#include "model/network.hpp"
#include "model/query.hpp"

namespace corridor::solve {

/// A routing graph built once for a network and reused for many queries.
/// The network must outlive the router and must not change while it is used.
///
/// The graph is mode-expanded: each node has an arrival and a departure vertex per mode
/// of its links. Passing through a node costs its dwell_hours, plus its transfer_hours
/// when the mode changes, which is only possible where the node allows transfers.
/// Every arc carries hours, km, USD/t and kg CO2e/t (docs/model.md). The graph (a Boost CSR
/// graph) is built once, in the constructor; a query only computes one weight per arc for its
/// objective, marking the arcs its filters exclude, and searches a view of the shared graph
/// (one layer per leg between via nodes, without copying anything).
class Router {
 public:
  explicit Router(const Network& network);
  ~Router();
  Router(Router&&) noexcept;
  Router& operator=(Router&&) noexcept;

  /// The single best route for the query's objective under its constraints (k, max_overlap
  /// and pareto are ignored); an empty `routes` list means no route exists.
  RouteResult find_route(const RouteQuery& query) const;

  /// All routes the query asks for, under all its constraints (avoid, countries, modes,
  /// corridors, via): the best one; the `k` best loopless ones, in non-decreasing order of the
  /// objective (docs/model.md defines "loopless"); or with `pareto` every route not beaten on
  /// time, cost and CO2e at once, fastest first. Empty `routes` = no route; `cut_by` then names
  /// the one constraint whose removal gives a route, if there is one.
  RouteResult find_routes(const RouteQuery& query) const;

  const Network& network() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The best route of `query` restricted to each corridor tag in turn (middle, northern,
/// southern, sea, zangezur; links tagged "shared" belong to all), in that order. The query's
/// own corridor filter is replaced; k and pareto are ignored.
std::vector<RouteResult> best_route_per_corridor(const Router& router, const RouteQuery& query);

/// Builds the legs and totals of a route given as a sequence of (link, direction) steps:
/// the one place where the time, cost and CO2e model of docs/model.md is applied to a path
/// (per-link figures from model/cost.hpp). `objective_value` is left 0; see objective_value().
Route make_route(const Network& network, NodeIndex origin, const std::vector<LinkIndex>& links);

/// The value a route has for an objective (hours, km, USD/t, kg CO2e/t or generalized USD/t).
double objective_value(const Route& route, Objective objective, const GeneralizedWeights& weights);

}  // namespace corridor::solve
