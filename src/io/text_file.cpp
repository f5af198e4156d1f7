#include "io/text_file.hpp"

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace corridor::io {
namespace {

constexpr const char* kTextHint = "split the network or raise the limit in src/io/text_file.hpp";

std::string mib(std::size_t bytes) { return std::to_string(bytes / (1024 * 1024)); }

/// E-FILE for a missing path or a directory, E-TOO-BIG for a regular file over the limit:
/// a regular file's size is known, so a huge one is refused before a byte of it is read.
void check_input_file(const std::string& path, std::size_t max_bytes, const std::string& hint,
                      DiagnosticSink& sink) {
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
  if (std::filesystem::is_regular_file(status)) {
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > max_bytes) {
      sink.error("E-TOO-BIG", "",
                 "file is " + mib(size) + " MiB, larger than the " + mib(max_bytes) +
                     " MiB limit; refusing to load it (" + hint + ")");
      sink.throw_if_errors();
    }
  }
}

[[noreturn]] void too_big_while_reading(std::size_t max_bytes, const std::string& hint, DiagnosticSink& sink) {
  sink.error("E-TOO-BIG", "", "file is larger than " + mib(max_bytes) + " MiB; refusing to load it (" + hint + ")");
  sink.throw_if_errors();
  throw InputError(sink.take());  // not reached: throw_if_errors threw
}

}  // namespace

std::size_t max_network_bytes() {
  const char* env = std::getenv(kMaxNetworkEnv);
  if (!env || !*env) return kMaxNetworkBytes;
  std::size_t value = 0;
  const char* end = env + std::strlen(env);
  const auto [ptr, ec] = std::from_chars(env, end, value);
  if (ec != std::errc{} || ptr != end || value == 0 || value > (std::size_t{1} << 40) / (1024 * 1024))
    return kMaxNetworkBytes;  // not a usable number: keep the default
  return value * 1024 * 1024;
}

std::string read_text_file(const std::string& path) {
  DiagnosticSink sink(path);
  check_input_file(path, kMaxInputBytes, kTextHint, sink);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    sink.error("E-FILE", "", std::string("cannot open file: ") + std::strerror(errno));
    sink.throw_if_errors();
  }
  std::string text;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxInputBytes) too_big_while_reading(kMaxInputBytes, kTextHint, sink);
  }
  if (in.bad()) {
    sink.error("E-FILE", "", "read error");
    sink.throw_if_errors();
  }
  return text;
}

ChunkedFile::ChunkedFile(const std::string& path, std::size_t max_bytes, std::string hint)
    : path_(path), max_bytes_(max_bytes), hint_(std::move(hint)), buffer_(std::size_t{1} << 16) {
  DiagnosticSink sink(path_);
  check_input_file(path_, max_bytes_, hint_, sink);
  std::error_code ec;
  if (std::filesystem::is_regular_file(path_, ec)) {
    const auto size = std::filesystem::file_size(path_, ec);
    if (!ec) size_hint_ = static_cast<std::size_t>(size);
  }
  file_ = std::fopen(path_.c_str(), "rb");
  if (!file_) {
    sink.error("E-FILE", "", std::string("cannot open file: ") + std::strerror(errno));
    sink.throw_if_errors();
  }
}

ChunkedFile::~ChunkedFile() {
  if (file_) std::fclose(file_);
}

std::string_view ChunkedFile::next() {
  const std::size_t count = std::fread(buffer_.data(), 1, buffer_.size(), file_);
  if (count == 0 && std::ferror(file_)) {
    DiagnosticSink sink(path_);
    sink.error("E-FILE", "", "read error");
    sink.throw_if_errors();
  }
  total_ += count;
  if (total_ > max_bytes_) {
    DiagnosticSink sink(path_);
    too_big_while_reading(max_bytes_, hint_, sink);
  }
  return {buffer_.data(), count};
}

bool ChunkedFile::rewind() {
  if (std::fseek(file_, 0, SEEK_SET) != 0) return false;
  std::clearerr(file_);
  total_ = 0;
  return true;
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
