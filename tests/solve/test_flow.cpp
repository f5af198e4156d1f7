// Max flow and min cut on hand-drawn networks. Every result is also checked against its
// certificate with check_flow (feasible flow, cut capacities = flow, cut separates).

#include <algorithm>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "io/network_json.hpp"
#include "solve/flow.hpp"
#include "support/builders.hpp"
#include "support/invariants.hpp"

using namespace corridor;
using namespace corridor::test;

namespace {

FlowResult flow(const Network& net, const std::vector<std::string>& from, const std::vector<std::string>& to,
                std::optional<TonnesPerYear> target = std::nullopt) {
  const FlowQuery query = flow_query(net, from, to, target);
  const FlowResult result = solve::max_flow(net, query);
  check_flow(net, query, result);
  return result;
}

/// "link A-B A>B 3 | node B 4", sorted, for comparing cuts.
std::string cut_text(const Network& net, const FlowResult& result) {
  std::vector<std::string> parts;
  for (const CutElement& e : result.min_cut) {
    if (e.type == CutElement::Type::Node)
      parts.push_back("node " + net.nodes[e.index].id + " " + std::to_string(e.capacity_tpy));
    else
      parts.push_back("link " + net.links[e.index].id + " " + net.nodes[e.from].id + ">" + net.nodes[e.to].id +
                      " " + std::to_string(e.capacity_tpy));
  }
  std::sort(parts.begin(), parts.end());
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " | ") + p;
  return out;
}

TonnesPerYear flow_on(const Network& net, const FlowResult& result, const std::string& link) {
  for (const LinkFlow& f : result.flows)
    if (net.links[f.link].id == link) return f.flow_tpy;
  return 0;
}

}  // namespace

TEST_CASE("flow: a node capacity binds and is the cut") {
  //   A --10-- B[4] --10-- C
  const Network net = NetworkBuilder()
                          .node("A")
                          .node("B", NodeKind::BorderCrossing, 0, 0, 4)
                          .node("C")
                          .link("A", "B", Mode::Rail, 1, 1, 10)
                          .link("B", "C", Mode::Rail, 1, 1, 10)
                          .build();
  const FlowResult r = flow(net, {"A"}, {"C"});
  CHECK_FALSE(r.unbounded);
  CHECK(r.max_flow_tpy == 4);
  CHECK(cut_text(net, r) == "node B 4");
  CHECK(flow_on(net, r, "A-B") == 4);
  CHECK(flow_on(net, r, "B-C") == 4);
  REQUIRE(r.min_cut.size() == 1);
  CHECK(r.min_cut[0].type == CutElement::Type::Node);
}

TEST_CASE("flow: a link capacity binds and is the cut, with its direction") {
  //   A --10-- B --3-- C      (flow from C to A uses B-C backwards)
  const Network net = NetworkBuilder()
                          .node("A")
                          .node("B")
                          .node("C")
                          .link("A", "B", Mode::Rail, 1, 1, 10)
                          .link("B", "C", Mode::Ferry, 1, 1, 3)
                          .build();
  const FlowResult forward = flow(net, {"A"}, {"C"});
  CHECK(forward.max_flow_tpy == 3);
  CHECK(cut_text(net, forward) == "link B-C B>C 3");
  const FlowResult backward = flow(net, {"C"}, {"A"});
  CHECK(backward.max_flow_tpy == 3);
  CHECK(cut_text(net, backward) == "link B-C C>B 3");
  REQUIRE(backward.flows.size() == 2);
  CHECK(backward.flows[0].from == node_index(net, "B"));  // A-B used backwards
  CHECK(backward.flows[0].to == node_index(net, "A"));
}

TEST_CASE("flow: several sources and sinks") {
  //   S1 --5--+            +--7-- T1
  //           M (unlim.)  -
  //   S2 --5--+            +--2-- T2
  const Network net = NetworkBuilder()
                          .node("S1")
                          .node("S2")
                          .node("M")
                          .node("T1")
                          .node("T2")
                          .link("S1", "M", Mode::Rail, 1, 1, 5)
                          .link("S2", "M", Mode::Rail, 1, 1, 5)
                          .link("M", "T1", Mode::Rail, 1, 1, 7)
                          .link("M", "T2", Mode::Rail, 1, 1, 2)
                          .build();
  const FlowResult r = flow(net, {"S1", "S2"}, {"T1", "T2"});
  CHECK(r.max_flow_tpy == 9);
  CHECK(cut_text(net, r) == "link M-T1 M>T1 7 | link M-T2 M>T2 2");
  CHECK(flow(net, {"S1"}, {"T1", "T2"}).max_flow_tpy == 5);
  CHECK(flow(net, {"S1", "S2"}, {"T2"}).max_flow_tpy == 2);
  // A source may feed another source, and a sink may pass flow on to another sink.
  CHECK(flow(net, {"S1", "M"}, {"T1"}).max_flow_tpy == 7);
  CHECK(flow(net, {"S1"}, {"M", "T1"}).max_flow_tpy == 5);
}

TEST_CASE("flow: capacities of sources and sinks bind too") {
  //   A[2] --10-- B --10-- C[1]
  const Network net = NetworkBuilder()
                          .node("A", NodeKind::SeaPort, 0, 0, 2)
                          .node("B")
                          .node("C", NodeKind::SeaPort, 0, 0, 1)
                          .link("A", "B", Mode::Rail, 1, 1, 10)
                          .link("B", "C", Mode::Rail, 1, 1, 10)
                          .build();
  const FlowResult ab = flow(net, {"A"}, {"B"});
  CHECK(ab.max_flow_tpy == 2);
  CHECK(cut_text(net, ab) == "node A 2");
  const FlowResult ac = flow(net, {"A"}, {"C"});
  CHECK(ac.max_flow_tpy == 1);
  CHECK(cut_text(net, ac) == "node C 1");
}

TEST_CASE("flow: parallel links add up and bidirectional capacity is per direction") {
  //   A ==3== B     A ==4== B (parallel)     B --1--> A (one-way, unusable for A to B)
  const Network net = NetworkBuilder()
                          .node("A")
                          .node("B")
                          .link("A", "B", Mode::Rail, 1, 1, 3)
                          .link("A", "B", Mode::Road, 1, 1, 4)
                          .link("B", "A", Mode::Ferry, 1, 1, 1, kNoSchedule, false)
                          .build();
  const FlowResult ab = flow(net, {"A"}, {"B"});
  CHECK(ab.max_flow_tpy == 7);
  CHECK(cut_text(net, ab) == "link A-B A>B 3 | link A-B-2 A>B 4");
  const FlowResult ba = flow(net, {"B"}, {"A"});
  CHECK(ba.max_flow_tpy == 8);
}

TEST_CASE("flow: a path without any capacity figure is unbounded") {
  //   A --unlim-- B --unlim-- C        A --5-- C
  const Network net = NetworkBuilder()
                          .node("A")
                          .node("B")
                          .node("C")
                          .link("A", "B")
                          .link("B", "C")
                          .link("A", "C", Mode::Rail, 1, 1, 5)
                          .build();
  const FlowResult r = flow(net, {"A"}, {"C"}, 1'000'000);
  CHECK(r.unbounded);
  CHECK(r.meets_target() == true);

  // Any finite element on every path makes it bounded again.
  Network bounded = net;
  bounded.nodes[node_index(bounded, "B")].capacity_tpy = 6;
  const FlowResult b = flow(bounded, {"A"}, {"C"});
  CHECK_FALSE(b.unbounded);
  CHECK(b.max_flow_tpy == 11);

  Network source_limited = net;
  source_limited.nodes[node_index(source_limited, "A")].capacity_tpy = 2;
  CHECK(flow(source_limited, {"A"}, {"C"}).max_flow_tpy == 2);

  // No capacities at all, but nothing connects: zero, not unbounded.
  const Network apart = NetworkBuilder().node("A").node("B").node("C").link("A", "B").build();
  const FlowResult zero = flow(apart, {"A"}, {"C"});
  CHECK_FALSE(zero.unbounded);
  CHECK(zero.max_flow_tpy == 0);
  CHECK(zero.min_cut.empty());
  CHECK(zero.flows.empty());
}

TEST_CASE("flow: zero capacities carry nothing") {
  //   A --0-- B        and        A --9-- C[0] --9-- D
  const Network net = NetworkBuilder()
                          .node("A")
                          .node("B")
                          .node("C", NodeKind::Junction, 0, 0, 0)
                          .node("D")
                          .link("A", "B", Mode::Rail, 1, 1, 0)
                          .link("A", "C", Mode::Rail, 1, 1, 9)
                          .link("C", "D", Mode::Rail, 1, 1, 9)
                          .build();
  const FlowResult ab = flow(net, {"A"}, {"B"});
  CHECK(ab.max_flow_tpy == 0);
  CHECK_FALSE(ab.unbounded);
  CHECK(ab.flows.empty());
  const FlowResult ad = flow(net, {"A"}, {"D"});
  CHECK(ad.max_flow_tpy == 0);
  // C's zero capacity is the cut (a zero-capacity dead end such as A-B may be listed too:
  // it adds nothing to the cut's capacity).
  CHECK(cut_text(net, ad).find("node C 0") != std::string::npos);
}

TEST_CASE("flow: a path of zero-capacity links still has a cut that separates") {
  // A --0-- X --0-- D : the cut must contain one of the two links (it once listed neither,
  // taking X for a dead end because X reaches D only over a zero-capacity link).
  const Network net = NetworkBuilder()
                          .node("A")
                          .node("X")
                          .node("D")
                          .link("A", "X", Mode::Rail, 1, 1, 0)
                          .link("X", "D", Mode::Rail, 1, 1, 0)
                          .build();
  const FlowResult ad = flow(net, {"A"}, {"D"});  // check_flow: removing the cut disconnects
  CHECK(ad.max_flow_tpy == 0);
  CHECK_FALSE(ad.unbounded);
  CHECK(cut_text(net, ad) == "link A-X A>X 0");
}

TEST_CASE("flow: many sinks and capacities at the limit stay within 64-bit arithmetic") {
  // 1600 nodes in a line, every node and link at 10^12 t/yr, one source and 1599 sinks: the
  // solver once multiplied "unlimited" by the number of terminals and gave up (exit code 3).
  NetworkBuilder builder;
  constexpr int kNodes = 1600;
  constexpr TonnesPerYear kMax = 1'000'000'000'000;
  auto id = [](int i) {  // (not "N" + to_string: GCC 12 -O3 gives a false -Wrestrict there)
    std::string text = std::to_string(i);
    text.insert(text.begin(), 'N');
    return text;
  };
  for (int i = 0; i < kNodes; ++i) builder.node(id(i), NodeKind::Junction, 0, 0, kMax);
  for (int i = 0; i + 1 < kNodes; ++i) builder.link(id(i), id(i + 1), Mode::Rail, 1, 1, kMax);
  const Network net = builder.build();
  std::vector<std::string> sinks;
  for (int i = 1; i < kNodes; ++i) sinks.push_back(id(i));
  const FlowResult result = flow(net, {"N0"}, sinks);
  CHECK_FALSE(result.unbounded);
  CHECK(result.max_flow_tpy == kMax);
}

TEST_CASE("flow: closed and planned elements carry no traffic") {
  //   A --5-- B --5-- C
  //   A -------3----- C
  NetworkBuilder builder;
  builder.node("A").node("B").node("C");
  builder.link("A", "B", Mode::Rail, 1, 1, 5).link("B", "C", Mode::Rail, 1, 1, 5);
  builder.link("A", "C", Mode::Road, 1, 1, 3);
  const Network open = builder.build();
  CHECK(flow(open, {"A"}, {"C"}).max_flow_tpy == 8);

  Network closed_node = open;
  closed_node.nodes[node_index(closed_node, "B")].status = Status::Closed;
  const FlowResult r1 = flow(closed_node, {"A"}, {"C"});
  CHECK(r1.max_flow_tpy == 3);
  CHECK(flow_on(closed_node, r1, "A-B") == 0);

  Network closed_link = open;
  closed_link.links[link_index(closed_link, "A-C")].status = Status::Closed;
  CHECK(flow(closed_link, {"A"}, {"C"}).max_flow_tpy == 5);

  Network planned = open;
  planned.links[link_index(planned, "B-C")].status = Status::Planned;
  CHECK(flow(planned, {"A"}, {"C"}).max_flow_tpy == 3);

  Network closed_source = open;
  closed_source.nodes[node_index(closed_source, "A")].status = Status::Closed;
  const FlowResult none = flow(closed_source, {"A"}, {"C"});
  CHECK(none.max_flow_tpy == 0);
  CHECK(none.flows.empty());
}

TEST_CASE("flow: targets are met or short") {
  const Network net = NetworkBuilder().node("A").node("B").link("A", "B", Mode::Rail, 1, 1, 10).build();
  struct Row {
    std::optional<TonnesPerYear> target;
    std::optional<bool> meets;
  };
  const Row rows[] = {{std::nullopt, std::nullopt}, {0, true}, {9, true}, {10, true}, {11, false}};
  for (const Row& row : rows) {
    CAPTURE(row.target.value_or(-1));
    const FlowResult r = flow(net, {"A"}, {"B"}, row.target);
    CHECK(r.max_flow_tpy == 10);
    CHECK(r.meets_target() == row.meets);
    CHECK(r.query.target_tpy == row.target);
  }
}

TEST_CASE("flow: the small fixture is limited by its ferry") {
  DiagnosticSink sink;
  const Network net = io::load_network(CORRIDOR_TEST_DATA_DIR "/valid/small.json", sink);
  const FlowResult r = flow(net, {"A"}, {"D"}, 5'000'000);
  CHECK(r.max_flow_tpy == 4'000'000);
  CHECK(cut_text(net, r) == "link P-Q-FERRY P>Q 4000000");
  CHECK(r.meets_target() == false);
  // From B the slow line adds nothing: the ferry still binds.
  CHECK(flow(net, {"B"}, {"Q"}).max_flow_tpy == 4'000'000);
  // Into P: B-C (15 Mt) and B-P-SLOW (2 Mt) are limited by P's 8 Mt.
  const FlowResult into_p = flow(net, {"A"}, {"P"});
  CHECK(into_p.max_flow_tpy == 8'000'000);
  CHECK(cut_text(net, into_p) == "node P 8000000");
}

TEST_CASE("flow: node loads report the throughput of every node used") {
  //   A --6-- B[10] --6-- C
  const Network net = NetworkBuilder()
                          .node("A")
                          .node("B", NodeKind::Junction, 0, 0, 10)
                          .node("C")
                          .link("A", "B", Mode::Rail, 1, 1, 6)
                          .link("B", "C", Mode::Rail, 1, 1, 6)
                          .build();
  const FlowResult r = flow(net, {"A"}, {"C"});
  REQUIRE(r.node_loads.size() == 3);
  for (const NodeLoad& load : r.node_loads) CHECK(load.throughput_tpy == 6);
  CHECK(r.node_loads[1].capacity_tpy == 10);
}

TEST_CASE("flow: corridor filters and avoid lists remove links") {
  //   A --5 middle-- B --5 middle-- C
  //   A --3 northern----------------C
  //   A --2 shared------------------C
  const Network net = NetworkBuilder()
                          .node("A")
                          .node("B")
                          .node("C")
                          .link("A", "B", Mode::Rail, 1, 1, 5)
                          .corridors({"middle"})
                          .link("B", "C", Mode::Rail, 1, 1, 5)
                          .corridors({"middle"})
                          .link("A", "C", Mode::Road, 1, 1, 3)
                          .corridors({"northern"})
                          .link("A", "C", Mode::Rail, 1, 1, 2)
                          .corridors({"shared"})
                          .build();
  struct Row {
    std::vector<std::string> corridors;
    std::vector<std::string> avoid_nodes;
    std::vector<std::string> avoid_links;
    TonnesPerYear expected;
  };
  const Row rows[] = {{{}, {}, {}, 10},          {{"middle"}, {}, {}, 7},      {{"northern"}, {}, {}, 5},
                      {{"sea"}, {}, {}, 2},      {{}, {"B"}, {}, 5},           {{}, {}, {"A-C"}, 7},
                      {{"middle"}, {"B"}, {}, 2}, {{}, {}, {"A-C-2", "B-C"}, 3}};
  for (const Row& row : rows) {
    FlowQuery query = flow_query(net, {"A"}, {"C"});
    query.corridors = row.corridors;
    for (const auto& id : row.avoid_nodes) query.avoid.nodes.push_back(node_index(net, id));
    for (const auto& id : row.avoid_links) query.avoid.links.push_back(link_index(net, id));
    CAPTURE(row.expected);
    const FlowResult result = solve::max_flow(net, query);
    check_flow(net, query, result);
    CHECK(result.max_flow_tpy == row.expected);
  }
}
