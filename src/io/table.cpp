#include "io/table.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "io/text_util.hpp"

namespace corridor::io {
namespace {

std::size_t display_width(const std::string& text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;  // count UTF-8 code points
  return n;
}

/// A number grouped by thousands with `decimals` decimals: 1234567.891, 2 -> "1,234,567.89".
std::string grouped(double value, int decimals) {
  const std::string plain = detail::fixed(value, decimals);
  const auto dot = plain.find('.');
  const std::string integer = plain.substr(0, dot);
  const bool negative = !integer.empty() && integer.front() == '-';
  const std::string digits = negative ? integer.substr(1) : integer;
  std::string out = negative ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out + (dot == std::string::npos ? "" : plain.substr(dot));
}

std::string shown(const Cell& cell) { return cell.number ? grouped(*cell.number, cell.decimals) : cell.text; }

std::string csv_value(const Cell& cell) {
  if (!cell.number) return detail::csv_field(cell.text);
  return std::isfinite(*cell.number) ? detail::decimal(*cell.number, std::max(cell.decimals, 6)) : "";
}

}  // namespace

void Table::add(std::vector<Cell> row) {
  assert(row.size() == columns_.size());
  rows_.push_back(std::move(row));
}

std::string render_text(const Table& table, const std::string& indent) {
  const auto& columns = table.columns();
  std::vector<std::size_t> width(columns.size(), 0);
  std::vector<std::vector<std::string>> lines;
  lines.emplace_back();
  for (const Column& c : columns) lines.back().push_back(c.name);
  for (const auto& row : table.rows()) {
    lines.emplace_back();
    for (const Cell& cell : row) lines.back().push_back(shown(cell));
  }
  for (const auto& line : lines)
    for (std::size_t c = 0; c < line.size(); ++c) width[c] = std::max(width[c], display_width(line[c]));
  std::string out;
  for (const auto& line : lines) {
    std::string text = indent;
    for (std::size_t c = 0; c < line.size(); ++c) {
      const std::size_t pad = width[c] - display_width(line[c]);
      if (c > 0) text += "  ";
      if (columns[c].right_aligned) text += std::string(pad, ' ') + line[c];
      else text += line[c] + (c + 1 < line.size() ? std::string(pad, ' ') : "");
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text + "\n";
  }
  return out;
}

std::string render_csv(const Table& table) {
  std::string out;
  for (std::size_t c = 0; c < table.columns().size(); ++c)
    out += (c ? "," : "") + detail::csv_field(table.columns()[c].name);
  out += "\r\n";
  for (const auto& row : table.rows()) {
    for (std::size_t c = 0; c < row.size(); ++c) out += (c ? "," : "") + csv_value(row[c]);
    out += "\r\n";
  }
  return out;
}

std::string render_html(const Table& table) {
  std::string out = "<table>\n<thead><tr>";
  for (const Column& c : table.columns())
    out += std::string(c.right_aligned ? "<th class=\"num\">" : "<th>") + detail::xml_escape(c.name) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : table.rows()) {
    out += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c)
      out += std::string(table.columns()[c].right_aligned ? "<td class=\"num\">" : "<td>") +
             detail::xml_escape(shown(row[c])) + "</td>";
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

}  // namespace corridor::io
