#pragma once
// Reading the query parameters of one API request into plain values, with the CLI's codes:
// every problem (unknown parameter, a parameter given twice, a number that is not one, NaN,
// a value out of range) goes to the sink with a JSON Pointer "/NAME", nothing throws.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "model/diagnostic.hpp"

namespace corridor::server {

/// Query parameters in request order, percent-decoded.
using Params = std::vector<std::pair<std::string, std::string>>;

class ParamReader {
 public:
  /// `known`: the endpoint's parameter names; any other is an E-QUERY error.
  ParamReader(const Params& params, std::set<std::string> known, DiagnosticSink& sink);
  /// The value of a parameter given once; an error when given twice or (if required) absent.
  std::optional<std::string> text(const std::string& name, bool required = false);
  /// Comma-separated ids (a repeated parameter adds to the list); empty items are dropped.
  std::vector<std::string> list(const std::string& name, bool required = false);
  /// A whole number within [min, max] (E-TYPE when not a number, E-RANGE outside).
  std::optional<std::int64_t> integer(const std::string& name, std::int64_t min, std::int64_t max);
  /// A finite number within [min, max] (NaN and infinities are E-RANGE).
  std::optional<double> number(const std::string& name, double min, double max);
  /// "true"/"false" (also "1"/"0"; an empty value is true, like a CLI flag).
  std::optional<bool> boolean(const std::string& name);

 private:
  const Params& params_;
  DiagnosticSink& sink_;
};

}  // namespace corridor::server
