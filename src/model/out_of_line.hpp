#pragma once
// OutOfLine<T>: an optional value kept on the heap, for members that are rarely present and
// large (a Distribution is 88 bytes): an absent one costs a pointer, not sizeof(T) + flag.
// Value semantics (copies copy the value) and std::optional's interface, so call sites read
// the same as with std::optional.

#include <memory>
#include <optional>
#include <utility>

namespace corridor {

template <typename T>
class OutOfLine {
 public:
  OutOfLine() = default;
  OutOfLine(std::nullopt_t) {}
  OutOfLine(T value) : value_(std::make_unique<T>(std::move(value))) {}
  OutOfLine(const std::optional<T>& value) {
    if (value) value_ = std::make_unique<T>(*value);
  }
  OutOfLine(const OutOfLine& other) : value_(other.value_ ? std::make_unique<T>(*other.value_) : nullptr) {}
  OutOfLine(OutOfLine&&) noexcept = default;
  OutOfLine& operator=(const OutOfLine& other) {
    if (this != &other) value_ = other.value_ ? std::make_unique<T>(*other.value_) : nullptr;
    return *this;
  }
  OutOfLine& operator=(OutOfLine&&) noexcept = default;
  OutOfLine& operator=(std::nullopt_t) {
    value_.reset();
    return *this;
  }
  OutOfLine& operator=(T value) {
    value_ = std::make_unique<T>(std::move(value));
    return *this;
  }
  OutOfLine& operator=(const std::optional<T>& value) {
    value_ = value ? std::make_unique<T>(*value) : nullptr;
    return *this;
  }

  bool has_value() const { return value_ != nullptr; }
  explicit operator bool() const { return has_value(); }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }
  T* operator->() { return value_.get(); }
  const T* operator->() const { return value_.get(); }
  T& value() {
    if (!value_) throw std::bad_optional_access();
    return *value_;
  }
  const T& value() const {
    if (!value_) throw std::bad_optional_access();
    return *value_;
  }
  void reset() { value_.reset(); }
  template <typename... Args>
  T& emplace(Args&&... args) {
    value_ = std::make_unique<T>(std::forward<Args>(args)...);
    return *value_;
  }

  friend bool operator==(const OutOfLine& a, const OutOfLine& b) {
    if (!a.value_ || !b.value_) return !a.value_ && !b.value_;
    return *a.value_ == *b.value_;
  }
  friend bool operator==(const OutOfLine& a, std::nullopt_t) { return !a.value_; }

 private:
  std::unique_ptr<T> value_;
};

}  // namespace corridor
