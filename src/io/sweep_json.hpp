#pragma once
// Sweep files (docs/sweep-format.md) and the per-sample JSON lines of sharded runs (docs/sweeps.md).

#include <cstdint>
#include <string>
#include <vector>

#include "model/diagnostic.hpp"
#include "model/sweep.hpp"

namespace corridor::io {

/// Parses a sweep; every problem is reported at once (JSON Pointer, did-you-mean). Throws
/// InputError when there is an error. `default_network` is the base's network when it names none.
Sweep parse_sweep(const std::string& text, const std::string& sweep_path, const std::string& default_network,
                  DiagnosticSink& sink);
Sweep load_sweep(const std::string& path, const std::string& default_network, DiagnosticSink& sink);
/// True when a JSON text's top level has "inputs" and "base" (a sweep rather than a scenario).
bool looks_like_sweep(const std::string& text);

/// The first line of a shard file: which sweep, seed and sample count it belongs to.
struct ShardHeader {
  std::string fingerprint;
  std::uint64_t seed = 1;
  std::int64_t samples = 0;
  std::int64_t shard = 1, shards = 1;
};
std::string shard_header_line(const ShardHeader& header);
/// {"sample": i, "inputs": {...}, "figures": {...}, "outcomes": {...}}: one line, no newline.
std::string sample_line(const Sweep& sweep, const SampleRecord& record);

/// Reads shard files (header line, then sample lines) and returns samples 0..N-1 in index
/// order. Reports (file, line) a foreign or inconsistent header, a missing, repeated or
/// malformed sample; throws InputError on any. Sets `seed` and `samples` from the headers.
std::vector<SampleRecord> read_shards(const Sweep& sweep, const std::vector<std::string>& paths, std::uint64_t& seed,
                                      std::int64_t& samples);

}  // namespace corridor::io
