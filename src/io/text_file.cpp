#include "io/text_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace corridor::io {

std::string read_text_file(const std::string& path) {
  DiagnosticSink sink(path);
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    sink.error("E-FILE", "", "cannot open file: no such file");
    sink.throw_if_errors();
  }
  if (std::filesystem::is_directory(status)) {
    sink.error("E-FILE", "", "cannot read file: it is a directory");
    sink.throw_if_errors();
  }
  // A regular file's size is known: refuse a huge one before reading a byte of it.
  if (std::filesystem::is_regular_file(status)) {
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > kMaxInputBytes) {
      sink.error("E-TOO-BIG", "",
                 "file is " + std::to_string(size / (1024 * 1024)) + " MiB, larger than the " +
                     std::to_string(kMaxInputBytes / (1024 * 1024)) +
                     " MiB limit; refusing to load it (split the network or raise the limit in src/io/text_file.hpp)");
      sink.throw_if_errors();
    }
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    sink.error("E-FILE", "", std::string("cannot open file: ") + std::strerror(errno));
    sink.throw_if_errors();
  }
  std::string text;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxInputBytes) {
      sink.error("E-TOO-BIG", "",
                 "file is larger than " + std::to_string(kMaxInputBytes / (1024 * 1024)) +
                     " MiB; refusing to load it (split the network or raise the limit in src/io/text_file.hpp)");
      sink.throw_if_errors();
    }
  }
  if (in.bad()) {
    sink.error("E-FILE", "", "read error");
    sink.throw_if_errors();
  }
  return text;
}

LineColumn line_column_at(const std::string& text, std::size_t offset) {
  LineColumn at;
  const std::size_t end = std::min(offset, text.size());
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++at.line;
      at.column = 1;
    } else {
      ++at.column;
    }
  }
  return at;
}

}  // namespace corridor::io
