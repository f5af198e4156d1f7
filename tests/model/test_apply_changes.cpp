// Model layer: scenario changes (apply_changes), avoid lists and adding to a Network.

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

// ---------------------------------------------------------------------------------------
// apply_changes

TEST_CASE("model: apply_changes closes and reopens links and nodes") {
  const Network base = abcd();
  DiagnosticSink sink("s.json");
  Network changed = apply_changes(
      base, {change(ChangeType::CloseLink, "B-C", 0), change(ChangeType::CloseNode, "D", 1)}, sink);
  INFO(describe(sink.diagnostics()));
  CHECK(sink.diagnostics().empty());
  CHECK(changed.links[link_index(changed, "B-C")].status == Status::Closed);
  CHECK(changed.nodes[node_index(changed, "D")].status == Status::Closed);
  CHECK(changed.links[link_index(changed, "A-B")].status == Status::Open);

  Network planned = base;
  planned.links[0].status = Status::Planned;
  planned.nodes[1].status = Status::Planned;
  DiagnosticSink sink2;
  Network opened =
      apply_changes(planned, {change(ChangeType::OpenLink, "A-B", 0), change(ChangeType::OpenNode, "B", 1)}, sink2);
  CHECK(sink2.diagnostics().empty());
  CHECK(opened.links[0].status == Status::Open);
  CHECK(opened.nodes[1].status == Status::Open);
}

TEST_CASE("model: apply_changes does not modify its input") {
  const Network base = abcd();
  const Network copy = base;
  Change set = change(ChangeType::SetLink, "A-B", 3);
  set.link.link.hours = 99;
  set.fields = {"hours"};
  Change add = change(ChangeType::AddNode, "E", 4);
  add.node = NetworkBuilder().node("E").build().nodes[0];
  Change scale = change(ChangeType::ScaleCapacity, "", 5);
  scale.scale_target = ScaleTarget::Mode;
  scale.scale_mode = Mode::Rail;
  scale.factor = 2;
  DiagnosticSink sink;
  Network changed = apply_changes(
      base, {change(ChangeType::CloseLink, "B-C", 0), change(ChangeType::CloseNode, "D", 1), set, add, scale}, sink);
  CHECK(sink.diagnostics().empty());
  CHECK(changed.nodes.size() == base.nodes.size() + 1);
  REQUIRE(base.nodes.size() == copy.nodes.size());
  REQUIRE(base.links.size() == copy.links.size());
  for (std::size_t i = 0; i < base.nodes.size(); ++i) {
    CHECK(base.nodes[i].status == copy.nodes[i].status);
    CHECK(base.nodes[i].capacity_tpy == copy.nodes[i].capacity_tpy);
  }
  for (std::size_t i = 0; i < base.links.size(); ++i) {
    CHECK(base.links[i].status == copy.links[i].status);
    CHECK(base.links[i].hours == copy.links[i].hours);
    CHECK(base.links[i].capacity_tpy == copy.links[i].capacity_tpy);
  }
  CHECK_FALSE(base.find_node("E").has_value());
  CHECK(changed.find_node("E").has_value());
}

TEST_CASE("model: apply_changes set_node and set_link copy only the listed fields") {
  const Network base = abcd();
  Change set_node = change(ChangeType::SetNode, "B", 0);
  set_node.node.dwell_hours = 7.5;
  set_node.node.capacity_tpy = std::nullopt;  // listed: becomes unlimited
  set_node.node.transfer_hours = 99;          // not listed: ignored
  set_node.node.name = "ignored";
  set_node.fields = {"dwell_hours", "capacity_tpy"};
  Change set_link = change(ChangeType::SetLink, "C-D", 1);
  set_link.link.link.departures_per_week = 14.0;
  set_link.link.link.hours = 25;
  set_link.link.link.distance_km = 1;  // not listed
  set_link.link.link.bidirectional = false;
  set_link.fields = {"departures_per_week", "hours", "bidirectional"};
  DiagnosticSink sink;
  Network changed = apply_changes(base, {set_node, set_link}, sink);
  INFO(describe(sink.diagnostics()));
  CHECK(sink.diagnostics().empty());
  const Node& b = changed.nodes[node_index(changed, "B")];
  CHECK(b.dwell_hours == 7.5);
  CHECK_FALSE(b.capacity_tpy.has_value());
  CHECK(b.transfer_hours == base.nodes[1].transfer_hours);
  CHECK(b.name == base.nodes[1].name);
  const Link& cd = changed.links[link_index(changed, "C-D")];
  CHECK(cd.departures_per_week == 14.0);
  CHECK(cd.expected_wait_hours() == 6.0);
  CHECK(cd.hours == 25);
  CHECK_FALSE(cd.bidirectional);
  CHECK(cd.distance_km == 300);
}

TEST_CASE("model: apply_changes set_link with a bad value reports it under /values") {
  Change set_link = change(ChangeType::SetLink, "A-B", 2);
  set_link.link.link.hours = -4;
  set_link.fields = {"hours"};
  DiagnosticSink sink;
  apply_changes(abcd(), {set_link}, sink);
  INFO(describe(sink.diagnostics()));
  CHECK(has_diagnostic(sink.diagnostics(), "E-RANGE", "/changes/2/values/hours"));
}

TEST_CASE("model: apply_changes scale_capacity by link, node and mode") {
  const Network base = abcd();
  Change by_link = change(ChangeType::ScaleCapacity, "A-B", 0);
  by_link.scale_target = ScaleTarget::Link;
  by_link.factor = 0.5;
  Change by_node = change(ChangeType::ScaleCapacity, "B", 1);
  by_node.scale_target = ScaleTarget::Node;
  by_node.factor = 1.5;
  Change unlimited_node = change(ChangeType::ScaleCapacity, "C", 2);
  unlimited_node.scale_target = ScaleTarget::Node;
  unlimited_node.factor = 3;
  Change by_mode = change(ChangeType::ScaleCapacity, "", 3);
  by_mode.scale_target = ScaleTarget::Mode;
  by_mode.scale_mode = Mode::Ferry;
  by_mode.factor = 2;
  DiagnosticSink sink;
  Network changed = apply_changes(base, {by_link, by_node, unlimited_node, by_mode}, sink);
  INFO(describe(sink.diagnostics()));
  CHECK(sink.diagnostics().empty());
  CHECK(changed.links[link_index(changed, "A-B")].capacity_tpy == 5'000'000);
  CHECK(changed.nodes[node_index(changed, "B")].capacity_tpy == 7'500'000);
  CHECK_FALSE(changed.nodes[node_index(changed, "C")].capacity_tpy.has_value());  // unlimited stays unlimited
  CHECK(changed.links[link_index(changed, "C-D")].capacity_tpy == 6'000'000);     // the ferry
  CHECK_FALSE(changed.links[link_index(changed, "B-C")].capacity_tpy.has_value()); // rail, unlimited

  Change rail = change(ChangeType::ScaleCapacity, "", 0);
  rail.scale_target = ScaleTarget::Mode;
  rail.scale_mode = Mode::Rail;
  rail.factor = 0;
  DiagnosticSink sink2;
  Network zero = apply_changes(base, {rail}, sink2);
  CHECK(zero.links[link_index(zero, "A-B")].capacity_tpy == 0);
  CHECK_FALSE(zero.links[link_index(zero, "B-C")].capacity_tpy.has_value());
  CHECK(zero.links[link_index(zero, "C-D")].capacity_tpy == 3'000'000);

  for (double bad : {-1.0, 1001.0, kNaN, kInf}) {
    CAPTURE(bad);
    Change c = change(ChangeType::ScaleCapacity, "A-B", 4);
    c.factor = bad;
    DiagnosticSink s;
    apply_changes(base, {c}, s);
    CHECK(has_diagnostic(s.diagnostics(), "E-RANGE", "/changes/4/factor"));
  }
}

TEST_CASE("model: apply_changes add_node and add_link") {
  const Network base = abcd();
  Change add_node = change(ChangeType::AddNode, "E", 0);
  add_node.node = valid_node();
  add_node.node.id = "E";
  Change add_link = change(ChangeType::AddLink, "D-E", 1);
  add_link.link.link = valid_link();
  add_link.link.link.id = "D-E";
  add_link.link.from_id = "D";
  add_link.link.to_id = "E";
  DiagnosticSink sink;
  Network changed = apply_changes(base, {add_node, add_link}, sink);
  INFO(describe(sink.diagnostics()));
  CHECK(sink.diagnostics().empty());
  REQUIRE(changed.nodes.size() == 5);
  REQUIRE(changed.links.size() == 4);
  const auto e = changed.find_node("E");
  const auto de = changed.find_link("D-E");
  REQUIRE(e.has_value());
  REQUIRE(de.has_value());
  CHECK(changed.links[*de].from == node_index(changed, "D"));
  CHECK(changed.links[*de].to == *e);
  CHECK(changed.links[*de].mode == Mode::Ferry);
}

TEST_CASE("model: apply_changes reports unknown ids with pointer and did-you-mean") {
  const Network base = NetworkBuilder().node("AKTAU").node("BAKU").link("AKTAU", "BAKU").build();
  struct Row {
    ChangeType type;
    const char* id;
    const char* suggestion;
  };
  const Row rows[] = {{ChangeType::CloseNode, "AKTUA", "AKTAU"},
                      {ChangeType::OpenNode, "BAKUU", "BAKU"},
                      {ChangeType::CloseLink, "AKTAU-BAKUU", "AKTAU-BAKU"},
                      {ChangeType::OpenLink, "AKTUA-BAKU", "AKTAU-BAKU"},
                      {ChangeType::SetNode, "AKTUA", "AKTAU"},
                      {ChangeType::SetLink, "AKTAU_BAKU", "AKTAU-BAKU"}};
  for (const Row& row : rows) {
    CAPTURE(to_string(row.type));
    INFO(std::string(row.id));
    Change c = change(row.type, row.id, 7);
    DiagnosticSink sink("s.json");
    apply_changes(base, {change(ChangeType::CloseNode, "BAKU", 0), c}, sink);
    INFO(describe(sink.diagnostics()));
    const Diagnostic* d = find_diagnostic(sink.diagnostics(), "E-CHANGE-REF");
    REQUIRE(d != nullptr);
    CHECK(d->pointer == "/changes/7/id");
    CHECK(d->element_id == row.id);
    CHECK(d->file == "s.json");
    CHECK(d->message.find(std::string("did you mean \"") + row.suggestion + "\"") != std::string::npos);
  }
  Change scale = change(ChangeType::ScaleCapacity, "BAKOO", 2);
  scale.scale_target = ScaleTarget::Node;
  DiagnosticSink sink;
  apply_changes(base, {scale}, sink);
  CHECK(has_diagnostic(sink.diagnostics(), "E-CHANGE-REF", "/changes/2/id"));
}

TEST_CASE("model: apply_changes refuses duplicate additions and bad link ends") {
  const Network base = abcd();
  {
    Change add = change(ChangeType::AddNode, "B", 0);
    add.node = valid_node();
    add.node.id = "B";
    DiagnosticSink sink;
    apply_changes(base, {add}, sink);
    CHECK(has_diagnostic(sink.diagnostics(), "E-DUP-ID", "/changes/0/node/id"));
  }
  struct BadLink {
    const char* id;
    const char* from;
    const char* to;
    const char* code;
    const char* pointer;
  };
  const BadLink cases[] = {{"A-B", "A", "C", "E-DUP-ID", "/changes/1/link/id"},
                           {"A-X", "A", "X", "E-NODE-REF", "/changes/2/link/to"},
                           {"A-A", "A", "A", "E-SELF-LOOP", "/changes/3/link"}};
  for (std::size_t i = 0; i < std::size(cases); ++i) {
    const BadLink& bad = cases[i];
    CAPTURE(bad.id);
    Change add = change(ChangeType::AddLink, bad.id, static_cast<int>(i) + 1);
    add.link.link = valid_link();
    add.link.link.id = bad.id;
    add.link.from_id = bad.from;
    add.link.to_id = bad.to;
    DiagnosticSink sink;
    Network changed = apply_changes(base, {add}, sink);
    CHECK(has_diagnostic(sink.diagnostics(), bad.code, bad.pointer));
    CHECK(changed.links.size() == base.links.size());
  }
}

TEST_CASE("model: apply_changes warns about repeated and contradicting status changes") {
  const Network base = abcd();
  {
    DiagnosticSink sink;
    Network changed = apply_changes(
        base, {change(ChangeType::CloseLink, "A-B", 0), change(ChangeType::CloseLink, "A-B", 1)}, sink);
    INFO(describe(sink.diagnostics()));
    CHECK_FALSE(sink.has_errors());
    const Diagnostic* d = find_diagnostic(sink.diagnostics(), "W-DUP-CHANGE");
    REQUIRE(d != nullptr);
    CHECK(d->severity == Severity::Warning);
    CHECK(d->pointer == "/changes/1");
    CHECK(d->message.find("/changes/0") != std::string::npos);
    CHECK(changed.links[0].status == Status::Closed);
  }
  {
    DiagnosticSink sink;
    Network changed = apply_changes(
        base, {change(ChangeType::CloseNode, "C", 0), change(ChangeType::OpenNode, "C", 1)}, sink);
    const Diagnostic* d = find_diagnostic(sink.diagnostics(), "W-CONTRADICTION");
    REQUIRE(d != nullptr);
    CHECK(d->severity == Severity::Warning);
    CHECK(d->pointer == "/changes/1");
    CHECK(changed.nodes[2].status == Status::Open);  // the later change wins
  }
  {
    // A link and a node with the same id are different elements.
    Network same_ids = NetworkBuilder().node("X").node("Y").link("X", "Y", Mode::Rail, 1, 1, {}, {}, true, "X").build();
    DiagnosticSink sink;
    apply_changes(same_ids, {change(ChangeType::CloseLink, "X", 0), change(ChangeType::CloseNode, "X", 1)}, sink);
    CHECK(sink.diagnostics().empty());
  }
}

TEST_CASE("model: resolve avoid lists of nodes and links") {
  Network net = NetworkBuilder()
                    .node("AKTAU")
                    .node("BAKU")
                    .node("KURYK")
                    .link("AKTAU", "BAKU")
                    .link("KURYK", "BAKU")
                    .build();
  {
    RouteRequest request = route_request("AKTAU", "BAKU");
    request.avoid = {"KURYK", "AKTAU-BAKU"};
    DiagnosticSink sink;
    auto query = resolve(net, request, "/q", sink);
    INFO(describe(sink.diagnostics()));
    REQUIRE(query.has_value());
    CHECK(query->avoid.nodes == std::vector<NodeIndex>{2});
    CHECK(query->avoid.links == std::vector<LinkIndex>{0});
  }
  {
    RouteRequest request = route_request("AKTAU", "BAKU");
    request.avoid = {"KURYK", "KURYK-BAKUU"};
    DiagnosticSink sink;
    CHECK_FALSE(resolve(net, request, "/queries/3", sink).has_value());
    const Diagnostic* d = find_diagnostic(sink.diagnostics(), "E-QUERY-REF", "/queries/3/avoid/1");
    REQUIRE(d != nullptr);
    CHECK(d->message.find("did you mean \"KURYK-BAKU\"") != std::string::npos);
  }
  {
    RouteRequest request = route_request("AKTAU", "BAKU");
    request.avoid = {"BAKU"};
    DiagnosticSink sink;
    CHECK_FALSE(resolve(net, request, "/q", sink).has_value());
    CHECK(has_diagnostic(sink.diagnostics(), "E-QUERY", "/q/avoid"));
  }
  {
    FlowRequest request = flow_request({"AKTAU"}, {"BAKU"});
    request.corridors = {"middle", "nowhere"};
    request.avoid = {"ZZZ"};
    DiagnosticSink sink;
    CHECK_FALSE(resolve(net, request, "/q", sink).has_value());
    CHECK(has_diagnostic(sink.diagnostics(), "E-ENUM", "/q/corridor/1"));
    CHECK(has_diagnostic(sink.diagnostics(), "E-QUERY-REF", "/q/avoid/0"));
  }
  {
    FlowRequest request = flow_request({"AKTAU"}, {"BAKU"});
    request.corridors = {"middle"};
    request.avoid = {"KURYK-BAKU"};
    DiagnosticSink sink;
    auto query = resolve(net, request, "/q", sink);
    REQUIRE(query.has_value());
    CHECK(query->corridors == std::vector<std::string>{"middle"});
    CHECK(query->avoid.links == std::vector<LinkIndex>{1});
  }
}

TEST_CASE("network: add_node and add_link index as they add, and refuse a taken id") {
  Network net;
  Node a;
  a.id = "A";
  Node b;
  b.id = "B";
  CHECK(net.add_node(a) == std::pair<NodeIndex, bool>{0, true});
  CHECK(net.add_node(b) == std::pair<NodeIndex, bool>{1, true});
  Node again = a;
  again.name = "second A";
  CHECK(net.add_node(again) == std::pair<NodeIndex, bool>{0, false});
  CHECK(net.nodes.size() == 2);
  CHECK(net.nodes[0].name.empty());  // the first definition stays
  CHECK(net.find_node("B") == NodeIndex{1});
  Link link;
  link.id = "A-B";
  link.to = 1;
  CHECK(net.add_link(link) == std::pair<LinkIndex, bool>{0, true});
  CHECK(net.add_link(link) == std::pair<LinkIndex, bool>{0, false});
  CHECK(net.links.size() == 1);
  CHECK(net.find_link("A-B") == LinkIndex{0});
  CHECK_FALSE(net.find_link("B-A"));
}
