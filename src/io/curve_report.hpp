#pragma once
// The volume-time curve as a table, JSON, CSV and an SVG chart (days against Mt/yr).

#include <string>

#include "model/curve.hpp"

namespace corridor::io {

std::string curve_table(const Network& network, const CurveResult& result);
std::string curve_json(const Network& network, const CurveResult& result);
std::string curve_csv(const Network& network, const CurveResult& result);
/// An inline SVG chart (no external resources) for the HTML report.
std::string curve_svg(const CurveResult& result);

}  // namespace corridor::io
