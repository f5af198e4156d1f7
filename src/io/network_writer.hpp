#pragma once
// Writing a network as a network file (docs/network-format.md) that load_network reads back.

#include <string>

#include "model/network.hpp"

namespace corridor::io {

/// The network as JSON text: one node or link per line, keys in the documented order,
/// optional keys only when they differ from their defaults, numbers in their shortest
/// round-trip form. The same network always gives the same bytes.
std::string write_network_json(const Network& network);

}  // namespace corridor::io
