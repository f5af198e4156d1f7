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
/// Under load, `loads` (an equilibrium's, ReliabilityLoad::loads) adds each element's delay_hours
/// on the route: a link direction's to its wait (before a timetabled departure is waited for), a
/// node's to its dwell when passed through. Empty `loads`: the unloaded model, unchanged.
RouteReliability sample_route(const Network& network, const Route& route, const ReliabilityQuery& query,
                              const std::vector<CapacityLoad>& loads = {});

/// Reliability under load: the user equilibrium (by time, query.route's corridor and avoid
/// filters, default gap) of query.volume_tpy (> 0) from query.route.from to query.route.to, with
/// every element's load and delay, its routes' shares, and whether the volume can move at all.
ReliabilityLoad equilibrium_load(const Network& network, const ReliabilityQuery& query);

/// A route and the share of the tonnes that take it.
struct SharedRoute {
  Route route;
  double share = 0.0;
};
struct MixedPercentiles {
  double p50_hours = 0.0, p90_hours = 0.0;
};
/// P50 and P90 of the transit time of a tonne when the tonnes split over `routes` by their
/// shares: each route is sampled as sample_route does (the same seed, `loads` added), and the
/// percentiles are those of the mixture (nearest rank on the share-weighted samples). None when
/// no route has a random term (every figure fixed) or `routes` is empty.
std::optional<MixedPercentiles> mixed_percentiles(const Network& network, const std::vector<SharedRoute>& routes,
                                                  const ReliabilityQuery& query, const std::vector<CapacityLoad>& loads);

/// Chooses the route(s) and samples them: the fastest by expected time, or, with a departure
/// time, the earliest arrival (timetables waited for); with query.route.k > 1 the k best
/// loopless routes by expected time (timed from the departure, if any), ranked by mean or, with
/// ReliabilityRank::P90, by their sampled 90th percentile. No route gives an empty result.
ReliabilityResult assess_reliability(const Network& network, const Router& router, const ReliabilityQuery& query);

}  // namespace corridor::solve
