#pragma once
// The one graph of every solver (docs/architecture.md), internal to src/solve:
//  - the mode expansion of a network (docs/model.md): each node has an arrival and a departure
//    vertex per mode of its usable links; a pass-through arc joins an arrival to a departure at
//    the same node (another mode only where the node allows transfers) and a link arc joins a
//    departure to the arrival at the link's other end. Each arc is a RouteStep, whose hours, km,
//    USD/t and kg CO2e/t come from model/cost.hpp's step_metrics() (THE model), nowhere else;
//  - the compressed-sparse-row build every Boost.Graph search runs on (csr_positions, csr_graph).
// Used by the router (route_graph.cpp), the timetable search (schedule.cpp), the assignment
// (assign_lp.cpp) and, for the CSR build, the flow solver (flow.cpp).

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "model/cost.hpp"
#include "model/network.hpp"
#include "model/query.hpp"

namespace corridor::solve::detail {

using ModeVertex = std::uint32_t;
inline constexpr ModeVertex kNoModeVertex = std::numeric_limits<ModeVertex>::max();

/// An arc of the mode-expanded graph.
struct ModeArc {
  ModeVertex from = 0;
  ModeVertex to = 0;

  ModeArc() = default;
  ModeArc(ModeVertex tail, ModeVertex head, const RouteStep& step)
      : from(tail), to(head), element_(step.link_or_node), link_(step.is_link), mode_change_(step.mode_change) {}
  /// The link travelled or the node passed through (with or without mode change).
  RouteStep step() const { return {link_, element_, mode_change_}; }
  bool is_link() const { return link_; }
  std::uint32_t link_or_node() const { return element_; }
  bool transfer() const { return mode_change_; }

 private:
  // A RouteStep's members without its padding: 16 bytes an arc instead of 20 (peak memory).
  std::uint32_t element_ = 0;
  bool link_ = false;
  bool mode_change_ = false;
};

struct ModeExpansion {
  /// Arrival and departure vertex of (node, mode); kNoModeVertex when the node has no usable link of that mode.
  std::vector<std::array<ModeVertex, kModeCount>> arrival, departure;
  std::vector<NodeIndex> node_of_vertex;
  std::vector<char> is_arrival;
  /// Pass-through arcs node by node (arrival mode, then departure mode), then each usable link's
  /// arc, followed by its reverse arc when the link is bidirectional.
  std::vector<ModeArc> arcs;

  ModeVertex vertex_count() const { return static_cast<ModeVertex>(node_of_vertex.size()); }
};

/// The mode expansion of the links with usable[link] != 0. Vertices are numbered node by node,
/// mode by mode, arrival before departure.
ModeExpansion expand_modes(const Network& network, const std::vector<char>& usable);

/// The usable links of a route-like query: usable_links() (open, corridors, avoid) and, when
/// `modes` is not empty, of one of those modes.
std::vector<char> usable_links_of_modes(const Network& network, const std::vector<std::string>& corridors,
                                        const Avoidance& avoid, const std::vector<Mode>& modes);

/// The graph type of every search: Boost's CSR graph with 32-bit vertices and edges.
using CsrGraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                                    boost::no_property, std::uint32_t, std::uint32_t>;

/// The CSR edge index of each edge given by its tail: edges sorted by tail, stably, so that a
/// vertex's out-edges keep the order they were given in (which breaks ties between equal answers).
std::vector<std::uint32_t> csr_positions(const std::vector<std::uint32_t>& tails, std::size_t vertex_count);

/// The CSR graph of edges (tails[i], heads[i]), edge i getting index positions[i] (csr_positions).
CsrGraph csr_graph(const std::vector<std::uint32_t>& tails, const std::vector<std::uint32_t>& heads,
                   const std::vector<std::uint32_t>& positions, std::size_t vertex_count);

}  // namespace corridor::solve::detail
