#include "solve/detail/assign_paths.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <set>
#include <utility>

#include "solve/detail/assign_pricing.hpp"
#include "solve/detail/simplex.hpp"

namespace corridor::solve::detail {
namespace {

/// Rounds of master solve and pricing before the search gives up (reported as not optimal).
constexpr int kMaxRounds = 1'000'000;

/// The weight of the previous round's capacity prices in this round's (dual smoothing): 0 prices
/// at the master's duals. Of 0.5, 0.7, 0.8, 0.9 and 0.95, 0.8 was the fastest on a generated
/// 10^5-node network (0.7 and 0.9 close).
constexpr double kSmoothing = 0.8;

/// How many groups a round prices before the master is solved again: one, plus
/// kGroupsPerMasterWork x the master's recent work, where a solve's work is its simplex iterations
/// x the master's rows / the graph's arcs (an iteration costs about the rows, pricing a group about
/// the arcs), averaged over rounds with weight kWorkAveraging on the newest. Where solves are dear
/// (capacities binding everywhere) a round then adds several groups' paths for one solve; where
/// pricing is dear, one group's. Measured (CPU, generated networks, 100 OD pairs, against one group
/// a round): at 100% of their max flow on 10^4 nodes 27 s -> 16 s; at 30% on 10^5 nodes 19-20 s ->
/// 17 s; 9 pairs at 100% on 10^4 nodes 3.7 s -> 3.1 s. Of the factors 1, 3 and 10, 1 gained less at
/// full load and 10 lost at 30% (24 s).
constexpr double kGroupsPerMasterWork = 3.0;
constexpr double kWorkAveraging = 0.2;

/// Column purging: every ColumnSettings::purge_rounds rounds (10), while the master has more path
/// columns than twice its rows plus its pairs, the path columns that are nonbasic with a reduced
/// cost above kPurgeReducedCost x the largest demand dual leave the master (they rarely come back,
/// and GLPK's simplex scans every column at each iteration). On 100 OD pairs at 100% of their
/// max flow on a generated 10^4-node network, 10 rounds and 1e-5 took 27.5 s CPU, 50 rounds
/// 31.6 s, 200 rounds 32.7 s, none 73 s. The optimum does not change: the stopping rule prices
/// every path, kept or not. Purging only after the objective fell keeps it finite.
constexpr double kPurgeReducedCost = 1e-5;

/// The capacities the assignment respects, numbered: a link arc's own link direction is its arc
/// number, node n is arc_count + n, shared resource r is arc_count + node_count + r.
struct Capacities {
  std::size_t arc_count = 0, node_count = 0;
  std::vector<double> bound;   ///< per capacity: tonnes (or resource units) it allows, +inf if unlimited
  std::vector<int> use_begin;  ///< per arc: its range of `uses`
  std::vector<std::pair<int, double>> uses;  ///< (capacity, units per tonne), finite capacities only

  int node(NodeIndex n) const { return static_cast<int>(arc_count + n); }
  int resource(std::size_t r) const { return static_cast<int>(arc_count + node_count + r); }
  CapacityKey key(const ExpandedGraph& g, int c) const {
    if (static_cast<std::size_t>(c) < arc_count) {
      const Arc& arc = g.arcs[c];
      return {CutElement::Type::Link, arc.index, arc.from, arc.to};
    }
    const auto n = static_cast<NodeIndex>(c - arc_count);
    return {CutElement::Type::Node, n, n, n};
  }
};

double finite_or_inf(std::optional<TonnesPerYear> capacity) {
  return capacity ? static_cast<double>(*capacity) : std::numeric_limits<double>::infinity();
}

/// The finite capacities a node's handling (a pass through it, or the start or end of a path
/// there) draws on: its own and its shared resources'.
void add_node_uses(const Network& network, const Capacities& caps, NodeIndex n,
                   std::vector<std::pair<int, double>>& uses) {
  if (std::isfinite(caps.bound[caps.node(n)])) uses.emplace_back(caps.node(n), 1.0);
  for (const ResourceUse& use : network.nodes[n].uses) {
    const auto r = network.find_resource(use.resource);
    assert(r);  // checked when the network was read (E-RESOURCE-REF)
    uses.emplace_back(caps.resource(*r), use.factor);
  }
}

Capacities capacities(const Network& network, const ExpandedGraph& g) {
  Capacities caps;
  caps.arc_count = g.arcs.size();
  caps.node_count = network.nodes.size();
  caps.bound.assign(caps.arc_count + caps.node_count + network.resources.size(),
                    std::numeric_limits<double>::infinity());
  for (std::size_t a = 0; a < g.arcs.size(); ++a)
    if (g.arcs[a].kind == ArcKind::Link)
      caps.bound[a] = finite_or_inf(assignable_capacity_tpy(network, caps.key(g, static_cast<int>(a))));
  for (NodeIndex n = 0; n < network.nodes.size(); ++n)
    caps.bound[caps.node(n)] = finite_or_inf(assignable_capacity_tpy(network, {CutElement::Type::Node, n, n, n}));
  for (std::size_t r = 0; r < network.resources.size(); ++r)
    caps.bound[caps.resource(r)] = std::max(0.0, network.resources[r].capacity - network.resources[r].background_tpy);
  caps.use_begin.reserve(g.arcs.size() + 1);
  for (std::size_t a = 0; a < g.arcs.size(); ++a) {
    caps.use_begin.push_back(static_cast<int>(caps.uses.size()));
    const Arc& arc = g.arcs[a];
    if (arc.kind == ArcKind::Node) {
      add_node_uses(network, caps, arc.index, caps.uses);
      continue;
    }
    if (std::isfinite(caps.bound[a])) caps.uses.emplace_back(static_cast<int>(a), 1.0);
    for (const ResourceUse& use : network.links[arc.index].uses) {
      const auto r = network.find_resource(use.resource);
      assert(r);
      caps.uses.emplace_back(caps.resource(*r), use.factor);
    }
  }
  caps.use_begin.push_back(static_cast<int>(caps.uses.size()));
  return caps;
}

/// Sorts (capacity, units per tonne) pairs by capacity and adds up those of the same capacity
/// (a node passed twice, in two modes, or passed and also an end).
void merge_uses(std::vector<std::pair<int, double>>& uses) {
  std::sort(uses.begin(), uses.end());
  std::size_t kept = 0;
  for (std::size_t i = 0; i < uses.size(); ++i) {
    if (kept > 0 && uses[kept - 1].first == uses[i].first) uses[kept - 1].second += uses[i].second;
    else uses[kept++] = uses[i];
  }
  uses.resize(kept);
}

/// A path column of the master: its OD pair, arcs, weight and the capacities it draws on.
struct PathColumn {
  std::size_t commodity = 0;
  std::vector<int> arcs;
  double weight = 0.0;
  std::vector<std::pair<int, double>> uses;  ///< (capacity, units per tonne), merged, by capacity
};

/// The master LP: rows 1..K the OD pairs' demands, then capacity rows as they are needed;
/// columns 1..K the unserved tonnes, then the paths in the order they were found.
class Master {
 public:
  Master(const Network& network, const ExpandedGraph& g, const AssignQuery& query, double penalty, int warm_iterations)
      : g_(g), query_(query), caps_(capacities(network, g)), row_of_(caps_.bound.size(), kNone),
        warm_iterations_(warm_iterations) {
    lp_.reset(glp_create_prob());
    glp_term_out(GLP_OFF);
    glp_set_obj_dir(lp_.get(), GLP_MIN);
    const int k_count = static_cast<int>(query.demand.size());
    glp_add_rows(lp_.get(), k_count);
    glp_add_cols(lp_.get(), k_count);
    for (int k = 1; k <= k_count; ++k) {
      const double demand = query.demand[k - 1].tonnes_per_year;
      glp_set_row_bnds(lp_.get(), k, GLP_FX, demand, demand);
      glp_set_col_bnds(lp_.get(), k, GLP_LO, 0.0, 0.0);
      glp_set_obj_coef(lp_.get(), k, penalty);
      const int ind[2] = {0, k};
      const double val[2] = {0.0, 1.0};
      glp_set_mat_col(lp_.get(), k, 1, ind, val);
    }
    glp_adv_basis(lp_.get(), 0);
    for (const OdDemand& od : query.demand) {
      ends_.emplace_back();
      add_node_uses(network, caps_, od.from, ends_.back());
      add_node_uses(network, caps_, od.to, ends_.back());
    }
  }

  const Capacities& capacities_() const { return caps_; }
  /// What the origin's and destination's handling of OD pair k costs per tonne at `price`.
  double end_price(std::size_t k, const std::vector<double>& price) const {
    double cost = 0.0;
    for (const auto& [c, factor] : ends_[k]) cost += factor * price[c];
    return cost;
  }
  glp_prob* lp() const { return lp_.get(); }
  const std::vector<PathColumn>& columns() const { return columns_; }
  int row_of(int capacity) const { return row_of_[capacity]; }
  /// The capacities that have a row, in the order they were added.
  const std::vector<int>& rows() const { return rows_; }
  std::size_t pair_count() const { return query_.demand.size(); }

  /// Adds a path of OD pair k unless the master has it already; says whether it was added.
  bool add_path(std::size_t k, std::vector<int> arcs);
  /// Adds a row for every capacity the master's flow overruns; says whether any was added.
  bool add_overrun_rows();
  /// Adds a row for each of `capacities` that has none yet.
  void add_rows(const std::vector<int>& capacities);
  /// Per OD pair: the capacities its origin's and destination's handling draw on.
  const std::vector<std::pair<int, double>>& ends(std::size_t k) const { return ends_[k]; }
  /// The capacities a path of OD pair k over `arcs` draws on, with its units per tonne: its
  /// ends' and its arcs', merged (merge_uses).
  std::vector<std::pair<int, double>> uses_of(std::size_t k, const std::vector<int>& arcs) const {
    std::vector<std::pair<int, double>> uses = ends_[k];
    for (const int a : arcs) uses.insert(uses.end(), caps_.uses.begin() + caps_.use_begin[a], caps_.uses.begin() + caps_.use_begin[a + 1]);
    merge_uses(uses);
    return uses;
  }
  /// Simplex from the current basis (the dual simplex after rows were added), started again
  /// from a fresh basis when it stalls (simplex_with_restart).
  SimplexOutcome solve(bool after_rows) {
    const SimplexOutcome outcome = simplex_with_restart(lp_.get(), after_rows ? GLP_DUALP : GLP_PRIMAL, warm_iterations_);
    restarts_ += outcome.restarted ? 1 : 0;
    return outcome;
  }
  int restarts() const { return restarts_; }
  /// Drops the path columns that are nonbasic with a reduced cost above `above`; how many.
  std::size_t drop_priced_out(double above);
  /// Per capacity: the units the master's flow uses (from the path columns' values).
  std::vector<double> usage() const;

 private:
  const ExpandedGraph& g_;
  const AssignQuery& query_;
  Capacities caps_;
  LpPointer lp_;
  std::vector<std::vector<std::pair<int, double>>> ends_;  ///< per OD pair: its origin's and destination's uses
  std::vector<PathColumn> columns_;                        ///< column K + 1 + i is columns_[i]
  std::set<std::pair<std::size_t, std::vector<int>>> known_;
  std::vector<int> row_of_;  ///< per capacity: its master row, or kNone
  std::vector<int> rows_;    ///< the capacities with a row
  int warm_iterations_;      ///< simplex_with_restart's limit (-1: its default)
  int restarts_ = 0;         ///< solves that had to start from a fresh basis
};

bool Master::add_path(std::size_t k, std::vector<int> arcs) {
  if (!known_.emplace(k, arcs).second) return false;
  PathColumn column{k, std::move(arcs), 0.0, {}};
  column.uses = uses_of(k, column.arcs);
  for (int a : column.arcs) column.weight += g_.arcs[a].weight;
  const int j = glp_add_cols(lp_.get(), 1);
  glp_set_col_bnds(lp_.get(), j, GLP_LO, 0.0, 0.0);
  glp_set_obj_coef(lp_.get(), j, column.weight);
  std::vector<int> ind{0, static_cast<int>(k) + 1};
  std::vector<double> val{0.0, 1.0};
  for (const auto& [c, factor] : column.uses)
    if (row_of_[c] != kNone) ind.push_back(row_of_[c]), val.push_back(factor);
  glp_set_mat_col(lp_.get(), j, static_cast<int>(ind.size() - 1), ind.data(), val.data());
  columns_.push_back(std::move(column));
  return true;
}

std::size_t Master::drop_priced_out(double above) {
  const int first = static_cast<int>(query_.demand.size()) + 1;
  std::vector<int> drop{0};
  std::size_t kept = 0;
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const int j = first + static_cast<int>(i);
    if (glp_get_col_stat(lp_.get(), j) != GLP_BS && glp_get_col_dual(lp_.get(), j) > above) {
      drop.push_back(j);
      known_.erase({columns_[i].commodity, columns_[i].arcs});
    } else {
      if (kept != i) columns_[kept] = std::move(columns_[i]);
      ++kept;
    }
  }
  columns_.resize(kept);
  if (drop.size() > 1) glp_del_cols(lp_.get(), static_cast<int>(drop.size() - 1), drop.data());
  return drop.size() - 1;
}

std::vector<double> Master::usage() const {
  std::vector<double> used(caps_.bound.size(), 0.0);
  const int first = static_cast<int>(query_.demand.size()) + 1;
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const double tonnes = glp_get_col_prim(lp_.get(), first + static_cast<int>(i));
    if (tonnes <= 0.0) continue;
    for (const auto& [c, factor] : columns_[i].uses) used[c] += factor * tonnes;
  }
  return used;
}

bool Master::add_overrun_rows() {
  const std::vector<double> used = usage();
  std::vector<int> overrun;
  for (std::size_t c = 0; c < used.size(); ++c)
    if (row_of_[c] == kNone && used[c] > caps_.bound[c] + 1e-9 * std::max(1.0, caps_.bound[c]))
      overrun.push_back(static_cast<int>(c));
  add_rows(overrun);
  return !overrun.empty();
}

void Master::add_rows(const std::vector<int>& capacities) {
  std::vector<int> added;
  for (const int c : capacities) {
    if (row_of_[c] != kNone) continue;
    row_of_[c] = glp_add_rows(lp_.get(), 1);
    glp_set_row_bnds(lp_.get(), row_of_[c], GLP_UP, 0.0, caps_.bound[c]);
    added.push_back(c);
    rows_.push_back(c);
  }
  if (added.empty()) return;
  std::vector<std::vector<std::pair<int, double>>> entries(added.size());  // per added row: (column, factor)
  std::vector<int> slot(caps_.bound.size(), kNone);
  for (std::size_t i = 0; i < added.size(); ++i) slot[added[i]] = static_cast<int>(i);
  const int first = static_cast<int>(query_.demand.size()) + 1;
  for (std::size_t i = 0; i < columns_.size(); ++i)
    for (const auto& [c, factor] : columns_[i].uses)
      if (slot[c] != kNone) entries[slot[c]].emplace_back(first + static_cast<int>(i), factor);
  for (std::size_t i = 0; i < added.size(); ++i) {
    std::vector<int> ind{0};
    std::vector<double> val{0.0};
    for (const auto& [j, factor] : entries[i]) ind.push_back(j), val.push_back(factor);
    glp_set_mat_row(lp_.get(), row_of_[added[i]], static_cast<int>(ind.size() - 1), ind.data(), val.data());
  }
}

/// Arc `a`'s weight plus `price` per unit of every capacity it draws on.
double priced_arc_cost(const ExpandedGraph& g, const Capacities& caps, std::size_t a, const std::vector<double>& price) {
  double cost = g.arcs[a].weight;
  for (int u = caps.use_begin[a]; u < caps.use_begin[a + 1]; ++u) cost += caps.uses[u].second * price[caps.uses[u].first];
  return cost;
}

/// Per arc: priced_arc_cost.
std::vector<double> priced_arc_costs(const ExpandedGraph& g, const Capacities& caps, const std::vector<double>& price) {
  std::vector<double> cost(g.arcs.size());
  for (std::size_t a = 0; a < g.arcs.size(); ++a) cost[a] = priced_arc_cost(g, caps, a, price);
  return cost;
}

/// Duals to price at: per capacity its price (>= 0, 0 without a row), per OD pair its demand's.
struct Duals {
  std::vector<double> price, demand;
};

Duals master_duals(const Master& master) {
  Duals duals;
  duals.price.assign(master.capacities_().bound.size(), 0.0);
  for (const int c : master.rows()) duals.price[c] = std::max(0.0, -glp_get_row_dual(master.lp(), master.row_of(c)));
  duals.demand.resize(master.pair_count());
  for (std::size_t k = 0; k < duals.demand.size(); ++k)
    duals.demand[k] = glp_get_row_dual(master.lp(), static_cast<int>(k) + 1);
  return duals;
}

/// The capacity prices `weight` x `center`'s + (1 - `weight`) x `now`'s (those with a row), the
/// demand duals `now`'s (smoothing those too took more rounds).
Duals mix(const Master& master, const Duals& center, const Duals& now, double weight) {
  Duals mixed = now;
  for (const int c : master.rows()) mixed.price[c] = weight * center.price[c] + (1.0 - weight) * now.price[c];
  return mixed;
}

/// A path's priced_arc_cost summed over its arcs.
double priced_cost(const ExpandedGraph& g, const Capacities& caps, const std::vector<int>& arcs,
                   const std::vector<double>& price) {
  double cost = 0.0;
  for (const int a : arcs) cost += priced_arc_cost(g, caps, static_cast<std::size_t>(a), price);
  return cost;
}

/// Prices one group of OD pairs: the cheapest path of each at the duals `at`, added when its
/// reduced cost at the master's duals `now` is negative. Says whether any path was added.
bool price_paths(Master& master, PathPricer& pricer, std::size_t group, const ExpandedGraph& g, const Duals& at,
                 const Duals& now) {
  const Capacities& caps = master.capacities_();
  std::vector<double> below(at.demand.size());
  for (std::size_t k = 0; k < below.size(); ++k)
    below[k] = at.demand[k] - master.end_price(k, at.price);  // a path costing less has a negative reduced cost
  bool added = false;
  for (PricedPath& path : pricer.cheapest_below(group, priced_arc_costs(g, caps, at.price), below)) {
    const double dual = now.demand[path.pair];
    const double cost = &at == &now ? path.cost : priced_cost(g, caps, path.arcs, now.price);
    const double reduced = cost + master.end_price(path.pair, now.price) - dual;
    if (reduced < -1e-9 * std::max(1.0, std::fabs(dual))) added |= master.add_path(path.pair, std::move(path.arcs));
  }
  return added;
}

/// Prices the groups in turn from `next_group` at duals `at` until `wanted` of them added paths
/// (with a negative reduced cost at the master's duals `now`) or each was priced once; says
/// whether any did. `next_group` moves past the groups priced.
bool price_in_turn(Master& master, PathPricer& pricer, const ExpandedGraph& g, const Duals& at, const Duals& now,
                   std::size_t& next_group, std::size_t wanted) {
  std::size_t adding = 0;
  for (std::size_t priced = 0; adding < wanted && priced < pricer.group_count(); ++priced) {
    if (price_paths(master, pricer, next_group, g, at, now)) ++adding;
    next_group = (next_group + 1) % pricer.group_count();
  }
  return adding > 0;
}

/// Drops the master's priced-out path columns (kPurgeReducedCost) if its objective has fallen
/// below `purged_at` (the objective at the last purge, which it then becomes); how many.
std::size_t purge_if_improved(Master& master, const Duals& now, double& purged_at) {
  const double objective = glp_get_obj_val(master.lp());
  if (objective >= purged_at) return 0;
  purged_at = objective;
  double largest_dual = 0.0;
  for (const double d : now.demand) largest_dual = std::max(largest_dual, std::fabs(d));
  return master.drop_priced_out(kPurgeReducedCost * largest_dual);
}

/// Seeds the master before its first solve with a feasible flow found greedily: the groups in
/// turn, each pair's fastest path (by weight, within its detour mask) over the capacities not yet
/// used up carries as much of its unserved demand as the path's tightest capacity leaves, until
/// no pair finds a path that carries anything or weighs less than `penalty`. Every path found
/// becomes a column, and every capacity the paths used up a row. Where most demand cannot be served,
/// one path per pair and round from the master's duals fills the capacities slowly (each path
/// carries its bottleneck's few tonnes); these paths fill them at once, and the master moves
/// from there. The column generation that follows is unchanged, and so is the optimum. Measured
/// (CPU, generated networks, 100 OD pairs): at 30% of their max flow on 10^5 nodes 27.1 s ->
/// 21.7 s; at 100% on 10^4 nodes 27 s -> 26 s; 9 pairs at 100% on 10^4 nodes 5.5 s -> 3.9 s.
void seed_greedily(Master& master, PathPricer& pricer, const ExpandedGraph& g, const AssignQuery& query, double penalty) {
  const Capacities& caps = master.capacities_();
  std::vector<double> left = caps.bound;  // per capacity: units not yet used by seed paths
  auto used_up = [&](int c) { return left[c] <= 1e-9 * std::max(1.0, caps.bound[c]); };
  std::vector<double> unserved(query.demand.size());
  for (std::size_t k = 0; k < unserved.size(); ++k) unserved[k] = query.demand[k].tonnes_per_year;
  std::vector<double> arc_cost(g.arcs.size()), below(query.demand.size());
  for (bool carried = true; carried;) {
    carried = false;
    for (std::size_t group = 0; group < pricer.group_count(); ++group) {
      for (std::size_t a = 0; a < g.arcs.size(); ++a) {
        const bool open = std::none_of(caps.uses.begin() + caps.use_begin[a], caps.uses.begin() + caps.use_begin[a + 1],
                                       [&](const std::pair<int, double>& use) { return used_up(use.first); });
        arc_cost[a] = open ? g.arcs[a].weight : std::numeric_limits<double>::infinity();
      }
      for (std::size_t k = 0; k < below.size(); ++k) {
        const bool open = unserved[k] > 1e-9 * std::max(1.0, query.demand[k].tonnes_per_year) &&
                          std::none_of(master.ends(k).begin(), master.ends(k).end(),
                                       [&](const std::pair<int, double>& use) { return used_up(use.first); });
        below[k] = open ? penalty : -std::numeric_limits<double>::infinity();
      }
      for (PricedPath& path : pricer.cheapest_below(group, arc_cost, below)) {
        const std::vector<std::pair<int, double>> uses = master.uses_of(path.pair, path.arcs);
        double tonnes = unserved[path.pair];
        int tightest = kNone;
        for (const auto& [c, factor] : uses)
          if (left[c] / factor < tonnes) tonnes = left[c] / factor, tightest = c;
        if (tonnes <= 0.0) continue;
        for (const auto& [c, factor] : uses) left[c] = std::max(0.0, left[c] - factor * tonnes);
        if (tightest != kNone) left[tightest] = 0.0;
        unserved[path.pair] -= tonnes;
        master.add_path(path.pair, std::move(path.arcs));
        carried = true;
      }
    }
  }
  std::vector<int> rows;
  for (std::size_t c = 0; c < left.size(); ++c)
    if (left[c] < caps.bound[c] && used_up(static_cast<int>(c))) rows.push_back(static_cast<int>(c));  // not a zero capacity no path met
  master.add_rows(rows);
}

/// The master's final answer in the report's terms.
PathAnswer read_answer(const Master& master, const ExpandedGraph& g, const AssignQuery& query, double noise) {
  const Capacities& caps = master.capacities_();
  PathAnswer answer;
  answer.paths.resize(query.demand.size());
  answer.unserved.resize(query.demand.size());
  for (std::size_t k = 0; k < query.demand.size(); ++k)
    answer.unserved[k] = glp_get_col_prim(master.lp(), static_cast<int>(k) + 1);
  const int first = static_cast<int>(query.demand.size()) + 1;
  for (std::size_t i = 0; i < master.columns().size(); ++i) {
    const PathColumn& column = master.columns()[i];
    const double tonnes = glp_get_col_prim(master.lp(), first + static_cast<int>(i));
    if (tonnes <= noise) continue;
    answer.paths[column.commodity].push_back({column.arcs, tonnes});
    const OdDemand& od = query.demand[column.commodity];
    answer.load[{CutElement::Type::Node, od.from, od.from, od.from}] += tonnes;
    answer.load[{CutElement::Type::Node, od.to, od.to, od.to}] += tonnes;
    for (int a : column.arcs) {
      const Arc& arc = g.arcs[a];
      if (arc.kind == ArcKind::Link) answer.load[{CutElement::Type::Link, arc.index, arc.from, arc.to}] += tonnes;
      else answer.load[{CutElement::Type::Node, arc.index, arc.index, arc.index}] += tonnes;
    }
  }
  const std::size_t resources = caps.bound.size() - caps.arc_count - caps.node_count;
  const std::vector<double> used = master.usage();
  answer.resource_used.assign(resources, 0.0);
  answer.resource_dual.assign(resources, 0.0);
  for (std::size_t c = 0; c < caps.bound.size(); ++c) {
    const int row = master.row_of(static_cast<int>(c));
    const double dual = row != kNone ? glp_get_row_dual(master.lp(), row) : 0.0;
    if (c >= caps.arc_count + caps.node_count) {
      answer.resource_used[c - caps.arc_count - caps.node_count] = used[c];
      answer.resource_dual[c - caps.arc_count - caps.node_count] = dual;
    } else if (row != kNone) {
      answer.dual[caps.key(g, static_cast<int>(c))] = dual;
    }
  }
  return answer;
}

}  // namespace

PathAnswer solve_by_columns(const Network& network, const ExpandedGraph& g, const AssignQuery& query,
                            double unserved_penalty_per_t, double noise, AssignResult& result, const ColumnSettings& settings) {
  if (query.demand.empty()) {
    result.solved = true;
    result.solver_status = AssignSolverStatus::Empty;
    return {};
  }
  Master master(network, g, query, unserved_penalty_per_t, settings.warm_iterations);
  PathPricer pricer(g, query);
  if (settings.seed) seed_greedily(master, pricer, g, query, unserved_penalty_per_t);
  const int seeded = static_cast<int>(master.columns().size());
  SimplexOutcome outcome;
  int rounds = 0;
  bool after_rows = false;
  // Groups are priced in turn, the master solved again as soon as one adds a path, or a few
  // when the master's solves are dear (kGroupsPerMasterWork), so the next group is priced on
  // fresher duals. Pricing is at capacity prices smoothed towards the
  // previous round's (which damps their oscillation); when no group adds a path there, the
  // groups are priced again at the master's own duals. It is optimal once every group in a row, all on
  // the master's same duals, adds none.
  std::size_t next_group = 0;
  Duals center;  // the duals the last round priced at
  // Column purging: every settings.purge_rounds rounds, while the master has more path columns
  // than twice its rows plus its pairs and its objective has fallen since the last purge.
  int next_purge = settings.purge_rounds, dropped = 0;
  double purged_at = std::numeric_limits<double>::infinity();
  double master_work = 0.0;  // averaged (kGroupsPerMasterWork)
  for (; rounds < kMaxRounds; ++rounds) {
    const int iterations_before = glp_get_it_cnt(master.lp());
    outcome = master.solve(after_rows);
    if (!outcome.optimal()) break;
    const double work = static_cast<double>(glp_get_it_cnt(master.lp()) - iterations_before) *
                        glp_get_num_rows(master.lp()) / static_cast<double>(std::max<std::size_t>(1, g.arcs.size()));
    master_work = rounds == 0 ? work : (1 - kWorkAveraging) * master_work + kWorkAveraging * work;
    after_rows = master.add_overrun_rows();
    if (after_rows) continue;
    const Duals now = master_duals(master);
    if (rounds >= next_purge && master.columns().size() > static_cast<std::size_t>(settings.purge_rows_factor) *
                                                               master.rows().size() + master.pair_count()) {
      next_purge = rounds + settings.purge_rounds;
      dropped += static_cast<int>(purge_if_improved(master, now, purged_at));
    }
    const bool smoothing = !center.demand.empty();
    center = smoothing ? mix(master, center, now, kSmoothing) : now;
    const auto wanted = static_cast<std::size_t>(1 + kGroupsPerMasterWork * master_work);
    bool added = price_in_turn(master, pricer, g, center, now, next_group, wanted);
    if (!added && smoothing) added = price_in_turn(master, pricer, g, now, now, next_group, wanted);
    if (!added) break;
  }
  const bool converged = rounds < kMaxRounds;
  record_outcome(outcome, result);
  if (result.solved && !converged) {
    result.solved = false;
    result.solver_status = AssignSolverStatus::NotOptimal;
    result.solver_code = outcome.status;
  }
  if (!result.solved) return {};
  result.objective = glp_get_obj_val(master.lp());
  PathAnswer answer = read_answer(master, g, query, noise);
  answer.rounds = rounds + 1;
  answer.columns = static_cast<int>(master.columns().size()) + dropped;
  answer.restarts = master.restarts();
  answer.dropped = dropped;
  answer.seeded = seeded;
  return answer;
}

}  // namespace corridor::solve::detail
