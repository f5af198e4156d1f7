#pragma once
// OutOfLine<T>: an optional value kept on the heap, for members that are rarely present and
// large (a Distribution is 88 bytes): an absent one costs a pointer, not sizeof(T) + flag.
// Value semantics (copies copy the value) and std::optional's interface, so call sites read
// the same as with std::optional.
//
// OutOfLineString and OutOfLineList<T>: a string or list kept on the heap when not empty, for
// an element's documentation (notes, sources, aliases) that a large generated network leaves
// empty: 8 bytes in the element instead of 32 (std::string) or 24 (std::vector). They read like
// the std::string / std::vector they stand for (and convert to a const reference of one); an
// empty one allocates nothing. Both hold an OutOfLine, whose copies are deep. Like the rest of network.hpp this header compiles as C++17 (the
// LEMON benchmark peer includes it).

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

class OutOfLineString {
 public:
  OutOfLineString() = default;
  OutOfLineString(std::string value) { assign(std::move(value)); }
  OutOfLineString(std::string_view value) { assign(std::string(value)); }
  OutOfLineString(const char* value) { assign(std::string(value)); }
  OutOfLineString& operator=(std::string value) {
    assign(std::move(value));
    return *this;
  }
  OutOfLineString& operator=(std::string_view value) {
    assign(std::string(value));
    return *this;
  }
  OutOfLineString& operator=(const char* value) {
    assign(std::string(value));
    return *this;
  }

  const std::string& str() const { return value_ ? *value_ : none(); }
  operator const std::string&() const { return str(); }
  operator std::string_view() const { return str(); }
  bool empty() const { return !value_; }
  std::size_t size() const { return value_ ? value_->size() : 0; }
  const char* c_str() const { return str().c_str(); }
  const char* data() const { return str().data(); }
  std::string::const_iterator begin() const { return str().begin(); }
  std::string::const_iterator end() const { return str().end(); }
  std::size_t find(std::string_view text, std::size_t from = 0) const { return str().find(text, from); }
  void clear() { value_.reset(); }
  OutOfLineString& operator+=(std::string_view more) {
    if (!more.empty()) {
      if (!value_) value_.emplace();
      value_->append(more);
    }
    return *this;
  }

  friend bool operator==(const OutOfLineString& a, const OutOfLineString& b) { return a.str() == b.str(); }
  friend bool operator==(const OutOfLineString& a, std::string_view b) { return std::string_view(a.str()) == b; }
  friend bool operator==(std::string_view a, const OutOfLineString& b) { return a == std::string_view(b.str()); }
  friend bool operator==(const OutOfLineString& a, const char* b) { return a.str() == b; }
  friend bool operator==(const char* a, const OutOfLineString& b) { return a == b.str(); }
  friend bool operator!=(const OutOfLineString& a, const OutOfLineString& b) { return !(a == b); }
  friend bool operator!=(const OutOfLineString& a, const char* b) { return !(a == b); }
  friend bool operator!=(const char* a, const OutOfLineString& b) { return !(a == b); }
  friend bool operator!=(const OutOfLineString& a, std::string_view b) { return !(a == b); }
  friend bool operator!=(std::string_view a, const OutOfLineString& b) { return !(a == b); }

 private:
  static const std::string& none() {
    static const std::string empty_string;
    return empty_string;
  }
  void assign(std::string value) {
    if (value.empty()) value_.reset();
    else if (value_) *value_ = std::move(value);
    else value_ = std::move(value);
  }

  OutOfLine<std::string> value_;  // never an empty string
};

template <typename T>
class OutOfLineList {
 public:
  using value_type = T;
  using iterator = typename std::vector<T>::iterator;
  using const_iterator = typename std::vector<T>::const_iterator;
  using size_type = std::size_t;

  OutOfLineList() = default;
  OutOfLineList(std::vector<T> items) { assign(std::move(items)); }
  OutOfLineList(std::initializer_list<T> items) { assign(std::vector<T>(items)); }
  OutOfLineList& operator=(std::vector<T> items) {
    assign(std::move(items));
    return *this;
  }
  OutOfLineList& operator=(std::initializer_list<T> items) {
    assign(std::vector<T>(items));
    return *this;
  }

  const std::vector<T>& list() const { return items_ ? *items_ : empty_list(); }
  operator const std::vector<T>&() const { return list(); }
  bool empty() const { return !items_ || items_->empty(); }
  std::size_t size() const { return items_ ? items_->size() : 0; }
  const_iterator begin() const { return list().begin(); }
  const_iterator end() const { return list().end(); }
  auto rbegin() const { return list().rbegin(); }
  auto rend() const { return list().rend(); }
  iterator begin() { return items_ ? items_->begin() : iterator{}; }
  iterator end() { return items_ ? items_->end() : iterator{}; }
  const T& operator[](std::size_t i) const { return (*items_)[i]; }
  T& operator[](std::size_t i) { return (*items_)[i]; }
  const T& front() const { return items_->front(); }
  const T& back() const { return items_->back(); }
  T& front() { return items_->front(); }
  T& back() { return items_->back(); }
  void clear() { items_.reset(); }
  void push_back(T item) { edit().push_back(std::move(item)); }
  template <typename... Args>
  T& emplace_back(Args&&... args) {
    return edit().emplace_back(std::forward<Args>(args)...);
  }
  /// The list itself, to change it (allocated when empty).
  std::vector<T>& edit() {
    if (!items_) items_.emplace();
    return *items_;
  }

  friend bool operator==(const OutOfLineList& a, const OutOfLineList& b) { return a.list() == b.list(); }
  friend bool operator!=(const OutOfLineList& a, const OutOfLineList& b) { return !(a == b); }

 private:
  static const std::vector<T>& empty_list() {
    static const std::vector<T> none;
    return none;
  }
  void assign(std::vector<T> items) {
    if (items.empty()) items_.reset();
    else items_ = std::move(items);
  }

  OutOfLine<std::vector<T>> items_;  // absent when empty, or empty after edit()
};

}  // namespace corridor
