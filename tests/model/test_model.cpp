// Model layer: enums, link helpers, value checks, id suggestions, query resolution and
// diagnostics. Scenario changes (apply_changes) are in test_apply_changes.cpp.

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "model/diagnostic.hpp"
#include "model/network.hpp"
#include "model/query.hpp"
#include "model/scenario.hpp"
#include "model/validate.hpp"
#include "support/builders.hpp"
#include "support/diagnostics.hpp"
#include "support/model_fixtures.hpp"

using namespace corridor;
using namespace corridor::test;

TEST_CASE("model: enum names round trip through parse and to_string") {
  for (NodeKind kind : {NodeKind::RailTerminal, NodeKind::SeaPort, NodeKind::DryPort, NodeKind::BorderCrossing,
                        NodeKind::GaugeChange, NodeKind::Junction}) {
    const std::string name(to_string(kind));
    CAPTURE(name);
    CHECK(parse<NodeKind>(name) == kind);
    CHECK(joined_names<NodeKind>().find(name) != std::string::npos);
  }
  for (Mode mode : {Mode::Rail, Mode::Ferry, Mode::Road, Mode::Sea}) {
    const std::string name(to_string(mode));
    CAPTURE(name);
    CHECK(parse<Mode>(name) == mode);
    CHECK(joined_names<Mode>().find(name) != std::string::npos);
  }
  for (Status status : {Status::Open, Status::Planned, Status::Closed}) {
    const std::string name(to_string(status));
    CAPTURE(name);
    CHECK(parse<Status>(name) == status);
  }
  for (Objective objective : {Objective::Time, Objective::Distance}) {
    const std::string name(to_string(objective));
    CHECK(parse<Objective>(name) == objective);
  }
  for (ChangeType type : {ChangeType::CloseLink, ChangeType::CloseNode, ChangeType::OpenLink, ChangeType::OpenNode,
                          ChangeType::SetLink, ChangeType::SetNode, ChangeType::ScaleCapacity, ChangeType::AddNode,
                          ChangeType::AddLink}) {
    const std::string name(to_string(type));
    CAPTURE(name);
    CHECK(parse<ChangeType>(name) == type);
    CHECK(joined_names<ChangeType>().find(name) != std::string::npos);
  }
  CHECK(to_string(Mode::Ferry) == "ferry");
  CHECK(to_string(NodeKind::GaugeChange) == "gauge_change");
  CHECK(joined_names<Mode>() == "rail, ferry, road, sea");
}

TEST_CASE("model: unknown or differently spelled enum names are refused") {
  const char* bad[] = {"", "Rail", "RAIL", "train", "ship", " rail", "rail ", "seaport", "Open"};
  for (const char* text : bad) {
    INFO(std::string(text));
    CHECK_FALSE(parse<Mode>(text).has_value());
    CHECK_FALSE(parse<NodeKind>(text).has_value());
    CHECK_FALSE(parse<Status>(text).has_value());
    CHECK_FALSE(parse<Objective>(text).has_value());
    CHECK_FALSE(parse<ChangeType>(text).has_value());
  }
}

TEST_CASE("model: corridor tags and transfer defaults by kind") {
  for (auto tag : kCorridorTags) CHECK(is_corridor_tag(tag));
  CHECK_FALSE(is_corridor_tag("Middle"));
  CHECK_FALSE(is_corridor_tag("central"));
  CHECK(corridor_tag_names() == "middle, northern, southern, sea, zangezur, shared");

  CHECK(kind_allows_transfer(NodeKind::RailTerminal));
  CHECK(kind_allows_transfer(NodeKind::SeaPort));
  CHECK(kind_allows_transfer(NodeKind::DryPort));
  CHECK_FALSE(kind_allows_transfer(NodeKind::BorderCrossing));
  CHECK_FALSE(kind_allows_transfer(NodeKind::GaugeChange));
  CHECK_FALSE(kind_allows_transfer(NodeKind::Junction));
}

TEST_CASE("model: expected wait is half the headway, 84 h divided by departures per week") {
  struct Row {
    std::optional<double> departures;
    double wait;
  };
  const Row rows[] = {{std::nullopt, 0.0}, {7.0, 12.0}, {14.0, 6.0}, {1.0, 84.0}, {0.5, 168.0},
                      {3.0, 28.0},         {168.0, 0.5}, {0.0, 0.0}};
  for (const Row& row : rows) {
    Link link;
    link.departures_per_week = row.departures;
    CAPTURE(row.departures.value_or(-1));
    CHECK(link.expected_wait_hours() == doctest::Approx(row.wait).epsilon(1e-12));
  }
}

TEST_CASE("model: in_corridor matches a tag or shared") {
  Link link;
  link.corridors = {"middle", "sea"};
  CHECK(link.in_corridor("middle"));
  CHECK(link.in_corridor("sea"));
  CHECK_FALSE(link.in_corridor("northern"));
  link.corridors = {"shared"};
  for (auto tag : {"middle", "northern", "southern", "sea", "zangezur"}) CHECK(link.in_corridor(tag));
  link.corridors = {};
  CHECK_FALSE(link.in_corridor("middle"));
}

TEST_CASE("model: network indexes ids and reports usable links") {
  Network net = NetworkBuilder()
                    .node("A")
                    .node("B")
                    .closed()
                    .node("C")
                    .link("A", "C")
                    .link("A", "B")
                    .link("C", "A", Mode::Road)
                    .planned()
                    .build();
  CHECK(net.find_node("A") == NodeIndex{0});
  CHECK(net.find_node("C") == NodeIndex{2});
  CHECK_FALSE(net.find_node("a").has_value());
  CHECK_FALSE(net.find_node("").has_value());
  CHECK(net.find_link("A-B") == LinkIndex{1});
  CHECK_FALSE(net.find_link("B-A").has_value());
  CHECK(net.link_usable(0));
  CHECK_FALSE(net.link_usable(1));  // end node closed
  CHECK_FALSE(net.link_usable(2));  // planned
}

TEST_CASE("model: node and link id rules") {
  struct Row {
    const char* id;
    bool node_ok;
    bool link_ok;
  };
  const Row rows[] = {{"AKTAU", true, true},   {"A1_B2", true, true},  {"AKTAU-BAKU", false, true},
                      {"", false, false},      {"aktau", false, false}, {"AKTAU BAKU", false, false},
                      {"ÄKTAU", false, false}, {"A.B", false, false},  {"A/B", false, false}};
  for (const Row& row : rows) {
    INFO(std::string(row.id));
    CHECK(is_valid_node_id(row.id) == row.node_ok);
    CHECK(is_valid_link_id(row.id) == row.link_ok);
  }
  CHECK(is_valid_node_id(std::string(64, 'A')));
  CHECK_FALSE(is_valid_node_id(std::string(65, 'A')));
}

TEST_CASE("model: check_node_values accepts a valid node") {
  DiagnosticSink sink("net.json");
  check_node_values(valid_node(), "/nodes/0", sink);
  INFO(describe(sink.diagnostics()));
  CHECK(sink.diagnostics().empty());
}

TEST_CASE("model: check_node_values reports each bad value with code and pointer") {
  struct Row {
    const char* what;
    void (*mutate)(Node&);
    const char* code;
    const char* pointer;
  };
  const Row rows[] = {
      {"lat 91", [](Node& n) { n.lat = 91; }, "E-RANGE", "/nodes/3/lat"},
      {"lat -90.5", [](Node& n) { n.lat = -90.5; }, "E-RANGE", "/nodes/3/lat"},
      {"lon 181", [](Node& n) { n.lon = 181; }, "E-RANGE", "/nodes/3/lon"},
      {"lon -181", [](Node& n) { n.lon = -181; }, "E-RANGE", "/nodes/3/lon"},
      {"lat NaN", [](Node& n) { n.lat = kNaN; }, "E-NUMBER", "/nodes/3/lat"},
      {"dwell inf", [](Node& n) { n.dwell_hours = kInf; }, "E-NUMBER", "/nodes/3/dwell_hours"},
      {"dwell -1", [](Node& n) { n.dwell_hours = -1; }, "E-RANGE", "/nodes/3/dwell_hours"},
      {"transfer 1e6", [](Node& n) { n.transfer_hours = 1e6; }, "E-TOO-LARGE", "/nodes/3/transfer_hours"},
      {"capacity -5", [](Node& n) { n.capacity_tpy = -5; }, "E-RANGE", "/nodes/3/capacity_tpy"},
      {"capacity 1e13", [](Node& n) { n.capacity_tpy = 10'000'000'000'000; }, "E-TOO-LARGE",
       "/nodes/3/capacity_tpy"},
      {"country kz", [](Node& n) { n.country = "kz"; }, "E-COUNTRY", "/nodes/3/country"},
      {"country KAZ", [](Node& n) { n.country = "KAZ"; }, "E-COUNTRY", "/nodes/3/country"},
      {"country empty", [](Node& n) { n.country = ""; }, "E-COUNTRY", "/nodes/3/country"},
      {"id lower case", [](Node& n) { n.id = "aktau"; }, "E-ID", "/nodes/3/id"},
      {"id with dash", [](Node& n) { n.id = "AKTAU-1"; }, "E-ID", "/nodes/3/id"},
      {"gauge 100", [](Node& n) { n.gauge_mm = 100; }, "E-RANGE", "/nodes/3/gauge_mm"},
      {"handling -1", [](Node& n) { n.handling_usd_per_t = -1.0; }, "E-RANGE", "/nodes/3/handling_usd_per_t"},
  };
  for (const Row& row : rows) {
    INFO(std::string(row.what));
    Node node = valid_node();
    row.mutate(node);
    DiagnosticSink sink("net.json");
    check_node_values(node, "/nodes/3", sink);
    INFO(describe(sink.diagnostics()));
    REQUIRE(sink.diagnostics().size() == 1);
    const Diagnostic& d = sink.diagnostics().front();
    CHECK(d.code == row.code);
    CHECK(d.pointer == row.pointer);
    CHECK(d.severity == Severity::Error);
    CHECK(d.file == "net.json");
    CHECK(d.element_id == "node " + node.id);
  }
}

TEST_CASE("model: check_link_values reports each bad value with code and pointer") {
  struct Row {
    const char* what;
    void (*mutate)(Link&);
    const char* code;
    const char* pointer;
  };
  const Row rows[] = {
      {"hours -1", [](Link& l) { l.hours = -1; }, "E-RANGE", "/links/0/hours"},
      {"hours NaN", [](Link& l) { l.hours = kNaN; }, "E-NUMBER", "/links/0/hours"},
      {"hours inf", [](Link& l) { l.hours = kInf; }, "E-NUMBER", "/links/0/hours"},
      {"hours 1e6", [](Link& l) { l.hours = 1e6; }, "E-TOO-LARGE", "/links/0/hours"},
      {"distance -3", [](Link& l) { l.distance_km = -3; }, "E-RANGE", "/links/0/distance_km"},
      {"distance 60000", [](Link& l) { l.distance_km = 60000; }, "E-TOO-LARGE", "/links/0/distance_km"},
      {"capacity 2e12", [](Link& l) { l.capacity_tpy = 2'000'000'000'000; }, "E-TOO-LARGE",
       "/links/0/capacity_tpy"},
      {"capacity -1", [](Link& l) { l.capacity_tpy = -1; }, "E-RANGE", "/links/0/capacity_tpy"},
      {"departures 0", [](Link& l) { l.departures_per_week = 0.0; }, "E-RANGE", "/links/0/departures_per_week"},
      {"departures -2", [](Link& l) { l.departures_per_week = -2.0; }, "E-RANGE", "/links/0/departures_per_week"},
      {"departures inf", [](Link& l) { l.departures_per_week = kInf; }, "E-NUMBER",
       "/links/0/departures_per_week"},
      {"departures 1e5", [](Link& l) { l.departures_per_week = 1e5; }, "E-TOO-LARGE",
       "/links/0/departures_per_week"},
      {"id lower case", [](Link& l) { l.id = "aktau-baku"; }, "E-ID", "/links/0/id"},
      {"corridor tag", [](Link& l) { l.corridors = {"middle", "central"}; }, "E-ENUM", "/links/0/corridor/1"},
      {"gauge 5000", [](Link& l) { l.gauge_mm = 5000; }, "E-RANGE", "/links/0/gauge_mm"},
      {"cost -1", [](Link& l) { l.cost_usd_per_t = -1.0; }, "E-RANGE", "/links/0/cost_usd_per_t"},
      {"co2 inf", [](Link& l) { l.co2_g_per_tkm = kInf; }, "E-NUMBER", "/links/0/co2_g_per_tkm"},
  };
  {
    DiagnosticSink sink;
    check_link_values(valid_link(), "/links/0", sink);
    INFO(describe(sink.diagnostics()));
    CHECK(sink.diagnostics().empty());
  }
  for (const Row& row : rows) {
    INFO(std::string(row.what));
    Link link = valid_link();
    row.mutate(link);
    DiagnosticSink sink("net.json");
    check_link_values(link, "/links/0", sink);
    INFO(describe(sink.diagnostics()));
    REQUIRE(sink.diagnostics().size() == 1);
    CHECK(sink.diagnostics().front().code == row.code);
    CHECK(sink.diagnostics().front().pointer == row.pointer);
  }
  // Zero values at the boundary are fine (a zero-capacity link is a legal closure).
  Link edge = valid_link();
  edge.hours = 0;
  edge.distance_km = 0;
  edge.capacity_tpy = kMaxCapacityTpy;
  DiagnosticSink sink;
  check_link_values(edge, "/links/0", sink);
  CHECK(sink.diagnostics().empty());
}

TEST_CASE("model: closest_id and did_you_mean suggest near ids only") {
  const std::vector<std::string> known = {"AKTAU", "BAKU", "KURYK", "ALTYNKOL", "TBILISI", "AKTAU_PORT_2"};
  CHECK(closest_id("AKTUA", known) == "AKTAU");
  CHECK(closest_id("aktau", known) == "AKTAU");  // case-insensitive distance
  CHECK(closest_id("BAKU1", known) == "BAKU");
  CHECK(closest_id("TBLISI", known) == "TBILISI");
  CHECK(closest_id("ISTANBUL", known).empty());
  CHECK(closest_id("ZZZZZZZZ", known).empty());
  CHECK(did_you_mean("AKTUA", known) == " (did you mean \"AKTAU\"?)");
  CHECK(did_you_mean("ISTANBUL", known).empty());
  CHECK(closest_id("AKTAU", {}).empty());

  const Network net = abcd();
  CHECK(node_reference_message(net, "E") == "no node with id \"E\" (did you mean \"A\"?)");
  const std::string message = link_reference_message(net, "A-C");
  CHECK(message.find("no link with id \"A-C\"") == 0);
  CHECK(message.find("did you mean") != std::string::npos);
}

TEST_CASE("model: resolve route requests reports unknown ids with pointer and did-you-mean") {
  Network net = NetworkBuilder().node("AKTAU").node("BAKU").node("KURYK").link("AKTAU", "BAKU").build();
  {
    DiagnosticSink sink("s.json");
    auto query = resolve(net, route_request("AKTUA", "BAKU", Objective::Time, {}), "/queries/2", sink);
    CHECK_FALSE(query.has_value());
    INFO(describe(sink.diagnostics()));
    REQUIRE(sink.diagnostics().size() == 1);
    const Diagnostic& d = sink.diagnostics().front();
    CHECK(d.code == "E-QUERY-REF");
    CHECK(d.pointer == "/queries/2/from");
    CHECK(d.element_id == "AKTUA");
    CHECK(d.message.find("did you mean \"AKTAU\"") != std::string::npos);
  }
  {
    DiagnosticSink sink;
    auto query = resolve(net, route_request("AKTAU", "BAKUU", Objective::Distance, {}), "", sink);
    CHECK_FALSE(query.has_value());
    CHECK(has_diagnostic(sink.diagnostics(), "E-QUERY-REF", "/to"));
  }
  {
    DiagnosticSink sink;
    auto query = resolve(net, route_request("AKTAU", "AKTAU", Objective::Time, {}), "/queries/0", sink);
    CHECK_FALSE(query.has_value());
    CHECK(has_diagnostic(sink.diagnostics(), "E-QUERY", "/queries/0/to"));
  }
  {
    DiagnosticSink sink;
    auto query = resolve(net, route_request("AKTAU", "BAKU", Objective::Time, {"middle", "centre"}), "/q", sink);
    CHECK_FALSE(query.has_value());
    CHECK(has_diagnostic(sink.diagnostics(), "E-ENUM", "/q/corridor/1"));
  }
  {
    DiagnosticSink sink;
    auto query = resolve(net, route_request("AKTAU", "BAKU", Objective::Distance, {"middle"}), "/q", sink);
    REQUIRE(query.has_value());
    CHECK(sink.diagnostics().empty());
    CHECK(query->from == 0);
    CHECK(query->to == 1);
    CHECK(query->by == Objective::Distance);
    CHECK(query->corridors == std::vector<std::string>{"middle"});
  }
  {
    Network closed = net;
    closed.nodes[2].status = Status::Closed;
    DiagnosticSink sink;
    CHECK_FALSE(resolve(closed, route_request("AKTAU", "KURYK", Objective::Time, {}), "/q", sink).has_value());
    CHECK(has_diagnostic(sink.diagnostics(), "E-QUERY", "/q/to"));
  }
}

TEST_CASE("model: resolve refuses a flow query whose capacities add up beyond 64-bit arithmetic") {
  // Files hold at most 10^12 t/yr per element; a network built in memory may hold more.
  Network net = NetworkBuilder()
                    .node("A", NodeKind::Junction, 0, 0, 900'000'000'000'000'000)
                    .node("B", NodeKind::Junction, 0, 0, 900'000'000'000'000'000)
                    .link("A", "B")
                    .build();
  DiagnosticSink sink;
  CHECK_FALSE(resolve(net, flow_request({"A"}, {"B"}), "/q", sink).has_value());
  CHECK(has_diagnostic(sink.diagnostics(), "E-TOO-LARGE", "/q"));
  net.nodes[1].capacity_tpy = 1;
  DiagnosticSink fits;
  CHECK(resolve(net, flow_request({"A"}, {"B"}), "/q", fits).has_value());
}

TEST_CASE("model: resolve refuses query ends cut off from the network or without capacity") {
  //   A --- B --- C[cap 0]      D (no link)      E -x- B (the only link of E is closed)
  Network net = NetworkBuilder()
                    .node("A")
                    .node("B")
                    .node("C", NodeKind::Junction, 0, 0, 0)
                    .node("D")
                    .node("E")
                    .link("A", "B")
                    .link("B", "C")
                    .link("E", "B")
                    .build();
  net.links[2].status = Status::Closed;
  auto message_of = [](const DiagnosticSink& sink, const std::string& pointer) {
    for (const Diagnostic& d : sink.diagnostics())
      if (d.code == "E-QUERY" && d.pointer == pointer) return d.message;
    return std::string("(none)");
  };
  {
    DiagnosticSink sink;
    CHECK_FALSE(resolve(net, route_request("D", "A"), "/q", sink).has_value());
    CHECK(message_of(sink, "/q/from") == "origin \"D\" has no open link: it is cut off from the rest of the network");
  }
  {
    DiagnosticSink sink;
    CHECK_FALSE(resolve(net, route_request("A", "E"), "/q", sink).has_value());
    CHECK(message_of(sink, "/q/to") ==
          "destination \"E\" has no open link: it is cut off from the rest of the network");
  }
  {
    DiagnosticSink sink;  // a route may end at a zero-capacity node: capacity limits flows only
    CHECK(resolve(net, route_request("A", "C"), "/q", sink).has_value());
    CHECK(sink.diagnostics().empty());
  }
  {
    DiagnosticSink sink;
    // A flow's idle ends are warnings (W-IDLE-END): the query answers with the others.
    const auto query = resolve(net, flow_request({"A", "D"}, {"C"}), "/q", sink);
    REQUIRE(query.has_value());
    CHECK(query->idle_ends.size() == 2);
    CHECK(std::any_of(sink.diagnostics().begin(), sink.diagnostics().end(),
                      [](const Diagnostic& d) { return d.code == "W-IDLE-END" && d.pointer == "/q/from/1"; }));
    CHECK(std::any_of(sink.diagnostics().begin(), sink.diagnostics().end(),
                      [](const Diagnostic& d) { return d.code == "W-IDLE-END" && d.pointer == "/q/to/0"; }));
    CHECK(sink.diagnostics().size() == 2);
    CHECK(!sink.has_errors());
  }
  {
    Network closed = net;
    closed.nodes[0].status = Status::Planned;
    DiagnosticSink sink;
    CHECK(resolve(closed, flow_request({"A"}, {"B"}), "/q", sink).has_value());
    CHECK(std::any_of(sink.diagnostics().begin(), sink.diagnostics().end(),
                      [](const Diagnostic& d) { return d.code == "W-IDLE-END" && d.pointer == "/q/from/0"; }));
  }
}

TEST_CASE("model: resolve flow requests checks every id, overlap and target") {
  Network net =
      NetworkBuilder().node("AKTAU").node("BAKU").node("KURYK").link("AKTAU", "BAKU").link("KURYK", "BAKU").build();
  {
    DiagnosticSink sink;
    auto query = resolve(net, flow_request({"AKTAU", "KURYK"}, {"BAKU"}, 5), "/queries/1", sink);
    REQUIRE(query.has_value());
    CHECK(query->sources == std::vector<NodeIndex>{0, 2});
    CHECK(query->sinks == std::vector<NodeIndex>{1});
    CHECK(query->target_tpy == 5);
  }
  {
    DiagnosticSink sink;
    CHECK_FALSE(resolve(net, flow_request({"AKTAU"}, {"BAKU", "KURIK"}), "/queries/1", sink).has_value());
    const Diagnostic* d = find_diagnostic(sink.diagnostics(), "E-QUERY-REF");
    REQUIRE(d != nullptr);
    CHECK(d->pointer == "/queries/1/to/1");
    CHECK(d->message.find("did you mean \"KURYK\"") != std::string::npos);
  }
  {
    DiagnosticSink sink;
    CHECK_FALSE(resolve(net, flow_request({}, {"BAKU"}), "/q", sink).has_value());
    CHECK(has_diagnostic(sink.diagnostics(), "E-QUERY", "/q/from"));
  }
  {
    DiagnosticSink sink;
    CHECK_FALSE(resolve(net, flow_request({"AKTAU", "BAKU"}, {"BAKU"}), "/q", sink).has_value());
    CHECK(has_diagnostic(sink.diagnostics(), "E-QUERY", "/q/to/0"));
  }
  {
    DiagnosticSink sink;
    CHECK_FALSE(resolve(net, flow_request({"AKTAU"}, {"BAKU"}, -1), "/q", sink).has_value());
    CHECK(has_diagnostic(sink.diagnostics(), "E-RANGE", "/q/target_tpy"));
  }
}

TEST_CASE("model: diagnostics format in compiler style and InputError carries all") {
  Diagnostic syntax{Severity::Error, "E-SYNTAX", "net.json", 3, 15, "", "", "syntax error: unexpected '}'"};
  CHECK(format(syntax) == "net.json:3:15: error: syntax error: unexpected '}' [E-SYNTAX]");
  Diagnostic element{Severity::Error, "E-ENUM", "net.json", 0, 0, "/links/0/mode", "link A-B", "unknown mode"};
  CHECK(format(element) == "net.json: error: /links/0/mode (link A-B): unknown mode [E-ENUM]");
  Diagnostic warning{Severity::Warning, "W-UNKNOWN-KEY", "", 0, 0, "/x", "", "unknown key"};
  CHECK(format(warning) == "command line: warning: /x: unknown key [W-UNKNOWN-KEY]");

  DiagnosticSink sink("f.json");
  sink.warning("W-X", "/a", "first");
  CHECK_FALSE(sink.has_errors());
  sink.throw_if_errors();  // warnings alone do not throw
  sink.error("E-X", "/b", "second", "node B");
  CHECK(sink.has_errors());
  try {
    sink.throw_if_errors();
    FAIL("expected InputError");
  } catch (const InputError& e) {
    REQUIRE(e.diagnostics().size() == 2);
    CHECK(e.diagnostics()[0].file == "f.json");
    CHECK(e.diagnostics()[1].element_id == "node B");
    CHECK(std::string(e.what()).find("1 error") != std::string::npos);
  }
}

TEST_CASE("model: out-of-line strings and lists read like std::string and std::vector, and hold nothing when empty") {
  OutOfLineString note;
  CHECK(note.empty());
  CHECK(note.str().empty());
  CHECK(note == "");
  note = std::string("a note");
  CHECK(note == "a note");
  CHECK(std::string_view(note).size() == 6);
  const std::string& as_string = note;
  CHECK(as_string == "a note");
  note += " more";
  CHECK(note.str() == "a note more");
  CHECK(note.find("more") == 7);
  OutOfLineString copy = note;  // a copy of its own
  note = "";
  CHECK(note.empty());
  CHECK(copy == "a note more");
  CHECK(copy != note);
  note += "";  // appending nothing keeps it empty
  CHECK(note.empty());

  OutOfLineList<std::string> sources;
  CHECK(sources.empty());
  CHECK(sources.size() == 0);
  CHECK(sources.begin() == sources.end());
  int visited = 0;
  for (std::string& source : sources) visited += static_cast<int>(source.size());  // no element, no crash
  CHECK(visited == 0);
  sources.push_back("S1");
  sources.emplace_back("S2");
  CHECK(sources.size() == 2);
  CHECK(sources[1] == "S2");
  CHECK(sources.front() == "S1");
  const std::vector<std::string>& as_vector = sources;
  CHECK(as_vector == std::vector<std::string>{"S1", "S2"});
  OutOfLineList<std::string> other = sources;
  other[0] = "S3";
  CHECK(sources[0] == "S1");  // copies are deep
  CHECK(other != sources);
  other = std::vector<std::string>{};
  CHECK(other.empty());
  sources.clear();
  CHECK(sources == other);

  // What they save: a node's and a link's size (checked where the snapshot writes every member).
  CHECK(sizeof(OutOfLineString) == sizeof(void*));
  CHECK(sizeof(OutOfLineList<std::string>) == sizeof(void*));
}

TEST_CASE("model: packed optional numbers read like std::optional and cost only the number") {
  PackedOptional<double> cost;
  CHECK(!cost);
  CHECK(!cost.has_value());
  CHECK(cost == std::nullopt);
  CHECK(cost.value_or(2.5) == 2.5);
  CHECK_THROWS_AS((void)cost.value(), std::bad_optional_access);
  CHECK(std::optional<double>(cost) == std::nullopt);
  cost = 0.0;  // zero is a value, not absence
  CHECK(cost.has_value());
  CHECK(*cost == 0.0);
  cost = -3.5;
  CHECK(cost.value() == -3.5);
  CHECK(std::optional<double>(cost) == std::optional<double>(-3.5));
  *cost += 1.0;
  CHECK(*cost == -2.5);
  cost = std::optional<double>();
  CHECK(!cost);
  cost = std::optional<double>(7.0);
  CHECK(cost == PackedOptional<double>(7.0));
  CHECK(cost != PackedOptional<double>());
  cost.reset();
  CHECK(cost == PackedOptional<double>());
  CHECK(cost.emplace(std::numeric_limits<double>::infinity()) == std::numeric_limits<double>::infinity());
  CHECK(cost.has_value());  // infinity is a value (the validators refuse it with a diagnostic)

  PackedOptional<TonnesPerYear> capacity;
  CHECK(!capacity);
  capacity = TonnesPerYear{0};
  CHECK(capacity.has_value());
  capacity = std::numeric_limits<TonnesPerYear>::max();
  CHECK(*capacity == std::numeric_limits<TonnesPerYear>::max());
  capacity = -1;  // negative values are values (the validators refuse them with a diagnostic)
  CHECK(capacity.has_value());
  capacity = std::nullopt;
  CHECK(capacity == std::nullopt);
  PackedOptional<int> gauge = 1520;
  CHECK(gauge.value_or(0) == 1520);

  // What they save, in a node's and a link's size (checked where the snapshot writes every member).
  CHECK(sizeof(PackedOptional<double>) == sizeof(double));
  CHECK(sizeof(PackedOptional<TonnesPerYear>) == sizeof(TonnesPerYear));
  CHECK(sizeof(PackedOptional<int>) == sizeof(int));
}
