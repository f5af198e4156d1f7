#pragma once
// One table per enum: the names of its values, from which its text form (`to_string`), its
// parsing (`parse<E>`) and its lists of names (`names<E>`, `joined_names<E>`, for "expected one
// of ..." messages and the command line's choices) are all derived.
//
// Beside each enum that has names:
//
//   inline constexpr EnumName<Mode> kModeNames[] = {{Mode::Rail, "rail"}, ...};
//   static_assert(enum_table_valid(kModeNames));
//   constexpr const auto& enum_table(Mode) { return kModeNames; }
//
// `enum_table` is found by argument-dependent lookup, so it is declared in the enum's namespace.
// A table lists every enumerator once, in the order of the enum (the static_assert checks the
// order and that names are distinct and not empty), so a value's name is an index.

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace corridor {

template <class E>
struct EnumName {
  E value;
  std::string_view name;
};

/// True when `table` lists the enumerators 0, 1, 2, ... in order, with distinct, non-empty names.
template <class E, std::size_t N>
constexpr bool enum_table_valid(const EnumName<E> (&table)[N]) {
  for (std::size_t i = 0; i < N; ++i) {
    if (static_cast<std::size_t>(table[i].value) != i || table[i].name.empty()) return false;
    for (std::size_t j = 0; j < i; ++j)
      if (table[j].name == table[i].name) return false;
  }
  return true;
}
#if __cplusplus >= 202002L  // the helpers below; C++17 peers (LEMON, tests) see the tables only
/// An enum with a table (`enum_table(E)` declared beside it).
template <class E>
concept NamedEnum = std::is_enum_v<E> && requires(E e) { enum_table(e)[0].name; };

/// The name of `value` in its table.
template <NamedEnum E>
constexpr std::string_view to_string(E value) {
  const auto& table = enum_table(value);
  const auto i = static_cast<std::size_t>(value);
  if (i >= std::size(table)) throw std::logic_error("an enum value without a name in its table");
  return table[i].name;
}

/// The value named `text` (exact spelling), std::nullopt for any other text.
template <NamedEnum E>
constexpr std::optional<E> parse(std::string_view text) {
  for (const auto& entry : enum_table(E{}))
    if (entry.name == text) return entry.value;
  return std::nullopt;
}

/// Every value's name, in the order of the enum.
template <NamedEnum E>
std::vector<std::string> names() {
  std::vector<std::string> out;
  for (const auto& entry : enum_table(E{})) out.emplace_back(entry.name);
  return out;
}

/// Every value's name in the order of the enum, joined: "rail, ferry, road, sea".
template <NamedEnum E>
std::string joined_names(std::string_view separator = ", ") {
  std::string out;
  for (const auto& entry : enum_table(E{})) {
    if (!out.empty()) out += separator;
    out += entry.name;
  }
  return out;
}
#endif
}  // namespace corridor
