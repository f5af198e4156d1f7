#include "io/scenario_json.hpp"

#include <algorithm>
#include <filesystem>

#include "io/demand_csv.hpp"
#include "io/element_json.hpp"
#include "io/scenario_reader.hpp"
#include "io/text_file.hpp"

namespace corridor::io {

using detail::json;
using detail::ObjectReader;

namespace {

std::vector<std::string> split_ids(const std::vector<std::string>& items) {
  std::vector<std::string> out;
  for (const auto& item : items) {
    std::size_t start = 0;
    while (start <= item.size()) {
      auto comma = item.find(',', start);
      auto piece = item.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      auto first = piece.find_first_not_of(' ');
      auto last = piece.find_last_not_of(' ');
      if (first != std::string::npos) out.push_back(piece.substr(first, last - first + 1));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return out;
}

}  // namespace

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
  auto type = parse_change_type(*type_text);
  if (!type) {
    reader.error("E-ENUM", reader.pointer("type"),
                 "unknown change type \"" + *type_text + "\" (expected one of " +
                     std::string(change_type_names()) + ")");
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
        if (auto mode = parse_mode(*mode_text)) change.scale_mode = *mode;
        else {
          reader.error("E-ENUM", reader.pointer("mode"),
                       "unknown mode \"" + *mode_text + "\" (expected one of " + std::string(mode_names()) + ")");
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

namespace {
/// "max_detour": a number from 1 to 100, or "none" (docs/model.md).
void read_max_detour(ObjectReader& reader, std::optional<double>& max_detour) {
  const json* value = reader.member("max_detour");
  if (!value) return;
  if (value->is_string() && value->get<std::string>() == "none") max_detour.reset();
  else if (value->is_number()) max_detour = value->get<double>();
  else
    reader.error("E-TYPE", reader.pointer("max_detour"),
                 "max_detour must be a number or \"none\", got " + detail::type_name(*value));
}

/// The flow fields shared by flow, criticality and upgrades queries.
void read_flow_fields(ObjectReader& reader, FlowRequest& request) {
  if (auto from = reader.strings("from", true, true)) request.from = split_ids(*from);
  if (auto to = reader.strings("to", true, true)) request.to = split_ids(*to);
  if (auto target = reader.integer("target_tpy", false)) request.target_tpy = *target;
  if (auto corridors = reader.strings("corridor", false, true)) request.corridors = split_ids(*corridors);
  if (auto avoid = reader.strings("avoid", false, true)) request.avoid = split_ids(*avoid);
  read_max_detour(reader, request.max_detour);
}

/// "od": [{"from": "XIAN", "to": "BAKU"}, ...]
std::vector<OdPairRequest> read_od_pairs(const json& value, const std::string& pointer, DiagnosticSink& sink) {
  std::vector<OdPairRequest> pairs;
  if (!value.is_array()) {
    sink.error("E-TYPE", pointer, "od must be an array of {\"from\", \"to\"} objects, got " + detail::type_name(value));
    return pairs;
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    ObjectReader pair(value[i], pointer + "/" + std::to_string(i), sink, "OD pair");
    if (!pair.is_object()) continue;
    auto from = pair.string("from", true);
    auto to = pair.string("to", true);
    pair.finish();
    if (from && to) pairs.push_back({*from, *to});
  }
  return pairs;
}

AssignRequest read_assign_query(ObjectReader& reader, const std::string& pointer, DiagnosticSink& sink,
                                const std::string& scenario_path) {
  AssignRequest request;
  if (auto by = reader.string("by", false)) {
    if (auto objective = parse_assign_objective(*by)) request.by = *objective;
    else
      reader.error("E-ENUM", reader.pointer("by"),
                   "unknown objective \"" + *by + "\" (expected one of " + std::string(assign_objective_names()) + ")");
  }
  if (auto corridors = reader.strings("corridor", false, true)) request.corridors = split_ids(*corridors);
  if (auto avoid = reader.strings("avoid", false, true)) request.avoid = split_ids(*avoid);
  if (auto penalty = reader.number("unserved_penalty", false)) request.unserved_penalty_per_t = *penalty;
  if (auto vot = reader.number("value_of_time_usd_per_t_day", false)) request.value_of_time_usd_per_t_day = *vot;
  if (auto price = reader.number("carbon_price_usd_per_t_co2", false)) request.carbon_price_usd_per_t_co2 = *price;
  read_max_detour(reader, request.max_detour);
  if (auto kind = reader.string("equilibrium", false)) {
    if (auto parsed = parse_equilibrium_kind(*kind)) request.equilibrium = EquilibriumSettings{*parsed};
    else
      reader.error("E-ENUM", reader.pointer("equilibrium"),
                   "unknown equilibrium \"" + *kind + "\" (expected one of " + std::string(equilibrium_kind_names()) + ")");
  }
  if (auto gap = reader.number("gap", false)) {
    if (!(*gap > 0.0 && *gap < 1.0)) reader.error("E-RANGE", reader.pointer("gap"), "gap must be in (0, 1)");
    else if (request.equilibrium) request.equilibrium->relative_gap = *gap;
  }
  if (auto iterations = reader.integer("max_iterations", false)) {
    if (*iterations < 1 || *iterations > 1000000)
      reader.error("E-RANGE", reader.pointer("max_iterations"), "max_iterations must be in [1, 1000000]");
    else if (request.equilibrium) request.equilibrium->max_iterations = static_cast<int>(*iterations);
  }
  const json* demand = reader.member("demand");
  auto csv = reader.string("demand_csv", false);
  if (!demand && !csv) reader.error("E-MISSING-KEY", pointer, "assign query needs \"demand\" or \"demand_csv\"");
  if (demand) {
    if (!demand->is_array()) {
      sink.error("E-TYPE", reader.pointer("demand"), "demand must be an array, got " + detail::type_name(*demand));
    } else {
      for (std::size_t i = 0; i < demand->size(); ++i) {
        const std::string row_pointer = reader.pointer("demand") + "/" + std::to_string(i);
        ObjectReader row_reader((*demand)[i], row_pointer, sink, "demand row");
        if (!row_reader.is_object()) continue;
        DemandRow row;
        row.pointer = row_pointer;
        auto from = row_reader.string("from", true);
        auto to = row_reader.string("to", true);
        auto tonnes = row_reader.number("tonnes_per_year", true);
        row_reader.finish();
        if (!from || !to || !tonnes) continue;
        row.from = *from;
        row.to = *to;
        row.tonnes_per_year = *tonnes;
        request.demand.push_back(std::move(row));
      }
    }
  }
  if (csv) {
    std::filesystem::path path(*csv);
    if (path.is_relative()) path = std::filesystem::path(scenario_path).parent_path() / path;
    auto rows = load_demand_csv(path.lexically_normal().string(), sink);
    request.demand.insert(request.demand.end(), rows.begin(), rows.end());
  }
  return request;
}

}  // namespace

std::optional<ScenarioQuery> detail::read_query(const json& value, const std::string& pointer, DiagnosticSink& sink,
                                               const std::string& scenario_path) {
  ObjectReader reader(value, pointer, sink, "query");
  if (!reader.is_object()) return std::nullopt;
  ScenarioQuery query;
  query.pointer = pointer;
  auto type = reader.string("type", true);
  if (auto name = reader.string("name", false)) query.name = *name;
  if (!type) {
    reader.finish();
    return std::nullopt;
  }
  if (*type == "route") {
    RouteRequest request;
    if (auto from = reader.string("from", true)) request.from = *from;
    if (auto to = reader.string("to", true)) request.to = *to;
    if (auto by = reader.string("by", false)) {
      if (auto objective = parse_objective(*by)) request.by = *objective;
      else
        reader.error("E-ENUM", reader.pointer("by"),
                     "unknown objective \"" + *by + "\" (expected one of " + std::string(objective_names()) + ")");
    }
    if (auto corridors = reader.strings("corridor", false, true)) request.corridors = split_ids(*corridors);
    if (auto avoid = reader.strings("avoid", false, true)) request.avoid = split_ids(*avoid);
    if (auto countries = reader.strings("avoid_country", false, true)) request.avoid_countries = split_ids(*countries);
    if (auto via = reader.strings("via", false, true)) request.via = split_ids(*via);
    if (auto modes = reader.strings("modes", false, true)) request.modes = split_ids(*modes);
    if (auto k = reader.integer("k", false)) request.k = static_cast<int>(std::clamp<std::int64_t>(*k, -1, 1000000));
    if (auto overlap = reader.number("max_overlap", false)) request.max_overlap = *overlap;
    if (auto pareto = reader.boolean("pareto")) request.pareto = *pareto;
    if (auto vot = reader.number("value_of_time_usd_per_t_day", false)) request.value_of_time_usd_per_t_day = *vot;
    if (auto price = reader.number("carbon_price_usd_per_t_co2", false)) request.carbon_price_usd_per_t_co2 = *price;
    if (query.name.empty()) query.name = "route " + request.from + " -> " + request.to;
    query.request = std::move(request);
  } else if (*type == "flow") {
    FlowRequest request;
    if (auto from = reader.strings("from", true, true)) request.from = split_ids(*from);
    if (auto to = reader.strings("to", true, true)) request.to = split_ids(*to);
    if (auto target = reader.integer("target_tpy", false)) request.target_tpy = *target;
    if (auto corridors = reader.strings("corridor", false, true)) request.corridors = split_ids(*corridors);
    if (auto avoid = reader.strings("avoid", false, true)) request.avoid = split_ids(*avoid);
    read_max_detour(reader, request.max_detour);
    if (query.name.empty()) query.name = "flow";
    query.request = std::move(request);
  } else if (*type == "assign") {
    query.request = read_assign_query(reader, pointer, sink, scenario_path);
    if (query.name.empty()) query.name = "assign";
  } else if (*type == "criticality") {
    CriticalityRequest request;
    read_flow_fields(reader, request.flow);
    if (const json* od = reader.member("od")) request.routes = read_od_pairs(*od, reader.pointer("od"), sink);
    if (auto elements = reader.strings("elements", false, true)) request.elements = split_ids(*elements);
    if (auto top = reader.integer("top", false)) request.top = static_cast<int>(std::clamp<std::int64_t>(*top, -1, 1'000'000));
    if (query.name.empty()) query.name = "criticality";
    query.request = std::move(request);
  } else if (*type == "upgrades") {
    UpgradeRequest request;
    read_flow_fields(reader, request.flow);
    if (auto steps = reader.integer("max_steps", false))
      request.max_steps = static_cast<int>(std::clamp<std::int64_t>(*steps, -1, 1'000'000));
    if (query.name.empty()) query.name = "upgrades";
    query.request = std::move(request);
  } else if (*type == "curve") {
    CurveRequest request;
    if (auto from = reader.strings("from", true, true)) request.from = split_ids(*from);
    if (auto to = reader.strings("to", true, true)) request.to = split_ids(*to);
    if (const json* volumes = reader.member("volumes_mt")) {
      if (!volumes->is_array()) sink.error("E-TYPE", reader.pointer("volumes_mt"), "volumes_mt must be an array of numbers");
      else
        for (std::size_t i = 0; i < volumes->size(); ++i) {
          if ((*volumes)[i].is_number()) request.volumes_tpy.push_back((*volumes)[i].get<double>() * 1e6);
          else sink.error("E-TYPE", reader.pointer("volumes_mt") + "/" + std::to_string(i), "must be a number (Mt/yr)");
        }
    } else {
      reader.error("E-MISSING-KEY", pointer, "curve query needs \"volumes_mt\"");
    }
    if (auto by = reader.string("by", false)) {
      if (auto objective = parse_assign_objective(*by)) request.by = *objective;
      else
        reader.error("E-ENUM", reader.pointer("by"),
                     "unknown objective \"" + *by + "\" (expected one of " + std::string(assign_objective_names()) + ")");
    }
    if (auto kind = reader.string("equilibrium", false)) {
      if (auto parsed = parse_equilibrium_kind(*kind)) request.equilibrium.kind = *parsed;
      else
        reader.error("E-ENUM", reader.pointer("equilibrium"),
                     "unknown equilibrium \"" + *kind + "\" (expected one of " + std::string(equilibrium_kind_names()) + ")");
    }
    if (auto gap = reader.number("gap", false)) {
      if (*gap > 0.0 && *gap < 1.0) request.equilibrium.relative_gap = *gap;
      else reader.error("E-RANGE", reader.pointer("gap"), "gap must be in (0, 1)");
    }
    if (auto corridors = reader.strings("corridor", false, true)) request.corridors = split_ids(*corridors);
    if (auto avoid = reader.strings("avoid", false, true)) request.avoid = split_ids(*avoid);
    if (query.name.empty()) query.name = "curve";
    query.request = std::move(request);
  } else if (*type == "reliability") {
    ReliabilityRequest request;
    if (auto from = reader.string("from", true)) request.route.from = *from;
    if (auto to = reader.string("to", true)) request.route.to = *to;
    if (auto corridors = reader.strings("corridor", false, true)) request.route.corridors = split_ids(*corridors);
    if (auto avoid = reader.strings("avoid", false, true)) request.route.avoid = split_ids(*avoid);
    if (auto samples = reader.integer("samples", false)) request.samples = *samples;
    if (auto seed = reader.integer("seed", false)) {
      if (*seed < 0) reader.error("E-RANGE", reader.pointer("seed"), "seed must be >= 0");
      request.seed = static_cast<std::uint64_t>(*seed);
    }
    if (auto deadline = reader.number("deadline_days", false)) request.deadline_days = *deadline;
    if (auto volume = reader.number("volume_mt", false)) request.volume_tpy = *volume * 1e6;  // checked by resolve
    if (auto k = reader.integer("k", false)) request.k = static_cast<int>(std::clamp<std::int64_t>(*k, -1, 1000000));
    if (auto by = reader.string("by", false)) {
      if (auto rank = parse_reliability_rank(*by)) request.by = *rank;
      else reader.error("E-ENUM", reader.pointer("by"), "unknown ranking \"" + *by + "\" (expected one of mean, p90)");
    }
    if (auto depart = reader.string("depart", false)) {
      request.depart = *depart;
      if (depart->empty()) reader.error("E-TIME", reader.pointer("depart"), "depart must not be empty");
    }
    if (query.name.empty()) query.name = "reliability " + request.route.from + " -> " + request.route.to;
    query.request = std::move(request);
  } else {
    reader.error("E-ENUM", reader.pointer("type"),
                 "unknown query type \"" + *type +
                     "\" (expected one of route, flow, assign, criticality, upgrades, reliability, curve)");
    reader.accept({"from", "to", "by", "corridor", "avoid", "target_tpy", "avoid_country", "via", "modes", "k",
                   "max_overlap", "pareto", "value_of_time_usd_per_t_day", "carbon_price_usd_per_t_co2", "demand",
                   "demand_csv", "od", "elements", "top", "max_steps", "unserved_penalty", "samples", "seed",
                   "deadline_days", "depart", "max_detour", "equilibrium", "gap", "max_iterations", "volumes_mt"});
    reader.finish();
    return std::nullopt;
  }
  reader.finish();
  return query;
}

namespace {

bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec;
  return std::filesystem::equivalent(a, b, ec) && !ec;
}

}  // namespace

namespace {

Scenario parse_scenario_collecting(const std::string& text, const std::string& scenario_path,
                                   const std::string& default_network, DiagnosticSink& sink) {
  const json root = detail::parse_json(text, sink);
  Scenario scenario;
  ObjectReader top(root, "", sink, "scenario file");
  if (!top.is_object()) sink.throw_if_errors();
  if (auto name = top.string("name", true)) scenario.name = *name;
  if (auto description = top.string("description", false)) scenario.description = *description;
  if (auto sources = top.strings("sources", false, false)) scenario.sources = *sources;
  if (auto network = top.string("network", false)) {
    namespace fs = std::filesystem;
    fs::path path(*network);
    if (path.is_relative()) path = fs::path(scenario_path).parent_path() / path;
    scenario.network_path = path.lexically_normal().string();
    std::error_code ec;
    if (fs::exists(path, ec) && !fs::is_regular_file(path, ec))
      sink.error("E-SCENARIO-NETWORK", "/network",
                 "network file \"" + *network + "\" is not a regular file (resolved to " + scenario.network_path + ")");
    else if (!fs::is_regular_file(path, ec))
      sink.error("E-SCENARIO-NETWORK", "/network",
                 "network file \"" + *network + "\" does not exist (resolved to " + scenario.network_path + ")");
    else if (same_file(scenario.network_path, scenario_path))
      sink.error("E-SCENARIO-NETWORK", "/network", "the scenario names itself as its network");
  } else {
    scenario.network_path = default_network;
  }

  if (const json* changes = top.member("changes")) {
    if (!changes->is_array()) {
      sink.error("E-TYPE", "/changes", "changes must be an array, got " + detail::type_name(*changes));
    } else {
      for (std::size_t i = 0; i < changes->size(); ++i) {
        bool ok = true;
        Change change = detail::read_change((*changes)[i], "/changes/" + std::to_string(i), sink, ok);
        if (ok) scenario.changes.push_back(std::move(change));
      }
    }
  }
  if (const json* queries = top.member("queries")) {
    if (!queries->is_array()) {
      sink.error("E-TYPE", "/queries", "queries must be an array, got " + detail::type_name(*queries));
    } else {
      for (std::size_t i = 0; i < queries->size(); ++i)
        if (auto query = detail::read_query((*queries)[i], "/queries/" + std::to_string(i), sink, scenario_path))
          scenario.queries.push_back(std::move(*query));
    }
  }
  top.finish();
  return scenario;
}

}  // namespace

Scenario parse_scenario(const std::string& text, const std::string& scenario_path,
                        const std::string& default_network, DiagnosticSink& sink) {
  Scenario scenario = parse_scenario_collecting(text, scenario_path, default_network, sink);
  sink.throw_if_errors();
  return scenario;
}

Scenario load_scenario(const std::string& path, const std::string& default_network, DiagnosticSink& sink) {
  return parse_scenario(read_text_file(path), path, default_network, sink);
}

Scenario read_scenario(const std::string& path, const std::string& default_network, DiagnosticSink& sink) {
  return parse_scenario_collecting(read_text_file(path), path, default_network, sink);
}

namespace {

/// Notes the top-level keys of a JSON text without building a document: memory stays
/// small whatever the size or nesting of the input (a DOM of a deeply nested file took
/// gigabytes before the loader's depth check could refuse it).
class TopLevelKeys : public nlohmann::json_sax<json> {
 public:
  bool object_at_top = false;
  bool network_keys = false;   ///< "nodes" or "links"
  bool scenario_keys = false;  ///< "changes", "queries" or "network"

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override {
    if (depth_++ == 0) object_at_top = true;
    return true;
  }
  bool end_object() override {
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override {
    ++depth_;
    return true;
  }
  bool end_array() override {
    --depth_;
    return true;
  }
  bool key(string_t& name) override {
    if (depth_ == 1) {
      if (name == "nodes" || name == "links") network_keys = true;
      if (name == "changes" || name == "queries" || name == "network") scenario_keys = true;
    }
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  int depth_ = 0;
};

}  // namespace

FileKind sniff_file_kind(const std::string& text) {
  TopLevelKeys keys;
  if (!json::sax_parse(text, &keys) || !keys.object_at_top) return FileKind::Unknown;
  if (keys.network_keys) return FileKind::Network;
  if (keys.scenario_keys) return FileKind::Scenario;
  return FileKind::Unknown;
}

}  // namespace corridor::io
