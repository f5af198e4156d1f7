#include "solve/mode_expansion.hpp"

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
        x.arcs.push_back({x.arrival[n][in], x.departure[n][out], false, n, transfer});
      }
    }
  }
  for (LinkIndex l = 0; l < net.links.size(); ++l) {
    if (!usable[l]) continue;
    const Link& link = net.links[l];
    const auto m = static_cast<std::size_t>(link.mode);
    x.arcs.push_back({x.departure[link.from][m], x.arrival[link.to][m], true, l, false});
    if (link.bidirectional) x.arcs.push_back({x.departure[link.to][m], x.arrival[link.from][m], true, l, false});
  }
  return x;
}

}  // namespace corridor::solve::detail
