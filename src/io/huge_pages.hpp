#pragma once
// Private to io: huge pages under the element lists of a large network (both network readers
// and the snapshot reader).

#include <cstdint>
#include <vector>

#include <sys/mman.h>

namespace corridor::io::detail {

/// Asks the system (Linux) for huge pages under a vector's reserve: the nodes and links of a
/// large network are written once, front to back, and each 4 KiB page written costs a fault.
template <typename T>
void prefer_huge_pages(std::vector<T>& elements) {
  constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
  const auto start = reinterpret_cast<std::uintptr_t>(elements.data());
  const std::uintptr_t end = start + elements.capacity() * sizeof(T);
  const std::uintptr_t first = (start + kHugePage - 1) & ~(kHugePage - 1);
  if (end >= first + kHugePage) madvise(reinterpret_cast<void*>(first), (end - first) & ~(kHugePage - 1), MADV_HUGEPAGE);
}

}  // namespace corridor::io::detail
