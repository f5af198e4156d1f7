#include "io/network_json.hpp"

#include <unordered_map>

#include "io/element_json.hpp"
#include "io/text_file.hpp"
#include "model/validate.hpp"

namespace corridor::io {

using detail::json;
using detail::ObjectReader;

Network parse_network(const std::string& text, DiagnosticSink& sink) {
  const json root = detail::parse_json(text, sink);
  Network network;
  ObjectReader top(root, "", sink, "network file");
  if (!top.is_object()) sink.throw_if_errors();
  if (auto name = top.string("name", true)) network.name = *name;
  if (auto description = top.string("description", false)) network.description = *description;
  if (auto factor = top.number("tonnes_per_teu", false)) {
    if (!(*factor > 0 && *factor < 100))
      sink.error("E-RANGE", "/tonnes_per_teu", "tonnes_per_teu must be between 0 and 100");
    network.tonnes_per_teu = *factor;
  }
  top.accept({"note", "sources"});

  const json* nodes = top.member("nodes");
  const json* links = top.member("links");
  if (!nodes) sink.error("E-MISSING-KEY", "", "network file is missing required key \"nodes\"");
  else if (!nodes->is_array())
    sink.error("E-TYPE", "/nodes", "nodes must be an array, got " + detail::type_name(*nodes));
  if (!links) sink.error("E-MISSING-KEY", "", "network file is missing required key \"links\"");
  else if (!links->is_array())
    sink.error("E-TYPE", "/links", "links must be an array, got " + detail::type_name(*links));
  top.finish();

  // Elements are indexed as they are added (Network::add_node/add_link); the array index of
  // each one's definition is kept to report duplicates with both places.
  std::vector<std::size_t> node_position, link_position;
  FieldList fields;  // reused: read_* lists the fields it read
  if (nodes && nodes->is_array()) {
    network.nodes.reserve(nodes->size());
    node_position.reserve(nodes->size());
    for (std::size_t i = 0; i < nodes->size(); ++i) {
      const std::string pointer = "/nodes/" + std::to_string(i);
      ObjectReader reader((*nodes)[i], pointer, sink, "node");
      Node node;
      fields.clear();
      detail::read_node(reader, node, true, fields);
      if (!reader.is_object()) continue;
      check_node_values(node, pointer, sink);
      if (node.id.empty()) continue;
      const std::string id = node.id;
      auto [index, added] = network.add_node(std::move(node));
      if (!added) {
        sink.error("E-DUP-ID", pointer + "/id",
                   "duplicate node id \"" + id + "\" (first defined at /nodes/" + std::to_string(node_position[index]) + ")",
                   "node " + id);
        continue;
      }
      node_position.push_back(i);
    }
  }

  if (links && links->is_array()) {
    network.links.reserve(links->size());
    link_position.reserve(links->size());
    // Ids of links left out because an end node is unknown, for duplicate checks (rare).
    std::unordered_map<std::string, std::size_t> unresolved_link;
    for (std::size_t i = 0; i < links->size(); ++i) {
      const std::string pointer = "/links/" + std::to_string(i);
      ObjectReader reader((*links)[i], pointer, sink, "link");
      LinkDraft draft;
      fields.clear();
      detail::read_link(reader, draft, true, fields);
      if (!reader.is_object()) continue;
      check_link_values(draft.link, pointer, sink);
      const auto element = [&] { return "link " + draft.link.id; };  // built only for a message
      if (draft.link.cost_usd_per_teu && !network.tonnes_per_teu)
        sink.error("E-MISSING-KEY", pointer + "/cost_usd_per_teu",
                   "cost_usd_per_teu needs the network's \"tonnes_per_teu\" to convert it to USD per tonne", element());
      auto from = draft.from_id.empty() ? std::nullopt : network.find_node(draft.from_id);
      auto to = draft.to_id.empty() ? std::nullopt : network.find_node(draft.to_id);
      if (!draft.from_id.empty() && !from)
        sink.error("E-NODE-REF", pointer + "/from", node_reference_message(network, draft.from_id, sink), element());
      if (!draft.to_id.empty() && !to)
        sink.error("E-NODE-REF", pointer + "/to", node_reference_message(network, draft.to_id, sink), element());
      if (!draft.from_id.empty() && draft.from_id == draft.to_id)
        sink.error("E-SELF-LOOP", pointer, "link starts and ends at the same node \"" + draft.from_id + "\"", element());
      std::optional<std::size_t> first;
      if (!draft.link.id.empty()) {
        if (auto existing = network.find_link(draft.link.id)) first = link_position[*existing];
        else if (auto it = unresolved_link.find(draft.link.id); it != unresolved_link.end()) first = it->second;
        if (first)
          sink.error("E-DUP-ID", pointer + (reader.has("id") ? "/id" : ""),
                     "duplicate link id \"" + draft.link.id + "\" (first defined at /links/" + std::to_string(*first) + ")",
                     element());
      }
      if (first) continue;
      if (!from || !to) {
        if (!draft.link.id.empty()) unresolved_link.emplace(draft.link.id, i);
        continue;
      }
      draft.link.from = *from;
      draft.link.to = *to;
      network.add_link(std::move(draft.link));
      link_position.push_back(i);
    }
  }
  sink.throw_if_errors();
  return network;
}

Network load_network(const std::string& path, DiagnosticSink& sink) {
  return parse_network(read_text_file(path), sink);
}

}  // namespace corridor::io
