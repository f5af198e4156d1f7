#include "io/demand_csv.hpp"

#include <algorithm>
#include <cctype>
#include <array>
#include <charconv>
#include <cmath>

#include "io/csv.hpp"
#include "io/text_file.hpp"
#include "model/names.hpp"
#include "model/validate.hpp"

namespace corridor::io {
namespace {

constexpr const char* kColumns[] = {"from", "to", "tonnes_per_year"};

void csv_error(DiagnosticSink& sink, const std::string& file, int line, std::string message, std::string id = {}) {
  Diagnostic d;
  d.code = "E-CSV";
  d.file = file;
  d.line = line;
  d.element_id = std::move(id);
  d.message = std::move(message);
  sink.add(std::move(d));
}

/// Which field holds each of from, to, tonnes_per_year: from a header row when the first row
/// is one (names in any case and order), else 0, 1, 2. Returns false after reporting a header
/// it cannot use.
bool map_columns(const CsvRecord& first, DecimalMark mark, const std::string& file, DiagnosticSink& sink,
                 bool& is_header, std::array<std::size_t, 3>& column) {
  column = {0, 1, 2};
  // A header is a first row whose last field is no number (data rows end in tonnes), or a
  // shorter row naming one of the columns ("from,to": a header missing one).
  std::vector<std::string> names;
  for (const std::string& field : first.fields) names.push_back(fold_for_matching(field));
  const bool names_a_column = std::any_of(names.begin(), names.end(), [](const std::string& name) {
    return std::find(std::begin(kColumns), std::end(kColumns), name) != std::end(kColumns);
  });
  // A first row with a digit in it and no column name is data with a bad figure, not a header
  // (its errors are the row's, and the rows after it are still read).
  const bool has_digit = std::any_of(first.fields.begin(), first.fields.end(), [](const std::string& field) {
    return std::any_of(field.begin(), field.end(), [](unsigned char ch) { return std::isdigit(ch) != 0; });
  });
  is_header = (names_a_column || (first.fields.size() >= 3 && !has_digit)) &&
              !parse_csv_number(first.fields.back(), mark) && !ambiguous_csv_number(first.fields.back(), mark);
  if (!is_header) return true;
  const std::vector<std::string> known(std::begin(kColumns), std::end(kColumns));
  bool ok = true;
  for (std::size_t c = 0; c < 3; ++c) {
    const auto at = std::find(names.begin(), names.end(), kColumns[c]);
    if (at != names.end()) {
      column[c] = static_cast<std::size_t>(at - names.begin());
      const auto again = std::find(at + 1, names.end(), kColumns[c]);
      if (again != names.end()) {
        csv_error(sink, file, first.line,
                  std::string("the header names column \"") + kColumns[c] + "\" twice (fields " +
                      std::to_string(at - names.begin() + 1) + " and " + std::to_string(again - names.begin() + 1) + ")");
        ok = false;
      }
      continue;
    }
    std::string hint;
    for (std::size_t f = 0; f < names.size(); ++f)
      if (std::find(known.begin(), known.end(), names[f]) == known.end() && !did_you_mean(names[f], {kColumns[c]}).empty()) {
        hint = " (is \"" + first.fields[f] + "\" meant to be it?)";
        break;
      }
    csv_error(sink, file, first.line,
              std::string("the header has no column \"") + kColumns[c] + "\"" + hint +
                  " (expected from,to,tonnes_per_year in any order and case)");
    ok = false;
  }
  return ok;
}

}  // namespace

std::vector<DemandRow> parse_demand_csv(const std::string& text, const std::string& file, DiagnosticSink& sink) {
  const auto errors_before = sink.diagnostics().size();
  const CsvTable table = read_csv(text);
  if (table.records.empty()) {
    csv_error(sink, file, 0, "the demand table has no rows");
    return {};
  }
  if (table.unterminated_quote_line)
    csv_error(sink, file, table.unterminated_quote_line, "a quoted field is not closed (a \" is missing)");
  bool is_header = false;
  std::array<std::size_t, 3> column{};
  const DecimalMark mark = decimal_mark_of(table.separator);
  if (!map_columns(table.records.front(), mark, file, sink, is_header, column)) return {};
  const std::size_t width = is_header ? table.records.front().fields.size() : 3;
  std::vector<DemandRow> rows;
  for (std::size_t r = is_header ? 1 : 0; r < table.records.size(); ++r) {
    const CsvRecord& record = table.records[r];
    if (record.fields.size() != width) {  // one message per bad row, naming what was expected
      std::string message = "expected " + std::to_string(width) + " fields (from,to,tonnes_per_year), got " +
                            std::to_string(record.fields.size());
      if (record.fields.size() == 1 && table.separator == ',' &&
          record.fields[0].find_first_of(";\t") != std::string::npos)
        message += ": the file mixes separators; write every row with the header's separator";
      csv_error(sink, file, record.line, message);
      continue;
    }
    const std::string& tonnes_text = record.fields[column[2]];
    if (const auto readings = ambiguous_csv_number(tonnes_text, mark)) {
      csv_error(sink, file, record.line,
                "tonnes_per_year: \"" + tonnes_text + "\" is " + readings->grouped + " with a thousands separator, " +
                    readings->decimal + " with a decimal one (a tab-separated file does not say which): write " +
                    readings->grouped + " or " + readings->decimal);
      continue;
    }
    const auto tonnes = parse_csv_number(tonnes_text, mark);
    if (!tonnes || *tonnes < 0) {
      csv_error(sink, file, record.line,
                "tonnes_per_year: \"" + tonnes_text + "\" is not a number >= 0 (e.g. 3000000, 3e6 or \"3,000,000\")");
      continue;
    }
    DemandRow row;
    row.from = record.fields[column[0]];
    row.to = record.fields[column[1]];
    row.tonnes_per_year = *tonnes;
    row.file = file;
    row.line = record.line;
    rows.push_back(std::move(row));
  }
  if (rows.empty() && sink.diagnostics().size() == errors_before) csv_error(sink, file, 0, "the demand table has no rows");
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
