#include "io/element_json.hpp"

#include <algorithm>
#include <cmath>

#include "model/validate.hpp"

namespace corridor::io::detail {
namespace {

template <typename Reader, NamedEnum T>
void read_enum(Reader& reader, std::string_view key, bool required, T& out, FieldList& fields) {
  if (auto text = reader.string(key, required)) {
    if (auto value = parse<T>(*text)) {
      out = *value;
      fields.emplace_back(key);
    } else {
      reader.error("E-ENUM", reader.pointer(key),
                   "unknown " + std::string(key) + " \"" + *text + "\" (expected one of " + joined_names<T>() + ")");
    }
  }
}

template <typename Reader>
void read_number(Reader& reader, std::string_view key, bool required, double& out, FieldList& fields) {
  if (auto value = reader.number(key, required)) {
    out = *value;
    fields.emplace_back(key);
  }
}

/// Optional: a std::optional<double> or a PackedOptional<double> (nodes' and links' figures).
template <typename Reader, typename Optional>
void read_optional_number(Reader& reader, std::string_view key, Optional& out,
                          FieldList& fields) {
  if (reader.has(key) && reader.member(key)->is_null()) {
    out.reset();
    fields.emplace_back(key);
  } else if (auto value = reader.number(key, false)) {
    out = *value;
    fields.emplace_back(key);
  }
}

template <typename Reader>
void read_capacity(Reader& reader, PackedOptional<TonnesPerYear>& out, FieldList& fields) {
  if (reader.has("capacity_tpy") && reader.member("capacity_tpy")->is_number_float()) {
    double d = reader.member("capacity_tpy")->template get<double>();
    if (d < 0) {  // report as a range problem, like other negative numbers
      reader.error("E-RANGE", reader.pointer("capacity_tpy"), "capacity_tpy must be >= 0, got " + std::to_string(d));
      return;
    }
  }
  if (auto value = reader.nullable_integer("capacity_tpy")) {
    if (*value && PackedAbsence<TonnesPerYear>::is(**value)) {  // the one integer PackedOptional cannot hold
      reader.error("E-RANGE", reader.pointer("capacity_tpy"), "capacity_tpy must be >= 0, got " + std::to_string(**value));
      return;
    }
    out = *value;
    fields.emplace_back("capacity_tpy");
  }
}

template <typename Reader>
void read_gauge(Reader& reader, PackedOptional<int>& out, FieldList& fields) {
  if (auto value = reader.integer("gauge_mm", false)) {
    out = static_cast<int>(std::clamp<std::int64_t>(*value, -1, 100000));
    fields.emplace_back("gauge_mm");
  }
}

/// Sources: a std::vector<std::string> or an OutOfLineList of them; Text: a std::string or an
/// OutOfLineString (resources keep theirs in line, nodes and links out of line).
template <typename Reader, typename Sources, typename Text>
void read_documentation(Reader& reader, Sources& sources, Text& estimate, Text& note, FieldList& fields) {
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

/// A distribution object such as {"type": "triangular", "min_hours": 40, "mode_hours": 45,
/// "max_hours": 83}; null removes one (in set_node / set_link values).
template <typename Reader>
void read_distribution(Reader& reader, std::string_view key, OutOfLine<Distribution>& out,
                       FieldList& fields) {
  if (!reader.has(key)) return;
  const json* value = reader.member(key);
  if (value->is_null()) {
    out.reset();
    fields.emplace_back(key);
    return;
  }
  ObjectReader d(*value, reader.pointer(key), reader.sink(), std::string(key));
  if (!d.is_object()) return;
  d.set_element_id(reader.element_id());
  auto type = d.string("type", true);
  if (!type) {
    d.accept({"min_hours", "mode_hours", "max_hours", "median_hours", "p90_hours", "values_hours"});
    d.finish();
    return;
  }
  auto kind = parse<DistributionKind>(*type);
  if (!kind) {
    d.error("E-ENUM", d.pointer("type"),
            "unknown distribution type \"" + *type + "\" (expected one of " + joined_names<DistributionKind>() +
                ")");
    d.accept({"min_hours", "mode_hours", "max_hours", "median_hours", "p90_hours", "values_hours"});
    d.finish();
    return;
  }
  Distribution result;
  result.kind = *kind;
  bool ok = true;
  auto need = [&](std::string_view member, double& target) {
    if (auto number = d.number(member, true)) target = *number;
    else ok = false;
  };
  switch (*kind) {
    case DistributionKind::Triangular:
      need("min_hours", result.min_hours);
      need("mode_hours", result.mode_hours);
      need("max_hours", result.max_hours);
      break;
    case DistributionKind::Lognormal:
      need("median_hours", result.median_hours);
      need("p90_hours", result.p90_hours);
      if (auto cap = d.number("max_hours", false)) result.cap_hours = *cap;
      break;
    case DistributionKind::Empirical: {
      const json* values = d.member("values_hours");
      if (!values) {
        d.error("E-MISSING-KEY", d.pointer(), std::string(key) + " is missing required key \"values_hours\"");
        ok = false;
      } else if (!values->is_array()) {
        d.error("E-TYPE", d.pointer("values_hours"), "values_hours must be an array of numbers, got " + type_name(*values));
        ok = false;
      } else {
        for (std::size_t i = 0; i < values->size(); ++i) {
          const json& item = (*values)[i];
          if (!item.is_number()) {
            d.error("E-TYPE", d.pointer("values_hours") + "/" + std::to_string(i), "must be a number, got " + type_name(item));
            ok = false;
          } else {
            result.values_hours.push_back(item.get<double>());
          }
        }
      }
      break;
    }
  }
  d.finish();
  if (!ok) return;
  out = std::move(result);
  fields.emplace_back(key);
}

/// "departures": ["Mon 08:00", "daily 20:00"]; null removes the timetable (in set_link values).
template <typename Reader>
void read_departures(Reader& reader, OutOfLine<WeeklySchedule>& out, FieldList& fields) {
  if (!reader.has("departures")) return;
  if (reader.member("departures")->is_null()) {
    out.reset();
    fields.emplace_back("departures");
    return;
  }
  auto texts = reader.strings("departures", false, false);
  if (!texts) return;
  WeeklySchedule schedule;
  bool ok = true;
  for (std::size_t i = 0; i < texts->size(); ++i) {
    std::string problem;
    auto minutes = parse_departure((*texts)[i], problem);
    if (!problem.empty()) {
      reader.error("E-SCHEDULE", reader.pointer("departures") + "/" + std::to_string(i), problem);
      ok = false;
    }
    schedule.departure_minutes.insert(schedule.departure_minutes.end(), minutes.begin(), minutes.end());
  }
  if (ok && schedule.departure_minutes.empty()) {
    reader.error("E-SCHEDULE", reader.pointer("departures"), "departures needs at least one departure (or null)");
    ok = false;
  }
  if (!ok) return;
  std::sort(schedule.departure_minutes.begin(), schedule.departure_minutes.end());
  schedule.departure_minutes.erase(std::unique(schedule.departure_minutes.begin(), schedule.departure_minutes.end()),
                                   schedule.departure_minutes.end());
  out = std::move(schedule);
  fields.emplace_back("departures");
}

/// "uses": {"RESOURCE_ID": factor, ...}; a resource's existence is checked once every
/// resource is known (check_resource_uses). null removes every use (in set_node / set_link).
template <typename Reader>
void read_uses(Reader& reader, OutOfLineList<ResourceUse>& out, FieldList& fields) {
  if (!reader.has("uses")) return;
  const json* value = reader.member("uses");
  if (value->is_null()) {
    out.clear();
    fields.emplace_back("uses");
    return;
  }
  if (!value->is_object()) {
    reader.error("E-TYPE", reader.pointer("uses"),
                 "uses must be an object of resource ids and factors, got " + type_name(*value));
    return;
  }
  std::vector<ResourceUse> uses;
  bool ok = true;
  for (const auto& [id, factor] : value->items()) {
    const std::string pointer = reader.pointer("uses") + "/" + pointer_key(id);
    if (!factor.is_number()) {
      reader.error("E-TYPE", pointer, "the factor of resource \"" + id + "\" must be a number, got " + type_name(factor));
      ok = false;
      continue;
    }
    uses.push_back({id, factor.template get<double>()});
  }
  if (!ok) return;
  out = std::move(uses);
  fields.emplace_back("uses");
}

/// background_tpy, capacity_note and uses: shared by nodes and links.
template <typename Reader>
void read_capacity_context(Reader& reader, TonnesPerYear& background_tpy, OutOfLineString& capacity_note,
                           OutOfLineList<ResourceUse>& uses, FieldList& fields) {
  if (auto value = reader.integer("background_tpy", false)) {
    background_tpy = *value;
    fields.emplace_back("background_tpy");
  }
  if (auto value = reader.string("capacity_note", false)) {
    capacity_note = *value;
    fields.emplace_back("capacity_note");
  }
  read_uses(reader, uses, fields);
}


/// "delay": {"function": "bpr", "alpha": 0.15, "beta": 4, "capacity_tpy": C} or
/// {"function": "queue", "capacity_tpy": C, "service_hours"?, "variability"?, "max_utilisation"?}
/// or {"function": "none"}; null removes one (set_node / set_link values). docs/model.md.
template <typename Reader>
void read_delay(Reader& reader, OutOfLine<DelayFunction>& out, FieldList& fields) {
  if (!reader.has("delay")) return;
  const json* value = reader.member("delay");
  if (value->is_null()) {
    out.reset();
    fields.emplace_back("delay");
    return;
  }
  ObjectReader d(*value, reader.pointer("delay"), reader.sink(), "delay");
  if (!d.is_object()) return;
  d.set_element_id(reader.element_id());
  DelayFunction f;
  bool ok = true;
  if (auto text = d.string("function", true)) {
    if (auto form = parse<DelayForm>(*text)) f.form = *form;
    else {
      d.error("E-ENUM", d.pointer("function"),
              "unknown delay function \"" + *text + "\" (expected one of " + joined_names<DelayForm>() + ")");
      ok = false;
    }
  } else {
    ok = false;
  }
  auto range = [&](std::string_view key, double& target, double low, bool low_open, double high, bool high_open) {
    auto number = d.number(key, false);
    if (!number) return;
    if (*number < low || (low_open && *number == low) || *number > high || (high_open && *number == high)) {
      d.error("E-RANGE", d.pointer(key),
              std::string(key) + " must be in " + (low_open ? "(" : "[") + std::to_string(low) + ", " +
                  std::to_string(high) + (high_open ? ")" : "]") + ", got " + std::to_string(*number));
      ok = false;
      return;
    }
    target = *number;
  };
  if (ok && f.form != DelayForm::None && !d.has("capacity_tpy")) {
    d.error("E-MISSING-KEY", d.pointer(), "delay is missing required key \"capacity_tpy\" (the practical capacity)");
    ok = false;
  }
  range("capacity_tpy", f.capacity_tpy, 0.0, true, 1e12, false);
  range("alpha", f.alpha, 0.0, false, 100.0, false);
  range("beta", f.beta, 1.0, false, 16.0, false);  // >= 1 keeps the function convex
  range("service_hours", f.service_hours, 0.0, false, 1e4, false);
  range("variability", f.variability, 0.0, true, 10.0, false);
  range("max_utilisation", f.max_utilisation, 0.0, true, 1.0, true);
  d.finish();
  if (!ok) return;
  out = f;
  fields.emplace_back("delay");
}
}  // namespace

template <typename Reader>
void read_node_members(Reader& reader, Node& node, bool complete, FieldList& fields) {
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
  read_enum(reader, "kind", complete, node.kind, fields);
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
  read_capacity_context(reader, node.background_tpy, node.capacity_note, node.uses, fields);
  if (auto aliases = reader.strings("aliases", false, true)) {
    node.aliases = *aliases;
    fields.emplace_back("aliases");
  }
  read_gauge(reader, node.gauge_mm, fields);
  read_optional_number(reader, "handling_usd_per_t", node.handling_usd_per_t, fields);
  read_enum(reader, "status", false, node.status, fields);
  read_documentation(reader, node.sources, node.estimate, node.note, fields);
  read_distribution(reader, "dwell_distribution", node.dwell_distribution, fields);
  read_distribution(reader, "transfer_distribution", node.transfer_distribution, fields);
  read_delay(reader, node.delay, fields);
  reader.finish();
}

/// "waypoints": [[lat, lon], ...], each a point in range.
template <typename Reader>
void read_waypoints(Reader& reader, OutOfLineList<GeoPoint>& out, FieldList& fields) {
  const json* value = reader.member("waypoints");
  if (!value) return;
  const std::string at = reader.pointer("waypoints");
  if (!value->is_array()) {
    reader.error("E-TYPE", at, "waypoints must be an array of [lat, lon] pairs, got " + detail::type_name(*value));
    return;
  }
  std::vector<GeoPoint> points;
  bool ok = true;
  for (std::size_t i = 0; i < value->size(); ++i) {
    const json& pair = (*value)[i];
    const std::string here = at + "/" + std::to_string(i);
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_number() || !pair[1].is_number()) {
      reader.error("E-TYPE", here, "a waypoint must be a [lat, lon] pair of numbers, got " + pair.dump());
      ok = false;
      continue;
    }
    const GeoPoint point{pair[0].get<double>(), pair[1].get<double>()};
    if (!(point.lat >= -90 && point.lat <= 90) || !(point.lon >= -180 && point.lon <= 180)) {
      reader.error("E-RANGE", here, "a waypoint needs -90 <= lat <= 90 and -180 <= lon <= 180, got " + pair.dump());
      ok = false;
      continue;
    }
    points.push_back(point);
  }
  if (!ok) return;
  out = std::move(points);
  fields.emplace_back("waypoints");
}

template <typename Reader>
void read_link_members(Reader& reader, LinkDraft& draft, bool complete, FieldList& fields) {
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
  read_enum(reader, "mode", complete, link.mode, fields);
  read_number(reader, "distance_km", complete, link.distance_km, fields);
  read_number(reader, "hours", complete, link.hours, fields);
  read_capacity(reader, link.capacity_tpy, fields);
  read_optional_number(reader, "departures_per_week", link.departures_per_week, fields);
  read_optional_number(reader, "vessel_payload_t", link.vessel_payload_t, fields);
  read_capacity_context(reader, link.background_tpy, link.capacity_note, link.uses, fields);
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
  read_waypoints(reader, link.waypoints, fields);
  read_gauge(reader, link.gauge_mm, fields);
  read_optional_number(reader, "cost_usd_per_t", link.cost_usd_per_t, fields);
  read_optional_number(reader, "cost_usd_per_teu", link.cost_usd_per_teu, fields);
  read_optional_number(reader, "co2_g_per_tkm", link.co2_g_per_tkm, fields);
  read_enum(reader, "status", false, link.status, fields);
  read_documentation(reader, link.sources, link.estimate, link.note, fields);
  read_distribution(reader, "wait_distribution", link.wait_distribution, fields);
  read_departures(reader, link.schedule, fields);
  read_delay(reader, link.delay, fields);
  reader.finish();
}

template <typename Reader>
void read_resource_members(Reader& reader, Resource& resource) {
  if (!reader.is_object()) return;
  if (auto id = reader.string("id", true)) {
    resource.id = *id;
    reader.set_element_id("resource " + *id);
  }
  if (auto name = reader.string("name", true)) resource.name = *name;
  if (auto capacity = reader.number("capacity", true)) resource.capacity = *capacity;
  if (auto unit = reader.string("unit", true)) resource.unit = *unit;
  if (auto background = reader.number("background_tpy", false)) resource.background_tpy = *background;
  FieldList fields;
  read_documentation(reader, resource.sources, resource.estimate, resource.note, fields);
  reader.finish();
}

// The diagnosing reader (ObjectReader) and the fast one (FastObjectReader) read the same
// members the same way: the field names, requirements and defaults are written once, above.
void read_node(ObjectReader& reader, Node& node, bool complete, FieldList& fields) {
  read_node_members(reader, node, complete, fields);
}
void read_node(FastObjectReader& reader, Node& node, bool complete, FieldList& fields) {
  read_node_members(reader, node, complete, fields);
}
void read_link(ObjectReader& reader, LinkDraft& draft, bool complete, FieldList& fields) {
  read_link_members(reader, draft, complete, fields);
}
void read_link(FastObjectReader& reader, LinkDraft& draft, bool complete, FieldList& fields) {
  read_link_members(reader, draft, complete, fields);
}
void read_resource(ObjectReader& reader, Resource& resource) { read_resource_members(reader, resource); }

}  // namespace corridor::io::detail
