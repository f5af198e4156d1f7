#pragma once
// Private to src/io: strict, diagnosing reads of nlohmann::json values.
// Every problem is recorded in the sink with its JSON Pointer; nothing throws per value.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/diagnostic.hpp"

namespace corridor::io::detail {

using nlohmann::json;

/// Nesting deeper than this is refused (E-DEPTH) before parsing.
inline constexpr int kMaxNestingDepth = 64;

/// Parses JSON text. Reports E-EMPTY, E-DEPTH, E-UTF8 or E-SYNTAX (with line and column)
/// and throws InputError on any of them: nothing after a syntax error is trustworthy.
json parse_json(const std::string& text, DiagnosticSink& sink);

/// Reads a text from its start, handing each chunk to the callback; false when the text
/// cannot be read again (a pipe).
using ChunkSource = std::function<bool(const std::function<void(std::string_view)>&)>;

/// After a streamed (SAX) parse of `source` failed with `error` at `byte` (as nlohmann gives
/// them), reports exactly what parse_json reports for that text: E-EMPTY, E-DEPTH, E-UTF8,
/// E-SYNTAX or E-TOO-LARGE with line and column (found by reading the text again). Throws.
[[noreturn]] void report_stream_failure(const nlohmann::detail::exception& error, std::size_t byte,
                                        const ChunkSource& source, DiagnosticSink& sink);
/// E-DEPTH, for a streamed parse stopped because nesting went deeper than kMaxNestingDepth. Throws.
[[noreturn]] void report_too_deep(DiagnosticSink& sink);

std::string type_name(const json& value);
/// E-DUPLICATE-KEY's message for the key at `pointer`: RFC 8259 leaves a repeated name's meaning
/// open, and a reader that kept either value would silently drop the other.
std::string repeated_key_message(std::string_view pointer);
/// Escapes a key for use in a JSON Pointer (RFC 6901).
std::string pointer_key(std::string_view key);

/// Reads the members of one JSON object, remembering which keys were used.
class ObjectReader {
 public:
  /// `what` names the element in messages ("node", "link", "scenario"...).
  ObjectReader(const json& value, std::string pointer, DiagnosticSink& sink, std::string what);

  bool is_object() const { return object_ != nullptr; }
  void set_element_id(std::string id) { element_id_ = std::move(id); }
  const std::string& pointer() const { return pointer_; }
  std::string pointer(std::string_view key) const { return pointer_ + "/" + pointer_key(key); }
  bool has(std::string_view key) const;
  /// The raw member, marked as used; nullptr when absent.
  const json* member(std::string_view key);

  std::optional<std::string> string(std::string_view key, bool required);
  std::optional<double> number(std::string_view key, bool required);
  /// A whole number (an integral float such as 4.1e6 is accepted).
  std::optional<std::int64_t> integer(std::string_view key, bool required);
  /// Present-and-null gives an empty inner optional ("unlimited").
  std::optional<std::optional<std::int64_t>> nullable_integer(std::string_view key);
  std::optional<bool> boolean(std::string_view key);
  /// An array of strings; with allow_single a lone string is accepted as a one-element list.
  std::optional<std::vector<std::string>> strings(std::string_view key, bool required, bool allow_single);
  /// Marks keys as known without reading them.
  void accept(std::initializer_list<std::string_view> keys);
  /// Every member that was not read or accepted is an error (E-UNKNOWN-KEY) with the closest
  /// key this reader asked for suggested; a warning (W-UNKNOWN-KEY) when the sink allows
  /// unknown keys; nothing for keys starting with "x-" (the user's own annotations). The keys
  /// known are exactly those the reader asked for, so a key is known the moment it is parsed.
  void finish();

  void error(std::string code, const std::string& pointer, std::string message);
  DiagnosticSink& sink() { return sink_; }
  const std::string& element_id() const { return element_id_; }

 private:
  const json* typed_member(std::string_view key, bool required, bool (json::*is_type)() const noexcept,
                           std::string_view expected);

  const json* object_ = nullptr;
  std::string pointer_;
  DiagnosticSink& sink_;
  std::string what_;
  std::string element_id_;
  /// Keys read or accepted, as pointers to the object's own key strings: no copies, and a
  /// linear scan is fastest for the dozen keys of an element (this runs per node and link).
  std::vector<const std::string*> used_;
  /// Keys asked for (read, tested or accepted), for suggestions; callers pass string literals.
  mutable std::vector<std::string_view> asked_;
  void mark_used(const std::string& key);
};

/// Reads a whole number from any JSON value (see ObjectReader::integer).
std::optional<std::int64_t> as_integer(const json& value);
/// The whole number a float stands for (4.1e6), as as_integer reads it; nullopt when it has a
/// fraction, is not finite or is too large.
std::optional<std::int64_t> whole_number(double value);

}  // namespace corridor::io::detail
