#pragma once
// The seed of randomised tests: fixed by default, overridable with CORRIDOR_TEST_SEED so
// that a failure printed with its seed can be replayed exactly.

#include <cstdint>
#include <cstdlib>
#include <string>

namespace corridor::test {

inline constexpr std::uint64_t kDefaultSeed = 20240611;

inline std::uint64_t test_seed() {
  if (const char* env = std::getenv("CORRIDOR_TEST_SEED"); env && *env) {
    try {
      return std::stoull(env);
    } catch (...) {
      return kDefaultSeed;
    }
  }
  return kDefaultSeed;
}

}  // namespace corridor::test
