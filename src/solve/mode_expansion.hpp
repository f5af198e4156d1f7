#pragma once
// The mode expansion of a network (docs/model.md), shared by Router and earliest_arrival:
// each node has an arrival and a departure vertex per mode of its usable links; a pass-through
// arc joins an arrival to a departure at the same node (another mode only where the node allows
// transfers) and a link arc joins a departure to the arrival at the link's other end.
// Internal to src/solve: callers attach their own per-arc data and build a Boost CSR graph.

#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "model/network.hpp"

namespace corridor::solve::detail {

using ModeVertex = std::uint32_t;
inline constexpr ModeVertex kNoModeVertex = std::numeric_limits<ModeVertex>::max();

/// An arc of the mode-expanded graph.
struct ModeArc {
  ModeVertex from = 0;
  ModeVertex to = 0;
  bool is_link = false;            ///< link arc; else a pass-through arc
  std::uint32_t link_or_node = 0;  ///< LinkIndex for a link arc, NodeIndex for a pass-through arc
  bool transfer = false;           ///< pass-through arc changing mode
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

}  // namespace corridor::solve::detail
