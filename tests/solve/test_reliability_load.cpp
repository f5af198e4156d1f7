// Reliability under load (docs/reliability.md, "Reliability under load"): the equilibrium's
// load-dependent delays added to the sampled times. Certificates: no volume = today's result
// bit for bit; one BPR link whose delay is known in closed form shifts every sampled time by
// exactly that delay (and dropping the delay fails the test); a volume beyond a hard capacity
// is a status, not a crash; the shipped network's P50 and P90 never fall as the volume grows;
// the same seed gives the same numbers whatever the thread count.

#include <cmath>
#include <string>

#include <doctest/doctest.h>

#include "io/network_json.hpp"
#include "model/curve.hpp"
#include "model/reliability.hpp"
#include "solve/curve.hpp"
#include "solve/reliability.hpp"
#include "solve/route.hpp"
#include "support/builders.hpp"
#include "support/reliability.hpp"
#include "support/seed.hpp"

using namespace corridor;
using namespace corridor::test;

namespace {

constexpr double kPracticalCapacityTpy = 2'000'000.0;
constexpr double kFreeFlowHours = 10.0;

/// A -(rail 10 h, BPR 0.15 / 4 at C = 2 Mt/yr)- B -(rail 5 h)- C, with a triangular dwell at B:
/// the only delay is A-B's, 10 x 0.15 x (V / C)^4 hours.
Network bpr_chain(std::optional<double> hard_capacity_tpy = std::nullopt) {
  Network net = NetworkBuilder()
                    .node("A", NodeKind::RailTerminal)
                    .node("B", NodeKind::BorderCrossing, 4.0)
                    .node("C", NodeKind::RailTerminal)
                    .link("A", "B", Mode::Rail, 500, kFreeFlowHours)
                    .link("B", "C", Mode::Rail, 250, 5.0)
                    .build();
  Distribution dwell;
  dwell.kind = DistributionKind::Triangular;
  dwell.min_hours = 2.0;
  dwell.mode_hours = 4.0;
  dwell.max_hours = 30.0;
  net.nodes[1].dwell_distribution = dwell;
  net.nodes[1].dwell_hours = dwell.mean_hours();
  DelayFunction bpr;
  bpr.form = DelayForm::Bpr;
  bpr.capacity_tpy = kPracticalCapacityTpy;
  bpr.alpha = 0.15;
  bpr.beta = 4.0;
  net.links[0].delay = bpr;
  if (hard_capacity_tpy) net.links[0].capacity_tpy = static_cast<TonnesPerYear>(*hard_capacity_tpy);
  return net;
}

double bpr_delay_hours(double volume_tpy) { return kFreeFlowHours * 0.15 * std::pow(volume_tpy / kPracticalCapacityTpy, 4.0); }

/// The fastest route from `from` to `to` carrying `volume_tpy`, against a 20-day deadline.
ReliabilityQuery loaded_query(const Network& net, const std::string& from, const std::string& to, double volume_tpy,
                              std::int64_t samples = 20'000) {
  ReliabilityQuery q;
  q.route = route_query(net, from, to);
  q.samples = samples;
  q.seed = test_seed();
  q.threads = 1;
  q.deadline_hours = 20.0 * 24.0;
  q.volume_tpy = volume_tpy;
  return q;
}

/// The same statistics, load delay, route and spread shares, exactly.
void check_same_loaded_reliability(const RouteReliability& x, const RouteReliability& y) {
  CHECK(x.mean_hours == y.mean_hours);
  CHECK(x.sd_hours == y.sd_hours);
  CHECK(x.p50_hours == y.p50_hours);
  CHECK(x.p80_hours == y.p80_hours);
  CHECK(x.p90_hours == y.p90_hours);
  CHECK(x.p95_hours == y.p95_hours);
  CHECK(x.min_hours == y.min_hours);
  CHECK(x.max_hours == y.max_hours);
  CHECK(x.on_time_probability == y.on_time_probability);
  CHECK(x.load_delay_hours == y.load_delay_hours);
  CHECK(x.route.nodes == y.route.nodes);
  REQUIRE(x.spread.size() == y.spread.size());
  for (std::size_t i = 0; i < x.spread.size(); ++i) CHECK(x.spread[i].share == y.spread[i].share);
}

ReliabilityRequest a_to_c_request() {
  ReliabilityRequest request;
  request.route.from = std::string("A");
  request.route.to = std::string("C");
  return request;
}

const Network& shipped_network() {
  static const Network net = [] {
    DiagnosticSink sink("middle-corridor.json");
    return io::load_network(std::string(CORRIDOR_SOURCE_DIR) + "/network/middle-corridor.json", sink);
  }();
  return net;
}

}  // namespace

TEST_CASE("reliability under load: no volume is today's result, bit for bit") {
  const Network net = bpr_chain();
  const ReliabilityQuery unloaded = loaded_query(net, "A", "C", 0.0);
  const ReliabilityResult today = assess(net, unloaded);
  CHECK_FALSE(today.load.has_value());
  REQUIRE(today.found());
  CHECK(today.routes.front().load_delays.empty());
  CHECK(today.routes.front().load_delay_hours == 0.0);
  // Sampling with an empty load list and with the loads of a zero-delay equilibrium changes nothing.
  const RouteReliability direct = solve::sample_route(net, today.routes.front().route, unloaded);
  check_same_loaded_reliability(today.routes.front(), direct);
}

TEST_CASE("reliability under load: one BPR link shifts every sampled time by its closed-form delay") {
  const Network net = bpr_chain();
  for (double volume : {1'000'000.0, 2'000'000.0, 3'000'000.0}) {
    INFO("volume " << volume);
    const double delay = bpr_delay_hours(volume);  // 0.094, 1.5, 7.59 h
    const ReliabilityResult today = assess(net, loaded_query(net, "A", "C", 0.0));
    const ReliabilityResult loaded = assess(net, loaded_query(net, "A", "C", volume));
    REQUIRE(loaded.load.has_value());
    CHECK(loaded.load->status == LoadStatus::WithinCapacity);
    CHECK(loaded.load->equilibrium.stop == EquilibriumStop::Converged);
    REQUIRE(loaded.found());
    const RouteReliability& a = today.routes.front();
    const RouteReliability& b = loaded.routes.front();
    CHECK(b.route.nodes == a.route.nodes);
    REQUIRE(b.load_delays.size() == 1);
    CHECK(b.load_delays.front().type == CutElement::Type::Link);
    CHECK(b.load_delays.front().leg == 0);
    CHECK(b.load_delays.front().load_tpy == doctest::Approx(volume).epsilon(1e-12));
    CHECK(b.load_delay_hours == doctest::Approx(delay).epsilon(1e-12));
    CHECK(b.share_of_volume == doctest::Approx(1.0));
    // The same draws, each total later by exactly the delay (up to the rounding of one addition).
    const double tolerance = 1e-9;
    CHECK(std::abs((b.p50_hours - a.p50_hours) - delay) < tolerance);
    CHECK(std::abs((b.p90_hours - a.p90_hours) - delay) < tolerance);
    CHECK(std::abs((b.p95_hours - a.p95_hours) - delay) < tolerance);
    CHECK(std::abs((b.min_hours - a.min_hours) - delay) < tolerance);
    CHECK(std::abs((b.max_hours - a.max_hours) - delay) < tolerance);
    CHECK(std::abs((b.mean_hours - a.mean_hours) - delay) < tolerance);
    CHECK(b.sd_hours == doctest::Approx(a.sd_hours).epsilon(1e-9));
    // Mutation check: the loaded result must differ from the unloaded sampler by the delay, so a
    // sampler that dropped the delay (sampled the route without loads) would fail here.
    const RouteReliability dropped = solve::sample_route(net, b.route, loaded.query);
    CHECK(b.p90_hours - dropped.p90_hours == doctest::Approx(delay).epsilon(1e-9));
    CHECK(b.p90_hours > dropped.p90_hours);
  }
}

TEST_CASE("reliability under load: a volume beyond a hard capacity is a status, not a crash") {
  const Network net = bpr_chain(/*hard capacity*/ 1'000'000.0);
  const ReliabilityResult loaded = assess(net, loaded_query(net, "A", "C", 3'000'000.0));
  REQUIRE(loaded.load.has_value());
  CHECK(loaded.load->status == LoadStatus::OverCapacity);
  CHECK(loaded.load->equilibrium.over_capacity_tpy > 1'900'000.0);
  CHECK(loaded.found());  // still sampled, and flagged

  const ReliabilityResult within = assess(net, loaded_query(net, "A", "C", 500'000.0));
  CHECK(within.load->status == LoadStatus::WithinCapacity);
}

TEST_CASE("reliability under load: volume_mt is checked") {
  const Network net = bpr_chain();
  const ReliabilityRequest base = a_to_c_request();
  for (double volume : {-1.0, std::nan(""), 2e18}) {
    ReliabilityRequest request = base;
    request.volume_tpy = volume;
    DiagnosticSink sink;
    CHECK_FALSE(resolve(net, request, "/queries/0", sink).has_value());
    REQUIRE(sink.has_errors());
    CHECK(sink.diagnostics().front().pointer == "/queries/0/volume_mt");
  }
}

TEST_CASE("reliability under load: the same seed gives the same result whatever the thread count") {
  const Network& net = shipped_network();
  ReliabilityQuery q = loaded_query(net, "KHORGOS", "BAKU", 6e6, 30'000);
  const ReliabilityResult one = assess(net, q);
  REQUIRE(one.found());
  CHECK(one.routes.front().load_delay_hours > 0.0);
  for (unsigned threads : {2u, 3u, 0u}) {
    INFO("threads = " << threads);
    q.threads = threads;
    const ReliabilityResult other = assess(net, q);
    REQUIRE(other.found());
    check_same_loaded_reliability(one.routes.front(), other.routes.front());
    CHECK(other.load->equilibrium.relative_gap == one.load->equilibrium.relative_gap);
  }
}

TEST_CASE("reliability under load: on the shipped network P50 and P90 to Baku never fall as the volume grows") {
  const Network& net = shipped_network();
  SUBCASE("reliability --volume-mt, KHORGOS -> BAKU") {
    double p50 = 0.0, p90 = 0.0;
    for (double mt : {0.0, 2.0, 4.0, 6.0, 8.0}) {
      INFO("volume " << mt << " Mt/yr");
      const ReliabilityResult r = assess(net, loaded_query(net, "KHORGOS", "BAKU", mt * 1e6));
      REQUIRE(r.found());
      CHECK(r.routes.front().p50_hours >= p50);
      CHECK(r.routes.front().p90_hours >= p90);
      p50 = r.routes.front().p50_hours;
      p90 = r.routes.front().p90_hours;
    }
  }
  SUBCASE("curve KHORGOS,ALASHANKOU -> BAKU on the middle corridor") {
    // On the corridor's own routes (as docs/capacity.md draws the curve). Over every route the
    // P90 may fall where the volume spreads to routes without a Caspian ferry (via Iran): the
    // equilibrium equalises mean times, not percentiles (docs/reliability.md).
    CurveRequest request;
    request.corridors = {"middle"};
    request.from = {"KHORGOS", "ALASHANKOU"};
    request.to = {"BAKU"};
    for (double mt : {1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0}) request.volumes_tpy.push_back(mt * 1e6);
    DiagnosticSink sink;
    auto query = resolve(net, request, "", sink);
    REQUIRE(query.has_value());
    query->threads = 1;
    const CurveResult curve = solve::volume_time_curve(net, *query);
    double p50 = 0.0, p90 = 0.0;
    for (const CurvePoint& point : curve.points) {
      INFO("volume " << point.volume_tpy);
      REQUIRE(point.p50_hours.has_value());
      REQUIRE(point.p90_hours.has_value());
      CHECK(*point.p50_hours >= p50);
      CHECK(*point.p90_hours >= p90);
      CHECK(*point.p90_hours >= *point.p50_hours);
      p50 = *point.p50_hours;
      p90 = *point.p90_hours;
    }
    // Thread count independent.
    query->threads = 3;
    const CurveResult again = solve::volume_time_curve(net, *query);
    for (std::size_t i = 0; i < curve.points.size(); ++i) {
      CHECK(again.points[i].p50_hours == curve.points[i].p50_hours);
      CHECK(again.points[i].p90_hours == curve.points[i].p90_hours);
    }
  }
}

TEST_CASE("curve: one route's P50 and P90 are that route's sampled percentiles at the point's load") {
  const Network net = bpr_chain();
  CurveRequest request;
  request.from = {"A"};
  request.to = {"C"};
  request.volumes_tpy = {2'000'000.0};
  DiagnosticSink sink;
  auto query = resolve(net, request, "", sink);
  REQUIRE(query.has_value());
  query->threads = 1;
  query->samples = 20'000;
  query->seed = test_seed();
  const CurveResult curve = solve::volume_time_curve(net, *query);
  ReliabilityQuery q = loaded_query(net, "A", "C", 2'000'000.0);
  q.deadline_hours.reset();
  const ReliabilityResult r = assess(net, q);
  REQUIRE(curve.points.size() == 1);
  REQUIRE(curve.points[0].p50_hours.has_value());
  CHECK(*curve.points[0].p50_hours == r.routes.front().p50_hours);
  CHECK(*curve.points[0].p90_hours == r.routes.front().p90_hours);
}

TEST_CASE("curve: without distributions a point has no percentiles") {
  const Network net = NetworkBuilder()
                          .node("A", NodeKind::RailTerminal)
                          .node("B", NodeKind::RailTerminal)
                          .link("A", "B", Mode::Rail, 500, 10.0, 5'000'000)
                          .build();
  CurveRequest request;
  request.from = {"A"};
  request.to = {"B"};
  request.volumes_tpy = {1'000'000.0};
  DiagnosticSink sink;
  auto query = resolve(net, request, "", sink);
  REQUIRE(query.has_value());
  const CurveResult curve = solve::volume_time_curve(net, *query);
  REQUIRE(curve.points.size() == 1);
  CHECK_FALSE(curve.points[0].p50_hours.has_value());
  CHECK_FALSE(curve.points[0].p90_hours.has_value());
}
