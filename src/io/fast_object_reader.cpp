#include "io/fast_object_reader.hpp"

#include <string_view>
#include <unordered_set>

namespace corridor::io::detail {

DecodedMember* FastObjectReader::find(std::string_view key) const {
  for (DecodedMember& member : members_)
    if (member.key == key) return &member;
  return nullptr;
}

DecodedMember* FastObjectReader::take(std::string_view key, bool required) {
  DecodedMember* member = find(key);
  if (!member) {
    if (required) throw FastPathDeferred{};
    return nullptr;
  }
  member->used = true;
  return member;
}

const json* FastObjectReader::member(std::string_view key) {
  DecodedMember* member = take(key, false);
  if (!member) return nullptr;
  if (!member->value_made) {
    switch (member->kind) {
      case DecodedMember::Kind::Null: member->value = nullptr; break;
      case DecodedMember::Kind::Boolean: member->value = member->boolean; break;
      case DecodedMember::Kind::Integer: member->value = member->integer; break;
      case DecodedMember::Kind::Float: member->value = member->number; break;
      case DecodedMember::Kind::String: member->value = std::string(member->text); break;
      case DecodedMember::Kind::Strings:
        member->value = json::array();
        for (std::size_t i = 0; i < member->string_count; ++i)
          member->value.push_back(std::string(strings_[member->first_string + i]));
        break;
      case DecodedMember::Kind::Json: break;
    }
    member->value_made = true;
  }
  return &member->value;
}

std::optional<std::string> FastObjectReader::string(std::string_view key, bool required) {
  const DecodedMember* member = take(key, required);
  if (!member) return std::nullopt;
  if (member->kind != DecodedMember::Kind::String) throw FastPathDeferred{};
  return std::string(member->text);
}

std::optional<double> FastObjectReader::number(std::string_view key, bool required) {
  const DecodedMember* member = take(key, required);
  if (!member) return std::nullopt;
  if (member->kind == DecodedMember::Kind::Float) return member->number;
  if (member->kind == DecodedMember::Kind::Integer) return static_cast<double>(member->integer);
  throw FastPathDeferred{};
}

std::optional<std::int64_t> FastObjectReader::integer(std::string_view key, bool required) {
  const DecodedMember* member = take(key, required);
  if (!member) return std::nullopt;
  if (member->kind == DecodedMember::Kind::Integer) return member->integer;
  if (member->kind == DecodedMember::Kind::Float)
    if (auto whole = whole_number(member->number)) return whole;
  throw FastPathDeferred{};
}

std::optional<std::optional<std::int64_t>> FastObjectReader::nullable_integer(std::string_view key) {
  if (const DecodedMember* member = find(key); member && member->kind == DecodedMember::Kind::Null) {
    take(key, false);
    return std::optional<std::int64_t>{};
  }
  auto result = integer(key, false);
  if (!result) return std::nullopt;
  return std::optional<std::int64_t>{*result};
}

std::optional<bool> FastObjectReader::boolean(std::string_view key) {
  const DecodedMember* member = take(key, false);
  if (!member) return std::nullopt;
  if (member->kind != DecodedMember::Kind::Boolean) throw FastPathDeferred{};
  return member->boolean;
}

std::optional<std::vector<std::string>> FastObjectReader::strings(std::string_view key, bool required,
                                                                  bool allow_single) {
  const DecodedMember* member = take(key, required);
  if (!member) return std::nullopt;
  if (allow_single && member->kind == DecodedMember::Kind::String)
    return std::vector<std::string>{std::string(member->text)};
  if (member->kind != DecodedMember::Kind::Strings) throw FastPathDeferred{};
  std::vector<std::string> out;
  out.reserve(member->string_count);
  for (std::size_t i = 0; i < member->string_count; ++i) out.emplace_back(strings_[member->first_string + i]);
  return out;
}

void FastObjectReader::accept(std::initializer_list<std::string_view> keys) {
  for (std::string_view key : keys) take(key, false);
}

void FastObjectReader::finish() {
  // A key read twice stays unused the second time (find takes the first); an annotation ("x-")
  // given twice is a repeated key too (E-DUPLICATE-KEY): both are the diagnosing reader's.
  std::unordered_set<std::string_view> annotations;  // filled only when an element has some
  for (const DecodedMember& member : members_) {
    if (member.used) continue;
    if (member.key.rfind("x-", 0) != 0 || !annotations.insert(member.key).second) throw FastPathDeferred{};
  }
  if (!scratch_.diagnostics().empty()) throw FastPathDeferred{};
}

}  // namespace corridor::io::detail
