#include "server/params.hpp"

#include <charconv>
#include <cmath>
#include <sstream>

namespace corridor::server {
namespace {

std::string known_list(const std::set<std::string>& known) {
  std::string out;
  for (const std::string& name : known) out += (out.empty() ? "" : ", ") + name;
  return out;
}

std::string quoted(const std::string& text) {
  // Long or binary values are shortened in messages so that an error body stays small.
  std::string shown = text.size() > 40 ? text.substr(0, 40) + "..." : text;
  for (char& c : shown)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) c = '?';
  return "\"" + shown + "\"";
}

}  // namespace

ParamReader::ParamReader(const Params& params, std::set<std::string> known, DiagnosticSink& sink)
    : params_(params), sink_(sink) {
  std::set<std::string> reported;
  for (const auto& [name, value] : params_)
    if (!known.count(name) && reported.insert(name).second)
      sink_.error("E-QUERY", "/" + name, "unknown parameter " + quoted(name) + " (known: " + known_list(known) + ")");
}

std::optional<std::string> ParamReader::text(const std::string& name, bool required) {
  std::optional<std::string> found;
  int count = 0;
  for (const auto& [key, value] : params_)
    if (key == name && count++ == 0) found = value;
  if (count > 1) sink_.error("E-QUERY", "/" + name, "parameter \"" + name + "\" is given " + std::to_string(count) +
                                                        " times; give it once");
  if (!found && required) sink_.error("E-MISSING-KEY", "/" + name, "missing required parameter \"" + name + "\"");
  return count == 1 ? found : std::nullopt;
}

std::vector<std::string> ParamReader::list(const std::string& name, bool required) {
  std::vector<std::string> items;
  bool given = false;
  for (const auto& [key, value] : params_) {
    if (key != name) continue;
    given = true;
    std::stringstream stream(value);
    for (std::string item; std::getline(stream, item, ',');)
      if (!item.empty()) items.push_back(item);
  }
  if (required && items.empty())
    sink_.error("E-MISSING-KEY", "/" + name,
                given ? "parameter \"" + name + "\" needs at least one node id" : "missing required parameter \"" + name + "\"");
  return items;
}

std::optional<std::int64_t> ParamReader::integer(const std::string& name, std::int64_t min, std::int64_t max) {
  const auto value = text(name);
  if (!value) return std::nullopt;
  std::int64_t parsed = 0;
  const auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), parsed);
  if (error == std::errc::result_out_of_range) {
    sink_.error("E-RANGE", "/" + name, name + " " + quoted(*value) + " is out of range");
    return std::nullopt;
  }
  if (error != std::errc() || end != value->data() + value->size()) {
    sink_.error("E-TYPE", "/" + name, name + " must be a whole number, got " + quoted(*value));
    return std::nullopt;
  }
  if (parsed < min || parsed > max) {
    sink_.error("E-RANGE", "/" + name,
                name + " " + std::to_string(parsed) + " is outside " + std::to_string(min) + " to " + std::to_string(max));
    return std::nullopt;
  }
  return parsed;
}

std::optional<double> ParamReader::number(const std::string& name, double min, double max) {
  const auto value = text(name);
  if (!value) return std::nullopt;
  double parsed = 0;
  const auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), parsed);
  if (error != std::errc() || end != value->data() + value->size()) {
    sink_.error("E-TYPE", "/" + name, name + " must be a number, got " + quoted(*value));
    return std::nullopt;
  }
  if (!std::isfinite(parsed) || parsed < min || parsed > max) {
    std::ostringstream range;
    range << min << " to " << max;
    sink_.error("E-RANGE", "/" + name, name + " " + quoted(*value) + " is not a finite number from " + range.str());
    return std::nullopt;
  }
  return parsed;
}

std::optional<bool> ParamReader::boolean(const std::string& name) {
  const auto value = text(name);
  if (!value) return std::nullopt;
  if (*value == "true" || *value == "1" || value->empty()) return true;
  if (*value == "false" || *value == "0") return false;
  sink_.error("E-TYPE", "/" + name, name + " must be true or false, got " + quoted(*value));
  return std::nullopt;
}

}  // namespace corridor::server
