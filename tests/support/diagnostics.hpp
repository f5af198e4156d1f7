#pragma once
// Helpers to look for diagnostics by code and JSON Pointer, and to print them on failure.

#include <functional>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "model/diagnostic.hpp"

namespace corridor::test {

/// All diagnostics, one formatted line each (for INFO on failure).
inline std::string describe(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) out += "\n  " + format(d);
  return out.empty() ? std::string("(no diagnostics)") : out;
}

/// The first diagnostic with this code (and pointer, unless `pointer` is "*"), or nullptr.
inline const Diagnostic* find_diagnostic(const std::vector<Diagnostic>& diagnostics, const std::string& code,
                                         const std::string& pointer = "*") {
  for (const Diagnostic& d : diagnostics)
    if (d.code == code && (pointer == "*" || d.pointer == pointer)) return &d;
  return nullptr;
}

inline bool has_diagnostic(const std::vector<Diagnostic>& diagnostics, const std::string& code,
                           const std::string& pointer = "*") {
  return find_diagnostic(diagnostics, code, pointer) != nullptr;
}

inline int count_errors(const std::vector<Diagnostic>& diagnostics) {
  int n = 0;
  for (const Diagnostic& d : diagnostics) n += d.severity == Severity::Error;
  return n;
}

/// Runs `action`, which must throw InputError; returns its diagnostics (empty if it did not throw).
inline std::vector<Diagnostic> input_errors(const std::function<void()>& action) {
  try {
    action();
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  FAIL_CHECK("expected an InputError, but nothing was thrown");
  return {};
}

}  // namespace corridor::test
