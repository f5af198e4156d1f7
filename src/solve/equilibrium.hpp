#pragma once
// Equilibrium assignment with load-dependent delays (docs/model.md, "Congestion"): user
// equilibrium or system optimum by the conjugate Frank-Wolfe algorithm on the mode-expanded
// graph. Plain types here.

#include <cstdint>
#include <optional>
#include <vector>

#include "model/capacity.hpp"
#include "model/delay.hpp"
#include "model/network.hpp"

namespace corridor::solve {

/// Assigns the query's demand so that no shipment can reach its destination at a smaller
/// loaded weight (user equilibrium) or so that the total weight is least (system optimum),
/// with every element's delay function of model/delay.hpp on top of the route model's times.
/// Hard capacities are kept by a steep penalty above them (docs/model.md); a load that still
/// exceeds one is reported (EquilibriumStats::over_capacity_tpy, CapacityLoad::binding).
/// Pairs without any route are unserved. Deterministic: one thread, fixed tie-breaks.
/// `query.equilibrium` must be set.
AssignResult assign_equilibrium(const Network& network, const AssignQuery& query);

/// The very problem assign_equilibrium solves for `query`, spelled out for a peer solver (the
/// benchmark's NetworkX Frank-Wolfe script, tests/benchmarks/networkx_fw_peer.py): the
/// mode-expanded graph's arcs with their load-independent weights, the elements whose load
/// delays them, and each OD pair's source and target vertices. An arc's loaded weight is
/// `weight` + the cost of its element at the element's load L (fixed_tpy + the flow on every arc
/// of that element): hour_weight x delay_hours(*delay, free_flow_hours, L), plus
/// penalty_weight x (L - C) / max(C, 1) above a hard capacity C (system optimum: plus L times the
/// derivative of that). Nothing here is used by the solver itself; it reads the same build.
struct EquilibriumProblem {
  struct Arc {
    std::uint32_t from = 0, to = 0;
    double weight = 0.0;
    std::uint32_t element = 0;
  };
  struct Element {
    CutElement::Type type = CutElement::Type::Link;
    std::uint32_t index = 0;  ///< LinkIndex or NodeIndex
    NodeIndex from = 0, to = 0;
    std::optional<DelayFunction> delay;
    double free_flow_hours = 0.0;
    double fixed_tpy = 0.0;  ///< background traffic, plus demand starting or ending at a node
    std::optional<double> hard_capacity_tpy;
  };
  struct Pair {
    /// The origin's departure and the destination's arrival vertices; both empty when origin = destination.
    std::vector<std::uint32_t> sources, targets;
    double tonnes_per_year = 0.0;
  };
  std::uint32_t vertex_count = 0;
  std::vector<Arc> arcs;
  std::vector<Element> elements;
  std::vector<Pair> pairs;  ///< one per query.demand entry, in its order
  double hour_weight = 1.0;
  double penalty_weight = 0.0;
  bool system = false;
};
EquilibriumProblem equilibrium_problem(const Network& network, const AssignQuery& query);

}  // namespace corridor::solve
