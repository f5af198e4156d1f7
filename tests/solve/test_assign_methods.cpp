// The demand assignment's two methods (solve/assign.hpp): column generation, the default, and
// the arc LP it replaced. On seeded random networks with several OD pairs, shared resources,
// background traffic, zero capacities and demand beyond what the network carries, both must
// find the same optimum (objective, total served tonnes; the split between OD pairs and paths
// may differ where optima tie), and the column generation's answer must pass the assignment
// certificates (support/capacity_checks.hpp: real paths, conservation, demand met or reported
// unserved, every link and node capacity held) and hold every shared resource. The LEMON
// cross-checks (test_crosscheck_assignment.cpp) compare the default method with NetworkSimplex.
// A master solve that stalls starts again from a fresh basis (solve/detail/simplex.hpp): the
// column generation with every master solve started afresh finds the same optimum too.
// CORRIDOR_TEST_SEED sets the seed; a failure prints case and network.

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>

#include <doctest/doctest.h>

#include "model/capacity.hpp"
#include "model/cost.hpp"
#include "model/generate.hpp"
#include "solve/assign.hpp"
#include "solve/detail/assign_paths.hpp"
#include "solve/detail/simplex.hpp"
#include "support/capacity_checks.hpp"
#include "support/random_network.hpp"
#include "support/seed.hpp"

namespace corridor::test {
namespace {

using solve::AssignMethod;

/// One or two shared resources (capacity sometimes zero) drawn on by random links and nodes.
void add_resources(Rng& rng, Network& net) {
  const int count = uniform(rng, 1, 2);
  for (int r = 0; r < count; ++r) {
    const std::string id = "POOL" + std::to_string(r);
    const double capacity = chance(rng, 0.15) ? 0.0 : double(uniform(rng, 1, 60));
    net.resources.push_back({id, "a shared pool", capacity, "t/yr", double(uniform(rng, 0, 10)), {}, "", ""});
    for (Link& link : net.links)
      if (chance(rng, 0.25)) link.uses.push_back({id, chance(rng, 0.5) ? 1.0 : uniform_real(rng, 0.5, 2.0)});
    for (Node& node : net.nodes)
      if (chance(rng, 0.1)) node.uses.push_back({id, 1.0});
  }
}

/// A random network (random_network.hpp) of at most `max_nodes` nodes in at most `max_parts`
/// parts, with shared resources when `with_resources`, indexed.
Network random_assign_network(Rng& rng, int max_nodes, int max_parts, bool with_resources) {
  RandomNetworkShape shape;
  shape.max_nodes = max_nodes;
  shape.max_parts = max_parts;
  Network net = random_network(rng, shape);
  if (with_resources) add_resources(rng, net);
  net.reindex();
  return net;
}

/// Random OD pairs (1..5, repeats and shared ends allowed) with demand of 1..60 t/yr each.
std::vector<OdDemand> random_demand(Rng& rng, const Network& net) {
  std::vector<OdDemand> demand;
  const int pairs = uniform(rng, 1, 5);
  const int n = static_cast<int>(net.nodes.size());
  for (int i = 0; i < pairs; ++i) {
    const auto from = static_cast<NodeIndex>(uniform(rng, 0, n - 1));
    auto to = static_cast<NodeIndex>(uniform(rng, 0, n - 2));
    if (to >= from) ++to;
    demand.push_back({from, to, double(uniform(rng, chance(rng, 0.1) ? 0 : 1, 60))});
  }
  return demand;
}

AssignQuery random_assign_query(Rng& rng, const Network& net) {
  AssignQuery query;
  query.demand = random_demand(rng, net);
  query.weights.by = pick(rng, std::vector<AssignObjective>{AssignObjective::Time, AssignObjective::Cost,
                                                                  AssignObjective::Generalized});
  query.weights.value_of_time_usd_per_t_day = chance(rng, 0.5) ? 0.0 : uniform_real(rng, 0, 50);
  if (chance(rng, 0.3)) query.max_detour = std::nullopt;
  else if (chance(rng, 0.3)) query.max_detour = uniform_real(rng, 1.0, 2.0);
  if (chance(rng, 0.2)) query.unserved_penalty_per_t = uniform_real(rng, 1.0, 500.0);
  if (chance(rng, 0.2)) query.avoid = random_restriction(rng, net).avoid;
  return query;
}

double close(double a, double b) { return std::fabs(a - b) <= 1e-6 * std::max({1.0, std::fabs(a), std::fabs(b)}); }

struct BothMethods {
  AssignResult arcs, paths;
};

/// Both methods on one case: both solved, column generation's answer passes the assignment
/// certificate and has the arc LP's objective and served tonnes.
BothMethods solve_both_and_compare(const Network& net, const AssignQuery& query) {
  BothMethods both{solve::assign_demand(net, query, AssignMethod::ArcLp),
                   solve::assign_demand(net, query, AssignMethod::ColumnGeneration)};
  REQUIRE(both.arcs.solved);
  REQUIRE(both.paths.solved);
  check_assignment(net, query, both.paths);
  CHECK(close(both.paths.objective, both.arcs.objective));
  CHECK(close(both.paths.served_tpy, both.arcs.served_tpy));
  return both;
}

}  // namespace

TEST_CASE("assignment: column generation finds the arc LP's optimum (random networks)") {
  const std::uint64_t seed = test_seed();
  int with_unserved = 0, with_binding = 0, with_resource_binding = 0;
  for (int i = 0; i < 300; ++i) {
    Rng rng(case_seed(seed, 61, i));
    const Network net = random_assign_network(rng, 9, 2, i % 3 != 0);
    const AssignQuery query = random_assign_query(rng, net);
    INFO("CORRIDOR_TEST_SEED=" << seed << " assignment methods case " << i);
    INFO(describe(net));
    const BothMethods both = solve_both_and_compare(net, query);
    const AssignResult& paths = both.paths;
    CHECK(paths.solver_status == both.arcs.solver_status);
    CHECK(close(paths.unserved_penalty_per_t, both.arcs.unserved_penalty_per_t));
    REQUIRE(paths.resource_loads.size() == net.resources.size());
    for (const ResourceLoad& load : paths.resource_loads) {
      const double left = std::max(0.0, load.capacity - load.background);
      CHECK(load.used <= left + 1e-6 * std::max(1.0, left));
      with_resource_binding += load.binding;
    }
    with_unserved += paths.unserved_tpy > 0;
    with_binding += !paths.binding.empty();
  }
  // The cases reach what they are meant to test.
  CHECK(with_unserved > 20);
  CHECK(with_binding > 50);
  CHECK(with_resource_binding > 10);
}

TEST_CASE("assignment: column generation prices OD pairs sharing an origin or a destination together") {
  // Pairs drawn from a few origins and destinations (more of one than of the other, so that the
  // pricing groups them by origin in some cases and by destination in others), with detour
  // bounds that differ between pairs of a group: the same optimum as the arc LP.
  const std::uint64_t seed = test_seed();
  int with_binding = 0;
  for (int i = 0; i < 120; ++i) {
    Rng rng(case_seed(seed, 62, i));
    const Network net = random_assign_network(rng, 10, 1, i % 2 == 0);
    AssignQuery query = random_assign_query(rng, net);
    const int n = static_cast<int>(net.nodes.size());
    std::vector<NodeIndex> origins, destinations;
    const bool few_origins = i % 2 == 0;
    for (int e = 0; e < (few_origins ? 2 : 3); ++e) origins.push_back(static_cast<NodeIndex>(uniform(rng, 0, n - 1)));
    for (int e = 0; e < (few_origins ? 3 : 2); ++e) destinations.push_back(static_cast<NodeIndex>(uniform(rng, 0, n - 1)));
    query.demand.clear();
    for (const NodeIndex from : origins)
      for (const NodeIndex to : destinations)
        if (from != to) query.demand.push_back({from, to, double(uniform(rng, 1, 60))});
    if (query.demand.empty()) continue;
    if (chance(rng, 0.5)) query.max_detour = uniform_real(rng, 1.0, 1.6);
    INFO("CORRIDOR_TEST_SEED=" << seed << " shared ends case " << i);
    INFO(describe(net));
    const AssignResult paths = solve_both_and_compare(net, query).paths;
    with_binding += !paths.binding.empty();
  }
  CHECK(with_binding > 20);
}

TEST_CASE("assignment: a path that only a zero capacity blocks is not taken, and the capacity binds") {
  // Two routes A -> C: the fast one through B, whose node capacity is zero, and a slow direct link.
  Network net;
  for (const char* id : {"A", "B", "C"}) {
    Node node;
    node.id = id;
    node.name = id;
    net.nodes.push_back(node);
  }
  net.nodes[1].capacity_tpy = 0;
  auto add_link = [&](const char* id, NodeIndex from, NodeIndex to, double hours) {
    Link link;
    link.id = id;
    link.from = from;
    link.to = to;
    link.mode = Mode::Road;
    link.distance_km = 10 * hours;
    link.hours = hours;
    net.links.push_back(link);
  };
  add_link("AB", 0, 1, 1.0);
  add_link("BC", 1, 2, 1.0);
  add_link("AC", 0, 2, 5.0);
  net.reindex();
  AssignQuery query;
  query.demand.push_back({0, 2, 10.0});
  query.max_detour = std::nullopt;
  for (const AssignMethod method : {AssignMethod::ArcLp, AssignMethod::ColumnGeneration}) {
    CAPTURE(static_cast<int>(method));
    const AssignResult result = solve::assign_demand(net, query, method);
    REQUIRE(result.solved);
    REQUIRE(result.ods.size() == 1);
    REQUIRE(result.ods[0].paths.size() == 1);
    CHECK(result.ods[0].paths[0].links == std::vector<LinkIndex>{2});
    CHECK(result.ods[0].served_tpy == doctest::Approx(10.0));
    check_assignment(net, query, result);
  }
}

TEST_CASE("simplex_with_restart: a warm start abandoned at once ends at the optimum of one run to the end") {
  // Random bounded LPs (min c.x, A x <= b, x >= 0, c of both signs), solved once to the end, then
  // grown by a column and a row as a column generation grows its master, and solved again twice
  // from that warm basis: to the end, and with no warm iterations at all (a restart).
  const std::uint64_t seed = test_seed();
  int restarted = 0;
  for (int i = 0; i < 200; ++i) {
    Rng rng(case_seed(seed, 63, i));
    INFO("CORRIDOR_TEST_SEED=" << seed << " restart case " << i);
    const int rows = uniform(rng, 1, 8), cols = uniform(rng, 1, 10);
    auto random_lp = [&] {
      solve::detail::LpPointer lp(glp_create_prob());
      glp_set_obj_dir(lp.get(), GLP_MIN);
      glp_add_rows(lp.get(), rows);
      glp_add_cols(lp.get(), cols);
      Rng same(case_seed(seed, 64, i));  // both copies equal
      for (int r = 1; r <= rows; ++r) glp_set_row_bnds(lp.get(), r, GLP_UP, 0.0, uniform_real(same, 1.0, 100.0));
      for (int c = 1; c <= cols; ++c) {
        glp_set_col_bnds(lp.get(), c, GLP_DB, 0.0, uniform_real(same, 1.0, 50.0));
        glp_set_obj_coef(lp.get(), c, uniform_real(same, -10.0, 10.0));
        std::vector<int> index{0};
        std::vector<double> value{0.0};
        for (int r = 1; r <= rows; ++r)
          if (chance(same, 0.6)) index.push_back(r), value.push_back(uniform_real(same, 0.1, 5.0));
        glp_set_mat_col(lp.get(), c, static_cast<int>(index.size() - 1), index.data(), value.data());
      }
      return lp;
    };
    auto grow = [&](glp_prob* lp) {
      Rng same(case_seed(seed, 65, i));
      const int c = glp_add_cols(lp, 1);
      glp_set_col_bnds(lp, c, GLP_LO, 0.0, 0.0);
      glp_set_obj_coef(lp, c, uniform_real(same, -20.0, -1.0));
      const int r = glp_add_rows(lp, 1);
      glp_set_row_bnds(lp, r, GLP_UP, 0.0, uniform_real(same, 1.0, 100.0));
      std::vector<int> index{0, r};
      std::vector<double> value{0.0, uniform_real(same, 0.5, 2.0)};
      glp_set_mat_col(lp, c, 1, index.data(), value.data());
    };
    glp_term_out(GLP_OFF);
    solve::detail::LpPointer to_the_end = random_lp(), restarting = random_lp();
    for (glp_prob* lp : {to_the_end.get(), restarting.get()}) {
      REQUIRE(solve::detail::simplex_with_restart(lp, GLP_PRIMAL).optimal());
      grow(lp);
    }
    const solve::detail::SimplexOutcome full = solve::detail::simplex_with_restart(to_the_end.get(), GLP_PRIMAL, std::numeric_limits<int>::max());
    const solve::detail::SimplexOutcome restart = solve::detail::simplex_with_restart(restarting.get(), GLP_PRIMAL, 0);
    REQUIRE(full.optimal());
    REQUIRE(restart.optimal());
    CHECK_FALSE(full.restarted);
    restarted += restart.restarted;
    CHECK(close(glp_get_obj_val(restarting.get()), glp_get_obj_val(to_the_end.get())));
    for (int r = 1; r <= glp_get_num_rows(restarting.get()); ++r)  // the restart's answer is feasible
      CHECK(glp_get_row_prim(restarting.get(), r) <= glp_get_row_ub(restarting.get(), r) + 1e-7);
  }
  CHECK(restarted > 100);  // the new column (negative cost) nearly always needs an iteration
}

TEST_CASE("assignment: column generation finds the arc LP's optimum with every master solve started afresh, purging every round, or no greedy seed") {
  // Rare paths of the column generation made common: a warm start abandoned at once (as when
  // GLPK stalls), and priced-out columns purged at every round, however few, rather than every
  // tenth round once they outnumber twice the master's rows. And the master started empty, as
  // before the greedy seed, which the other cases all start from.
  const std::uint64_t seed = test_seed();
  int restarts = 0, dropped = 0;
  for (int i = 0; i < 150; ++i) {
    Rng rng(case_seed(seed, 66, i));
    const Network net = random_assign_network(rng, 10, 2, i % 2 == 0);
    const AssignQuery query = random_assign_query(rng, net);
    INFO("CORRIDOR_TEST_SEED=" << seed << " column settings case " << i);
    INFO(describe(net));
    const AssignResult arcs = solve::assign_demand(net, query, AssignMethod::ArcLp);
    REQUIRE(arcs.solved);
    const solve::detail::ExpandedGraph g =
        solve::detail::expand(net, usable_links(net, query.corridors, query.avoid), query.weights);
    for (const solve::detail::ColumnSettings settings : {solve::detail::ColumnSettings{0, 10, 2}, solve::detail::ColumnSettings{-1, 1, 0},
                                                         solve::detail::ColumnSettings{-1, 10, 2, false}}) {
      CAPTURE(settings.warm_iterations);
      CAPTURE(settings.seed);
      AssignResult paths;
      const solve::detail::PathAnswer answer =
          solve::detail::solve_by_columns(net, g, query, arcs.unserved_penalty_per_t, 1e-9, paths, settings);
      REQUIRE(paths.solved);
      CHECK(close(paths.objective, arcs.objective));
      restarts += answer.restarts;
      dropped += answer.dropped;
    }
  }
  CHECK(restarts > 50);
  CHECK(dropped > 0);
  // And a generated corridor network with demand beyond what it carries between 3 Chinese and 2
  // Turkish rail terminals.
  const GeneratedNetwork generated = generate_network({400, seed});
  const Network& net = generated.network;
  std::vector<NodeIndex> origins, destinations;
  for (NodeIndex n = 0; n < net.nodes.size(); ++n)
    if (net.nodes[n].kind == NodeKind::RailTerminal) {
      if (net.nodes[n].country == "CN" && origins.size() < 3) origins.push_back(n);
      if (net.nodes[n].country == "TR") destinations.push_back(n);
    }
  REQUIRE(origins.size() >= 2);
  REQUIRE(destinations.size() >= 2);
  AssignQuery query;
  for (const NodeIndex from : origins)
    for (auto to = destinations.end() - 2; to != destinations.end(); ++to) query.demand.push_back({from, *to, 3e7});
  INFO("CORRIDOR_TEST_SEED=" << seed << " generated network of 400 nodes");
  const AssignResult arcs = solve::assign_demand(net, query, AssignMethod::ArcLp);
  REQUIRE(arcs.solved);
  CHECK(arcs.unserved_tpy > 0);
  const solve::detail::ExpandedGraph g =
      solve::detail::expand(net, usable_links(net, query.corridors, query.avoid), query.weights);
  for (const bool seeded : {true, false}) {
    CAPTURE(seeded);
    AssignResult paths;
    const solve::detail::PathAnswer answer = solve::detail::solve_by_columns(
        net, g, query, arcs.unserved_penalty_per_t, 1e-9, paths, solve::detail::ColumnSettings{-1, 1, 0, seeded});
    REQUIRE(paths.solved);
    CHECK(close(paths.objective, arcs.objective));
    CHECK(answer.dropped > 0);
    CHECK((answer.seeded > 0) == seeded);
  }
}

}  // namespace corridor::test
