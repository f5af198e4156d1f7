#pragma once
// Rendering reliability results (docs/reliability.md): a text table and JSON.

#include <string>

#include "model/network.hpp"
#include "model/reliability.hpp"

namespace corridor::io {

std::string reliability_table(const Network& network, const ReliabilityResult& result);
std::string reliability_json(const Network& network, const ReliabilityResult& result);

/// "P50 14.9 / P90 17.4 days, on time within 18 days 91.3 %": one line for summaries.
std::string reliability_summary(const ReliabilityResult& result);

}  // namespace corridor::io
