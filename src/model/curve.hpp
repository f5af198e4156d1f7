#pragma once
// The volume-time curve (docs/capacity.md, "Volume and time"): for each annual volume from a set
// of origins to a set of destinations, the equilibrium transit time with load-dependent delays,
// what congests most, and the share of each route. Plain types; the solver is src/solve/curve.

#include <optional>
#include <string>
#include <vector>

#include "model/capacity.hpp"

namespace corridor {

struct CurveRequest {
  std::vector<std::string> from, to;  ///< ids; the volume is split evenly over the (from, to) pairs
  std::vector<double> volumes_tpy;
  AssignObjective by = AssignObjective::Time;
  std::vector<std::string> corridors;
  std::vector<std::string> avoid;
  EquilibriumSettings equilibrium;
};

/// Sampled journeys per route of a point for its P50 and P90 (docs/reliability.md).
inline constexpr std::int64_t kDefaultCurveSamples = 20'000;

struct CurveQuery {
  std::vector<NodeIndex> from, to;
  std::vector<double> volumes_tpy;
  AssignQuery assign;  ///< weights, filters, equilibrium; its demand is set per volume
  /// P50 and P90 per point: each route sampled this many times with this seed (as `reliability
  /// --volume-mt`); threads never change the result (0 = one per core).
  std::int64_t samples = kDefaultCurveSamples;
  std::uint64_t seed = 1;
  unsigned threads = 0;
};

/// One route of a point: the link sequence (from one origin to one destination) and its share.
struct CurveRoute {
  std::vector<NodeIndex> nodes;
  std::vector<LinkIndex> links;
  double share = 0.0;  ///< of the point's volume
  double hours = 0.0;  ///< loaded
};

/// What congests at a point: the element with the largest delay per tonne (or a binding or
/// exceeded hard capacity, which comes first).
struct CurveBinding {
  CutElement::Type type = CutElement::Type::Link;
  std::uint32_t index = 0;
  NodeIndex from = 0, to = 0;
  double delay_hours = 0.0;
  std::optional<double> utilisation;
  bool hard_capacity = false;  ///< a hard capacity binds (or is exceeded)
};

struct CurvePoint {
  double volume_tpy = 0.0;
  double hours = 0.0;  ///< tonne-weighted mean loaded transit time
  /// Percentiles of a tonne's transit time over the point's routes (each by its share), with the
  /// waits sampled under the point's load; none when no route has a distribution or timetable.
  std::optional<double> p50_hours, p90_hours;
  std::optional<CurveBinding> binding;  ///< none when nothing is delayed
  std::vector<CurveRoute> routes;       ///< largest share first
  double relative_gap = 0.0;
  EquilibriumStop stop = EquilibriumStop::Converged;
  /// Largest load above a hard capacity: > 0 means this volume cannot move within the capacities.
  double over_capacity_tpy = 0.0;
  double unserved_tpy = 0.0;  ///< no route at all
};

struct CurveResult {
  CurveQuery query;
  std::vector<CurvePoint> points;  ///< in volume order as given
};

std::optional<CurveQuery> resolve(const Network& network, const CurveRequest& request, const std::string& pointer,
                                  DiagnosticSink& sink);

}  // namespace corridor
