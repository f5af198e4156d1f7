#pragma once
// CSV as spreadsheets save it (RFC 4180): quoted fields with "" escapes and line breaks, CRLF,
// a UTF-8 byte-order mark, and ',', ';' or tab as the separator (detected from the first row).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::io {

struct CsvRecord {
  int line = 0;  ///< 1-based line where the record starts
  std::vector<std::string> fields;  ///< unquoted; unquoted fields trimmed of spaces
};

struct CsvTable {
  char separator = ',';
  std::vector<CsvRecord> records;  ///< blank lines and lines starting with '#' left out
  int unterminated_quote_line = 0;  ///< line of a quoted field that never closes, else 0
};

/// Splits `text` into records; the separator is whichever of ',', ';' and tab occurs most
/// (outside quotes) in the first record that is not blank or a comment (',' on a tie).
CsvTable read_csv(std::string_view text);

/// A number as people write it in a spreadsheet cell: 3000000, 3e6, 3,000,000, 3 000 000
/// (also with no-break spaces), 3'000'000 or 3.000.000 (thousands groups), 2.5 or 2,5
/// (decimal); empty when it is none of these or not finite.
std::optional<double> parse_csv_number(std::string_view text);

}  // namespace corridor::io
