#pragma once
// Shared by the libFuzzer targets: what counts as a finding besides a crash or a sanitizer
// report. A loader must either return a valid value or throw InputError carrying at least
// one error diagnostic; any other exception escapes and libFuzzer reports it.

#include <cstdio>
#include <cstdlib>
#include <string>

#include "model/diagnostic.hpp"

namespace corridor::fuzz {

/// Stops the run with a message: libFuzzer saves the input as a crash artifact.
[[noreturn]] inline void fail(const std::string& what) {
  std::fprintf(stderr, "corridor fuzz finding: %s\n", what.c_str());
  std::abort();
}

inline void require(bool condition, const std::string& what) {
  if (!condition) fail(what);
}

/// Every rejected input carries at least one error, each with a code and a message.
inline void check_rejection(const InputError& error) {
  bool has_error = false;
  for (const Diagnostic& d : error.diagnostics()) {
    require(!d.code.empty() && !d.message.empty(), "diagnostic without code or message");
    require(d.code[0] == 'E' || d.code[0] == 'W', "diagnostic code " + d.code + " is neither E- nor W-");
    has_error = has_error || d.severity == Severity::Error;
    (void)format(d);
  }
  require(has_error, "InputError without any error diagnostic");
}

}  // namespace corridor::fuzz
