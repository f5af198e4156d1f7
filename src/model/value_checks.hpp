#pragma once
// Private to src/model: the number and tag checks shared by value validation (validate.cpp) and
// query resolution (resolve.cpp).

#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostic.hpp"

namespace corridor::detail {

/// A number as a message shows it: "2.5", "NaN", "infinity" (no trailing zeros).
std::string number_text(double value);
/// Checks finite, >= min (or > min when strict) and <= max; E-NUMBER, E-RANGE or E-TOO-LARGE at
/// `pointer`/`field` otherwise.
void check_range(double value, std::string_view field, double min, bool strict_min, double max,
                 const std::string& pointer, const std::string& id, DiagnosticSink& sink);
/// E-ENUM for each tag that names no corridor (`pointer`/i).
void check_corridor_tags(const std::vector<std::string>& tags, const std::string& pointer, DiagnosticSink& sink,
                         const std::string& element_id = {});

}  // namespace corridor::detail
