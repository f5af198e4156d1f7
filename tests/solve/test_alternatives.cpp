// k best loopless routes, the Pareto set and every objective, against a brute force that
// enumerates every loopless route of seeded random small networks. The brute force follows
// docs/model.md ("Loopless routes", "Cost and CO2e of a route"), not the solver's code.
//
// The seed is fixed by default; set CORRIDOR_TEST_SEED to explore others. A failure prints
// the seed, the case number and the network.

#include <algorithm>
#include <array>
#include <cmath>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "model/cost.hpp"
#include "solve/route.hpp"
#include "support/builders.hpp"
#include "support/invariants.hpp"
#include "support/random_network.hpp"
#include "support/seed.hpp"

using namespace corridor;
using namespace corridor::test;

namespace {

constexpr int kAlternativesCases = 300;

/// A random network of 4..7 nodes with costs, handling, emission overrides and countries.
/// Figures are small integers (or quarters) so that different routes often tie exactly.
Network network_with_detours(Rng& rng) {
  RandomNetworkShape shape;
  shape.min_nodes = 4;
  shape.max_nodes = 7;
  shape.extra_links = 4;  // enough links for several loopless routes between most pairs
  return random_network(rng, shape);
}

/// Everything a brute-force route is: its links and its four totals (docs/model.md).
struct Candidate {
  std::vector<LinkIndex> links;
  double hours = 0.0, km = 0.0, usd = 0.0, co2 = 0.0;
  double value(Objective by, const GeneralizedWeights& w) const {
    switch (by) {
      case Objective::Time: return hours;
      case Objective::Distance: return km;
      case Objective::Cost: return usd;
      case Objective::Co2: return co2;
      case Objective::Generalized: return usd + w.value_of_time_usd_per_t_day * hours / 24.0 +
                                          w.carbon_price_usd_per_t_co2 * co2 / 1000.0;
    }
    return hours;
  }
};

bool allowed(const Network& net, const RouteQuery& q, LinkIndex l) {
  const Link& link = net.links[l];
  if (!query_allows(net, l, q.corridors, q.avoid)) return false;
  for (const auto& country : q.avoid.countries) {
    if (net.nodes[link.from].country == country || net.nodes[link.to].country == country) return false;
    for (const auto& transit : link.transit_countries)
      if (transit == country) return false;
  }
  return q.modes.empty() || std::find(q.modes.begin(), q.modes.end(), link.mode) != q.modes.end();
}

/// Every loopless route of the query (no via): a sequence of allowed links from the origin
/// that never passes through the origin or the destination and never arrives at, or departs
/// from, the same node in the same mode twice; mode changes only where the node allows them.
std::vector<Candidate> all_loopless_routes(const Network& net, const RouteQuery& q) {
  std::vector<Candidate> out;
  std::set<std::pair<NodeIndex, Mode>> arrived, departed;
  Candidate current;
  auto dfs = [&](auto&& self, NodeIndex at, const Link* previous) -> void {
    for (LinkIndex l = 0; l < net.links.size(); ++l) {
      if (!allowed(net, q, l)) continue;
      const Link& link = net.links[l];
      NodeIndex next;
      if (link.from == at) next = link.to;
      else if (link.to == at && link.bidirectional) next = link.from;
      else continue;
      if (next == q.from) continue;
      const bool change = previous && previous->mode != link.mode;
      const Node& node = net.nodes[at];
      if (change && !node.allows_transfer) continue;
      if (departed.count({at, link.mode}) || arrived.count({next, link.mode})) continue;
      const Candidate saved = current;
      if (previous) {
        current.hours += node.dwell_hours + (change ? node.transfer_hours : 0.0);
        if (change || node.kind == NodeKind::GaugeChange) current.usd += node.handling_usd_per_t.value_or(0.0);
      }
      current.hours += link.hours + (link.departures_per_week ? 84.0 / *link.departures_per_week : 0.0);
      current.km += link.distance_km;
      if (link.cost_usd_per_t) current.usd += *link.cost_usd_per_t;
      else if (link.cost_usd_per_teu) current.usd += *link.cost_usd_per_teu / *net.tonnes_per_teu;
      current.co2 += link.distance_km * link.co2_g_per_tkm.value_or(default_co2_g_per_tkm(link.mode)) / 1000.0;
      current.links.push_back(l);
      departed.insert({at, link.mode});
      arrived.insert({next, link.mode});
      if (next == q.to) out.push_back(current);
      else self(self, next, &link);
      departed.erase({at, link.mode});
      arrived.erase({next, link.mode});
      current = saved;
    }
  };
  dfs(dfs, q.from, nullptr);
  return out;
}

/// Cost and CO2e totals of a route add up from its legs and follow the model.
void check_money_and_emissions(const Network& net, const Route& route) {
  double usd = 0.0, co2 = 0.0;
  int borders = 0;
  for (std::size_t i = 0; i < route.legs.size(); ++i) {
    const RouteLeg& leg = route.legs[i];
    const Link& link = net.links[leg.link];
    const Node& at = net.nodes[leg.from];
    const bool change = i > 0 && route.legs[i - 1].mode != leg.mode;
    const double handling =
        i > 0 && (change || at.kind == NodeKind::GaugeChange) ? at.handling_usd_per_t.value_or(0.0) : 0.0;
    CHECK(leg.handling_usd_per_t == handling);
    const double tariff = link.cost_usd_per_t ? *link.cost_usd_per_t
                          : link.cost_usd_per_teu ? *link.cost_usd_per_teu / *net.tonnes_per_teu
                                                  : 0.0;
    CHECK(close_enough(leg.cost_usd_per_t, tariff));
    CHECK(leg.cost_known == (link.cost_usd_per_t || link.cost_usd_per_teu));
    CHECK(close_enough(leg.co2_kg_per_t,
                       link.distance_km * link.co2_g_per_tkm.value_or(default_co2_g_per_tkm(link.mode)) / 1000.0));
    usd += leg.handling_usd_per_t + leg.cost_usd_per_t;
    co2 += leg.co2_kg_per_t;
    std::vector<std::string> chain{net.nodes[leg.from].country};
    std::vector<std::string> transit = link.transit_countries;
    if (leg.from != link.from) std::reverse(transit.begin(), transit.end());
    chain.insert(chain.end(), transit.begin(), transit.end());
    chain.push_back(net.nodes[leg.to].country);
    for (std::size_t c = 1; c < chain.size(); ++c) borders += chain[c] != chain[c - 1];
  }
  CHECK(close_enough(route.cost_usd_per_t, usd));
  CHECK(close_enough(route.co2_kg_per_t, co2));
  CHECK(route.border_crossings == borders);
}

RouteQuery random_route_query(Rng& rng, const Network& net) {
  RouteQuery q;
  const int n = static_cast<int>(net.nodes.size());
  q.from = static_cast<NodeIndex>(uniform(rng, 0, n - 1));
  do q.to = static_cast<NodeIndex>(uniform(rng, 0, n - 1));
  while (q.to == q.from);
  q.by = static_cast<Objective>(uniform(rng, 0, 4));
  q.value_of_time_usd_per_t_day = uniform(rng, 0, 3) * 8.0;
  q.carbon_price_usd_per_t_co2 = uniform(rng, 0, 2) * 50.0;
  if (chance(rng, 0.2)) q.corridors = {"middle"};
  if (chance(rng, 0.2)) q.modes = {Mode::Rail, Mode::Ferry};
  if (chance(rng, 0.1)) q.avoid.countries = {"RU"};
  if (chance(rng, 0.2)) {
    const std::string country = net.nodes[static_cast<std::size_t>(uniform(rng, 0, n - 1))].country;
    if (net.nodes[q.from].country != country && net.nodes[q.to].country != country) q.avoid.countries = {country};
  }
  if (chance(rng, 0.2)) {
    const auto node = static_cast<NodeIndex>(uniform(rng, 0, n - 1));
    if (node != q.from && node != q.to) q.avoid.nodes = {node};
  }
  return q;
}

std::string describe_query(const Network& net, const RouteQuery& q) {
  std::ostringstream out;
  out << "query " << net.nodes[q.from].id << " -> " << net.nodes[q.to].id << " by " << to_string(q.by)
      << " vot=" << q.value_of_time_usd_per_t_day << " price=" << q.carbon_price_usd_per_t_co2 << " k=" << q.k
      << " modes=" << q.modes.size() << " corridors=" << q.corridors.size() << " countries=";
  for (const auto& c : q.avoid.countries) out << c;
  for (NodeIndex n : q.avoid.nodes) out << " avoid " << net.nodes[n].id;
  return out.str();
}

}  // namespace

TEST_CASE("alternatives: the k routes are the k best loopless routes of a brute-force enumeration") {
  const std::uint64_t seed = test_seed();
  int compared = 0, with_ties = 0, several = 0;
  for (int c = 0; c < kAlternativesCases; ++c) {
    Rng rng(case_seed(seed, 3, c));
    const Network net = network_with_detours(rng);
    INFO("CORRIDOR_TEST_SEED=" << seed << " case " << c << describe(net));
    const solve::Router router(net);
    for (int qi = 0; qi < 4; ++qi) {
      RouteQuery q = random_route_query(rng, net);
      q.k = uniform(rng, 1, 6);
      INFO(describe_query(net, q));
      const GeneralizedWeights w{q.value_of_time_usd_per_t_day, q.carbon_price_usd_per_t_co2};
      std::vector<Candidate> brute = all_loopless_routes(net, q);
      std::stable_sort(brute.begin(), brute.end(),
                       [&](const Candidate& a, const Candidate& b) { return a.value(q.by, w) < b.value(q.by, w); });
      const RouteResult result = router.find_routes(q);
      ++compared;
      REQUIRE(result.routes.size() == std::min<std::size_t>(static_cast<std::size_t>(q.k), brute.size()));
      std::set<std::vector<LinkIndex>> distinct, loopless;
      for (const Candidate& b : brute) loopless.insert(b.links);
      for (std::size_t i = 0; i < result.routes.size(); ++i) {
        const Route& route = result.routes[i];
        CAPTURE(i);
        check_route(net, q, route);
        check_money_and_emissions(net, route);
        std::vector<LinkIndex> links;
        for (const RouteLeg& leg : route.legs) links.push_back(leg.link);
        CHECK(loopless.count(links) == 1);           // a loopless route of the network
        CHECK(distinct.insert(links).second);        // never the same route twice
        CHECK(close_enough(route.objective_value, solve::objective_value(route, q.by, w)));
        CHECK(close_enough(route.objective_value, brute[i].value(q.by, w)));  // the i-th best value
        if (i > 0) CHECK(route.objective_value >= result.routes[i - 1].objective_value - 1e-9);
      }
      if (result.routes.size() > 1) ++several;
      for (std::size_t i = 1; i < brute.size() && i < static_cast<std::size_t>(q.k); ++i)
        if (close_enough(brute[i].value(q.by, w), brute[i - 1].value(q.by, w))) {
          ++with_ties;
          break;
        }
      // Ties are ordered deterministically: the same query gives the same routes.
      const RouteResult again = router.find_routes(q);
      REQUIRE(again.routes.size() == result.routes.size());
      for (std::size_t i = 0; i < again.routes.size(); ++i) CHECK(again.routes[i].nodes == result.routes[i].nodes);
    }
  }
  MESSAGE("k-best queries compared: " << compared << ", with several routes: " << several
                                      << ", with tied values: " << with_ties);
  CHECK(several > compared / 4);
  CHECK(with_ties > compared / 20);
}

TEST_CASE("alternatives: the Pareto set equals the brute-force non-dominated set") {
  const std::uint64_t seed = test_seed();
  int compared = 0, larger = 0;
  for (int c = 0; c < kAlternativesCases; ++c) {
    Rng rng(case_seed(seed, 3, kAlternativesCases + c));
    const Network net = network_with_detours(rng);
    INFO("CORRIDOR_TEST_SEED=" << seed << " case " << c << describe(net));
    const solve::Router router(net);
    for (int qi = 0; qi < 4; ++qi) {
      RouteQuery q = random_route_query(rng, net);
      q.pareto = true;
      INFO(describe_query(net, q));
      const std::vector<Candidate> brute = all_loopless_routes(net, q);
      const RouteResult result = router.find_routes(q);
      ++compared;
      REQUIRE(result.found() == !brute.empty());
      if (brute.empty()) continue;
      double fastest = brute.front().hours;
      for (const Candidate& b : brute) fastest = std::min(fastest, b.hours);
      // Non-dominated (time, cost, CO2e) vectors among routes within the documented time bound.
      std::vector<std::array<double, 3>> expected;
      auto dominates = [](const std::array<double, 3>& a, const std::array<double, 3>& b) {
        bool better = false;
        for (int i = 0; i < 3; ++i) {
          const double tol = 1e-9 * std::max({1.0, std::fabs(a[i]), std::fabs(b[i])});
          if (a[i] > b[i] + tol) return false;
          if (a[i] < b[i] - tol) better = true;
        }
        return better;
      };
      auto same = [](const std::array<double, 3>& a, const std::array<double, 3>& b) {
        return close_enough(a[0], b[0]) && close_enough(a[1], b[1]) && close_enough(a[2], b[2]);
      };
      std::vector<std::array<double, 3>> within;
      for (const Candidate& b : brute)
        if (b.hours <= kParetoTimeFactor * fastest * (1 + 1e-9) + 1e-9) within.push_back({b.hours, b.usd, b.co2});
      for (const auto& v : within) {
        bool dominated = false, repeated = false;
        for (const auto& o : within) dominated = dominated || dominates(o, v);
        for (const auto& e : expected) repeated = repeated || same(e, v);
        if (!dominated && !repeated) expected.push_back(v);
      }
      REQUIRE(result.routes.size() == expected.size());
      if (expected.size() > 1) ++larger;
      for (std::size_t i = 0; i < result.routes.size(); ++i) {
        const Route& route = result.routes[i];
        CAPTURE(i);
        check_route(net, q, route);
        check_money_and_emissions(net, route);
        const std::array<double, 3> v{route.hours, route.cost_usd_per_t, route.co2_kg_per_t};
        CHECK(std::count_if(expected.begin(), expected.end(), [&](const auto& e) { return same(e, v); }) == 1);
        if (i > 0) CHECK(route.hours >= result.routes[i - 1].hours);  // fastest first
      }
    }
  }
  MESSAGE("Pareto queries compared: " << compared << ", with more than one route: " << larger);
  CHECK(larger > compared / 10);
}

namespace {

/// Five single-link routes O -> D, each best for one objective (docs/model.md):
/// FAST by time, SHORT by distance, CHEAP by cost, GREEN by CO2e, and BALANCED by the
/// generalized cost with a value of time of 100 USD/t/day.
Network objectives_network() {
  Network net = NetworkBuilder()
                    .node("O", NodeKind::RailTerminal)
                    .node("D", NodeKind::RailTerminal)
                    .link("O", "D", Mode::Rail, 1000, 10, kUnlimited, kNoSchedule, true, "FAST")
                    .link("O", "D", Mode::Rail, 400, 30, kUnlimited, kNoSchedule, true, "SHORT")
                    .link("O", "D", Mode::Rail, 900, 40, kUnlimited, kNoSchedule, true, "CHEAP")
                    .link("O", "D", Mode::Rail, 800, 50, kUnlimited, kNoSchedule, true, "GREEN")
                    .link("O", "D", Mode::Rail, 1200, 20, kUnlimited, kNoSchedule, true, "BALANCED")
                    .build();
  const std::vector<std::pair<double, double>> usd_and_g = {{100, 60}, {80, 100}, {20, 60}, {60, 10}, {50, 80}};
  for (std::size_t i = 0; i < usd_and_g.size(); ++i) {
    net.links[i].cost_usd_per_t = usd_and_g[i].first;
    net.links[i].co2_g_per_tkm = usd_and_g[i].second;
  }
  return net;
}

std::string best_link(const solve::Router& router, RouteQuery query) {
  const RouteResult result = router.find_routes(query);
  REQUIRE(result.found());
  return router.network().links[result.routes.front().legs.front().link].id;
}

}  // namespace

TEST_CASE("objectives: each objective changes the answer on a network built for it") {
  const Network net = objectives_network();
  const solve::Router router(net);
  RouteQuery q;
  q.from = *net.find_node("O");
  q.to = *net.find_node("D");
  q.by = Objective::Time;
  CHECK(best_link(router, q) == "FAST");
  q.by = Objective::Distance;
  CHECK(best_link(router, q) == "SHORT");
  q.by = Objective::Cost;
  CHECK(best_link(router, q) == "CHEAP");
  q.by = Objective::Co2;
  CHECK(best_link(router, q) == "GREEN");
  q.by = Objective::Generalized;
  CHECK(best_link(router, q) == "CHEAP");  // without a value of time, generalized = cost
  q.value_of_time_usd_per_t_day = 100;     // 50 + 100 x 20/24 = 133.3 beats FAST 141.7, CHEAP 186.7
  CHECK(best_link(router, q) == "BALANCED");
  q.carbon_price_usd_per_t_co2 = 1000;     // + 96 kg x 1 USD/kg: FAST (60 kg) now wins
  CHECK(best_link(router, q) == "FAST");
  const RouteResult result = router.find_routes(q);
  CHECK(result.routes.front().objective_value == doctest::Approx(100 + 100 * 10.0 / 24 + 1000 * 0.060));
}

TEST_CASE("objectives: handling is charged at mode changes and gauge changes, never at the origin") {
  Network net = NetworkBuilder()
                    .node("A", NodeKind::SeaPort)
                    .node("G", NodeKind::GaugeChange, 5, 0)
                    .node("P", NodeKind::SeaPort, 2, 12)
                    .node("B", NodeKind::SeaPort)
                    .link("A", "G", Mode::Rail, 100, 2)
                    .link("G", "P", Mode::Rail, 100, 2)
                    .link("P", "B", Mode::Ferry, 300, 10)
                    .build();
  for (Node& node : net.nodes) node.handling_usd_per_t = 7;
  const solve::Router router(net);
  RouteQuery q;
  q.from = 0;
  q.to = 3;
  q.by = Objective::Cost;
  const Route route = router.find_routes(q).routes.at(0);
  REQUIRE(route.legs.size() == 3);
  CHECK(route.legs[0].handling_usd_per_t == 0);  // origin
  CHECK(route.legs[1].handling_usd_per_t == 7);  // gauge change G
  CHECK(route.legs[1].transfer_hours == 0);      // a break of gauge is not a change of mode
  CHECK(route.legs[1].dwell_hours == 5);
  CHECK(route.legs[2].handling_usd_per_t == 7);  // rail -> ferry at P
  CHECK(route.legs[2].transfer_hours == 12);
  CHECK(route.transfers == 1);
  CHECK(route.cost_usd_per_t == 14);
  CHECK(route.legs_without_cost == 3);
  // Ferry CO2e uses the mode default: 300 km x 124.8 g.
  CHECK(route.legs[2].co2_kg_per_t == doctest::Approx(300 * default_co2_g_per_tkm(Mode::Ferry) / 1000));
}

TEST_CASE("constraints: via nodes are passed in order, modes and countries filter links") {
  Network net = NetworkBuilder()
                    .node("A", NodeKind::RailTerminal)
                    .node("B", NodeKind::RailTerminal)
                    .node("C", NodeKind::SeaPort)
                    .node("D", NodeKind::SeaPort)
                    .link("A", "D", Mode::Rail, 100, 1)
                    .link("A", "B", Mode::Rail, 100, 5)
                    .link("B", "C", Mode::Rail, 100, 5)
                    .link("C", "D", Mode::Ferry, 100, 5)
                    .build();
  net.nodes[1].country = "IR";
  const solve::Router router(net);
  RouteQuery q;
  q.from = 0;
  q.to = 3;
  CHECK(router.find_routes(q).routes.at(0).legs.size() == 1);  // the direct link
  q.via = {2};                                                   // via C
  const Route via_c = router.find_routes(q).routes.at(0);
  CHECK(via_c.nodes == std::vector<NodeIndex>{0, 1, 2, 3});
  q.via = {2, 1};  // C then B: out to C, back to B, then on to D (through C again)
  const Route via_c_b = router.find_routes(q).routes.at(0);
  CHECK(via_c_b.nodes == std::vector<NodeIndex>{0, 1, 2, 1, 2, 3});
  q.via.clear();
  q.modes = {Mode::Rail};
  CHECK(router.find_routes(q).routes.at(0).legs.size() == 1);
  q.avoid.links = {0};  // no direct link, and no ferry: nothing left
  RouteResult none = router.find_routes(q);
  CHECK_FALSE(none.found());
  using Kind = RouteConstraint::Kind;
  CHECK(none.cut_by == std::vector<RouteConstraint>{{Kind::Avoid, {"A-D"}}, {Kind::Modes, {"rail"}}});
  q.modes.clear();
  q.avoid.countries = {"IR"};
  none = router.find_routes(q);
  CHECK_FALSE(none.found());
  CHECK(none.cut_by == std::vector<RouteConstraint>{{Kind::Avoid, {"A-D"}}, {Kind::AvoidCountry, {"IR"}}});
}

TEST_CASE("alternatives: max overlap drops alternatives that mostly repeat a better route") {
  // A-B-C-D with a short detour B-X-C: the second best shares A-B and C-D with the best.
  const Network net = NetworkBuilder()
                          .node("A")
                          .node("B")
                          .node("C")
                          .node("D")
                          .node("X")
                          .node("Y")
                          .link("A", "B", Mode::Rail, 500, 5)
                          .link("B", "C", Mode::Rail, 100, 1)
                          .link("C", "D", Mode::Rail, 500, 5)
                          .link("B", "X", Mode::Rail, 60, 1)
                          .link("X", "C", Mode::Rail, 60, 1)
                          .link("A", "Y", Mode::Rail, 600, 7)
                          .link("Y", "D", Mode::Rail, 600, 7)
                          .build();
  const solve::Router router(net);
  RouteQuery q;
  q.from = 0;
  q.to = 3;
  q.k = 2;
  CHECK(router.find_routes(q).routes.at(1).nodes == std::vector<NodeIndex>{0, 1, 4, 2, 3});
  q.max_overlap = 0.5;  // the detour shares 1000 of 1120 km with the best: dropped
  const RouteResult result = router.find_routes(q);
  REQUIRE(result.routes.size() == 2);
  CHECK(result.routes.at(1).nodes == std::vector<NodeIndex>{0, 5, 3});
}
