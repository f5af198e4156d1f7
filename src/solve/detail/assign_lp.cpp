#include "solve/detail/assign_lp.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <functional>
#include <limits>
#include <queue>
#include <optional>
#include <string>

#include "model/cost.hpp"
#include "solve/detail/mode_graph.hpp"

namespace corridor::solve::detail {

std::vector<double> hours_from(const ExpandedGraph& g, const std::vector<std::vector<int>>& adjacent,
                               const std::array<int, kModeCount>& starts, bool forward) {
  std::vector<double> hours(g.vertex_count, std::numeric_limits<double>::infinity());
  using Entry = std::pair<double, int>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  for (int v : starts)
    if (v != kNone) hours[v] = 0.0, queue.push({0.0, v});
  while (!queue.empty()) {
    const auto [h, v] = queue.top();
    queue.pop();
    if (h > hours[v]) continue;
    for (int a : adjacent[v]) {
      const int w = forward ? g.arcs[a].head : g.arcs[a].tail;
      if (const double via = h + g.arcs[a].hours; via < hours[w]) hours[w] = via, queue.push({via, w});
    }
  }
  return hours;
}

namespace {

/// The LP's coefficient triplets (GLPK's 1-based ia, ja, ar).
struct Matrix {
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0.0};
  void put(int row, int column, double value) {
    ia.push_back(row);
    ja.push_back(column);
    ar.push_back(value);
  }
};

/// The row of a capacity (kNone when it is unlimited), added the first time it is asked for.
int capacity_row(AssignLp& problem, const CapacityKey& key, std::optional<TonnesPerYear> capacity) {
  if (!capacity) return kNone;
  auto [it, inserted] = problem.capacity_rows.emplace(key, 0);
  if (inserted) {
    it->second = glp_add_rows(problem.lp.get(), 1);
    glp_set_row_bnds(problem.lp.get(), it->second, GLP_UP, 0.0, static_cast<double>(*capacity));
  }
  return it->second;
}

int node_row(const Network& network, AssignLp& problem, NodeIndex n) {
  const CapacityKey key{CutElement::Type::Node, n, n, n};
  return capacity_row(problem, key, assignable_capacity_tpy(network, key));
}

/// The rows of the shared resources an arc draws on (a link's or a pass-through node's `uses`),
/// each resource's row added the first time it is asked for: capacity less background.
std::vector<std::pair<int, double>> resource_terms(const Network& network, AssignLp& problem,
                                                   const std::vector<ResourceUse>& uses) {
  std::vector<std::pair<int, double>> terms;
  for (const ResourceUse& use : uses) {
    const auto r = network.find_resource(use.resource);
    assert(r);  // checked when the network was read (E-RESOURCE-REF)
    int& row = problem.resource_rows[*r];
    if (row == kNone) {
      row = glp_add_rows(problem.lp.get(), 1);
      const Resource& resource = network.resources[*r];
      glp_set_row_bnds(problem.lp.get(), row, GLP_UP, 0.0, std::max(0.0, resource.capacity - resource.background_tpy));
    }
    terms.emplace_back(row, use.factor);
  }
  return terms;
}

const std::vector<ResourceUse>& arc_uses(const Network& network, const Arc& arc) {
  return arc.kind == ArcKind::Link ? network.links[arc.index].uses : network.nodes[arc.index].uses;
}

/// Capacity rows first: one per finite link direction and per finite node that some pair can
/// use (arc_used_by_any). Sets each arc's capacity_row.
void add_capacity_rows(const Network& network, const std::vector<char>& arc_used_by_any, AssignLp& problem) {
  for (std::size_t a = 0; a < problem.arcs.size(); ++a) {
    Arc& arc = problem.arcs[a];
    if (!arc_used_by_any[a]) continue;
    const CapacityKey key = arc.kind == ArcKind::Link ? CapacityKey{CutElement::Type::Link, arc.index, arc.from, arc.to}
                                                      : CapacityKey{CutElement::Type::Node, arc.index, arc.index, arc.index};
    arc.capacity_row = capacity_row(problem, key, assignable_capacity_tpy(network, key));
  }
}

/// One commodity's columns and rows: an arc column per arc it can use, inject and absorb
/// columns at its ends, an unserved column; conservation rows and its supply row.
void add_commodity(const Network& network, const ExpandedGraph& g, std::size_t k, const OdDemand& od,
                   const std::vector<char>& used, double unserved_penalty_per_t, AssignLp& problem, Matrix& matrix) {
  glp_prob* lp = problem.lp.get();
  const std::vector<Arc>& arcs = problem.arcs;
  auto add_column = [&](Column column, double objective) {
    const int j = glp_add_cols(lp, 1);
    glp_set_col_bnds(lp, j, GLP_LO, 0.0, 0.0);
    glp_set_obj_coef(lp, j, objective);
    problem.columns.push_back(column);
    return j;
  };
  auto put = [&](int row, int column, double value) { matrix.put(row, column, value); };
  // Conservation rows of this commodity: inflow - outflow = 0 at every vertex on one of its
  // arcs, and at its origin's departure and destination's arrival vertices.
  std::vector<int> conservation_row(g.vertex_count, kNone);
  auto row_of = [&](int v) {
    if (conservation_row[v] == kNone) {
      conservation_row[v] = glp_add_rows(lp, 1);
      glp_set_row_bnds(lp, conservation_row[v], GLP_FX, 0.0, 0.0);
    }
    return conservation_row[v];
  };
  const int supply_row = glp_add_rows(lp, 1);  // served + unserved = demand
  glp_set_row_bnds(lp, supply_row, GLP_FX, od.tonnes_per_year, od.tonnes_per_year);

  for (std::size_t a = 0; a < arcs.size(); ++a) {
    if (!used[a]) continue;
    const Arc& arc = arcs[a];
    const int j = add_column({Column::Role::Arc, k, static_cast<int>(a), kNone}, arc.weight);
    put(row_of(arc.tail), j, -1.0);
    put(row_of(arc.head), j, 1.0);
    if (arc.capacity_row != kNone) put(arc.capacity_row, j, 1.0);
    for (const auto& [row, factor] : resource_terms(network, problem, arc_uses(network, arc))) put(row, j, factor);
  }
  for (std::size_t m = 0; m < kModeCount; ++m) {
    if (const int v = g.departure[od.from][m]; v != kNone) {
      const int j = add_column({Column::Role::Inject, k, kNone, v}, 0.0);
      put(row_of(v), j, 1.0);
      put(supply_row, j, 1.0);
      if (const int r = node_row(network, problem, od.from); r != kNone) put(r, j, 1.0);  // the origin handles it
      for (const auto& [row, factor] : resource_terms(network, problem, network.nodes[od.from].uses)) put(row, j, factor);
    }
    if (const int v = g.arrival[od.to][m]; v != kNone) {
      const int j = add_column({Column::Role::Absorb, k, kNone, v}, 0.0);
      put(row_of(v), j, -1.0);
      if (const int r = node_row(network, problem, od.to); r != kNone) put(r, j, 1.0);  // the destination handles it
      for (const auto& [row, factor] : resource_terms(network, problem, network.nodes[od.to].uses)) put(row, j, factor);
    }
  }
  const int unserved = add_column({Column::Role::Unserved, k, kNone, kNone}, unserved_penalty_per_t);
  put(supply_row, unserved, 1.0);
}

// A capacity that only one column uses (a link or node only one pair can use, as in every
// single-pair assignment) is that column's upper bound rather than a row: fewer rows for the
// simplex to factorize and price, and bounded columns the dual simplex's long-step ratio test
// can flip. Its marginal value is then the column's reduced cost instead of the row's dual.
void bound_single_column_capacities(AssignLp& problem, Matrix& matrix) {
  glp_prob* lp = problem.lp.get();
  const int row_count = glp_get_num_rows(lp);
  std::vector<int> entries(row_count + 1, 0), only_column(row_count + 1, 0);
  std::vector<char> is_capacity(row_count + 1, 0);
  for (const auto& [key, row] : problem.capacity_rows) is_capacity[row] = 1;
  for (std::size_t e = 1; e < matrix.ia.size(); ++e)
    if (is_capacity[matrix.ia[e]]) ++entries[matrix.ia[e]], only_column[matrix.ia[e]] = matrix.ja[e];
  std::vector<char> bounded(problem.columns.size(), 0), dropped(row_count + 1, 0);
  for (auto& [key, row] : problem.capacity_rows) {
    if (entries[row] > 1) continue;
    if (entries[row] == 1) {
      const int j = only_column[row];
      if (bounded[j]) continue;  // one bound per column, so its reduced cost is this capacity's
      bounded[j] = 1;
      const double capacity_t = glp_get_row_ub(lp, row);
      // GLPK wants lower < upper for GLP_DB: a zero capacity fixes the column at 0.
      glp_set_col_bnds(lp, j, capacity_t > 0.0 ? GLP_DB : GLP_FX, 0.0, std::max(0.0, capacity_t));
      problem.capacity_columns.emplace(key, j);
    }
    dropped[row] = 1;
  }
  std::size_t kept = 1;
  for (std::size_t e = 1; e < matrix.ia.size(); ++e)
    if (!dropped[matrix.ia[e]]) matrix.ia[kept] = matrix.ia[e], matrix.ja[kept] = matrix.ja[e], matrix.ar[kept] = matrix.ar[e], ++kept;
  matrix.ia.resize(kept), matrix.ja.resize(kept), matrix.ar.resize(kept);
  std::vector<int> new_row(row_count + 1, 0), dropped_rows{0};
  for (int r = 1, next = 1; r <= row_count; ++r) {
    if (dropped[r]) dropped_rows.push_back(r);
    else new_row[r] = next++;
  }
  for (std::size_t e = 1; e < matrix.ia.size(); ++e) matrix.ia[e] = new_row[matrix.ia[e]];
  for (auto it = problem.capacity_rows.begin(); it != problem.capacity_rows.end();)
    if (dropped[it->second]) it = problem.capacity_rows.erase(it);
    else it->second = new_row[it->second], ++it;
  for (int& row : problem.resource_rows)
    if (row != kNone) row = new_row[row];  // resource rows are never dropped
  if (dropped_rows.size() > 1) glp_del_rows(lp, static_cast<int>(dropped_rows.size() - 1), dropped_rows.data());
}

}  // namespace

// The arcs one OD pair can use (assign_lp.hpp): those on some route from a departure vertex of its origin to an
// arrival vertex of its destination that takes at most `max_detour` times the fastest such route
// (every arc on some route when there is no bound). Any other arc carries no flow of this pair
// in a solution without cycles, or would take it on a route no shipper would choose, so the LP
// leaves it out. The bound is on the fastest route through the arc (a route's every arc passes
// it); docs/model.md says what this means for the routes the assignment reports.
std::vector<char> arcs_on_some_path(const ExpandedGraph& g, const OdDemand& od, std::optional<double> max_detour) {
  return arcs_on_some_path(g, ArcLists(g), od, max_detour);
}

ArcLists::ArcLists(const ExpandedGraph& g) : out(g.vertex_count), in(g.vertex_count) {
  for (std::size_t a = 0; a < g.arcs.size(); ++a) {
    out[g.arcs[a].tail].push_back(static_cast<int>(a));
    in[g.arcs[a].head].push_back(static_cast<int>(a));
  }
}

std::vector<char> arcs_on_some_path(const ExpandedGraph& g, const ArcLists& lists, const OdDemand& od,
                                    std::optional<double> max_detour) {
  return arcs_on_some_path(g, od, hours_from(g, lists.out, g.departure[od.from], true),
                           hours_from(g, lists.in, g.arrival[od.to], false), max_detour);
}

std::vector<char> arcs_on_some_path(const ExpandedGraph& g, const OdDemand& od, const std::vector<double>& from_origin,
                                    const std::vector<double>& to_destination, std::optional<double> max_detour) {
  double fastest = std::numeric_limits<double>::infinity();
  for (int v : g.arrival[od.to])
    if (v != kNone) fastest = std::min(fastest, from_origin[v]);
  const double bound = max_detour ? *max_detour * fastest * (1 + 1e-9) + 1e-9 : std::numeric_limits<double>::infinity();
  std::vector<char> on_path(g.arcs.size(), 0);
  if (!std::isfinite(fastest)) return on_path;
  for (std::size_t a = 0; a < g.arcs.size(); ++a) {
    const double through = from_origin[g.arcs[a].tail] + g.arcs[a].hours + to_destination[g.arcs[a].head];
    on_path[a] = std::isfinite(through) && through <= bound;
  }
  return on_path;
}

std::optional<TonnesPerYear> assignable_capacity_tpy(const Network& network, const CapacityKey& key) {
  if (key.type == CutElement::Type::Link) {
    const Link& link = network.links[key.index];
    return available_tpy(link.capacity_or_sailings_tpy(), link.background_tpy);
  }
  const Node& node = network.nodes[key.index];
  return available_tpy(node.capacity_tpy, node.background_tpy);
}

ExpandedGraph expand(const Network& network, const std::vector<char>& usable, const WeightParams& params) {
  ModeExpansion expansion = expand_modes(network, usable);
  ExpandedGraph g;
  g.vertex_count = static_cast<int>(expansion.vertex_count());
  auto to_int = [](const std::array<ModeVertex, kModeCount>& vertices) {
    std::array<int, kModeCount> out{};
    for (std::size_t m = 0; m < kModeCount; ++m)
      out[m] = vertices[m] == kNoModeVertex ? kNone : static_cast<int>(vertices[m]);
    return out;
  };
  // Only arrival vertices some link arc reaches and departure vertices some link arc leaves
  // take part: the others (a one-way link's far ends) would add pass-through arcs and end
  // columns that no flow can use, but that count in the default penalty and shape the LP.
  std::vector<char> reached(expansion.vertex_count(), 0), left(expansion.vertex_count(), 0);
  for (const ModeArc& mode_arc : expansion.arcs)
    if (mode_arc.is_link()) reached[mode_arc.to] = left[mode_arc.from] = 1;
  auto used = [&](const std::array<ModeVertex, kModeCount>& vertices, const std::vector<char>& is_used) {
    std::array<ModeVertex, kModeCount> out = vertices;
    for (auto& v : out)
      if (v != kNoModeVertex && !is_used[v]) v = kNoModeVertex;
    return out;
  };
  g.arrival.reserve(network.nodes.size());
  g.departure.reserve(network.nodes.size());
  for (NodeIndex n = 0; n < network.nodes.size(); ++n) {
    g.arrival.push_back(to_int(used(expansion.arrival[n], reached)));
    g.departure.push_back(to_int(used(expansion.departure[n], left)));
  }
  g.arcs.reserve(expansion.arcs.size());
  for (const bool links : {true, false})
    for (const ModeArc& mode_arc : expansion.arcs) {
      if (mode_arc.is_link() != links) continue;
      if (!links && (!reached[mode_arc.from] || !left[mode_arc.to])) continue;
      Arc arc;
      arc.kind = links ? ArcKind::Link : ArcKind::Node;
      arc.tail = static_cast<int>(mode_arc.from);
      arc.head = static_cast<int>(mode_arc.to);
      arc.index = mode_arc.link_or_node();
      arc.from = expansion.node_of_vertex[mode_arc.from];
      arc.to = expansion.node_of_vertex[mode_arc.to];
      const StepMetrics metrics = step_metrics(network, mode_arc.step());
      arc.weight = weight_per_t(metrics, params);
      arc.hours = metrics.hours;
      g.arcs.push_back(arc);
    }
  return g;
}

AssignLp build_assignment_lp(const Network& network, const ExpandedGraph& g, const AssignQuery& query,
                             double unserved_penalty_per_t) {
  AssignLp problem;
  problem.lp.reset(glp_create_prob());
  problem.arcs = g.arcs;
  glp_term_out(GLP_OFF);
  glp_set_obj_dir(problem.lp.get(), GLP_MIN);
  problem.resource_rows.assign(network.resources.size(), kNone);
  std::vector<std::vector<char>> arc_used(query.demand.size());
  std::vector<char> arc_used_by_any(g.arcs.size(), 0);
  for (std::size_t k = 0; k < query.demand.size(); ++k) {
    arc_used[k] = arcs_on_some_path(g, query.demand[k], query.max_detour);
    for (std::size_t arc = 0; arc < g.arcs.size(); ++arc) arc_used_by_any[arc] |= arc_used[k][arc];
  }
  add_capacity_rows(network, arc_used_by_any, problem);
  Matrix matrix;
  for (std::size_t k = 0; k < query.demand.size(); ++k)
    add_commodity(network, g, k, query.demand[k], arc_used[k], unserved_penalty_per_t, problem, matrix);
  bound_single_column_capacities(problem, matrix);
  if (glp_get_num_cols(problem.lp.get()) > 0 && glp_get_num_rows(problem.lp.get()) > 0)
    glp_load_matrix(problem.lp.get(), static_cast<int>(matrix.ia.size() - 1), matrix.ia.data(), matrix.ja.data(),
                    matrix.ar.data());
  return problem;
}

void record_outcome(const SimplexOutcome& outcome, AssignResult& result) {
  result.solved = outcome.optimal();
  result.solver_status = outcome.code != 0 ? AssignSolverStatus::SimplexFailed
                         : result.solved   ? AssignSolverStatus::Optimal
                                           : AssignSolverStatus::NotOptimal;
  result.solver_code = outcome.code != 0 ? outcome.code : result.solved ? 0 : outcome.status;
}

void solve_assignment_lp(AssignLp& problem, AssignResult& result) {
  glp_prob* lp = problem.lp.get();
  if (glp_get_num_cols(lp) > 0 && glp_get_num_rows(lp) > 0) {
    // Start from GLPK's advanced (crash) basis, not the all-slack one: it is primal feasible
    // here (the unserved columns carry the demand), so phase 1 is skipped, and on generated
    // networks the primal simplex then needs about half the iterations (measured: 2,311 -> 1,070
    // at 1,000 nodes, 24,212 -> 11,710 at 10,000). Other options were measured and left at
    // GLPK's defaults: the dual simplex (GLP_DUALP) took 20% more time at 10,000 nodes, the
    // long-step ratio test (GLP_RT_FLIP) with it more again, glp_scale_prob(GLP_SF_AUTO) and
    // glp_cpx_basis did no better, and presolve (GLP_ON) only repeats this basis at 1,000 nodes
    // while it would complicate duals and status reporting.
    glp_adv_basis(lp, 0);
    record_outcome(simplex_with_restart(lp, GLP_PRIMAL, std::numeric_limits<int>::max()), result);
  } else {
    result.solved = true;
    result.solver_status = AssignSolverStatus::Empty;
  }
  if (result.solved) result.objective = glp_get_obj_val(lp);
}

}  // namespace corridor::solve::detail
