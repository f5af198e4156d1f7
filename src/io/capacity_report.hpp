#pragma once
// Text tables and JSON for the capacity analyses (docs/capacity.md): demand assignment,
// criticality, upgrade ranking, and the comparison of two scenario runs.

#include <optional>
#include <string>
#include <vector>

#include "model/capacity.hpp"
#include "model/network.hpp"
#include "model/scenario.hpp"

namespace corridor::io {

std::string assign_table(const Network& network, const AssignResult& result);
/// The solver's status as reports word it: "optimal", "empty", "conjugate Frank-Wolfe",
/// "glp_simplex failed (code N)", "not optimal (GLPK status N)".
std::string assign_solver_status_text(const AssignResult& result);
std::string assign_json(const Network& network, const AssignResult& result);
std::string criticality_table(const Network& network, const CriticalityResult& result);
std::string criticality_json(const Network& network, const CriticalityResult& result);
std::string upgrades_table(const Network& network, const UpgradeResult& result);
std::string upgrades_json(const Network& network, const UpgradeResult& result);

/// One line per analysis, for summaries (HTML report, scenario overviews).
std::string assign_summary(const Network& network, const AssignResult& result);
std::string criticality_summary(const Network& network, const CriticalityResult& result);
std::string upgrades_summary(const Network& network, const UpgradeResult& result);

/// "AKTAU-BAKU" or "AKTAU" for a cut element or load; "AKTAU-BAKU (AKTAU->BAKU)" with direction.
std::string element_id(const Network& network, CutElement::Type type, std::uint32_t index);

}  // namespace corridor::io
