// Property tests on seeded random small networks: the solvers against brute force written
// from the documented model (docs/model.md), never from the solvers' code.
//
// The seed is fixed by default; set CORRIDOR_TEST_SEED to explore others. A failure prints
// the seed, the case number and the network, so it can be replayed exactly.

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "solve/flow.hpp"
#include "solve/route.hpp"
#include "support/builders.hpp"
#include "support/invariants.hpp"
#include "support/random_network.hpp"
#include "support/seed.hpp"

using namespace corridor;
using namespace corridor::test;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int kRouteCases = 500;
constexpr int kFlowCases = 800;

/// Small enough for exhaustive search: 4..max_nodes nodes, one part, small capacities.
Network small_network(Rng& rng, int max_nodes) {
  RandomNetworkShape shape;
  shape.min_nodes = 4;
  shape.max_nodes = max_nodes;
  shape.min_links_per_node = 1.0;
  shape.max_links_per_node = 2.0;
  return random_network(rng, shape);
}

// ---------------------------------------------------------------------------------------
// Brute-force routing, from docs/model.md only.

struct Step {
  NodeIndex to;
  LinkIndex link;
};


/// Links leaving `at` that the query may use (open, in the filter, not avoided), in allowed
/// directions.
std::vector<Step> steps_from(const Network& net, NodeIndex at, const Restriction& r) {
  std::vector<Step> out;
  for (LinkIndex l = 0; l < net.links.size(); ++l) {
    const Link& link = net.links[l];
    if (!query_allows(net, l, r.corridors, r.avoid)) continue;
    if (link.from == at) out.push_back({link.to, l});
    else if (link.to == at && link.bidirectional) out.push_back({link.from, l});
  }
  return out;
}

/// Cost of departing `at` over `link`, having arrived by `arrived_by` (none at the origin).
/// Returns kInf when the mode change is not allowed at `at`.
double step_cost(const Network& net, NodeIndex at, bool at_origin, Mode arrived_by, const Link& link,
                 Objective by) {
  const Node& node = net.nodes[at];
  const bool change = !at_origin && arrived_by != link.mode;
  if (change && !node.allows_transfer) return kInf;
  if (by == Objective::Distance) return link.distance_km;
  double cost = link.hours + (link.departures_per_week ? 84.0 / *link.departures_per_week : 0.0);
  if (!at_origin) cost += node.dwell_hours + (change ? node.transfer_hours : 0.0);
  return cost;
}

/// Best cost from `origin` to every node over all simple paths (no node twice).
std::vector<double> best_over_simple_paths(const Network& net, NodeIndex origin, Objective by,
                                           const Restriction& filter) {
  std::vector<double> best(net.nodes.size(), kInf);
  std::vector<char> on_path(net.nodes.size(), 0);
  std::vector<std::vector<Step>> steps(net.nodes.size());
  for (NodeIndex n = 0; n < net.nodes.size(); ++n) steps[n] = steps_from(net, n, filter);
  auto dfs = [&](auto&& self, NodeIndex at, bool at_origin, Mode arrived_by, double cost) -> void {
    on_path[at] = 1;
    for (const Step& step : steps[at]) {
      if (on_path[step.to]) continue;
      const Link& link = net.links[step.link];
      const double c = step_cost(net, at, at_origin, arrived_by, link, by);
      if (c == kInf) continue;
      best[step.to] = std::min(best[step.to], cost + c);
      self(self, step.to, false, link.mode, cost + c);
    }
    on_path[at] = 0;
  };
  dfs(dfs, origin, true, Mode::Rail, 0.0);
  return best;
}

/// Best cost from `origin` to every node over all walks. A node may be passed more than once
/// (by different modes: e.g. out to a terminal to change mode and back through a junction that
/// forbids it). Walks repeating a (node, arrival mode) state or returning to the origin are
/// never cheaper (all costs are >= 0), so they are skipped; everything else is enumerated.
std::vector<double> best_over_walks(const Network& net, NodeIndex origin, Objective by,
                                    const Restriction& filter) {
  std::vector<double> best(net.nodes.size(), kInf);
  std::vector<std::array<char, kModeCount>> seen(net.nodes.size(), {0, 0, 0, 0});
  std::vector<std::vector<Step>> steps(net.nodes.size());
  for (NodeIndex n = 0; n < net.nodes.size(); ++n) steps[n] = steps_from(net, n, filter);
  auto dfs = [&](auto&& self, NodeIndex at, bool at_origin, Mode arrived_by, double cost) -> void {
    for (const Step& step : steps[at]) {
      const Link& link = net.links[step.link];
      const auto m = static_cast<std::size_t>(link.mode);
      if (step.to == origin || seen[step.to][m]) continue;
      const double c = step_cost(net, at, at_origin, arrived_by, link, by);
      if (c == kInf) continue;
      best[step.to] = std::min(best[step.to], cost + c);
      seen[step.to][m] = 1;
      self(self, step.to, false, link.mode, cost + c);
      seen[step.to][m] = 0;
    }
  };
  dfs(dfs, origin, true, Mode::Rail, 0.0);
  return best;
}

bool is_simple(const Route& route) {
  std::vector<NodeIndex> nodes = route.nodes;
  std::sort(nodes.begin(), nodes.end());
  return std::adjacent_find(nodes.begin(), nodes.end()) == nodes.end();
}

// ---------------------------------------------------------------------------------------
// Brute-force minimum cut on the split graph, built here from docs/model.md.

struct SplitArc {
  int from, to;
  std::int64_t capacity;
};

/// Minimum s-t cut by enumerating every bipartition of the 2n split vertices.
/// Unlimited capacities count as `unlimited`; a result >= unlimited means no finite cut.
std::int64_t brute_force_min_cut(const Network& net, const FlowQuery& query, std::int64_t unlimited) {
  const int n = static_cast<int>(net.nodes.size());
  const int source = 2 * n, sink = 2 * n + 1;  // super source, super sink
  std::vector<SplitArc> arcs;
  for (int v = 0; v < n; ++v)
    if (net.nodes[v].status == Status::Open)
      arcs.push_back({2 * v, 2 * v + 1, net.nodes[v].capacity_tpy.value_or(unlimited)});
  for (LinkIndex l = 0; l < net.links.size(); ++l) {
    if (!query_allows(net, l, query.corridors, query.avoid)) continue;
    const Link& link = net.links[l];
    const std::int64_t c = link.capacity_tpy.value_or(unlimited);
    arcs.push_back({2 * static_cast<int>(link.from) + 1, 2 * static_cast<int>(link.to), c});
    if (link.bidirectional) arcs.push_back({2 * static_cast<int>(link.to) + 1, 2 * static_cast<int>(link.from), c});
  }
  for (NodeIndex s : query.sources) arcs.push_back({source, 2 * static_cast<int>(s), unlimited});
  for (NodeIndex t : query.sinks) arcs.push_back({2 * static_cast<int>(t) + 1, sink, unlimited});

  std::int64_t best = std::numeric_limits<std::int64_t>::max();
  const std::uint32_t subsets = 1u << (2 * n);
  for (std::uint32_t mask = 0; mask < subsets; ++mask) {
    auto on_source_side = [&](int v) {
      return v == source || (v != sink && ((mask >> v) & 1u));
    };
    std::int64_t cut = 0;
    for (const SplitArc& a : arcs)
      if (on_source_side(a.from) && !on_source_side(a.to)) cut += a.capacity;
    best = std::min(best, cut);
  }
  return best;
}

std::vector<NodeIndex> random_subset(Rng& rng, std::vector<NodeIndex>& pool, int count) {
  std::shuffle(pool.begin(), pool.end(), rng);
  std::vector<NodeIndex> out(pool.begin(), pool.begin() + count);
  pool.erase(pool.begin(), pool.begin() + count);
  return out;
}

}  // namespace

TEST_CASE("properties: routes equal a brute-force search over all paths") {
  const std::uint64_t seed = test_seed();
  int compared = 0, found = 0, non_simple = 0;
  for (int k = 0; k < kRouteCases; ++k) {
    Rng rng(case_seed(seed, 0, k));
    const Network net = small_network(rng, 8);
    INFO("CORRIDOR_TEST_SEED=" << seed << " case " << k << describe(net));
    const solve::Router router(net);
    std::vector<Restriction> restrictions = {Restriction{}};
    for (int i = 0; i < 3; ++i) restrictions.push_back(random_restriction(rng, net));
    for (const Restriction& filter : restrictions) {
      INFO(describe(net, filter));
      for (Objective by : {Objective::Time, Objective::Distance}) {
        for (NodeIndex from = 0; from < net.nodes.size(); ++from) {
          const std::vector<double> walk = best_over_walks(net, from, by, filter);
          const std::vector<double> simple = best_over_simple_paths(net, from, by, filter);
          for (NodeIndex to = 0; to < net.nodes.size(); ++to) {
            if (to == from) continue;
            RouteQuery query = route_query(from, to, by, filter.corridors);
            query.avoid = filter.avoid;
            INFO("query " << net.nodes[from].id << " -> " << net.nodes[to].id << " by " << to_string(by));
            const RouteResult result = router.find_route(query);
            ++compared;
            CHECK(simple[to] >= walk[to]);  // sanity of the brute force itself
            REQUIRE(result.found() == (walk[to] < kInf));
            if (simple[to] < kInf) CHECK(result.found());
            if (!result.found()) continue;
            ++found;
            const Route& route = result.routes.front();
            check_route(net, query, route);
            const double value = by == Objective::Time ? route.hours : route.distance_km;
            CHECK(close_enough(value, walk[to]));
            if (is_simple(route)) CHECK(close_enough(value, simple[to]));
            else ++non_simple;
          }
        }
      }
    }
  }
  MESSAGE("route queries compared: " << compared << ", found: " << found
                                     << ", optimal routes passing a node twice: " << non_simple);
  CHECK(found > compared / 4);  // the generator gives the search something to do
}

TEST_CASE("properties: max flow equals a brute-force minimum cut") {
  const std::uint64_t seed = test_seed();
  int bounded = 0, unbounded = 0, positive = 0;
  for (int k = 0; k < kFlowCases; ++k) {
    Rng rng(case_seed(seed, 0, 100000 + k));
    const Network net = small_network(rng, 7);
    std::vector<NodeIndex> pool(net.nodes.size());
    for (NodeIndex i = 0; i < pool.size(); ++i) pool[i] = i;
    FlowQuery query;
    query.sources = random_subset(rng, pool, uniform(rng, 1, 2));
    query.sinks = random_subset(rng, pool, uniform(rng, 1, 2));
    if (chance(rng, 0.5)) query.target_tpy = uniform(rng, 0, 40);
    if (chance(rng, 0.4)) {
      const Restriction r = random_restriction(rng, net);
      query.corridors = r.corridors;
      query.avoid = r.avoid;
    }
    INFO("CORRIDOR_TEST_SEED=" << seed << " case " << k << describe(net));
    INFO(describe(net, Restriction{query.corridors, query.avoid}));
    INFO("sources " << query.sources.size() << " first " << net.nodes[query.sources[0]].id << ", sinks "
                    << query.sinks.size() << " first " << net.nodes[query.sinks[0]].id);

    const FlowResult result = solve::max_flow(net, query);
    check_flow(net, query, result);
    constexpr std::int64_t kUnlimitedCut = std::int64_t{1} << 50;
    const std::int64_t cut = brute_force_min_cut(net, query, kUnlimitedCut);
    CHECK(result.unbounded == (cut >= kUnlimitedCut));
    if (result.unbounded) {
      ++unbounded;
      CHECK(result.meets_target().value_or(true));
      continue;
    }
    ++bounded;
    positive += result.max_flow_tpy > 0;
    CHECK(result.max_flow_tpy == cut);
    if (query.target_tpy) CHECK(*result.meets_target() == (result.max_flow_tpy >= *query.target_tpy));
  }
  MESSAGE("flow cases: " << bounded << " bounded (" << positive << " positive), " << unbounded << " unbounded");
  CHECK(positive > kFlowCases / 5);
  CHECK(unbounded > 0);
}

namespace {

/// Everything a max-flow result reports, as text: two results are the same answer exactly
/// when their texts are equal (a failure then shows both).
std::string flow_text(const FlowResult& r) {
  std::ostringstream out;
  out << "flow " << r.max_flow_tpy << (r.unbounded ? " unbounded" : "") << "\ncut";
  for (const CutElement& c : r.min_cut)
    out << " " << (c.type == CutElement::Type::Link ? "L" : "N") << c.index << ":" << c.from << ">" << c.to << "="
        << c.capacity_tpy;
  out << "\nflows";
  for (const LinkFlow& f : r.flows)
    out << " L" << f.link << ":" << f.from << ">" << f.to << "=" << f.flow_tpy << "/" << f.capacity_tpy.value_or(-1);
  out << "\nloads";
  for (const NodeLoad& l : r.node_loads) out << " N" << l.node << "=" << l.throughput_tpy << "/" << l.capacity_tpy.value_or(-1);
  return out.str();
}

}  // namespace

TEST_CASE("properties: one FlowSolver answers a sequence of queries as fresh max flows on raised networks do") {
  const std::uint64_t seed = test_seed();
  int compared = 0, raised = 0, filtered = 0;
  for (int k = 0; k < 300; ++k) {
    Rng rng(case_seed(seed, 0, 200000 + k));
    const Network net = small_network(rng, 9);
    std::vector<NodeIndex> pool(net.nodes.size());
    for (NodeIndex i = 0; i < pool.size(); ++i) pool[i] = i;
    FlowQuery base;
    base.sources = random_subset(rng, pool, uniform(rng, 1, 2));
    base.sinks = random_subset(rng, pool, uniform(rng, 1, 2));
    const solve::FlowSolver solver(net, base.sources, base.sinks);
    INFO("CORRIDOR_TEST_SEED=" << seed << " case " << k << describe(net));
    // Several queries on the same solver, in a random order of filters and raises: no query
    // may see anything of the one before.
    for (int q = 0; q < 4; ++q) {
      FlowQuery query = base;
      if (chance(rng, 0.5)) {
        const Restriction r = random_restriction(rng, net);
        query.corridors = r.corridors;
        query.avoid = r.avoid;
        ++filtered;
      }
      std::vector<solve::CapacityRaise> raises;
      Network raised_net = net;
      for (int i = uniform(rng, 0, 3); i > 0; --i) {
        const bool on_link = chance(rng, 0.6);
        const std::uint32_t index = static_cast<std::uint32_t>(
            uniform(rng, 0, static_cast<int>(on_link ? net.links.size() : net.nodes.size()) - 1));
        auto& capacity = on_link ? raised_net.links[index].capacity_tpy : raised_net.nodes[index].capacity_tpy;
        if (!capacity) continue;  // only finite capacities can be raised
        const TonnesPerYear extra = uniform(rng, 1, 20);
        *capacity += extra;
        raises.push_back({on_link ? CutElement::Type::Link : CutElement::Type::Node, index, extra});
      }
      raised += !raises.empty();
      INFO("query " << q << ": " << raises.size() << " raises" << describe(raised_net, Restriction{query.corridors, query.avoid}));
      const FlowResult from_solver = solver.max_flow(query, raises);
      check_flow(raised_net, query, from_solver);
      CHECK(flow_text(from_solver) == flow_text(solve::max_flow(raised_net, query)));
      ++compared;
    }
  }
  MESSAGE("solver reuse: " << compared << " queries, " << raised << " with raises, " << filtered << " filtered");
  CHECK(raised > compared / 4);
  CHECK(filtered > compared / 4);
}
