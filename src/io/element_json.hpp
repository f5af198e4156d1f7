#pragma once
// Private to src/io: reading node and link objects (network files and scenario changes).

#include "io/fast_object_reader.hpp"
#include "io/json_reader.hpp"
#include "model/scenario.hpp"

namespace corridor::io::detail {

/// Reads node members into `node`. With `complete`, required keys must be present
/// (a node definition); without, only given keys are read (set_node values) and their
/// names are appended to `fields`. Value ranges are checked separately (check_node_values).
void read_node(ObjectReader& reader, Node& node, bool complete, FieldList& fields);
/// Same for links; end nodes stay ids in the draft.
void read_link(ObjectReader& reader, LinkDraft& draft, bool complete, FieldList& fields);
/// The same reads for the fast network reader: the plain case only, FastPathDeferred otherwise.
void read_node(FastObjectReader& reader, Node& node, bool complete, FieldList& fields);
void read_link(FastObjectReader& reader, LinkDraft& draft, bool complete, FieldList& fields);
/// Reads one element of the network's "resources" list (all of id, name, capacity, unit required).
void read_resource(ObjectReader& reader, Resource& resource);

}  // namespace corridor::io::detail
