// The solvers share one mode-expanded graph and one time model (solve/detail/mode_graph.hpp,
// model/cost.hpp's step_metrics): on seeded random networks, solvers that answer the same
// question by different methods must agree.
//  - The timetable search (earliest_arrival, a time-dependent Dijkstra) on a network without
//    timetables is a plain fastest-route search: its times equal the router's.
//  - The assignment (an LP) of a small demand on a network without capacities carries it on a
//    fastest route: its path times and weights equal the router's.
// A change to the arcs of one solver only (e.g. transfer hours left out) fails here.

#include <cstdint>
#include <optional>
#include <vector>

#include <doctest/doctest.h>

#include "model/capacity.hpp"
#include "solve/assign.hpp"
#include "solve/route.hpp"
#include "solve/schedule.hpp"
#include "support/builders.hpp"
#include "support/invariants.hpp"
#include "support/random_network.hpp"
#include "support/seed.hpp"

using namespace corridor;
using namespace corridor::test;

namespace {

constexpr int kOneGraphCases = 300;

Network network_for(Rng& rng) {
  RandomNetworkShape shape;
  shape.min_nodes = 4;
  shape.max_nodes = 9;
  shape.max_parts = 2;
  shape.exact_figures = rng() % 2 == 0;
  Network net = random_network(rng, shape);
  for (Link& link : net.links) link.schedule.reset();  // no timetables: expected waits only
  return net;
}

std::vector<Mode> random_modes(Rng& rng) {
  std::vector<Mode> modes;
  if (chance(rng, 0.7)) return modes;
  for (Mode m : {Mode::Rail, Mode::Ferry, Mode::Road, Mode::Sea})
    if (chance(rng, 0.5)) modes.push_back(m);
  return modes;
}

}  // namespace

TEST_CASE("one graph: the timetable search without timetables finds the router's fastest times") {
  const std::uint64_t seed = test_seed();
  int compared = 0, found = 0, with_transfer = 0;
  for (int k = 0; k < kOneGraphCases; ++k) {
    Rng rng(case_seed(seed, 31, k));
    const Network net = network_for(rng);
    INFO("CORRIDOR_TEST_SEED=" << seed << " case " << k << describe(net));
    const solve::Router router(net);
    const Restriction filter = chance(rng, 0.5) ? Restriction{} : random_restriction(rng, net);
    INFO(describe(net, filter));
    const std::vector<Mode> modes = random_modes(rng);
    const std::int64_t depart_minutes = uniform(rng, 0, 7 * 24 * 60 * 4);
    for (NodeIndex from = 0; from < net.nodes.size(); ++from)
      for (NodeIndex to = 0; to < net.nodes.size(); ++to) {
        if (from == to) continue;
        RouteQuery query = route_query(from, to, Objective::Time, filter.corridors);
        query.avoid = filter.avoid;
        query.modes = modes;
        INFO("query " << net.nodes[from].id << " -> " << net.nodes[to].id << " modes " << modes.size());
        const RouteResult routed = router.find_route(query);
        const std::optional<solve::TimedRoute> timed = solve::earliest_arrival(net, query, depart_minutes);
        ++compared;
        REQUIRE(routed.found() == timed.has_value());
        if (!timed) continue;
        ++found;
        check_route(net, query, timed->route);
        CHECK(close_enough(timed->route.hours, routed.routes.front().hours));
        with_transfer += routed.routes.front().transfers > 0;
      }
  }
  MESSAGE("pairs compared: " << compared << ", found: " << found << ", fastest with a transfer: " << with_transfer);
  CHECK(found > compared / 4);
  CHECK(with_transfer > found / 20);  // transfers are exercised
}

TEST_CASE("one graph: the assignment of a small uncapacitated demand takes the router's fastest times") {
  const std::uint64_t seed = test_seed();
  int compared = 0, served = 0;
  for (int k = 0; k < kOneGraphCases / 3; ++k) {
    Rng rng(case_seed(seed, 32, k));
    Network net = network_for(rng);
    for (Node& node : net.nodes) node.capacity_tpy.reset();
    for (Link& link : net.links) link.capacity_tpy.reset();
    INFO("CORRIDOR_TEST_SEED=" << seed << " case " << k << describe(net));
    const solve::Router router(net);
    const Restriction filter = chance(rng, 0.5) ? Restriction{} : random_restriction(rng, net);
    INFO(describe(net, filter));
    for (int pair = 0; pair < 4; ++pair) {
      const auto from = static_cast<NodeIndex>(uniform(rng, 0, static_cast<int>(net.nodes.size()) - 1));
      const auto to = static_cast<NodeIndex>(uniform(rng, 0, static_cast<int>(net.nodes.size()) - 1));
      if (from == to) continue;
      RouteQuery route = route_query(from, to, Objective::Time, filter.corridors);
      route.avoid = filter.avoid;
      AssignQuery assign;
      assign.demand = {{from, to, 1000.0}};
      assign.corridors = filter.corridors;
      assign.avoid = filter.avoid;
      INFO("pair " << net.nodes[from].id << " -> " << net.nodes[to].id);
      const RouteResult routed = router.find_route(route);
      const AssignResult assigned = solve::assign_demand(net, assign);
      ++compared;
      REQUIRE(assigned.solved);
      REQUIRE(assigned.ods.size() == 1);
      const OdAssignment& od = assigned.ods.front();
      CHECK((od.served_tpy > 0) == routed.found());
      if (!routed.found()) continue;
      ++served;
      CHECK(close_enough(od.served_tpy, 1000.0));
      REQUIRE(!od.paths.empty());
      for (const OdPath& path : od.paths) {
        CHECK(close_enough(path.hours, routed.routes.front().hours));
        CHECK(close_enough(path.weight_per_t, routed.routes.front().hours));
      }
    }
  }
  MESSAGE("pairs compared: " << compared << ", served: " << served);
  CHECK(served > compared / 4);
}
