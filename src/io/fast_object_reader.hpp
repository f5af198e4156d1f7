#pragma once
// Private to src/io: the fast network reader's view of one JSON object, with the interface of
// ObjectReader, so that read_node, read_link and the network's header (element_json.cpp,
// network_json.cpp) are written once and read both ways. It reads only the plain case: at the
// first thing ObjectReader would report (a wrong type, a missing or unknown key) it throws
// FastPathDeferred, and the caller reads the file again with the diagnosing reader, which
// explains the problem.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/json_reader.hpp"

namespace corridor::io::detail {

/// Thrown by the fast reader at the first problem; nothing is reported by it.
struct FastPathDeferred {};

/// One member of an object as the fast reader decoded it from the text: scalars and arrays
/// of strings as they are (strings point into the parser's buffer), anything else (nested
/// objects, other arrays) as a JSON value.
struct DecodedMember {
  enum class Kind { Null, Boolean, Integer, Float, String, Strings, Json };
  std::string_view key;
  Kind kind = Kind::Null;
  bool boolean = false;
  std::int64_t integer = 0;
  double number = 0.0;
  std::string_view text;
  std::size_t first_string = 0;  ///< Strings: the first in the reader's string list
  std::size_t string_count = 0;
  /// Kind::Json; for other kinds made when member() is asked (as ObjectReader hands out).
  json value;
  bool value_made = false;
  bool used = false;
};

/// ObjectReader's interface over decoded members (see ObjectReader for what each call
/// reads); every problem throws FastPathDeferred instead of being reported.
class FastObjectReader {
 public:
  /// `members` in document order (a key given twice is found first and its repeat is left
  /// unread, so finish() defers); `strings` holds the elements of Strings members;
  /// `scratch` receives what nested ObjectReaders (delay, distributions) report: the caller
  /// defers when it is not empty.
  FastObjectReader(std::vector<DecodedMember>& members, const std::vector<std::string_view>& strings,
                   DiagnosticSink& scratch)
      : members_(members), strings_(strings), scratch_(scratch) {}

  bool is_object() const { return true; }
  void set_element_id(std::string id) { element_id_ = std::move(id); }
  const std::string& element_id() const { return element_id_; }
  /// Pointers only name places in messages, and the fast reader reports nothing.
  const std::string& pointer() const { return no_pointer_; }
  std::string pointer(std::string_view) const { return {}; }
  bool has(std::string_view key) const { return find(key) != nullptr; }
  const json* member(std::string_view key);

  std::optional<std::string> string(std::string_view key, bool required);
  std::optional<double> number(std::string_view key, bool required);
  std::optional<std::int64_t> integer(std::string_view key, bool required);
  std::optional<std::optional<std::int64_t>> nullable_integer(std::string_view key);
  std::optional<bool> boolean(std::string_view key);
  std::optional<std::vector<std::string>> strings(std::string_view key, bool required, bool allow_single);
  void accept(std::initializer_list<std::string_view> keys);
  /// Defers when a member was not read (unless its key starts with "x-", which ObjectReader
  /// ignores too) or when a nested reader reported anything.
  void finish();

  [[noreturn]] void error(std::string, const std::string&, std::string) { throw FastPathDeferred{}; }
  DiagnosticSink& sink() { return scratch_; }

 private:
  DecodedMember* find(std::string_view key) const;
  /// The member, marked as read; nullptr when absent (deferring when it is required).
  DecodedMember* take(std::string_view key, bool required);

  std::vector<DecodedMember>& members_;
  const std::vector<std::string_view>& strings_;
  DiagnosticSink& scratch_;
  std::string element_id_;
  std::string no_pointer_;
};

}  // namespace corridor::io::detail
