// libFuzzer target: the network loader (JSON text -> validated Network or diagnostics), and the
// differential check of its two readers: wherever the fast reader (simdjson) gives a network,
// the diagnosing reader (nlohmann) gives the same network and reports nothing.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "fuzz_support.hpp"
#include "io/network_json.hpp"
#include "io/scenario_json.hpp"
#include "model/validate.hpp"
#include "support/network_compare.hpp"

using namespace corridor;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  // `corridor validate` first tells networks from scenarios: must never throw nor blow up.
  const io::FileKind kind = io::sniff_file_kind(text);
  DiagnosticSink sink("fuzz.json");
  try {
    const Network network = io::parse_network(text, sink);
    // An accepted network is valid: unique, well-formed ids and links between known nodes.
    for (const Node& node : network.nodes) {
      fuzz::require(is_valid_node_id(node.id), "accepted a bad node id");
      fuzz::require(network.find_node(node.id).has_value(), "node not indexed");
    }
    for (const Link& link : network.links) {
      fuzz::require(link.from < network.nodes.size() && link.to < network.nodes.size(), "link to no node");
      fuzz::require(link.from != link.to, "accepted a self-loop");
      fuzz::require(is_valid_link_id(link.id), "accepted a bad link id");
      fuzz::require(link.hours >= 0 && link.distance_km >= 0, "accepted a negative figure");
    }
    for (const Diagnostic& d : sink.diagnostics()) fuzz::require(d.severity == Severity::Warning, "error but accepted");
    fuzz::require(kind == io::FileKind::Network, "an accepted network not sniffed as one");
  } catch (const InputError& error) {
    fuzz::check_rejection(error);
  }

  const std::optional<Network> fast = io::parse_network_fast(text);
  DiagnosticSink diagnosing_sink("fuzz.json");
  try {
    const Network diagnosing = io::parse_network_diagnosing(text, diagnosing_sink);
    if (fast) {
      fuzz::require(diagnosing_sink.diagnostics().empty(), "the fast reader took a file the diagnosing one warns about");
      const std::string difference = test::network_difference(*fast, diagnosing);
      fuzz::require(difference.empty(), "the readers give different networks: " + difference);
    }
  } catch (const InputError& error) {
    fuzz::check_rejection(error);
    fuzz::require(!fast, "the fast reader took a file the diagnosing one rejects");
  }
  return 0;
}
