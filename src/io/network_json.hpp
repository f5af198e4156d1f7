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

/// Texts from this size on are given back while the fast reader reads them (load_network).
inline constexpr std::size_t kReleaseTextBytes = std::size_t{64} << 20;
/// The fast reader of load_network: as parse_network_fast, but when `text` has at least
/// `release_from_bytes` it gives back the memory of the node and link lists it has read
/// (whole 2 MiB pages, which then read as zeros), so that a large network's text and its
/// elements are not all in memory at once. `text_released` says whether it did: the caller
/// must then read the text again for anything else, the diagnosing reader included.
std::optional<Network> parse_network_fast_releasing(std::string& text, std::size_t release_from_bytes,
                                                    bool& text_released);
/// load_network with the size from which the text is given back while read (tests lower it).
Network load_network(const std::string& path, DiagnosticSink& sink, std::size_t release_from_bytes);

}  // namespace corridor::io
