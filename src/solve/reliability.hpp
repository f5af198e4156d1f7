#pragma once
// Monte Carlo delivery-time percentiles of routes (docs/reliability.md). Plain types only.

#include "model/network.hpp"
#include "model/reliability.hpp"
#include "solve/route.hpp"

namespace corridor::solve {

/// Samples the time of one route (legs as built by make_route or time_route) `query.samples`
/// times: node dwell and transfer and link waits with a distribution are drawn from it, links
/// with a timetable wait for their next departure after the sampled arrival (from
/// query.depart_minutes, or from a uniformly random moment of the week), everything else is
/// the deterministic figure. Samples are drawn in fixed blocks, each with its own generator
/// seeded from (query.seed, block number), so the result is the same for any thread count.
RouteReliability sample_route(const Network& network, const Route& route, const ReliabilityQuery& query);

/// Chooses the route(s) and samples them: the fastest by expected time, or, with a departure
/// time, the earliest arrival (timetables waited for); with query.route.k > 1 the k best
/// loopless routes by expected time (timed from the departure, if any), ranked by mean or, with
/// ReliabilityRank::P90, by their sampled 90th percentile. No route gives an empty result.
ReliabilityResult assess_reliability(const Network& network, const Router& router, const ReliabilityQuery& query);

}  // namespace corridor::solve
