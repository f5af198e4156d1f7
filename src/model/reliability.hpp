#pragma once
// Reliability queries and results: sampled delivery-time percentiles of a route, the
// probability to arrive by a deadline, and what makes the time spread (docs/reliability.md).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/capacity.hpp"
#include "model/diagnostic.hpp"
#include "model/enum_table.hpp"
#include "model/equilibrium.hpp"
#include "model/query.hpp"

namespace corridor {

inline constexpr std::int64_t kDefaultSamples = 100'000;
inline constexpr std::int64_t kMaxSamples = 20'000'000;
inline constexpr double kMaxDeadlineDays = 3650.0;

/// How the sampled routes of a query are ranked: by expected (mean) time, or by the 90th
/// percentile among the k best by expected time (the robust choice).
enum class ReliabilityRank : std::uint8_t { Mean, P90 };
inline constexpr EnumName<ReliabilityRank> kReliabilityRankNames[] = {{ReliabilityRank::Mean, "mean"}, {ReliabilityRank::P90, "p90"}};
static_assert(enum_table_valid(kReliabilityRankNames));
constexpr const auto& enum_table(ReliabilityRank) { return kReliabilityRankNames; }
/// Alternatives sampled by P90 ranking when k is not given.
inline constexpr int kDefaultRobustAlternatives = 5;

/// A reliability query as written by a user (ids, not indices).
struct ReliabilityRequest {
  RouteRequest route;  ///< from, to, corridor, avoid (routes are chosen by expected time)
  int k = 0;           ///< alternatives to sample; 0 = 1 by mean, kDefaultRobustAlternatives by P90
  std::int64_t samples = kDefaultSamples;
  std::uint64_t seed = 1;
  std::optional<double> deadline_days;
  std::string depart;  ///< "2026-03-02T08:00" (UTC); empty = a uniformly random moment of the week
  ReliabilityRank by = ReliabilityRank::Mean;
  /// Reliability under load: the annual volume (t/yr) assigned at equilibrium between from and
  /// to, whose load-dependent delays are added to the sampled times; 0 = no load (today's model).
  double volume_tpy = 0.0;
};

struct ReliabilityQuery {
  RouteQuery route;  ///< by time; route.k = number of alternatives sampled
  ReliabilityRank by = ReliabilityRank::Mean;
  std::int64_t samples = kDefaultSamples;
  std::uint64_t seed = 1;
  std::optional<double> deadline_hours;
  std::optional<std::int64_t> depart_minutes;  ///< since 1970-01-01 00:00 UTC
  unsigned threads = 0;  ///< 0 = one per core; the result never depends on it
  double volume_tpy = 0.0;  ///< see ReliabilityRequest; 0 = no load
};

/// Whether the volume of a reliability query under load can move (docs/reliability.md).
enum class LoadStatus : std::uint8_t {
  WithinCapacity,  ///< every hard capacity holds at equilibrium
  OverCapacity,    ///< the volume exceeds what the hard capacities let through: not reachable
  NoRoute,         ///< nothing connects from and to
};
inline constexpr EnumName<LoadStatus> kLoadStatusNames[] = {{LoadStatus::WithinCapacity, "within_capacity"}, {LoadStatus::OverCapacity, "over_capacity"}, {LoadStatus::NoRoute, "no_route"}};
static_assert(enum_table_valid(kLoadStatusNames));
constexpr const auto& enum_table(LoadStatus) { return kLoadStatusNames; }

/// The equilibrium behind a reliability query under load: what each element's delay is.
struct ReliabilityLoad {
  double volume_tpy = 0.0;
  LoadStatus status = LoadStatus::WithinCapacity;
  EquilibriumStats equilibrium;       ///< relative gap, iterations, stop reason, over_capacity_tpy
  std::vector<CapacityLoad> loads;    ///< every loaded element with its delay_hours (network order)
  /// The equilibrium's routes between from and to with their share of the volume, largest first.
  std::vector<std::pair<std::vector<LinkIndex>, double>> route_shares;
};

/// One element's load-dependent delay on a sampled route, added to its wait (link) or dwell (node).
struct LoadDelay {
  std::size_t leg = 0;  ///< index into Route::legs (a node's delay: the leg leaving it)
  CutElement::Type type = CutElement::Type::Link;
  std::uint32_t element = 0;  ///< LinkIndex or NodeIndex
  double load_tpy = 0.0;
  std::optional<double> utilisation;
  double delay_hours = 0.0;
};

/// What a random term of a route's time is.
enum class SpreadSource : std::uint8_t { Dwell, Transfer, Wait, Timetable };
inline constexpr EnumName<SpreadSource> kSpreadSourceNames[] = {{SpreadSource::Dwell, "dwell"}, {SpreadSource::Transfer, "transfer"}, {SpreadSource::Wait, "wait"}, {SpreadSource::Timetable, "timetable"}};
static_assert(enum_table_valid(kSpreadSourceNames));
constexpr const auto& enum_table(SpreadSource) { return kSpreadSourceNames; }

/// One random term of a route's time and its part in the spread of the total.
struct SpreadContribution {
  SpreadSource source = SpreadSource::Dwell;
  std::size_t leg = 0;        ///< index into Route::legs
  std::uint32_t element = 0;  ///< NodeIndex for dwell and transfer, LinkIndex for waits
  std::string model;          ///< e.g. "triangular 24/48/336 h" or "timetable Mon 08:00, Thu 20:00"
  double mean_hours = 0.0;    ///< sample mean
  double sd_hours = 0.0;      ///< sample standard deviation
  /// Cov(term, total) / Var(total): the term's share of the total's variance. Shares add up
  /// to 1; with independent terms each is Var(term) / Var(total).
  double share = 0.0;
};

/// A route's sampled time. Percentiles use the nearest-rank rule on the sorted samples.
struct RouteReliability {
  Route route;  ///< with expected figures (or, with a departure time, the timetabled waits)
  std::int64_t samples = 0;
  double mean_hours = 0.0;
  double sd_hours = 0.0;
  double min_hours = 0.0;
  double max_hours = 0.0;
  double p50_hours = 0.0;
  double p80_hours = 0.0;
  double p90_hours = 0.0;
  double p95_hours = 0.0;
  std::optional<double> on_time_probability;  ///< share of samples at or under the deadline
  std::vector<SpreadContribution> spread;     ///< random terms, largest share first
  /// Under load: the delays added on this route (largest first), their sum, and the share of the
  /// volume that takes this route at equilibrium.
  std::vector<LoadDelay> load_delays;
  double load_delay_hours = 0.0;
  std::optional<double> share_of_volume;
  /// Standard error of on_time_probability: sqrt(p (1 - p) / samples).
  double on_time_standard_error() const;
};

struct ReliabilityResult {
  ReliabilityQuery query;
  /// The chosen route first, then the other alternatives in ranking order (by mean: the k best
  /// by expected time in order; by P90: smallest P90 first); empty when no route exists.
  std::vector<RouteReliability> routes;
  std::optional<ReliabilityLoad> load;  ///< set when query.volume_tpy > 0
  bool found() const { return !routes.empty(); }
};

/// Resolves ids and checks the numbers (E-QUERY-REF, E-QUERY, E-RANGE, E-TIME), reporting
/// with `pointer` as for routes. Returns a query only when nothing was reported.
std::optional<ReliabilityQuery> resolve(const Network& network, const ReliabilityRequest& request,
                                        const std::string& pointer, DiagnosticSink& sink);

}  // namespace corridor
