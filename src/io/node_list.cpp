#include "io/node_list.hpp"

#include <set>

#include <nlohmann/json.hpp>

namespace corridor::io {
namespace {

template <typename NodeType>
std::vector<std::string> aliases_of(const NodeType& node) {
  if constexpr (requires { node.aliases; }) return node.aliases;
  else return {};
}

/// Corridor tags of the links touching `node`, sorted.
std::vector<std::string> corridors_of(const Network& network, NodeIndex node) {
  std::set<std::string> tags;
  for (const Link& link : network.links)
    if (link.from == node || link.to == node) tags.insert(link.corridors.begin(), link.corridors.end());
  return {tags.begin(), tags.end()};
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : "; ") + item;
  return out;
}

nlohmann::ordered_json node_json(const Network& network, NodeIndex index) {
  const Node& node = network.nodes[index];
  nlohmann::ordered_json j;
  j["id"] = node.id;
  j["name"] = node.name;
  j["aliases"] = aliases_of(node);
  j["country"] = node.country;
  j["kind"] = std::string(to_string(node.kind));
  j["capacity_tpy"] = node.capacity_tpy ? nlohmann::ordered_json(*node.capacity_tpy) : nlohmann::ordered_json();
  j["corridors"] = corridors_of(network, index);
  j["lat"] = node.lat;
  j["lon"] = node.lon;
  return j;
}

}  // namespace

Table node_list_table(const Network& network, const std::vector<NodeIndex>& nodes) {
  Table table({{"id"}, {"name"}, {"aliases"}, {"country"}, {"kind"}, {"capacity_tpy", true}, {"corridors"},
               {"lat", true}, {"lon", true}});
  for (NodeIndex i : nodes) {
    const Node& node = network.nodes[i];
    std::optional<double> capacity;
    if (node.capacity_tpy) capacity = static_cast<double>(*node.capacity_tpy);
    table.add({node.id, node.name, joined(aliases_of(node)), node.country, std::string(to_string(node.kind)),
               Cell::num(capacity), joined(corridors_of(network, i)), Cell::num(node.lat, 2),
               Cell::num(node.lon, 2)});
  }
  return table;
}

std::string node_list_json(const Network& network, const std::vector<NodeIndex>& nodes) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (NodeIndex i : nodes) list.push_back(node_json(network, i));
  return nlohmann::ordered_json{{"nodes", list}}.dump(2) + "\n";
}

std::string node_list_geojson(const Network& network, const std::vector<NodeIndex>& nodes) {
  nlohmann::ordered_json features = nlohmann::ordered_json::array();
  for (NodeIndex i : nodes) {
    const Node& node = network.nodes[i];
    features.push_back({{"type", "Feature"},
                        {"geometry", {{"type", "Point"}, {"coordinates", {node.lon, node.lat}}}},
                        {"properties", node_json(network, i)}});
  }
  return nlohmann::ordered_json{{"type", "FeatureCollection"}, {"features", features}}.dump(2) + "\n";
}

}  // namespace corridor::io
