#include "io/demand_csv.hpp"

#include <charconv>
#include <cmath>

#include "io/text_file.hpp"
#include "model/validate.hpp"

namespace corridor::io {
namespace {

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

std::vector<std::string> split_fields(std::string_view line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    const auto comma = line.find(',', start);
    fields.push_back(trim(line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return fields;
}

void csv_error(DiagnosticSink& sink, const std::string& file, int line, std::string message, std::string id = {}) {
  Diagnostic d;
  d.code = "E-CSV";
  d.file = file;
  d.line = line;
  d.element_id = std::move(id);
  d.message = std::move(message);
  sink.add(std::move(d));
}

std::optional<double> parse_number(const std::string& text) {
  double value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

std::vector<DemandRow> parse_demand_csv(const std::string& text, const std::string& file, DiagnosticSink& sink) {
  std::vector<DemandRow> rows;
  int line_number = 0;
  bool first_content = true;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = trim(std::string_view(text).substr(start, end - start));
    start = end + 1;
    ++line_number;
    if (line.empty() || line.front() == '#') continue;
    const auto fields = split_fields(line);
    const bool header = first_content && fields.size() == 3 && fields[0] == "from" && fields[1] == "to" &&
                        fields[2] == "tonnes_per_year";
    first_content = false;
    if (header) continue;
    if (fields.size() != 3) {
      csv_error(sink, file, line_number,
                "expected 3 fields (from,to,tonnes_per_year), got " + std::to_string(fields.size()));
      continue;
    }
    bool ok = true;
    for (int f = 0; f < 2; ++f)
      if (!is_valid_node_id(fields[f])) {
        csv_error(sink, file, line_number,
                  std::string(f == 0 ? "from" : "to") + ": \"" + fields[f] +
                      "\" is not a node id (upper-case letters, digits, '_')",
                  fields[f]);
        ok = false;
      }
    const auto tonnes = parse_number(fields[2]);
    if (!tonnes || !std::isfinite(*tonnes)) {
      csv_error(sink, file, line_number,
                "tonnes_per_year: \"" + fields[2] + "\" is not a number (write 3000000 or 3e6, no separators)");
      ok = false;
    } else if (*tonnes < 0) {
      csv_error(sink, file, line_number, "tonnes_per_year: must be >= 0, got " + fields[2]);
      ok = false;
    }
    if (!ok) continue;
    DemandRow row;
    row.from = fields[0];
    row.to = fields[1];
    row.tonnes_per_year = *tonnes;
    row.file = file;
    row.line = line_number;
    rows.push_back(std::move(row));
  }
  if (rows.empty() && !sink.has_errors()) csv_error(sink, file, 0, "the demand table has no rows");
  return rows;
}

std::vector<DemandRow> load_demand_csv(const std::string& path, DiagnosticSink& sink) {
  try {
    return parse_demand_csv(read_text_file(path), path, sink);
  } catch (const InputError& error) {
    for (const Diagnostic& d : error.diagnostics()) sink.add(d);
    return {};
  }
}

}  // namespace corridor::io
