// Calibration files and the model-versus-published table.

#include "io/calibration_report.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "io/json_reader.hpp"
#include "io/text_file.hpp"

namespace corridor::io {
namespace {

using detail::json;
using detail::ObjectReader;

/// The fields every published figure has; `value_key` names the figure ("days", "tpy", "ratio").
PublishedFigure read_figure(ObjectReader& reader, const std::string& value_key) {
  PublishedFigure figure;
  if (auto id = reader.string("id", true)) {
    figure.id = *id;
    reader.set_element_id(*id);
  }
  if (auto date = reader.string("date", true)) figure.date = *date;
  if (auto conditions = reader.string("conditions", true)) figure.conditions = *conditions;
  if (auto sources = reader.strings("sources", true, false)) figure.sources = *sources;
  if (auto use = reader.string("use", true)) {
    if (auto parsed = parse<CalibrationUse>(*use)) figure.use = *parsed;
    else reader.error("E-ENUM", reader.pointer("use"), "use must be \"fitted\" or \"checked\", got \"" + *use + "\"");
  }
  const auto low = reader.number(value_key + "_low", false);
  const auto high = reader.number(value_key + "_high", false);
  const auto value = reader.number(value_key, !low);
  figure.low = value ? *value : low.value_or(0.0);
  figure.high = value ? *value : high.value_or(figure.low);
  if (figure.low <= 0 || figure.high < figure.low)
    reader.error("E-RANGE", reader.pointer(value_key), "the published figure must be > 0 (and low <= high)");
  return figure;
}

template <typename Entry, typename ReadEntry>
void read_array(ObjectReader& top, const char* key, std::vector<Entry>& out, DiagnosticSink& sink, ReadEntry read_entry) {
  const json* array = top.member(key);
  if (!array) return;
  if (!array->is_array()) {
    sink.error("E-TYPE", std::string("/") + key, std::string(key) + " must be an array, got " + detail::type_name(*array));
    return;
  }
  for (std::size_t i = 0; i < array->size(); ++i) {
    ObjectReader reader((*array)[i], std::string("/") + key + "/" + std::to_string(i), sink, "calibration entry");
    if (!reader.is_object()) continue;
    out.push_back(read_entry(reader));
    reader.finish();
  }
}

std::string format_number(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}
std::string format_value(CalibrationKind kind, double value) {
  if (kind == CalibrationKind::Time) return format_number(value, 1) + " d";
  if (kind == CalibrationKind::Ratio) return format_number(value, 2);
  return format_number(value / 1e6, 2) + " Mt";
}
std::string published_text(const CalibrationRow& row) {
  const PublishedFigure& f = *row.figure;
  if (f.low == f.high) return format_value(row.kind, f.low);
  std::string low = format_value(row.kind, f.low), high = format_value(row.kind, f.high);
  return low.substr(0, low.find(' ')) + "-" + high;
}
std::string joined_sources(const PublishedFigure& figure) {
  std::string out;
  for (const auto& key : figure.sources) out += "[" + key + "]";
  return out;
}

std::string render_json(const CalibrationReport& report) {
  json rows = json::array();
  for (const CalibrationRow& row : report.rows) {
    json r = {{"id", row.figure->id}, {"kind", std::string(to_string(row.kind))}, {"what", row.what},
              {"published_low", row.figure->low}, {"published_high", row.figure->high},
              {"use", std::string(to_string(row.figure->use))}, {"within", row.within},
              {"date", row.figure->date}, {"conditions", row.figure->conditions}, {"sources", row.figure->sources}};
    r["model"] = row.model ? json(*row.model) : json(nullptr);
    r["ratio"] = row.ratio ? json(*row.ratio) : json(nullptr);
    rows.push_back(std::move(r));
  }
  return json{{"rows", rows}}.dump(2) + "\n";
}

}  // namespace

CalibrationSet parse_calibration(const std::string& text, DiagnosticSink& sink) {
  const json root = detail::parse_json(text, sink);
  CalibrationSet set;
  ObjectReader top(root, "", sink, "calibration file");
  if (!top.is_object()) sink.throw_if_errors();
  if (auto description = top.string("description", false)) set.description = *description;
  read_array(top, "times", set.times, sink, [](ObjectReader& reader) {
    CalibrationTime entry;
    entry.figure = read_figure(reader, "days");
    if (auto from = reader.string("from", true)) entry.route.from = *from;
    if (auto to = reader.string("to", true)) entry.route.to = *to;
    if (auto corridors = reader.strings("corridor", false, true)) entry.route.corridors = *corridors;
    if (auto via = reader.strings("via", false, true)) entry.route.via = *via;
    if (auto avoid = reader.strings("avoid", false, true)) entry.route.avoid = *avoid;
    return entry;
  });
  read_array(top, "capacities", set.capacities, sink, [](ObjectReader& reader) {
    CalibrationCapacity entry;
    entry.figure = read_figure(reader, "tpy");
    if (auto from = reader.strings("from", true, true)) entry.flow.from = *from;
    if (auto to = reader.strings("to", true, true)) entry.flow.to = *to;
    if (auto corridors = reader.strings("corridor", false, true)) entry.flow.corridors = *corridors;
    if (auto avoid = reader.strings("avoid", false, true)) entry.flow.avoid = *avoid;
    if (auto kind = reader.string("kind", true)) {
      if (*kind != "capacity" && *kind != "volume")
        reader.error("E-ENUM", reader.pointer("kind"), "kind must be \"capacity\" or \"volume\", got \"" + *kind + "\"");
      entry.is_volume = *kind == "volume";
    }
    return entry;
  });
  read_array(top, "ratios", set.ratios, sink, [](ObjectReader& reader) {
    CalibrationRatio entry;
    entry.figure = read_figure(reader, "ratio");
    if (auto numerator = reader.string("numerator", true)) entry.numerator_id = *numerator;
    if (auto denominator = reader.string("denominator", true)) entry.denominator_id = *denominator;
    return entry;
  });
  top.accept({"note"});
  top.finish();
  // Every id once in the file (a ratio names its times by id).
  std::map<std::string, std::string> pointer_of_id;
  auto note_id = [&](const PublishedFigure& figure, const std::string& at) {
    if (figure.id.empty()) return;
    const auto [it, added] = pointer_of_id.emplace(figure.id, at);
    if (!added)
      sink.error("E-DUP-ID", at + "/id", "id \"" + figure.id + "\" is already used at " + it->second, figure.id);
  };
  for (std::size_t i = 0; i < set.times.size(); ++i) note_id(set.times[i].figure, "/times/" + std::to_string(i));
  for (std::size_t i = 0; i < set.capacities.size(); ++i)
    note_id(set.capacities[i].figure, "/capacities/" + std::to_string(i));
  for (std::size_t i = 0; i < set.ratios.size(); ++i) note_id(set.ratios[i].figure, "/ratios/" + std::to_string(i));
  // a ratio compares two of this file's times: both must exist, and differ
  std::set<std::string> time_ids;
  for (const CalibrationTime& entry : set.times) time_ids.insert(entry.figure.id);
  for (std::size_t i = 0; i < set.ratios.size(); ++i) {
    const CalibrationRatio& ratio = set.ratios[i];
    const std::string at = "/ratios/" + std::to_string(i);
    if (!ratio.numerator_id.empty() && ratio.numerator_id == ratio.denominator_id)
      sink.error("E-CALIBRATION", at + "/denominator",
                 "ratio " + ratio.figure.id + ": numerator and denominator are the same time \"" + ratio.numerator_id +
                     "\" (the ratio is 1 by construction)",
                 ratio.figure.id);
    for (const auto& [key, id] : {std::pair<const char*, const std::string&>{"numerator", ratio.numerator_id},
                                  std::pair<const char*, const std::string&>{"denominator", ratio.denominator_id}})
      if (!id.empty() && time_ids.count(id) == 0)
        sink.error("E-CALIBRATION", at + "/" + key,
                   "ratio " + ratio.figure.id + ": " + key + " \"" + id + "\" is not the id of an entry of \"times\"",
                   ratio.figure.id);
  }
  sink.throw_if_errors();
  return set;
}

CalibrationSet load_calibration(const std::string& path, DiagnosticSink& sink) {
  return parse_calibration(read_text_file(path), sink);
}

std::string render_calibration(const CalibrationReport& report, OutputFormat format) {
  if (format == OutputFormat::Json) return render_json(report);
  std::ostringstream out;
  out << "| id | kind | route or flow | published | model | ratio | use | within 20 % | date, conditions | sources |\n"
      << "|---|---|---|---:|---:|---:|---|---|---|---|\n";
  int checked_times = 0, checked_times_within = 0;
  for (const CalibrationRow& row : report.rows) {
    const PublishedFigure& f = *row.figure;
    const bool fitted = f.use == CalibrationUse::Fitted;
    if (row.kind == CalibrationKind::Time && !fitted) {
      ++checked_times;
      if (row.within) ++checked_times_within;
    }
    out << "| " << f.id << " | " << to_string(row.kind) << " | " << row.what << " | " << published_text(row)
        << " | " << (row.model ? format_value(row.kind, *row.model) : "no answer") << " | "
        << (row.ratio ? format_number(*row.ratio, 2) : "-") << " | " << (fitted ? "fitted" : "checked") << " | "
        << (row.within ? "yes" : "**no**") << " | " << f.date << "; " << f.conditions << " | " << joined_sources(f) << " |\n";
  }
  out << "\nChecked transit times within 20 %: " << checked_times_within << " of " << checked_times;
  if (checked_times > 0)
    out << " (" << static_cast<int>(std::lround(100.0 * checked_times_within / checked_times)) << " %)";
  out << ".\n";
  return out.str();
}

}  // namespace corridor::io
