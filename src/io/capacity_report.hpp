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
std::string assign_json(const Network& network, const AssignResult& result);
std::string criticality_table(const Network& network, const CriticalityResult& result);
std::string criticality_json(const Network& network, const CriticalityResult& result);
std::string upgrades_table(const Network& network, const UpgradeResult& result);
std::string upgrades_json(const Network& network, const UpgradeResult& result);

/// One line per analysis, for summaries (HTML report, scenario overviews).
std::string assign_summary(const Network& network, const AssignResult& result);
std::string criticality_summary(const Network& network, const CriticalityResult& result);
std::string upgrades_summary(const Network& network, const UpgradeResult& result);

/// Table text / JSON text of any scenario outcome that is one of the three analyses;
/// empty when the outcome is a route or a flow.
std::string capacity_outcome_table(const Network& network, const QueryOutcome& outcome);
std::string capacity_outcome_json(const Network& network, const QueryOutcome& outcome);  ///< JSON object text
std::string capacity_outcome_summary(const Network& network, const QueryOutcome& outcome);
/// "assign", "criticality", "upgrades" (or empty for routes and flows).
std::string capacity_outcome_type(const QueryOutcome& outcome);

/// "AKTAU-BAKU" or "AKTAU" for a cut element or load; "AKTAU-BAKU (AKTAU->BAKU)" with direction.
std::string element_id(const Network& network, CutElement::Type type, std::uint32_t index);

// ------------------------------------------------------------------ comparison

/// One difference in one query's answer.
struct Difference {
  std::string aspect;  ///< e.g. "max flow", "days", "path", "binding", "served XIAN->BAKU"
  std::string a;       ///< value in A (text; "-" when absent)
  std::string b;
  std::string change;  ///< e.g. "+1.50 Mt/yr", "appears", "vanishes"
  std::optional<double> a_value, b_value;  ///< numbers behind a and b, when there are
};

struct QueryComparison {
  std::string name;
  std::string type;
  bool only_in_a = false;
  bool only_in_b = false;
  std::vector<Difference> differences;
};

struct Comparison {
  std::string a_label, b_label;
  std::vector<QueryComparison> queries;
  bool identical() const;
};

/// Matches queries by name (and by order among equal names) and lists every difference of
/// their answers. Element ids are compared as text, so A and B may be different networks.
Comparison compare_outcomes(const Network& a_network, const std::vector<QueryOutcome>& a, const Network& b_network,
                            const std::vector<QueryOutcome>& b);
std::string comparison_table(const Comparison& comparison);
std::string comparison_json(const Comparison& comparison);

}  // namespace corridor::io
