// Equilibrium assignment with load-dependent delays: delay functions, Wardrop's condition on every
// result (checked against every simple path, enumerated), closed forms, an independent path-based
// fixed point, system optimum vs user equilibrium, zero volume = the deterministic model.

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <random>

#include "model/delay.hpp"
#include "solve/equilibrium.hpp"
#include "solve/route.hpp"
#include "support/builders.hpp"
#include "support/seed.hpp"

using namespace corridor;
using corridor::test::NetworkBuilder;

namespace {

DelayFunction bpr(double capacity, double alpha = 0.15, double beta = 4.0) {
  DelayFunction f;
  f.form = DelayForm::Bpr;
  f.capacity_tpy = capacity;
  f.alpha = alpha;
  f.beta = beta;
  return f;
}

DelayFunction queue(double capacity, double service_hours, double variability = 0.5) {
  DelayFunction f;
  f.form = DelayForm::Queue;
  f.capacity_tpy = capacity;
  f.service_hours = service_hours;
  f.variability = variability;
  return f;
}

AssignQuery equilibrium_query(std::vector<OdDemand> demand, EquilibriumKind kind = EquilibriumKind::User,
                              double gap = 1e-6) {
  AssignQuery query;
  query.demand = std::move(demand);
  query.equilibrium = EquilibriumSettings{kind, gap, 20000};
  return query;
}

/// Simple paths (node-simple, single mode, no transfers) from one node to another, as link lists.
std::vector<std::vector<LinkIndex>> simple_paths(const Network& net, NodeIndex from, NodeIndex to) {
  std::vector<std::vector<LinkIndex>> paths;
  std::vector<LinkIndex> path;
  std::vector<char> on(net.nodes.size(), 0);
  std::function<void(NodeIndex)> visit = [&](NodeIndex n) {
    if (n == to) {
      paths.push_back(path);
      return;
    }
    on[n] = 1;
    for (LinkIndex l = 0; l < net.links.size(); ++l) {
      const Link& link = net.links[l];
      NodeIndex next;
      if (link.from == n) next = link.to;
      else if (link.bidirectional && link.to == n) next = link.from;
      else continue;
      if (on[next]) continue;
      path.push_back(l);
      visit(next);
      path.pop_back();
    }
    on[n] = 0;
  };
  visit(from);
  return paths;
}

/// Loads of every link direction and node from path flows (nodes: pass-through + O/D flows).
struct Loads {
  std::map<std::tuple<LinkIndex, NodeIndex, NodeIndex>, double> link;
  std::vector<double> node;
};

Loads loads_of(const Network& net, const std::vector<OdDemand>& demand,
               const std::vector<std::vector<std::pair<std::vector<LinkIndex>, double>>>& flows) {
  Loads loads;
  loads.node.assign(net.nodes.size(), 0.0);
  for (std::size_t k = 0; k < demand.size(); ++k) {
    loads.node[demand[k].from] += demand[k].tonnes_per_year;
    loads.node[demand[k].to] += demand[k].tonnes_per_year;
    for (const auto& [links, flow] : flows[k]) {
      NodeIndex at = demand[k].from;
      for (std::size_t i = 0; i < links.size(); ++i) {
        const Link& link = net.links[links[i]];
        const NodeIndex next = link.from == at ? link.to : link.from;
        loads.link[{links[i], at, next}] += flow;
        if (i > 0) loads.node[at] += flow;
        at = next;
      }
    }
  }
  return loads;
}

/// Loaded hours of a path: the route model's time plus every element's delay at its load.
double loaded_hours(const Network& net, NodeIndex from, const std::vector<LinkIndex>& links, const Loads& loads) {
  double hours = solve::make_route(net, from, links).hours;
  NodeIndex at = from;
  for (std::size_t i = 0; i < links.size(); ++i) {
    const Link& link = net.links[links[i]];
    const NodeIndex next = link.from == at ? link.to : link.from;
    if (i > 0)
      if (auto f = effective_delay(net.nodes[at])) hours += delay_hours(*f, delay_free_flow_hours(net.nodes[at]), loads.node[at]);
    if (auto f = effective_delay(link)) {
      const auto it = loads.link.find({links[i], at, next});
      hours += delay_hours(*f, delay_free_flow_hours(link), it == loads.link.end() ? 0.0 : it->second);
    }
    at = next;
  }
  return hours;
}

/// Wardrop's condition, checked against every simple path: each path the result uses (share >=
/// min_share) is within `tolerance` (relative) of the fastest path at the result's loads, and its
/// reported hours are its loaded hours. Returns the loads for further checks.
Loads check_wardrop(const Network& net, const AssignResult& result, double tolerance, double min_share = 1e-3) {
  REQUIRE(result.equilibrium);
  std::vector<std::vector<std::pair<std::vector<LinkIndex>, double>>> flows;
  for (const OdAssignment& od : result.ods) {
    flows.emplace_back();
    double total = 0.0;
    for (const OdPath& path : od.paths) flows.back().emplace_back(path.links, path.tonnes_per_year), total += path.tonnes_per_year;
    CHECK(total == doctest::Approx(od.served_tpy).epsilon(1e-9));
  }
  const Loads loads = loads_of(net, result.query.demand, flows);
  for (const OdAssignment& od : result.ods) {
    double fastest = std::numeric_limits<double>::infinity();
    for (const auto& links : simple_paths(net, od.demand.from, od.demand.to))
      fastest = std::min(fastest, loaded_hours(net, od.demand.from, links, loads));
    for (const OdPath& path : od.paths) {
      const double hours = loaded_hours(net, od.demand.from, path.links, loads);
      CHECK(path.hours == doctest::Approx(hours).epsilon(1e-6));
      if (path.tonnes_per_year >= min_share * od.served_tpy) CHECK(hours <= fastest * (1.0 + tolerance) + 1e-9);
    }
  }
  return loads;
}

/// Total loaded hours x tonnes of a result (the system optimum's objective for the time weight).
double total_hours(const AssignResult& result) {
  double total = 0.0;
  for (const OdAssignment& od : result.ods)
    for (const OdPath& path : od.paths) total += path.tonnes_per_year * path.hours;
  return total;
}

}  // namespace

TEST_CASE("delay functions: BPR formula, queue cap, monotone, convex, integral") {
  const DelayFunction f = bpr(1000.0);
  CHECK(delay_hours(f, 10.0, 0.0) == 0.0);
  CHECK(delay_hours(f, 10.0, 1000.0) == doctest::Approx(1.5));   // 10 x 0.15 x 1^4
  CHECK(delay_hours(f, 10.0, 2000.0) == doctest::Approx(24.0));  // 10 x 0.15 x 16
  const DelayFunction q = queue(1000.0, 24.0, 0.5);
  CHECK(delay_hours(q, 5.0, 500.0) == doctest::Approx(12.0));  // 24 x 0.5 x 0.5 / 0.5
  // Beyond 95 % the tangent: continuous, finite, same slope.
  const double at_cap = delay_hours(q, 5.0, 950.0);
  CHECK(at_cap == doctest::Approx(24.0 * 0.5 * 0.95 / 0.05));
  CHECK(delay_hours(q, 5.0, 1950.0) == doctest::Approx(at_cap + delay_slope(q, 5.0, 950.0) * 1000.0));
  for (const DelayFunction& g : {f, q, bpr(500.0, 0.5, 1.0), queue(800.0, 0.0, 1.0)}) {
    double previous = 0.0, previous_slope = 0.0;
    for (double load = 0.0; load <= 2500.0; load += 25.0) {
      const double value = delay_hours(g, 7.0, load), slope = delay_slope(g, 7.0, load);
      CHECK(value >= previous);
      CHECK(slope >= previous_slope - 1e-12);
      CHECK(delay_curvature(g, 7.0, load) >= 0.0);
      // The integral's derivative is the delay; the delay's derivative its slope.
      const double h = 1e-3;
      if (load > 0) {
        CHECK((delay_integral(g, 7.0, load + h) - delay_integral(g, 7.0, load - h)) / (2 * h) ==
              doctest::Approx(value).epsilon(1e-5));
        CHECK((delay_hours(g, 7.0, load + h) - delay_hours(g, 7.0, load - h)) / (2 * h) ==
              doctest::Approx(slope).epsilon(1e-4));
      }
      previous = value, previous_slope = slope;
    }
  }
}

TEST_CASE("equilibrium: two parallel routes match the closed form (linear BPR) and bisection (beta 4)") {
  for (double beta : {1.0, 4.0}) {
    CAPTURE(beta);
    Network net = NetworkBuilder()
                      .node("A").node("B").node("M1").node("M2")
                      .link("A", "M1", Mode::Rail, 100, 10.0).link("M1", "B", Mode::Rail, 10, 0.0)
                      .link("A", "M2", Mode::Rail, 100, 14.0).link("M2", "B", Mode::Rail, 10, 0.0)
                      .build();
    net.links[0].delay = bpr(1e6, 0.15, beta);
    net.links[2].delay = bpr(5e5, 0.15, beta);
    const double demand = 4e6;
    auto t1 = [&](double x) { return 10.0 * (1 + 0.15 * std::pow(x / 1e6, beta)); };
    auto t2 = [&](double x) { return 14.0 * (1 + 0.15 * std::pow(x / 5e5, beta)); };
    double x1;
    if (beta == 1.0) {
      // 10 + 1.5 x / 1e6 = 14 + 2.1 (d - x) / 5e5  =>  x = (4 + 4.2 d / 1e6) / (1.5 / 1e6 + 4.2 / 1e6)
      x1 = (4.0 + 2.1 * demand / 5e5) / (1.5 / 1e6 + 2.1 / 5e5);
    } else {
      double low = 0.0, high = demand;
      for (int i = 0; i < 200; ++i) ((t1(0.5 * (low + high)) < t2(demand - 0.5 * (low + high))) ? low : high) = 0.5 * (low + high);
      x1 = 0.5 * (low + high);
    }
    const AssignResult result = solve::assign_equilibrium(net, equilibrium_query({{0, 1, demand}}, EquilibriumKind::User, 1e-9));
    REQUIRE(result.ods.size() == 1);
    REQUIRE(result.ods[0].paths.size() == 2);
    double via_m1 = 0.0;
    for (const OdPath& path : result.ods[0].paths)
      if (path.links[0] == 0) via_m1 = path.tonnes_per_year;
    CHECK(via_m1 == doctest::Approx(x1).epsilon(1e-4));
    CHECK(result.ods[0].paths[0].hours == doctest::Approx(t1(x1)).epsilon(1e-5));
    CHECK(result.ods[0].paths[1].hours == doctest::Approx(t2(demand - x1)).epsilon(1e-5));
    CHECK(result.equilibrium->stop == EquilibriumStop::Converged);
    CHECK(result.equilibrium->relative_gap <= 1e-9);
    check_wardrop(net, result, 1e-6);
  }
}

namespace {

/// "N<n>" (appended, not "N" + ...: GCC 12's false -Wrestrict, bug 105651).
std::string node_name(int n) {
  std::string name = "N";
  name += std::to_string(n);
  return name;
}

Network random_congested_network(std::mt19937_64& rng, int node_count) {
  NetworkBuilder builder;
  for (int n = 0; n < node_count; ++n) builder.node(node_name(n));
  std::uniform_real_distribution<double> hours(1.0, 20.0), unit(0.0, 1.0);
  for (int n = 1; n < node_count; ++n)  // a spanning tree, then chords
    builder.link(node_name(std::uniform_int_distribution<int>(0, n - 1)(rng)), node_name(n), Mode::Rail, 100, hours(rng));
  for (int extra = 0; extra < node_count / 2 + 1; ++extra) {
    const int a = std::uniform_int_distribution<int>(0, node_count - 1)(rng);
    const int b = std::uniform_int_distribution<int>(0, node_count - 1)(rng);
    if (a != b) builder.link(node_name(a), node_name(b), Mode::Rail, 100, hours(rng));
  }
  Network net = builder.build();
  for (Link& link : net.links)
    link.delay = bpr(2e5 + 1e6 * unit(rng), 0.1 + unit(rng), 1.0 + std::floor(4 * unit(rng)));
  for (Node& node : net.nodes)
    if (unit(rng) < 0.3) {
      node.dwell_hours = 5.0 * unit(rng);
      node.delay = queue(3e6 + 3e6 * unit(rng), 6.0 + 12.0 * unit(rng), 0.5 + unit(rng));
    }
  return net;
}

std::vector<OdDemand> random_demand(std::mt19937_64& rng, int node_count, int pairs) {
  std::vector<OdDemand> demand;
  std::uniform_int_distribution<int> pick(0, node_count - 1);
  while (static_cast<int>(demand.size()) < pairs) {
    const auto from = static_cast<NodeIndex>(pick(rng)), to = static_cast<NodeIndex>(pick(rng));
    if (from != to) demand.push_back({from, to, 2e5 + 8e5 * std::uniform_real_distribution<double>(0, 1)(rng)});
  }
  return demand;
}

/// An independent user equilibrium: path flows over every simple path, equalised pair by pair
/// (move flow from the slowest used path to the fastest until their loaded times meet).
std::vector<std::vector<std::pair<std::vector<LinkIndex>, double>>> path_equilibrium(const Network& net,
                                                                                     const std::vector<OdDemand>& demand) {
  std::vector<std::vector<std::pair<std::vector<LinkIndex>, double>>> flows(demand.size());
  for (std::size_t k = 0; k < demand.size(); ++k) {
    for (auto& links : simple_paths(net, demand[k].from, demand[k].to)) flows[k].emplace_back(links, 0.0);
    flows[k][0].second = demand[k].tonnes_per_year;
  }
  for (int sweep = 0; sweep < 400; ++sweep) {
    double worst = 0.0;
    for (std::size_t k = 0; k < demand.size(); ++k) {
      auto time = [&](std::size_t p) { return loaded_hours(net, demand[k].from, flows[k][p].first, loads_of(net, demand, flows)); };
      std::size_t fast = 0, slow = 0;
      std::vector<double> t(flows[k].size());
      for (std::size_t p = 0; p < flows[k].size(); ++p) t[p] = time(p);
      for (std::size_t p = 0; p < flows[k].size(); ++p) {
        if (t[p] < t[fast]) fast = p;
        if (flows[k][p].second > 0 && (flows[k][slow].second == 0 || t[p] > t[slow])) slow = p;
      }
      worst = std::max(worst, (t[slow] - t[fast]) / t[fast]);
      if (fast == slow || t[slow] - t[fast] < 1e-12) continue;
      double low = 0.0, high = flows[k][slow].second;
      const double base_fast = flows[k][fast].second, base_slow = flows[k][slow].second;
      for (int i = 0; i < 60; ++i) {
        const double mid = 0.5 * (low + high);
        flows[k][fast].second = base_fast + mid, flows[k][slow].second = base_slow - mid;
        (time(fast) < time(slow) ? low : high) = mid;
      }
      flows[k][fast].second = base_fast + low, flows[k][slow].second = base_slow - low;
    }
    if (worst < 1e-8) break;
  }
  return flows;
}

}  // namespace

TEST_CASE("equilibrium on random small networks: Wardrop, an independent fixed point, system <= user") {
  std::mt19937_64 rng(corridor::test::test_seed());
  for (int trial = 0; trial < 12; ++trial) {
    CAPTURE(trial);
    const int node_count = 5 + trial % 2;
    const Network net = random_congested_network(rng, node_count);
    const std::vector<OdDemand> demand = random_demand(rng, node_count, 1 + trial % 3);
    const AssignResult user = solve::assign_equilibrium(net, equilibrium_query(demand));
    CHECK(user.equilibrium->stop == EquilibriumStop::Converged);
    const Loads loads = check_wardrop(net, user, 1e-3);
    // Loads equal those of the path-based equilibrium (unique in loads: convex, increasing delays).
    const Loads reference = loads_of(net, demand, path_equilibrium(net, demand));
    double deviation = 0.0, total = 0.0;
    for (const auto& [key, load] : reference.link) {
      const auto it = loads.link.find(key);
      deviation += std::fabs(load - (it == loads.link.end() ? 0.0 : it->second));
      total += load;
    }
    for (const auto& [key, load] : loads.link)
      if (!reference.link.count(key)) deviation += load;
    CHECK(deviation <= 1e-3 * total);
    const AssignResult system = solve::assign_equilibrium(net, equilibrium_query(demand, EquilibriumKind::System));
    CHECK(system.equilibrium->stop == EquilibriumStop::Converged);
    CHECK(total_hours(system) <= total_hours(user) * (1.0 + 1e-6));
    // Deterministic: the same query gives the same result, path for path.
    const AssignResult again = solve::assign_equilibrium(net, equilibrium_query(demand));
    REQUIRE(again.ods.size() == user.ods.size());
    for (std::size_t k = 0; k < user.ods.size(); ++k) {
      REQUIRE(again.ods[k].paths.size() == user.ods[k].paths.size());
      for (std::size_t p = 0; p < user.ods[k].paths.size(); ++p) {
        CHECK(again.ods[k].paths[p].links == user.ods[k].paths[p].links);
        CHECK(again.ods[k].paths[p].tonnes_per_year == user.ods[k].paths[p].tonnes_per_year);
      }
    }
  }
}

TEST_CASE("equilibrium at (almost) zero volume gives the deterministic route times") {
  std::mt19937_64 rng(corridor::test::test_seed() + 1);
  for (int trial = 0; trial < 6; ++trial) {
    const Network net = random_congested_network(rng, 6);
    const std::vector<OdDemand> demand = random_demand(rng, 6, 2);
    std::vector<OdDemand> tiny = demand;
    for (OdDemand& od : tiny) od.tonnes_per_year = 1e-3;
    const AssignResult result = solve::assign_equilibrium(net, equilibrium_query(tiny));
    const solve::Router router(net);
    for (const OdAssignment& od : result.ods) {
      RouteQuery query;
      query.from = od.demand.from;
      query.to = od.demand.to;
      query.by = Objective::Time;
      const RouteResult best = router.find_route(query);
      REQUIRE(!best.routes.empty());
      REQUIRE(!od.paths.empty());
      CHECK(od.paths[0].hours == doctest::Approx(best.routes[0].hours).epsilon(1e-6));
    }
  }
}

TEST_CASE("equilibrium keeps a hard capacity: the excess takes the slower route") {
  Network net = NetworkBuilder()
                    .node("A").node("B").node("M1").node("M2")
                    .link("A", "M1", Mode::Rail, 100, 10.0, 1'000'000).link("M1", "B", Mode::Rail, 10, 0.0)
                    .link("A", "M2", Mode::Rail, 100, 30.0).link("M2", "B", Mode::Rail, 10, 0.0)
                    .build();
  const AssignResult result = solve::assign_equilibrium(net, equilibrium_query({{0, 1, 3e6}}, EquilibriumKind::User, 1e-6));
  double via_m1 = 0.0;
  for (const OdPath& path : result.ods[0].paths)
    if (path.links[0] == 0) via_m1 = path.tonnes_per_year;
  CHECK(via_m1 <= 1e6 * 1.001);
  CHECK(via_m1 >= 1e6 * 0.99);
  CHECK(result.equilibrium->over_capacity_tpy == 0.0);
  REQUIRE(!result.binding.empty());
  CHECK(result.binding[0].index == 0);
  // Beyond what can move at all: reported, not hidden.
  net.links[2].capacity_tpy = 1'000'000;
  const AssignResult over = solve::assign_equilibrium(net, equilibrium_query({{0, 1, 3e6}}, EquilibriumKind::User, 1e-6));
  CHECK(over.equilibrium->over_capacity_tpy > 4e5);
}

TEST_CASE("equilibrium keeps a shared resource's capacity, as the max flow does, factors and other cargo included") {
  // Three parallel routes; the two fast ones share a fleet (the second draws 2 units a tonne) of
  // 2 Mt/yr, 0.5 Mt/yr of it taken by other cargo; the slow one is unlimited.
  Network net = NetworkBuilder()
                    .node("A").node("B").node("M1").node("M2").node("M3")
                    .link("A", "M1", Mode::Rail, 100, 10.0).link("M1", "B", Mode::Rail, 10, 0.0)
                    .link("A", "M2", Mode::Rail, 100, 12.0).link("M2", "B", Mode::Rail, 10, 0.0)
                    .link("A", "M3", Mode::Rail, 100, 40.0).link("M3", "B", Mode::Rail, 10, 0.0)
                    .build();
  net.resources.push_back({"FLEET", "the fleet", 2e6, "t/yr", 5e5, {}, "", ""});
  net.links[0].uses = {{"FLEET", 1.0}};
  net.links[2].uses = {{"FLEET", 2.0}};
  auto fleet_units = [](const AssignResult& r) {  // what the paths draw on the fleet
    double units = 0.0;
    for (const OdPath& path : r.ods[0].paths)
      units += path.tonnes_per_year * (path.links[0] == 0 ? 1.0 : path.links[0] == 2 ? 2.0 : 0.0);
    return units;
  };
  const AssignResult result = solve::assign_equilibrium(net, equilibrium_query({{0, 1, 3e6}}, EquilibriumKind::User, 1e-6));
  CHECK(fleet_units(result) <= 1.5e6 * 1.001);
  CHECK(fleet_units(result) >= 1.5e6 * 0.99);
  CHECK(result.served_tpy == doctest::Approx(3e6));
  CHECK(result.equilibrium->over_capacity_tpy == 0.0);
  REQUIRE(result.resource_loads.size() == 1);
  CHECK(result.resource_loads[0].binding);
  CHECK(result.resource_loads[0].background == 5e5);
  CHECK(result.resource_loads[0].used == doctest::Approx(fleet_units(result)).epsilon(1e-9));
  // The max flow over the fast routes alone is what the fleet leaves: 1.5 Mt/yr.
  net.links[4].status = Status::Closed;
  const AssignResult over = solve::assign_equilibrium(net, equilibrium_query({{0, 1, 3e6}}, EquilibriumKind::User, 1e-6));
  CHECK(over.equilibrium->over_capacity_tpy > 1e6);
}
