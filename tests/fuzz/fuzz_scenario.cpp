// libFuzzer target: the scenario loader, then the changes applied to a fixed network and the
// queries resolved, answered and rendered in every output format (as `corridor run` does).

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "io/formats.hpp"
#include "io/network_json.hpp"
#include "io/scenario_json.hpp"
#include "model/scenario.hpp"
#include "solve/scenario_run.hpp"

using namespace corridor;

namespace {

// The scenario "lives" next to the fixture network, so "network": "small.json" resolves.
const std::string kDataDir = CORRIDOR_FUZZ_DATA_DIR;
const std::string kNetworkPath = kDataDir + "/small.json";
const std::string kScenarioPath = kDataDir + "/fuzz-scenario.json";

const Network& base_network() {
  static const Network network = [] {
    DiagnosticSink sink(kNetworkPath);
    return io::load_network(kNetworkPath, sink);
  }();
  return network;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const Network& base = base_network();
  try {
    DiagnosticSink sink(kScenarioPath);
    Scenario scenario = io::parse_scenario(text, kScenarioPath, kNetworkPath, sink);
    // A reliability query may ask for up to 2e7 samples: valid, but minutes under the sanitizers.
    // Cap them so an input's time measures the code, not the requested work (10 s limit per input).
    for (ScenarioQuery& query : scenario.queries)
      if (auto* reliability = std::get_if<ReliabilityRequest>(&query.request))
        reliability->samples = std::min<std::int64_t>(reliability->samples, 2000);
    DiagnosticSink change_sink(kScenarioPath);
    const Network network = apply_changes(base, scenario.changes, change_sink);
    change_sink.throw_if_errors();
    DiagnosticSink query_sink(kScenarioPath);
    const auto outcomes = solve::run_queries(network, scenario, query_sink);
    query_sink.throw_if_errors();
    for (io::OutputFormat format : {io::OutputFormat::Table, io::OutputFormat::Json, io::OutputFormat::Csv,
                                    io::OutputFormat::GeoJson, io::OutputFormat::Dot})
      fuzz::require(!io::render_scenario(scenario, network, outcomes, format).empty(), "empty output");
  } catch (const InputError& error) {
    fuzz::check_rejection(error);
  }
  return 0;
}
