#pragma once
// One neutral table value for every tabular output: built once by a result's renderer, then
// written as aligned UTF-8 text, as CSV (RFC 4180: one header row, a fixed column count, plain
// numbers) or as an HTML <table>. Numbers stay numbers until a format writes them.

#include <optional>
#include <string>
#include <vector>

namespace corridor::io {

/// One cell: text, or a number written with `decimals` decimals (grouped by thousands in
/// text and HTML, plain in CSV). An empty cell is text "".
struct Cell {
  std::string text;
  std::optional<double> number;
  int decimals = 0;
  Cell() = default;
  Cell(std::string t) : text(std::move(t)) {}   // NOLINT: implicit, so rows read naturally
  Cell(const char* t) : text(t) {}              // NOLINT
  static Cell num(double value, int decimals_shown = 0) {
    Cell c;
    c.number = value;
    c.decimals = decimals_shown;
    return c;
  }
  /// A number that may be unknown: empty when absent.
  static Cell num(const std::optional<double>& value, int decimals_shown = 0) {
    return value ? num(*value, decimals_shown) : Cell();
  }
};

struct Column {
  std::string name;         ///< the CSV header and the text/HTML heading
  bool right_aligned = false;
};

class Table {
 public:
  Table() = default;
  explicit Table(std::vector<Column> columns) : columns_(std::move(columns)) {}
  /// Appends a row; it must have exactly one cell per column (asserted).
  void add(std::vector<Cell> row);
  const std::vector<Column>& columns() const { return columns_; }
  const std::vector<std::vector<Cell>>& rows() const { return rows_; }
  bool empty() const { return rows_.empty(); }

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<Cell>> rows_;
};

/// Aligned columns (widths counted in UTF-8 code points), each line starting with `indent`.
std::string render_text(const Table& table, const std::string& indent = "  ");
/// RFC 4180 as every CSV of corridor: header row, one line per row, CRLF line ends, fields quoted when needed.
std::string render_csv(const Table& table);
/// A <table> with <thead> and <tbody>; numeric columns get class "num".
std::string render_html(const Table& table);

}  // namespace corridor::io
