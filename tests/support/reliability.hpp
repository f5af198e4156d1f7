#pragma once
// Running the Monte Carlo reliability of a query, for tests/solve/test_reliability*.cpp.

#include "model/network.hpp"
#include "model/reliability.hpp"
#include "solve/reliability.hpp"
#include "solve/route.hpp"

namespace corridor::test {

/// The reliability of `q` on `net`, with a router of its own.
inline ReliabilityResult assess(const Network& net, const ReliabilityQuery& q) {
  const solve::Router router(net);
  return solve::assess_reliability(net, router, q);
}

}  // namespace corridor::test
