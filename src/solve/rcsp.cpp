#include "solve/rcsp.hpp"

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <queue>

namespace corridor::solve {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
/// A state of the search: a node and the mode of the link that reached it (kModeCount at the origin).
constexpr std::size_t kStatesPerNode = kModeCount + 1;

std::size_t state_of(NodeIndex node, std::size_t mode) { return node * kStatesPerNode + mode; }

/// Hours within the bound, allowing for rounding in sums of hours.
bool within(double hours, double max_hours) { return hours <= max_hours + 1e-9 * std::max(1.0, max_hours); }

}  // namespace

RouteTimeGraph::RouteTimeGraph(const Network& network, std::vector<char> usable)
    : network_(&network), usable_(std::move(usable)), out_(network.nodes.size()) {
  assert(usable_.size() == network.links.size());
  for (LinkIndex l = 0; l < network.links.size(); ++l) {
    if (!usable_[l]) continue;
    const Link& link = network.links[l];
    out_[link.from].emplace_back(l, link.to);
    if (link.bidirectional) out_[link.to].emplace_back(l, link.from);
  }
}

double RouteTimeGraph::link_hours(LinkIndex link) const {
  const Link& l = network_->links[link];
  return l.hours + l.expected_wait_hours();
}

std::optional<double> RouteTimeGraph::pass_hours(NodeIndex at, Mode in_mode, Mode out_mode) const {
  const Node& node = network_->nodes[at];
  if (in_mode == out_mode) return node.dwell_hours;
  if (!node.allows_transfer) return std::nullopt;
  return node.dwell_hours + node.transfer_hours;
}

std::optional<double> RouteTimeGraph::fastest_hours(NodeIndex from, NodeIndex to) const {
  // Dijkstra on the (node, arrival mode) states.
  std::vector<double> best(network_->nodes.size() * kStatesPerNode, kInfinity);
  using Entry = std::pair<double, std::size_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  best[state_of(from, kModeCount)] = 0.0;
  queue.emplace(0.0, state_of(from, kModeCount));
  while (!queue.empty()) {
    const auto [hours, state] = queue.top();
    queue.pop();
    if (hours > best[state]) continue;
    const auto at = static_cast<NodeIndex>(state / kStatesPerNode);
    const std::size_t in_mode = state % kStatesPerNode;
    if (at == to) return hours;
    for (const auto& [link, next] : out_[at]) {
      const Mode mode = network_->links[link].mode;
      double step = link_hours(link);
      if (in_mode != kModeCount) {
        const auto pass = pass_hours(at, static_cast<Mode>(in_mode), mode);
        if (!pass) continue;
        step += *pass;
      }
      const std::size_t next_state = state_of(next, static_cast<std::size_t>(mode));
      if (hours + step < best[next_state]) {
        best[next_state] = hours + step;
        queue.emplace(hours + step, next_state);
      }
    }
  }
  return std::nullopt;
}

std::vector<double> RouteTimeGraph::hours_to(NodeIndex to) const {
  // Reverse Dijkstra on link hours alone (dwell and transfers are >= 0: a lower bound).
  std::vector<std::vector<std::pair<LinkIndex, NodeIndex>>> in(network_->nodes.size());
  for (NodeIndex n = 0; n < out_.size(); ++n)
    for (const auto& [link, next] : out_[n]) in[next].emplace_back(link, n);
  std::vector<double> best(network_->nodes.size(), kInfinity);
  using Entry = std::pair<double, NodeIndex>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  best[to] = 0.0;
  queue.emplace(0.0, to);
  while (!queue.empty()) {
    const auto [hours, at] = queue.top();
    queue.pop();
    if (hours > best[at]) continue;
    for (const auto& [link, previous] : in[at]) {
      const double h = hours + link_hours(link);
      if (h < best[previous]) {
        best[previous] = h;
        queue.emplace(h, previous);
      }
    }
  }
  return best;
}

std::optional<PricedPath> cheapest_path_within(const RouteTimeGraph& graph, NodeIndex from, NodeIndex to,
                                               double max_hours, const PathPrices& prices) {
  return cheapest_path_within(graph, from, to, max_hours, prices, graph.hours_to(to));
}

std::optional<PricedPath> cheapest_path_within(const RouteTimeGraph& graph, NodeIndex from, NodeIndex to,
                                               double max_hours, const PathPrices& prices,
                                               const std::vector<double>& lower_bound) {
  const Network& network = graph.network();
  if (!within(lower_bound[from], max_hours)) return std::nullopt;

  struct Label {
    double cost;
    double hours;
    NodeIndex node;
    std::size_t mode;  ///< arrival mode, kModeCount at the origin
    LinkIndex link;    ///< link that reached the node (unused at the origin)
    std::size_t parent;
  };
  std::vector<Label> labels;
  labels.push_back({prices.node[from], 0.0, from, kModeCount, 0, 0});
  // Labels leave the queue by cost, then hours: a label is useless when an earlier one at its
  // state was as fast (it was also as cheap), so one figure per state decides dominance.
  auto later = [&](std::size_t a, std::size_t b) {
    if (labels[a].cost != labels[b].cost) return labels[a].cost > labels[b].cost;
    return labels[a].hours > labels[b].hours;
  };
  std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(later)> queue(later);
  std::vector<double> fastest_settled(network.nodes.size() * kStatesPerNode, kInfinity);
  queue.push(0);
  // Loopless: is `node` on the label's path? Only a node some settled label reached can be (every
  // label on a path was settled), and the walk up the path goes over a compact copy of the
  // labels' (node, parent): the walks were most of the search's time.
  std::vector<char> node_settled(network.nodes.size(), 0);
  std::vector<std::pair<NodeIndex, std::uint32_t>> trail{{from, 0}};
  auto visited = [&](std::size_t label, NodeIndex node) {
    if (!node_settled[node]) return false;
    for (std::size_t i = label;; i = trail[i].second) {
      if (trail[i].first == node) return true;
      if (i == 0) return false;
    }
  };
  while (!queue.empty()) {
    const std::size_t index = queue.top();
    queue.pop();
    const Label label = labels[index];
    const std::size_t state = state_of(label.node, label.mode);
    if (fastest_settled[state] <= label.hours) continue;
    fastest_settled[state] = label.hours;
    node_settled[label.node] = 1;
    if (label.node == to) {
      PricedPath path;
      path.cost = label.cost;
      path.hours = label.hours;
      for (std::size_t i = index; i != 0; i = labels[i].parent) {
        path.nodes.push_back(labels[i].node);
        path.links.push_back(labels[i].link);
      }
      path.nodes.push_back(from);
      std::reverse(path.nodes.begin(), path.nodes.end());
      std::reverse(path.links.begin(), path.links.end());
      return path;
    }
    for (const auto& [link, next] : graph.out(label.node)) {
      const Link& l = network.links[link];
      double hours = label.hours + graph.link_hours(link);
      if (label.mode != kModeCount) {
        const auto pass = graph.pass_hours(label.node, static_cast<Mode>(label.mode), l.mode);
        if (!pass) continue;
        hours += *pass;
      }
      if (!within(hours + lower_bound[next], max_hours)) continue;
      const std::size_t next_state = state_of(next, static_cast<std::size_t>(l.mode));
      if (fastest_settled[next_state] <= hours || visited(index, next)) continue;
      const bool backwards = l.from != label.node;
      const double cost = label.cost + prices.link_direction[2 * link + (backwards ? 1 : 0)] + prices.node[next];
      labels.push_back({cost, hours, next, static_cast<std::size_t>(l.mode), link, index});
      trail.emplace_back(next, static_cast<std::uint32_t>(index));
      queue.push(labels.size() - 1);
    }
  }
  return std::nullopt;
}

}  // namespace corridor::solve
