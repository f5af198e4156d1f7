#include "io/network_json.hpp"

#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <new>
#include <unordered_map>

#include <simdjson.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/element_json.hpp"
#include "io/network_reading.hpp"
#include "io/network_snapshot.hpp"
#include "io/text_file.hpp"
#include "model/validate.hpp"

namespace corridor::io {
namespace {

using detail::json;
using detail::ObjectReader;
using detail::kMinElementBytes;
using detail::read_network_header;
using detail::reserve_elements;
using detail::repeated_key_message;

/// Builds one JSON value from SAX events without recursion (like nlohmann's DOM parser), and
/// notes each key given twice in one object (the value kept is the last, but the value is not
/// read: every repeated key is an E-DUPLICATE-KEY).
class ValueBuilder {
 public:
  bool building() const { return !stack_.empty(); }
  void set_key(std::string key) { key_ = std::move(key); }
  /// Opens an array or object; the value is complete when close() returns true.
  void open(json::value_t type) {
    const std::string segment = stack_.empty() ? std::string() : "/" + segment_in_parent();
    stack_.push_back(put(json(type)));
    paths_.push_back(paths_.empty() ? segment : paths_.back() + segment);
  }
  bool close() {
    stack_.pop_back();
    paths_.pop_back();
    return stack_.empty();
  }
  /// Adds a scalar inside the open value, or makes it the whole value; true when complete.
  bool scalar(json value) {
    put(std::move(value));
    return stack_.empty();
  }
  json take() { return std::move(root_); }
  /// JSON Pointers, relative to the value, of the keys given twice in it (cleared by the call).
  std::vector<std::string> take_repeated_keys() { return std::exchange(repeated_, {}); }

 private:
  std::string segment_in_parent() const {
    const json& parent = *stack_.back();
    return parent.is_array() ? std::to_string(parent.size()) : detail::pointer_key(key_);
  }
  json* put(json value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    json& parent = *stack_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(value));
      return &parent.back();
    }
    if (parent.contains(key_)) repeated_.push_back(paths_.back() + "/" + detail::pointer_key(key_));
    json& slot = parent[key_];
    slot = std::move(value);
    return &slot;
  }

  json root_;
  std::vector<json*> stack_;
  std::vector<std::string> paths_;  ///< per open value: its pointer relative to the root
  std::string key_;
  std::vector<std::string> repeated_;
};

/// Reads a network from SAX events, one node or link at a time: each element of /nodes and
/// /links is collected into a small JSON value, read (ObjectReader, read_node, read_link)
/// and dropped, so neither the text nor a whole document is ever held. The diagnostics are
/// those (and in the order) of reading the whole document: top-level problems first, then
/// nodes, then links, links resolved against every node wherever they stand in the file.
class NetworkStream : public nlohmann::json_sax<json> {
 public:
  /// `text_bytes`: the size of the text, which bounds the number of elements.
  NetworkStream(DiagnosticSink& sink, std::size_t text_bytes)
      : sink_(sink), node_sink_(sink.file()), link_sink_(sink.file()) {
    node_sink_.allow_unknown_keys(sink.unknown_keys_allowed());  // the caller's policy for every element
    link_sink_.allow_unknown_keys(sink.unknown_keys_allowed());
    reserve_elements(network_, text_bytes);
    const std::size_t most_elements = text_bytes / kMinElementBytes;
    try {
      node_position_.reserve(most_elements);
      link_position_.reserve(most_elements);
    } catch (const std::bad_alloc&) {
    }
  }

  bool too_deep() const { return too_deep_; }
  /// What nlohmann reported when the parse failed (not when too_deep()).
  const nlohmann::detail::exception* failure() const { return error_.get(); }
  std::size_t failed_at() const { return failed_at_; }

  bool null() override { return scalar(json(nullptr)); }
  bool boolean(bool value) override { return scalar(json(value)); }
  bool number_integer(number_integer_t value) override { return scalar(json(value)); }
  bool number_unsigned(number_unsigned_t value) override { return scalar(json(value)); }
  bool number_float(number_float_t value, const string_t&) override { return scalar(json(value)); }
  bool string(string_t& value) override { return scalar(json(std::move(value))); }
  bool binary(binary_t& value) override { return scalar(json(std::move(value))); }
  bool start_object(std::size_t) override { return open(json::value_t::object); }
  bool start_array(std::size_t) override { return open(json::value_t::array); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(string_t& name) override {
    if (depth_ == 1) {
      top_key_ = name;
      return true;
    }
    if (builder_.building()) builder_.set_key(std::move(name));
    return true;
  }
  bool parse_error(std::size_t byte, const std::string&, const nlohmann::detail::exception& error) override {
    failed_at_ = byte;
    if (const auto* e = dynamic_cast<const json::parse_error*>(&error))
      error_ = std::make_unique<json::parse_error>(*e);
    else if (const auto* o = dynamic_cast<const json::out_of_range*>(&error))
      error_ = std::make_unique<json::out_of_range>(*o);
    else
      error_ = std::make_unique<json::other_error>(json::other_error::create(0, error.what(), nullptr));
    return false;
  }

  /// After a complete parse: the top-level checks, then every diagnostic in document order.
  Network finish() {
    flush_waiting_links();
    const json not_an_object(root_type_);  // only its type is used, for the message
    ObjectReader top(root_type_ == json::value_t::object ? top_ : not_an_object, "", sink_, "network file");
    if (!top.is_object()) sink_.throw_if_errors();
    read_network_header(top, network_, sink_);
    const json* nodes = top.member("nodes");
    const json* links = top.member("links");
    if (!nodes) sink_.error("E-MISSING-KEY", "", "network file is missing required key \"nodes\"");
    else if (!nodes->is_array())
      sink_.error("E-TYPE", "/nodes", "nodes must be an array, got " + detail::type_name(*nodes));
    if (!links) sink_.error("E-MISSING-KEY", "", "network file is missing required key \"links\"");
    else if (!links->is_array())
      sink_.error("E-TYPE", "/links", "links must be an array, got " + detail::type_name(*links));
    top.finish();
    for (auto& d : repeated_keys_) sink_.add(std::move(d));

    for (auto& d : node_sink_.take()) sink_.add(std::move(d));
    // Links read before tonnes_per_teu was known get their cost_usd_per_teu error here, in place.
    std::vector<Diagnostic> link_diagnostics = link_sink_.take();
    std::size_t next = 0;
    for (const PendingTeuCheck& check : pending_teu_checks_) {
      for (; next < check.position; ++next) sink_.add(std::move(link_diagnostics[next]));
      if (!network_.tonnes_per_teu)
        sink_.error("E-MISSING-KEY", check.pointer + "/cost_usd_per_teu",
                    "cost_usd_per_teu needs the network's \"tonnes_per_teu\" to convert it to USD per tonne",
                    "link " + check.link_id);
    }
    for (; next < link_diagnostics.size(); ++next) sink_.add(std::move(link_diagnostics[next]));
    check_uses();
    sink_.throw_if_errors();
    return std::move(network_);  // no shrink_to_fit: it would copy, and the unused reserve is not resident
  }

 private:
  /// Every resource a node or link uses must be in the resources list (which may come last).
  void check_uses() {
    for (std::size_t n = 0; n < network_.nodes.size(); ++n)
      if (!network_.nodes[n].uses.empty())
        check_resource_references(network_.resources, network_.nodes[n].uses,
                                  "/nodes/" + std::to_string(node_position_[n]), "node " + network_.nodes[n].id,
                                  sink_);
    for (std::size_t l = 0; l < network_.links.size(); ++l)
      if (!network_.links[l].uses.empty())
        check_resource_references(network_.resources, network_.links[l].uses,
                                  "/links/" + std::to_string(link_position_[l]), "link " + network_.links[l].id,
                                  sink_);
  }

  enum class Array { None, Nodes, Links };

  bool open(json::value_t type) {
    if (++depth_ > detail::kMaxNestingDepth) {
      too_deep_ = true;
      return false;
    }
    if (depth_ == 1) {  // the document
      root_type_ = type;
      if (type == json::value_t::object) top_ = json::object();
      return true;
    }
    if (root_type_ != json::value_t::object || skipping_) return true;  // nothing to read
    if (depth_ == 2) {
      if (!begin_top_value()) return true;
      if (type == json::value_t::array && (top_key_ == "nodes" || top_key_ == "links")) {
        array_ = top_key_ == "nodes" ? Array::Nodes : Array::Links;
        top_[top_key_] = json::array();  // read element by element: the top level sees an array
        element_index_ = 0;
        return true;
      }
    }
    builder_.open(type);
    return true;
  }

  bool close() {
    const int depth = depth_--;
    if (depth == 1 || root_type_ != json::value_t::object) return true;
    if (depth == 2 && array_ != Array::None) {
      if (array_ == Array::Nodes) end_of_nodes();
      array_ = Array::None;
      return true;
    }
    if (skipping_) {
      if (depth == 2) skipping_ = false;
      return true;
    }
    if (builder_.close()) complete(builder_.take());
    return true;
  }

  bool scalar(json value) {
    if (depth_ == 0) {  // the whole document is a scalar
      root_type_ = value.type();
      return true;
    }
    if (root_type_ != json::value_t::object || skipping_) return true;
    if (depth_ == 1) {
      if (begin_top_value()) complete(std::move(value));
      skipping_ = false;  // a skipped scalar ends here
      return true;
    }
    if (builder_.scalar(std::move(value))) complete(builder_.take());
    return true;
  }

  /// A top-level key's value starts. Returns false (and skips the value) when the key was
  /// already given: the nodes and links are read as they come, so a second "nodes" or
  /// "links" cannot replace the first (as the last duplicate key does in a document).
  bool begin_top_value() {
    const bool repeated_list = (top_key_ == "nodes" && seen_nodes_) || (top_key_ == "links" && seen_links_);
    if (top_key_ == "nodes") seen_nodes_ = true;
    if (top_key_ == "links") seen_links_ = true;
    if (repeated_list) {
      repeated_keys_.push_back({Severity::Error, "E-DUPLICATE-KEY", sink_.file(), 0, 0, "/" + top_key_, {},
                                "key \"" + top_key_ + "\" is given twice; a network file has one " + top_key_ +
                                    " array"});
      skipping_ = true;
      return false;
    }
    return true;
  }

  /// A value is complete: an element of /nodes or /links, or a top-level value.
  void complete(json value) {
    if (array_ == Array::Nodes) {
      report_repeated_keys(value, "/nodes/" + std::to_string(element_index_), node_sink_, "node ");
      read_node(value, element_index_++);
    } else if (array_ == Array::Links) {
      report_repeated_keys(value, "/links/" + std::to_string(element_index_), link_sink_, "link ");
      if (nodes_done_) read_link(value, element_index_++);
      else waiting_links_.emplace_back(element_index_++, std::move(value));  // links before nodes: rare
    } else {
      if (top_key_ == "nodes") end_of_nodes();  // not an array: there are no nodes
      if (top_.contains(top_key_))
        repeated_keys_.push_back({Severity::Error, "E-DUPLICATE-KEY", sink_.file(), 0, 0, "/" + top_key_, {},
                                  repeated_key_message("/" + top_key_)});
      for (const std::string& at : builder_.take_repeated_keys())
        repeated_keys_.push_back({Severity::Error, "E-DUPLICATE-KEY", sink_.file(), 0, 0, "/" + top_key_ + at, {},
                                  repeated_key_message(at)});
      top_[top_key_] = std::move(value);
    }
  }

  /// E-DUPLICATE-KEY for each key given twice in a node or link (`label`: "node " or "link "),
  /// named by its id (a link's default id when it has none).
  void report_repeated_keys(const json& element, const std::string& pointer, DiagnosticSink& sink,
                            const std::string& label) {
    const std::vector<std::string> repeated = builder_.take_repeated_keys();
    if (repeated.empty()) return;
    std::string id;
    const auto text = [&](const char* key) {
      const auto at = element.find(key);
      return at != element.end() && at->is_string() ? at->get<std::string>() : std::string();
    };
    if (element.is_object()) id = !text("id").empty() || label == "node " ? text("id") : text("from") + "-" + text("to");
    for (const std::string& at : repeated)
      sink.error("E-DUPLICATE-KEY", pointer + at, repeated_key_message(at), id.empty() ? std::string() : label + id);
  }

  void end_of_nodes() {
    nodes_done_ = true;
    flush_waiting_links();
  }

  void flush_waiting_links() {
    nodes_done_ = true;
    for (auto& [index, value] : waiting_links_) read_link(value, index);
    waiting_links_.clear();
    waiting_links_.shrink_to_fit();
  }

  void read_node(const json& value, std::size_t i) {
    const std::string pointer = "/nodes/" + std::to_string(i);
    ObjectReader reader(value, pointer, node_sink_, "node");
    Node node;
    fields_.clear();
    detail::read_node(reader, node, true, fields_);
    if (!reader.is_object()) return;
    check_node_values(node, pointer, node_sink_);
    settle_distribution_means(node, fields_, pointer, node_sink_);
    if (node.id.empty()) return;
    const std::string id = node.id;
    auto [index, added] = network_.add_node(std::move(node));
    if (!added) {
      node_sink_.error("E-DUP-ID", pointer + "/id",
                       "duplicate node id \"" + id + "\" (first defined at /nodes/" +
                           std::to_string(node_position_[index]) + ")",
                       "node " + id);
      return;
    }
    node_position_.push_back(i);
  }

  void read_link(const json& value, std::size_t i) {
    DiagnosticSink& sink = link_sink_;
    const std::string pointer = "/links/" + std::to_string(i);
    ObjectReader reader(value, pointer, sink, "link");
    LinkDraft draft;
    fields_.clear();
    detail::read_link(reader, draft, true, fields_);
    if (!reader.is_object()) return;
    check_link_values(draft.link, pointer, sink);
    settle_link_schedule(draft.link, fields_, pointer, sink);
    const auto element = [&] { return "link " + draft.link.id; };  // built only for a message
    if (draft.link.cost_usd_per_teu) {
      if (top_.is_object() && top_.contains("tonnes_per_teu")) {  // known: check now
        if (!top_["tonnes_per_teu"].is_number())
          sink.error("E-MISSING-KEY", pointer + "/cost_usd_per_teu",
                     "cost_usd_per_teu needs the network's \"tonnes_per_teu\" to convert it to USD per tonne",
                     element());
      } else {  // it may still come later in the file
        pending_teu_checks_.push_back({sink.diagnostics().size(), pointer, draft.link.id});
      }
    }
    auto from = draft.from_id.empty() ? std::nullopt : network_.find_node(draft.from_id);
    auto to = draft.to_id.empty() ? std::nullopt : network_.find_node(draft.to_id);
    if (!draft.from_id.empty() && !from)
      sink.error("E-NODE-REF", pointer + "/from", node_reference_message(network_, draft.from_id, sink), element());
    if (!draft.to_id.empty() && !to)
      sink.error("E-NODE-REF", pointer + "/to", node_reference_message(network_, draft.to_id, sink), element());
    if (!draft.from_id.empty() && draft.from_id == draft.to_id)
      sink.error("E-SELF-LOOP", pointer, "link starts and ends at the same node \"" + draft.from_id + "\"", element());
    std::optional<std::size_t> first;
    if (!draft.link.id.empty()) {
      if (auto existing = network_.find_link(draft.link.id)) first = link_position_[*existing];
      else if (auto it = unresolved_link_.find(draft.link.id); it != unresolved_link_.end()) first = it->second;
      if (first)
        sink.error("E-DUP-ID", pointer + (reader.has("id") ? "/id" : ""),
                   "duplicate link id \"" + draft.link.id + "\" (first defined at /links/" + std::to_string(*first) + ")",
                   element());
    }
    if (first) return;
    if (!from || !to) {
      if (!draft.link.id.empty()) unresolved_link_.emplace(draft.link.id, i);
      return;
    }
    draft.link.from = *from;
    draft.link.to = *to;
    network_.add_link(std::move(draft.link));
    link_position_.push_back(i);
  }

  struct PendingTeuCheck {
    std::size_t position;  ///< in link_sink_'s diagnostics
    std::string pointer;
    std::string link_id;
  };

  DiagnosticSink& sink_;
  DiagnosticSink node_sink_, link_sink_;  ///< merged into sink_ in document order by finish()
  std::vector<Diagnostic> repeated_keys_;
  Network network_;
  int depth_ = 0;
  json::value_t root_type_ = json::value_t::discarded;
  json top_;  ///< the top-level object without the elements of nodes and links
  std::string top_key_;
  Array array_ = Array::None;
  bool skipping_ = false, seen_nodes_ = false, seen_links_ = false, nodes_done_ = false, too_deep_ = false;
  std::size_t element_index_ = 0;
  ValueBuilder builder_;
  FieldList fields_;  // reused: read_* lists the fields it read
  /// The array index of each element's definition, to report duplicates with both places.
  std::vector<std::size_t> node_position_, link_position_;
  /// Ids of links left out because an end node is unknown, for duplicate checks (rare).
  std::unordered_map<std::string, std::size_t> unresolved_link_;
  std::vector<std::pair<std::size_t, json>> waiting_links_;
  std::vector<PendingTeuCheck> pending_teu_checks_;
  std::size_t failed_at_ = 0;
  std::unique_ptr<nlohmann::detail::exception> error_;
};

/// Runs `parse` (a SAX parse of the source into `stream`) and reports a failure.
template <typename Parse>
Network stream_network(DiagnosticSink& sink, std::size_t text_bytes, Parse parse, const detail::ChunkSource& source) {
  NetworkStream stream(sink, text_bytes);
  if (!parse(stream)) {
    if (stream.too_deep()) detail::report_too_deep(sink);
    detail::report_stream_failure(*stream.failure(), stream.failed_at(), source, sink);
  }
  return stream.finish();
}

}  // namespace

Network parse_network_diagnosing(const std::string& text, DiagnosticSink& sink) {
  return stream_network(
      sink, text.size(), [&](NetworkStream& stream) { return json::sax_parse(text, &stream); },
      [&](const std::function<void(std::string_view)>& chunk) {
        chunk(text);
        return true;
      });
}

Network parse_network(const std::string& text, DiagnosticSink& sink) {
  if (auto network = parse_network_fast(text)) return std::move(*network);
  return parse_network_diagnosing(text, sink);
}

namespace {

/// A network snapshot read from its file memory-mapped (read-only); nullopt when the file
/// cannot be mapped (not a regular file, mmap refused), for the caller to read it instead.
std::optional<Network> read_mapped_snapshot(const std::string& path, DiagnosticSink& sink) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat info {};
  void* mapped = MAP_FAILED;
  std::size_t size = 0;
  if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0) {
    size = static_cast<std::size_t>(info.st_size);
    mapped = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);  // every page is read
  }
  ::close(fd);  // the mapping stays valid
  if (mapped == MAP_FAILED) return std::nullopt;
  struct Unmap {
    void* at;
    std::size_t size;
    ~Unmap() { ::munmap(at, size); }
  } unmap{mapped, size};
  return read_network_snapshot(static_cast<const char*>(mapped), size, sink);
}

}  // namespace

Network load_network(const std::string& path, DiagnosticSink& sink) { return load_network(path, sink, kReleaseTextBytes); }

Network load_network(const std::string& path, DiagnosticSink& sink, std::size_t release_from_bytes) {
  std::string text;
  // The text read whole, or the network read from the file mapped when it is a snapshot.
  auto read_text = [&]() -> std::optional<Network> {
    text.clear();
    ChunkedFile file(path, max_network_bytes(),
                     "split the network or raise the limit with " + std::string(kMaxNetworkEnv) + "=MIB");
    text.reserve(file.size_hint() + simdjson::SIMDJSON_PADDING);
    detail::prefer_huge_pages(text);  // a large network's text: one fault per 2 MiB, not per 4 KiB
    for (std::string_view part = file.next(); !part.empty(); part = file.next()) {
      if (text.empty() && looks_like_network_snapshot(part)) {  // a snapshot (corridor pack), not JSON
        if (auto network = read_mapped_snapshot(path, sink)) return network;
      }
      if (text.capacity() - text.size() < part.size() + simdjson::SIMDJSON_PADDING)
        text.reserve(2 * (text.size() + part.size()) + simdjson::SIMDJSON_PADDING);
      text.append(part);
    }
    return std::nullopt;
  };
  if (auto network = read_text()) return std::move(*network);
  // Not mappable (a pipe): read whole.
  if (looks_like_network_snapshot(text)) return read_network_snapshot(text.data(), text.size(), sink);
  // A large regular file's text is given back as the fast reader goes (peak memory); when it
  // then defers to the diagnosing reader, the file is read again for it.
  struct stat info {};
  const bool rereadable = ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
  bool released = false;
  if (auto network = rereadable ? parse_network_fast_releasing(text, release_from_bytes, released)
                                : parse_network_fast(text))
    return std::move(*network);
  if (released)
    if (auto network = read_text()) return std::move(*network);  // (it became a snapshot meanwhile)
  return parse_network_diagnosing(text, sink);
}

}  // namespace corridor::io
