#pragma once
// Fastest / shortest routes on a network. Boost.Graph is used inside; only plain types here.

#include <memory>

#include "model/network.hpp"
#include "model/query.hpp"

namespace corridor::solve {

/// A routing graph built once for a network and reused for many queries.
/// The network must outlive the router and must not change while it is used.
///
/// The graph is mode-expanded: each node has an arrival and a departure vertex per mode
/// of its links. Passing through a node costs its dwell_hours, plus its transfer_hours
/// when the mode changes, which is only possible where the node allows transfers.
/// Links cost hours + expected wait (by time) or distance_km (by distance).
class Router {
 public:
  explicit Router(const Network& network);
  ~Router();
  Router(Router&&) noexcept;
  Router& operator=(Router&&) noexcept;

  /// Best route for the query's objective; an empty `routes` list means no route exists
  /// (within the query's corridor filter).
  RouteResult find_route(const RouteQuery& query) const;

  const Network& network() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Builds the legs and totals of a route given as a sequence of (link, direction) steps:
/// the one place where the time model of docs/model.md is applied to a path.
Route make_route(const Network& network, NodeIndex origin, const std::vector<LinkIndex>& links);

}  // namespace corridor::solve
