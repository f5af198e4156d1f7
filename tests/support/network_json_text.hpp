#pragma once
// Network file texts and parsing helpers shared by the network JSON tests
// (tests/io/test_network_json.cpp, test_network_json_diagnostics.cpp; test_reliability_json.cpp
// uses `net`). Every text `parse` and `errors_of` read is also a differential test of the two
// network readers.

#include <string>
#include <vector>

#include "io/network_json.hpp"
#include "model/diagnostic.hpp"
#include "support/diagnostics.hpp"
#include "support/network_readers.hpp"

namespace corridor::test {

const std::string kNodeA =
    R"({"id": "A", "name": "Alpha", "country": "CN", "kind": "rail_terminal", "lat": 34.0, "lon": 109.0})";
const std::string kNodeB =
    R"({"id": "B", "name": "Bravo", "country": "KZ", "kind": "junction", "lat": 44.0, "lon": 80.0})";
const std::string kNodeBaku =
    R"({"id": "BAKU", "name": "Baku", "country": "AZ", "kind": "sea_port", "lat": 40.3, "lon": 49.8})";
const std::string kLinkAB = R"({"from": "A", "to": "B", "mode": "rail", "distance_km": 100, "hours": 10})";

/// A network file with the given node and link array contents.
inline std::string net(const std::string& nodes, const std::string& links) {
  return "{\n  \"name\": \"t\",\n  \"nodes\": [" + nodes + "],\n  \"links\": [" + links + "]\n}\n";
}

/// Every text these tests read is also a differential test of the two network readers.
inline Network parse(const std::string& text, DiagnosticSink& sink) {
  check_readers_agree(text, sink.file(), sink.unknown_keys_allowed());
  return io::parse_network(text, sink);
}

inline std::vector<Diagnostic> errors_of(const std::string& text, const std::string& file = "net.json") {
  return input_errors([&] {
    DiagnosticSink sink(file);
    parse(text, sink);
  });
}

}  // namespace corridor::test
