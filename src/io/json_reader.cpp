#include "io/json_reader.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <unordered_set>
#include <vector>

#include "io/text_file.hpp"
#include "model/validate.hpp"

namespace corridor::io::detail {
namespace {

/// Maximum nesting depth of arrays and objects, ignoring brackets inside strings.
/// Stops counting once `limit` is exceeded.
int nesting_depth(const std::string& text, int limit) {
  int depth = 0, max_depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') {
      max_depth = std::max(max_depth, ++depth);
      if (max_depth > limit) return max_depth;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return max_depth;
}

/// Finds the keys given twice in one object while nlohmann parses a document (its parser
/// callback): RFC 8259 leaves a repeated name's meaning open and nlohmann keeps the last value,
/// so the first would be dropped silently. Each is noted by its JSON Pointer.
class RepeatedKeyFinder {
 public:
  bool operator()(int /*depth*/, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start: frames_.emplace_back().array = false; break;
      case json::parse_event_t::array_start: frames_.emplace_back().array = true; break;
      case json::parse_event_t::key: {
        Frame& frame = frames_.back();
        frame.key = parsed.get<std::string>();
        if (!frame.keys.insert(frame.key).second) repeated_.push_back(pointer());
        break;
      }
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        frames_.pop_back();
        next_in_array();
        break;
      case json::parse_event_t::value: next_in_array(); break;
    }
    return true;  // keep every value
  }
  const std::vector<std::string>& repeated() const { return repeated_; }

 private:
  struct Frame {
    bool array = false;
    std::size_t index = 0;          ///< array: the element being read
    std::string key;                ///< object: the member being read
    std::unordered_set<std::string> keys;  ///< object: the keys met so far (a request may hold many)
  };
  void next_in_array() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
  }
  /// The pointer of the value being read: every open container's member or element.
  std::string pointer() const {
    std::string out;
    for (const Frame& frame : frames_) out += "/" + (frame.array ? std::to_string(frame.index) : pointer_key(frame.key));
    return out;
  }

  std::vector<Frame> frames_;
  std::vector<std::string> repeated_;
};

/// nlohmann's message without its "[json.exception...] parse error at line 3, column 15: " prefix.
std::string short_parse_message(const std::string& what) {
  auto colon = what.find(": ");
  auto prefix_end = what.find("parse error");
  if (prefix_end != std::string::npos && colon != std::string::npos && colon > prefix_end)
    return what.substr(colon + 2);
  auto bracket = what.find("] ");
  return bracket == std::string::npos ? what : what.substr(bracket + 2);
}


/// E-SYNTAX or E-UTF8 at `at` for nlohmann's parse_error message.
void add_parse_error(const std::string& what, LineColumn at, DiagnosticSink& sink) {
  std::string message = short_parse_message(what);
  const bool utf8 = message.find("UTF-8") != std::string::npos;
  if (utf8) {  // the "last read" excerpt holds the bad bytes: show them escaped
    std::string escaped;
    for (unsigned char c : message) {
      if (c < 0x80) {
        escaped += static_cast<char>(c);
      } else {
        char hex[8];
        std::snprintf(hex, sizeof hex, "\\x%02X", c);
        escaped += hex;
      }
    }
    message = std::move(escaped);
  }
  sink.add({Severity::Error, utf8 ? "E-UTF8" : "E-SYNTAX", {}, at.line, at.column, {}, {},
            (utf8 ? "invalid UTF-8: " : "syntax error: ") + message});
}

/// E-TOO-LARGE for nlohmann's "number overflow parsing '1e400'", at the token's first
/// occurrence in the text (`locate` finds it).
void add_overflow_error(const std::string& what,
                        const std::function<std::optional<LineColumn>(const std::string&)>& locate,
                        DiagnosticSink& sink) {
  const std::string message = short_parse_message(what);
  Diagnostic d{Severity::Error, "E-TOO-LARGE", {}, 0, 0, {}, {}, message + " (too large to be meaningful)"};
  const auto quote = message.find('\'');
  const auto end_quote = message.rfind('\'');
  if (quote != std::string::npos && end_quote > quote) {
    const auto token = message.substr(quote + 1, end_quote - quote - 1);
    if (!token.empty())
      if (auto position = locate(token)) {
        d.line = position->line;
        d.column = position->column;
      }
  }
  sink.add(std::move(d));
}

/// What parse_json learns from a whole text before and after parsing it, gathered chunk by
/// chunk: whether it is blank, its nesting depth (as nesting_depth counts it) and where a
/// token first occurs.
class ChunkScan {
 public:
  explicit ChunkScan(std::string token) : token_(std::move(token)) {}
  void feed(std::string_view chunk) {
    for (char c : chunk) {
      if (blank_ && c != ' ' && c != '\t' && c != '\r' && c != '\n') blank_ = false;
      if (skip_next_) {
        skip_next_ = false;
      } else if (in_string_) {
        if (c == '\\') skip_next_ = true;
        else if (c == '"') in_string_ = false;
      } else if (c == '"') {
        in_string_ = true;
      } else if (c == '[' || c == '{') {
        max_depth_ = std::max(max_depth_, ++depth_);
      } else if (c == ']' || c == '}') {
        --depth_;
      }
      if (!token_.empty() && !token_offset_) {  // naive search: the token is a short number
        window_ += c;
        if (window_.size() > token_.size()) window_.erase(0, 1);
        if (window_ == token_) token_offset_ = offset_ + 1 - token_.size();
      }
      ++offset_;
    }
  }
  bool blank() const { return blank_; }
  int max_depth() const { return max_depth_; }
  std::optional<std::size_t> token_offset() const { return token_offset_; }

 private:
  std::string token_, window_;
  bool blank_ = true, in_string_ = false, skip_next_ = false;
  int depth_ = 0, max_depth_ = 0;
  std::size_t offset_ = 0;
  std::optional<std::size_t> token_offset_;
};

/// Line and column of a byte offset, reading the text again; nullopt if it cannot be read.
std::optional<LineColumn> line_column_in(const ChunkSource& source, std::size_t offset) {
  LineColumn at;
  std::size_t position = 0;
  const bool read = source([&](std::string_view chunk) {
    for (char c : chunk) {
      if (position++ >= offset) return;
      if (c == '\n') {
        ++at.line;
        at.column = 1;
      } else {
        ++at.column;
      }
    }
  });
  if (!read) return std::nullopt;
  return at;
}

}  // namespace

void report_too_deep(DiagnosticSink& sink) {
  sink.error("E-DEPTH", "", "JSON nesting deeper than " + std::to_string(kMaxNestingDepth) +
                                " levels; this is not a corridor file");
  sink.throw_if_errors();
  throw InputError(sink.take());  // not reached
}

void report_stream_failure(const nlohmann::detail::exception& error, std::size_t byte, const ChunkSource& source,
                           DiagnosticSink& sink) {
  const auto* overflow = dynamic_cast<const json::out_of_range*>(&error);
  std::string token;
  if (overflow) {
    const std::string message = short_parse_message(error.what());
    const auto quote = message.find('\'');
    const auto end_quote = message.rfind('\'');
    if (quote != std::string::npos && end_quote > quote) token = message.substr(quote + 1, end_quote - quote - 1);
  }
  ChunkScan scan(token);
  const bool readable = source([&](std::string_view chunk) { scan.feed(chunk); });
  if (readable && scan.blank()) {
    sink.error("E-EMPTY", "", "file is empty; expected a JSON object");
    sink.throw_if_errors();
  }
  if (readable && scan.max_depth() > kMaxNestingDepth) report_too_deep(sink);
  if (overflow) {
    add_overflow_error(error.what(), [&](const std::string&) -> std::optional<LineColumn> {
      if (!scan.token_offset()) return std::nullopt;
      return line_column_in(source, *scan.token_offset());
    }, sink);
  } else if (dynamic_cast<const json::parse_error*>(&error)) {
    const LineColumn at = line_column_in(source, byte == 0 ? 0 : byte - 1).value_or(LineColumn{0, 0});
    add_parse_error(error.what(), at, sink);
  } else {
    sink.error("E-SYNTAX", "", std::string("cannot parse: ") + short_parse_message(error.what()));
  }
  sink.throw_if_errors();
  throw InputError(sink.take());  // not reached
}

json parse_json(const std::string& text, DiagnosticSink& sink) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    sink.error("E-EMPTY", "", "file is empty; expected a JSON object");
    sink.throw_if_errors();
  }
  if (nesting_depth(text, kMaxNestingDepth) > kMaxNestingDepth) {
    sink.error("E-DEPTH", "", "JSON nesting deeper than " + std::to_string(kMaxNestingDepth) +
                                  " levels; this is not a corridor file");
    sink.throw_if_errors();
  }
  try {
    RepeatedKeyFinder repeated;
    json document = json::parse(text, std::ref(repeated));
    for (const std::string& pointer : repeated.repeated())  // reported, and reading goes on: all problems in one run
      sink.error("E-DUPLICATE-KEY", pointer, repeated_key_message(pointer));
    return document;
  } catch (const json::parse_error& e) {
    const LineColumn at = line_column_at(text, e.byte == 0 ? 0 : e.byte - 1);
    add_parse_error(e.what(), at, sink);
  } catch (const json::out_of_range& e) {  // number overflow, e.g. 1e400: locate the token
    add_overflow_error(e.what(), [&](const std::string& token) -> std::optional<LineColumn> {
      if (auto at = text.find(token); at != std::string::npos) return line_column_at(text, at);
      return std::nullopt;
    }, sink);
  } catch (const json::exception& e) {
    sink.error("E-SYNTAX", "", std::string("cannot parse: ") + short_parse_message(e.what()));
  }
  sink.throw_if_errors();
  return {};
}

std::string repeated_key_message(std::string_view pointer) {
  return "key \"" + std::string(pointer.substr(pointer.rfind('/') + 1)) + "\" is given twice in this object; give it once";
}

std::string type_name(const json& value) {
  switch (value.type()) {
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    case json::value_t::null: return "null";
    default: return "a " + std::string(value.type_name());
  }
}

std::string pointer_key(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::optional<std::int64_t> as_integer(const json& value) {
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (value.is_number_unsigned()) {
    auto u = value.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
    return static_cast<std::int64_t>(u);
  }
  if (value.is_number_float()) return whole_number(value.get<double>());
  return std::nullopt;
}

std::optional<std::int64_t> whole_number(double d) {
  if (!std::isfinite(d) || d != std::floor(d) || std::fabs(d) > 9.0e18) return std::nullopt;
  return static_cast<std::int64_t>(d);
}

ObjectReader::ObjectReader(const json& value, std::string pointer, DiagnosticSink& sink, std::string what)
    : pointer_(std::move(pointer)), sink_(sink), what_(std::move(what)) {
  if (value.is_object()) object_ = &value;
  else
    sink_.error("E-TYPE", pointer_, what_ + " must be a JSON object, got " + type_name(value));
}

bool ObjectReader::has(std::string_view key) const {
  asked_.push_back(key);
  return object_ && object_->find(key) != object_->end();
}

const json* ObjectReader::member(std::string_view key) {
  if (!object_) return nullptr;
  asked_.push_back(key);
  auto it = object_->find(key);
  if (it == object_->end()) return nullptr;
  mark_used(it.key());
  return &*it;
}

void ObjectReader::mark_used(const std::string& key) {
  if (std::find(used_.begin(), used_.end(), &key) == used_.end()) used_.push_back(&key);
}

void ObjectReader::error(std::string code, const std::string& pointer, std::string message) {
  sink_.error(std::move(code), pointer, std::move(message), element_id_);
}

const json* ObjectReader::typed_member(std::string_view key, bool required, bool (json::*is_type)() const noexcept,
                                       std::string_view expected) {
  if (!object_) return nullptr;
  const json* value = member(key);
  if (!value) {
    if (required) error("E-MISSING-KEY", pointer_, what_ + " is missing required key \"" + std::string(key) + "\"");
    return nullptr;
  }
  if (!(value->*is_type)()) {
    error("E-TYPE", pointer(key),
          std::string(key) + " must be " + std::string(expected) + ", got " + type_name(*value));
    return nullptr;
  }
  return value;
}

std::optional<std::string> ObjectReader::string(std::string_view key, bool required) {
  const json* value = typed_member(key, required, &json::is_string, "a string");
  if (!value) return std::nullopt;
  return value->get<std::string>();
}

std::optional<double> ObjectReader::number(std::string_view key, bool required) {
  const json* value = typed_member(key, required, &json::is_number, "a number");
  if (!value) return std::nullopt;
  return value->get<double>();
}

std::optional<std::int64_t> ObjectReader::integer(std::string_view key, bool required) {
  const json* value = typed_member(key, required, &json::is_number, "a number");
  if (!value) return std::nullopt;
  auto result = as_integer(*value);
  const double as_double = value->get<double>();
  if (!result && std::isfinite(as_double) && std::fabs(as_double) >= 9.0e18) {
    error("E-TOO-LARGE", pointer(key), std::string(key) + " = " + value->dump() + " is too large to be meaningful");
  } else if (!result) {
    if (value->is_number_float() && value->get<double>() < 0)
      error("E-RANGE", pointer(key), std::string(key) + " must be >= 0, got " + value->dump());
    else
      error("E-TYPE", pointer(key), std::string(key) + " must be a whole number, got " + value->dump());
  }
  return result;
}

std::optional<std::optional<std::int64_t>> ObjectReader::nullable_integer(std::string_view key) {
  if (object_) {
    auto it = object_->find(key);
    if (it != object_->end() && it->is_null()) {
      mark_used(it.key());
      return std::optional<std::int64_t>{};
    }
  }
  auto result = integer(key, false);
  if (!result) return std::nullopt;
  return std::optional<std::int64_t>{*result};
}

std::optional<bool> ObjectReader::boolean(std::string_view key) {
  const json* value = typed_member(key, false, &json::is_boolean, "true or false");
  if (!value) return std::nullopt;
  return value->get<bool>();
}

std::optional<std::vector<std::string>> ObjectReader::strings(std::string_view key, bool required,
                                                              bool allow_single) {
  if (!object_) return std::nullopt;
  const json* value = member(key);
  if (!value) {
    if (required) error("E-MISSING-KEY", pointer_, what_ + " is missing required key \"" + std::string(key) + "\"");
    return std::nullopt;
  }
  if (allow_single && value->is_string()) return std::vector<std::string>{value->get<std::string>()};
  if (!value->is_array()) {
    error("E-TYPE", pointer(key),
          std::string(key) + " must be " + (allow_single ? "a string or " : "") + "an array of strings, got " +
              type_name(*value));
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (std::size_t i = 0; i < value->size(); ++i) {
    const json& item = (*value)[i];
    if (!item.is_string()) {
      error("E-TYPE", pointer(key) + "/" + std::to_string(i), "must be a string, got " + type_name(item));
      ok = false;
    } else {
      out.push_back(item.get<std::string>());
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

void ObjectReader::accept(std::initializer_list<std::string_view> keys) {
  if (!object_) return;
  for (auto key : keys) {
    asked_.push_back(key);
    if (auto it = object_->find(key); it != object_->end()) mark_used(it.key());
  }
}

void ObjectReader::finish() {
  if (!object_) return;
  if (used_.size() == object_->size()) return;  // every key was read
  for (auto it = object_->begin(); it != object_->end(); ++it) {
    const std::string& key = it.key();
    if (std::find(used_.begin(), used_.end(), &key) != used_.end() || key.rfind("x-", 0) == 0) continue;
    if (sink_.unknown_keys_allowed()) {
      sink_.warning("W-UNKNOWN-KEY", pointer(key), "unknown key \"" + key + "\" in " + what_ + " ignored",
                    element_id_);
      continue;
    }
    const std::vector<std::string> known(asked_.begin(), asked_.end());
    sink_.error("E-UNKNOWN-KEY", pointer(key),
                "unknown key \"" + key + "\" in " + what_ + did_you_mean(key, known) +
                    " (prefix your own annotations with \"x-\", or pass --allow-unknown-keys)",
                element_id_);
  }
}

}  // namespace corridor::io::detail
