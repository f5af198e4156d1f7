#pragma once
// The volume-time curve: one equilibrium assignment per volume (docs/capacity.md).

#include "model/curve.hpp"

namespace corridor::solve {

/// For each volume of the query, the user equilibrium (or system optimum) of that volume split
/// evenly over the (from, to) pairs: the mean loaded time, the element that congests most, the
/// routes and their shares, and whether the volume exceeds what the hard capacities can move.
CurveResult volume_time_curve(const Network& network, const CurveQuery& query);

}  // namespace corridor::solve
