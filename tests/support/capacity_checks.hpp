#pragma once
// Certificates for capacity results, checked against the network independently of the
// solvers: a demand assignment's paths are real paths, they add up to what is served, served
// never exceeds demand, and the sum over all OD pairs respects every capacity.

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include <doctest/doctest.h>

#include "model/capacity.hpp"
#include "support/invariants.hpp"

namespace corridor::test {

/// Tolerance for LP answers in tonnes: relative to the largest figure involved.
inline double lp_tolerance(double scale) { return 1e-6 * std::max(1.0, scale); }

inline void check_assignment(const Network& net, const AssignQuery& query, const AssignResult& result) {
  REQUIRE(result.solved);
  REQUIRE(result.ods.size() == query.demand.size());
  // Relative to the demand only: flows never exceed it, however large the capacities (a
  // tolerance relative to a 500 Mt/yr capacity let a 1 t pair pass as served with no path).
  double largest = 1.0;
  for (const OdDemand& od : query.demand) largest = std::max(largest, od.tonnes_per_year);
  const double tol = lp_tolerance(largest);

  std::map<std::pair<LinkIndex, NodeIndex>, double> link_load;  // (link, from) -> tonnes
  std::map<NodeIndex, double> node_load;
  double served = 0, unserved = 0, weight = 0;
  for (std::size_t k = 0; k < result.ods.size(); ++k) {
    const OdAssignment& od = result.ods[k];
    CAPTURE(k);
    CHECK(od.demand.from == query.demand[k].from);
    CHECK(od.demand.to == query.demand[k].to);
    CHECK(od.served_tpy >= -tol);
    CHECK(od.unserved_tpy >= -tol);
    CHECK(od.served_tpy <= od.demand.tonnes_per_year + tol);  // served never exceeds demand
    CHECK(std::fabs(od.served_tpy + od.unserved_tpy - od.demand.tonnes_per_year) <= tol);
    served += od.served_tpy;
    unserved += od.unserved_tpy;
    double on_paths = 0;
    for (const OdPath& path : od.paths) {
      CHECK(path.tonnes_per_year > 0);
      REQUIRE(path.nodes.size() == path.links.size() + 1);
      CHECK(path.nodes.front() == od.demand.from);
      CHECK(path.nodes.back() == od.demand.to);
      on_paths += path.tonnes_per_year;
      for (std::size_t i = 0; i < path.links.size(); ++i) {
        const Link& link = net.links[path.links[i]];
        CAPTURE(link.id);
        CHECK(query_allows(net, path.links[i], query.corridors, query.avoid));
        const bool forward = link.from == path.nodes[i] && link.to == path.nodes[i + 1];
        const bool backward = link.bidirectional && link.to == path.nodes[i] && link.from == path.nodes[i + 1];
        CHECK((forward || backward));  // continuous, in an allowed direction
        if (i > 0 && link.mode != net.links[path.links[i - 1]].mode)
          CHECK(net.nodes[path.nodes[i]].allows_transfer);  // mode changes only where allowed
        link_load[{path.links[i], path.nodes[i]}] += path.tonnes_per_year;
      }
      for (NodeIndex n : path.nodes) node_load[n] += path.tonnes_per_year;  // every node handles it
      weight += path.tonnes_per_year * path.weight_per_t;
    }
    // Conservation per commodity: what leaves the origin on paths is what is served.
    CHECK(std::fabs(on_paths - od.served_tpy) <= tol * 10);
  }
  CHECK(std::fabs(served - result.served_tpy) <= tol * 10);
  CHECK(std::fabs(unserved - result.unserved_tpy) <= tol * 10);
  // Shared capacities hold for the sum of all OD pairs.
  for (const auto& [key, load] : link_load) {
    const Link& link = net.links[key.first];
    CAPTURE(link.id);
    if (link.capacity_tpy) CHECK(load <= static_cast<double>(*link.capacity_tpy) + tol * 10);
  }
  for (const auto& entry : node_load) {
    const auto n = entry.first;  // not a structured binding: clang 14 cannot capture one
    const auto& load = entry.second;
    CAPTURE(net.nodes[n].id);
    CHECK(net.nodes[n].is_open());
    if (net.nodes[n].capacity_tpy) CHECK(load <= static_cast<double>(*net.nodes[n].capacity_tpy) + tol * 10);
  }
  // The objective is the paths' weight plus the unserved penalty.
  CHECK(std::fabs(weight + unserved * result.unserved_penalty_per_t - result.objective) <=
        1e-6 * std::max(1.0, std::fabs(result.objective)));
  // Reported loads agree with the paths.
  for (const CapacityLoad& load : result.loads) {
    const double expected = load.type == CutElement::Type::Link ? link_load[{load.index, load.from}] : node_load[load.index];
    CAPTURE(load.index);
    CHECK(std::fabs(load.load_tpy - expected) <= tol * 10);
    if (load.binding) CHECK(load.capacity_tpy);
    if (!load.binding) CHECK(load.marginal_value_per_t == 0.0);
    CHECK(load.marginal_value_per_t >= -1e-9);
  }
}

}  // namespace corridor::test
