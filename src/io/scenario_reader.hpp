#pragma once
// Private to src/io: reading one scenario change or query, shared by scenario and sweep files.

#include <optional>
#include <string>

#include "io/json_reader.hpp"
#include "model/scenario.hpp"

namespace corridor::io::detail {

/// One change at `pointer`; `ok` is false when it cannot be applied (problems are in the sink).
Change read_change(const json& value, const std::string& pointer, DiagnosticSink& sink, bool& ok);
/// One query at `pointer`; std::nullopt when it is unusable. Relative files (demand_csv) are
/// resolved against `scenario_path`'s directory.
std::optional<ScenarioQuery> read_query(const json& value, const std::string& pointer, DiagnosticSink& sink,
                                        const std::string& scenario_path);

}  // namespace corridor::io::detail
