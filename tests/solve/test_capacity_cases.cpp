// Capacity analyses on hand-built networks worked out by hand: demand assignment (shared
// capacity, node dwell and transfers, closed elements, tiny demand beside huge capacities),
// criticality and upgrades. The random-network comparisons are in test_capacity.cpp.

#include <algorithm>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "model/cost.hpp"
#include "solve/assign.hpp"
#include "solve/criticality.hpp"
#include "solve/flow.hpp"
#include "solve/route.hpp"
#include "solve/upgrades.hpp"
#include "support/assign_query.hpp"
#include "support/builders.hpp"
#include "support/capacity_checks.hpp"

using namespace corridor;
using namespace corridor::test;

namespace {

/// The network the criticality and upgrades cases are worked out on by hand (t/yr, hours):
///   S -a(10, 1 h)- X -b(4, 1 h)- T
///   S -c(6, 2 h)-  Y -d(6, 2 h)- T        X -e(3, 1 h)- Y
Network two_path_network() {
  return NetworkBuilder()
      .node("S")
      .node("X")
      .node("Y")
      .node("T")
      .link("S", "X", Mode::Rail, 10, 1.0, 10, kNoSchedule, true, "a")
      .link("X", "T", Mode::Rail, 10, 1.0, 4, kNoSchedule, true, "b")
      .link("S", "Y", Mode::Rail, 10, 2.0, 6, kNoSchedule, true, "c")
      .link("Y", "T", Mode::Rail, 10, 2.0, 6, kNoSchedule, true, "d")
      .link("X", "Y", Mode::Rail, 10, 1.0, 3, kNoSchedule, true, "e")
      .build();
}

}  // namespace

TEST_CASE("assign: shared capacity is split at least total time, the rest unserved with its dual") {
  // Two origins share the ferry P-Q (10 t/yr): 6 h from A, 8 h from B; A also has a road
  // (16 h, 4 t/yr). Worked out by hand: A takes 4 t by ferry and 4 t by road, B 6 t by ferry.
  const Network net = NetworkBuilder()
                          .node("A", NodeKind::RailTerminal)
                          .node("B", NodeKind::RailTerminal)
                          .node("P", NodeKind::SeaPort, 0, 0)
                          .node("Q", NodeKind::SeaPort, 0, 0)
                          .link("A", "P", Mode::Rail, 100, 1.0, kUnlimited)
                          .link("B", "P", Mode::Rail, 100, 3.0, kUnlimited)
                          .link("P", "Q", Mode::Ferry, 100, 5.0, 10)
                          .link("A", "Q", Mode::Road, 100, 16.0, 4)
                          .build();
  const NodeIndex a = node_index(net, "A"), b = node_index(net, "B"), q = node_index(net, "Q");
  AssignQuery query = assign_query({{a, q, 8}, {b, q, 8}}, 100.0);
  const AssignResult result = solve::assign_demand(net, query);
  check_assignment(net, query, result);
  CHECK(result.ods[0].served_tpy == doctest::Approx(8));
  CHECK(result.ods[1].served_tpy == doctest::Approx(6));
  CHECK(result.ods[1].unserved_tpy == doctest::Approx(2));
  CHECK(result.objective == doctest::Approx(4 * 6 + 6 * 8 + 4 * 16 + 2 * 100));
  // One more tonne of ferry capacity serves one more tonne of B's demand: saves 100 - 8.
  const auto ferry = std::find_if(result.binding.begin(), result.binding.end(), [&](const CapacityLoad& l) {
    return l.type == CutElement::Type::Link && net.links[l.index].id == "P-Q";
  });
  REQUIRE(ferry != result.binding.end());
  CHECK(ferry->marginal_value_per_t == doctest::Approx(92));
  // With a penalty (12 h) below the road's 16 h, the road is not used and the ferry goes to
  // A first (it saves 12 - 6 per tonne against B's 12 - 8).
  query.unserved_penalty_per_t = 12.0;
  const AssignResult cheap = solve::assign_demand(net, query);
  check_assignment(net, query, cheap);
  CHECK(cheap.ods[0].served_tpy == doctest::Approx(8));
  CHECK(cheap.ods[1].served_tpy == doctest::Approx(2));
}

TEST_CASE("assign: node dwell and transfers follow the route model, closed elements carry nothing") {
  const Network net = NetworkBuilder()
                          .node("A", NodeKind::RailTerminal)
                          .node("P", NodeKind::SeaPort, 2.0, 10.0, 5)
                          .node("J", NodeKind::Junction, 1.0, 0.0)
                          .allows_transfer(false)
                          .node("Q", NodeKind::SeaPort)
                          .link("A", "P", Mode::Rail, 100, 3.0)
                          .link("P", "Q", Mode::Ferry, 100, 4.0, kUnlimited, 7.0)
                          .link("A", "J", Mode::Rail, 100, 1.0)
                          .link("J", "Q", Mode::Ferry, 100, 1.0)  // needs a transfer J forbids
                          .link("A", "Q", Mode::Rail, 100, 50.0)
                          .closed()
                          .build();
  const AssignQuery query = assign_query({{node_index(net, "A"), node_index(net, "Q"), 8}}, 1000.0);
  const AssignResult result = solve::assign_demand(net, query);
  check_assignment(net, query, result);
  REQUIRE(result.ods[0].paths.size() == 1);
  const OdPath& path = result.ods[0].paths[0];
  CHECK(path.tonnes_per_year == doctest::Approx(5));  // P handles 5 t/yr
  // 3 h rail + 2 h dwell + 10 h transfer at P + 12 h wait (7 departures/week) + 4 h ferry
  CHECK(path.hours == doctest::Approx(31));
  CHECK(path.weight_per_t == doctest::Approx(31));
  CHECK(result.ods[0].unserved_tpy == doctest::Approx(3));
}

TEST_CASE("criticality: the hand-built network ranks as worked out by hand, whatever the thread count") {
  const Network net = two_path_network();
  CriticalityQuery query;
  query.flow.sources = {node_index(net, "S")};
  query.flow.sinks = {node_index(net, "T")};
  query.flow.max_detour.reset();  // the graph max flow these figures were worked out for
  query.routes = {route_query(node_index(net, "S"), node_index(net, "T"))};
  const CriticalityResult one = solve::criticality(net, query, 1);
  CHECK(one.base_flow_tpy == 10);
  REQUIRE(one.base_hours[0]);
  CHECK(*one.base_hours[0] == doctest::Approx(2.0));
  std::vector<std::string> ranking;
  for (const ElementImpact& impact : one.ranking)
    ranking.push_back(impact.element.type == CutElement::Type::Link ? net.links[impact.element.index].id
                                                                     : net.nodes[impact.element.index].id);
  // Losses: d 6, Y 6, a 4 (+2 h), b 4 (+2 h), X 4 (+2 h), c 3, e 0.
  CHECK(ranking == std::vector<std::string>{"d", "Y", "a", "b", "X", "c", "e"});
  std::vector<TonnesPerYear> losses;
  for (const ElementImpact& impact : one.ranking) losses.push_back(impact.flow_loss_tpy);
  CHECK(losses == std::vector<TonnesPerYear>{6, 6, 4, 4, 4, 3, 0});
  REQUIRE(one.ranking[2].added_hours.size() == 1);
  CHECK(*one.ranking[2].added_hours[0] == doctest::Approx(2.0));

  std::size_t calls = 0;
  const CriticalityResult four = solve::criticality(net, query, 4, [&](std::size_t done, std::size_t total) {
    ++calls;
    CHECK(done <= total);
  });
  CHECK(calls == one.elements_tested);
  REQUIRE(four.ranking.size() == one.ranking.size());
  for (std::size_t i = 0; i < one.ranking.size(); ++i) {
    CHECK(four.ranking[i].element == one.ranking[i].element);
    CHECK(four.ranking[i].flow_loss_tpy == one.ranking[i].flow_loss_tpy);
  }
  // Each loss is the max flow with the element avoided (independent recomputation).
  for (const ElementImpact& impact : one.ranking) {
    FlowQuery without = query.flow;
    if (impact.element.type == CutElement::Type::Link) without.avoid.links.push_back(impact.element.index);
    else without.avoid.nodes.push_back(impact.element.index);
    CHECK(solve::max_flow(net, without).max_flow_tpy == impact.flow_after_tpy);
  }
}

TEST_CASE("upgrades: headroom per binding element and a greedy plan that reaches the target") {
  const Network net = two_path_network();
  UpgradeQuery query;
  query.flow.sources = {node_index(net, "S")};
  query.flow.sinks = {node_index(net, "T")};
  query.flow.max_detour.reset();  // the graph max flow these figures were worked out for
  query.flow.target_tpy = 15;
  const UpgradeResult result = solve::rank_upgrades(net, query);
  CHECK(result.base.max_flow_tpy == 10);
  REQUIRE(result.options.size() == 2);
  // b can take 6 more before a and c bind (16); d only 3 more before c + e bind (13).
  CHECK(net.links[result.options[0].element.index].id == "b");
  CHECK(result.options[0].headroom_tpy == 6);
  CHECK(result.options[0].marginal_gain_per_t == doctest::Approx(1.0));
  CHECK(net.links[result.options[1].element.index].id == "d");
  CHECK(result.options[1].headroom_tpy == 3);
  REQUIRE(result.plan.size() == 1);
  CHECK(net.links[result.plan[0].raised[0].index].id == "b");
  CHECK(result.plan[0].added_tpy[0] == 5);
  CHECK(result.total_added_tpy == 5);
  CHECK(result.target_reached);
  // The plan's network really carries the target.
  Network upgraded = net;
  upgraded.links[link_index(net, "b")].capacity_tpy = 9;
  CHECK(solve::max_flow(upgraded, query.flow).max_flow_tpy == 15);
}

TEST_CASE("upgrades: two cuts in series need a joint step, and the plan says so") {
  const Network net = NetworkBuilder()
                          .node("S")
                          .node("M")
                          .node("T")
                          .link("S", "M", Mode::Rail, 10, 1.0, 5)
                          .link("M", "T", Mode::Rail, 10, 1.0, 5)
                          .build();
  UpgradeQuery query;
  query.flow.sources = {node_index(net, "S")};
  query.flow.sinks = {node_index(net, "T")};
  query.flow.max_detour.reset();  // the graph max flow these figures were worked out for
  query.flow.target_tpy = 8;
  const UpgradeResult result = solve::rank_upgrades(net, query);
  REQUIRE(result.options.size() == 1);
  CHECK(result.options[0].marginal_gain_per_t == doctest::Approx(0.0));  // alone it does nothing
  CHECK(result.options[0].headroom_tpy == 0);
  REQUIRE(result.plan.size() == 1);
  CHECK(result.plan[0].joint);
  CHECK(result.plan[0].raised.size() == 2);
  CHECK(result.total_added_tpy == 6);
  CHECK(result.final_flow_tpy == 8);
  CHECK(result.target_reached);
}

TEST_CASE("upgrades: no target gives the ranking only, an unreachable sink stops the plan") {
  const Network net = NetworkBuilder()
                          .node("S")
                          .node("T")
                          .node("U")
                          .link("S", "T", Mode::Rail, 10, 1.0, 5)
                          .build();
  UpgradeQuery query;
  query.flow.sources = {node_index(net, "S")};
  query.flow.sinks = {node_index(net, "T")};
  query.flow.max_detour.reset();  // the graph max flow these figures were worked out for
  const UpgradeResult ranking = solve::rank_upgrades(net, query);
  CHECK(ranking.plan.empty());
  CHECK_FALSE(ranking.target_reached);
  CHECK(ranking.stop == UpgradeStop::NoTarget);
  query.flow.sinks = {node_index(net, "U")};
  query.flow.max_detour.reset();  // the graph max flow these figures were worked out for
  query.flow.target_tpy = 3;
  const UpgradeResult stuck = solve::rank_upgrades(net, query);
  CHECK(stuck.plan.empty());
  CHECK_FALSE(stuck.target_reached);
  CHECK(stuck.stop == UpgradeStop::Unreachable);
}

TEST_CASE("assign: a few tonnes beside a capacity of hundreds of millions are neither lost nor overrun") {
  // Regression (found by the LEMON cross-check): the LP used to work in units of the largest
  // figure (here 1e8 t), where 1 t and a 3 t capacity fall below GLPK's 1e-7 tolerance: the
  // unreachable pair was reported served with no path, and the 3 t link could carry more.
  const Network net = NetworkBuilder()
                          .node("A", NodeKind::RailTerminal)
                          .node("B", NodeKind::RailTerminal)
                          .node("C", NodeKind::RailTerminal)
                          .node("D", NodeKind::RailTerminal)
                          .node("E", NodeKind::RailTerminal)
                          .link("A", "B", Mode::Rail, 100, 1.0, 3)
                          .link("D", "E", Mode::Rail, 100, 1.0, 500'000'000)
                          .build();
  const NodeIndex a = node_index(net, "A"), b = node_index(net, "B"), c = node_index(net, "C");
  const AssignQuery query = assign_query({{a, b, 10}, {a, c, 1}}, 100.0);
  const AssignResult result = solve::assign_demand(net, query);
  check_assignment(net, query, result);
  CHECK(result.ods[0].served_tpy == doctest::Approx(3));
  CHECK(result.ods[0].unserved_tpy == doctest::Approx(7));
  CHECK(result.ods[1].served_tpy == 0.0);  // C has no link at all
  CHECK(result.ods[1].unserved_tpy == doctest::Approx(1));
  CHECK(result.objective == doctest::Approx(3 * 1.0 + 8 * 100.0));
}
