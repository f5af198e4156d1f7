#include "solve/detail/mode_graph.hpp"

#include <algorithm>
#include <cassert>
#include <utility>

namespace corridor::solve::detail {

ModeExpansion expand_modes(const Network& net, const std::vector<char>& usable) {
  const auto node_count = net.nodes.size();
  ModeExpansion x;
  x.arrival.assign(node_count, {kNoModeVertex, kNoModeVertex, kNoModeVertex, kNoModeVertex});
  x.departure = x.arrival;
  std::vector<std::array<bool, kModeCount>> has_mode(node_count, {false, false, false, false});
  for (LinkIndex l = 0; l < net.links.size(); ++l) {
    if (!usable[l]) continue;
    const auto m = static_cast<std::size_t>(net.links[l].mode);
    has_mode[net.links[l].from][m] = has_mode[net.links[l].to][m] = true;
  }
  // Vertices and arcs are counted first, so that each list is allocated once at its size (on a
  // large network the arcs' doublings briefly held 1.9x them; docs/performance.md, peak memory).
  std::size_t vertex_count = 0, arc_count = 0;
  for (NodeIndex n = 0; n < node_count; ++n) {
    const auto modes = static_cast<std::size_t>(std::count(has_mode[n].begin(), has_mode[n].end(), true));
    vertex_count += 2 * modes;
    arc_count += net.nodes[n].allows_transfer ? modes * modes : modes;
  }
  for (LinkIndex l = 0; l < net.links.size(); ++l)
    if (usable[l]) arc_count += net.links[l].bidirectional ? 2 : 1;
  x.node_of_vertex.reserve(vertex_count);
  x.is_arrival.reserve(vertex_count);
  x.arcs.reserve(arc_count);
  ModeVertex next = 0;
  for (NodeIndex n = 0; n < node_count; ++n)
    for (std::size_t m = 0; m < kModeCount; ++m)
      if (has_mode[n][m]) {
        x.arrival[n][m] = next++;
        x.departure[n][m] = next++;
        x.node_of_vertex.insert(x.node_of_vertex.end(), {n, n});
        x.is_arrival.insert(x.is_arrival.end(), {1, 0});
      }
  for (NodeIndex n = 0; n < node_count; ++n) {
    for (std::size_t in = 0; in < kModeCount; ++in) {
      if (x.arrival[n][in] == kNoModeVertex) continue;
      for (std::size_t out = 0; out < kModeCount; ++out) {
        if (x.departure[n][out] == kNoModeVertex) continue;
        const bool transfer = in != out;
        if (transfer && !net.nodes[n].allows_transfer) continue;
        x.arcs.push_back({x.arrival[n][in], x.departure[n][out], {false, n, transfer}});
      }
    }
  }
  for (LinkIndex l = 0; l < net.links.size(); ++l) {
    if (!usable[l]) continue;
    const Link& link = net.links[l];
    const auto m = static_cast<std::size_t>(link.mode);
    x.arcs.push_back({x.departure[link.from][m], x.arrival[link.to][m], {true, l, false}});
    if (link.bidirectional) x.arcs.push_back({x.departure[link.to][m], x.arrival[link.from][m], {true, l, false}});
  }
  assert(x.node_of_vertex.size() == vertex_count && x.arcs.size() == arc_count);
  return x;
}

std::vector<char> usable_links_of_modes(const Network& net, const std::vector<std::string>& corridors,
                                        const Avoidance& avoid, const std::vector<Mode>& modes) {
  std::vector<char> usable = usable_links(net, corridors, avoid);
  if (!modes.empty())
    for (LinkIndex l = 0; l < net.links.size(); ++l)
      if (std::find(modes.begin(), modes.end(), net.links[l].mode) == modes.end()) usable[l] = 0;
  return usable;
}

std::vector<std::uint32_t> csr_positions(const std::vector<std::uint32_t>& tails, std::size_t vertex_count) {
  // A counting sort: first position of each vertex's edges, then each edge in the order given.
  std::vector<std::uint32_t> next(vertex_count + 1, 0);
  for (std::uint32_t tail : tails) ++next[tail + 1];
  for (std::size_t v = 1; v < next.size(); ++v) next[v] += next[v - 1];
  std::vector<std::uint32_t> positions(tails.size());
  for (std::size_t i = 0; i < tails.size(); ++i) positions[i] = next[tails[i]]++;
  return positions;
}

CsrGraph csr_graph(const std::vector<std::uint32_t>& tails, const std::vector<std::uint32_t>& heads,
                   const std::vector<std::uint32_t>& positions, std::size_t vertex_count) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> sorted(tails.size());
  for (std::size_t i = 0; i < tails.size(); ++i) sorted[positions[i]] = {tails[i], heads[i]};
  return CsrGraph(boost::edges_are_sorted, sorted.begin(), sorted.end(), static_cast<std::uint32_t>(vertex_count));
}

}  // namespace corridor::solve::detail
