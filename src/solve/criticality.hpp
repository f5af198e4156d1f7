#pragma once
// Criticality: remove each element (link or node) in turn and measure the loss of max flow
// between regions and the hours added to OD pairs' fastest routes.

#include <functional>

#include "model/capacity.hpp"
#include "model/network.hpp"

namespace corridor::solve {

/// Called after each element is evaluated with (done, total); may be called from any worker
/// thread, never by two at once.
using ProgressCallback = std::function<void(std::size_t done, std::size_t total)>;

/// The elements a criticality run removes when the query lists none: every usable link and
/// every open node touching one, except the query's own sources, sinks and OD endpoints.
std::vector<ElementRef> default_criticality_elements(const Network& network, const CriticalityQuery& query);

/// Runs the removals on `threads` worker threads (0 = hardware concurrency). The ranking is
/// sorted with `more_critical`, so it is the same whatever the thread count.
CriticalityResult criticality(const Network& network, const CriticalityQuery& query, unsigned threads = 1,
                              const ProgressCallback& progress = {});

}  // namespace corridor::solve
