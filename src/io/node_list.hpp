#pragma once
// `corridor nodes`: a list of places (id, name, aliases, country, kind, capacity, corridors) as
// a table, CSV, JSON or GeoJSON.

#include <string>
#include <vector>

#include "io/table.hpp"
#include "model/network.hpp"

namespace corridor::io {

/// Columns: id, name, aliases ("; "-separated), country, kind, capacity_tpy (empty = unlimited),
/// corridors (of the links that touch the node, "; "-separated), lat, lon.
Table node_list_table(const Network& network, const std::vector<NodeIndex>& nodes);
/// {"nodes": [{"id", "name", "aliases", "country", "kind", "capacity_tpy" (null = unlimited),
/// "corridors", "lat", "lon"}]}
std::string node_list_json(const Network& network, const std::vector<NodeIndex>& nodes);
/// A FeatureCollection of Points with the JSON fields as properties.
std::string node_list_geojson(const Network& network, const std::vector<NodeIndex>& nodes);

}  // namespace corridor::io
