#include "io/element_json.hpp"

#include <cmath>

#include "model/validate.hpp"

namespace corridor::io::detail {
namespace {

template <typename T, typename Parse>
void read_enum(ObjectReader& reader, std::string_view key, bool required, std::string_view names, Parse parse,
               T& out, FieldList& fields) {
  if (auto text = reader.string(key, required)) {
    if (auto value = parse(*text)) {
      out = *value;
      fields.emplace_back(key);
    } else {
      reader.error("E-ENUM", reader.pointer(key),
                   "unknown " + std::string(key) + " \"" + *text + "\" (expected one of " + std::string(names) + ")");
    }
  }
}

void read_number(ObjectReader& reader, std::string_view key, bool required, double& out, FieldList& fields) {
  if (auto value = reader.number(key, required)) {
    out = *value;
    fields.emplace_back(key);
  }
}

void read_optional_number(ObjectReader& reader, std::string_view key, std::optional<double>& out,
                          FieldList& fields) {
  if (reader.has(key) && reader.member(key)->is_null()) {
    out.reset();
    fields.emplace_back(key);
  } else if (auto value = reader.number(key, false)) {
    out = *value;
    fields.emplace_back(key);
  }
}

void read_capacity(ObjectReader& reader, std::optional<TonnesPerYear>& out, FieldList& fields) {
  if (reader.has("capacity_tpy") && reader.member("capacity_tpy")->is_number_float()) {
    double d = reader.member("capacity_tpy")->get<double>();
    if (d < 0) {  // report as a range problem, like other negative numbers
      reader.error("E-RANGE", reader.pointer("capacity_tpy"), "capacity_tpy must be >= 0, got " + std::to_string(d));
      return;
    }
  }
  if (auto value = reader.nullable_integer("capacity_tpy")) {
    out = *value;
    fields.emplace_back("capacity_tpy");
  }
}

void read_gauge(ObjectReader& reader, std::optional<int>& out, FieldList& fields) {
  if (auto value = reader.integer("gauge_mm", false)) {
    out = static_cast<int>(std::clamp<std::int64_t>(*value, -1, 100000));
    fields.emplace_back("gauge_mm");
  }
}

void read_documentation(ObjectReader& reader, std::vector<std::string>& sources, std::string& estimate,
                        std::string& note, FieldList& fields) {
  if (auto value = reader.strings("sources", false, false)) {
    sources = *value;
    fields.emplace_back("sources");
  }
  if (auto value = reader.string("estimate", false)) {
    estimate = *value;
    fields.emplace_back("estimate");
  }
  if (auto value = reader.string("note", false)) {
    note = *value;
    fields.emplace_back("note");
  }
}

}  // namespace

void read_node(ObjectReader& reader, Node& node, bool complete, FieldList& fields) {
  if (!reader.is_object()) return;
  if (complete) {
    if (auto id = reader.string("id", true)) {
      node.id = *id;
      reader.set_element_id("node " + *id);
    }
  }
  if (auto name = reader.string("name", complete)) {
    node.name = *name;
    fields.emplace_back("name");
  }
  if (auto country = reader.string("country", complete)) {
    node.country = *country;
    fields.emplace_back("country");
  }
  read_enum(reader, "kind", complete, node_kind_names(), parse_node_kind, node.kind, fields);
  read_number(reader, "lat", complete, node.lat, fields);
  read_number(reader, "lon", complete, node.lon, fields);
  read_number(reader, "dwell_hours", false, node.dwell_hours, fields);
  read_number(reader, "transfer_hours", false, node.transfer_hours, fields);
  if (complete) node.allows_transfer = kind_allows_transfer(node.kind);
  if (auto allows = reader.boolean("allows_transfer")) {
    node.allows_transfer = *allows;
    fields.emplace_back("allows_transfer");
  }
  read_capacity(reader, node.capacity_tpy, fields);
  read_gauge(reader, node.gauge_mm, fields);
  read_optional_number(reader, "handling_usd_per_t", node.handling_usd_per_t, fields);
  read_enum(reader, "status", false, status_names(), parse_status, node.status, fields);
  read_documentation(reader, node.sources, node.estimate, node.note, fields);
  reader.finish();
}

void read_link(ObjectReader& reader, LinkDraft& draft, bool complete, FieldList& fields) {
  if (!reader.is_object()) return;
  Link& link = draft.link;
  if (complete) {
    auto from = reader.string("from", true);
    auto to = reader.string("to", true);
    if (from) draft.from_id = *from;
    if (to) draft.to_id = *to;
    if (auto id = reader.string("id", false)) link.id = *id;
    else if (from && to) link.id = *from + "-" + *to;
    if (!link.id.empty()) reader.set_element_id("link " + link.id);
  }
  read_enum(reader, "mode", complete, mode_names(), parse_mode, link.mode, fields);
  read_number(reader, "distance_km", complete, link.distance_km, fields);
  read_number(reader, "hours", complete, link.hours, fields);
  read_capacity(reader, link.capacity_tpy, fields);
  read_optional_number(reader, "departures_per_week", link.departures_per_week, fields);
  if (auto bidirectional = reader.boolean("bidirectional")) {
    link.bidirectional = *bidirectional;
    fields.emplace_back("bidirectional");
  }
  if (auto corridors = reader.strings("corridor", false, true)) {
    link.corridors = *corridors;
    fields.emplace_back("corridor");
  }
  if (auto crossing = reader.string("crossing", false)) {
    link.crossing = *crossing;
    fields.emplace_back("crossing");
  }
  if (auto countries = reader.strings("transit_countries", false, true)) {
    link.transit_countries = *countries;
    fields.emplace_back("transit_countries");
  }
  read_gauge(reader, link.gauge_mm, fields);
  read_optional_number(reader, "cost_usd_per_t", link.cost_usd_per_t, fields);
  read_optional_number(reader, "cost_usd_per_teu", link.cost_usd_per_teu, fields);
  read_optional_number(reader, "co2_g_per_tkm", link.co2_g_per_tkm, fields);
  read_enum(reader, "status", false, status_names(), parse_status, link.status, fields);
  read_documentation(reader, link.sources, link.estimate, link.note, fields);
  reader.finish();
}

}  // namespace corridor::io::detail
