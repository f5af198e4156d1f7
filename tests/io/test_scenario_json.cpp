// Loading scenario files: every change type, both query types, the network path, and the
// errors a scenario can contain.

#include <algorithm>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include <sys/resource.h>

#include <doctest/doctest.h>

#include "io/network_json.hpp"
#include "io/scenario_json.hpp"
#include "model/scenario.hpp"
#include "solve/scenario_run.hpp"
#include "support/diagnostics.hpp"
#include "support/temp_dir.hpp"

using namespace corridor;
using namespace corridor::test;

namespace {

const std::string kDefaultNetwork = "/default/network.json";

Scenario scenario_from(const std::string& text, DiagnosticSink& sink, const std::string& path = "/tmp/s.json") {
  return io::parse_scenario(text, path, kDefaultNetwork, sink);
}

std::vector<Diagnostic> scenario_errors(const std::string& text, const std::string& path = "/tmp/s.json") {
  return input_errors([&] {
    DiagnosticSink sink(path);
    scenario_from(text, sink, path);
  });
}

/// A scenario with the given changes and queries (array contents).
std::string scenario(const std::string& changes, const std::string& queries = "") {
  return R"({"name": "t", "description": "d", "changes": [)" + changes + R"(], "queries": [)" + queries + "]}";
}

}  // namespace

TEST_CASE("scenario json: top-level fields and the default network") {
  DiagnosticSink sink("s.json");
  const Scenario s = scenario_from(R"({"name": "Low water", "description": "Caspian", "sources": ["S91", "S2"]})", sink);
  INFO(describe(sink.diagnostics()));
  CHECK(sink.diagnostics().empty());
  CHECK(s.name == "Low water");
  CHECK(s.description == "Caspian");
  CHECK(s.sources == std::vector<std::string>{"S91", "S2"});
  CHECK(s.network_path == kDefaultNetwork);
  CHECK(s.changes.empty());
  CHECK(s.queries.empty());
}

TEST_CASE("scenario json: status changes") {
  DiagnosticSink sink;
  const Scenario s = scenario_from(scenario(R"(
      {"type": "close_link", "id": "AKTAU-BAKU", "note": "storm", "sources": ["S1"]},
      {"type": "close_node", "id": "AKTAU"},
      {"type": "open_link", "id": "KARS-AKHALKALAKI"},
      {"type": "open_node", "id": "KARS"})"),
                           sink);
  INFO(describe(sink.diagnostics()));
  CHECK(sink.diagnostics().empty());
  REQUIRE(s.changes.size() == 4);
  const ChangeType types[] = {ChangeType::CloseLink, ChangeType::CloseNode, ChangeType::OpenLink,
                              ChangeType::OpenNode};
  const char* ids[] = {"AKTAU-BAKU", "AKTAU", "KARS-AKHALKALAKI", "KARS"};
  for (std::size_t i = 0; i < 4; ++i) {
    CAPTURE(i);
    CHECK(s.changes[i].type == types[i]);
    CHECK(s.changes[i].target_id == ids[i]);
    CHECK(s.changes[i].pointer == "/changes/" + std::to_string(i));
  }
  CHECK(s.changes[0].note == "storm");
}

TEST_CASE("scenario json: set_node and set_link record the fields given") {
  DiagnosticSink sink;
  const Scenario s = scenario_from(scenario(R"(
      {"type": "set_node", "id": "AKTAU", "values": {"dwell_hours": 30, "capacity_tpy": null}},
      {"type": "set_link", "id": "AKTAU-BAKU",
       "values": {"hours": 18, "departures_per_week": 10, "corridor": ["middle", "sea"], "status": "planned"}})"),
                           sink);
  INFO(describe(sink.diagnostics()));
  CHECK(sink.diagnostics().empty());
  REQUIRE(s.changes.size() == 2);
  const Change& node = s.changes[0];
  CHECK(node.type == ChangeType::SetNode);
  CHECK(node.target_id == "AKTAU");
  CHECK(node.node.dwell_hours == 30);
  CHECK_FALSE(node.node.capacity_tpy.has_value());
  CHECK(node.fields == FieldList{"dwell_hours", "capacity_tpy"});
  const Change& link = s.changes[1];
  CHECK(link.type == ChangeType::SetLink);
  CHECK(link.link.link.hours == 18);
  CHECK(link.link.link.departures_per_week == 10.0);
  CHECK(link.link.link.corridors == std::vector<std::string>{"middle", "sea"});
  CHECK(link.link.link.status == Status::Planned);
  FieldList sorted = link.fields;
  std::sort(sorted.begin(), sorted.end());
  CHECK(sorted == FieldList{"corridor", "departures_per_week", "hours", "status"});
}

TEST_CASE("scenario json: scale_capacity by link, node and mode") {
  DiagnosticSink sink;
  const Scenario s = scenario_from(scenario(R"(
      {"type": "scale_capacity", "link": "AKTAU-BAKU", "factor": 0.5},
      {"type": "scale_capacity", "node": "AKTAU", "factor": 2},
      {"type": "scale_capacity", "mode": "ferry", "factor": 0.63})"),
                           sink);
  INFO(describe(sink.diagnostics()));
  CHECK(sink.diagnostics().empty());
  REQUIRE(s.changes.size() == 3);
  CHECK(s.changes[0].scale_target == ScaleTarget::Link);
  CHECK(s.changes[0].target_id == "AKTAU-BAKU");
  CHECK(s.changes[0].factor == 0.5);
  CHECK(s.changes[1].scale_target == ScaleTarget::Node);
  CHECK(s.changes[1].target_id == "AKTAU");
  CHECK(s.changes[2].scale_target == ScaleTarget::Mode);
  CHECK(s.changes[2].scale_mode == Mode::Ferry);
  CHECK(s.changes[2].factor == 0.63);
}

TEST_CASE("scenario json: add_node and add_link read full elements") {
  DiagnosticSink sink;
  const Scenario s = scenario_from(scenario(R"(
      {"type": "add_node", "node": {"id": "NEW", "name": "New port", "country": "TM", "kind": "sea_port",
                                    "lat": 40, "lon": 53, "dwell_hours": 5}},
      {"type": "add_link", "link": {"from": "NEW", "to": "BAKU", "mode": "ferry", "distance_km": 300,
                                    "hours": 14, "bidirectional": false}})"),
                           sink);
  INFO(describe(sink.diagnostics()));
  CHECK(sink.diagnostics().empty());
  REQUIRE(s.changes.size() == 2);
  CHECK(s.changes[0].type == ChangeType::AddNode);
  CHECK(s.changes[0].node.id == "NEW");
  CHECK(s.changes[0].node.kind == NodeKind::SeaPort);
  CHECK(s.changes[0].node.allows_transfer);
  CHECK(s.changes[0].node.dwell_hours == 5);
  CHECK(s.changes[1].type == ChangeType::AddLink);
  CHECK(s.changes[1].link.link.id == "NEW-BAKU");
  CHECK(s.changes[1].link.from_id == "NEW");
  CHECK(s.changes[1].link.to_id == "BAKU");
  CHECK_FALSE(s.changes[1].link.link.bidirectional);
}

TEST_CASE("scenario json: route and flow queries in every accepted spelling") {
  DiagnosticSink sink;
  const Scenario s = scenario_from(scenario("", R"(
      {"type": "route", "name": "fast", "from": "XIAN", "to": "BAKU"},
      {"type": "route", "from": "XIAN", "to": "POTI", "by": "distance", "corridor": "middle"},
      {"type": "route", "from": "XIAN", "to": "POTI", "corridor": ["middle", "northern"]},
      {"type": "flow", "from": ["KHORGOS", "ALASHANKOU"], "to": ["BAKU"], "target_tpy": 10000000},
      {"type": "flow", "name": "single", "from": "KHORGOS", "to": "BAKU"},
      {"type": "flow", "from": "KHORGOS,ALASHANKOU", "to": " BAKU , POTI "})"),
                           sink);
  INFO(describe(sink.diagnostics()));
  CHECK(sink.diagnostics().empty());
  REQUIRE(s.queries.size() == 6);

  const auto& r0 = std::get<RouteRequest>(s.queries[0].request);
  CHECK(s.queries[0].type() == QueryType::Route);
  CHECK(s.queries[0].name == "fast");
  CHECK(s.queries[0].pointer == "/queries/0");
  CHECK(r0.from == "XIAN");
  CHECK(r0.to == "BAKU");
  CHECK(r0.by == Objective::Time);
  CHECK(r0.corridors.empty());
  const auto& r1 = std::get<RouteRequest>(s.queries[1].request);
  CHECK(r1.by == Objective::Distance);
  CHECK(r1.corridors == std::vector<std::string>{"middle"});
  CHECK(s.queries[1].name == "route XIAN -> POTI");
  CHECK(std::get<RouteRequest>(s.queries[2].request).corridors == std::vector<std::string>{"middle", "northern"});

  const auto& f3 = std::get<FlowRequest>(s.queries[3].request);
  CHECK(s.queries[3].type() == QueryType::Flow);
  CHECK(f3.from == std::vector<std::string>{"KHORGOS", "ALASHANKOU"});
  CHECK(f3.to == std::vector<std::string>{"BAKU"});
  CHECK(f3.target_tpy == 10'000'000);
  const auto& f4 = std::get<FlowRequest>(s.queries[4].request);
  CHECK(s.queries[4].name == "single");
  CHECK(f4.from == std::vector<std::string>{"KHORGOS"});
  CHECK(f4.to == std::vector<std::string>{"BAKU"});
  CHECK_FALSE(f4.target_tpy.has_value());
  const auto& f5 = std::get<FlowRequest>(s.queries[5].request);
  CHECK(f5.from == std::vector<std::string>{"KHORGOS", "ALASHANKOU"});
  CHECK(f5.to == std::vector<std::string>{"BAKU", "POTI"});
}

TEST_CASE("scenario json: avoid lists and flow corridor filters") {
  DiagnosticSink sink;
  const Scenario s = scenario_from(scenario("", R"(
      {"type": "route", "from": "XIAN", "to": "BAKU", "avoid": "AKTAU, AKTAU-BAKU"},
      {"type": "flow", "from": "KHORGOS", "to": "BAKU", "corridor": "middle", "avoid": ["KURYK"]})"),
                           sink);
  INFO(describe(sink.diagnostics()));
  CHECK(sink.diagnostics().empty());
  REQUIRE(s.queries.size() == 2);
  CHECK(std::get<RouteRequest>(s.queries[0].request).avoid == std::vector<std::string>{"AKTAU", "AKTAU-BAKU"});
  const auto& flow = std::get<FlowRequest>(s.queries[1].request);
  CHECK(flow.corridors == std::vector<std::string>{"middle"});
  CHECK(flow.avoid == std::vector<std::string>{"KURYK"});
}

TEST_CASE("scenario json: malformed scenarios are reported with code and pointer") {
  struct Row {
    const char* what;
    std::string text;
    const char* code;
    const char* pointer;
    const char* message_part;
  };
  const Row rows[] = {
      {"unknown change type", scenario(R"({"type": "demolish_link", "id": "A-B"})"), "E-ENUM", "/changes/0/type",
       "close_link, close_node"},
      {"scale with two targets", scenario(R"({"type": "scale_capacity", "link": "A-B", "node": "A", "factor": 2})"),
       "E-CHANGE", "/changes/0", "exactly one of"},
      {"scale without target", scenario(R"({"type": "scale_capacity", "factor": 2})"), "E-CHANGE", "/changes/0",
       "exactly one of"},
      {"scale with unknown mode", scenario(R"({"type": "scale_capacity", "mode": "hovercraft", "factor": 2})"),
       "E-ENUM", "/changes/0/mode", "rail, ferry, road, sea"},
      {"scale without factor", scenario(R"({"type": "scale_capacity", "mode": "rail"})"), "E-MISSING-KEY",
       "/changes/0", "\"factor\""},
      {"close without id", scenario(R"({"type": "close_link"}, {"type": "close_node", "ID": "A"})"),
       "E-MISSING-KEY", "/changes/0", "\"id\""},
      {"id not a string", scenario(R"({"type": "close_node", "id": 7})"), "E-TYPE", "/changes/0/id", "a string"},
      {"change without type", scenario(R"({"id": "A"})"), "E-MISSING-KEY", "/changes/0", "\"type\""},
      {"change not an object", scenario(R"("close A")"), "E-TYPE", "/changes/0", "must be a JSON object"},
      {"set_node values not an object", scenario(R"({"type": "set_node", "id": "A", "values": [1]})"), "E-TYPE",
       "/changes/0/values", "must be a JSON object"},
      {"set_link without values", scenario(R"({"type": "set_link", "id": "A-B"})"), "E-MISSING-KEY", "/changes/0",
       "\"values\""},
      {"set_link bad value type", scenario(R"({"type": "set_link", "id": "A-B", "values": {"hours": "ten"}})"),
       "E-TYPE", "/changes/0/values/hours", "must be a number"},
      {"add_node without node", scenario(R"({"type": "add_node"})"), "E-MISSING-KEY", "/changes/0", "\"node\""},
      {"add_node incomplete", scenario(R"({"type": "add_node", "node": {"id": "N", "name": "N"}})"),
       "E-MISSING-KEY", "/changes/0/node", "\"country\""},
      {"add_link without link", scenario(R"({"type": "add_link"})"), "E-MISSING-KEY", "/changes/0", "\"link\""},
      {"changes not an array", R"({"name": "t", "changes": {}})", "E-TYPE", "/changes", "an object"},
      {"queries not an array", R"({"name": "t", "queries": "all"})", "E-TYPE", "/queries", "a string"},
      {"unknown query type", scenario("", R"({"type": "cost", "from": "A", "to": "B"})"), "E-ENUM",
       "/queries/0/type", "route, flow"},
      {"query without type", scenario("", R"({"from": "A", "to": "B"})"), "E-MISSING-KEY", "/queries/0",
       "\"type\""},
      {"route without to", scenario("", R"({"type": "route", "from": "A"})"), "E-MISSING-KEY", "/queries/0",
       "\"to\""},
      {"route by speed", scenario("", R"({"type": "route", "from": "A", "to": "B", "by": "speed"})"), "E-ENUM",
       "/queries/0/by", "time, distance"},
      {"flow from a number", scenario("", R"({"type": "flow", "from": 1, "to": "B"})"), "E-TYPE",
       "/queries/0/from", "a string or an array"},
      {"flow target fractional", scenario("", R"({"type": "flow", "from": "A", "to": "B", "target_tpy": 2.5})"),
       "E-TYPE", "/queries/0/target_tpy", "whole number"},
      {"missing name", R"({"changes": []})", "E-MISSING-KEY", "", "\"name\""},
      {"network not a string", R"({"name": "t", "network": 3})", "E-TYPE", "/network", "a string"},
      {"syntax error", "{\"name\": \"t\",\n \"changes\": [}", "E-SYNTAX", "", "syntax error"},
      {"empty", "", "E-EMPTY", "", "empty"},
  };
  for (const Row& row : rows) {
    INFO(std::string(row.what));
    const auto diagnostics = scenario_errors(row.text);
    INFO(describe(diagnostics));
    const Diagnostic* d = find_diagnostic(diagnostics, row.code, row.pointer);
    REQUIRE(d != nullptr);
    CHECK(d->severity == Severity::Error);
    CHECK(d->file == "/tmp/s.json");
    CHECK(d->message.find(row.message_part) != std::string::npos);
  }
}

TEST_CASE("scenario json: all errors of a scenario come in one throw") {
  const auto diagnostics = scenario_errors(scenario(R"({"type": "demolish", "id": "A"},
                                                 {"type": "scale_capacity", "factor": 1})",
                                              R"({"type": "cost"})"));
  INFO(describe(diagnostics));
  CHECK(count_errors(diagnostics) == 3);
  CHECK(has_diagnostic(diagnostics, "E-ENUM", "/changes/0/type"));
  CHECK(has_diagnostic(diagnostics, "E-CHANGE", "/changes/1"));
  CHECK(has_diagnostic(diagnostics, "E-ENUM", "/queries/0/type"));
}

TEST_CASE("scenario json: unknown keys are errors with a suggestion, unless x- or allowed") {
  DiagnosticSink sink("s.json");
  std::vector<Diagnostic> errors;
  try {
    scenario_from(scenario("", R"({"type": "flow", "from": ["A"], "to": ["B"], "corridr": "middle", "x-note": "mine"})"),
                  sink);
  } catch (const InputError& error) {
    errors = error.diagnostics();
  }
  INFO(describe(errors));
  const Diagnostic* typo = find_diagnostic(errors, "E-UNKNOWN-KEY", "/queries/0/corridr");
  REQUIRE(typo != nullptr);
  CHECK(typo->message.find("did you mean \"corridor\"") != std::string::npos);
  CHECK_FALSE(has_diagnostic(errors, "E-UNKNOWN-KEY", "/queries/0/x-note"));
}

TEST_CASE("scenario json: warnings for unknown keys (allowed) and empty set changes") {
  DiagnosticSink sink("s.json");
  sink.allow_unknown_keys(true);
  const Scenario s = scenario_from(scenario(R"({"type": "set_node", "id": "A", "values": {"colour": "red"}},
                                       {"type": "close_link", "id": "A-B", "reason": "x"})",
                                    R"({"type": "route", "from": "A", "to": "B", "waypoints": "C"})"),
                           sink);
  INFO(describe(sink.diagnostics()));
  CHECK_FALSE(sink.has_errors());
  CHECK(s.changes.size() == 2);
  CHECK(has_diagnostic(sink.diagnostics(), "W-UNKNOWN-KEY", "/changes/0/values/colour"));
  CHECK(has_diagnostic(sink.diagnostics(), "W-EMPTY-CHANGE", "/changes/0/values"));
  CHECK(has_diagnostic(sink.diagnostics(), "W-UNKNOWN-KEY", "/changes/1/reason"));
  CHECK(has_diagnostic(sink.diagnostics(), "W-UNKNOWN-KEY", "/queries/0/waypoints"));
}

TEST_CASE("scenario json: the network path is resolved relative to the scenario file") {
  TempDir dir;
  const std::string network = dir.write("nets/net.json", R"({"name": "n", "nodes": [], "links": []})");
  const std::string path = dir.write("scenarios/s.json", "{}");
  {
    DiagnosticSink sink(path);
    const Scenario s = scenario_from(R"({"name": "t", "network": "../nets/net.json"})", sink, path);
    CHECK(std::filesystem::equivalent(s.network_path, network));
    CHECK(std::filesystem::path(s.network_path).lexically_normal() == std::filesystem::path(s.network_path));
  }
  {
    DiagnosticSink sink(path);
    const Scenario s = scenario_from(R"({"name": "t", "network": ")" + network + R"("})", sink, path);
    CHECK(s.network_path == network);
  }
  {  // a missing network file
    const auto diagnostics = scenario_errors(R"({"name": "t", "network": "../nets/none.json"})", path);
    INFO(describe(diagnostics));
    const Diagnostic* d = find_diagnostic(diagnostics, "E-SCENARIO-NETWORK", "/network");
    REQUIRE(d != nullptr);
    CHECK(d->message.find("../nets/none.json") != std::string::npos);
    CHECK(d->file == path);
  }
  {  // the scenario names itself
    const std::string self = dir.write("scenarios/self.json", R"({"name": "t", "network": "self.json"})");
    const auto diagnostics = input_errors([&] {
      DiagnosticSink sink(self);
      io::load_scenario(self, kDefaultNetwork, sink);
    });
    INFO(describe(diagnostics));
    CHECK(has_diagnostic(diagnostics, "E-SCENARIO-NETWORK", "/network"));
  }
  {  // a directory is not a network file
    const auto diagnostics = scenario_errors(R"({"name": "t", "network": "../nets"})", path);
    CHECK(has_diagnostic(diagnostics, "E-SCENARIO-NETWORK", "/network"));
  }
  {  // a missing scenario file
    const auto diagnostics = input_errors([&] {
      DiagnosticSink sink(dir.file("none.json"));
      io::load_scenario(dir.file("none.json"), kDefaultNetwork, sink);
    });
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].code == "E-FILE");
  }
}

TEST_CASE("scenario json: sniff_file_kind tells networks from scenarios") {
  struct Row {
    const char* text;
    io::FileKind kind;
  };
  const Row rows[] = {
      {R"({"name": "n", "nodes": [], "links": []})", io::FileKind::Network},
      {R"({"links": []})", io::FileKind::Network},
      {R"({"name": "s", "changes": []})", io::FileKind::Scenario},
      {R"({"name": "s", "queries": []})", io::FileKind::Scenario},
      {R"({"name": "s", "network": "x.json"})", io::FileKind::Scenario},
      {R"({"name": "s"})", io::FileKind::Unknown},
      {R"([{"nodes": []}])", io::FileKind::Unknown},
      {"{\"nodes\": [", io::FileKind::Unknown},
      {"", io::FileKind::Unknown},
  };
  for (const Row& row : rows) {
    INFO(std::string(row.text));
    CHECK(io::sniff_file_kind(row.text) == row.kind);
  }
}

TEST_CASE("scenario json: sniff_file_kind keeps memory small on a huge deeply nested file") {
  // It once parsed the whole document first: 20 MB of brackets took 765 MB before the
  // loader's depth check could refuse the file. It now reads the keys as a stream.
  const std::string deep = std::string(10'000'000, '[') + std::string(10'000'000, ']');
  rusage before{};
  getrusage(RUSAGE_SELF, &before);
  CHECK(io::sniff_file_kind(deep) == io::FileKind::Unknown);
  CHECK(io::sniff_file_kind("{\"name\": \"s\", \"changes\": " + deep + "}") == io::FileKind::Scenario);
  rusage after{};
  getrusage(RUSAGE_SELF, &after);
  const long grown_kb = after.ru_maxrss - before.ru_maxrss;  // peak resident set, in KB on Linux
  CHECK(grown_kb < 200 * 1024);
}

TEST_CASE("scenario json: the fixture scenario loads, applies and answers its queries") {
  const std::string path = CORRIDOR_TEST_DATA_DIR "/valid/scenario_small.json";
  DiagnosticSink sink(path);
  const Scenario s = io::load_scenario(path, kDefaultNetwork, sink);
  INFO(describe(sink.diagnostics()));
  CHECK_FALSE(sink.has_errors());
  CHECK(std::filesystem::equivalent(s.network_path, CORRIDOR_TEST_DATA_DIR "/valid/small.json"));
  DiagnosticSink network_sink(s.network_path);
  const Network base = io::load_network(s.network_path, network_sink);
  DiagnosticSink change_sink(path);
  const Network changed = apply_changes(base, s.changes, change_sink);
  INFO(describe(change_sink.diagnostics()));
  CHECK(change_sink.diagnostics().empty());
  DiagnosticSink run_sink(path);
  const auto outcomes = solve::run_queries(changed, s, run_sink);
  CHECK(run_sink.diagnostics().empty());
  CHECK(outcomes.size() == s.queries.size());
  CHECK(solve::all_answered(outcomes));
}

TEST_CASE("scenario json: a key given twice is E-DUPLICATE-KEY at its pointer, with every other problem") {
  const auto errors = scenario_errors(
      R"({"name": "Twice", "queries": [{"type": "route", "from": "XIAN", "from": "BAKU", "to": "BAKU"},
                                       [{"a": 1, "a": 2}]], "name": "Again"})");
  INFO(describe(errors));
  CHECK(has_diagnostic(errors, "E-DUPLICATE-KEY", "/queries/0/from"));
  CHECK(has_diagnostic(errors, "E-DUPLICATE-KEY", "/queries/1/0/a"));
  CHECK(has_diagnostic(errors, "E-DUPLICATE-KEY", "/name"));
  CHECK(has_diagnostic(errors, "E-TYPE", "/queries/1"));  // reading went on: all problems in one run
}
