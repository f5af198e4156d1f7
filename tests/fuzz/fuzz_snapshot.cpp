// libFuzzer target: the network snapshot reader (io::read_network_snapshot) on arbitrary bytes.
// Each input is read as it is (the header's checks: magic, version, byte order, length,
// checksum) and, when it starts with the magic bytes, once more with its header's length and
// checksum made to match (a crafted file: every column, offset, count, enum value and string
// index must still be checked, and the network validated). An accepted network is valid and
// writes a snapshot that reads back as the same network.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "fuzz_support.hpp"
#include "io/network_snapshot.hpp"
#include "io/snapshot_format.hpp"
#include "model/validate.hpp"
#include "support/network_compare.hpp"

using namespace corridor;

namespace {

void read_and_check(const std::string& bytes) {
  DiagnosticSink sink("fuzz.cnet");
  try {
    const Network network = io::read_network_snapshot(bytes.data(), bytes.size(), sink);
    for (const Node& node : network.nodes) fuzz::require(is_valid_node_id(node.id), "accepted a bad node id");
    for (const Link& link : network.links) {
      fuzz::require(link.from < network.nodes.size() && link.to < network.nodes.size(), "link to no node");
      fuzz::require(link.from != link.to, "accepted a self-loop");
      fuzz::require(network.find_link(link.id).has_value(), "link not indexed");
    }
    for (const Diagnostic& d : sink.diagnostics()) fuzz::require(d.severity == Severity::Warning, "error but accepted");
    const std::string again = io::network_snapshot_bytes(network);
    DiagnosticSink again_sink("again.cnet");
    const Network reread = io::read_network_snapshot(again.data(), again.size(), again_sink);
    const std::string difference = test::network_difference(network, reread);
    fuzz::require(difference.empty(), "a network does not survive its own snapshot: " + difference);
  } catch (const InputError& error) {
    fuzz::check_rejection(error);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  read_and_check(bytes);
  if (io::looks_like_network_snapshot(bytes) && bytes.size() >= io::detail::kSnapshotHeaderBytes) {
    const std::uint64_t payload = bytes.size() - io::detail::kSnapshotHeaderBytes;
    const std::uint64_t checksum = io::detail::xxh64(bytes.data() + io::detail::kSnapshotHeaderBytes, payload);
    std::memcpy(bytes.data() + 16, &payload, 8);
    std::memcpy(bytes.data() + 24, &checksum, 8);
    read_and_check(bytes);
  }
  return 0;
}
