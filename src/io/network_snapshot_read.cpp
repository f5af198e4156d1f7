// Reading a network snapshot (io/network_snapshot.hpp; layout in io/snapshot_format.hpp and
// docs/snapshot.md): the header, then every column in file order, each bounds-checked before a
// byte of it is used, then the network validated (snapshot_validate.cpp) as the JSON reader
// validates one. Safe on arbitrary bytes: any inconsistency is an E-SNAPSHOT error.

#include <cstring>

#include "io/network_snapshot.hpp"
#include "io/snapshot_format.hpp"
#include "io/snapshot_reading.hpp"
#include "io/text_file.hpp"

namespace corridor::io {
namespace detail {

void SnapshotReader::fail(const std::string& message, const std::string& element_id) const {
  DiagnosticSink& sink = sink_;
  sink.error("E-SNAPSHOT", "", message + "; re-create it with `corridor pack`", element_id);
  sink.throw_if_errors();
  throw InputError(sink.take());  // not reached
}

void SnapshotReader::fail_at(const ColumnView& column, std::uint64_t row, const std::string& problem,
                             Element element) const {
  fail("column " + std::string(to_string(column.tag)) + ", row " + std::to_string(row) + ": " + problem, element.text());
}

void SnapshotReader::read_header() {
  if (size_ < kSnapshotHeaderBytes || std::memcmp(data_, kSnapshotMagic, sizeof kSnapshotMagic) != 0) {
    if (size_ >= sizeof kSnapshotMagic && std::memcmp(data_, kSnapshotMagic, sizeof kSnapshotMagic) == 0)
      fail("truncated network snapshot: " + std::to_string(size_) + " bytes, shorter than its " +
           std::to_string(kSnapshotHeaderBytes) + "-byte header");
    if (size_ >= 3 && std::memcmp(data_, kSnapshotMagic, 3) == 0)
      fail(size_ < sizeof kSnapshotMagic
               ? "truncated network snapshot: " + std::to_string(size_) + " bytes, cut inside its first 8"
               : "damaged network snapshot: its first 8 bytes are not those `corridor pack` writes (a text-mode "
                 "transfer changes their line ends: copy snapshots as binary)");
    fail("not a network snapshot (its first bytes are not those `corridor pack` writes)");
  }
  const auto version = load<std::uint32_t>(data_ + 8);
  if (version != kSnapshotVersion)
    fail("network snapshot format version " + std::to_string(version) + " is not supported (this corridor reads version " +
         std::to_string(kSnapshotVersion) + ")");
  if (load<std::uint32_t>(data_ + 12) != kByteOrderMark)
    fail("network snapshot written with another byte order (its byte-order mark is not 0x01020304 little-endian)");
  const auto payload = load<std::uint64_t>(data_ + 16);
  const std::uint64_t have = size_ - kSnapshotHeaderBytes;
  if (payload > have)
    fail("truncated network snapshot: the header announces " + std::to_string(payload) + " bytes of columns, the file has " +
         std::to_string(have));
  if (payload < have)
    fail("network snapshot has " + std::to_string(have - payload) + " bytes after its last column (damaged or appended to)");
  const std::uint64_t expected = load<std::uint64_t>(data_ + 24);
  const std::uint64_t actual = xxh64(data_ + kSnapshotHeaderBytes, payload);
  if (actual != expected)
    fail("network snapshot is damaged: the checksum of its columns does not match its header (XXH64 " + hex(actual) +
         ", header says " + hex(expected) + ")");
  if (load<std::uint64_t>(data_ + 32) != 0) fail("network snapshot header: the reserved field is not 0");
  pos_ = kSnapshotHeaderBytes;
}

std::string SnapshotReader::hex(std::uint64_t value) {
  static const char digits[] = "0123456789abcdef";
  std::string text(16, '0');
  for (int i = 15; i >= 0; --i, value >>= 4) text[static_cast<std::size_t>(i)] = digits[value & 15];
  return text;
}

ColumnView SnapshotReader::next(Column tag, std::uint32_t width) {
  const std::string name(to_string(tag));
  if (size_ - pos_ < kColumnHeaderBytes)
    fail("truncated network snapshot: column " + name + " is missing (the file ends at byte " + std::to_string(pos_) + ")");
  const auto found = load<std::uint32_t>(data_ + pos_);
  const auto found_width = load<std::uint32_t>(data_ + pos_ + 4);
  const auto count = load<std::uint64_t>(data_ + pos_ + 8);
  if (found != static_cast<std::uint32_t>(tag)) fail("expected column " + name + " at byte " + std::to_string(pos_) +
                                                     ", found column number " + std::to_string(found));
  if (found_width != width)
    fail("column " + name + ": values of " + std::to_string(found_width) + " bytes, expected " + std::to_string(width));
  pos_ += kColumnHeaderBytes;
  const std::uint64_t room = size_ - pos_;
  if (count > room / width)
    fail("column " + name + ": " + std::to_string(count) + " values do not fit in the " + std::to_string(room) +
         " bytes left (truncated or damaged)");
  ColumnView view{tag, data_ + pos_, count};
  const std::uint64_t bytes = count * width;
  const std::uint64_t padded = bytes + (8 - bytes % 8) % 8;
  pos_ += padded > room ? room : padded;
  return view;
}

ColumnView SnapshotReader::next(Column tag, std::uint32_t width, std::uint64_t rows) {
  ColumnView view = next(tag, width);
  if (view.count != rows)
    fail("column " + std::string(to_string(tag)) + ": " + std::to_string(view.count) + " values for " +
         std::to_string(rows) + " rows");
  return view;
}

void SnapshotReader::read_strings() {
  string_offsets_ = next(Column::StringOffsets, 8);
  string_bytes_ = next(Column::StringBytes, 1);
  if (string_offsets_.count == 0) fail_at(string_offsets_, 0, "no offsets (at least one is needed)");
  std::uint64_t previous = 0;
  for (std::uint64_t k = 0; k < string_offsets_.count; ++k) {
    const auto offset = load<std::uint64_t>(string_offsets_.data + 8 * k);
    if ((k == 0 && offset != 0) || offset < previous || offset > string_bytes_.count)
      fail_at(string_offsets_, k, "offset " + std::to_string(offset) + " out of order or past the " +
                                      std::to_string(string_bytes_.count) + " bytes of strings");
    if (k > 0 && !valid_utf8(string_bytes_.data + previous, offset - previous))
      fail_at(string_offsets_, k - 1, "string is not valid UTF-8");
    previous = offset;
  }
  if (previous != string_bytes_.count)
    fail_at(string_offsets_, string_offsets_.count - 1, "the last offset is not the end of the strings");
  string_count_ = string_offsets_.count - 1;
  string_bytes_limit_ = max_network_bytes();
}

bool SnapshotReader::valid_utf8(const char* text, std::uint64_t size) {
  const auto* s = reinterpret_cast<const unsigned char*>(text);
  std::uint64_t i = 0;
  while (i < size) {
    if (size - i >= 8) {  // the common case: ASCII, eight bytes at a time
      std::uint64_t word;
      std::memcpy(&word, s + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::uint64_t length = 0;
    std::uint32_t code = 0, least = 0;
    if (c >= 0xC2 && c <= 0xDF) length = 2, code = c & 0x1F, least = 0x80;
    else if (c >= 0xE0 && c <= 0xEF) length = 3, code = c & 0x0F, least = 0x800;
    else if (c >= 0xF0 && c <= 0xF4) length = 4, code = c & 0x07, least = 0x10000;
    else return false;
    if (size - i < length) return false;
    for (std::uint64_t k = 1; k < length; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      code = (code << 6) | (s[i + k] & 0x3F);
    }
    if (code < least || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

std::string SnapshotReader::string_at(const ColumnView& column, std::uint64_t row, std::uint32_t index) const {
  if (index >= string_count_)
    fail_at(column, row, "string index " + std::to_string(index) + " is not below the " +
                             std::to_string(string_count_) + " strings");
  const auto begin = load<std::uint64_t>(string_offsets_.data + 8 * std::uint64_t{index});
  const auto end = load<std::uint64_t>(string_offsets_.data + 8 * (std::uint64_t{index} + 1));
  if ((string_bytes_made_ += end - begin) > string_bytes_limit_)
    fail_at(column, row, "the strings of the network add up to more than the " +
                             std::to_string(string_bytes_limit_ / (1024 * 1024)) + " MiB a network file may have");
  return std::string(string_bytes_.data + begin, end - begin);
}

Csr SnapshotReader::csr(Column offsets_tag, std::uint64_t rows, Column values_tag, std::uint32_t width) {
  Csr list{rows == kAnyRows ? next(offsets_tag, 4) : next(offsets_tag, 4, rows + 1), {}};
  if (list.offsets.count == 0) fail_at(list.offsets, 0, "no offsets (at least one is needed)");
  rows = list.offsets.count - 1;
  list.values = next(values_tag, width);
  std::uint32_t previous = 0;
  for (std::uint64_t k = 0; k <= rows; ++k) {
    const auto offset = list.offsets.get<std::uint32_t>(k);
    if ((k == 0 && offset != 0) || offset < previous || offset > list.values.count)
      fail_at(list.offsets, k, "offset " + std::to_string(offset) + " out of order or past the " +
                                   std::to_string(list.values.count) + " values of " + std::string(to_string(values_tag)));
    previous = offset;
  }
  if (previous != list.values.count)
    fail_at(list.offsets, rows, "the last offset is not the number of values of " + std::string(to_string(values_tag)));
  return list;
}

std::vector<std::string> SnapshotReader::string_list(const Csr& list, std::uint64_t row) const {
  const auto begin = list.offsets.get<std::uint32_t>(row), end = list.offsets.get<std::uint32_t>(row + 1);
  std::vector<std::string> out;
  if (begin == end) return out;
  out.reserve(end - begin);
  for (std::uint32_t k = begin; k < end; ++k) out.push_back(string_at(list.values, k, list.values.get<std::uint32_t>(k)));
  return out;
}

std::uint8_t SnapshotReader::small(const ColumnView& column, std::uint64_t row, std::uint8_t limit,
                                   const char* what, Element element) const {
  const auto value = column.get<std::uint8_t>(row);
  if (value >= limit) fail_at(column, row, "value " + std::to_string(value) + " is not " + what, element);
  return value;
}

OptionalColumn SnapshotReader::optional(Column present, Column values, std::uint32_t width, std::uint64_t rows) {
  OptionalColumn column;
  column.present = next(present, 1, rows);
  column.values = next(values, width);
  return column;
}

void SnapshotReader::all_taken(const OptionalColumn& column) const {
  if (column.next != column.values.count)
    fail_at(column.values, column.next, "a value for no row (" + std::to_string(column.values.count) +
                                            " values, " + std::to_string(column.next) + " rows have one)");
}

}  // namespace detail

Network read_network_snapshot(const char* data, std::size_t size, DiagnosticSink& sink) {
  detail::SnapshotReader reader(data, size, sink);
  Network network = reader.read();
  detail::validate_snapshot_network(network, sink);
  return network;
}

}  // namespace corridor::io
