#pragma once
// The demand assignment's linear program (internal to src/solve): the mode-expanded graph of
// the usable links weighted per tonne, and its multi-commodity min-cost flow LP in GLPK, built
// and solved. solve/assign.cpp reads the answer back and splits it into paths.

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include <glpk.h>

#include "model/capacity.hpp"
#include "model/network.hpp"
#include "solve/detail/simplex.hpp"

namespace corridor::solve::detail {

inline constexpr int kNone = -1;

enum class ArcKind : std::uint8_t { Link, Node };

/// An arc of the mode-expanded graph: a link direction (departure -> arrival vertex) or a
/// pass through a node (arrival in one mode -> departure in the same or another mode).
struct Arc {
  ArcKind kind = ArcKind::Link;
  int tail = 0, head = 0;  ///< vertices
  std::uint32_t index = 0; ///< LinkIndex or NodeIndex
  NodeIndex from = 0, to = 0;
  double weight = 0.0;     ///< per tonne
  double hours = 0.0;      ///< the route model's hours of this step (for the detour rule)
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
ExpandedGraph expand(const Network& network, const std::vector<char>& usable, const WeightParams& params);

/// The arcs OD pair `od` can use: those on some route from its origin to its destination within
/// `max_detour` times the fastest one (every arc on some route when there is no bound).
std::vector<char> arcs_on_some_path(const ExpandedGraph& g, const OdDemand& od, std::optional<double> max_detour);

/// Each vertex's outgoing and incoming arcs, for arcs_on_some_path over many OD pairs.
struct ArcLists {
  explicit ArcLists(const ExpandedGraph& g);
  std::vector<std::vector<int>> out, in;
};
std::vector<char> arcs_on_some_path(const ExpandedGraph& g, const ArcLists& lists, const OdDemand& od,
                                    std::optional<double> max_detour);
/// Hours from the vertices `starts` to every vertex (forward, over `lists.out`) or from every
/// vertex to them (backwards, over `lists.in`): Dijkstra on the arcs' hours.
std::vector<double> hours_from(const ExpandedGraph& g, const std::vector<std::vector<int>>& adjacent,
                               const std::array<int, kModeCount>& starts, bool forward);
/// arcs_on_some_path from the hours of its origin's departures to every vertex and of every
/// vertex to its destination's arrivals (hours_from), so pairs sharing an end share them.
std::vector<char> arcs_on_some_path(const ExpandedGraph& g, const OdDemand& od, const std::vector<double>& from_origin,
                                    const std::vector<double>& to_destination, std::optional<double> max_detour);

/// Column roles, for reading the solution back.
struct Column {
  enum class Role : std::uint8_t { Arc, Inject, Absorb, Unserved } role = Role::Arc;
  std::size_t commodity = 0;
  int arc = kNone;      ///< Arc role: index in ExpandedGraph::arcs
  int vertex = kNone;   ///< Inject/Absorb: the departure/arrival vertex
};

/// The LP of an assignment: columns per commodity and arc it can use, per commodity and end
/// vertex (inject at the origin, absorb at the destination) and for its unserved tonnes; rows
/// for flow conservation, supply and the capacities more than one column shares (a capacity
/// only one column uses is that column's bound).
struct AssignLp {
  LpPointer lp;
  std::vector<Arc> arcs;                      ///< the graph's arcs with their capacity rows
  std::vector<Column> columns{{}};            ///< by column number (1-based)
  std::map<CapacityKey, int> capacity_rows;   ///< capacities kept as rows
  std::map<CapacityKey, int> capacity_columns;  ///< capacities made a column's upper bound
  std::vector<int> resource_rows;             ///< per network resource: its row, or kNone if no pair draws on it
};

/// The capacity an assignment may use on a link direction or node: its rating (a link's from its
/// sailings when not given) less its background traffic (docs/capacity.md), as the max flow.
std::optional<TonnesPerYear> assignable_capacity_tpy(const Network& network, const CapacityKey& key);

/// Builds the LP of `query` on `g`, unserved tonnes weighing `unserved_penalty_per_t`.
AssignLp build_assignment_lp(const Network& network, const ExpandedGraph& g, const AssignQuery& query,
                             double unserved_penalty_per_t);

/// Sets result.solved, result.solver_status and result.solver_code from a solve's outcome.
void record_outcome(const SimplexOutcome& outcome, AssignResult& result);

/// Solves the LP with GLPK's primal simplex from an advanced basis; sets result.solved,
/// result.solver_status and, when solved, result.objective.
void solve_assignment_lp(AssignLp& lp, AssignResult& result);

}  // namespace corridor::solve::detail
