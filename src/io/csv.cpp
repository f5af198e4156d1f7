#include "io/csv.hpp"

#include <algorithm>
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

namespace {

/// The cell without the spaces, no-break spaces, ' and _ that group digits.
std::string without_group_spaces(std::string_view text) {
  std::string t;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ' ' || text[i] == '\'' || text[i] == '_') continue;
    if (text.compare(i, 2, "\xC2\xA0") == 0 || text.compare(i, 3, "\xE2\x80\xAF") == 0) {
      i += text[i] == '\xC2' ? 1 : 2;
      continue;
    }
    t += text[i];
  }
  return t;
}

/// Whether `t` (without group spaces) is 1 to 3 digits, not starting with 0, then one '.' or ','
/// and exactly 3 digits: a thousands group or three decimals alike ("1.500", "12,345").
bool one_group_or_three_decimals(std::string_view t) {
  const auto mark = t.find_first_of(".,");
  if (mark == std::string_view::npos || t.find_first_of(".,", mark + 1) != std::string_view::npos) return false;
  const std::string_view lead = t.substr(0, mark), tail = t.substr(mark + 1);
  return !lead.empty() && lead.size() <= 3 && lead.front() != '0' && all_digits(lead) && tail.size() == 3 &&
         all_digits(tail);
}

}  // namespace

DecimalMark decimal_mark_of(char separator) {
  if (separator == ';') return DecimalMark::Comma;
  if (separator == ',') return DecimalMark::Point;
  return DecimalMark::Either;
}

std::optional<AmbiguousCsvNumber> ambiguous_csv_number(std::string_view text, DecimalMark mark) {
  const std::string t = without_group_spaces(text);
  if (mark != DecimalMark::Either || !one_group_or_three_decimals(t)) return std::nullopt;
  const auto at = t.find_first_of(".,");
  std::string decimals = t.substr(at + 1);
  while (!decimals.empty() && decimals.back() == '0') decimals.pop_back();
  return AmbiguousCsvNumber{t.substr(0, at) + t.substr(at + 1), t.substr(0, at) + (decimals.empty() ? "" : "." + decimals)};
}

std::optional<double> parse_csv_number(std::string_view text, DecimalMark mark) {
  std::string t = without_group_spaces(text);
  if (t.empty()) return std::nullopt;
  const auto dots = std::count(t.begin(), t.end(), '.'), commas = std::count(t.begin(), t.end(), ',');
  char group = 0;  // the thousands separator, if any: the other mark is the decimal one
  if (dots > 0 && commas > 0) group = t.find('.') < t.find(',') ? '.' : ',';  // 1.000,5 or 1,000.5
  else if (dots > 1) group = '.';                                             // 3.000.000
  else if (commas > 1) group = ',';                                           // 3,000,000
  else if (one_group_or_three_decimals(t)) {                                  // 1.500 or 1,500
    if (mark == DecimalMark::Either) return std::nullopt;                     // ambiguous_csv_number
    const char one = dots == 1 ? '.' : ',';
    if (one != (mark == DecimalMark::Point ? '.' : ',')) group = one;
  }
  if (group != 0) {
    const char decimal = group == '.' ? ',' : '.';
    if (std::count(t.begin(), t.end(), decimal) > 1) return std::nullopt;
    const auto at = t.find(decimal);
    const auto grouped = ungroup(std::string_view(t).substr(0, at), group);
    if (!grouped) return std::nullopt;
    t = *grouped + (at == std::string::npos ? "" : "." + t.substr(at + 1));
  } else if (commas == 1) {
    t[t.find(',')] = '.';  // a decimal comma: 2,5
  }
  double value = 0;
  const char* end = t.data() + t.size();
  const auto [ptr, ec] = std::from_chars(t.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

}  // namespace corridor::io
