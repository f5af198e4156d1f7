#pragma once
// Where the tests find the repository's files (CORRIDOR_SOURCE_DIR and CORRIDOR_TEST_DATA_DIR
// are set in tests/CMakeLists.txt).

#include <string>

namespace corridor::test {

/// The repository root: network/, scenarios/, docs/.
const std::string kSourceDir = CORRIDOR_SOURCE_DIR;
/// tests/data/valid/small.json, the network most format and CLI tests run on.
const std::string kSmall = CORRIDOR_TEST_DATA_DIR "/valid/small.json";

}  // namespace corridor::test
