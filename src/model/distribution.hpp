#pragma once
// Random durations (border dwell, port handling, waits for a departure) and weekly timetables,
// as given in network files. Plain value types; sampling lives in src/solve/reliability.cpp.
// docs/reliability.md explains how they enter the model.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostic.hpp"
#include "model/enum_table.hpp"

namespace corridor {

enum class DistributionKind : std::uint8_t { Triangular, Lognormal, Empirical };
inline constexpr EnumName<DistributionKind> kDistributionKindNames[] = {{DistributionKind::Triangular, "triangular"}, {DistributionKind::Lognormal, "lognormal"}, {DistributionKind::Empirical, "empirical"}};
static_assert(enum_table_valid(kDistributionKindNames));
constexpr const auto& enum_table(DistributionKind) { return kDistributionKindNames; }

/// z such that P(Z <= z) = 0.9 for a standard normal Z: links a lognormal's median and P90.
inline constexpr double kStandardNormalP90 = 1.2815515655446004;

/// A non-negative random duration in hours. Only the members of its kind are meaningful:
/// triangular (min <= mode <= max), lognormal (given by its median and 90th percentile,
/// p90 >= median > 0, optionally capped: draws above cap_hours count as cap_hours), empirical
/// (observed values, each equally likely).
struct Distribution {
  DistributionKind kind = DistributionKind::Triangular;
  double min_hours = 0.0;
  double mode_hours = 0.0;
  double max_hours = 0.0;
  double median_hours = 0.0;
  double p90_hours = 0.0;
  std::optional<double> cap_hours;  ///< lognormal only: longer draws are cut to this (>= p90)
  std::vector<double> values_hours;

  static Distribution triangular(double min_hours, double mode_hours, double max_hours);
  static Distribution lognormal(double median_hours, double p90_hours,
                                std::optional<double> cap_hours = std::nullopt);
  static Distribution empirical(std::vector<double> values_hours);

  /// Expected value: the figure the deterministic model uses.
  double mean_hours() const;
  double variance_hours2() const;
  /// True when every draw gives the same value (e.g. min = mode = max).
  bool is_constant() const;
  /// Lognormal parameters of log(X): mu = ln(median), sigma = ln(p90 / median) / z0.9.
  double log_mu() const;
  double log_sigma() const;
  /// "triangular 40/45/83 h", "lognormal median 48 h, P90 80 h", "empirical 39.9-51.9 h (4 values)".
  std::string describe() const;

  // Written out, not defaulted: this header is also compiled as C++17 (the LEMON peers of the
  // benchmarks include model/network.hpp), where a defaulted == does not exist.
  bool operator==(const Distribution& other) const {
    return kind == other.kind && min_hours == other.min_hours && mode_hours == other.mode_hours &&
           max_hours == other.max_hours && median_hours == other.median_hours && p90_hours == other.p90_hours &&
           cap_hours == other.cap_hours && values_hours == other.values_hours;
  }
  bool operator!=(const Distribution& other) const { return !(*this == other); }
};

/// Largest number of values an empirical distribution may list.
inline constexpr std::size_t kMaxEmpiricalValues = 100000;

/// Checks a distribution's values (finite, >= 0, <= max_hours, ordered); `pointer` is the
/// distribution's JSON Pointer. Codes: E-RANGE, E-NUMBER, E-TOO-LARGE, E-DIST.
void check_distribution(const Distribution& distribution, double max_hours, const std::string& pointer,
                        const std::string& element_id, DiagnosticSink& sink);

inline constexpr int kMinutesPerWeek = 7 * 24 * 60;
inline constexpr double kHoursPerWeek = 168.0;

/// Weekly departures of a link, as minutes after Monday 00:00 (UTC), sorted and unique.
struct WeeklySchedule {
  std::vector<int> departure_minutes;

  /// Hours from `time_hours` (hours after some Monday 00:00) to the next departure at or
  /// after it; 0 when a departure is exactly then. Precondition: at least one departure.
  double wait_hours_at(double time_hours) const;
  /// Expected wait for an arrival at a uniformly random moment of the week: the sum over
  /// the gaps g between consecutive departures of g^2 / (2 * 168 h); 84 / d when evenly spaced.
  double expected_wait_hours() const;
  double departures_per_week() const { return static_cast<double>(departure_minutes.size()); }
  /// "Mon 08:00, Thu 20:00"
  std::string describe() const;

  bool operator==(const WeeklySchedule& other) const { return departure_minutes == other.departure_minutes; }
  bool operator!=(const WeeklySchedule& other) const { return !(*this == other); }
};

/// Parses "Mon 08:00" (also "daily 08:00", which gives seven departures) into minutes after
/// Monday 00:00. Returns an empty list with `error` set when the text is malformed.
std::vector<int> parse_departure(std::string_view text, std::string& error);
/// "Mon 08:00"
std::string format_minute_of_week(int minute);

/// A moment as minutes since 1970-01-01T00:00 UTC, parsed from "2026-03-02T08:00"
/// (seconds and a trailing "Z" accepted); std::nullopt when malformed or not a real date.
std::optional<std::int64_t> parse_iso_minutes(std::string_view text);
/// "2026-03-02 08:00 Mon"
std::string format_iso_minutes(std::int64_t minutes);
/// Hours after the Monday 00:00 that starts the week containing the moment.
double hours_into_week(std::int64_t minutes_since_epoch);

}  // namespace corridor
