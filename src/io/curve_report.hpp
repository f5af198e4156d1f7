#pragma once
// The volume-time curve as a table, JSON, CSV and an SVG chart (days against Mt/yr).

#include <string>

#include "model/curve.hpp"

namespace corridor::io {

std::string curve_table(const Network& network, const CurveResult& result);
std::string curve_json(const Network& network, const CurveResult& result);
/// "1.0 Mt/yr: 14.2 days; 8.0 Mt/yr: 19.6 days.": one line for summaries.
std::string curve_summary(const Network& network, const CurveResult& result);
std::string curve_csv(const Network& network, const CurveResult& result);
/// Where an SVG chart goes: a file of its own needs the SVG namespace; inside HTML it is implied
/// (and the report names no URL at all).
enum class SvgPlacement { File, InHtml };
/// The volume-time chart (no external resources): `corridor curve --format svg`, and the report's.
std::string curve_svg(const CurveResult& result, SvgPlacement placement);

}  // namespace corridor::io
