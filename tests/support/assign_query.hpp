#pragma once
// The assignment query of the capacity tests (tests/solve/test_capacity.cpp and
// test_capacity_cases.cpp): every path allowed, so that the references can enumerate them all.

#include <optional>
#include <utility>
#include <vector>

#include "model/capacity.hpp"

namespace corridor::test {

inline AssignQuery assign_query(std::vector<OdDemand> demand, double penalty) {
  AssignQuery query;
  query.demand = std::move(demand);
  query.unserved_penalty_per_t = penalty;
  query.max_detour = std::nullopt;  // every path: the references enumerate them all
  return query;
}

}  // namespace corridor::test
