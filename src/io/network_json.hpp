#pragma once
// Loading network files (docs/network-format.md).

#include <string>

#include "model/diagnostic.hpp"
#include "model/network.hpp"

namespace corridor::io {

/// Parses and validates a network. Every problem is reported to `sink` (whose file name
/// is used in messages); throws InputError if there is at least one error. Warnings stay
/// in the sink for the caller to print.
Network parse_network(const std::string& text, DiagnosticSink& sink);
/// Reads the file at `path` and parses it; the sink's file name should be `path`.
Network load_network(const std::string& path, DiagnosticSink& sink);

}  // namespace corridor::io
