#include "model/distribution.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace corridor {
namespace {

constexpr std::array<std::string_view, 7> kDayNames{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

/// Standard normal distribution function.
double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

/// E[min(X, cap)^k] for X lognormal(mu, sigma), k = 1 or 2: the partial moment below the cap
/// plus cap^k times the probability above it.
double capped_lognormal_moment(double mu, double sigma, double cap, int k) {
  const double log_cap = std::log(cap);
  const double kk = static_cast<double>(k);
  if (sigma == 0.0) return std::pow(std::min(std::exp(mu), cap), kk);
  const double below = std::exp(kk * mu + kk * kk * sigma * sigma / 2.0) *
                       normal_cdf((log_cap - mu - kk * sigma * sigma) / sigma);
  const double above = std::pow(cap, kk) * (1.0 - normal_cdf((log_cap - mu) / sigma));
  return below + above;
}

std::string hours_text(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

/// Finite, >= 0 and <= max_hours; reports with the member's pointer.
bool check_hours(double value, std::string_view member, double max_hours, const std::string& pointer,
                 const std::string& element_id, DiagnosticSink& sink) {
  const std::string where = pointer + "/" + std::string(member);
  if (!std::isfinite(value)) {
    sink.error("E-NUMBER", where, std::string(member) + " must be a finite number", element_id);
    return false;
  }
  if (value < 0) {
    sink.error("E-RANGE", where, std::string(member) + " must be >= 0, got " + hours_text(value), element_id);
    return false;
  }
  if (value > max_hours) {
    sink.error("E-TOO-LARGE", where,
               std::string(member) + " = " + hours_text(value) + " is too large to be meaningful (limit " +
                   hours_text(max_hours) + ")",
               element_id);
    return false;
  }
  return true;
}

}  // namespace

Distribution Distribution::triangular(double min_hours, double mode_hours, double max_hours) {
  Distribution d;
  d.kind = DistributionKind::Triangular;
  d.min_hours = min_hours;
  d.mode_hours = mode_hours;
  d.max_hours = max_hours;
  return d;
}

Distribution Distribution::lognormal(double median_hours, double p90_hours, std::optional<double> cap_hours) {
  Distribution d;
  d.kind = DistributionKind::Lognormal;
  d.median_hours = median_hours;
  d.p90_hours = p90_hours;
  d.cap_hours = cap_hours;
  return d;
}

Distribution Distribution::empirical(std::vector<double> values_hours) {
  Distribution d;
  d.kind = DistributionKind::Empirical;
  d.values_hours = std::move(values_hours);
  return d;
}

double Distribution::log_mu() const { return std::log(median_hours); }
double Distribution::log_sigma() const { return std::log(p90_hours / median_hours) / kStandardNormalP90; }

double Distribution::mean_hours() const {
  switch (kind) {
    case DistributionKind::Triangular: return (min_hours + mode_hours + max_hours) / 3.0;
    case DistributionKind::Lognormal: {
      const double sigma = log_sigma();
      if (cap_hours) return capped_lognormal_moment(log_mu(), sigma, *cap_hours, 1);
      return median_hours * std::exp(sigma * sigma / 2.0);
    }
    case DistributionKind::Empirical:
      if (values_hours.empty()) return 0.0;
      return std::accumulate(values_hours.begin(), values_hours.end(), 0.0) /
             static_cast<double>(values_hours.size());
  }
  return 0.0;
}

double Distribution::variance_hours2() const {
  switch (kind) {
    case DistributionKind::Triangular: {
      const double a = min_hours, c = mode_hours, b = max_hours;
      return (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0;
    }
    case DistributionKind::Lognormal: {
      if (cap_hours) {
        const double mean = mean_hours();
        return std::max(0.0, capped_lognormal_moment(log_mu(), log_sigma(), *cap_hours, 2) - mean * mean);
      }
      const double s2 = log_sigma() * log_sigma();
      return (std::exp(s2) - 1.0) * median_hours * median_hours * std::exp(s2);
    }
    case DistributionKind::Empirical: {
      if (values_hours.empty()) return 0.0;
      const double mean = mean_hours();
      double sum = 0.0;
      for (double v : values_hours) sum += (v - mean) * (v - mean);
      return sum / static_cast<double>(values_hours.size());
    }
  }
  return 0.0;
}

bool Distribution::is_constant() const {
  switch (kind) {
    case DistributionKind::Triangular: return min_hours == max_hours;
    case DistributionKind::Lognormal: return p90_hours == median_hours;
    case DistributionKind::Empirical:
      return std::adjacent_find(values_hours.begin(), values_hours.end(), std::not_equal_to<>()) ==
             values_hours.end();
  }
  return true;
}

std::string Distribution::describe() const {
  switch (kind) {
    case DistributionKind::Triangular:
      return "triangular " + hours_text(min_hours) + "/" + hours_text(mode_hours) + "/" + hours_text(max_hours) + " h";
    case DistributionKind::Lognormal:
      return "lognormal median " + hours_text(median_hours) + " h, P90 " + hours_text(p90_hours) + " h" +
             (cap_hours ? ", max " + hours_text(*cap_hours) + " h" : "");
    case DistributionKind::Empirical: {
      if (values_hours.empty()) return "empirical (no values)";
      const auto [low, high] = std::minmax_element(values_hours.begin(), values_hours.end());
      return "empirical " + hours_text(*low) + "-" + hours_text(*high) + " h (" + std::to_string(values_hours.size()) +
             " values)";
    }
  }
  return "?";
}

void check_distribution(const Distribution& d, double max_hours, const std::string& pointer,
                        const std::string& element_id, DiagnosticSink& sink) {
  switch (d.kind) {
    case DistributionKind::Triangular: {
      // Every value is checked (and reported) before deciding: no short-circuit.
      const bool min_ok = check_hours(d.min_hours, "min_hours", max_hours, pointer, element_id, sink);
      const bool mode_ok = check_hours(d.mode_hours, "mode_hours", max_hours, pointer, element_id, sink);
      const bool max_ok = check_hours(d.max_hours, "max_hours", max_hours, pointer, element_id, sink);
      const bool ok = min_ok && mode_ok && max_ok;
      if (ok && !(d.min_hours <= d.mode_hours && d.mode_hours <= d.max_hours))
        sink.error("E-DIST", pointer,
                   "triangular distribution needs min_hours <= mode_hours <= max_hours, got " +
                       hours_text(d.min_hours) + ", " + hours_text(d.mode_hours) + ", " + hours_text(d.max_hours),
                   element_id);
      break;
    }
    case DistributionKind::Lognormal: {
      const bool median_ok = check_hours(d.median_hours, "median_hours", max_hours, pointer, element_id, sink);
      const bool p90_ok = check_hours(d.p90_hours, "p90_hours", max_hours, pointer, element_id, sink);
      bool ok = median_ok && p90_ok;
      if (d.cap_hours) ok = check_hours(*d.cap_hours, "max_hours", max_hours, pointer, element_id, sink) && ok;
      if (!ok) break;
      if (d.median_hours <= 0)
        sink.error("E-DIST", pointer + "/median_hours", "lognormal distribution needs median_hours > 0", element_id);
      else if (d.p90_hours < d.median_hours)
        sink.error("E-DIST", pointer,
                   "lognormal distribution needs p90_hours >= median_hours, got median " + hours_text(d.median_hours) +
                       " and P90 " + hours_text(d.p90_hours),
                   element_id);
      else if (d.cap_hours && *d.cap_hours < d.p90_hours)
        sink.error("E-DIST", pointer + "/max_hours",
                   "lognormal max_hours must be >= p90_hours, got " + hours_text(*d.cap_hours), element_id);
      else if (d.mean_hours() > max_hours)
        sink.error("E-TOO-LARGE", pointer,
                   "lognormal distribution has a mean of " + hours_text(d.mean_hours()) +
                       " h, too large to be meaningful (limit " + hours_text(max_hours) + ")",
                   element_id);
      break;
    }
    case DistributionKind::Empirical: {
      if (d.values_hours.empty())
        sink.error("E-DIST", pointer + "/values_hours", "empirical distribution needs at least one value",
                   element_id);
      if (d.values_hours.size() > kMaxEmpiricalValues)
        sink.error("E-TOO-LARGE", pointer + "/values_hours",
                   "empirical distribution lists " + std::to_string(d.values_hours.size()) +
                       " values (limit " + std::to_string(kMaxEmpiricalValues) + ")",
                   element_id);
      int reported = 0;
      for (std::size_t i = 0; i < d.values_hours.size() && reported < 10; ++i)
        if (!check_hours(d.values_hours[i], "values_hours/" + std::to_string(i), max_hours, pointer, element_id,
                         sink))
          ++reported;
      break;
    }
  }
}

double WeeklySchedule::wait_hours_at(double time_hours) const {
  double phase = std::fmod(time_hours, kHoursPerWeek);
  if (phase < 0) phase += kHoursPerWeek;
  const double phase_minutes = phase * 60.0;
  // First departure at or after the phase; wrap to next week's first one.
  auto it = std::lower_bound(departure_minutes.begin(), departure_minutes.end(), phase_minutes - 1e-9,
                             [](int minute, double value) { return static_cast<double>(minute) < value; });
  const double next = it != departure_minutes.end() ? static_cast<double>(*it)
                                                    : static_cast<double>(departure_minutes.front() + kMinutesPerWeek);
  return std::max(0.0, next - phase_minutes) / 60.0;
}

double WeeklySchedule::expected_wait_hours() const {
  if (departure_minutes.empty()) return 0.0;
  double sum_squares = 0.0;
  for (std::size_t i = 0; i < departure_minutes.size(); ++i) {
    const int next = i + 1 < departure_minutes.size() ? departure_minutes[i + 1]
                                                      : departure_minutes.front() + kMinutesPerWeek;
    const double gap_hours = (next - departure_minutes[i]) / 60.0;
    sum_squares += gap_hours * gap_hours;
  }
  return sum_squares / (2.0 * kHoursPerWeek);
}

std::string WeeklySchedule::describe() const {
  // Times of day with a departure on all seven days are written "daily HH:MM".
  std::vector<int> daily;
  for (int minute : departure_minutes) {
    const int time_of_day = minute % 1440;
    if (minute >= 1440) continue;
    bool every_day = true;
    for (int day = 1; day < 7 && every_day; ++day)
      every_day = std::binary_search(departure_minutes.begin(), departure_minutes.end(), day * 1440 + time_of_day);
    if (every_day) daily.push_back(time_of_day);
  }
  std::string out;
  for (int time_of_day : daily) {
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "daily %02d:%02d", time_of_day / 60, time_of_day % 60);
    out += (out.empty() ? "" : ", ") + std::string(buffer);
  }
  for (int minute : departure_minutes)
    if (!std::binary_search(daily.begin(), daily.end(), minute % 1440))
      out += (out.empty() ? "" : ", ") + format_minute_of_week(minute);
  return out;
}

std::vector<int> parse_departure(std::string_view text, std::string& error) {
  error.clear();
  const auto space = text.find(' ');
  const std::string_view day = text.substr(0, space == std::string_view::npos ? text.size() : space);
  const std::string_view time = space == std::string_view::npos ? std::string_view{} : text.substr(space + 1);
  int hour = -1, minute = -1;
  if (time.size() == 5 && time[2] == ':' && std::isdigit(static_cast<unsigned char>(time[0])) &&
      std::isdigit(static_cast<unsigned char>(time[1])) && std::isdigit(static_cast<unsigned char>(time[3])) &&
      std::isdigit(static_cast<unsigned char>(time[4]))) {
    hour = (time[0] - '0') * 10 + (time[1] - '0');
    minute = (time[3] - '0') * 10 + (time[4] - '0');
  }
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    error = "departure \"" + std::string(text) + "\" must be a day and a time such as \"Mon 08:00\" or \"daily 06:30\"";
    return {};
  }
  const int time_of_day = hour * 60 + minute;
  if (day == "daily") {
    std::vector<int> out;
    for (int d = 0; d < 7; ++d) out.push_back(d * 1440 + time_of_day);
    return out;
  }
  for (int d = 0; d < 7; ++d)
    if (kDayNames[static_cast<std::size_t>(d)] == day) return {d * 1440 + time_of_day};
  error = "unknown day \"" + std::string(day) + "\" in departure \"" + std::string(text) +
          "\" (expected Mon, Tue, Wed, Thu, Fri, Sat, Sun or daily)";
  return {};
}

std::string format_minute_of_week(int minute) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%s %02d:%02d", std::string(kDayNames[static_cast<std::size_t>(minute / 1440 % 7)]).c_str(),
                minute % 1440 / 60, minute % 60);
  return buffer;
}

std::optional<std::int64_t> parse_iso_minutes(std::string_view text) {
  if (!text.empty() && text.back() == 'Z') text.remove_suffix(1);
  if (text.size() == 19 && text[16] == ':') text.remove_suffix(3);  // seconds
  if (text.size() != 16 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ') ||
      text[13] != ':')
    return std::nullopt;
  auto number = [&](std::size_t at, std::size_t length) -> int {
    int value = 0;
    for (std::size_t i = at; i < at + length; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const int year = number(0, 4), month = number(5, 2), day = number(8, 2), hour = number(11, 2),
            minute = number(14, 2);
  if (year < 1970 || month < 1 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59) return std::nullopt;
  using namespace std::chrono;
  const year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                            std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) return std::nullopt;
  const auto days_since_epoch = sys_days{date}.time_since_epoch().count();
  return static_cast<std::int64_t>(days_since_epoch) * 1440 + hour * 60 + minute;
}

std::string format_iso_minutes(std::int64_t minutes) {
  using namespace std::chrono;
  const auto days = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440;
  const auto in_day = minutes - days * 1440;
  const sys_days date_days{std::chrono::days{days}};
  const year_month_day date{date_days};
  const unsigned weekday_index = weekday{date_days}.iso_encoding() - 1;  // Monday = 0
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u %02d:%02d %s", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), static_cast<int>(in_day / 60),
                static_cast<int>(in_day % 60), std::string(kDayNames[weekday_index]).c_str());
  return buffer;
}

double hours_into_week(std::int64_t minutes_since_epoch) {
  // 1970-01-01 was a Thursday: three days after a Monday.
  std::int64_t m = (minutes_since_epoch + 3 * 1440) % kMinutesPerWeek;
  if (m < 0) m += kMinutesPerWeek;
  return static_cast<double>(m) / 60.0;
}

}  // namespace corridor
