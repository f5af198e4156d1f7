#pragma once
// Resource-constrained shortest paths for the plausible-route max flow (docs/model.md): the
// cheapest route between two nodes whose travel time stays within a bound, where cost is any
// non-negative price per link direction and per node passed. Exact label setting on the
// (node, arrival mode) states with the time model of routes (make_route in route.hpp).

#include <limits>
#include <optional>
#include <vector>

#include "model/network.hpp"

namespace corridor::solve {

/// The time model of routes applied step by step, on the links a query may use.
class RouteTimeGraph {
 public:
  /// `usable[l] != 0` for the links the query may use (usable_links in model/query.hpp).
  RouteTimeGraph(const Network& network, std::vector<char> usable);

  const Network& network() const { return *network_; }
  bool usable(LinkIndex link) const { return usable_[link] != 0; }
  /// Hours of travelling `link` away from `at` (wait + in motion).
  double link_hours(LinkIndex link) const;
  /// Hours spent passing node `at` between a link of `in_mode` and one of `out_mode`; nullopt
  /// when the mode changes where the node allows no transfer.
  std::optional<double> pass_hours(NodeIndex at, Mode in_mode, Mode out_mode) const;
  /// Usable (link, other end) pairs leaving `at`.
  const std::vector<std::pair<LinkIndex, NodeIndex>>& out(NodeIndex at) const { return out_[at]; }

  /// Hours of the fastest route from `from` to `to`; nullopt when there is none.
  std::optional<double> fastest_hours(NodeIndex from, NodeIndex to) const;
  /// Lower bounds on the hours from every node to `to` (infinity when unreachable).
  std::vector<double> hours_to(NodeIndex to) const;

 private:
  const Network* network_;
  std::vector<char> usable_;
  std::vector<std::vector<std::pair<LinkIndex, NodeIndex>>> out_;
};

/// Prices of one pricing problem: per link direction (index 2 * link + (travelled backwards)),
/// per node passed (origin and destination included), all >= 0.
struct PathPrices {
  std::vector<double> link_direction;
  std::vector<double> node;
};

struct PricedPath {
  std::vector<NodeIndex> nodes;
  std::vector<LinkIndex> links;
  double cost = 0.0;
  double hours = 0.0;
};

/// The cheapest loopless route from `from` to `to` with hours <= `max_hours` (exact up to
/// 1e-9 relative on hours), or nullopt when none exists. Ties are broken towards fewer hours.
std::optional<PricedPath> cheapest_path_within(const RouteTimeGraph& graph, NodeIndex from, NodeIndex to,
                                               double max_hours, const PathPrices& prices);
/// The same, with `hours_to` = graph.hours_to(to) computed once for many searches to `to`.
std::optional<PricedPath> cheapest_path_within(const RouteTimeGraph& graph, NodeIndex from, NodeIndex to,
                                               double max_hours, const PathPrices& prices,
                                               const std::vector<double>& hours_to);

}  // namespace corridor::solve
