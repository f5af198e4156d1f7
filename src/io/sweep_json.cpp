#include "io/sweep_json.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>

#include "io/json_reader.hpp"
#include "io/scenario_json.hpp"
#include "io/scenario_reader.hpp"
#include "io/text_file.hpp"
#include "model/validate.hpp"

namespace corridor::io {

using detail::json;
using detail::ObjectReader;

namespace {

/// Fields a continuous input may set, per element kind.
const std::vector<std::string> kNodeFields{"capacity_tpy", "background_tpy", "dwell_hours", "transfer_hours"};
const std::vector<std::string> kLinkFields{"capacity_tpy", "background_tpy", "hours", "departures_per_week"};

std::string fnv1a_hex(const std::string& text) {
  std::uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

InputDistribution read_distribution(ObjectReader& reader, DiagnosticSink& sink) {
  InputDistribution d;
  auto type = reader.string("type", true);
  if (!type) return d;
  auto kind = parse<InputDistributionKind>(*type);
  if (!kind) {
    reader.error("E-ENUM", reader.pointer("type"),
                 "unknown distribution \"" + *type + "\" (expected one of " +
                     joined_names<InputDistributionKind>() + ")" +
                     did_you_mean(*type, {"bernoulli", "uniform", "triangular", "lognormal"}));
    reader.accept({"p", "min", "mode", "max", "median", "p90"});
    return d;
  }
  d.kind = *kind;
  auto number = [&](std::string_view key, double& into) {
    if (auto v = reader.number(key, true)) {
      if (!std::isfinite(*v)) reader.error("E-NUMBER", reader.pointer(key), "must be a finite number");
      into = *v;
      return true;
    }
    return false;
  };
  switch (d.kind) {
    case InputDistributionKind::Bernoulli:
      if (number("p", d.probability) && (d.probability < 0 || d.probability > 1))
        sink.error("E-RANGE", reader.pointer("p"), "probability must be between 0 and 1");
      break;
    case InputDistributionKind::Uniform:
      if (number("min", d.min) && number("max", d.max) && d.min > d.max)
        sink.error("E-RANGE", reader.pointer("max"), "max must be at least min");
      break;
    case InputDistributionKind::Triangular:
      if (number("min", d.min) && number("mode", d.mode) && number("max", d.max) &&
          !(d.min <= d.mode && d.mode <= d.max))
        sink.error("E-RANGE", reader.pointer("mode"), "need min <= mode <= max");
      break;
    case InputDistributionKind::Lognormal:
      if (number("median", d.median) && number("p90", d.p90) && !(d.median > 0 && d.p90 >= d.median))
        sink.error("E-RANGE", reader.pointer("p90"), "need 0 < median <= p90");
      break;
  }
  reader.finish();
  return d;
}

double lowest_value(const InputDistribution& d) {
  return d.kind == InputDistributionKind::Lognormal ? 0.0 : d.min;
}
/// The largest value a draw can take (a lognormal's cut tail, model/sweep.hpp).
double highest_value(const InputDistribution& d) {
  return d.kind == InputDistributionKind::Lognormal ? d.value_at(kLognormalCutZ, 1.0) : d.max;
}

/// One entry of a continuous input's "apply": set_link / set_node (with "field") or scale_capacity.
std::optional<Change> read_template(const json& value, const std::string& pointer, const InputDistribution& d,
                                    DiagnosticSink& sink) {
  json change_json = value;
  std::string field;
  if (value.is_object() && value.contains("field")) {
    if (value["field"].is_string())
      field = value["field"].get<std::string>();
    else
      sink.error("E-TYPE", pointer + "/field", "field must be a string");
    change_json.erase("field");
    if (value.contains("values"))  // it would be replaced by the draw, unknown keys and all
      sink.error("E-SWEEP", pointer + "/values",
                 "an \"apply\" entry takes the draw as the value of its \"field\": remove \"values\" (fixed "
                 "values belong in the base scenario or a Bernoulli input's changes)");
    const bool node = value.contains("type") && value["type"] == "set_node";
    const auto& known = node ? kNodeFields : kLinkFields;
    if (std::find(known.begin(), known.end(), field) == known.end()) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      sink.error("E-SWEEP", pointer + "/field",
                 "field \"" + field + "\" cannot take a sampled value (expected one of " + list + ")" +
                     did_you_mean(field, known));
      return std::nullopt;
    }
    // A placeholder value, valid for every sampled field; each sample puts its draw there (only
    // where values belong: another type is refused below for what it is).
    if (node || (value.contains("type") && value["type"] == "set_link")) change_json["values"] = json::object({{field, 1}});
  }
  if (change_json.is_object() && change_json.contains("type") && change_json["type"] == "scale_capacity") {
    if (change_json.contains("factor"))
      sink.error("E-SWEEP", pointer + "/factor", "the input's draw is the factor; remove \"factor\"");
    change_json["factor"] = 1;  // a placeholder, as for a field's value
  }
  bool ok = true;
  Change change = detail::read_change(change_json, pointer, sink, ok);
  if (!ok) return std::nullopt;
  if (change.type == ChangeType::ScaleCapacity) {
    if (!field.empty()) sink.error("E-SWEEP", pointer + "/field", "scale_capacity takes no field");
    if (lowest_value(d) < 0 || highest_value(d) > 1000)
      sink.error("E-RANGE", pointer, "a scale factor's range must lie within 0-1000");
    return change;
  }
  if (change.type != ChangeType::SetLink && change.type != ChangeType::SetNode) {
    sink.error(
        "E-SWEEP", pointer + "/type",
        "a continuous input applies set_link, set_node or scale_capacity, not " + std::string(to_string(change.type)));
    return std::nullopt;
  }
  if (field.empty()) {
    sink.error("E-SWEEP", pointer, std::string(to_string(change.type)) + " in \"apply\" needs a \"field\"");
    return std::nullopt;
  }
  const double low = lowest_value(d);
  if (low < 0 || (field == "departures_per_week" && low <= 0))
    sink.error("E-RANGE", pointer, "the input's range must be positive for " + field);
  change.fields = {field};
  return change;
}

SweepInput read_input(const json& value, const std::string& pointer, DiagnosticSink& sink) {
  SweepInput input;
  input.pointer = pointer;
  ObjectReader reader(value, pointer, sink, "input");
  if (!reader.is_object()) return input;
  if (auto id = reader.string("id", true)) input.id = *id;
  reader.set_element_id(input.id);
  if (auto name = reader.string("name", false)) input.name = *name;
  if (input.name.empty()) input.name = input.id;
  if (auto sources = reader.strings("sources", false, false)) input.sources = *sources;
  if (auto estimate = reader.string("estimate", false)) input.estimate = *estimate;
  reader.accept({"note"});
  if (const json* d = reader.member("distribution")) {
    ObjectReader d_reader(*d, reader.pointer("distribution"), sink, "distribution");
    if (d_reader.is_object()) input.distribution = read_distribution(d_reader, sink);
  } else {
    reader.error("E-MISSING-KEY", pointer, "input is missing required key \"distribution\"");
  }
  if (input.sources.empty() && input.estimate.empty())
    sink.error("E-SWEEP", pointer, "an input needs \"sources\" or an \"estimate\" saying how its range was estimated",
               input.id);
  const bool bernoulli = input.distribution.kind == InputDistributionKind::Bernoulli;
  const json* changes = reader.member("changes");
  const json* apply = reader.member("apply");
  if (bernoulli && apply)
    reader.error("E-SWEEP", reader.pointer("apply"), "a bernoulli input takes \"changes\", not \"apply\"");
  if (!bernoulli && changes)
    reader.error("E-SWEEP", reader.pointer("changes"), "a continuous input takes \"apply\", not \"changes\"");
  if (bernoulli && !changes) reader.error("E-MISSING-KEY", pointer, "a bernoulli input needs \"changes\"");
  auto each = [&](const json* list, const char* key, auto&& read) {
    if (!list) return;
    if (!list->is_array()) {
      sink.error("E-TYPE", reader.pointer(key),
                 std::string(key) + " must be an array, got " + detail::type_name(*list));
      return;
    }
    for (std::size_t i = 0; i < list->size(); ++i) read((*list)[i], reader.pointer(key) + "/" + std::to_string(i));
  };
  if (bernoulli)
    each(changes, "changes", [&](const json& c, const std::string& p) {
      bool ok = true;
      Change change = detail::read_change(c, p, sink, ok);
      if (ok && (change.type == ChangeType::AddNode || change.type == ChangeType::AddLink))
        sink.error("E-SWEEP", p + "/type",
                   "an input cannot add elements (add them, planned, in the base and open them here)");
      else if (ok)
        input.changes.push_back(std::move(change));
    });
  else
    each(apply, "apply", [&](const json& c, const std::string& p) {
      if (auto change = read_template(c, p, input.distribution, sink)) input.templates.push_back(std::move(*change));
    });
  reader.finish();
  return input;
}

/// Loads the base: a scenario file (relative to the sweep) or an inline scenario object.
Scenario read_base(const json& value, const std::string& sweep_path, const std::string& default_network,
                   DiagnosticSink& sink) {
  if (value.is_string()) {
    std::filesystem::path path(value.get<std::string>());
    if (path.is_relative()) path = std::filesystem::path(sweep_path).parent_path() / path;
    const std::string base_path = path.lexically_normal().string();
    std::error_code file_error;
    if (!std::filesystem::is_regular_file(path, file_error)) {  // said against the sweep's /base, not as a bare file error
      sink.error("E-SWEEP", "/base",
                 "base scenario \"" + value.get<std::string>() + "\" " +
                     (std::filesystem::exists(path, file_error) ? "is not a regular file" : "does not exist") +
                     " (resolved to " + base_path + ")");
      return {};
    }
    DiagnosticSink base_sink(base_path);
    try {
      Scenario scenario = load_scenario(base_path, default_network, base_sink);
      for (Diagnostic& d : base_sink.take()) sink.add(std::move(d));
      return scenario;
    } catch (const InputError& error) {
      for (const Diagnostic& d : error.diagnostics()) sink.add(d);
      return {};
    }
  }
  if (!value.is_object()) {
    sink.error("E-TYPE", "/base",
               "base must be a scenario file name or a scenario object, got " + detail::type_name(value));
    return {};
  }
  json inline_base = value;
  if (!inline_base.contains("name")) inline_base["name"] = "base";
  DiagnosticSink base_sink(sink.file());
  auto prefixed = [&](std::vector<Diagnostic> diagnostics) {
    for (Diagnostic& d : diagnostics) {
      d.pointer = "/base" + d.pointer;
      d.line = d.column = 0;
      sink.add(std::move(d));
    }
  };
  try {
    Scenario scenario = parse_scenario(inline_base.dump(), sweep_path, default_network, base_sink);
    prefixed(base_sink.take());
    return scenario;
  } catch (const InputError& error) {
    prefixed(error.diagnostics());
    return {};
  }
}

}  // namespace

Sweep parse_sweep(const std::string& text, const std::string& sweep_path, const std::string& default_network,
                  DiagnosticSink& sink) {
  const json root = detail::parse_json(text, sink);
  Sweep sweep;
  ObjectReader top(root, "", sink, "sweep file");
  if (!top.is_object()) sink.throw_if_errors();
  std::string fingerprint_text = root.dump();
  if (auto name = top.string("name", true)) sweep.name = *name;
  if (auto description = top.string("description", false)) sweep.description = *description;
  if (auto sources = top.strings("sources", false, false)) sweep.sources = *sources;
  if (auto samples = top.integer("samples", false)) {
    if (*samples < 1 || *samples > kMaxSweepSamples)
      sink.error("E-RANGE", "/samples", "samples must be from 1 to " + std::to_string(kMaxSweepSamples) + ", got " +
                                            std::to_string(*samples) + " (split a larger run into sweeps of its own)");
    sweep.default_samples = *samples;
  }
  if (auto seed = top.integer("seed", false)) {
    if (*seed < 0) sink.error("E-RANGE", "/seed", "seed must be >= 0");
    sweep.default_seed = static_cast<std::uint64_t>(*seed);
  }
  if (const json* base = top.member("base")) {
    sweep.base = read_base(*base, sweep_path, default_network, sink);
    if (base->is_string() && !sweep.base.network_path.empty()) {
      std::filesystem::path path(base->get<std::string>());
      if (path.is_relative()) path = std::filesystem::path(sweep_path).parent_path() / path;
      fingerprint_text += read_text_file(path.lexically_normal().string());
    }
  } else {
    top.error("E-MISSING-KEY", "", "sweep file is missing required key \"base\"");
  }

  auto array = [&](const char* key, bool required) -> const json* {
    const json* value = top.member(key);
    if (!value) {
      if (required) top.error("E-MISSING-KEY", "", std::string("sweep file is missing required key \"") + key + "\"");
      return nullptr;
    }
    if (!value->is_array()) {
      sink.error("E-TYPE", std::string("/") + key,
                 std::string(key) + " must be an array, got " + detail::type_name(*value));
      return nullptr;
    }
    return value;
  };
  std::vector<std::string> input_ids;
  if (const json* inputs = array("inputs", true)) {
    for (std::size_t i = 0; i < inputs->size(); ++i) {
      SweepInput input = read_input((*inputs)[i], "/inputs/" + std::to_string(i), sink);
      if (std::find(input_ids.begin(), input_ids.end(), input.id) != input_ids.end())
        sink.error("E-DUP-ID", input.pointer + "/id", "an input with id \"" + input.id + "\" already exists", input.id);
      input_ids.push_back(input.id);
      sweep.inputs.push_back(std::move(input));
    }
  }
  if (const json* groups = array("correlations", false)) {
    for (std::size_t g = 0; g < groups->size(); ++g) {
      const std::string pointer = "/correlations/" + std::to_string(g);
      ObjectReader reader((*groups)[g], pointer, sink, "correlation group");
      if (!reader.is_object()) continue;
      CorrelationGroup group;
      if (auto id = reader.string("id", true)) group.id = *id;
      for (const CorrelationGroup& other : sweep.groups)
        if (!group.id.empty() && other.id == group.id)
          sink.error("E-DUP-ID", reader.pointer("id"), "a correlation group with id \"" + group.id + "\" already exists",
                     group.id);
      if (auto note = reader.string("note", false)) group.note = *note;
      if (auto sources = reader.strings("sources", false, false)) group.sources = *sources;
      if (auto rho = reader.number("rho", true)) {
        if (!(*rho >= 0 && *rho <= 1)) sink.error("E-RANGE", reader.pointer("rho"), "rho must be between 0 and 1");
        group.rho = std::clamp(*rho, 0.0, 1.0);
      }
      if (auto members = reader.strings("inputs", true, false)) {
        for (std::size_t m = 0; m < members->size(); ++m) {
          const std::string member_pointer = reader.pointer("inputs") + "/" + std::to_string(m);
          auto it = std::find(input_ids.begin(), input_ids.end(), (*members)[m]);
          if (it == input_ids.end()) {
            sink.error("E-SWEEP-REF", member_pointer,
                       "unknown input \"" + (*members)[m] + "\"" + did_you_mean((*members)[m], input_ids));
            continue;
          }
          SweepInput& input = sweep.inputs[static_cast<std::size_t>(it - input_ids.begin())];
          if (input.group == static_cast<int>(sweep.groups.size()))
            sink.error("E-SWEEP", member_pointer, "input \"" + input.id + "\" is listed twice in this group");
          else if (input.group >= 0)
            sink.error("E-SWEEP", member_pointer, "input \"" + input.id + "\" is already in another correlation group");
          else {
            input.group = static_cast<int>(sweep.groups.size());
            group.members.push_back(static_cast<std::size_t>(it - input_ids.begin()));
          }
        }
      }
      reader.finish();
      sweep.groups.push_back(std::move(group));
    }
  }
  std::vector<std::string> figure_names;
  if (const json* queries = array("queries", true)) {
    for (std::size_t q = 0; q < queries->size(); ++q) {
      const std::string pointer = "/queries/" + std::to_string(q);
      json query_json = (*queries)[q];
      std::string id;
      if (query_json.is_object() && query_json.contains("id") && query_json["id"].is_string()) {
        id = query_json["id"].get<std::string>();
        query_json.erase("id");
      } else {
        sink.error("E-SWEEP", pointer, "a sweep query needs an \"id\" (a string naming its figures)");
      }
      auto query = detail::read_query(query_json, pointer, sink, sweep_path);
      if (!query) continue;
      if (std::find(sweep.query_ids.begin(), sweep.query_ids.end(), id) != sweep.query_ids.end())
        sink.error("E-DUP-ID", pointer + "/id", "a query with id \"" + id + "\" already exists");
      std::vector<FigureKind> kinds;
      switch (query->type()) {
        case QueryType::Flow:
          kinds = {FigureKind::MaxFlowTpy};
          break;
        case QueryType::Route:
          kinds = {FigureKind::RouteDays};
          break;
        case QueryType::Reliability:
          kinds = {FigureKind::MeanDays, FigureKind::P90Days};
          if (std::get<ReliabilityRequest>(query->request).deadline_days) kinds.push_back(FigureKind::OnTimeShare);
          break;
        default:
          sink.error("E-SWEEP", pointer + "/type", "a sweep records route, flow and reliability queries only");
          continue;
      }
      for (FigureKind kind : kinds) {
        sweep.figures.push_back({id + "." + std::string(to_string(kind)), sweep.queries.size(), kind});
        figure_names.push_back(sweep.figures.back().name);
      }
      sweep.query_ids.push_back(id);
      sweep.queries.push_back(std::move(*query));
    }
  }
  if (const json* outcomes = array("outcomes", false)) {
    for (std::size_t o = 0; o < outcomes->size(); ++o) {
      SweepOutcome outcome;
      outcome.pointer = "/outcomes/" + std::to_string(o);
      ObjectReader reader((*outcomes)[o], outcome.pointer, sink, "outcome");
      if (!reader.is_object()) continue;
      if (auto id = reader.string("id", true)) outcome.id = *id;
      for (const SweepOutcome& other : sweep.outcomes)
        if (!outcome.id.empty() && other.id == outcome.id)
          sink.error("E-DUP-ID", reader.pointer("id"), "an outcome with id \"" + outcome.id + "\" already exists",
                     outcome.id);
      if (auto name = reader.string("name", false)) outcome.name = *name;
      if (outcome.name.empty()) outcome.name = outcome.id;
      bool ok = true;
      if (auto figure = reader.string("figure", true)) {
        auto it = std::find(figure_names.begin(), figure_names.end(), *figure);
        if (it == figure_names.end()) {
          sink.error("E-SWEEP-REF", reader.pointer("figure"),
                     "unknown figure \"" + *figure + "\"" + did_you_mean(*figure, figure_names), outcome.id);
          ok = false;
        } else {
          outcome.figure = static_cast<std::size_t>(it - figure_names.begin());
        }
      } else
        ok = false;
      const json* least = reader.member("at_least");
      const json* most = reader.member("at_most");
      if ((least != nullptr) == (most != nullptr)) {
        sink.error("E-SWEEP", outcome.pointer, "an outcome needs exactly one of \"at_least\" and \"at_most\"",
                   outcome.id);
        ok = false;
      } else {
        outcome.at_least = least != nullptr;
        const json& threshold = least ? *least : *most;
        const std::string key = least ? "at_least" : "at_most";
        if (threshold.is_number())
          outcome.threshold = threshold.get<double>();
        else if (threshold.is_string()) {
          auto it = std::find(input_ids.begin(), input_ids.end(), threshold.get<std::string>());
          if (it == input_ids.end()) {
            sink.error("E-SWEEP-REF", reader.pointer(key),
                       "unknown input \"" + threshold.get<std::string>() + "\"" +
                           did_you_mean(threshold.get<std::string>(), input_ids));
            ok = false;
          } else
            outcome.threshold_input = static_cast<std::size_t>(it - input_ids.begin());
        } else {
          sink.error("E-TYPE", reader.pointer(key), key + " must be a number or an input id");
          ok = false;
        }
      }
      reader.finish();
      if (ok) sweep.outcomes.push_back(std::move(outcome));
    }
  }
  top.finish();
  sweep.fingerprint = fnv1a_hex(fingerprint_text);
  sink.throw_if_errors();
  return sweep;
}

Sweep load_sweep(const std::string& path, const std::string& default_network, DiagnosticSink& sink) {
  return parse_sweep(read_text_file(path), path, default_network, sink);
}

bool looks_like_sweep(const std::string& text) {
  const json root = json::parse(text, nullptr, false);
  return root.is_object() && root.contains("inputs") && root.contains("base");
}

std::string shard_header_line(const ShardHeader& header) {
  json line = {{"corridor_sweep", header.fingerprint},
               {"seed", header.seed},
               {"samples", header.samples},
               {"shard", std::to_string(header.shard) + "/" + std::to_string(header.shards)}};
  return line.dump();
}

std::string sample_line(const Sweep& sweep, const SampleRecord& record) {
  json line = json::object();
  line["sample"] = record.index;
  json inputs = json::object(), figures = json::object(), outcomes = json::object();
  for (std::size_t i = 0; i < sweep.inputs.size(); ++i) inputs[sweep.inputs[i].id] = record.inputs[i];
  for (std::size_t f = 0; f < sweep.figures.size(); ++f)
    figures[sweep.figures[f].name] = record.figures[f] ? json(*record.figures[f]) : json(nullptr);
  for (const SweepOutcome& outcome : sweep.outcomes) outcomes[outcome.id] = outcome_met(outcome, record);
  line["inputs"] = std::move(inputs);
  line["figures"] = std::move(figures);
  line["outcomes"] = std::move(outcomes);
  return line.dump();
}

}  // namespace corridor::io
