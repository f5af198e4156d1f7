#pragma once
// Reading input files with diagnostics (missing, unreadable, empty, too large).

#include <cstddef>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostic.hpp"

namespace corridor::io {

/// Files read whole (scenarios, demand CSV, basemaps) larger than this are refused with
/// E-TOO-BIG, so memory stays bounded: a parsed document takes about 12 times its text.
inline constexpr std::size_t kMaxInputBytes = 64u * 1024u * 1024u;

/// Network files are read into one buffer and parsed without building a document (see
/// load_network): while loading, their memory is the text, the parser's index of it and the
/// model, and the text is released once loaded; they may be this large (a 10^6-node network
/// is about 230 MB).
inline constexpr std::size_t kMaxNetworkBytes = 1024u * 1024u * 1024u;
/// Environment variable overriding kMaxNetworkBytes, in MiB (a positive whole number).
inline constexpr const char* kMaxNetworkEnv = "CORRIDOR_MAX_NETWORK_MIB";
/// kMaxNetworkBytes, or CORRIDOR_MAX_NETWORK_MIB MiB when that is set to a positive number.
std::size_t max_network_bytes();

/// Reads a whole file. Throws InputError (E-FILE, E-TOO-BIG) when it cannot.
std::string read_text_file(const std::string& path);

/// A file read in chunks of at most `max_bytes` in all, for streaming parsers. Opening it
/// checks it exists, is not a directory and (for a regular file) is not larger than the
/// limit; reading past the limit or a read error throws InputError (E-FILE, E-TOO-BIG)
/// from next(). `hint` ends the E-TOO-BIG message (how to raise the limit).
class ChunkedFile {
 public:
  ChunkedFile(const std::string& path, std::size_t max_bytes, std::string hint);
  ~ChunkedFile();
  ChunkedFile(const ChunkedFile&) = delete;
  ChunkedFile& operator=(const ChunkedFile&) = delete;

  /// The size of a regular file, else 0.
  std::size_t size_hint() const { return size_hint_; }
  /// The next chunk; empty at the end of the file.
  std::string_view next();
  /// Starts again from the first byte (to locate an error after a streamed parse); false
  /// when the file cannot be read again (a pipe).
  bool rewind();

 private:
  std::string path_;
  std::size_t max_bytes_;
  std::string hint_;
  std::FILE* file_ = nullptr;
  std::vector<char> buffer_;
  std::size_t total_ = 0;
  std::size_t size_hint_ = 0;
};

/// 1-based line and column of a byte offset in text (column counts bytes).
struct LineColumn {
  int line = 1;
  int column = 1;
};
LineColumn line_column_at(const std::string& text, std::size_t offset);

}  // namespace corridor::io
