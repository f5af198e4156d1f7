#pragma once
// Private to src/io: text helpers shared by the capacity reports and the scenario comparison.

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/report.hpp"
#include "io/text_util.hpp"
#include "model/capacity.hpp"
#include "model/network.hpp"

namespace corridor::io::detail {

using ordered_json = nlohmann::ordered_json;

/// "+" in front of a text (insert, not operator+: GCC 12 warns falsely on "+" + string).
inline std::string plus(std::string text) {
  text.insert(text.begin(), '+');
  return text;
}

inline std::string tonnes(double value) { return format_tonnes(static_cast<TonnesPerYear>(std::llround(value))); }

inline std::string node_ids(const Network& network, const std::vector<NodeIndex>& nodes, const char* separator = ", ") {
  std::string out;
  for (NodeIndex n : nodes) out += (out.empty() ? "" : separator) + network.nodes[n].id;
  return out;
}

inline std::string od_text(const Network& network, NodeIndex from, NodeIndex to) {
  return network.nodes[from].id + "->" + network.nodes[to].id;
}

inline std::string load_id(const Network& network, const CapacityLoad& load) {
  if (load.type == CutElement::Type::Node) return network.nodes[load.index].id;
  return network.links[load.index].id + " (" + network.nodes[load.from].id + "->" + network.nodes[load.to].id + ")";
}

/// The objective in readable units: million tonne-days for time, million USD otherwise.
inline std::string objective_text(AssignObjective by, double objective) {
  return by == AssignObjective::Time ? fixed(objective / 24.0 / 1e6, 3) + " Mt-days" : fixed(objective / 1e6, 3) + " M USD";
}

inline ordered_json optional_number(const std::optional<double>& value) {
  return value ? ordered_json(*value) : ordered_json(nullptr);
}

}  // namespace corridor::io::detail
