#pragma once
// Demand tables in CSV: one OD pair per line (docs/capacity.md, "Demand tables").
//
//   from,to,tonnes_per_year        <- optional header
//   KHORGOS,BAKU,3000000
//   # comments and blank lines are ignored

#include <string>
#include <vector>

#include "model/capacity.hpp"
#include "model/diagnostic.hpp"

namespace corridor::io {

/// Parses CSV text; every bad row is reported to `sink` with `file` and its line (E-CSV),
/// and the good rows are returned (so unknown ids can be reported in the same run).
std::vector<DemandRow> parse_demand_csv(const std::string& text, const std::string& file, DiagnosticSink& sink);

/// Reads and parses a CSV file; an unreadable file is reported to `sink` (E-FILE), not thrown.
std::vector<DemandRow> load_demand_csv(const std::string& path, DiagnosticSink& sink);

}  // namespace corridor::io
