#include "model/value_checks.hpp"

#include <cmath>
#include <cstdio>

#include "model/names.hpp"

namespace corridor::detail {

std::string number_text(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "infinity" : "-infinity";
  if (value != 0.0 && std::fabs(value) < 1e-3) {  // to_string's six decimals would make it 0
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
  }
  std::string s = std::to_string(value);
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  return s;
}

/// Checks finite, >= min (or > min when strict) and <= max.
void check_range(double value, std::string_view field, double min, bool strict_min, double max,
                 const std::string& pointer, const std::string& id, DiagnosticSink& sink) {
  const bool in_range = std::isfinite(value) && (strict_min ? value > min : value >= min) && value <= max;
  if (in_range) return;  // the common case: no message, no strings built
  const std::string where = pointer + "/" + std::string(field);
  if (!std::isfinite(value)) {
    sink.error("E-NUMBER", where, std::string(field) + " must be a finite number, got " + number_text(value), id);
  } else if ((strict_min ? value <= min : value < min) && min < 0) {
    sink.error("E-RANGE", where,
               std::string(field) + " must be between " + number_text(min) + " and " + number_text(max) + ", got " +
                   number_text(value),
               id);
  } else if (strict_min ? value <= min : value < min) {
    sink.error("E-RANGE", where,
               std::string(field) + " must be " + (strict_min ? "> " : ">= ") + number_text(min) + ", got " +
                   number_text(value),
               id);
  } else if (value > max && min < 0) {  // a bounded quantity such as a latitude
    sink.error("E-RANGE", where,
               std::string(field) + " must be between " + number_text(min) + " and " + number_text(max) + ", got " +
                   number_text(value),
               id);
  } else if (value > max) {
    sink.error("E-TOO-LARGE", where,
               std::string(field) + " = " + number_text(value) + " is too large to be meaningful (limit " +
                   number_text(max) + ")",
               id);
  }
}

void check_corridor_tags(const std::vector<std::string>& tags, const std::string& pointer, DiagnosticSink& sink,
                         const std::string& element_id) {
  for (std::size_t i = 0; i < tags.size(); ++i)
    if (!is_corridor_tag(tags[i]))
      sink.error("E-ENUM", pointer + "/" + std::to_string(i),
                 "unknown corridor \"" + tags[i] + "\" (expected one of " + corridor_tag_names() + ")", element_id);
}

}  // namespace corridor::detail
