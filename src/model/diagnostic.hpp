#pragma once
// Diagnostics for bad input: collected (never thrown one by one), then thrown together.

#include <stdexcept>
#include <string>
#include <vector>

namespace corridor {

enum class Severity { Error, Warning };

/// One problem found in an input file, in compiler form when formatted.
struct Diagnostic {
  Severity severity = Severity::Error;
  std::string code;        ///< stable code, e.g. "E-NODE-REF" (docs/errors.md)
  std::string file;        ///< file name as the user gave it; empty for the command line
  int line = 0;            ///< 1-based; 0 = unknown
  int column = 0;          ///< 1-based; 0 = unknown
  std::string pointer;     ///< JSON Pointer of the offending value, e.g. "/links/3/mode"
  std::string element_id;  ///< id of the node, link, change or query concerned, if known
  std::string message;
};

/// "file:line:col: error: /links/3/mode (link AKTAU-BAKU): unknown mode ... [E-ENUM]"
std::string format(const Diagnostic& diagnostic);

/// Thrown by loaders and by scenario application when the input has at least one error.
/// Carries every diagnostic found (warnings included), in file order.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

/// Collects diagnostics for one input; the file name is stamped on everything added.
class DiagnosticSink {
 public:
  explicit DiagnosticSink(std::string file = {}) : file_(std::move(file)) {}
  void error(std::string code, std::string pointer, std::string message, std::string element_id = {});
  void warning(std::string code, std::string pointer, std::string message, std::string element_id = {});
  void add(Diagnostic diagnostic);
  bool has_errors() const;
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  std::vector<Diagnostic> take() { return std::move(diagnostics_); }
  const std::string& file() const { return file_; }
  /// Throws InputError with everything collected if any error was recorded.
  void throw_if_errors();
  /// "Did you mean" searches cost a pass over every known id: a file gets this many, so one
  /// with thousands of unknown ids is still reported in linear time (the rest without a
  /// suggestion). Returns false once they are used up.
  bool take_suggestion() { return suggestions_left_ > 0 ? (--suggestions_left_, true) : false; }
  static constexpr int kMaxSuggestions = 100;
  /// Whether a key no reader knows is only a warning (W-UNKNOWN-KEY) rather than an error
  /// (E-UNKNOWN-KEY): `--allow-unknown-keys`.
  bool unknown_keys_allowed() const { return unknown_keys_allowed_; }
  void allow_unknown_keys(bool allowed) { unknown_keys_allowed_ = allowed; }

 private:
  bool unknown_keys_allowed_ = false;
  std::string file_;
  std::vector<Diagnostic> diagnostics_;
  int suggestions_left_ = kMaxSuggestions;
};

}  // namespace corridor
