#pragma once
// Network snapshots (`corridor pack`, docs/snapshot.md): a network in a versioned, checksummed,
// columnar binary file that loads without parsing text. io::load_network reads one
// wherever a network file is accepted (it tells them apart by their first bytes).

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

#include "model/diagnostic.hpp"
#include "model/network.hpp"

namespace corridor::io {

/// The snapshot of a network: the same network always gives the same bytes. The network
/// should be valid (as loaded by load_network); its members are stored exactly (floats bit
/// for bit, empty and absent optionals told apart, every list in its order).
std::string network_snapshot_bytes(const Network& network);
void write_network_snapshot(const Network& network, std::ostream& out);

/// Whether a file starting with these bytes is a snapshot (its magic bytes; at least 8 needed).
bool looks_like_network_snapshot(std::string_view first_bytes);

/// Decodes a snapshot and validates the network as the JSON reader does: every offset, count,
/// enum value and string index is checked, then the network's values, ids and references.
/// Throws InputError (E-SNAPSHOT for a damaged, truncated or unsupported file; the network
/// codes for values the JSON reader would refuse) with the sink's file name; warnings stay in
/// the sink. Safe on arbitrary bytes.
Network read_network_snapshot(const char* data, std::size_t size, DiagnosticSink& sink);

}  // namespace corridor::io
