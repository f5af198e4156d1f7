#pragma once
// Private to io: the network snapshot reader's parts (network_snapshot_read.cpp: header,
// columns, strings; network_snapshot_decode.cpp: the rows; snapshot_validate.cpp: the checks
// of the decoded network).

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "io/snapshot_format.hpp"
#include "model/diagnostic.hpp"
#include "model/network.hpp"

namespace corridor::io::detail {

/// A little-endian value at `p` (alignment not needed).
template <typename T>
T load(const char* p) {
  T value;
  std::memcpy(&value, p, sizeof(T));
  return value;
}

/// One column's values, bounds-checked against the file when it was found.
struct ColumnView {
  Column tag = Column::StringOffsets;
  const char* data = nullptr;
  std::uint64_t count = 0;
  template <typename T>
  T get(std::uint64_t row) const {
    return load<T>(data + sizeof(T) * row);  // row < count: the callers' loops
  }
};

/// A list per row: offsets (checked: from 0, non-decreasing, ending at the number of values).
struct Csr {
  ColumnView offsets;
  ColumnView values;
  std::uint32_t begin(std::uint64_t row) const { return offsets.get<std::uint32_t>(row); }
  std::uint32_t end(std::uint64_t row) const { return offsets.get<std::uint32_t>(row + 1); }
};

/// An optional member: presence (a row each) and the present rows' values, taken in order.
struct OptionalColumn {
  ColumnView present;
  ColumnView values;
  std::uint64_t next = 0;  ///< the next value to take
};

/// The element a row belongs to, for messages ("node AKTAU"), made only when one is written.
struct Element {
  const char* kind = nullptr;  ///< "node", "link"; null: none
  const std::string* id = nullptr;
  std::string text() const { return kind ? std::string(kind) + " " + *id : std::string(); }
};

class SnapshotReader {
 public:
  SnapshotReader(const char* data, std::size_t size, DiagnosticSink& sink) : data_(data), size_(size), sink_(sink) {}
  /// The decoded network (network_snapshot_decode.cpp), not yet validated.
  Network read();

  /// E-SNAPSHOT with `message` and the suggestion to re-create the file; always throws.
  [[noreturn]] void fail(const std::string& message, const std::string& element_id = {}) const;
  [[noreturn]] void fail_at(const ColumnView& column, std::uint64_t row, const std::string& problem,
                            Element element = {}) const;

 private:
  void read_header();
  void read_strings();
  /// The next column, which must be `tag` with values of `width` bytes (and `rows` of them).
  ColumnView next(Column tag, std::uint32_t width);
  ColumnView next(Column tag, std::uint32_t width, std::uint64_t rows);
  /// A list column: offsets (`rows` + 1 of them; any number when rows is kAnyRows) and values.
  static constexpr std::uint64_t kAnyRows = ~std::uint64_t{0};
  Csr csr(Column offsets_tag, std::uint64_t rows, Column values_tag, std::uint32_t width);
  std::string string_at(const ColumnView& column, std::uint64_t row, std::uint32_t index) const;
  std::string string(const ColumnView& column, std::uint64_t row) const {
    return string_at(column, row, column.get<std::uint32_t>(row));
  }
  std::vector<std::string> string_list(const Csr& list, std::uint64_t row) const;
  /// An enum or bool stored as u8: below `limit`.
  std::uint8_t small(const ColumnView& column, std::uint64_t row, std::uint8_t limit, const char* what,
                     Element element = {}) const;
  /// An optional's two columns, and its value in a row (the next value when the row has one).
  OptionalColumn optional(Column present, Column values, std::uint32_t width, std::uint64_t rows);
  template <typename T>
  std::optional<T> take(OptionalColumn& column, std::uint64_t row, Element element) const {
    if (!small(column.present, row, 2, "0 or 1", element)) return std::nullopt;
    if (column.next >= column.values.count)
      fail_at(column.values, column.next, "more rows have a value than there are values", element);
    const T value = column.values.get<T>(column.next);
    if (PackedAbsence<T>::is(value))  // NaN or the least integer: a value no element holds (model/packed_optional.hpp)
      fail_at(column.values, column.next, "a value marked present is NaN or the least integer", element);
    ++column.next;
    return value;
  }
  /// After the last row: every value was taken.
  void all_taken(const OptionalColumn& column) const;
  /// A distribution, delay function or timetable, when the row's presence column says so: the
  /// next row of its table.
  template <typename T>
  void take_row(const ColumnView& present, std::uint64_t row, const std::vector<T>& table, std::size_t& next,
                OutOfLine<T>& out, Element element) const {
    if (!small(present, row, 2, "0 or 1", element)) return;
    if (next >= table.size()) fail_at(present, row, "more elements refer to the table than it has rows", element);
    out = table[next++];
  }
  static std::string hex(std::uint64_t value);
  static bool valid_utf8(const char* text, std::uint64_t size);

  // The rows (network_snapshot_decode.cpp).
  void read_network(Network& network);
  void read_resources(Network& network);
  void read_distributions();
  void read_delays();
  void read_schedules();
  void read_nodes(Network& network);
  void read_links(Network& network);
  std::vector<ResourceUse> uses(const Csr& resources, const ColumnView& factors, std::uint64_t row) const;

  const char* data_;
  std::uint64_t size_;
  DiagnosticSink& sink_;
  std::uint64_t pos_ = 0;
  ColumnView string_offsets_, string_bytes_;
  std::uint64_t string_count_ = 0;
  /// Bytes of strings made so far, and their limit: a string is stored once however often it
  /// is used, so a small file could otherwise ask for any amount of memory. The limit is the
  /// network file limit (max_network_bytes): the JSON of such a network would be refused too.
  mutable std::uint64_t string_bytes_made_ = 0;
  std::uint64_t string_bytes_limit_ = 0;
  std::vector<Distribution> distributions_;
  std::vector<DelayFunction> delays_;
  std::vector<WeeklySchedule> schedules_;
  std::size_t next_distribution_ = 0, next_delay_ = 0, next_schedule_ = 0;  ///< the next rows to take
};

/// The checks the JSON reader makes of every node, link and resource, on a decoded snapshot
/// (snapshot_validate.cpp); throws InputError with every problem, leaves warnings in `sink`.
void validate_snapshot_network(Network& network, DiagnosticSink& sink);

}  // namespace corridor::io::detail
