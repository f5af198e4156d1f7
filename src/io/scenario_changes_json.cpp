#include "io/scenario_reader.hpp"

#include "io/element_json.hpp"

// One change of a scenario or sweep file (docs/scenario-format.md, "changes").

namespace corridor::io {

using detail::json;
using detail::ObjectReader;

Change detail::read_change(const json& value, const std::string& pointer, DiagnosticSink& sink, bool& ok) {
  Change change;
  change.pointer = pointer;
  ObjectReader reader(value, pointer, sink, "change");
  ok = reader.is_object();
  if (!ok) return change;
  auto type_text = reader.string("type", true);
  reader.accept({"sources"});
  if (auto note = reader.string("note", false)) change.note = *note;
  if (!type_text) {
    ok = false;
    reader.finish();
    return change;
  }
  auto type = parse<ChangeType>(*type_text);
  if (!type) {
    reader.error("E-ENUM", reader.pointer("type"),
                 "unknown change type \"" + *type_text + "\" (expected one of " +
                     joined_names<ChangeType>() + ")");
    ok = false;
    reader.accept({"id", "values", "node", "link", "mode", "factor"});
    reader.finish();
    return change;
  }
  change.type = *type;
  switch (change.type) {
    case ChangeType::CloseLink:
    case ChangeType::CloseNode:
    case ChangeType::OpenLink:
    case ChangeType::OpenNode:
      if (auto id = reader.string("id", true)) change.target_id = *id;
      else ok = false;
      break;
    case ChangeType::SetLink:
    case ChangeType::SetNode: {
      if (auto id = reader.string("id", true)) change.target_id = *id;
      else ok = false;
      const json* values = reader.member("values");
      if (!values) {
        reader.error("E-MISSING-KEY", pointer, "change is missing required key \"values\"");
        ok = false;
        break;
      }
      ObjectReader values_reader(*values, pointer + "/values", sink,
                                 change.type == ChangeType::SetNode ? "node values" : "link values");
      values_reader.set_element_id(change.target_id);
      if (change.type == ChangeType::SetNode) detail::read_node(values_reader, change.node, false, change.fields);
      else detail::read_link(values_reader, change.link, false, change.fields);
      if (values_reader.is_object() && change.fields.empty())
        sink.warning("W-EMPTY-CHANGE", pointer + "/values", "no known field to set; this change does nothing",
                     change.target_id);
      break;
    }
    case ChangeType::ScaleCapacity: {
      int targets = 0;
      if (auto id = reader.string("link", false)) {
        change.scale_target = ScaleTarget::Link;
        change.target_id = *id;
        ++targets;
      }
      if (auto id = reader.string("node", false)) {
        change.scale_target = ScaleTarget::Node;
        change.target_id = *id;
        ++targets;
      }
      if (auto mode_text = reader.string("mode", false)) {
        change.scale_target = ScaleTarget::Mode;
        if (auto mode = parse<Mode>(*mode_text)) change.scale_mode = *mode;
        else {
          reader.error("E-ENUM", reader.pointer("mode"),
                       "unknown mode \"" + *mode_text + "\" (expected one of " + joined_names<Mode>() + ")");
          ok = false;
        }
        ++targets;
      }
      if (auto id = reader.string("resource", false)) {
        change.scale_target = ScaleTarget::Resource;
        change.target_id = *id;
        ++targets;
      }
      if (targets != 1) {
        reader.error("E-CHANGE", pointer,
                     "scale_capacity needs exactly one of \"link\", \"node\", \"mode\" or \"resource\"");
        ok = false;
      }
      if (auto factor = reader.number("factor", true)) change.factor = *factor;
      else ok = false;
      break;
    }
    case ChangeType::SetResource: {
      if (auto id = reader.string("id", true)) change.target_id = *id;
      else ok = false;
      const json* values = reader.member("values");
      if (!values) {
        reader.error("E-MISSING-KEY", pointer, "change is missing required key \"values\"");
        ok = false;
        break;
      }
      ObjectReader values_reader(*values, pointer + "/values", sink, "resource values");
      values_reader.set_element_id(change.target_id);
      if (!values_reader.is_object()) {
        ok = false;
        break;
      }
      if (auto capacity = values_reader.number("capacity", false)) {
        change.resource.capacity = *capacity;
        change.fields.emplace_back("capacity");
      }
      if (auto background = values_reader.number("background_tpy", false)) {
        change.resource.background_tpy = *background;
        change.fields.emplace_back("background_tpy");
      }
      values_reader.finish();
      if (change.fields.empty())
        sink.warning("W-EMPTY-CHANGE", pointer + "/values", "no known field to set; this change does nothing",
                     change.target_id);
      break;
    }
    case ChangeType::AddNode: {
      const json* node = reader.member("node");
      if (!node) {
        reader.error("E-MISSING-KEY", pointer, "change is missing required key \"node\"");
        ok = false;
        break;
      }
      ObjectReader node_reader(*node, pointer + "/node", sink, "node");
      detail::read_node(node_reader, change.node, true, change.fields);
      ok = ok && node_reader.is_object();
      change.target_id = change.node.id;
      break;
    }
    case ChangeType::AddLink: {
      const json* link = reader.member("link");
      if (!link) {
        reader.error("E-MISSING-KEY", pointer, "change is missing required key \"link\"");
        ok = false;
        break;
      }
      ObjectReader link_reader(*link, pointer + "/link", sink, "link");
      detail::read_link(link_reader, change.link, true, change.fields);
      ok = ok && link_reader.is_object();
      change.target_id = change.link.link.id;
      break;
    }
  }
  if (!change.target_id.empty()) reader.set_element_id(change.target_id);
  reader.finish();
  return change;
}

}  // namespace corridor::io
