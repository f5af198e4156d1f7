#include "io/scenario_json.hpp"

#include <filesystem>

#include "io/scenario_reader.hpp"
#include "io/text_file.hpp"

namespace corridor::io {

using detail::json;
using detail::ObjectReader;

namespace {

bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec;
  return std::filesystem::equivalent(a, b, ec) && !ec;
}

}  // namespace

namespace {

Scenario parse_scenario_collecting(const std::string& text, const std::string& scenario_path,
                                   const std::string& default_network, DiagnosticSink& sink) {
  const json root = detail::parse_json(text, sink);
  Scenario scenario;
  ObjectReader top(root, "", sink, "scenario file");
  if (!top.is_object()) sink.throw_if_errors();
  if (auto name = top.string("name", true)) scenario.name = *name;
  if (auto description = top.string("description", false)) scenario.description = *description;
  if (auto sources = top.strings("sources", false, false)) scenario.sources = *sources;
  if (auto network = top.string("network", false)) {
    namespace fs = std::filesystem;
    fs::path path(*network);
    if (path.is_relative()) path = fs::path(scenario_path).parent_path() / path;
    scenario.network_path = path.lexically_normal().string();
    std::error_code ec;
    if (fs::exists(path, ec) && !fs::is_regular_file(path, ec))
      sink.error("E-SCENARIO-NETWORK", "/network",
                 "network file \"" + *network + "\" is not a regular file (resolved to " + scenario.network_path + ")");
    else if (!fs::is_regular_file(path, ec))
      sink.error("E-SCENARIO-NETWORK", "/network",
                 "network file \"" + *network + "\" does not exist (resolved to " + scenario.network_path + ")");
    else if (same_file(scenario.network_path, scenario_path))
      sink.error("E-SCENARIO-NETWORK", "/network", "the scenario names itself as its network");
  } else {
    scenario.network_path = default_network;
  }

  if (const json* changes = top.member("changes")) {
    if (!changes->is_array()) {
      sink.error("E-TYPE", "/changes", "changes must be an array, got " + detail::type_name(*changes));
    } else {
      for (std::size_t i = 0; i < changes->size(); ++i) {
        bool ok = true;
        Change change = detail::read_change((*changes)[i], "/changes/" + std::to_string(i), sink, ok);
        if (ok) scenario.changes.push_back(std::move(change));
      }
    }
  }
  if (const json* queries = top.member("queries")) {
    if (!queries->is_array()) {
      sink.error("E-TYPE", "/queries", "queries must be an array, got " + detail::type_name(*queries));
    } else {
      for (std::size_t i = 0; i < queries->size(); ++i)
        if (auto query = detail::read_query((*queries)[i], "/queries/" + std::to_string(i), sink, scenario_path))
          scenario.queries.push_back(std::move(*query));
    }
  }
  top.finish();
  return scenario;
}

}  // namespace

Scenario parse_scenario(const std::string& text, const std::string& scenario_path,
                        const std::string& default_network, DiagnosticSink& sink) {
  Scenario scenario = parse_scenario_collecting(text, scenario_path, default_network, sink);
  sink.throw_if_errors();
  return scenario;
}

Scenario load_scenario(const std::string& path, const std::string& default_network, DiagnosticSink& sink) {
  return parse_scenario(read_text_file(path), path, default_network, sink);
}

Scenario read_scenario(const std::string& path, const std::string& default_network, DiagnosticSink& sink) {
  return parse_scenario_collecting(read_text_file(path), path, default_network, sink);
}

Scenario read_scenario_text(const std::string& text, const std::string& scenario_path,
                            const std::string& default_network, DiagnosticSink& sink) {
  return parse_scenario_collecting(text, scenario_path, default_network, sink);
}

namespace {

/// Notes the top-level keys of a JSON text without building a document: memory stays
/// small whatever the size or nesting of the input (a DOM of a deeply nested file took
/// gigabytes before the loader's depth check could refuse it).
class TopLevelKeys : public nlohmann::json_sax<json> {
 public:
  bool object_at_top = false;
  bool network_keys = false;   ///< "nodes" or "links"
  bool scenario_keys = false;  ///< "changes", "queries" or "network"
  bool sweep_keys = false;     ///< "base", "inputs" or "outcomes"
  bool calibration_keys = false;  ///< "times", "capacities" or "ratios"

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override {
    if (depth_++ == 0) object_at_top = true;
    return true;
  }
  bool end_object() override {
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override {
    ++depth_;
    return true;
  }
  bool end_array() override {
    --depth_;
    return true;
  }
  bool key(string_t& name) override {
    if (depth_ == 1) {
      if (name == "nodes" || name == "links") network_keys = true;
      if (name == "changes" || name == "queries" || name == "network") scenario_keys = true;
      if (name == "base" || name == "inputs" || name == "outcomes") sweep_keys = true;
      if (name == "times" || name == "capacities" || name == "ratios") calibration_keys = true;
    }
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  int depth_ = 0;
};

}  // namespace

FileKind sniff_file_kind(const std::string& text) {
  TopLevelKeys keys;
  if (!json::sax_parse(text, &keys) || !keys.object_at_top) return FileKind::Unknown;
  if (keys.network_keys) return FileKind::Network;
  if (keys.sweep_keys) return FileKind::Sweep;  // before scenarios: a sweep has queries too
  if (keys.scenario_keys) return FileKind::Scenario;
  if (keys.calibration_keys) return FileKind::Calibration;
  return FileKind::Unknown;
}

}  // namespace corridor::io
