// Loading network files: a valid file with its defaults, and every kind of malformed input
// reported with its code, JSON Pointer (or line and column) and element id.

#include <fstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "io/network_json.hpp"
#include "io/text_file.hpp"
#include "model/diagnostic.hpp"
#include "support/diagnostics.hpp"
#include "support/network_readers.hpp"
#include "support/temp_dir.hpp"

using namespace corridor;
using namespace corridor::test;

namespace {

const std::string kNodeA =
    R"({"id": "A", "name": "Alpha", "country": "CN", "kind": "rail_terminal", "lat": 34.0, "lon": 109.0})";
const std::string kNodeB =
    R"({"id": "B", "name": "Bravo", "country": "KZ", "kind": "junction", "lat": 44.0, "lon": 80.0})";
const std::string kNodeBaku =
    R"({"id": "BAKU", "name": "Baku", "country": "AZ", "kind": "sea_port", "lat": 40.3, "lon": 49.8})";
const std::string kLinkAB = R"({"from": "A", "to": "B", "mode": "rail", "distance_km": 100, "hours": 10})";

/// A network file with the given node and link array contents.
std::string net(const std::string& nodes, const std::string& links) {
  return "{\n  \"name\": \"t\",\n  \"nodes\": [" + nodes + "],\n  \"links\": [" + links + "]\n}\n";
}

/// Every text these tests read is also a differential test of the two network readers.
Network parse(const std::string& text, DiagnosticSink& sink) {
  check_readers_agree(text, sink.file(), sink.unknown_keys_allowed());
  return io::parse_network(text, sink);
}

std::vector<Diagnostic> errors_of(const std::string& text, const std::string& file = "net.json") {
  return input_errors([&] {
    DiagnosticSink sink(file);
    parse(text, sink);
  });
}

}  // namespace

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
       "E-RANGE", "/links/0/departures_per_week", "link A-B", "> 0"},
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

TEST_CASE("network json: syntax errors give the exact line and column") {
  struct Row {
    const char* what;
    std::string text;
    int line;
    int column;
  };
  const Row rows[] = {
      // the stray ',' is on line 4, column 13
      {"comma in empty array", "{\n  \"name\": \"x\",\n  \"nodes\": [],\n  \"links\": [,]\n}\n", 4, 13},
      // trailing comma: the '}' on line 3, column 1
      {"trailing comma", "{\n  \"name\": \"x\",\n}\n", 3, 1},
      // a bare word: 'x' is read at line 2, column 11
      {"bare word", "{\n  \"name\": xyz\n}", 2, 11},
      // a missing value: the '}' at line 1, column 9
      {"first line", "{\"name\":}", 1, 9},
  };
  for (const Row& row : rows) {
    INFO(std::string(row.what));
    const auto diagnostics = errors_of(row.text, "broken.json");
    INFO(describe(diagnostics));
    REQUIRE(diagnostics.size() == 1);
    const Diagnostic& d = diagnostics.front();
    CHECK(d.code == "E-SYNTAX");
    CHECK(d.line == row.line);
    CHECK(d.column == row.column);
    CHECK(d.pointer.empty());
    CHECK(format(d).rfind("broken.json:" + std::to_string(row.line) + ":" + std::to_string(row.column) +
                              ": error: syntax error",
                          0) == 0);
    CHECK(format(d).find("[E-SYNTAX]") != std::string::npos);
  }
}

TEST_CASE("network json: invalid UTF-8 in a string is E-UTF8 with its position") {
  const std::string text = "{\n  \"name\": \"bad \xff name\",\n  \"nodes\": [],\n  \"links\": []\n}\n";
  const auto diagnostics = errors_of(text);
  INFO(describe(diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].code == "E-UTF8");
  CHECK(diagnostics[0].line == 2);
  CHECK(diagnostics[0].column == 16);  // the 0xFF byte
}

TEST_CASE("network json: a number too large for a double is an error, not a crash") {
  const std::string text = net(kNodeA + "," + kNodeB,
                               "\n    {\"from\": \"A\", \"to\": \"B\", \"mode\": \"rail\", \"distance_km\": 1e400, "
                               "\"hours\": 1}");
  const auto diagnostics = errors_of(text);
  INFO(describe(diagnostics));
  REQUIRE(count_errors(diagnostics) >= 1);
  const Diagnostic* d = find_diagnostic(diagnostics, "E-TOO-LARGE");
  REQUIRE(d != nullptr);
  CHECK(d->line == 5);
  CHECK(d->column == 61);  // where 1e400 starts
  for (const char* huge : {"-1e400", "1e999999", "123456789012345678901234567890e300"}) {
    CAPTURE(huge);
    const auto more = errors_of(R"({"name": "x", "tonnes_per_teu": )" + std::string(huge) +
                                R"(, "nodes": [], "links": []})");
    CHECK(count_errors(more) >= 1);
  }
}

TEST_CASE("network json: unknown keys are errors naming the closest known key") {
  DiagnosticSink sink("net.json");
  std::vector<Diagnostic> errors;
  try {
    parse(net(R"({"id": "A", "name": "A", "country": "CN", "kind": "rail_terminal", "lat": 1, "lon": 1,
                 "capactiy_tpy": 5, "x-owner": "KTZ"},)" + kNodeB,
              R"({"from": "A", "to": "B", "mode": "rail", "distance_km": 1, "hours": 1})"),
          sink);
  } catch (const InputError& error) {
    errors = error.diagnostics();
  }
  INFO(describe(errors));
  REQUIRE(errors.size() == 1);
  CHECK(format(errors.front()) ==
        "net.json: error: /nodes/0/capactiy_tpy (node A): unknown key \"capactiy_tpy\" in node (did you mean "
        "\"capacity_tpy\"?) (prefix your own annotations with \"x-\", or pass --allow-unknown-keys) [E-UNKNOWN-KEY]");
}

TEST_CASE("network json: unknown keys allowed are warnings and the network still loads") {
  const std::string text = net(
      R"({"id": "A", "name": "A", "country": "CN", "kind": "rail_terminal", "lat": 1, "lon": 1, "capactiy_tpy": 5},)" +
          kNodeB,
      R"({"from": "A", "to": "B", "mode": "rail", "distance_km": 1, "hours": 1, "speed": 80})");
  DiagnosticSink sink("net.json");
  sink.allow_unknown_keys(true);
  const Network network = parse(text, sink);
  INFO(describe(sink.diagnostics()));
  CHECK(network.nodes.size() == 2);
  CHECK(network.links.size() == 1);
  CHECK_FALSE(network.nodes[0].capacity_tpy.has_value());
  REQUIRE(sink.diagnostics().size() == 2);
  const Diagnostic* node_key = find_diagnostic(sink.diagnostics(), "W-UNKNOWN-KEY", "/nodes/0/capactiy_tpy");
  REQUIRE(node_key != nullptr);
  CHECK(node_key->severity == Severity::Warning);
  CHECK(node_key->element_id == "node A");
  CHECK(format(*node_key) ==
        "net.json: warning: /nodes/0/capactiy_tpy (node A): unknown key \"capactiy_tpy\" in node ignored "
        "[W-UNKNOWN-KEY]");
  CHECK(has_diagnostic(sink.diagnostics(), "W-UNKNOWN-KEY", "/links/0/speed"));

  DiagnosticSink top_sink;
  top_sink.allow_unknown_keys(true);
  parse(R"({"name": "x", "nodes": [], "links": [], "version": 2})", top_sink);
  CHECK(has_diagnostic(top_sink.diagnostics(), "W-UNKNOWN-KEY", "/version"));
}

TEST_CASE("network json: several errors in one file are all reported in one throw") {
  const std::string text = net(
      R"({"id": "A", "name": "A", "country": "CN", "kind": "rail_terminal", "lat": 95, "lon": 1},)" + kNodeB,
      R"({"from": "A", "to": "B", "mode": "hovercraft", "distance_km": 1, "hours": 1},
         {"from": "B", "to": "Q", "mode": "rail", "distance_km": 1, "hours": 1})");
  const auto diagnostics = errors_of(text);
  INFO(describe(diagnostics));
  CHECK(count_errors(diagnostics) == 3);
  CHECK(has_diagnostic(diagnostics, "E-RANGE", "/nodes/0/lat"));
  CHECK(has_diagnostic(diagnostics, "E-ENUM", "/links/0/mode"));
  CHECK(has_diagnostic(diagnostics, "E-NODE-REF", "/links/1/to"));
  // in file order
  REQUIRE(diagnostics.size() == 3);
  CHECK(diagnostics[0].pointer == "/nodes/0/lat");
  CHECK(diagnostics[2].pointer == "/links/1/to");
}

TEST_CASE("network json: format of a semantic diagnostic names file, pointer and element") {
  const auto diagnostics = errors_of(
      net(kNodeA + "," + kNodeB, R"({"from": "A", "to": "B", "mode": "barge", "distance_km": 1, "hours": 1})"),
      "nets/corridor.json");
  REQUIRE(diagnostics.size() == 1);
  CHECK(format(diagnostics[0]) ==
        "nets/corridor.json: error: /links/0/mode (link A-B): unknown mode \"barge\" (expected one of rail, "
        "ferry, road, sea) [E-ENUM]");
}

TEST_CASE("network json: load_network reports missing files and directories as E-FILE") {
  TempDir dir;
  for (const std::string& path : {dir.file("missing.json"), dir.path().string()}) {
    CAPTURE(path);
    const auto diagnostics = input_errors([&] {
      DiagnosticSink sink(path);
      io::load_network(path, sink);
    });
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].code == "E-FILE");
    CHECK(diagnostics[0].file == path);
  }
  const std::string path = dir.write("ok.json", net(kNodeA + "," + kNodeB, kLinkAB));
  DiagnosticSink sink(path);
  CHECK(io::load_network(path, sink).links.size() == 1);
}

TEST_CASE("network json: thousands of unknown node ids are all reported, the first 100 with a suggestion") {
  // Each suggestion compares the id with every node id: unbounded, 20,000 typos against 20,000
  // nodes took hours. The first 100 get one; every problem is still reported.
  std::string text = R"({"name": "typos", "nodes": [)";
  constexpr int kCount = 2000;
  for (int i = 0; i < kCount; ++i)
    text += std::string(i ? "," : "") + R"({"id": "NODE_)" + std::to_string(i) +
            R"(", "name": "n", "country": "KZ", "kind": "junction", "lat": 40, "lon": 50})";
  text += R"(], "links": [)";
  for (int i = 0; i < kCount; ++i)
    text += std::string(i ? "," : "") + R"({"from": "NODE_)" + std::to_string(i) + R"(", "to": "NODX_)" +
            std::to_string(i) + R"(", "mode": "rail", "distance_km": 1, "hours": 1})";
  text += "]}";
  DiagnosticSink sink("typos.json");
  CHECK_THROWS_AS(parse(text, sink), InputError);
  try {
    DiagnosticSink again("typos.json");
    parse(text, again);
  } catch (const InputError& error) {
    int references = 0, suggestions = 0;
    for (const Diagnostic& d : error.diagnostics()) {
      references += d.code == "E-NODE-REF";
      suggestions += d.message.find("did you mean") != std::string::npos;
    }
    CHECK(references == kCount);
    CHECK(suggestions == DiagnosticSink::kMaxSuggestions);
  }
}

TEST_CASE("network json: an id far longer than any id gets no suggestion") {
  const std::string long_id(5000, 'A');
  DiagnosticSink sink("long.json");
  try {
    parse(R"({"name": "n", "nodes": [{"id": "A", "name": "n", "country": "KZ", "kind": "junction", "lat": 1, "lon": 1},
              {"id": "B", "name": "n", "country": "KZ", "kind": "junction", "lat": 1, "lon": 2}],
              "links": [{"from": "A", "to": ")" + long_id + R"(", "mode": "rail", "distance_km": 1, "hours": 1}]})",
          sink);
    FAIL("accepted");
  } catch (const InputError& error) {
    const Diagnostic* d = find_diagnostic(error.diagnostics(), "E-NODE-REF");
    REQUIRE(d != nullptr);
    CHECK(d->message == "no node with id \"" + long_id + "\"");
  }
}

TEST_CASE("network json: per-TEU costs need tonnes_per_teu, transit countries must be ISO codes") {
  const auto diagnostics = errors_of(net(kNodeA + "," + kNodeB, R"({"from": "A", "to": "B", "mode": "rail",
      "distance_km": 1, "hours": 1, "cost_usd_per_teu": 500, "transit_countries": ["RU", "Russia"]})"));
  INFO(describe(diagnostics));
  CHECK(has_diagnostic(diagnostics, "E-MISSING-KEY", "/links/0/cost_usd_per_teu"));
  CHECK(has_diagnostic(diagnostics, "E-COUNTRY", "/links/0/transit_countries/1"));
  CHECK_FALSE(has_diagnostic(diagnostics, "E-COUNTRY", "/links/0/transit_countries/0"));
}

namespace {

/// The pieces one after the other (g++ 12 -O3 warns falsely about "literal" + std::string chains).
std::string joined(std::initializer_list<std::string_view> pieces) {
  std::string out;
  for (auto piece : pieces) out += piece;
  return out;
}

/// Every diagnostic of loading `text`, formatted, whether or not it has errors.
std::vector<std::string> all_diagnostics(const std::string& text) {
  DiagnosticSink sink("net.json");
  std::vector<std::string> lines;
  try {
    io::parse_network(text, sink);
    for (const auto& d : sink.diagnostics()) lines.push_back(format(d));
  } catch (const InputError& e) {
    for (const auto& d : e.diagnostics()) lines.push_back(format(d));
    lines.push_back("[error]");
  }
  return lines;
}

}  // namespace

TEST_CASE("network json: links may come before nodes and top-level keys after them, with the same result") {
  // The loader reads one element at a time: links given before their nodes wait for them, and a
  // tonnes_per_teu after the links still converts their cost_usd_per_teu.
  const std::string nodes = kNodeA + "," + kNodeB + ", 5, " + kNodeA;
  const std::string links = kLinkAB + R"(, {"from": "A", "to": "C", "mode": "rail", "distance_km": 1, "hours": 1},
      {"from": "B", "to": "A", "mode": "rail", "distance_km": 1, "hours": 1, "cost_usd_per_teu": 30, "extra": 1})";
  const std::string tail = R"("name": "t", "tonnes_per_teu": 10, "surprise": true)";
  const std::string usual = joined({"{", tail, ", \"nodes\": [", nodes, "], \"links\": [", links, "]}"});
  const std::string reversed = joined({"{\"links\": [", links, "], \"nodes\": [", nodes, "], ", tail, "}"});
  const auto expected = all_diagnostics(usual);
  REQUIRE(expected.size() == 6);  // unknown top key, node 2 not an object, duplicate A, unknown C, extra key
  CHECK(expected[0] ==
        "net.json: error: /surprise: unknown key \"surprise\" in network file (prefix your own annotations with "
        "\"x-\", or pass --allow-unknown-keys) [E-UNKNOWN-KEY]");
  CHECK(all_diagnostics(reversed) == expected);

  // Without tonnes_per_teu the cost in USD per TEU is an error, in its link's place.
  const std::string no_factor = R"("name": "t")";
  const auto without = all_diagnostics(joined({"{", no_factor, ", \"nodes\": [", nodes, "], \"links\": [", links, "]}"}));
  REQUIRE(without.size() == 6);
  CHECK(without[4] ==
        "net.json: error: /links/2/cost_usd_per_teu (link B-A): cost_usd_per_teu needs the network's "
        "\"tonnes_per_teu\" to convert it to USD per tonne [E-MISSING-KEY]");
  CHECK(all_diagnostics(joined({"{\"links\": [", links, "], \"nodes\": [", nodes, "], ", no_factor, "}"})) == without);
}

TEST_CASE("network json: a second nodes or links key is an error, not a silent replacement") {
  const auto diagnostics = errors_of(R"({"name": "t", "nodes": [], "links": [], "nodes": [1]})");
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].code == "E-SYNTAX");
  CHECK(diagnostics[0].pointer == "/nodes");
}

TEST_CASE("network json: a file is streamed, so one larger than the limit for whole files loads") {
  // Whitespace between two nodes makes the file larger than kMaxInputBytes, the limit of files
  // read whole (scenarios), which read_text_file refuses; the streamed loader reads it.
  TempDir dir;
  const std::string path = dir.file("padded.json");
  {
    std::ofstream out(path, std::ios::binary);
    out << "{\"name\": \"padded\", \"nodes\": [" << kNodeA << ",";
    const std::string spaces(1 << 20, ' ');
    for (std::size_t written = 0; written <= io::kMaxInputBytes; written += spaces.size()) out << spaces;
    out << kNodeB << "],\n \"links\": [" << kLinkAB
        << R"(, {"id": "A-B-ROAD", "from": "A", "to": "B", "mode": "roads", "distance_km": 1, "hours": 1}]})";
  }
  const auto too_big = input_errors([&] { io::read_text_file(path); });
  REQUIRE(too_big.size() == 1);
  CHECK(too_big[0].code == "E-TOO-BIG");
  // Errors are found with their line and pointer as in a small file.
  const auto diagnostics = input_errors([&] {
    DiagnosticSink sink(path);
    io::load_network(path, sink);
  });
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].pointer == "/links/1/mode");
  {
    std::ofstream out(path, std::ios::binary | std::ios::app);  // now a syntax error on line 3
    out << "\n  x";
  }
  const auto syntax = input_errors([&] {
    DiagnosticSink sink(path);
    io::load_network(path, sink);
  });
  REQUIRE(syntax.size() == 1);
  CHECK(syntax[0].code == "E-SYNTAX");
  CHECK(syntax[0].line == 3);
  CHECK(syntax[0].column == 3);
}

TEST_CASE("network json: a file and its text give the same diagnostics, syntax errors included") {
  TempDir dir;
  const std::vector<std::string> texts = {
      net(kNodeA + "," + kNodeB, kLinkAB),
      net(kNodeA, R"({"from": "A", "to": "Q", "mode": "rail", "distance_km": 1, "hours": 1})"),
      "{\"name\": \"t\",\n \"nodes\": [\n 1e400]}",
      "{\"name\": \"t\",\n \"nodes\": [\n \"\xff\"]}",
      "{\"name\": \"t\",\n \"nodes\": [}\n",
      "  \n",
      std::string(70, '[') + "]",
      "[1, 2]",
      "\"text\""};
  for (std::size_t i = 0; i < texts.size(); ++i) {
    CAPTURE(i);
    const std::string path = dir.write(joined({"n", std::to_string(i), ".json"}), texts[i]);
    std::vector<std::string> from_text, from_file;
    for (bool file : {false, true}) {
      DiagnosticSink sink(path);
      std::vector<std::string>& lines = file ? from_file : from_text;
      try {
        if (file) io::load_network(path, sink);
        else io::parse_network(texts[i], sink);
        for (const auto& d : sink.diagnostics()) lines.push_back(format(d));
      } catch (const InputError& e) {
        for (const auto& d : e.diagnostics()) lines.push_back(format(d));
      }
    }
    CHECK(from_file == from_text);
    CHECK(!from_text.empty() == (i != 0));
  }
}
