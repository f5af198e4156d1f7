// Reading the JSON lines of sharded sweep runs back (docs/sweeps.md).

#include <optional>
#include <sstream>

#include "io/json_reader.hpp"
#include "io/sweep_json.hpp"
#include "io/text_file.hpp"

namespace corridor::io {

using detail::json;

namespace {

Diagnostic at_line(const std::string& path, int line, std::string code, std::string message) {
  Diagnostic d;
  d.code = std::move(code);
  d.file = path;
  d.line = line;
  d.message = std::move(message);
  return d;
}

/// A sample line's record; std::nullopt (with a diagnostic) when it does not fit the sweep.
std::optional<SampleRecord> read_sample(const Sweep& sweep, const json& line, std::int64_t samples,
                                        const std::string& path, int line_number, DiagnosticSink& sink) {
  auto fail = [&](const std::string& message) {
    sink.add(at_line(path, line_number, "E-SHARD", message));
    return std::nullopt;
  };
  if (!line.is_object() || !line.contains("sample") || !line["sample"].is_number_integer())
    return fail("not a sample line (no integer \"sample\")");
  SampleRecord record;
  record.index = line["sample"].get<std::int64_t>();
  if (record.index < 0 || record.index >= samples)
    return fail("sample " + std::to_string(record.index) + " is outside 0.." + std::to_string(samples - 1));
  const json* inputs = line.contains("inputs") ? &line["inputs"] : nullptr;
  const json* figures = line.contains("figures") ? &line["figures"] : nullptr;
  if (!inputs || !inputs->is_object() || !figures || !figures->is_object())
    return fail("sample " + std::to_string(record.index) + " lacks \"inputs\" or \"figures\"");
  for (const SweepInput& input : sweep.inputs) {
    auto it = inputs->find(input.id);
    if (it == inputs->end() || !it->is_number())
      return fail("sample " + std::to_string(record.index) + " has no draw of input \"" + input.id + "\"");
    record.inputs.push_back(it->get<double>());
  }
  for (const SweepFigure& figure : sweep.figures) {
    auto it = figures->find(figure.name);
    if (it == figures->end() || !(it->is_number() || it->is_null()))
      return fail("sample " + std::to_string(record.index) + " has no figure \"" + figure.name + "\"");
    record.figures.push_back(it->is_null() ? std::nullopt : std::optional<double>(it->get<double>()));
  }
  return record;
}

}  // namespace

std::vector<SampleRecord> read_shards(const Sweep& sweep, const std::vector<std::string>& paths, std::uint64_t& seed,
                                      std::int64_t& samples) {
  DiagnosticSink sink("--merge");  // for problems of the set of files rather than of one
  std::optional<ShardHeader> first;
  std::vector<std::optional<SampleRecord>> slots;
  for (const std::string& path : paths) {
    std::istringstream text(read_text_file(path));
    std::string raw;
    int line_number = 0;
    bool header_read = false;  // the file's first line that is not blank is its header
    while (std::getline(text, raw)) {
      ++line_number;
      if (raw.empty()) continue;
      const json line = json::parse(raw, nullptr, false);
      if (!header_read) {
        header_read = true;
        if (line.is_discarded() || !line.is_object() || !line.contains("corridor_sweep") || !line["corridor_sweep"].is_string() ||
            !line.contains("seed") || !line["seed"].is_number_unsigned() || !line.contains("samples") ||
            !line["samples"].is_number_integer()) {
          sink.add(at_line(path, line_number, "E-SHARD", "the first line is not a shard header (written by sweep --out)"));
          break;
        }
        ShardHeader header;
        header.fingerprint = line["corridor_sweep"].get<std::string>();
        header.seed = line["seed"].get<std::uint64_t>();
        header.samples = line["samples"].get<std::int64_t>();
        if (header.fingerprint != sweep.fingerprint) {
          sink.add(at_line(path, line_number, "E-SHARD", "written for another sweep file (or another version of it)"));
          break;
        }
        if (!first) {
          first = header;
          if (header.samples < 1 || header.samples > kMaxSweepSamples) {
            sink.add(at_line(path, line_number, "E-SHARD",
                             "sample count " + std::to_string(header.samples) + " is not from 1 to " +
                                 std::to_string(kMaxSweepSamples)));
            first.reset();
            break;
          }
          slots.resize(static_cast<std::size_t>(header.samples));
        } else if (header.seed != first->seed || header.samples != first->samples) {
          sink.add(at_line(path, line_number, "E-SHARD",
                           "seed or sample count differs from the first file's (" + paths.front() + ")"));
          break;
        }
        continue;
      }
      if (line.is_discarded()) {
        sink.add(at_line(path, line_number, "E-SHARD", "not a JSON line"));
        continue;
      }
      if (!first) break;  // no header to read samples against (reported above)
      auto record = read_sample(sweep, line, first->samples, path, line_number, sink);
      if (!record) continue;
      auto& slot = slots[static_cast<std::size_t>(record->index)];
      if (slot)
        sink.add(at_line(path, line_number, "E-SHARD", "sample " + std::to_string(record->index) + " appears twice"));
      else
        slot = std::move(record);
    }
  }
  std::vector<SampleRecord> records;
  std::int64_t missing = 0;
  for (std::size_t i = 0; i < slots.size(); ++i) {
    if (slots[i])
      records.push_back(std::move(*slots[i]));
    else if (missing++ < 5)
      sink.add(at_line("", 0, "E-SHARD", "sample " + std::to_string(i) + " is in none of the files"));
  }
  if (missing > 5)
    sink.add(at_line("", 0, "E-SHARD", std::to_string(missing) + " samples missing in all (is a shard absent?)"));
  if (!first && !sink.has_errors()) sink.add(at_line("", 0, "E-SHARD", "no shard file given"));
  sink.throw_if_errors();
  seed = first->seed;
  samples = first->samples;
  return records;
}

}  // namespace corridor::io
