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

  // First definition of each id, to report duplicates with both places.
  std::unordered_map<std::string, std::string> first_node, first_link;
  if (nodes && nodes->is_array()) {
    network.nodes.reserve(nodes->size());
    for (std::size_t i = 0; i < nodes->size(); ++i) {
      const std::string pointer = "/nodes/" + std::to_string(i);
      ObjectReader reader((*nodes)[i], pointer, sink, "node");
      Node node;
      FieldList fields;
      detail::read_node(reader, node, true, fields);
      if (!reader.is_object()) continue;
      check_node_values(node, pointer, sink);
      if (node.id.empty()) continue;
      auto [first, inserted] = first_node.emplace(node.id, pointer);
      if (!inserted) {
        sink.error("E-DUP-ID", pointer + "/id",
                   "duplicate node id \"" + node.id + "\" (first defined at " + first->second + ")", "node " + node.id);
        continue;
      }
      network.nodes.push_back(std::move(node));
    }
  }
  network.reindex();

  if (links && links->is_array()) {
    network.links.reserve(links->size());
    for (std::size_t i = 0; i < links->size(); ++i) {
      const std::string pointer = "/links/" + std::to_string(i);
      ObjectReader reader((*links)[i], pointer, sink, "link");
      LinkDraft draft;
      FieldList fields;
      detail::read_link(reader, draft, true, fields);
      if (!reader.is_object()) continue;
      check_link_values(draft.link, pointer, sink);
      const std::string element = "link " + draft.link.id;
      if (draft.link.cost_usd_per_teu && !network.tonnes_per_teu)
        sink.error("E-MISSING-KEY", pointer + "/cost_usd_per_teu",
                   "cost_usd_per_teu needs the network's \"tonnes_per_teu\" to convert it to USD per tonne", element);
      auto from = draft.from_id.empty() ? std::nullopt : network.find_node(draft.from_id);
      auto to = draft.to_id.empty() ? std::nullopt : network.find_node(draft.to_id);
      if (!draft.from_id.empty() && !from)
        sink.error("E-NODE-REF", pointer + "/from", node_reference_message(network, draft.from_id, sink), element);
      if (!draft.to_id.empty() && !to)
        sink.error("E-NODE-REF", pointer + "/to", node_reference_message(network, draft.to_id, sink), element);
      if (!draft.from_id.empty() && draft.from_id == draft.to_id)
        sink.error("E-SELF-LOOP", pointer, "link starts and ends at the same node \"" + draft.from_id + "\"", element);
      if (!draft.link.id.empty()) {
        auto [first, inserted] = first_link.emplace(draft.link.id, pointer);
        if (!inserted)
          sink.error("E-DUP-ID", pointer + (reader.has("id") ? "/id" : ""),
                     "duplicate link id \"" + draft.link.id + "\" (first defined at " + first->second + ")", element);
      }
      if (!from || !to) continue;
      draft.link.from = *from;
      draft.link.to = *to;
      network.links.push_back(std::move(draft.link));
    }
  }
  sink.throw_if_errors();
  network.reindex();
  return network;
}

Network load_network(const std::string& path, DiagnosticSink& sink) {
  return parse_network(read_text_file(path), sink);
}

}  // namespace corridor::io
