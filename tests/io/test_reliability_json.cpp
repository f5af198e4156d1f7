// Distributions, timetables and reliability queries in network and scenario files: how they
// are read, how the deterministic figure follows the distribution's mean, and every
// malformed form reported with its code, JSON Pointer and element id.

#include <string>
#include <variant>
#include <vector>

#include <doctest/doctest.h>

#include "io/network_json.hpp"
#include "io/scenario_json.hpp"
#include "model/scenario.hpp"
#include "solve/scenario_run.hpp"
#include "support/diagnostics.hpp"
#include "support/network_json_text.hpp"

using namespace corridor;
using namespace corridor::test;

namespace {

const std::string kDistributionNodes = R"(
  {"id": "A", "name": "A", "country": "KZ", "kind": "rail_terminal", "lat": 43, "lon": 51},
  {"id": "B", "name": "B", "country": "KZ", "kind": "border_crossing", "lat": 44, "lon": 52, "allows_transfer": true,
   "dwell_distribution": {"type": "triangular", "min_hours": 24, "mode_hours": 36, "max_hours": 84}},
  {"id": "P", "name": "P", "country": "AZ", "kind": "sea_port", "lat": 40, "lon": 49, "transfer_hours": 20,
   "transfer_distribution": {"type": "empirical", "values_hours": [10, 20, 30]}})";

const std::string kDistributionLinks = R"(
  {"from": "A", "to": "B", "mode": "rail", "distance_km": 100, "hours": 2},
  {"from": "B", "to": "P", "mode": "ferry", "distance_km": 400, "hours": 20, "departures_per_week": 7,
   "wait_distribution": {"type": "lognormal", "median_hours": 48, "p90_hours": 120}},
  {"id": "B-P-2", "from": "B", "to": "P", "mode": "ferry", "distance_km": 400, "hours": 30,
   "departures": ["Mon 08:00", "Thu 20:00"]})";

/// The errors of reading `text` with io::parse_network alone (no comparison of the two readers).
std::vector<Diagnostic> parse_network_errors(const std::string& text) {
  return input_errors([&] {
    DiagnosticSink sink("net.json");
    io::parse_network(text, sink);
  });
}

}  // namespace

TEST_CASE("reliability json: distributions and timetables are read, figures are their means") {
  DiagnosticSink sink("net.json");
  const Network n = io::parse_network(net(kDistributionNodes, kDistributionLinks), sink);
  INFO(describe(sink.diagnostics()));
  CHECK(sink.diagnostics().empty());
  REQUIRE(n.nodes[1].dwell_distribution);
  CHECK(*n.nodes[1].dwell_distribution == Distribution::triangular(24, 36, 84));
  CHECK(n.nodes[1].dwell_hours == doctest::Approx(48.0));  // no dwell_hours given: the mean
  REQUIRE(n.nodes[2].transfer_distribution);
  CHECK(n.nodes[2].transfer_hours == doctest::Approx(20.0));  // given and equal to the mean: no warning
  REQUIRE(n.links[1].wait_distribution);
  CHECK(n.links[1].wait_distribution->kind == DistributionKind::Lognormal);
  CHECK(n.links[1].expected_wait_hours() == doctest::Approx(n.links[1].wait_distribution->mean_hours()));
  REQUIRE(n.links[2].schedule);
  CHECK(n.links[2].schedule->departure_minutes == std::vector<int>{480, 3 * 1440 + 1200});
  CHECK(n.links[2].departures_per_week == 2.0);
  CHECK(n.links[2].expected_wait_hours() == doctest::Approx(42.0));
}

TEST_CASE("reliability json: a figure that contradicts its distribution's mean is a warning") {
  const std::string nodes = R"({"id": "A", "name": "A", "country": "KZ", "kind": "junction", "lat": 43, "lon": 51,
      "dwell_hours": 36.35, "dwell_distribution": {"type": "empirical", "values_hours": [40, 80]}})";
  DiagnosticSink sink("net.json");
  const Network n = io::parse_network(net(nodes, ""), sink);
  const Diagnostic* d = find_diagnostic(sink.diagnostics(), "W-DIST-MEAN", "/nodes/0/dwell_hours");
  REQUIRE(d);
  CHECK(d->severity == Severity::Warning);
  CHECK(d->element_id == "node A");
  CHECK(d->message.find("mean 60") != std::string::npos);
  CHECK(n.nodes[0].dwell_hours == doctest::Approx(60.0));
}

TEST_CASE("reliability json: malformed distributions and timetables, all in one run") {
  const std::string nodes = R"(
    {"id": "A", "name": "A", "country": "KZ", "kind": "junction", "lat": 43, "lon": 51,
     "dwell_distribution": {"type": "triangular", "min_hours": 50, "mode_hours": 40, "max_hours": 80}},
    {"id": "B", "name": "B", "country": "KZ", "kind": "junction", "lat": 43, "lon": 51,
     "dwell_distribution": {"type": "gamma", "shape": 2}},
    {"id": "C", "name": "C", "country": "KZ", "kind": "junction", "lat": 43, "lon": 51,
     "transfer_distribution": {"type": "lognormal", "median_hours": 48}},
    {"id": "D", "name": "D", "country": "KZ", "kind": "junction", "lat": 43, "lon": 51,
     "dwell_distribution": {"type": "empirical", "values_hours": [1, "two", -3]}},
    {"id": "E", "name": "E", "country": "KZ", "kind": "junction", "lat": 43, "lon": 51,
     "dwell_distribution": [1, 2]})";
  const std::string links = R"(
    {"from": "A", "to": "B", "mode": "ferry", "distance_km": 1, "hours": 1, "departures": ["Mon 8:00", "Fri 25:00"]},
    {"from": "B", "to": "C", "mode": "ferry", "distance_km": 1, "hours": 1, "departures": []},
    {"from": "C", "to": "D", "mode": "ferry", "distance_km": 1, "hours": 1, "departures": ["Sun 12:00"],
     "wait_distribution": {"type": "triangular", "min_hours": 1, "mode_hours": 2, "max_hours": 3}},
    {"from": "D", "to": "E", "mode": "ferry", "distance_km": 1, "hours": 1, "departures": ["daily 12:00"],
     "departures_per_week": 3},
    {"from": "E", "to": "A", "mode": "ferry", "distance_km": 1, "hours": 1,
     "wait_distribution": {"type": "lognormal", "median_hours": 50, "p90_hours": 20}})";
  const auto d = parse_network_errors(net(nodes, links));
  INFO(describe(d));
  CHECK(has_diagnostic(d, "E-DIST", "/nodes/0/dwell_distribution"));
  CHECK(find_diagnostic(d, "E-DIST", "/nodes/0/dwell_distribution")->element_id == "node A");
  CHECK(has_diagnostic(d, "E-ENUM", "/nodes/1/dwell_distribution/type"));
  CHECK(has_diagnostic(d, "E-UNKNOWN-KEY", "/nodes/1/dwell_distribution/shape"));
  CHECK(has_diagnostic(d, "E-MISSING-KEY", "/nodes/2/transfer_distribution"));
  CHECK(has_diagnostic(d, "E-TYPE", "/nodes/3/dwell_distribution/values_hours/1"));
  CHECK(has_diagnostic(d, "E-TYPE", "/nodes/4/dwell_distribution"));
  CHECK(has_diagnostic(d, "E-SCHEDULE", "/links/0/departures/0"));
  CHECK(has_diagnostic(d, "E-SCHEDULE", "/links/0/departures/1"));
  CHECK(find_diagnostic(d, "E-SCHEDULE", "/links/0/departures/0")->element_id == "link A-B");
  CHECK(has_diagnostic(d, "E-SCHEDULE", "/links/1/departures"));
  CHECK(has_diagnostic(d, "E-DIST", "/links/2"));
  CHECK(has_diagnostic(d, "W-SCHEDULE-FREQ", "/links/3/departures_per_week"));
  CHECK(has_diagnostic(d, "E-DIST", "/links/4/wait_distribution"));
}

TEST_CASE("reliability json: a negative value in an empirical list is a range error") {
  const std::string nodes = R"({"id": "A", "name": "A", "country": "KZ", "kind": "junction", "lat": 43, "lon": 51,
      "dwell_distribution": {"type": "empirical", "values_hours": [1, -3]}})";
  const auto d = parse_network_errors(net(nodes, ""));
  INFO(describe(d));
  CHECK(has_diagnostic(d, "E-RANGE", "/nodes/0/dwell_distribution/values_hours/1"));
}

TEST_CASE("reliability json: scenario changes set, replace and remove distributions and timetables") {
  DiagnosticSink sink("net.json");
  const Network base = io::parse_network(net(kDistributionNodes, kDistributionLinks), sink);
  const std::string text = R"({"name": "t", "changes": [
      {"type": "set_node", "id": "B", "values": {"dwell_hours": 10}},
      {"type": "set_node", "id": "P", "values": {"transfer_distribution": {"type": "triangular",
        "min_hours": 5, "mode_hours": 5, "max_hours": 20}}},
      {"type": "set_link", "id": "B-P", "values": {"departures": ["daily 09:00"]}},
      {"type": "set_link", "id": "B-P-2", "values": {"departures_per_week": 14}},
      {"type": "set_link", "id": "A-B", "values": {"wait_distribution": {"type": "empirical", "values_hours": [0, 4]}}}
    ],
    "queries": [{"type": "reliability", "name": "r", "from": "A", "to": "P", "samples": 1000, "seed": 7,
                 "deadline_days": 5, "depart": "2026-03-02T08:00", "k": 2, "by": "p90"}]})";
  DiagnosticSink scenario_sink("s.json");
  const Scenario s = io::parse_scenario(text, "/tmp/s.json", "/tmp/net.json", scenario_sink);
  INFO(describe(scenario_sink.diagnostics()));
  CHECK(scenario_sink.diagnostics().empty());
  const Network n = apply_changes(base, s.changes, scenario_sink);
  CHECK_FALSE(scenario_sink.has_errors());
  CHECK_FALSE(n.nodes[1].dwell_distribution);  // a fixed figure replaces the distribution
  CHECK(n.nodes[1].dwell_hours == 10.0);
  CHECK(n.nodes[2].transfer_hours == doctest::Approx(10.0));  // the new distribution's mean
  CHECK_FALSE(n.links[1].wait_distribution);  // the timetable replaces the distribution
  CHECK(n.links[1].departures_per_week == 7.0);
  CHECK_FALSE(n.links[2].schedule);  // a frequency replaces the timetable
  CHECK(n.links[2].expected_wait_hours() == doctest::Approx(6.0));
  CHECK(n.links[0].expected_wait_hours() == doctest::Approx(2.0));

  REQUIRE(s.queries.size() == 1);
  CHECK(s.queries[0].type() == QueryType::Reliability);
  const auto& request = std::get<ReliabilityRequest>(s.queries[0].request);
  CHECK(request.samples == 1000);
  CHECK(request.seed == 7);
  CHECK(request.deadline_days == 5.0);
  CHECK(request.depart == "2026-03-02T08:00");
  CHECK(request.k == 2);
  CHECK(request.by == ReliabilityRank::P90);
  DiagnosticSink run_sink("s.json");
  const auto outcomes = solve::run_queries(n, s, run_sink);
  INFO(describe(run_sink.diagnostics()));
  REQUIRE(outcomes.size() == 1);
  const auto& result = std::get<ReliabilityResult>(outcomes[0].result);
  REQUIRE(result.found());
  CHECK(result.routes.front().samples == 1000);
  CHECK(solve::all_answered(outcomes));
}

TEST_CASE("reliability json: bad reliability queries are reported with their pointers") {
  DiagnosticSink sink("net.json");
  const Network base = io::parse_network(net(kDistributionNodes, kDistributionLinks), sink);
  const std::string text = R"({"name": "t", "queries": [
      {"type": "reliability", "from": "A", "to": "PP", "samples": 0},
      {"type": "reliability", "from": "A", "to": "P", "deadline_days": -1, "depart": "next monday"},
      {"type": "reliability", "from": "A", "to": "P", "samples": 100000000}]})";
  DiagnosticSink scenario_sink("s.json");
  const Scenario s = io::parse_scenario(text, "/tmp/s.json", "/tmp/net.json", scenario_sink);
  DiagnosticSink run_sink("s.json");
  const auto outcomes = solve::run_queries(base, s, run_sink);
  const auto& d = run_sink.diagnostics();
  INFO(describe(d));
  CHECK(outcomes.empty());
  CHECK(has_diagnostic(d, "E-QUERY-REF", "/queries/0/to"));
  CHECK(has_diagnostic(d, "E-RANGE", "/queries/0/samples"));
  CHECK(has_diagnostic(d, "E-RANGE", "/queries/1/deadline_days"));
  CHECK(has_diagnostic(d, "E-TIME", "/queries/1/depart"));
  CHECK(has_diagnostic(d, "E-RANGE", "/queries/2/samples"));
  const auto parse_errors = input_errors([&] {
    DiagnosticSink bad("s.json");
    io::parse_scenario(R"({"name": "t", "queries": [{"type": "reliability", "from": "A", "to": "P", "by": "p95"}]})",
                       "/tmp/s.json", "/tmp/net.json", bad);
  });
  CHECK(has_diagnostic(parse_errors, "E-ENUM", "/queries/0/by"));
}

TEST_CASE("reliability json: volume_mt in a scenario's reliability query") {
  const std::string text =
      R"({"name": "t", "queries": [{"type": "reliability", "from": "A", "to": "C", "volume_mt": 2.5}]})";
  DiagnosticSink sink("s.json");
  const Scenario s = io::parse_scenario(text, "s.json", "net.json", sink);
  CHECK(sink.diagnostics().empty());
  REQUIRE(s.queries.size() == 1);
  CHECK(std::get<ReliabilityRequest>(s.queries[0].request).volume_tpy == 2.5e6);
}
