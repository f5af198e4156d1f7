#pragma once
// Comparing two scenario runs query by query (docs/capacity.md, "Comparing scenarios").

#include <optional>
#include <string>
#include <vector>

#include "model/network.hpp"
#include "model/scenario.hpp"

namespace corridor::io {

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
  std::string matched_by;  ///< "name" or "type and parameters"; empty when only in A or B
  std::string b_name;      ///< the query's name in B when it differs (matched by type and parameters)
  std::vector<Difference> differences;
};

struct Comparison {
  std::string a_label, b_label;
  std::vector<QueryComparison> queries;
  bool identical() const;
};

/// Matches queries by name (and by order among equal names), then the rest by type and
/// parameters (same ends, objective and filters), and lists every difference of
/// their answers. Element ids are compared as text, so A and B may be different networks.
Comparison compare_outcomes(const Network& a_network, const std::vector<QueryOutcome>& a, const Network& b_network,
                            const std::vector<QueryOutcome>& b);
std::string comparison_table(const Comparison& comparison);
std::string comparison_json(const Comparison& comparison);

}  // namespace corridor::io
