#include "solve/assign.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "model/cost.hpp"
#include "solve/detail/assign_lp.hpp"
#include "solve/detail/assign_paths.hpp"
#include "solve/route.hpp"

namespace corridor::solve {
namespace {

using detail::Arc;
using detail::ArcKind;
using detail::CapacityKey;
using detail::Column;
using detail::ExpandedGraph;
using detail::kNone;

/// Flows below this share of the largest demand are numerical noise.
constexpr double kEpsilon = 1e-9;

struct PathKey {
  std::vector<LinkIndex> links;
  std::vector<NodeIndex> nodes;
};

/// One OD pair's paths from their tonnes by link sequence, largest first (ties by links).
std::vector<OdPath> make_paths(const Network& network, const OdDemand& demand,
                               const std::map<std::vector<LinkIndex>, double>& by_links,
                               const std::map<std::vector<LinkIndex>, std::vector<NodeIndex>>& nodes_of, double noise) {
  std::vector<OdPath> paths;
  for (const auto& [links, mt] : by_links) {
    if (mt < noise || links.empty()) continue;
    OdPath path;
    path.links = links;
    path.nodes = nodes_of.at(links);
    path.tonnes_per_year = mt;
    const Route route = make_route(network, demand.from, links);
    path.hours = route.hours;
    paths.push_back(std::move(path));
  }
  std::sort(paths.begin(), paths.end(), [](const OdPath& a, const OdPath& b) {
    if (a.tonnes_per_year != b.tonnes_per_year) return a.tonnes_per_year > b.tonnes_per_year;
    return a.links < b.links;
  });
  return paths;
}

/// Splits one commodity's arc flows into paths (largest first), cancelling any cycle met.
std::vector<OdPath> decompose(const Network& network, const ExpandedGraph& g, const OdDemand& demand, double noise,
                              std::vector<double> arc_flow, std::vector<std::pair<int, double>> injects,
                              std::vector<double> absorb_at_vertex) {
  std::vector<std::vector<int>> out_arcs(g.vertex_count);
  for (std::size_t a = 0; a < g.arcs.size(); ++a)
    if (arc_flow[a] > noise) out_arcs[g.arcs[a].tail].push_back(static_cast<int>(a));
  std::map<std::vector<LinkIndex>, double> by_links;
  std::map<std::vector<LinkIndex>, std::vector<NodeIndex>> nodes_of;
  for (auto& [start, amount] : injects) {
    int guard = 0;
    while (amount > noise && ++guard < 10000) {
      std::vector<int> path;  // arcs
      std::vector<int> position(g.vertex_count, kNone);
      int v = start;
      position[v] = 0;
      bool arrived = false;
      while (true) {
        if (absorb_at_vertex[v] > noise) {
          arrived = true;
          break;
        }
        int next = kNone;
        for (int a : out_arcs[v])
          if (arc_flow[a] > noise && (next == kNone || arc_flow[a] > arc_flow[next])) next = a;
        if (next == kNone) break;
        const int w = g.arcs[next].head;
        if (position[w] != kNone) {
          // A cycle: cancel its smallest flow and restart the walk.
          double least = arc_flow[next];
          for (std::size_t i = static_cast<std::size_t>(position[w]); i < path.size(); ++i)
            least = std::min(least, arc_flow[path[i]]);
          arc_flow[next] -= least;
          for (std::size_t i = static_cast<std::size_t>(position[w]); i < path.size(); ++i) arc_flow[path[i]] -= least;
          path.clear();
          std::fill(position.begin(), position.end(), kNone);
          v = start;
          position[v] = 0;
          continue;
        }
        path.push_back(next);
        v = w;
        position[v] = static_cast<int>(path.size());
      }
      if (!arrived) break;  // numerical leftovers only
      double least = std::min(amount, absorb_at_vertex[v]);
      for (int a : path) least = std::min(least, arc_flow[a]);
      amount -= least;
      absorb_at_vertex[v] -= least;
      std::vector<LinkIndex> links;
      std::vector<NodeIndex> nodes{demand.from};
      for (int a : path) {
        arc_flow[a] -= least;
        if (g.arcs[a].kind == ArcKind::Link) {
          links.push_back(g.arcs[a].index);
          nodes.push_back(g.arcs[a].to);
        }
      }
      by_links[links] += least;
      nodes_of[links] = nodes;
    }
  }
  return make_paths(network, demand, by_links, nodes_of, noise);
}

/// The LP's answer per commodity: arc flows, injected tonnes per departure vertex, absorbed
/// tonnes per arrival vertex, unserved tonnes; and the load on every capacity.
struct Answer {
  std::vector<std::vector<double>> arc_flow;
  std::vector<std::vector<std::pair<int, double>>> injects;
  std::vector<std::vector<double>> absorbs;
  std::vector<double> unserved;
  std::map<CapacityKey, double> load;
};

Answer read_answer(const detail::AssignLp& problem, const ExpandedGraph& g, const AssignQuery& query, double noise) {
  glp_prob* lp = problem.lp.get();
  const std::vector<Arc>& arcs = problem.arcs;
  const std::vector<Column>& columns = problem.columns;
  Answer answer;
  auto& arc_flow = answer.arc_flow;
  auto& injects = answer.injects;
  auto& absorbs = answer.absorbs;
  auto& unserved = answer.unserved;
  auto& load = answer.load;
  arc_flow.assign(query.demand.size(), std::vector<double>(arcs.size(), 0.0));
  injects.resize(query.demand.size());
  absorbs.assign(query.demand.size(), std::vector<double>(g.vertex_count, 0.0));
  unserved.assign(query.demand.size(), 0.0);
  for (std::size_t j = 1; j < columns.size(); ++j) {
    const double value = glp_get_col_prim(lp, static_cast<int>(j));
    const Column& column = columns[j];
    const OdDemand& od = query.demand[column.commodity];
    switch (column.role) {
      case Column::Role::Arc: {
        arc_flow[column.commodity][column.arc] = value;
        const Arc& arc = arcs[column.arc];
        if (value > noise) {
          if (arc.kind == ArcKind::Link) load[{CutElement::Type::Link, arc.index, arc.from, arc.to}] += value;
          else load[{CutElement::Type::Node, arc.index, arc.index, arc.index}] += value;
        }
        break;
      }
      case Column::Role::Inject:
        if (value > noise) {
          injects[column.commodity].push_back({column.vertex, value});
          load[{CutElement::Type::Node, od.from, od.from, od.from}] += value;
        }
        break;
      case Column::Role::Absorb:
        absorbs[column.commodity][column.vertex] = value;
        if (value > noise) load[{CutElement::Type::Node, od.to, od.to, od.to}] += value;
        break;
      case Column::Role::Unserved: unserved[column.commodity] = value; break;
    }
  }
  return answer;
}

/// What either method hands to the report: per OD pair its paths and unserved tonnes; the load
/// on every loaded capacity, the duals of the capacities the LP constrains, and per resource
/// its use and dual (0 when the LP has no row for it).
struct Solution {
  std::vector<std::vector<OdPath>> paths;
  std::vector<double> unserved;
  std::map<CapacityKey, double> load, dual;
  std::vector<double> resource_used, resource_dual;
};

/// The arc LP's answer: arc flows split into paths, its rows' and bounded columns' duals.
Solution arc_lp_solution(const Network& network, const detail::AssignLp& lp, const ExpandedGraph& g,
                         const AssignQuery& query, double noise) {
  Answer answer = read_answer(lp, g, query, noise);
  Solution s;
  for (std::size_t k = 0; k < query.demand.size(); ++k)
    s.paths.push_back(decompose(network, g, query.demand[k], noise, std::move(answer.arc_flow[k]),
                                std::move(answer.injects[k]), std::move(answer.absorbs[k])));
  s.unserved = std::move(answer.unserved);
  s.load = std::move(answer.load);
  for (const auto& [key, row] : lp.capacity_rows) s.dual[key] = glp_get_row_dual(lp.lp.get(), row);
  for (const auto& [key, column] : lp.capacity_columns) s.dual[key] = glp_get_col_dual(lp.lp.get(), column);
  for (const int row : lp.resource_rows) {
    s.resource_used.push_back(row != kNone ? glp_get_row_prim(lp.lp.get(), row) : 0.0);
    s.resource_dual.push_back(row != kNone ? glp_get_row_dual(lp.lp.get(), row) : 0.0);
  }
  return s;
}

/// The column generation's answer: its path columns, merged by link sequence.
Solution column_solution(const Network& network, detail::PathAnswer answer, const ExpandedGraph& g,
                         const AssignQuery& query, double noise) {
  Solution s;
  for (std::size_t k = 0; k < query.demand.size(); ++k) {
    std::map<std::vector<LinkIndex>, double> by_links;
    std::map<std::vector<LinkIndex>, std::vector<NodeIndex>> nodes_of;
    for (const detail::PathFlow& path : answer.paths[k]) {
      std::vector<LinkIndex> links;
      std::vector<NodeIndex> nodes{query.demand[k].from};
      for (int a : path.arcs)
        if (g.arcs[a].kind == ArcKind::Link) links.push_back(g.arcs[a].index), nodes.push_back(g.arcs[a].to);
      by_links[links] += path.tonnes;
      nodes_of[links] = std::move(nodes);
    }
    s.paths.push_back(make_paths(network, query.demand[k], by_links, nodes_of, noise));
  }
  s.unserved = std::move(answer.unserved);
  s.load = std::move(answer.load);
  s.dual = std::move(answer.dual);
  s.resource_used = std::move(answer.resource_used);
  s.resource_dual = std::move(answer.resource_dual);
  return s;
}

/// Each OD pair's served and unserved tonnes and its paths, with their weights.
void add_od_assignments(const Network& network, const AssignQuery& query, double noise, Solution& solution,
                        AssignResult& result) {
  for (std::size_t k = 0; k < query.demand.size(); ++k) {
    OdAssignment od;
    od.demand = query.demand[k];
    od.unserved_tpy = std::max(0.0, solution.unserved[k]);
    if (od.unserved_tpy < noise) od.unserved_tpy = 0.0;
    od.served_tpy = std::max(0.0, od.demand.tonnes_per_year - od.unserved_tpy);
    od.paths = std::move(solution.paths[k]);
    for (OdPath& path : od.paths) {
      path.weight_per_t = 0.0;
      // Recompute the weight along the path with the same function as the LP.
      for (std::size_t i = 0; i < path.links.size(); ++i) {
        path.weight_per_t += weight_per_t(step_metrics(network, {true, path.links[i], false}), query.weights);
        if (i > 0) {
          const bool change = network.links[path.links[i]].mode != network.links[path.links[i - 1]].mode;
          path.weight_per_t += weight_per_t(step_metrics(network, {false, path.nodes[i], change}), query.weights);
        }
      }
    }
    result.served_tpy += od.served_tpy;
    result.unserved_tpy += od.unserved_tpy;
    result.ods.push_back(std::move(od));
  }
}

/// Every loaded capacity, the binding ones with their marginal values (the LP's duals).
void add_capacity_loads(const Network& network, const Solution& solution, AssignResult& result) {
  for (const auto& [key, mt] : solution.load) {
    CapacityLoad entry;
    entry.type = key.type;
    entry.index = key.index;
    entry.from = key.from;
    entry.to = key.to;
    entry.load_tpy = mt;
    entry.capacity_tpy = detail::assignable_capacity_tpy(network, key);  // what the LP was given
    if (entry.capacity_tpy) {
      const double capacity_t = static_cast<double>(*entry.capacity_tpy);
      entry.binding = mt >= capacity_t - 1e-7 * std::max(1.0, capacity_t);
      const auto dual = solution.dual.find(key);
      if (entry.binding && dual != solution.dual.end() && std::fabs(dual->second) > 1e-9)
        entry.marginal_value_per_t = -dual->second;
    }
    result.loads.push_back(entry);
  }
  order_capacity_loads(result);
  // Shared resources (docs/capacity.md): what the assigned flow draws on each, as the max flow reports.
  for (std::size_t r = 0; r < network.resources.size(); ++r) {
    const Resource& resource = network.resources[r];
    ResourceLoad load{r, 0.0, resource.capacity, std::max(0.0, resource.background_tpy), false};
    load.used = solution.resource_used[r];
    const double left = std::max(0.0, load.capacity - load.background);
    load.binding = load.used >= left - 1e-7 * std::max(1.0, left) && std::fabs(solution.resource_dual[r]) > 1e-9;
    result.resource_loads.push_back(load);
  }
}

}  // namespace

AssignResult assign_demand(const Network& network, const AssignQuery& query, AssignMethod method) {
  AssignResult result;
  result.query = query;
  const std::vector<char> usable = usable_links(network, query.corridors, query.avoid);
  const ExpandedGraph g = detail::expand(network, usable, query.weights);

  // Default penalty: more than any path can weigh (the sum of every arc's weight), so the
  // solver serves all it can before it weighs routes against each other.
  double arc_weight_sum = 0.0;
  for (const Arc& arc : g.arcs) arc_weight_sum += arc.weight;
  result.unserved_penalty_per_t = query.unserved_penalty_per_t.value_or(arc_weight_sum + 1.0);

  // The LP works in tonnes. GLPK's feasibility tolerance is 1e-7 x (1 + |bound|), so every
  // demand and capacity is kept to that relative precision. (Rescaling to the largest figure
  // made small ones vanish: 1 t of demand next to a 500 Mt/yr capacity is 1e-8 of it, below
  // the tolerance, and was reported served with no path.)
  double largest_demand = 1.0;
  for (const OdDemand& od : query.demand) largest_demand = std::max(largest_demand, od.tonnes_per_year);
  const double noise = kEpsilon * largest_demand;

  if (method == AssignMethod::Automatic)
    method = query.demand.size() * g.arcs.size() <= kArcLpMaxColumns ? AssignMethod::ArcLp
                                                                      : AssignMethod::ColumnGeneration;
  Solution solution;
  if (method == AssignMethod::ArcLp) {
    detail::AssignLp lp = detail::build_assignment_lp(network, g, query, result.unserved_penalty_per_t);
    detail::solve_assignment_lp(lp, result);
    if (!result.solved) return result;
    solution = arc_lp_solution(network, lp, g, query, noise);
  } else {
    detail::PathAnswer answer =
        detail::solve_by_columns(network, g, query, result.unserved_penalty_per_t, noise, result);
    if (!result.solved) return result;
    solution = column_solution(network, std::move(answer), g, query, noise);
  }
  add_od_assignments(network, query, noise, solution, result);
  add_capacity_loads(network, solution, result);
  return result;
}

}  // namespace corridor::solve
