#include "model/network.hpp"

#include <algorithm>
#include <cmath>

namespace corridor {
bool is_corridor_tag(std::string_view text) {
  return std::find(std::begin(kCorridorTags), std::end(kCorridorTags), text) != std::end(kCorridorTags);
}
std::string corridor_tag_names() {
  std::string out;
  for (auto tag : kCorridorTags) {
    if (!out.empty()) out += ", ";
    out += tag;
  }
  return out;
}

bool kind_allows_transfer(NodeKind kind) {
  return kind == NodeKind::SeaPort || kind == NodeKind::RailTerminal || kind == NodeKind::DryPort;
}

double Link::expected_wait_hours() const {
  if (wait_distribution) return wait_distribution->mean_hours();
  if (schedule && !schedule->departure_minutes.empty()) return schedule->expected_wait_hours();
  return departures_per_week && *departures_per_week > 0 ? 84.0 / *departures_per_week : 0.0;
}

bool Link::in_corridor(std::string_view tag) const {
  return std::any_of(corridors.begin(), corridors.end(),
                     [&](const std::string& c) { return c == tag || c == "shared"; });
}

std::optional<TonnesPerYear> Link::capacity_or_sailings_tpy() const {
  if (capacity_tpy) return capacity_tpy;
  if ((mode == Mode::Ferry || mode == Mode::Sea) && vessel_payload_t && departures_per_week)
    return static_cast<TonnesPerYear>(std::llround(*vessel_payload_t * *departures_per_week * 52.0));
  return std::nullopt;
}

std::optional<TonnesPerYear> available_tpy(std::optional<TonnesPerYear> capacity, TonnesPerYear background_tpy) {
  if (!capacity) return capacity;
  return std::max<TonnesPerYear>(0, *capacity - std::max<TonnesPerYear>(0, background_tpy));
}

bool Network::reindex() {
  node_index_.clear();
  link_index_.clear();
  node_index_.reserve(nodes.size());
  link_index_.reserve(links.size());
  const auto node_id = [this](std::uint32_t i) { return std::string_view(nodes[i].id); };
  const auto link_id = [this](std::uint32_t i) { return std::string_view(links[i].id); };
  bool unique = true;
  for (NodeIndex i = 0; i < nodes.size(); ++i) unique = node_index_.insert(nodes[i].id, i, node_id).second && unique;
  for (LinkIndex i = 0; i < links.size(); ++i) unique = link_index_.insert(links[i].id, i, link_id).second && unique;
  return unique;
}

std::pair<NodeIndex, bool> Network::add_node(Node node) {
  if (nodes.size() == nodes.capacity()) nodes.reserve(std::max<std::size_t>(16, 2 * nodes.size()));  // no throw after indexing
  const auto result = node_index_.insert(node.id, static_cast<NodeIndex>(nodes.size()),
                                         [this](std::uint32_t i) { return std::string_view(nodes[i].id); });
  if (result.second) nodes.push_back(std::move(node));
  return result;
}

std::pair<LinkIndex, bool> Network::add_link(Link link) {
  if (links.size() == links.capacity()) links.reserve(std::max<std::size_t>(16, 2 * links.size()));  // no throw after indexing
  const auto result = link_index_.insert(link.id, static_cast<LinkIndex>(links.size()),
                                         [this](std::uint32_t i) { return std::string_view(links[i].id); });
  if (result.second) links.push_back(std::move(link));
  return result;
}

std::optional<NodeIndex> Network::find_node(std::string_view id) const {
  return node_index_.find(id, [this](std::uint32_t i) { return std::string_view(nodes[i].id); });
}

std::optional<LinkIndex> Network::find_link(std::string_view id) const {
  return link_index_.find(id, [this](std::uint32_t i) { return std::string_view(links[i].id); });
}

std::optional<std::size_t> Network::find_resource(std::string_view id) const {
  for (std::size_t i = 0; i < resources.size(); ++i)
    if (resources[i].id == id) return i;
  return std::nullopt;
}

bool Network::link_usable(LinkIndex link) const {
  const Link& l = links[link];
  return l.is_open() && nodes[l.from].is_open() && nodes[l.to].is_open();
}

}  // namespace corridor
