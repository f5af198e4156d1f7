#pragma once
// Loading scenario files (docs/scenario-format.md).

#include <string>

#include "model/diagnostic.hpp"
#include "model/scenario.hpp"

namespace corridor::io {

/// Parses a scenario. `scenario_path` is used to resolve the relative `network` path and
/// to refuse a scenario that names itself; `default_network` is used when `network` is absent.
/// Throws InputError when there is at least one error; warnings stay in the sink.
Scenario parse_scenario(const std::string& text, const std::string& scenario_path,
                        const std::string& default_network, DiagnosticSink& sink);
Scenario load_scenario(const std::string& path, const std::string& default_network, DiagnosticSink& sink);
/// As load_scenario, but errors stay in the sink instead of being thrown (unless the file is not
/// a JSON object at all): the changes and queries that were read are returned, so that later
/// stages (applying the changes, resolving the queries) can report their problems in the same run.
Scenario read_scenario(const std::string& path, const std::string& default_network, DiagnosticSink& sink);
/// As read_scenario, for a text (a request body): errors stay in the sink.
Scenario read_scenario_text(const std::string& text, const std::string& scenario_path,
                            const std::string& default_network, DiagnosticSink& sink);

/// True if the text looks like a scenario rather than a network (for `corridor validate`).
enum class FileKind { Network, Scenario, Sweep, Calibration, Unknown };
FileKind sniff_file_kind(const std::string& text);

}  // namespace corridor::io
