#pragma once
// Private to io: what the two network readers (network_json.cpp, the diagnosing one, and
// network_json_fast.cpp, the simdjson one) share: the reserve of the element lists and the
// network's own members besides nodes and links.

#include <cstdint>
#include <new>
#include <string>
#include <vector>

#include "io/element_json.hpp"
#include "io/huge_pages.hpp"
#include "model/diagnostic.hpp"
#include "model/network.hpp"
#include "model/validate.hpp"

namespace corridor::io::detail {

/// No node or link takes fewer bytes of JSON than this ({"id":"A","name":"","country":"CN",... is 70).
constexpr std::size_t kMinElementBytes = 64;

/// Reserves what a text of `text_bytes` could hold at most. The element counts are unknown
/// until the end, and growing a vector of a million nodes holds the old and the new buffer at
/// once; pages of the reserve that are never written are never resident, they only cost
/// address space (and a reserve the system refuses just means growing as usual).
inline void reserve_elements(Network& network, std::size_t text_bytes) {
  const std::size_t most_elements = text_bytes / kMinElementBytes;
  try {
    network.nodes.reserve(most_elements);
    network.links.reserve(most_elements);
  } catch (const std::bad_alloc&) {
  }
  prefer_huge_pages(network.nodes);
  prefer_huge_pages(network.links);
}

/// The network's own members besides nodes and links (docs/network-format.md), read the same
/// way by the diagnosing reader (Reader = ObjectReader) and the fast one (FastObjectReader).
template <typename Reader>
void read_network_header(Reader& top, Network& network, DiagnosticSink& sink) {
  if (auto name = top.string("name", true)) network.name = *name;
  if (auto description = top.string("description", false)) network.description = *description;
  if (auto factor = top.number("tonnes_per_teu", false)) {
    if (!(*factor > 0 && *factor < 100))
      sink.error("E-RANGE", "/tonnes_per_teu", "tonnes_per_teu must be between 0 and 100");
    network.tonnes_per_teu = *factor;
  }
  top.accept({"note", "sources"});
  // The "resources" list: few elements, read with ObjectReader by both readers.
  const json* resources = top.member("resources");
  if (!resources) return;
  if (!resources->is_array()) {
    sink.error("E-TYPE", "/resources", "resources must be an array, got " + detail::type_name(*resources));
    return;
  }
  for (std::size_t i = 0; i < resources->size(); ++i) {
    ObjectReader reader((*resources)[i], "/resources/" + std::to_string(i), sink, "resource");
    Resource resource;
    detail::read_resource(reader, resource);
    if (reader.is_object()) network.resources.push_back(std::move(resource));
  }
  check_resources(network.resources, sink);
}

}  // namespace corridor::io::detail
