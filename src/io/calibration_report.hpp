#pragma once
// Calibration files (network/calibration.json) in, the comparison table out (docs/calibration.md).

#include <string>

#include "io/formats.hpp"
#include "model/calibration.hpp"
#include "model/diagnostic.hpp"

namespace corridor::io {

/// Parses a calibration file; every problem is reported with its JSON Pointer, then InputError.
CalibrationSet parse_calibration(const std::string& text, DiagnosticSink& sink);
CalibrationSet load_calibration(const std::string& path, DiagnosticSink& sink);

/// The comparison as a text table (with a summary line) or JSON.
std::string render_calibration(const CalibrationReport& report, OutputFormat format);

}  // namespace corridor::io
