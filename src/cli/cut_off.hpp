#pragma once
// "No route" for a query end that nothing reaches, with the shipped scenario that opens it.

#include <string>

#include "cli/common.hpp"

namespace corridor::cli {

/// When `from` or `to` (as typed) is closed or has no open link, prints the reason and every
/// shipped scenario (data_dir()/scenarios) that changes the same network file (`network_option`,
/// empty = the shipped network) and on whose network a route from `from` to `to` exists, and
/// returns true: the caller exits with kExitNoAnswer. False when both ends are reachable.
bool report_cut_off_end(const Network& network, const std::string& network_option, const std::string& from,
                        const std::string& to);

}  // namespace corridor::cli
