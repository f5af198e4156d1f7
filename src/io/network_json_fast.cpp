// The fast network reader (docs/performance.md): simdjson On-Demand over the whole text, for
// well-formed networks only; anything else is left to the diagnosing reader (network_json.cpp).

#include <cmath>
#include <cstdint>
#include <string>
#include <unordered_map>

#include <simdjson.h>

#include "io/element_json.hpp"
#include "io/fast_object_reader.hpp"
#include "io/huge_pages.hpp"
#include "io/network_json.hpp"
#include "io/network_reading.hpp"
#include "model/validate.hpp"

namespace corridor::io {
namespace {

using detail::json;
using detail::DecodedMember;
using detail::FastObjectReader;
using detail::FastPathDeferred;
using detail::ObjectReader;
using detail::read_network_header;
using detail::reserve_elements;

/// The fast reader: simdjson On-Demand over the whole text, each node and link decoded into
/// a few DecodedMembers and read by the same read_node / read_link as the diagnosing reader
/// (through FastObjectReader), checked by the same model checks, and added straight to the
/// network. It handles only the plain case: at the first problem of any kind (a syntax error,
/// a wrong type, an unknown key, a check that would report anything, links before nodes) it
/// throws FastPathDeferred and reports nothing, and the diagnosing reader reads the text.
class FastNetworkReader {
 public:
  /// Gives back, as it reads them, the pages of the node and link lists of the text (see
  /// parse_network_fast_releasing); `released()` then says whether any were.
  void release_text_as_read() { release_ = true; }
  bool released() const { return released_; }

  /// `text` must stay readable for SIMDJSON_PADDING bytes past its end (`capacity` in all).
  Network read(const char* text, std::size_t size, std::size_t capacity) {
    reserve_elements(network_, size);
    simdjson::ondemand::document document = need(parser_.iterate(text, size, capacity));
    document_ = &document;
    simdjson::ondemand::object top = need(document.get_object());
    bool seen_nodes = false, seen_links = false;
    for (auto field_result : top) {
      simdjson::ondemand::field field = need(std::move(field_result));
      const std::string_view key = plain(need(field.unescaped_key()));
      DecodedMember& member = top_members_.emplace_back();
      member.key = key;
      if (key == "nodes" || key == "links") {
        const bool nodes = key == "nodes";
        if (seen_links || (nodes ? seen_nodes : !seen_nodes)) throw FastPathDeferred{};  // links first, or twice
        (nodes ? seen_nodes : seen_links) = true;
        simdjson::ondemand::array elements = need(field.value().get_array());
        list_start_ = need(document.current_location());
        if (nodes) read_nodes(elements);
        else read_links(elements);
        member.kind = DecodedMember::Kind::Json;
        member.value = json::array();  // what the header reader sees: an array
        member.value_made = true;
      } else {
        decode(field.value(), member, top_strings_, 1);
      }
    }
    if (!seen_links) throw FastPathDeferred{};
    // Nothing may follow the network object (the location of the end is an error).
    if (!document.current_location().error()) throw FastPathDeferred{};
    FastObjectReader reader(top_members_, top_strings_, scratch_);
    read_network_header(reader, network_, scratch_);
    reader.member("nodes");
    reader.member("links");
    reader.finish();
    if (needs_tonnes_per_teu_ && !network_.tonnes_per_teu) throw FastPathDeferred{};
    for (const Node& node : network_.nodes)
      if (!node.uses.empty()) check_resource_references(network_.resources, node.uses, {}, {}, scratch_);
    for (const Link& link : network_.links)
      if (!link.uses.empty()) check_resource_references(network_.resources, link.uses, {}, {}, scratch_);
    if (!scratch_.diagnostics().empty()) throw FastPathDeferred{};
    return std::move(network_);
  }

 private:
  template <typename T>
  static T need(simdjson::simdjson_result<T>&& result) {
    T value;
    if (std::move(result).get(value) != simdjson::SUCCESS) throw FastPathDeferred{};
    return value;
  }

  /// A string as nlohmann would accept it: simdjson does not refuse control characters left
  /// unescaped, so any string holding one (escaped or not: rare) is left to the diagnosing reader.
  static std::string_view plain(std::string_view text) {
    for (const char c : text)
      if (static_cast<unsigned char>(c) < 0x20) throw FastPathDeferred{};
    return text;
  }

  /// Every kReleaseEvery elements of a list: gives back the text read of it (release_pages;
  /// only within the list, which nothing reads again once its elements are added, unlike the
  /// top-level members around it, whose strings the header reader takes later).
  static constexpr std::size_t kReleaseEvery = 4096;
  void release_read_text(std::size_t element) {
    if (!release_ || element % kReleaseEvery != kReleaseEvery - 1) return;
    const char* at = need(document_->current_location());
    released_ |= release_pages(list_start_, at);
  }

  void read_nodes(simdjson::ondemand::array elements) {
    std::size_t count = 0;
    for (auto element : elements) {
      release_read_text(count++);
      decode_object(need(std::move(element)));
      FastObjectReader reader(members_, strings_, scratch_);
      Node node;
      fields_.clear();
      detail::read_node(reader, node, true, fields_);
      check_node_values(node, no_pointer_, scratch_);
      settle_distribution_means(node, fields_, no_pointer_, scratch_);
      if (!scratch_.diagnostics().empty() || node.id.empty()) throw FastPathDeferred{};
      if (!network_.add_node(std::move(node)).second) throw FastPathDeferred{};  // a duplicate id
    }
  }

  void read_links(simdjson::ondemand::array elements) {
    std::size_t count = 0;
    for (auto element : elements) {
      release_read_text(count++);
      decode_object(need(std::move(element)));
      FastObjectReader reader(members_, strings_, scratch_);
      LinkDraft draft;
      fields_.clear();
      detail::read_link(reader, draft, true, fields_);
      check_link_values(draft.link, no_pointer_, scratch_);
      settle_link_schedule(draft.link, fields_, no_pointer_, scratch_);
      if (!scratch_.diagnostics().empty() || draft.link.id.empty()) throw FastPathDeferred{};
      if (draft.link.cost_usd_per_teu) needs_tonnes_per_teu_ = true;
      const auto from = network_.find_node(draft.from_id);
      const auto to = network_.find_node(draft.to_id);
      if (!from || !to || *from == *to) throw FastPathDeferred{};
      draft.link.from = *from;
      draft.link.to = *to;
      if (!network_.add_link(std::move(draft.link)).second) throw FastPathDeferred{};  // a duplicate id
    }
  }

  /// One node or link: its members into members_ (and strings_), in document order.
  void decode_object(simdjson::ondemand::value element) {
    members_.clear();
    strings_.clear();
    simdjson::ondemand::object object = need(element.get_object());
    for (auto field_result : object) {
      simdjson::ondemand::field field = need(std::move(field_result));
      DecodedMember& member = members_.emplace_back();
      member.key = plain(need(field.unescaped_key()));
      decode(field.value(), member, strings_, 2);
    }
  }

  /// A member's value: scalars and arrays of strings as they are, the rest as a JSON value.
  void decode(simdjson::ondemand::value value, DecodedMember& member, std::vector<std::string_view>& strings,
              int depth) {
    using Type = simdjson::ondemand::json_type;
    switch (need(value.type())) {
      case Type::null:
        if (!need(value.is_null())) throw FastPathDeferred{};
        member.kind = DecodedMember::Kind::Null;
        return;
      case Type::boolean:
        member.boolean = need(value.get_bool());
        member.kind = DecodedMember::Kind::Boolean;
        return;
      case Type::number:
        if (number_is_integer(value)) {
          member.integer = need(value.get_int64());
          member.kind = DecodedMember::Kind::Integer;
        } else {
          member.number = float_number(value);
          member.kind = DecodedMember::Kind::Float;
        }
        return;
      case Type::string:
        member.text = plain(need(value.get_string()));
        member.kind = DecodedMember::Kind::String;
        return;
      case Type::array: {
        const std::size_t first = strings.size();
        json items;  // made at the first element that is not a string
        bool only_strings = true;
        for (auto item_result : need(value.get_array())) {
          simdjson::ondemand::value item = need(std::move(item_result));
          if (only_strings) {
            if (need(item.type()) == Type::string) {
              strings.push_back(plain(need(item.get_string())));
              continue;
            }
            only_strings = false;
            items = json::array();
            for (std::size_t i = first; i < strings.size(); ++i) items.push_back(std::string(strings[i]));
            strings.resize(first);
          }
          items.push_back(to_json(item, depth + 1));
        }
        if (only_strings) {
          member.first_string = first;
          member.string_count = strings.size() - first;
          member.kind = DecodedMember::Kind::Strings;
        } else {
          member.value = std::move(items);
          member.value_made = true;
          member.kind = DecodedMember::Kind::Json;
        }
        return;
      }
      case Type::object:
        member.value = to_json(value, depth);
        member.value_made = true;
        member.kind = DecodedMember::Kind::Json;
        return;
    }
    throw FastPathDeferred{};
  }

  /// Whether a number is one nlohmann reads as a whole number (int64 here; larger ones defer).
  static bool number_is_integer(simdjson::ondemand::value& value) {
    switch (need(value.get_number_type())) {
      case simdjson::ondemand::number_type::signed_integer: return true;
      case simdjson::ondemand::number_type::floating_point_number: return false;
      default: throw FastPathDeferred{};  // beyond int64: left to the diagnosing reader
    }
  }

  /// simdjson reads "-0" as the float -0.0 where nlohmann reads the integer 0: a negative zero
  /// (written either way) is left to the diagnosing reader.
  static double float_number(simdjson::ondemand::value& value) {
    const double number = need(value.get_double());
    if (number == 0.0 && std::signbit(number)) throw FastPathDeferred{};
    return number;
  }

  /// A nested value (a delay, a distribution, uses, waypoints) as nlohmann builds it; a key
  /// given twice is left to the diagnosing reader (E-DUPLICATE-KEY).
  json to_json(simdjson::ondemand::value value, int depth) {
    if (depth > detail::kMaxNestingDepth) throw FastPathDeferred{};
    using Type = simdjson::ondemand::json_type;
    switch (need(value.type())) {
      case Type::null:
        if (!need(value.is_null())) throw FastPathDeferred{};
        return json(nullptr);
      case Type::boolean: return json(need(value.get_bool()));
      case Type::number:
        if (number_is_integer(value)) return json(need(value.get_int64()));
        return json(float_number(value));
      case Type::string: return json(std::string(plain(need(value.get_string()))));
      case Type::array: {
        json items = json::array();
        for (auto item : need(value.get_array())) items.push_back(to_json(need(std::move(item)), depth + 1));
        return items;
      }
      case Type::object: {
        json object = json::object();
        for (auto field_result : need(value.get_object())) {
          simdjson::ondemand::field field = need(std::move(field_result));
          const std::string key(plain(need(field.unescaped_key())));
          if (object.contains(key)) throw FastPathDeferred{};
          object[key] = to_json(field.value(), depth + 1);
        }
        return object;
      }
    }
    throw FastPathDeferred{};
  }

  simdjson::ondemand::parser parser_;
  Network network_;
  std::vector<DecodedMember> top_members_, members_;  ///< members_: reused for every element
  std::vector<std::string_view> top_strings_, strings_;
  DiagnosticSink scratch_;  ///< anything reported here defers
  FieldList fields_;
  const std::string no_pointer_;
  bool needs_tonnes_per_teu_ = false;
  simdjson::ondemand::document* document_ = nullptr;
  const char* list_start_ = nullptr;  ///< where the node or link list being read starts
  bool release_ = false, released_ = false;
};

}  // namespace

std::optional<Network> parse_network_fast_releasing(std::string& text, std::size_t release_from_bytes,
                                                    bool& text_released) {
  text_released = false;
  if (text.size() < release_from_bytes || text.capacity() - text.size() < simdjson::SIMDJSON_PADDING)
    return parse_network_fast(text);
  FastNetworkReader reader;
  reader.release_text_as_read();
  std::optional<Network> network;
  try {
    network = reader.read(text.data(), text.size(), text.capacity());
  } catch (const FastPathDeferred&) {
  }
  text_released = reader.released();
  return network;
}

std::optional<Network> parse_network_fast(const std::string& text) {
  try {
    if (text.capacity() - text.size() >= simdjson::SIMDJSON_PADDING)
      return FastNetworkReader().read(text.data(), text.size(), text.capacity());
    const simdjson::padded_string padded(text);
    return FastNetworkReader().read(padded.data(), padded.size(), padded.size() + simdjson::SIMDJSON_PADDING);
  } catch (const FastPathDeferred&) {
    return std::nullopt;
  }
}

}  // namespace corridor::io
