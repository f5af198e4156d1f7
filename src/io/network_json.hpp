#pragma once
// Loading network files (docs/network-format.md).

#include <optional>
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

/// The two readers parse_network chooses between, for the differential tests, the fuzzer and
/// the benchmark. The fast reader (simdjson On-Demand) reads a well-formed network in which
/// nothing would be reported, and gives nullopt at the first problem of any kind, reporting
/// nothing. The diagnosing reader (nlohmann SAX, one element at a time) reports every problem
/// with its line and column or JSON Pointer and element id. parse_network runs the fast one
/// and, when it gives nullopt, the diagnosing one: wherever both give a network it is the same.
std::optional<Network> parse_network_fast(const std::string& text);
Network parse_network_diagnosing(const std::string& text, DiagnosticSink& sink);

}  // namespace corridor::io
