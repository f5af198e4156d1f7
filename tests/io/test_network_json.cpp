// Loading network files: a valid file with its defaults, and every kind of malformed value
// reported with its code, JSON Pointer and element id. Syntax errors, unknown keys and the
// diagnostics of whole files: test_network_json_diagnostics.cpp.

#include <fstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "io/network_json.hpp"
#include "io/text_file.hpp"
#include "model/diagnostic.hpp"
#include "support/diagnostics.hpp"
#include "support/network_json_text.hpp"
#include "support/network_readers.hpp"
#include "support/temp_dir.hpp"

using namespace corridor;
using namespace corridor::test;

TEST_CASE("network json: a valid file loads with every value and its defaults") {
  const std::string text = R"({
    "name": "Small",
    "description": "two nodes",
    "tonnes_per_teu": 10.5,
    "note": "top-level note", "sources": ["S1"],
    "nodes": [
      {"id": "A", "name": "Alpha", "country": "CN", "kind": "rail_terminal", "lat": 34.25, "lon": 108.9,
       "dwell_hours": 1.5, "transfer_hours": 2, "capacity_tpy": 4.1e6, "gauge_mm": 1435,
       "handling_usd_per_t": 3.5, "sources": ["S1", "S2"], "estimate": "guess", "note": "n"},
      {"id": "B", "name": "Bravo", "country": "KZ", "kind": "junction", "lat": -10, "lon": -20,
       "capacity_tpy": null},
      {"id": "C", "name": "Charlie", "country": "GE", "kind": "border_crossing", "lat": 0, "lon": 0,
       "allows_transfer": true, "status": "planned"},
      {"id": "D", "name": "Delta", "country": "AZ", "kind": "sea_port", "lat": 1, "lon": 1,
       "allows_transfer": false}
    ],
    "links": [
      {"from": "A", "to": "B", "mode": "rail", "distance_km": 100.5, "hours": 10},
      {"id": "B-C-FERRY", "from": "B", "to": "C", "mode": "ferry", "distance_km": 300, "hours": 20,
       "capacity_tpy": 3000000, "departures_per_week": 3.5, "bidirectional": false,
       "corridor": "middle", "gauge_mm": 1520, "cost_usd_per_t": 12, "co2_g_per_tkm": 15,
       "status": "closed", "sources": ["S3"], "estimate": "e", "note": "x"},
      {"from": "C", "to": "D", "mode": "road", "distance_km": 0, "hours": 0, "corridor": ["southern", "shared"]}
    ]
  })";
  DiagnosticSink sink("small.json");
  const Network network = parse(text, sink);
  INFO(describe(sink.diagnostics()));
  CHECK(sink.diagnostics().empty());
  CHECK(network.name == "Small");
  CHECK(network.description == "two nodes");
  CHECK(network.tonnes_per_teu == 10.5);
  REQUIRE(network.nodes.size() == 4);
  REQUIRE(network.links.size() == 3);

  const Node& a = network.nodes[0];
  CHECK(a.id == "A");
  CHECK(a.name == "Alpha");
  CHECK(a.country == "CN");
  CHECK(a.kind == NodeKind::RailTerminal);
  CHECK(a.lat == 34.25);
  CHECK(a.lon == 108.9);
  CHECK(a.dwell_hours == 1.5);
  CHECK(a.transfer_hours == 2);
  CHECK(a.capacity_tpy == 4'100'000);  // an integral float is a whole number
  CHECK(a.gauge_mm == 1435);
  CHECK(a.handling_usd_per_t == 3.5);
  CHECK(a.sources == std::vector<std::string>{"S1", "S2"});
  CHECK(a.estimate == "guess");
  CHECK(a.note == "n");
  CHECK(a.allows_transfer);  // rail_terminal default
  CHECK(a.status == Status::Open);

  const Node& b = network.nodes[1];
  CHECK(b.dwell_hours == 0);
  CHECK(b.transfer_hours == 0);
  CHECK_FALSE(b.capacity_tpy.has_value());  // null = unlimited
  CHECK_FALSE(b.allows_transfer);           // junction default
  CHECK(network.nodes[2].allows_transfer);  // explicit override
  CHECK(network.nodes[2].status == Status::Planned);
  CHECK_FALSE(network.nodes[3].allows_transfer);  // sea_port overridden to false

  const Link& ab = network.links[0];
  CHECK(ab.id == "A-B");  // default id FROM-TO
  CHECK(ab.from == 0);
  CHECK(ab.to == 1);
  CHECK(ab.mode == Mode::Rail);
  CHECK(ab.distance_km == 100.5);
  CHECK(ab.hours == 10);
  CHECK(ab.bidirectional);  // default
  CHECK_FALSE(ab.capacity_tpy.has_value());
  CHECK_FALSE(ab.departures_per_week.has_value());
  CHECK(ab.corridors.empty());
  CHECK(ab.status == Status::Open);

  const Link& bc = network.links[1];
  CHECK(bc.id == "B-C-FERRY");
  CHECK(bc.mode == Mode::Ferry);
  CHECK(bc.capacity_tpy == 3'000'000);
  CHECK(bc.departures_per_week == 3.5);
  CHECK(bc.expected_wait_hours() == doctest::Approx(24.0));
  CHECK_FALSE(bc.bidirectional);
  CHECK(bc.corridors == std::vector<std::string>{"middle"});  // a lone string is a one-element list
  CHECK(bc.gauge_mm == 1520);
  CHECK(bc.cost_usd_per_t == 12);
  CHECK(bc.co2_g_per_tkm == 15);
  CHECK(bc.status == Status::Closed);
  CHECK(bc.sources == std::vector<std::string>{"S3"});
  CHECK(network.links[2].corridors == std::vector<std::string>{"southern", "shared"});

  CHECK(network.find_node("C") == NodeIndex{2});
  CHECK(network.find_link("C-D") == LinkIndex{2});
}

TEST_CASE("network json: the shipped test fixture small.json loads") {
  DiagnosticSink sink(CORRIDOR_TEST_DATA_DIR "/valid/small.json");
  const Network network = io::load_network(CORRIDOR_TEST_DATA_DIR "/valid/small.json", sink);
  INFO(describe(sink.diagnostics()));
  CHECK(sink.diagnostics().empty());
  CHECK(network.nodes.size() == 6);
  CHECK(network.links.size() == 6);
  CHECK(network.find_link("P-Q-FERRY").has_value());
  CHECK(network.find_link("A-B").has_value());
}

TEST_CASE("network json: malformed inputs are reported with code, pointer and element") {
  struct Row {
    const char* what;
    std::string text;
    const char* code;
    const char* pointer;     // "*" = any
    const char* element;     // "" = not checked
    const char* message_part;
  };
  const std::string ab = kNodeA + "," + kNodeB;
  const Row rows[] = {
      {"empty file", "", "E-EMPTY", "", "", "empty"},
      {"whitespace only", " \n\t\r\n  ", "E-EMPTY", "", "", "empty"},
      {"top-level array", "[1, 2]", "E-TYPE", "", "", "must be a JSON object, got an array"},
      {"top-level string", "\"nodes\"", "E-TYPE", "", "", "got a string"},
      {"missing name", R"({"nodes": [], "links": []})", "E-MISSING-KEY", "", "", "\"name\""},
      {"missing nodes", R"({"name": "x", "links": []})", "E-MISSING-KEY", "", "", "\"nodes\""},
      {"missing links", R"({"name": "x", "nodes": []})", "E-MISSING-KEY", "", "", "\"links\""},
      {"nodes not an array", R"({"name": "x", "nodes": {}, "links": []})", "E-TYPE", "/nodes", "", "an object"},
      {"node not an object", net("42", ""), "E-TYPE", "/nodes/0", "", "got a number"},
      {"node without lat",
       net(kNodeA + R"(, {"id": "B", "name": "B", "country": "KZ", "kind": "junction", "lon": 80})", ""),
       "E-MISSING-KEY", "/nodes/1", "node B", "\"lat\""},
      {"hours is a string",
       net(ab, R"({"from": "A", "to": "B", "mode": "rail", "distance_km": 1, "hours": "ten"})"), "E-TYPE",
       "/links/0/hours", "link A-B", "hours must be a number, got a string"},
      {"unknown mode", net(ab, R"({"from": "A", "to": "B", "mode": "barge", "distance_km": 1, "hours": 1})"),
       "E-ENUM", "/links/0/mode", "link A-B", "unknown mode \"barge\" (expected one of rail, ferry, road, sea)"},
      {"unknown kind",
       net(R"({"id": "A", "name": "A", "country": "CN", "kind": "harbour", "lat": 1, "lon": 1})", ""), "E-ENUM",
       "/nodes/0/kind", "node A",
       "expected one of rail_terminal, sea_port, dry_port, border_crossing, gauge_change, junction"},
      {"unknown status",
       net(kNodeA.substr(0, kNodeA.size() - 1) + R"(, "status": "shut"})", ""), "E-ENUM", "/nodes/0/status",
       "node A", "open, planned, closed"},
      {"duplicate node id", net(ab + "," + kNodeA, ""), "E-DUP-ID", "/nodes/2/id", "node A",
       "first defined at /nodes/0"},
      {"duplicate link id",
       net(ab, R"({"id": "L1", "from": "A", "to": "B", "mode": "rail", "distance_km": 1, "hours": 1},
                  {"id": "L1", "from": "B", "to": "A", "mode": "road", "distance_km": 1, "hours": 1})"),
       "E-DUP-ID", "/links/1/id", "link L1", "first defined at /links/0"},
      {"duplicate default link id", net(ab, kLinkAB + "," + kLinkAB), "E-DUP-ID", "/links/1", "link A-B",
       "duplicate link id \"A-B\""},
      {"link to unknown node",
       net(kNodeA + "," + kNodeBaku,
           R"({"from": "A", "to": "BAKX", "mode": "rail", "distance_km": 1, "hours": 1})"),
       "E-NODE-REF", "/links/0/to", "link A-BAKX", "no node with id \"BAKX\" (did you mean \"BAKU\"?)"},
      {"link from unknown node",
       net(ab, R"({"from": "Z", "to": "B", "mode": "rail", "distance_km": 1, "hours": 1})"), "E-NODE-REF",
       "/links/0/from", "link Z-B", "no node with id \"Z\""},
      {"self loop", net(ab, R"({"from": "A", "to": "A", "mode": "rail", "distance_km": 1, "hours": 1})"),
       "E-SELF-LOOP", "/links/0", "link A-A", "same node \"A\""},
      {"negative hours", net(ab, R"({"from": "A", "to": "B", "mode": "rail", "distance_km": 1, "hours": -5})"),
       "E-RANGE", "/links/0/hours", "link A-B", "hours must be >= 0, got -5"},
      {"negative distance",
       net(ab, R"({"from": "A", "to": "B", "mode": "rail", "distance_km": -0.5, "hours": 1})"), "E-RANGE",
       "/links/0/distance_km", "link A-B", ">= 0"},
      {"lat 91", net(R"({"id": "A", "name": "A", "country": "CN", "kind": "junction", "lat": 91, "lon": 1})", ""),
       "E-RANGE", "/nodes/0/lat", "node A", "91"},
      {"lon -200",
       net(R"({"id": "A", "name": "A", "country": "CN", "kind": "junction", "lat": 1, "lon": -200})", ""),
       "E-RANGE", "/nodes/0/lon", "node A", "-200"},
      {"capacity 1e13",
       net(ab, R"({"from": "A", "to": "B", "mode": "rail", "distance_km": 1, "hours": 1, "capacity_tpy": 1e13})"),
       "E-TOO-LARGE", "/links/0/capacity_tpy", "link A-B", "too large"},
      {"capacity 10^13 as integer",
       net(ab, R"({"from": "A", "to": "B", "mode": "rail", "distance_km": 1, "hours": 1,
                   "capacity_tpy": 10000000000000})"),
       "E-TOO-LARGE", "/links/0/capacity_tpy", "link A-B", "too large"},
      {"capacity negative",
       net(ab, R"({"from": "A", "to": "B", "mode": "rail", "distance_km": 1, "hours": 1, "capacity_tpy": -1})"),
       "E-RANGE", "/links/0/capacity_tpy", "link A-B", ">= 0"},
      {"capacity the least 64-bit integer (what stands for none in memory)",
       net(ab, R"({"from": "A", "to": "B", "mode": "rail", "distance_km": 1, "hours": 1,
                   "capacity_tpy": -9223372036854775808})"),
       "E-RANGE", "/links/0/capacity_tpy", "link A-B", ">= 0"},
      {"capacity fractional",
       net(ab, R"({"from": "A", "to": "B", "mode": "rail", "distance_km": 1, "hours": 1, "capacity_tpy": 1.5})"),
       "E-TYPE", "/links/0/capacity_tpy", "link A-B", "whole number"},
      {"capacity a string",
       net(ab,
           R"({"from": "A", "to": "B", "mode": "rail", "distance_km": 1, "hours": 1, "capacity_tpy": "4 Mt"})"),
       "E-TYPE", "/links/0/capacity_tpy", "link A-B", "got a string"},
      {"departures 0",
       net(ab, R"({"from": "A", "to": "B", "mode": "ferry", "distance_km": 1, "hours": 1,
                   "departures_per_week": 0})"),
       "E-RANGE", "/links/0/departures_per_week", "link A-B", ">= 0.00084"},
      {"departures so few that the wait is beyond any time",
       net(ab, R"({"from": "A", "to": "B", "mode": "ferry", "distance_km": 1, "hours": 1,
                   "departures_per_week": 1e-300})"),
       "E-RANGE", "/links/0/departures_per_week", "link A-B", ">= 0.00084, got 1e-300"},
      {"bidirectional not a boolean",
       net(ab, R"({"from": "A", "to": "B", "mode": "rail", "distance_km": 1, "hours": 1, "bidirectional": "yes"})"),
       "E-TYPE", "/links/0/bidirectional", "link A-B", "true or false"},
      {"unknown corridor",
       net(ab, R"({"from": "A", "to": "B", "mode": "rail", "distance_km": 1, "hours": 1, "corridor": "central"})"),
       "E-ENUM", "/links/0/corridor/0", "", "middle, northern, southern, sea, zangezur, shared"},
      {"corridor array with a number",
       net(ab, R"({"from": "A", "to": "B", "mode": "rail", "distance_km": 1, "hours": 1, "corridor": ["middle", 3]})"),
       "E-TYPE", "/links/0/corridor/1", "link A-B", "must be a string"},
      {"lower-case node id",
       net(R"({"id": "aktau", "name": "A", "country": "KZ", "kind": "sea_port", "lat": 1, "lon": 1})", ""), "E-ID",
       "/nodes/0/id", "node aktau", "upper-case"},
      {"country name instead of code",
       net(R"({"id": "A", "name": "A", "country": "Kazakhstan", "kind": "sea_port", "lat": 1, "lon": 1})", ""),
       "E-COUNTRY", "/nodes/0/country", "node A", "ISO 3166-1"},
      {"tonnes_per_teu 0", R"({"name": "x", "tonnes_per_teu": 0, "nodes": [], "links": []})", "E-RANGE",
       "/tonnes_per_teu", "", "between 0 and 100"},
      {"name not a string", R"({"name": 5, "nodes": [], "links": []})", "E-TYPE", "/name", "", "must be a string"},
      {"nesting depth 10000", std::string(10000, '[') + std::string(10000, ']'), "E-DEPTH", "", "", "64"},
      {"nesting inside a value",
       net(ab, R"({"from": "A", "to": "B", "mode": "rail", "distance_km": 1, "hours": 1, "note": )" +
                   std::string(100, '[') + std::string(100, ']') + "}"),
       "E-DEPTH", "", "", "deeper than 64"},
  };
  for (const Row& row : rows) {
    INFO(std::string(row.what));
    const auto diagnostics = errors_of(row.text);
    INFO(describe(diagnostics));
    const Diagnostic* d = find_diagnostic(diagnostics, row.code, row.pointer);
    REQUIRE(d != nullptr);
    CHECK(d->severity == Severity::Error);
    CHECK(d->file == "net.json");
    if (*row.element) CHECK(d->element_id == std::string(row.element));
    CHECK(d->message.find(row.message_part) != std::string::npos);
  }
}

TEST_CASE("network json: an unknown corridor tag names its link like every other link error") {
  // docs/errors.md: semantic problems name the pointer and the id of the element concerned.
  const auto diagnostics = errors_of(net(kNodeA + "," + kNodeB, R"({"from": "A", "to": "B", "mode": "rail",
      "distance_km": 1, "hours": 1, "corridor": ["middle", "central"]})"));
  INFO(describe(diagnostics));
  const Diagnostic* d = find_diagnostic(diagnostics, "E-ENUM", "/links/0/corridor/1");
  REQUIRE(d != nullptr);
  CHECK(d->element_id == "link A-B");
}

TEST_CASE("network json: a capacity too large for 64 bits is too large, not a type error") {
  // 1e19 and 2e19 are whole numbers; the problem is their size (docs/errors.md: E-TOO-LARGE).
  for (const char* capacity : {"1e19", "20000000000000000000", "9223372036854775807"}) {
    INFO(std::string(capacity));
    const auto diagnostics = errors_of(net(kNodeA + "," + kNodeB,
                                           R"({"from": "A", "to": "B", "mode": "rail", "distance_km": 1, "hours": 1,
                                               "capacity_tpy": )" + std::string(capacity) + "}"));
    INFO(describe(diagnostics));
    CHECK(has_diagnostic(diagnostics, "E-TOO-LARGE", "/links/0/capacity_tpy"));
    CHECK_FALSE(has_diagnostic(diagnostics, "E-TYPE"));
  }
}
