#pragma once
// CSV as spreadsheets save it (RFC 4180): quoted fields with "" escapes and line breaks, CRLF,
// a UTF-8 byte-order mark, and ',', ';' or tab as the separator (detected from the first row).

#include <cstdint>
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

/// The mark a file's numbers use for decimals, by its separator: spreadsheets that save ';'
/// write decimal commas (1.500,5), those that save ',' decimal points (1,500.5); a tab file may
/// come from either.
enum class DecimalMark : std::uint8_t { Point, Comma, Either };
DecimalMark decimal_mark_of(char separator);

/// A number as people write it in a spreadsheet cell: 3000000, 3e6, 3,000,000, 3 000 000
/// (also with no-break spaces), 3'000'000 or 3.000.000 (thousands groups), 2.5 or 2,5
/// (decimal), 1.000,5 or 1,000.5. A single mark before exactly three digits ("1.500") is read
/// by `mark`: a thousands separator unless it is the file's decimal mark. Empty when the text is
/// none of these, not finite, or ambiguous (ambiguous_csv_number).
std::optional<double> parse_csv_number(std::string_view text, DecimalMark mark);

/// The two readings of a number whose single mark may group thousands or mark decimals alike
/// ("1.500": 1500 or 1.5), in a file whose decimal mark is unknown (DecimalMark::Either).
struct AmbiguousCsvNumber {
  std::string grouped;  ///< read with a thousands separator: "1500"
  std::string decimal;  ///< read with a decimal mark: "1.5"
};
std::optional<AmbiguousCsvNumber> ambiguous_csv_number(std::string_view text, DecimalMark mark);

}  // namespace corridor::io
