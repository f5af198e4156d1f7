#pragma once
// Finding nodes by what a person types: an id, a name or an alias, whole or in part
// (`corridor serve`'s /api/nodes; reusable by any front end).

#include <cstddef>
#include <string_view>
#include <vector>

#include "model/network.hpp"

namespace corridor::io {

/// Nodes whose id, name or alias contains `text` (ASCII case-insensitive), best first: exact
/// id, exact name or alias, id prefix, name or alias prefix, then any substring; ties in
/// network order. An empty `text` matches every node. At most `limit` nodes.
std::vector<NodeIndex> search_nodes(const Network& network, std::string_view text, std::size_t limit);

}  // namespace corridor::io
