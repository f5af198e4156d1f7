#include "solve/assign.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <map>
#include <memory>
#include <stdexcept>

#include <glpk.h>

#include "solve/detail/mode_graph.hpp"
#include "solve/route.hpp"

namespace corridor::solve {
namespace {

/// Flows below this share of the largest demand are numerical noise.
constexpr double kEpsilon = 1e-9;

constexpr int kNone = -1;

enum class ArcKind : std::uint8_t { Link, Node };

/// An arc of the mode-expanded graph: a link direction (departure -> arrival vertex) or a
/// pass through a node (arrival in one mode -> departure in the same or another mode).
struct Arc {
  ArcKind kind = ArcKind::Link;
  int tail = 0, head = 0;  ///< vertices
  std::uint32_t index = 0; ///< LinkIndex or NodeIndex
  NodeIndex from = 0, to = 0;
  double weight = 0.0;     ///< per tonne
  int capacity_row = kNone;  ///< link direction capacity (links) or node capacity (nodes)
};

/// Key of a capacity: a link direction (type Link, from/to) or a node.
struct CapacityKey {
  CutElement::Type type;
  std::uint32_t index;
  NodeIndex from, to;
  auto operator<=>(const CapacityKey&) const = default;
};

struct ExpandedGraph {
  int vertex_count = 0;
  std::vector<std::array<int, kModeCount>> arrival, departure;  ///< per node and mode
  std::vector<Arc> arcs;
};

/// The mode-expanded graph of the usable links (solve/detail/mode_graph.hpp), its arcs weighted
/// per tonne with the route model's figures (step_metrics). Link arcs first (in link order, a
/// bidirectional link's reverse arc after its forward one), then pass-through arcs node by node:
/// this order numbers the LP's columns and rows, and so decides between equally good solutions.
ExpandedGraph expand(const Network& network, const std::vector<char>& usable, const WeightParams& params) {
  detail::ModeExpansion expansion = detail::expand_modes(network, usable);
  ExpandedGraph g;
  g.vertex_count = static_cast<int>(expansion.vertex_count());
  auto to_int = [](const std::array<detail::ModeVertex, kModeCount>& vertices) {
    std::array<int, kModeCount> out{};
    for (std::size_t m = 0; m < kModeCount; ++m)
      out[m] = vertices[m] == detail::kNoModeVertex ? kNone : static_cast<int>(vertices[m]);
    return out;
  };
  // Only arrival vertices some link arc reaches and departure vertices some link arc leaves
  // take part: the others (a one-way link's far ends) would add pass-through arcs and end
  // columns that no flow can use, but that count in the default penalty and shape the LP.
  std::vector<char> reached(expansion.vertex_count(), 0), left(expansion.vertex_count(), 0);
  for (const detail::ModeArc& mode_arc : expansion.arcs)
    if (mode_arc.is_link()) reached[mode_arc.to] = left[mode_arc.from] = 1;
  auto used = [&](const std::array<detail::ModeVertex, kModeCount>& vertices, const std::vector<char>& is_used) {
    std::array<detail::ModeVertex, kModeCount> out = vertices;
    for (auto& v : out)
      if (v != detail::kNoModeVertex && !is_used[v]) v = detail::kNoModeVertex;
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
    for (const detail::ModeArc& mode_arc : expansion.arcs) {
      if (mode_arc.is_link() != links) continue;
      if (!links && (!reached[mode_arc.from] || !left[mode_arc.to])) continue;
      Arc arc;
      arc.kind = links ? ArcKind::Link : ArcKind::Node;
      arc.tail = static_cast<int>(mode_arc.from);
      arc.head = static_cast<int>(mode_arc.to);
      arc.index = mode_arc.link_or_node();
      arc.from = expansion.node_of_vertex[mode_arc.from];
      arc.to = expansion.node_of_vertex[mode_arc.to];
      arc.weight = weight_per_t(step_metrics(network, mode_arc.step), params);
      g.arcs.push_back(arc);
    }
  return g;
}

/// The arcs one OD pair can use: those on some path from a departure vertex of its origin to an
/// arrival vertex of its destination (reachable forwards from the one and backwards from the other).
/// Any other arc carries no flow of this pair in a solution without cycles, so the LP leaves it out.
std::vector<char> arcs_on_some_path(const ExpandedGraph& g, const OdDemand& od) {
  std::vector<std::vector<int>> out_arcs(g.vertex_count), in_arcs(g.vertex_count);
  for (std::size_t a = 0; a < g.arcs.size(); ++a) {
    out_arcs[g.arcs[a].tail].push_back(static_cast<int>(a));
    in_arcs[g.arcs[a].head].push_back(static_cast<int>(a));
  }
  auto search = [&](const std::array<int, kModeCount>& starts, bool forward) {
    std::vector<char> seen(g.vertex_count, 0);
    std::vector<int> stack;
    for (int v : starts)
      if (v != kNone && !seen[v]) seen[v] = 1, stack.push_back(v);
    while (!stack.empty()) {
      const int v = stack.back();
      stack.pop_back();
      for (int a : forward ? out_arcs[v] : in_arcs[v]) {
        const int w = forward ? g.arcs[a].head : g.arcs[a].tail;
        if (!seen[w]) seen[w] = 1, stack.push_back(w);
      }
    }
    return seen;
  };
  const std::vector<char> from_origin = search(g.departure[od.from], true);
  const std::vector<char> to_destination = search(g.arrival[od.to], false);
  std::vector<char> on_path(g.arcs.size(), 0);
  for (std::size_t a = 0; a < g.arcs.size(); ++a)
    on_path[a] = from_origin[g.arcs[a].tail] && to_destination[g.arcs[a].head];
  return on_path;
}

/// Owns a GLPK problem (glp_delete_prob on every path out).
struct LpDeleter {
  void operator()(glp_prob* lp) const { glp_delete_prob(lp); }
};

/// Column roles, for reading the solution back.
struct Column {
  enum class Role : std::uint8_t { Arc, Inject, Absorb, Unserved } role = Role::Arc;
  std::size_t commodity = 0;
  int arc = kNone;      ///< Arc role: index in ExpandedGraph::arcs
  int vertex = kNone;   ///< Inject/Absorb: the departure/arrival vertex
};

struct PathKey {
  std::vector<LinkIndex> links;
  std::vector<NodeIndex> nodes;
};

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
  std::vector<OdPath> paths;
  for (const auto& [links, mt] : by_links) {
    if (mt < noise || links.empty()) continue;
    OdPath path;
    path.links = links;
    path.nodes = nodes_of[links];
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

}  // namespace

AssignResult assign_demand(const Network& network, const AssignQuery& query) {
  AssignResult result;
  result.query = query;
  const std::vector<char> usable = usable_links(network, query.corridors, query.avoid);
  const ExpandedGraph g = expand(network, usable, query.weights);

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

  std::unique_ptr<glp_prob, LpDeleter> lp(glp_create_prob());
  glp_term_out(GLP_OFF);
  glp_set_obj_dir(lp.get(), GLP_MIN);

  std::vector<std::vector<char>> arc_used(query.demand.size());
  std::vector<char> arc_used_by_any(g.arcs.size(), 0);
  for (std::size_t k = 0; k < query.demand.size(); ++k) {
    arc_used[k] = arcs_on_some_path(g, query.demand[k]);
    for (std::size_t a = 0; a < g.arcs.size(); ++a) arc_used_by_any[a] |= arc_used[k][a];
  }

  // Capacity rows first: one per finite link direction and per finite node that some pair can use.
  std::map<CapacityKey, int> capacity_rows;
  std::vector<CapacityKey> row_keys;  // capacity row r (1-based) -> key at r-1
  std::vector<Arc> arcs = g.arcs;
  auto capacity_row = [&](const CapacityKey& key, std::optional<TonnesPerYear> capacity) -> int {
    if (!capacity) return kNone;
    auto [it, inserted] = capacity_rows.emplace(key, 0);
    if (inserted) {
      it->second = glp_add_rows(lp.get(), 1);
      glp_set_row_bnds(lp.get(), it->second, GLP_UP, 0.0, static_cast<double>(*capacity));
      row_keys.push_back(key);
    }
    return it->second;
  };
  for (std::size_t a = 0; a < arcs.size(); ++a) {
    Arc& arc = arcs[a];
    if (!arc_used_by_any[a]) continue;
    if (arc.kind == ArcKind::Link)
      arc.capacity_row = capacity_row({CutElement::Type::Link, arc.index, arc.from, arc.to},
                                      network.links[arc.index].capacity_tpy);
    else
      arc.capacity_row = capacity_row({CutElement::Type::Node, arc.index, arc.index, arc.index},
                                      network.nodes[arc.index].capacity_tpy);
  }
  auto node_row = [&](NodeIndex n) {
    return capacity_row({CutElement::Type::Node, n, n, n}, network.nodes[n].capacity_tpy);
  };

  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0.0};
  std::vector<Column> columns{{}};  // 1-based
  auto add_column = [&](Column column, double objective) {
    const int j = glp_add_cols(lp.get(), 1);
    glp_set_col_bnds(lp.get(), j, GLP_LO, 0.0, 0.0);
    glp_set_obj_coef(lp.get(), j, objective);
    columns.push_back(column);
    return j;
  };
  auto put = [&](int row, int column, double value) {
    ia.push_back(row);
    ja.push_back(column);
    ar.push_back(value);
  };

  for (std::size_t k = 0; k < query.demand.size(); ++k) {
    const OdDemand& od = query.demand[k];
    // Conservation rows of this commodity: inflow - outflow = 0 at every vertex on one of its
    // arcs, and at its origin's departure and destination's arrival vertices.
    const std::vector<char>& used = arc_used[k];
    std::vector<int> conservation_row(g.vertex_count, kNone);
    auto row_of = [&](int v) {
      if (conservation_row[v] == kNone) {
        conservation_row[v] = glp_add_rows(lp.get(), 1);
        glp_set_row_bnds(lp.get(), conservation_row[v], GLP_FX, 0.0, 0.0);
      }
      return conservation_row[v];
    };
    const int supply_row = glp_add_rows(lp.get(), 1);  // served + unserved = demand
    glp_set_row_bnds(lp.get(), supply_row, GLP_FX, od.tonnes_per_year, od.tonnes_per_year);

    for (std::size_t a = 0; a < arcs.size(); ++a) {
      if (!used[a]) continue;
      const Arc& arc = arcs[a];
      const int j = add_column({Column::Role::Arc, k, static_cast<int>(a), kNone}, arc.weight);
      put(row_of(arc.tail), j, -1.0);
      put(row_of(arc.head), j, 1.0);
      if (arc.capacity_row != kNone) put(arc.capacity_row, j, 1.0);
    }
    for (std::size_t m = 0; m < kModeCount; ++m) {
      if (const int v = g.departure[od.from][m]; v != kNone) {
        const int j = add_column({Column::Role::Inject, k, kNone, v}, 0.0);
        put(row_of(v), j, 1.0);
        put(supply_row, j, 1.0);
        if (const int r = node_row(od.from); r != kNone) put(r, j, 1.0);  // the origin handles it
      }
      if (const int v = g.arrival[od.to][m]; v != kNone) {
        const int j = add_column({Column::Role::Absorb, k, kNone, v}, 0.0);
        put(row_of(v), j, -1.0);
        if (const int r = node_row(od.to); r != kNone) put(r, j, 1.0);  // the destination handles it
      }
    }
    const int unserved = add_column({Column::Role::Unserved, k, kNone, kNone}, result.unserved_penalty_per_t);
    put(supply_row, unserved, 1.0);
  }

  // A capacity that only one column uses (a link or node only one pair can use, as in every
  // single-pair assignment) is that column's upper bound rather than a row: fewer rows for the
  // simplex to factorize and price, and bounded columns the dual simplex's long-step ratio test
  // can flip. Its marginal value is then the column's reduced cost instead of the row's dual.
  std::map<CapacityKey, int> capacity_columns;
  {
    const int row_count = glp_get_num_rows(lp.get());
    std::vector<int> entries(row_count + 1, 0), only_column(row_count + 1, 0);
    std::vector<char> is_capacity(row_count + 1, 0);
    for (const auto& [key, row] : capacity_rows) is_capacity[row] = 1;
    for (std::size_t e = 1; e < ia.size(); ++e)
      if (is_capacity[ia[e]]) ++entries[ia[e]], only_column[ia[e]] = ja[e];
    std::vector<char> bounded(columns.size(), 0), dropped(row_count + 1, 0);
    for (auto& [key, row] : capacity_rows) {
      if (entries[row] > 1) continue;
      if (entries[row] == 1) {
        const int j = only_column[row];
        if (bounded[j]) continue;  // one bound per column, so its reduced cost is this capacity's
        bounded[j] = 1;
        const double capacity_t = glp_get_row_ub(lp.get(), row);
        // GLPK wants lower < upper for GLP_DB: a zero capacity fixes the column at 0.
        glp_set_col_bnds(lp.get(), j, capacity_t > 0.0 ? GLP_DB : GLP_FX, 0.0, std::max(0.0, capacity_t));
        capacity_columns.emplace(key, j);
      }
      dropped[row] = 1;
    }
    std::size_t kept = 1;
    for (std::size_t e = 1; e < ia.size(); ++e)
      if (!dropped[ia[e]]) ia[kept] = ia[e], ja[kept] = ja[e], ar[kept] = ar[e], ++kept;
    ia.resize(kept), ja.resize(kept), ar.resize(kept);
    std::vector<int> new_row(row_count + 1, 0), dropped_rows{0};
    for (int r = 1, next = 1; r <= row_count; ++r) {
      if (dropped[r]) dropped_rows.push_back(r);
      else new_row[r] = next++;
    }
    for (std::size_t e = 1; e < ia.size(); ++e) ia[e] = new_row[ia[e]];
    for (auto it = capacity_rows.begin(); it != capacity_rows.end();)
      if (dropped[it->second]) it = capacity_rows.erase(it);
      else it->second = new_row[it->second], ++it;
    if (dropped_rows.size() > 1) glp_del_rows(lp.get(), static_cast<int>(dropped_rows.size() - 1), dropped_rows.data());
  }

  if (glp_get_num_cols(lp.get()) > 0 && glp_get_num_rows(lp.get()) > 0) {
    glp_load_matrix(lp.get(), static_cast<int>(ia.size() - 1), ia.data(), ja.data(), ar.data());
    // Start from GLPK's advanced (crash) basis, not the all-slack one: it is primal feasible
    // here (the unserved columns carry the demand), so phase 1 is skipped, and on generated
    // networks the primal simplex then needs about half the iterations (measured: 2,311 -> 1,070
    // at 1,000 nodes, 24,212 -> 11,710 at 10,000). Other options were measured and left at
    // GLPK's defaults: the dual simplex (GLP_DUALP) took 20% more time at 10,000 nodes, the
    // long-step ratio test (GLP_RT_FLIP) with it more again, glp_scale_prob(GLP_SF_AUTO) and
    // glp_cpx_basis did no better, and presolve (GLP_ON) only repeats this basis at 1,000 nodes
    // while it would complicate duals and status reporting.
    glp_adv_basis(lp.get(), 0);
    glp_smcp parameters;
    glp_init_smcp(&parameters);
    parameters.msg_lev = GLP_MSG_OFF;
    const int code = glp_simplex(lp.get(), &parameters);
    const int status = glp_get_status(lp.get());
    result.solved = code == 0 && status == GLP_OPT;
    result.solver_status = code != 0 ? "glp_simplex failed (code " + std::to_string(code) + ")"
                           : status == GLP_OPT ? "optimal"
                                               : "not optimal (GLPK status " + std::to_string(status) + ")";
  } else {
    result.solved = true;
    result.solver_status = "empty";
  }
  if (!result.solved) return result;
  result.objective = glp_get_obj_val(lp.get());

  // Read back per commodity.
  std::vector<std::vector<double>> arc_flow(query.demand.size(), std::vector<double>(arcs.size(), 0.0));
  std::vector<std::vector<std::pair<int, double>>> injects(query.demand.size());
  std::vector<std::vector<double>> absorbs(query.demand.size(), std::vector<double>(g.vertex_count, 0.0));
  std::vector<double> unserved(query.demand.size(), 0.0);
  std::map<CapacityKey, double> load;
  for (std::size_t j = 1; j < columns.size(); ++j) {
    const double value = glp_get_col_prim(lp.get(), static_cast<int>(j));
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

  for (std::size_t k = 0; k < query.demand.size(); ++k) {
    OdAssignment od;
    od.demand = query.demand[k];
    od.unserved_tpy = std::max(0.0, unserved[k]);
    if (od.unserved_tpy < noise) od.unserved_tpy = 0.0;
    od.served_tpy = std::max(0.0, od.demand.tonnes_per_year - od.unserved_tpy);
    od.paths = decompose(network, g, od.demand, noise, arc_flow[k], injects[k], absorbs[k]);
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

  for (const auto& [key, mt] : load) {
    CapacityLoad entry;
    entry.type = key.type;
    entry.index = key.index;
    entry.from = key.from;
    entry.to = key.to;
    entry.load_tpy = mt;
    entry.capacity_tpy =
        key.type == CutElement::Type::Link ? network.links[key.index].capacity_tpy : network.nodes[key.index].capacity_tpy;
    const auto row = capacity_rows.find(key);
    const auto column = capacity_columns.find(key);
    if (row != capacity_rows.end() || column != capacity_columns.end()) {
      const double capacity_t = static_cast<double>(*entry.capacity_tpy);
      entry.binding = mt >= capacity_t - 1e-7 * std::max(1.0, capacity_t);
      const double dual = row != capacity_rows.end() ? glp_get_row_dual(lp.get(), row->second)
                                                     : glp_get_col_dual(lp.get(), column->second);
      if (entry.binding && std::fabs(dual) > 1e-9) entry.marginal_value_per_t = -dual;
    }
    result.loads.push_back(entry);
  }
  std::sort(result.loads.begin(), result.loads.end(), [](const CapacityLoad& a, const CapacityLoad& b) {
    if (a.type != b.type) return a.type == CutElement::Type::Link;
    if (a.index != b.index) return a.index < b.index;
    return std::tie(a.from, a.to) < std::tie(b.from, b.to);
  });
  for (const CapacityLoad& entry : result.loads)
    if (entry.binding) result.binding.push_back(entry);
  std::stable_sort(result.binding.begin(), result.binding.end(), [](const CapacityLoad& a, const CapacityLoad& b) {
    return a.marginal_value_per_t > b.marginal_value_per_t;
  });
  return result;
}

}  // namespace corridor::solve
