#pragma once
// Equilibrium assignment with load-dependent delays (docs/model.md, "Congestion"): user
// equilibrium or system optimum by the conjugate Frank-Wolfe algorithm on the mode-expanded
// graph. Plain types here.

#include "model/capacity.hpp"
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

}  // namespace corridor::solve
