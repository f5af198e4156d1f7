#include "io/csv.hpp"

#include <charconv>
#include <cmath>

namespace corridor::io {
namespace {

std::string trim_spaces(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

char detect_separator(std::string_view text) {
  std::size_t start = 0;
  while (start < text.size()) {  // the first line that is neither blank nor a comment
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string line = trim_spaces(text.substr(start, end - start));
    start = end + 1;
    if (line.empty() || line == "\r" || line.front() == '#') continue;
    std::size_t commas = 0, semicolons = 0, tabs = 0;
    bool quoted = false;
    for (char c : line) {
      if (c == '"') quoted = !quoted;
      else if (!quoted && c == ',') ++commas;
      else if (!quoted && c == ';') ++semicolons;
      else if (!quoted && c == '\t') ++tabs;
    }
    if (semicolons > commas && semicolons >= tabs) return ';';
    if (tabs > commas && tabs > semicolons) return '\t';
    return ',';
  }
  return ',';
}

bool all_digits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

/// "1,000,000" with `group` = ',': the digits without separators, or empty when the groups are
/// not 1-3 digits followed by groups of exactly 3.
std::optional<std::string> ungroup(std::string_view digits, char group) {
  std::string out;
  std::size_t start = 0, count = 0;
  while (true) {
    const auto at = digits.find(group, start);
    const auto part = digits.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start);
    if (!all_digits(part) || (count == 0 ? part.size() > 3 : part.size() != 3)) return std::nullopt;
    out += part;
    ++count;
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return count > 1 ? std::optional<std::string>(out) : std::nullopt;
}

}  // namespace

CsvTable read_csv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte-order mark
  CsvTable table;
  table.separator = detect_separator(text);
  int line = 1;
  std::size_t i = 0;
  while (i < text.size()) {
    CsvRecord record;
    record.line = line;
    std::string field;
    bool was_quoted = false;
    auto finish_field = [&] {
      record.fields.push_back(was_quoted ? field : trim_spaces(field));
      field.clear();
      was_quoted = false;
    };
    while (i < text.size()) {
      const char c = text[i];
      if (c == '"' && trim_spaces(field).empty() && !was_quoted) {  // a quoted field
        field.clear();
        was_quoted = true;
        const int opened = line;
        ++i;
        bool closed = false;
        while (i < text.size()) {
          if (text[i] == '"' && i + 1 < text.size() && text[i + 1] == '"') { field += '"'; i += 2; continue; }
          if (text[i] == '"') { closed = true; ++i; break; }
          if (text[i] == '\n') ++line;
          field += text[i++];
        }
        if (!closed && !table.unterminated_quote_line) table.unterminated_quote_line = opened;
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t') && text[i] != table.separator) ++i;
        continue;
      }
      if (c == table.separator) { finish_field(); ++i; continue; }
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') { ++i; continue; }
      if (c == '\n' || c == '\r') break;
      field += c;
      ++i;
    }
    finish_field();
    if (i < text.size()) ++i;  // the line break
    ++line;
    const bool blank = record.fields.size() == 1 && record.fields[0].empty();
    const bool comment = !record.fields.empty() && !record.fields[0].empty() && record.fields[0].front() == '#';
    if (!blank && !comment) table.records.push_back(std::move(record));
  }
  return table;
}

std::optional<double> parse_csv_number(std::string_view text) {
  std::string t;
  for (std::size_t i = 0; i < text.size(); ++i) {  // spaces, no-break spaces and ' group digits
    if (text[i] == ' ' || text[i] == '\'' || text[i] == '_') continue;
    if (text.compare(i, 2, "\xC2\xA0") == 0 || text.compare(i, 3, "\xE2\x80\xAF") == 0) {
      i += text[i] == '\xC2' ? 1 : 2;
      continue;
    }
    t += text[i];
  }
  if (t.empty()) return std::nullopt;
  const auto dot = t.find('.'), comma = t.find(',');
  if (comma != std::string::npos && (dot == std::string::npos || comma < dot)) {
    const std::string integer = t.substr(0, dot == std::string::npos ? std::string::npos : dot);
    if (auto grouped = ungroup(integer, ',')) t = *grouped + (dot == std::string::npos ? "" : t.substr(dot));
    else if (t.find(',', comma + 1) == std::string::npos && dot == std::string::npos) t[comma] = '.';  // 2,5
  } else if (dot != std::string::npos && t.find('.', dot + 1) != std::string::npos) {  // 3.000.000(,5)
    const std::string integer = t.substr(0, comma == std::string::npos ? std::string::npos : comma);
    if (auto grouped = ungroup(integer, '.'))
      t = *grouped + (comma == std::string::npos ? "" : "." + t.substr(comma + 1));
  }
  double value = 0;
  const char* end = t.data() + t.size();
  const auto [ptr, ec] = std::from_chars(t.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

}  // namespace corridor::io
