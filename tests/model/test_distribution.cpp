// Distributions and weekly timetables as plain values: means and variances against closed
// forms, timetable waits worked out by hand, date-time parsing.

#include <algorithm>
#include <cmath>
#include <string>

#include <doctest/doctest.h>

#include "model/distribution.hpp"
#include "support/diagnostics.hpp"

using namespace corridor;
using namespace corridor::test;

TEST_CASE("distribution means and variances follow the closed forms") {
  const Distribution tri = Distribution::triangular(10, 20, 60);
  CHECK(tri.mean_hours() == doctest::Approx(30.0));
  // (a^2 + b^2 + c^2 - ab - ac - bc) / 18 = (100 + 3600 + 400 - 600 - 200 - 1200) / 18
  CHECK(tri.variance_hours2() == doctest::Approx(2100.0 / 18.0));
  CHECK_FALSE(tri.is_constant());

  const Distribution logn = Distribution::lognormal(48, 96);
  const double sigma = std::log(2.0) / kStandardNormalP90;
  CHECK(logn.log_sigma() == doctest::Approx(sigma));
  CHECK(logn.mean_hours() == doctest::Approx(48.0 * std::exp(sigma * sigma / 2)));
  CHECK(logn.variance_hours2() == doctest::Approx((std::exp(sigma * sigma) - 1) * 48.0 * 48.0 * std::exp(sigma * sigma)));

  const Distribution emp = Distribution::empirical({39.9, 48.6, 51.9, 40.6});
  CHECK(emp.mean_hours() == doctest::Approx(45.25));
  CHECK(emp.variance_hours2() == doctest::Approx((5.35 * 5.35 + 3.35 * 3.35 + 6.65 * 6.65 + 4.65 * 4.65) / 4));
}

TEST_CASE("degenerate distributions are constant with that value as mean") {
  CHECK(Distribution::triangular(7, 7, 7).is_constant());
  CHECK(Distribution::triangular(7, 7, 7).mean_hours() == 7);
  CHECK(Distribution::lognormal(12, 12).is_constant());
  CHECK(Distribution::lognormal(12, 12).mean_hours() == doctest::Approx(12));
  CHECK(Distribution::empirical({5, 5, 5}).is_constant());
  CHECK(Distribution::triangular(7, 7, 7).variance_hours2() == 0);
}

TEST_CASE("check_distribution reports order, range and emptiness with pointers") {
  DiagnosticSink sink("net.json");
  check_distribution(Distribution::triangular(10, 5, 20), 1e5, "/nodes/0/dwell_distribution", "node A", sink);
  check_distribution(Distribution::triangular(-1, 5, 20), 1e5, "/nodes/1/dwell_distribution", "node B", sink);
  check_distribution(Distribution::lognormal(48, 24), 1e5, "/links/0/wait_distribution", "link A-B", sink);
  check_distribution(Distribution::lognormal(0, 24), 1e5, "/links/1/wait_distribution", "link B-C", sink);
  check_distribution(Distribution::empirical({}), 1e5, "/links/2/wait_distribution", "link C-D", sink);
  check_distribution(Distribution::empirical({1, 2e6}), 1e5, "/links/3/wait_distribution", "link D-E", sink);
  const auto& d = sink.diagnostics();
  INFO(describe(d));
  CHECK(has_diagnostic(d, "E-DIST", "/nodes/0/dwell_distribution"));
  CHECK(has_diagnostic(d, "E-RANGE", "/nodes/1/dwell_distribution/min_hours"));
  CHECK(has_diagnostic(d, "E-DIST", "/links/0/wait_distribution"));
  CHECK(has_diagnostic(d, "E-DIST", "/links/1/wait_distribution/median_hours"));
  CHECK(has_diagnostic(d, "E-DIST", "/links/2/wait_distribution/values_hours"));
  CHECK(has_diagnostic(d, "E-TOO-LARGE", "/links/3/wait_distribution/values_hours/1"));
  CHECK(find_diagnostic(d, "E-DIST", "/nodes/0/dwell_distribution")->element_id == "node A");
  CHECK(count_errors(d) == 6);
}

TEST_CASE("departures parse into minutes after Monday 00:00") {
  std::string error;
  CHECK(parse_departure("Mon 08:00", error) == std::vector<int>{480});
  CHECK(error.empty());
  CHECK(parse_departure("Sun 23:59", error) == std::vector<int>{6 * 1440 + 23 * 60 + 59});
  CHECK(parse_departure("daily 06:30", error).size() == 7);
  CHECK(parse_departure("daily 06:30", error)[3] == 3 * 1440 + 390);
  CHECK(parse_departure("Mon 24:00", error).empty());
  CHECK_FALSE(error.empty());
  CHECK(parse_departure("Monday 08:00", error).empty());
  CHECK(error.find("unknown day") != std::string::npos);
  CHECK(parse_departure("Tue 8:00", error).empty());
  CHECK(format_minute_of_week(3 * 1440 + 20 * 60 + 5) == "Thu 20:05");
}

TEST_CASE("timetable waits worked out by hand") {
  // Departures Mon 08:00 and Thu 20:00: gaps of 84 h (Mon 08 -> Thu 20) and 84 h back.
  WeeklySchedule even{{480, 3 * 1440 + 1200}};
  CHECK(even.wait_hours_at(0.0) == doctest::Approx(8.0));          // Mon 00:00 -> Mon 08:00
  CHECK(even.wait_hours_at(8.0) == doctest::Approx(0.0));          // exactly at a departure
  CHECK(even.wait_hours_at(9.0) == doctest::Approx(83.0));         // Mon 09:00 -> Thu 20:00
  CHECK(even.wait_hours_at(3 * 24 + 21.0) == doctest::Approx(83.0)); // Thu 21:00 -> next Mon 08:00
  CHECK(even.wait_hours_at(168.0 + 9.0) == doctest::Approx(83.0));  // a week later: same
  CHECK(even.expected_wait_hours() == doctest::Approx(84.0 / 2));    // = 84 / d with d = 2
  // Uneven: Mon 00:00 and Tue 00:00: gaps 24 h and 144 h -> (24^2 + 144^2) / (2 * 168).
  WeeklySchedule uneven{{0, 1440}};
  CHECK(uneven.expected_wait_hours() == doctest::Approx((24.0 * 24 + 144.0 * 144) / 336.0));
  CHECK(uneven.wait_hours_at(30.0) == doctest::Approx(138.0));       // Tue 06:00 -> next Mon 00:00
}

TEST_CASE("ISO date-times parse to minutes and the moment of the week") {
  const auto monday = parse_iso_minutes("2026-03-02T08:00");
  REQUIRE(monday);
  CHECK(hours_into_week(*monday) == doctest::Approx(8.0));
  CHECK(format_iso_minutes(*monday) == "2026-03-02 08:00 Mon");
  CHECK(parse_iso_minutes("2026-03-02T08:00:00Z") == monday);
  const auto thursday = parse_iso_minutes("1970-01-01T00:00");
  REQUIRE(thursday);
  CHECK(*thursday == 0);
  CHECK(hours_into_week(0) == doctest::Approx(72.0));
  CHECK_FALSE(parse_iso_minutes("2026-02-30T08:00"));
  CHECK_FALSE(parse_iso_minutes("2026-03-02 8:00"));
  CHECK_FALSE(parse_iso_minutes("tomorrow"));
  CHECK(format_iso_minutes(*monday + 4 * 1440 + 305) == "2026-03-06 13:05 Fri");
}

TEST_CASE("a capped lognormal has the moments of min(X, cap), checked by integration") {
  const Distribution free = Distribution::lognormal(12, 72);
  CHECK(Distribution::lognormal(12, 72, 1e9).mean_hours() == doctest::Approx(free.mean_hours()));
  const Distribution capped = Distribution::lognormal(12, 72, 336);
  CHECK(capped.describe() == "lognormal median 12 h, P90 72 h, max 336 h");
  // E[min(X, b)] = integral of P(X > x) over [0, b]; E[min(X, b)^2] = integral of 2 x P(X > x).
  const double mu = capped.log_mu(), sigma = capped.log_sigma();
  auto survival = [&](double x) { return x <= 0 ? 1.0 : 0.5 * std::erfc((std::log(x) - mu) / sigma / std::sqrt(2.0)); };
  double first = 0, second = 0;
  const int steps = 200000;
  const double h = 336.0 / steps;
  for (int i = 0; i < steps; ++i) {
    const double x = (i + 0.5) * h;  // midpoint rule
    first += survival(x) * h;
    second += 2 * x * survival(x) * h;
  }
  CHECK(capped.mean_hours() == doctest::Approx(first).epsilon(1e-4));
  CHECK(capped.variance_hours2() == doctest::Approx(second - first * first).epsilon(1e-4));
  CHECK(capped.mean_hours() < free.mean_hours());

  DiagnosticSink sink;
  check_distribution(Distribution::lognormal(12, 72, 48), 1e5, "/d", "x", sink);
  CHECK(has_diagnostic(sink.diagnostics(), "E-DIST", "/d/max_hours"));
}

TEST_CASE("timetables describe themselves compactly") {
  std::string error;
  WeeklySchedule schedule{parse_departure("daily 10:00", error)};
  schedule.departure_minutes.push_back(2 * 1440 + 1200);  // Wed 20:00
  std::sort(schedule.departure_minutes.begin(), schedule.departure_minutes.end());
  CHECK(schedule.describe() == "daily 10:00, Wed 20:00");
  CHECK(WeeklySchedule{{480, 3 * 1440 + 1200}}.describe() == "Mon 08:00, Thu 20:00");
}
