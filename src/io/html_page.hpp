#pragma once
// Private to src/io: the shell of the self-contained HTML pages (html_report.hpp): the head
// with the one inline style sheet, table cells, and the footer that credits the basemap.

#include <initializer_list>
#include <string>
#include <utility>

#include "io/basemap.hpp"

namespace corridor::io::detail {

/// From <!DOCTYPE html> to <body>, with the page's title and style sheet.
std::string page_start(const std::string& title);
/// The "About this page" footer: `extra` (HTML), then the basemap's source and licence.
std::string footer(const Basemap& basemap, const std::string& extra);

/// A <td> with escaped text, of class `css` when given.
std::string cell(const std::string& text, const char* css = nullptr);
/// A right-aligned <td> for a figure.
std::string num_cell(const std::string& text);
/// A <thead> row of column names, each flagged numeric (right-aligned) or not.
std::string header_row(std::initializer_list<std::pair<const char*, bool>> columns);

}  // namespace corridor::io::detail
