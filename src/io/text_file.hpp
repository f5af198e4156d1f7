#pragma once
// Reading input files with diagnostics (missing, unreadable, empty, too large).

#include <cstddef>
#include <string>

#include "model/diagnostic.hpp"

namespace corridor::io {

/// Files larger than this are refused with E-TOO-BIG, so memory stays bounded: the parsed
/// document takes about 12 times the text (a 23 MB network of 100,000 nodes and links needs
/// 290 MB), so 64 MiB keeps a load under 1 GB.
inline constexpr std::size_t kMaxInputBytes = 64u * 1024u * 1024u;

/// Reads a whole file. Throws InputError (E-FILE, E-TOO-BIG) when it cannot.
std::string read_text_file(const std::string& path);

/// 1-based line and column of a byte offset in text (column counts bytes).
struct LineColumn {
  int line = 1;
  int column = 1;
};
LineColumn line_column_at(const std::string& text, std::size_t offset);

}  // namespace corridor::io
