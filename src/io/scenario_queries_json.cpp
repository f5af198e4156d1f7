#include "io/scenario_reader.hpp"

#include <filesystem>

#include "io/demand_csv.hpp"

// One query of a scenario or sweep file (docs/scenario-format.md, "queries").

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
    if (auto objective = parse<AssignObjective>(*by)) request.by = *objective;
    else
      reader.error("E-ENUM", reader.pointer("by"),
                   "unknown objective \"" + *by + "\" (expected one of " + joined_names<AssignObjective>() + ")");
  }
  if (auto corridors = reader.strings("corridor", false, true)) request.corridors = split_ids(*corridors);
  if (auto avoid = reader.strings("avoid", false, true)) request.avoid = split_ids(*avoid);
  if (auto penalty = reader.number("unserved_penalty", false)) request.unserved_penalty_per_t = *penalty;
  if (auto vot = reader.number("value_of_time_usd_per_t_day", false)) request.value_of_time_usd_per_t_day = *vot;
  if (auto price = reader.number("carbon_price_usd_per_t_co2", false)) request.carbon_price_usd_per_t_co2 = *price;
  read_max_detour(reader, request.max_detour);
  if (auto kind = reader.string("equilibrium", false)) {
    if (auto parsed = parse<EquilibriumKind>(*kind)) request.equilibrium = EquilibriumSettings{*parsed};
    else
      reader.error("E-ENUM", reader.pointer("equilibrium"),
                   "unknown equilibrium \"" + *kind + "\" (expected one of " + joined_names<EquilibriumKind>() + ")");
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
  // As on the command line: settings that would have no effect are refused, not ignored.
  if (!request.equilibrium)
    for (const char* key : {"gap", "max_iterations"})
      if (reader.has(key))
        reader.error("E-QUERY", reader.pointer(key), std::string(key) + " applies only with \"equilibrium\"");
  if (request.equilibrium && reader.has("max_detour"))
    reader.error("E-QUERY", reader.pointer("max_detour"),
                 "max_detour has no effect with \"equilibrium\": at equilibrium each pair uses only its fastest routes "
                 "under load (docs/model.md)");
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
  const std::optional<QueryType> type_asked = parse<QueryType>(*type);
  if (type_asked == QueryType::Route) {
    RouteRequest request;
    if (auto from = reader.string("from", true)) request.from = *from;
    if (auto to = reader.string("to", true)) request.to = *to;
    if (auto by = reader.string("by", false)) {
      if (auto objective = parse<Objective>(*by)) request.by = *objective;
      else
        reader.error("E-ENUM", reader.pointer("by"),
                     "unknown objective \"" + *by + "\" (expected one of " + joined_names<Objective>() + ")");
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
  } else if (type_asked == QueryType::Flow) {
    FlowRequest request;
    if (auto from = reader.strings("from", true, true)) request.from = split_ids(*from);
    if (auto to = reader.strings("to", true, true)) request.to = split_ids(*to);
    if (auto target = reader.integer("target_tpy", false)) request.target_tpy = *target;
    if (auto corridors = reader.strings("corridor", false, true)) request.corridors = split_ids(*corridors);
    if (auto avoid = reader.strings("avoid", false, true)) request.avoid = split_ids(*avoid);
    read_max_detour(reader, request.max_detour);
    if (query.name.empty()) query.name = "flow";
    query.request = std::move(request);
  } else if (type_asked == QueryType::Assign) {
    query.request = read_assign_query(reader, pointer, sink, scenario_path);
    if (query.name.empty()) query.name = "assign";
  } else if (type_asked == QueryType::Criticality) {
    CriticalityRequest request;
    read_flow_fields(reader, request.flow);
    if (const json* od = reader.member("od")) request.routes = read_od_pairs(*od, reader.pointer("od"), sink);
    if (auto elements = reader.strings("elements", false, true)) request.elements = split_ids(*elements);
    if (auto top = reader.integer("top", false)) request.top = static_cast<int>(std::clamp<std::int64_t>(*top, -1, 1'000'000));
    if (query.name.empty()) query.name = "criticality";
    query.request = std::move(request);
  } else if (type_asked == QueryType::Upgrades) {
    UpgradeRequest request;
    read_flow_fields(reader, request.flow);
    if (auto steps = reader.integer("max_steps", false))
      request.max_steps = static_cast<int>(std::clamp<std::int64_t>(*steps, -1, 1'000'000));
    if (query.name.empty()) query.name = "upgrades";
    query.request = std::move(request);
  } else if (type_asked == QueryType::Curve) {
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
      if (auto objective = parse<AssignObjective>(*by)) request.by = *objective;
      else
        reader.error("E-ENUM", reader.pointer("by"),
                     "unknown objective \"" + *by + "\" (expected one of " + joined_names<AssignObjective>() + ")");
    }
    if (auto kind = reader.string("equilibrium", false)) {
      if (auto parsed = parse<EquilibriumKind>(*kind)) request.equilibrium.kind = *parsed;
      else
        reader.error("E-ENUM", reader.pointer("equilibrium"),
                     "unknown equilibrium \"" + *kind + "\" (expected one of " + joined_names<EquilibriumKind>() + ")");
    }
    if (auto gap = reader.number("gap", false)) {
      if (*gap > 0.0 && *gap < 1.0) request.equilibrium.relative_gap = *gap;
      else reader.error("E-RANGE", reader.pointer("gap"), "gap must be in (0, 1)");
    }
    if (auto corridors = reader.strings("corridor", false, true)) request.corridors = split_ids(*corridors);
    if (auto avoid = reader.strings("avoid", false, true)) request.avoid = split_ids(*avoid);
    if (query.name.empty()) query.name = "curve";
    query.request = std::move(request);
  } else if (type_asked == QueryType::Reliability) {
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
      if (auto rank = parse<ReliabilityRank>(*by)) request.by = *rank;
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
                     "\" (expected one of " + joined_names<QueryType>() + ")");
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

}  // namespace corridor::io
