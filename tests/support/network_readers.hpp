#pragma once
// The differential check of the two network readers (io::parse_network_fast and
// io::parse_network_diagnosing): wherever the fast one gives a network, the diagnosing one
// gives the same network and reports nothing; and parse_network, which runs both, reports
// exactly what the diagnosing reader reports.

#include <optional>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "io/network_json.hpp"
#include "model/diagnostic.hpp"
#include "support/network_compare.hpp"

namespace corridor::test {

/// What a reader gave: the network's difference from `reference`, or its diagnostics, one line each.
struct ReaderOutcome {
  std::optional<Network> network;
  std::vector<std::string> diagnostics;
};

template <typename Read>
ReaderOutcome run_reader(const std::string& file, bool allow_unknown_keys, Read read) {
  ReaderOutcome outcome;
  DiagnosticSink sink(file);
  sink.allow_unknown_keys(allow_unknown_keys);
  try {
    outcome.network = read(sink);
    for (const Diagnostic& d : sink.diagnostics()) outcome.diagnostics.push_back(format(d));
  } catch (const InputError& error) {
    for (const Diagnostic& d : error.diagnostics()) outcome.diagnostics.push_back(format(d));
  }
  return outcome;
}

/// Checks the readers agree on `text`; returns whether the fast reader took it.
inline bool check_readers_agree(const std::string& text, const std::string& file = "net.json",
                                bool allow_unknown_keys = false) {
  const std::optional<Network> fast = io::parse_network_fast(text);
  const ReaderOutcome diagnosing = run_reader(file, allow_unknown_keys, [&](DiagnosticSink& sink) {
    return io::parse_network_diagnosing(text, sink);
  });
  const ReaderOutcome combined =
      run_reader(file, allow_unknown_keys, [&](DiagnosticSink& sink) { return io::parse_network(text, sink); });
  INFO("file: ", file);
  CHECK(combined.diagnostics == diagnosing.diagnostics);
  CHECK(combined.network.has_value() == diagnosing.network.has_value());
  if (combined.network && diagnosing.network) CHECK(network_difference(*combined.network, *diagnosing.network) == "");
  if (fast) {
    INFO("the fast reader took a file the diagnosing one reports on:", diagnosing.diagnostics.size());
    REQUIRE(diagnosing.network.has_value());
    CHECK(diagnosing.diagnostics.empty());
    CHECK(network_difference(*fast, *diagnosing.network) == "");
  }
  return fast.has_value();
}

}  // namespace corridor::test
