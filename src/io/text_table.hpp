#pragma once
// Private to src/io: the aligned text tables of the table format.

#include <algorithm>
#include <string>
#include <vector>

namespace corridor::io::detail {

/// Left-aligned text columns; numbers right-aligned where flagged.
class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header, std::vector<bool> right_aligned)
      : right_(std::move(right_aligned)) {
    rows_.push_back(std::move(header));
  }
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  std::string render(const std::string& indent = "  ") const {
    std::vector<std::size_t> width(rows_.front().size(), 0);
    for (const auto& row : rows_)
      for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], display_width(row[c]));
    std::string out;
    for (const auto& row : rows_) {
      std::string line = indent;
      for (std::size_t c = 0; c < row.size(); ++c) {
        const std::size_t pad = width[c] - display_width(row[c]);
        if (c > 0) line += "  ";
        if (right_[c]) line += std::string(pad, ' ') + row[c];
        else line += row[c] + (c + 1 < row.size() ? std::string(pad, ' ') : "");
      }
      out += line + "\n";
    }
    return out;
  }

 private:
  static std::size_t display_width(const std::string& text) {
    std::size_t n = 0;
    for (unsigned char c : text) n += (c & 0xC0) != 0x80;  // count UTF-8 code points
    return n;
  }
  std::vector<std::vector<std::string>> rows_;
  std::vector<bool> right_;
};

}  // namespace corridor::io::detail
