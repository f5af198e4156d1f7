// Monte Carlo reliability and timetabled routes: degenerate distributions give the
// deterministic model, known distributions give their analytic percentiles within sampling
// error, timetabled waits match values worked out by hand, and the result does not depend
// on the thread count. Seeds are fixed (tests/support/seed.hpp).

#include <cmath>
#include <random>
#include <string>

#include <doctest/doctest.h>

#include "io/network_json.hpp"
#include "model/reliability.hpp"
#include "solve/reliability.hpp"
#include "solve/route.hpp"
#include "solve/schedule.hpp"
#include "support/builders.hpp"
#include "support/reliability.hpp"
#include "support/seed.hpp"

using namespace corridor;
using namespace corridor::test;

namespace {

// Standard normal quantiles for the lognormal checks.
constexpr double kZ80 = 0.8416212335729143;
constexpr double kZ95 = 1.6448536269514722;

/// A -(rail 10 h)- B -(rail 5 h)- C: B's dwell is the only random term when given.
Network chain(std::optional<Distribution> dwell_at_b) {
  Network net = NetworkBuilder()
                    .node("A", NodeKind::RailTerminal)
                    .node("B", NodeKind::BorderCrossing, 4.0)
                    .node("C", NodeKind::RailTerminal)
                    .link("A", "B", Mode::Rail, 500, 10.0)
                    .link("B", "C", Mode::Rail, 250, 5.0)
                    .build();
  if (dwell_at_b) {
    net.nodes[1].dwell_distribution = dwell_at_b;
    net.nodes[1].dwell_hours = dwell_at_b->mean_hours();
  }
  return net;
}

/// The fastest route from `from` to `to`, sampled `samples` times on one thread.
ReliabilityQuery sampling_query(const Network& net, const std::string& from, const std::string& to,
                                std::int64_t samples, std::uint64_t seed = test_seed()) {
  ReliabilityQuery q;
  q.route = route_query(net, from, to);
  q.samples = samples;
  q.seed = seed;
  q.threads = 1;
  return q;
}

/// Triangular quantile (min a, mode c, max b).
double triangular_quantile(double a, double c, double b, double p) {
  const double split = (c - a) / (b - a);
  return p < split ? a + std::sqrt(p * (b - a) * (c - a)) : b - std::sqrt((1 - p) * (b - a) * (b - c));
}

/// The same statistics and the same spread (elements and shares), exactly.
void check_same_reliability(const RouteReliability& x, const RouteReliability& y) {
  CHECK(x.mean_hours == y.mean_hours);
  CHECK(x.sd_hours == y.sd_hours);
  CHECK(x.p50_hours == y.p50_hours);
  CHECK(x.p80_hours == y.p80_hours);
  CHECK(x.p90_hours == y.p90_hours);
  CHECK(x.p95_hours == y.p95_hours);
  CHECK(x.min_hours == y.min_hours);
  CHECK(x.max_hours == y.max_hours);
  CHECK(x.on_time_probability == y.on_time_probability);
  REQUIRE(x.spread.size() == y.spread.size());
  for (std::size_t i = 0; i < x.spread.size(); ++i) {
    CHECK(x.spread[i].element == y.spread[i].element);
    CHECK(x.spread[i].share == y.spread[i].share);
  }
}

}  // namespace

TEST_CASE("reliability: without randomness every percentile is the deterministic time") {
  for (const auto& dwell : {std::optional<Distribution>{}, std::optional{Distribution::triangular(7, 7, 7)},
                            std::optional{Distribution::lognormal(9, 9)},
                            std::optional{Distribution::empirical({3, 3, 3})}}) {
    const Network net = chain(dwell);
    ReliabilityQuery q = sampling_query(net, "A", "C", 1000);
    q.deadline_hours = 100;
    const ReliabilityResult result = assess(net, q);
    REQUIRE(result.found());
    const RouteReliability& r = result.routes.front();
    const double expected = r.route.hours;
    CHECK(expected == doctest::Approx(15.0 + (dwell ? dwell->mean_hours() : 4.0)));
    for (double value : {r.p50_hours, r.p80_hours, r.p90_hours, r.p95_hours, r.min_hours, r.max_hours, r.mean_hours})
      CHECK(value == doctest::Approx(expected).epsilon(1e-12));
    CHECK(r.sd_hours == doctest::Approx(0.0));
    CHECK(r.spread.empty());
    CHECK(r.on_time_probability == 1.0);
  }
}

TEST_CASE("reliability: a triangular dwell gives its analytic percentiles") {
  const Network net = chain(Distribution::triangular(10, 20, 60));
  ReliabilityQuery q = sampling_query(net, "A", "C", 200'000);
  q.deadline_hours = 15.0 + 30.0;
  const RouteReliability r = assess(net, q).routes.front();
  // Quantile standard errors at N = 200,000 are below 0.1 h here; 0.4 h is > 4 of them.
  for (double p : {0.5, 0.8, 0.9, 0.95}) {
    const double value = p == 0.5 ? r.p50_hours : p == 0.8 ? r.p80_hours : p == 0.9 ? r.p90_hours : r.p95_hours;
    INFO("p = " << p);
    CHECK(std::fabs(value - (15 + triangular_quantile(10, 20, 60, p))) < 0.4);
  }
  CHECK(std::fabs(r.mean_hours - 45.0) < 0.15);
  CHECK(std::fabs(r.sd_hours - std::sqrt(2100.0 / 18.0)) < 0.1);
  // P(dwell <= 30) = 1 - (60 - 30)^2 / (50 * 40) = 0.55; standard error ~0.0011.
  REQUIRE(r.on_time_probability);
  CHECK(std::fabs(*r.on_time_probability - 0.55) < 0.006);
  REQUIRE(r.spread.size() == 1);
  CHECK(r.spread[0].source == SpreadSource::Dwell);
  CHECK(r.spread[0].leg == 1);
  CHECK(r.spread[0].share == doctest::Approx(1.0));
}

TEST_CASE("reliability: a lognormal ferry wait gives its analytic percentiles") {
  Network net = NetworkBuilder()
                    .node("P", NodeKind::SeaPort)
                    .node("Q", NodeKind::SeaPort)
                    .link("P", "Q", Mode::Ferry, 470, 22.0, kUnlimited, 7.0)
                    .build();
  net.links[0].wait_distribution = Distribution::lognormal(48, 96);
  const RouteReliability r = assess(net, sampling_query(net, "P", "Q", 200'000)).routes.front();
  const double sigma = std::log(2.0) / kStandardNormalP90;
  CHECK(r.route.hours == doctest::Approx(22 + 48 * std::exp(sigma * sigma / 2)));  // the mean, not 84/7
  CHECK(r.p50_hours == doctest::Approx(22 + 48).epsilon(0.01));
  CHECK(r.p80_hours == doctest::Approx(22 + 48 * std::exp(sigma * kZ80)).epsilon(0.01));
  CHECK(r.p90_hours == doctest::Approx(22 + 96).epsilon(0.01));
  CHECK(r.p95_hours == doctest::Approx(22 + 48 * std::exp(sigma * kZ95)).epsilon(0.015));
  CHECK(r.mean_hours == doctest::Approx(r.route.hours).epsilon(0.01));
}

TEST_CASE("reliability: a capped lognormal wait never exceeds its cap, which holds the upper tail") {
  Network net = NetworkBuilder()
                    .node("P", NodeKind::SeaPort)
                    .node("Q", NodeKind::SeaPort)
                    .link("P", "Q", Mode::Ferry, 470, 22.0)
                    .build();
  const Distribution wait = Distribution::lognormal(12, 72, 336);
  net.links[0].wait_distribution = wait;
  ReliabilityQuery q = sampling_query(net, "P", "Q", 200'000);
  q.deadline_hours = 22 + 336 - 1e-6;
  const RouteReliability r = assess(net, q).routes.front();
  CHECK(r.max_hours == doctest::Approx(22 + 336));
  // P(X >= 336 h) = 1 - Phi((ln 336 - mu) / sigma); standard error ~0.0003.
  const double above = 0.5 * std::erfc((std::log(336.0) - wait.log_mu()) / wait.log_sigma() / std::sqrt(2.0));
  REQUIRE(r.on_time_probability);
  CHECK(std::fabs((1 - *r.on_time_probability) - above) < 0.002);
  CHECK(r.p90_hours == doctest::Approx(22 + 72).epsilon(0.01));
  CHECK(r.mean_hours == doctest::Approx(22 + wait.mean_hours()).epsilon(0.01));
  CHECK(r.sd_hours == doctest::Approx(std::sqrt(wait.variance_hours2())).epsilon(0.02));
}

TEST_CASE("reliability: an empirical dwell is resampled from its values") {
  const Network net = chain(Distribution::empirical({10, 20, 30, 40, 100}));
  const RouteReliability r = assess(net, sampling_query(net, "A", "C", 100'000)).routes.front();
  CHECK(r.min_hours == doctest::Approx(25));
  CHECK(r.max_hours == doctest::Approx(115));
  CHECK(r.p50_hours == doctest::Approx(45));   // 40-60 % of draws are 30
  CHECK(r.p90_hours == doctest::Approx(115));  // 80-100 % are 100
  CHECK(std::fabs(r.mean_hours - 55.0) < 0.5);
}

TEST_CASE("reliability: shares of independent terms are their variance shares and add up to 1") {
  Network net = chain(Distribution::triangular(0, 0, 60));  // variance 200
  net.links[0].wait_distribution = Distribution::empirical({0, 20});  // variance 100
  const RouteReliability r = assess(net, sampling_query(net, "A", "C", 200'000)).routes.front();
  REQUIRE(r.spread.size() == 2);
  double total = 0;
  for (const auto& term : r.spread) total += term.share;
  CHECK(total == doctest::Approx(1.0).epsilon(1e-9));
  CHECK(r.spread[0].source == SpreadSource::Dwell);  // largest first
  CHECK(std::fabs(r.spread[0].share - 2.0 / 3.0) < 0.01);
  CHECK(std::fabs(r.spread[1].share - 1.0 / 3.0) < 0.01);
  CHECK(r.spread[1].source == SpreadSource::Wait);
  CHECK(r.spread[1].leg == 0);
}

TEST_CASE("reliability: the same seed gives the same result whatever the thread count") {
  Network net = chain(Distribution::lognormal(30, 70));
  net.links[1].wait_distribution = Distribution::triangular(1, 5, 40);
  net.links[0].schedule = WeeklySchedule{{480, 3 * 1440 + 1200}};
  ReliabilityQuery q = sampling_query(net, "A", "C", 50'001);  // not a multiple of the block size
  q.deadline_hours = 120;
  const RouteReliability one = assess(net, q).routes.front();
  for (unsigned threads : {2u, 3u, 8u, 0u}) {
    INFO("threads = " << threads);
    q.threads = threads;
    check_same_reliability(one, assess(net, q).routes.front());
  }
  q.threads = 1;
  check_same_reliability(one, assess(net, q).routes.front());  // and the same run twice
  q.seed += 1;
  CHECK(assess(net, q).routes.front().p90_hours != one.p90_hours);
}

TEST_CASE("schedule: a timetabled ferry waits for its next departure, worked out by hand") {
  // A -(rail 10 h)- P (port, transfer 2 h) -(ferry 20 h, Mon 08:00 and Thu 20:00)- Q.
  Network net = NetworkBuilder()
                    .node("A", NodeKind::RailTerminal)
                    .node("P", NodeKind::SeaPort, 0.0, 2.0)
                    .node("Q", NodeKind::SeaPort)
                    .link("A", "P", Mode::Rail, 500, 10.0)
                    .link("P", "Q", Mode::Ferry, 400, 20.0)
                    .build();
  net.links[1].schedule = WeeklySchedule{{480, 3 * 1440 + 1200}};
  const auto monday = *parse_iso_minutes("2026-03-02T00:00");  // a Monday
  const RouteQuery q = route_query(net, "A", "Q");

  // Ready at P Mon 12:00 (10 h rail + 2 h transfer): next sailing Thu 20:00, 80 h later.
  auto timed = solve::earliest_arrival(net, q, monday);
  REQUIRE(timed);
  REQUIRE(timed->route.legs.size() == 2);
  CHECK(timed->route.legs[1].wait_hours == doctest::Approx(80.0));
  CHECK(timed->route.hours == doctest::Approx(10 + 2 + 80 + 20));
  CHECK(timed->arrive_minutes - timed->depart_minutes == 112 * 60);
  CHECK(format_iso_minutes(timed->arrive_minutes) == "2026-03-06 16:00 Fri");

  // Leaving Sunday 18:00: ready Mon 06:00, sails Mon 08:00 (2 h wait).
  timed = solve::earliest_arrival(net, q, monday - 6 * 60);
  REQUIRE(timed);
  CHECK(timed->route.legs[1].wait_hours == doctest::Approx(2.0));
  CHECK(timed->route.hours == doctest::Approx(34.0));

  // Ready exactly at a departure: no wait.
  timed = solve::earliest_arrival(net, q, monday - 4 * 60);
  REQUIRE(timed);
  CHECK(timed->route.legs[1].wait_hours == doctest::Approx(0.0));

  // Without a departure time the static model uses the timetable's expected wait: 84 / 2.
  const RouteResult fixed = solve::Router(net).find_route(q);
  REQUIRE(fixed.found());
  CHECK(fixed.routes.front().legs[1].wait_hours == doctest::Approx(42.0));

  // Monte Carlo from that Monday: no other randomness, so every sample is 112 h.
  ReliabilityQuery rq;
  rq.route = q;
  rq.samples = 500;
  rq.seed = test_seed();
  rq.depart_minutes = monday;
  const RouteReliability r = assess(net, rq).routes.front();
  CHECK(r.p50_hours == doctest::Approx(112.0));
  CHECK(r.p95_hours == doctest::Approx(112.0));
  // From a random moment of the week the mean is the expected wait (one timetabled leg).
  rq.depart_minutes.reset();
  rq.samples = 200'000;
  const RouteReliability random = assess(net, rq).routes.front();
  CHECK(std::fabs(random.mean_hours - (32 + 42)) < 0.3);
  CHECK(random.min_hours >= 32.0);
  CHECK(random.max_hours <= 32.0 + 84.0 + 1e-9);
}

TEST_CASE("schedule: earliest arrival takes the sailing that arrives first, not the one best on average") {
  // Two ferries P -> Q: daily 00:00 taking 25 h (expected 12 h wait: 37 h on average) and
  // Mondays 13:00 taking 30 h (expected 84 h wait: 114 h). Ready at P Monday 12:00, the
  // Monday sailing arrives first (1 + 30 = 31 h against 12 + 25 = 37 h).
  Network net = NetworkBuilder()
                    .node("A", NodeKind::RailTerminal)
                    .node("P", NodeKind::SeaPort, 0.0, 2.0)
                    .node("Q", NodeKind::SeaPort)
                    .link("A", "P", Mode::Rail, 500, 10.0)
                    .link("P", "Q", Mode::Ferry, 400, 25.0, kUnlimited, kNoSchedule, true, "DAILY")
                    .link("P", "Q", Mode::Ferry, 400, 30.0, kUnlimited, kNoSchedule, true, "WEEKLY")
                    .build();
  std::string error;
  net.links[1].schedule = WeeklySchedule{parse_departure("daily 00:00", error)};
  net.links[2].schedule = WeeklySchedule{parse_departure("Mon 13:00", error)};
  const RouteQuery q = route_query(net, "A", "Q");
  const RouteResult fixed = solve::Router(net).find_route(q);
  REQUIRE(fixed.found());
  CHECK(net.links[fixed.routes.front().legs[1].link].id == "DAILY");
  const auto timed = solve::earliest_arrival(net, q, *parse_iso_minutes("2026-03-02T00:00"));
  REQUIRE(timed);
  CHECK(net.links[timed->route.legs[1].link].id == "WEEKLY");
  CHECK(timed->route.hours == doctest::Approx(12 + 1 + 30));
  // A day later the daily sailing wins again (ready Tue 12:00: 12 + 25 against 145 + 30).
  const auto later = solve::earliest_arrival(net, q, *parse_iso_minutes("2026-03-03T00:00"));
  REQUIRE(later);
  CHECK(net.links[later->route.legs[1].link].id == "DAILY");
}

TEST_CASE("schedule: without timetables the earliest arrival is the fastest route of the static model") {
  DiagnosticSink sink("middle-corridor.json");
  const Network net = io::load_network(std::string(CORRIDOR_SOURCE_DIR) + "/network/middle-corridor.json", sink);
  const solve::Router router(net);
  const auto depart = *parse_iso_minutes("2026-03-02T08:00");
  for (const auto& pair : std::vector<std::pair<std::string, std::string>>{
           {"XIAN", "ISTANBUL"}, {"XIAN", "BAKU"}, {"LIANYUNGANG", "DUISBURG"}, {"ALASHANKOU", "POTI"}}) {
    const std::string& from = pair.first;  // not a structured binding: clang 14 cannot capture one
    const std::string& to = pair.second;
    INFO(from << " -> " << to);
    const RouteQuery q = route_query(net, from, to);
    const RouteResult fixed = router.find_route(q);
    const auto timed = solve::earliest_arrival(net, q, depart);
    REQUIRE(fixed.found());
    REQUIRE(timed);
    CHECK(timed->route.hours == doctest::Approx(fixed.routes.front().hours).epsilon(1e-12));
    double sum = 0;
    for (const RouteLeg& leg : timed->route.legs) sum += leg.total_hours();
    CHECK(timed->route.hours == doctest::Approx(sum));
  }
}

TEST_CASE("reliability: on random chains the sampled mean is the deterministic time within sampling error") {
  std::mt19937_64 rng(test_seed());
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  auto id = [](int i) {  // appending (not "N" + ...) avoids a GCC 12 -Wrestrict false positive at -O3
    std::string text = "N";
    text += std::to_string(i);
    return text;
  };
  for (int trial = 0; trial < 20; ++trial) {
    const int length = 2 + static_cast<int>(uniform(rng) * 6);
    NetworkBuilder builder;
    for (int i = 0; i <= length; ++i)
      builder.node(id(i), i == 0 || i == length ? NodeKind::RailTerminal : NodeKind::Junction);
    for (int i = 0; i < length; ++i)
      builder.link(id(i), id(i + 1), Mode::Rail, 100, 1 + 20 * uniform(rng));
    Network net = builder.build();
    auto random_distribution = [&]() {
      const double a = 30 * uniform(rng), b = a + 50 * uniform(rng);
      switch (static_cast<int>(uniform(rng) * 3)) {
        case 0: return Distribution::triangular(a, a + (b - a) * uniform(rng), b);
        case 1: return Distribution::lognormal(1 + a, 1 + b, uniform(rng) < 0.5 ? std::optional<double>{} : 3 * (1 + b));
        default: return Distribution::empirical({a, b, (a + b) / 2, b * uniform(rng)});
      }
    };
    for (int i = 1; i < length; ++i)
      if (uniform(rng) < 0.7) {
        net.nodes[static_cast<std::size_t>(i)].dwell_distribution = random_distribution();
        net.nodes[static_cast<std::size_t>(i)].dwell_hours = net.nodes[static_cast<std::size_t>(i)].dwell_distribution->mean_hours();
      }
    for (Link& link : net.links)
      if (uniform(rng) < 0.5) link.wait_distribution = random_distribution();
    ReliabilityQuery q = sampling_query(net, "N0", id(length), 40'000, test_seed() + trial);
    const RouteReliability r = assess(net, q).routes.front();
    INFO("CORRIDOR_TEST_SEED=" << test_seed() << " trial " << trial);
    const double standard_error = r.sd_hours / std::sqrt(40'000.0);
    CHECK(std::fabs(r.mean_hours - r.route.hours) <= 5 * standard_error + 1e-9);
    CHECK(r.min_hours <= r.p50_hours);
    CHECK(r.p50_hours <= r.p80_hours);
    CHECK(r.p80_hours <= r.p90_hours);
    CHECK(r.p90_hours <= r.p95_hours);
    CHECK(r.p95_hours <= r.max_hours);
    double shares = 0;
    for (const SpreadContribution& term : r.spread) shares += term.share;
    if (!r.spread.empty() && r.sd_hours > 0) CHECK(shares == doctest::Approx(1.0).epsilon(1e-6));
  }
}

TEST_CASE("reliability: by P90 the robust route beats the one that is faster on average") {
  // A -(5 h)- B -(5 h, wait lognormal median 4 h, P90 60 h, cut 200 h)- D: about 31 h on average
  // but 70 h at P90. A -(20 h)- C -(25 h)- D: always 45 h.
  Network net = NetworkBuilder()
                    .node("A", NodeKind::RailTerminal)
                    .node("B")
                    .node("C")
                    .node("D", NodeKind::RailTerminal)
                    .link("A", "B", Mode::Rail, 200, 5.0)
                    .link("B", "D", Mode::Rail, 200, 5.0)
                    .link("A", "C", Mode::Rail, 800, 20.0)
                    .link("C", "D", Mode::Rail, 1000, 25.0)
                    .build();
  net.links[1].wait_distribution = Distribution::lognormal(4, 60, 200);
  ReliabilityQuery q = sampling_query(net, "A", "D", 100'000);
  q.route.k = 2;
  const ReliabilityResult by_mean = assess(net, q);
  REQUIRE(by_mean.routes.size() == 2);
  CHECK(route_ids(net, by_mean.routes[0].route) == "A B D");
  CHECK(by_mean.routes[0].route.hours == doctest::Approx(10 + net.links[1].wait_distribution->mean_hours()));
  CHECK(std::fabs(by_mean.routes[0].p90_hours - 70.0) < 1.5);
  CHECK(by_mean.routes[1].p90_hours == doctest::Approx(45.0));

  q.by = ReliabilityRank::P90;
  const ReliabilityResult robust = assess(net, q);
  REQUIRE(robust.routes.size() == 2);
  CHECK(route_ids(net, robust.routes[0].route) == "A C D");
  CHECK(robust.routes[0].p90_hours <= robust.routes[1].p90_hours);
  // The same samples, only reordered.
  CHECK(robust.routes[1].p90_hours == by_mean.routes[0].p90_hours);
}
