#pragma once
// The summary of an uncertainty sweep as a table, JSON, CSV or a self-contained HTML page with
// the outcome and a sensitivity (tornado) chart. docs/sweeps.md shows each.

#include <cstdint>
#include <string>

#include "model/enum_table.hpp"
#include "model/sweep.hpp"

namespace corridor::io {

enum class SweepFormat : std::uint8_t { Table, Json, Csv, Html };
inline constexpr EnumName<SweepFormat> kSweepFormatNames[] = {
    {SweepFormat::Table, "table"}, {SweepFormat::Json, "json"}, {SweepFormat::Csv, "csv"}, {SweepFormat::Html, "html"}};
static_assert(enum_table_valid(kSweepFormatNames));
constexpr const auto& enum_table(SweepFormat) { return kSweepFormatNames; }

std::string render_sweep_summary(const Sweep& sweep, const SweepSummary& summary, SweepFormat format);

}  // namespace corridor::io
