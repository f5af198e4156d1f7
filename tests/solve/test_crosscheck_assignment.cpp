// Cross-check of the demand assignment against LEMON 1.3 (routes and max flow are in
// test_crosscheck_lemon.cpp): on seeded random networks, the assignment's total weight (GLPK)
// equals LEMON's NetworkSimplex on a single-commodity graph built here from docs/capacity.md,
// for one OD pair, several origins to one destination and one origin to several, demand
// below, at and above the max flow. Every result also passes its certificate
// (tests/support/capacity_checks.hpp). CORRIDOR_CROSSCHECK_NETWORKS sets the number of networks
// (default in tests/support/crosscheck_common.hpp); CORRIDOR_TEST_SEED the seed. A failure
// prints both and the case number.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "solve/assign.hpp"
#include "solve/flow.hpp"
#include "solve/route.hpp"
#include "support/capacity_checks.hpp"
#include "support/crosscheck_common.hpp"
#include "support/invariants.hpp"
#include "support/lemon_reference.hpp"
#include "support/random_network.hpp"
#include "support/seed.hpp"

using namespace corridor;
using namespace corridor::test;
using namespace corridor::test::crosscheck;

namespace {

// ---------------------------------------------------------------------------------------
// Demand assignment: LEMON NetworkSimplex on a single-commodity graph written here from
// docs/capacity.md and docs/model.md.
//
// One OD pair, several origins to one destination, and one origin to several destinations are
// single-commodity problems: a super source feeds each origin its demand (or one origin every
// destination's), a super sink takes each destination's, and a direct super source -> super
// sink arc at the unserved penalty carries what is left unserved. So LEMON's optimum is the
// exact optimum of corridor's multi-commodity LP. The graph is mode-expanded as routes are
// (arrival and departure vertices per node and mode; passing a node costs its pass weight,
// mode changes only where allowed; injection at the origin and absorption at the destination
// cost nothing), built independently of src/solve.
//
// A node capacity bounds the sum of every pass through the node plus what is injected or
// absorbed there. That sum is one arc of a single-commodity graph only if the node's passes
// can share one arc without losing anything: every arrival mode joins every departure mode at
// one weight ("pooled"). Nodes with a capacity that are not pooled are made so before the
// run (transfers allowed at no extra time or handling) or lose their capacity, both at random;
// both solvers see that same network.

constexpr std::size_t kVerticesPerNode = 2 * kModeCount + 2;  // arrivals, departures, hub in, hub out

struct PresentModes {
  std::vector<std::array<bool, kModeCount>> arrive, depart;
};

/// Modes by which an allowed link direction arrives at / departs from each node: the vertices
/// corridor's expanded graph has.
PresentModes present_modes(const Network& net, const Restriction& r) {
  PresentModes modes;
  modes.arrive.assign(net.nodes.size(), {false, false, false, false});
  modes.depart = modes.arrive;
  for (LinkIndex l = 0; l < net.links.size(); ++l) {
    if (!query_allows(net, l, r.corridors, r.avoid)) continue;
    const Link& link = net.links[l];
    const auto m = static_cast<std::size_t>(link.mode);
    modes.depart[link.from][m] = modes.arrive[link.to][m] = true;
    if (link.bidirectional) modes.depart[link.to][m] = modes.arrive[link.from][m] = true;
  }
  return modes;
}

struct Pass {
  std::size_t in = 0, out = 0;
  double weight = 0.0;
};

/// The passes through node `v`: present arrival mode -> present departure mode, changes only
/// where allowed.
std::vector<Pass> passes_at(const Network& net, const PresentModes& modes, NodeIndex v, const Weigher& weigh) {
  std::vector<Pass> passes;
  for (std::size_t in = 0; in < kModeCount; ++in)
    for (std::size_t out = 0; out < kModeCount; ++out)
      if (modes.arrive[v][in] && modes.depart[v][out] && (in == out || net.nodes[v].allows_transfer))
        passes.push_back({in, out, weigh(pass_figures(net.nodes[v], in != out))});
  return passes;
}

bool pooled(const Network& net, const PresentModes& modes, NodeIndex v, const Weigher& weigh) {
  const std::vector<Pass> passes = passes_at(net, modes, v, weigh);
  std::size_t arrive = 0, depart = 0;
  for (std::size_t m = 0; m < kModeCount; ++m) {
    arrive += modes.arrive[v][m];
    depart += modes.depart[v][m];
  }
  if (passes.size() != arrive * depart) return false;
  for (const Pass& p : passes)
    if (p.weight != passes.front().weight) return false;
  return true;
}

struct ReferenceAssignment {
  lemon_reference::MinCostFlow flow;
  std::int64_t max_flow = 0;  ///< >= kLemonUnlimited: unlimited
  double default_penalty = 0.0;
  std::size_t unserved_arc = 0;
};

/// Builds the single-commodity graph of `query` (one origin or one destination) and solves it
/// with LEMON. `demand` is in query order; `penalty` empty = measure only the max flow.
ReferenceAssignment reference_assignment(const Network& net, const Restriction& r, const Weigher& weigh,
                                         const std::vector<OdDemand>& demand, std::optional<double> penalty) {
  const std::size_t n = net.nodes.size();
  auto arrival = [](NodeIndex v, std::size_t m) { return static_cast<int>(kVerticesPerNode * v + m); };
  auto departure = [](NodeIndex v, std::size_t m) { return static_cast<int>(kVerticesPerNode * v + kModeCount + m); };
  auto hub_in = [](NodeIndex v) { return static_cast<int>(kVerticesPerNode * v + 2 * kModeCount); };
  auto hub_out = [](NodeIndex v) { return static_cast<int>(kVerticesPerNode * v + 2 * kModeCount + 1); };
  const int source = static_cast<int>(kVerticesPerNode * n), sink = source + 1;
  int vertex_count = sink + 1;
  std::vector<NodeIndex> origins, destinations;
  for (const OdDemand& od : demand) {
    if (std::find(origins.begin(), origins.end(), od.from) == origins.end()) origins.push_back(od.from);
    if (std::find(destinations.begin(), destinations.end(), od.to) == destinations.end()) destinations.push_back(od.to);
  }
  REQUIRE((origins.size() == 1 || destinations.size() == 1));  // a single-commodity problem

  ReferenceAssignment reference;
  std::vector<lemon_reference::CostArc> arcs;
  const PresentModes modes = present_modes(net, r);
  double weight_sum = 0.0;
  for (LinkIndex l = 0; l < net.links.size(); ++l) {
    if (!query_allows(net, l, r.corridors, r.avoid)) continue;
    const Link& link = net.links[l];
    const auto m = static_cast<std::size_t>(link.mode);
    const std::int64_t capacity = link.capacity_tpy ? *link.capacity_tpy : -1;  // per direction
    const double w = weigh(link_figures(net, link));
    arcs.push_back({departure(link.from, m), arrival(link.to, m), capacity, w});
    weight_sum += w;
    if (link.bidirectional) {
      arcs.push_back({departure(link.to, m), arrival(link.from, m), capacity, w});
      weight_sum += w;
    }
  }
  // Terminal vertices: per origin, what the super source may feed it; per destination, what
  // it may pass to the super sink.
  std::vector<int> feed(n, -1), drain(n, -1);
  for (NodeIndex o : origins) feed[o] = vertex_count++;
  for (NodeIndex t : destinations) drain[t] = vertex_count++;
  for (NodeIndex v = 0; v < n; ++v) {
    const std::vector<Pass> passes = passes_at(net, modes, v, weigh);
    for (const Pass& p : passes) weight_sum += p.weight;
    const bool is_origin = feed[v] >= 0;
    if (!net.nodes[v].capacity_tpy) {
      for (const Pass& p : passes) arcs.push_back({arrival(v, p.in), departure(v, p.out), -1, p.weight});
      for (std::size_t m = 0; m < kModeCount; ++m) {
        if (is_origin && modes.depart[v][m]) arcs.push_back({feed[v], departure(v, m), -1, 0.0});
        if (drain[v] >= 0 && modes.arrive[v][m]) arcs.push_back({arrival(v, m), drain[v], -1, 0.0});
      }
      continue;
    }
    // A capacity: every pass, injection and absorption goes through hub in -> hub out. The pass
    // weight is paid before the hub at an origin (injection is free) and after it elsewhere
    // (absorption at a destination is free); origins and destinations are distinct.
    REQUIRE(pooled(net, modes, v, weigh));
    const double w = passes.empty() ? 0.0 : passes.front().weight;
    arcs.push_back({hub_in(v), hub_out(v), *net.nodes[v].capacity_tpy, 0.0});
    for (std::size_t m = 0; m < kModeCount; ++m) {
      if (modes.arrive[v][m]) arcs.push_back({arrival(v, m), hub_in(v), -1, is_origin ? w : 0.0});
      if (modes.depart[v][m]) arcs.push_back({hub_out(v), departure(v, m), -1, is_origin ? 0.0 : w});
    }
    if (is_origin) arcs.push_back({feed[v], hub_in(v), -1, 0.0});
    if (drain[v] >= 0) arcs.push_back({hub_out(v), drain[v], -1, 0.0});
  }
  reference.default_penalty = weight_sum + 1.0;

  // The max flow from the origins to the destinations, whatever the demand.
  {
    std::vector<lemon_reference::CapacityArc> capacities;
    for (const auto& a : arcs) capacities.push_back({a.from, a.to, a.capacity < 0 ? kLemonUnlimited : a.capacity});
    for (NodeIndex o : origins) capacities.push_back({source, feed[o], kLemonUnlimited});
    for (NodeIndex t : destinations) capacities.push_back({drain[t], sink, kLemonUnlimited});
    const lemon_reference::MaxFlow max_flow = lemon_reference::max_flow(vertex_count, capacities, source, sink);
    CHECK(max_flow.cut_capacity == max_flow.value);
    reference.max_flow = max_flow.value;
  }
  if (!penalty) return reference;

  std::int64_t total = 0;
  for (const OdDemand& od : demand) {
    const auto tonnes = static_cast<std::int64_t>(od.tonnes_per_year);
    total += tonnes;
    if (origins.size() == 1) arcs.push_back({drain[od.to], sink, tonnes, 0.0});
    else arcs.push_back({source, feed[od.from], tonnes, 0.0});
  }
  if (origins.size() == 1) arcs.push_back({source, feed[origins.front()], -1, 0.0});
  else arcs.push_back({drain[destinations.front()], sink, -1, 0.0});
  reference.unserved_arc = arcs.size();
  arcs.push_back({source, sink, -1, *penalty});
  reference.flow = lemon_reference::min_cost_flow(vertex_count, arcs, source, sink, total);
  if (!reference.flow.optimal) return reference;
  // LEMON's flow is a flow: within capacities, conserved, `total` from source to sink, and
  // its cost is what it says.
  std::vector<std::int64_t> balance(static_cast<std::size_t>(vertex_count), 0);
  double cost = 0.0;
  for (std::size_t a = 0; a < arcs.size(); ++a) {
    const std::int64_t f = reference.flow.flow[a];
    CHECK(f >= 0);
    if (arcs[a].capacity >= 0) CHECK(f <= arcs[a].capacity);
    balance[static_cast<std::size_t>(arcs[a].from)] -= f;
    balance[static_cast<std::size_t>(arcs[a].to)] += f;
    cost += static_cast<double>(f) * arcs[a].cost;
  }
  for (int v = 0; v < vertex_count; ++v)
    CHECK(balance[static_cast<std::size_t>(v)] == (v == source ? -total : v == sink ? total : 0));
  CHECK(close_enough(cost, reference.flow.cost));
  return reference;
}

}  // namespace

TEST_CASE("crosscheck: demand assignment costs equal LEMON NetworkSimplex") {
  const std::uint64_t seed = test_seed();
  const int networks = network_count();
  int compared = 0, with_unserved = 0, fully_served = 0, served_some = 0, with_capacity_pooled = 0;
  std::array<int, 3> by_shape{}, by_level{};
  for (int k = 0; k < networks; ++k) {
    Rng rng(case_seed(seed, 5, k));
    Network net = varied_network(rng);
    INFO("CORRIDOR_TEST_SEED=" << seed << " crosscheck assignment case " << k);
    const Restriction restriction = chance(rng, 0.5) ? Restriction{} : random_restriction(rng, net);
    const AssignObjective by = pick(rng, std::vector<AssignObjective>{AssignObjective::Time, AssignObjective::Cost,
                                                                     AssignObjective::Generalized});
    const Objective route_objective = by == AssignObjective::Time ? Objective::Time
                                      : by == AssignObjective::Cost ? Objective::Cost
                                                                    : Objective::Generalized;
    const Weigher weigh{route_objective, chance(rng, 0.3) ? 0.0 : uniform_real(rng, 0, 50),
                        chance(rng, 0.3) ? 0.0 : uniform_real(rng, 0, 200), true};
    // Capacities only where a single-commodity graph can hold them exactly (see above).
    const PresentModes modes = present_modes(net, restriction);
    for (NodeIndex v = 0; v < net.nodes.size(); ++v) {
      Node& node = net.nodes[v];
      if (!node.capacity_tpy || pooled(net, modes, v, weigh)) continue;
      if (chance(rng, 0.5)) {
        node.capacity_tpy.reset();
        continue;
      }
      node.allows_transfer = true;
      node.transfer_hours = 0.0;
      node.handling_usd_per_t.reset();
      ++with_capacity_pooled;
    }
    INFO(describe(net));
    INFO(describe(net, restriction));

    // Terminals: one OD pair, 2-3 origins to one destination, or one origin to 2-3 destinations.
    // Random terminals are often disconnected: mostly, draw again (up to 20 times) until some
    // flow is possible.
    const int shape = net.nodes.size() < 3 ? 0 : uniform(rng, 0, 2);
    const bool want_flow = chance(rng, 0.85);
    std::vector<OdDemand> demand;
    std::int64_t max_flow = 0;
    for (int attempt = 0; attempt < 20; ++attempt) {
      std::vector<NodeIndex> pool(net.nodes.size());
      for (NodeIndex i = 0; i < pool.size(); ++i) pool[i] = i;
      std::shuffle(pool.begin(), pool.end(), rng);
      const int many = std::min(uniform(rng, 2, 3), static_cast<int>(pool.size()) - 1);
      const int origin_count = shape == 1 ? many : 1, destination_count = shape == 2 ? many : 1;
      demand.clear();
      for (int i = 0; i < std::max(origin_count, destination_count); ++i)
        demand.push_back({pool[static_cast<std::size_t>(origin_count == 1 ? 0 : i)],
                          pool[static_cast<std::size_t>(origin_count == 1 ? 1 + i : origin_count)], 0.0});
      max_flow = reference_assignment(net, restriction, weigh, demand, std::nullopt).max_flow;
      if (max_flow > 0 || !want_flow) break;
    }
    ++by_shape[static_cast<std::size_t>(shape)];

    // Demand below, equal to or above the max flow, split at random between the OD pairs.
    const int level = uniform(rng, 0, 2);
    ++by_level[static_cast<std::size_t>(level)];
    std::int64_t total = 0;
    if (max_flow >= kLemonUnlimited) total = std::uniform_int_distribution<std::int64_t>(1, 2'000'000'000)(rng);
    else if (level == 0) total = max_flow > 0 ? std::uniform_int_distribution<std::int64_t>(0, max_flow - 1)(rng) : 0;
    else if (level == 1) total = max_flow;
    else total = max_flow + std::uniform_int_distribution<std::int64_t>(1, max_flow + 100)(rng);
    total = std::max<std::int64_t>(total, static_cast<std::int64_t>(demand.size()));
    std::int64_t left = total;
    for (std::size_t i = 0; i < demand.size(); ++i) {
      const std::int64_t share =
          i + 1 == demand.size()
              ? left
              : std::uniform_int_distribution<std::int64_t>(1, left - static_cast<std::int64_t>(demand.size() - i - 1))(rng);
      demand[i].tonnes_per_year = static_cast<double>(share);
      left -= share;
    }

    AssignQuery query;
    query.max_detour = std::nullopt;  // LEMON's min-cost flow knows no detour bound
    query.demand = demand;
    query.weights = {by, weigh.value_of_time_usd_per_t_day, weigh.carbon_price_usd_per_t_co2};
    query.corridors = restriction.corridors;
    query.avoid = restriction.avoid;
    // The default penalty (more than any path weighs), or one that may undercut some paths.
    const bool default_penalty = chance(rng, 0.5);
    const double expected_penalty = reference_assignment(net, restriction, weigh, demand, std::nullopt).default_penalty;
    if (!default_penalty) query.unserved_penalty_per_t = expected_penalty * pick(rng, std::vector<double>{1e-3, 1e-2, 0.1, 0.5}) * uniform_real(rng, 0, 1);
    const double penalty = query.unserved_penalty_per_t.value_or(expected_penalty);
    INFO("by " << to_string(by) << " value of time " << weigh.value_of_time_usd_per_t_day << " carbon price "
               << weigh.carbon_price_usd_per_t_co2 << " penalty " << penalty << " max flow " << max_flow);
    std::ostringstream demand_text;
    for (const OdDemand& od : demand)
      demand_text << " " << net.nodes[od.from].id << "->" << net.nodes[od.to].id << ":" << od.tonnes_per_year;
    INFO("demand" << demand_text.str());

    // Both methods (solve/assign.hpp): the arc LP and the column generation on paths.
    const auto method = k % 2 == 0 ? solve::AssignMethod::ColumnGeneration : solve::AssignMethod::ArcLp;
    INFO("method " << (k % 2 == 0 ? "column generation" : "arc LP"));
    const AssignResult result = solve::assign_demand(net, query, method);
    check_assignment(net, query, result);
    const ReferenceAssignment lemon = reference_assignment(net, restriction, weigh, demand, penalty);
    REQUIRE(lemon.flow.optimal);
    INFO("corridor: objective " << result.objective << ", served " << result.served_tpy << ", penalty "
                                << result.unserved_penalty_per_t << "; LEMON: cost " << lemon.flow.cost << ", unserved "
                                << lemon.flow.flow[lemon.unserved_arc]);
    ++compared;
    // GLPK's simplex and LEMON's both sum doubles; GLPK also accepts a solution within its
    // feasibility and optimality tolerances (1e-7, relative, in its scaled units).
    REQUIRE(close_enough(result.objective, lemon.flow.cost, 1e-7));
    const auto unserved = static_cast<double>(lemon.flow.flow[lemon.unserved_arc]);
    if (default_penalty) {
      CHECK(close_enough(result.unserved_penalty_per_t, expected_penalty));
      // Above every path's weight, the penalty makes the served tonnes unique: the max flow.
      CHECK(std::fabs(result.served_tpy - (static_cast<double>(total) - unserved)) <= 1e-7 * static_cast<double>(total));
    }
    with_unserved += unserved > 0;
    fully_served += unserved == 0;
    served_some += unserved < static_cast<double>(total);
  }
  MESSAGE("assignments compared with LEMON: " << compared << " (one pair " << by_shape[0] << ", many origins "
                                              << by_shape[1] << ", many destinations " << by_shape[2]
                                              << "; demand below / at / above max flow " << by_level[0] << " / "
                                              << by_level[1] << " / " << by_level[2] << "), " << with_unserved
                                              << " with unserved demand, " << served_some << " serving some, "
                                              << fully_served << " serving all; capacity nodes pooled: "
                                              << with_capacity_pooled);
  CHECK(with_unserved > networks / 5);
  CHECK(served_some > networks / 3);
  CHECK(fully_served > networks / 10);
}
