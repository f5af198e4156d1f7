#pragma once
// The summary of an uncertainty sweep as a table, JSON, CSV or a self-contained HTML page with
// the outcome and a sensitivity (tornado) chart. docs/sweeps.md shows each.

#include <string>

#include "model/sweep.hpp"

namespace corridor::io {

enum class SweepFormat { Table, Json, Csv, Html };

std::string render_sweep_summary(const Sweep& sweep, const SweepSummary& summary, SweepFormat format);

}  // namespace corridor::io
