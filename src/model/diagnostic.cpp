#include "model/diagnostic.hpp"

#include <algorithm>

namespace corridor {

std::string format(const Diagnostic& d) {
  std::string out = d.file.empty() ? std::string("command line") : d.file;
  if (d.line > 0) {
    out += ':' + std::to_string(d.line);
    if (d.column > 0) out += ':' + std::to_string(d.column);
  }
  out += d.severity == Severity::Error ? ": error: " : ": warning: ";
  if (!d.pointer.empty()) out += d.pointer;
  if (!d.element_id.empty()) {
    if (!d.pointer.empty()) out += ' ';
    out.append("(").append(d.element_id).append(")");
  }
  if (!d.pointer.empty() || !d.element_id.empty()) out += ": ";
  out += d.message;
  if (!d.code.empty()) out.append(" [").append(d.code).append("]");
  return out;
}

namespace {
std::string summary(const std::vector<Diagnostic>& diagnostics) {
  auto errors = std::count_if(diagnostics.begin(), diagnostics.end(),
                              [](const Diagnostic& d) { return d.severity == Severity::Error; });
  std::string text = std::to_string(errors) + (errors == 1 ? " error" : " errors") + " in input";
  if (!diagnostics.empty()) text += ": " + format(diagnostics.front());
  return text;
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(summary(diagnostics)), diagnostics_(std::move(diagnostics)) {}

void DiagnosticSink::error(std::string code, std::string pointer, std::string message, std::string element_id) {
  add({Severity::Error, std::move(code), {}, 0, 0, std::move(pointer), std::move(element_id), std::move(message)});
}

void DiagnosticSink::warning(std::string code, std::string pointer, std::string message, std::string element_id) {
  add({Severity::Warning, std::move(code), {}, 0, 0, std::move(pointer), std::move(element_id), std::move(message)});
}

void DiagnosticSink::add(Diagnostic diagnostic) {
  if (diagnostic.file.empty()) diagnostic.file = file_;
  diagnostics_.push_back(std::move(diagnostic));
}

bool DiagnosticSink::has_errors() const {
  return std::any_of(diagnostics_.begin(), diagnostics_.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

void DiagnosticSink::throw_if_errors() {
  if (has_errors()) throw InputError(take());
}

}  // namespace corridor
