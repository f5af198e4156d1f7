#pragma once
// PackedOptional<T>: an optional number that costs only the number, absence being a value no
// element can hold (NaN for doubles, the least integer for integers). For the many optional
// figures of every node and link (capacity, costs, sailings...), which std::optional doubles in
// size with its flag and padding: 8 bytes instead of 16 each (docs/performance.md, peak memory).
// std::optional's interface and conversions both ways, so call sites read the same. Like the
// rest of network.hpp this header compiles as C++17 (the LEMON benchmark peer includes it).

#include <cassert>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <type_traits>

namespace corridor {

/// The value that stands for "absent" in a PackedOptional<T>.
template <typename T>
struct PackedAbsence {
  static_assert(std::is_integral_v<T>, "PackedOptional holds integers or doubles");
  static constexpr T value() { return std::numeric_limits<T>::min(); }
  static constexpr bool is(T v) { return v == std::numeric_limits<T>::min(); }
};
template <>
struct PackedAbsence<double> {
  static constexpr double value() { return std::numeric_limits<double>::quiet_NaN(); }
  static bool is(double v) { return std::isnan(v); }
};

template <typename T>
class PackedOptional {
  using Absence = PackedAbsence<T>;

 public:
  using value_type = T;
  constexpr PackedOptional() = default;
  constexpr PackedOptional(std::nullopt_t) {}
  /// Not NaN (nor the least integer): that would read as absent. Readers refuse such values
  /// with their diagnostics before they get here, so one is a bug.
  PackedOptional(T value) : value_(value) { assert(!Absence::is(value)); }
  PackedOptional(const std::optional<T>& value) : value_(value ? *value : Absence::value()) {}
  PackedOptional& operator=(std::nullopt_t) {
    value_ = Absence::value();
    return *this;
  }
  PackedOptional& operator=(T value) {
    assert(!Absence::is(value));
    value_ = value;
    return *this;
  }
  PackedOptional& operator=(const std::optional<T>& value) {
    value_ = value ? *value : Absence::value();
    return *this;
  }
  operator std::optional<T>() const { return has_value() ? std::optional<T>(value_) : std::nullopt; }

  bool has_value() const { return !Absence::is(value_); }
  explicit operator bool() const { return has_value(); }
  const T& operator*() const { return value_; }
  T& operator*() { return value_; }
  const T& value() const {
    if (!has_value()) throw std::bad_optional_access();
    return value_;
  }
  template <typename U>
  T value_or(U fallback) const {
    return has_value() ? value_ : static_cast<T>(fallback);
  }
  void reset() { value_ = Absence::value(); }
  T& emplace(T value) {
    assert(!Absence::is(value));
    return value_ = value;
  }

  friend bool operator==(const PackedOptional& a, const PackedOptional& b) {
    return a.has_value() == b.has_value() && (!a.has_value() || a.value_ == b.value_);
  }
  friend bool operator!=(const PackedOptional& a, const PackedOptional& b) { return !(a == b); }
  friend bool operator==(const PackedOptional& a, std::nullopt_t) { return !a.has_value(); }
  friend bool operator!=(const PackedOptional& a, std::nullopt_t) { return a.has_value(); }

 private:
  T value_ = Absence::value();
};

}  // namespace corridor
