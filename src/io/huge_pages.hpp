#pragma once
// Private to io: huge pages under the element lists of a large network (both network readers
// and the snapshot reader) and under the text of a network file.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <sys/mman.h>

namespace corridor::io::detail {

/// Asks the system (Linux) for huge pages under a vector's reserve: the nodes and links of a
/// large network are written once, front to back, and each 4 KiB page written costs a fault.
inline void prefer_huge_pages(const void* data, std::size_t bytes) {
  constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
  const auto start = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t end = start + bytes;
  const std::uintptr_t first = (start + kHugePage - 1) & ~(kHugePage - 1);
  if (end >= first + kHugePage) madvise(reinterpret_cast<void*>(first), (end - first) & ~(kHugePage - 1), MADV_HUGEPAGE);
}
template <typename T>
void prefer_huge_pages(std::vector<T>& elements) {
  prefer_huge_pages(elements.data(), elements.capacity() * sizeof(T));
}
/// The same under a string's reserve: the text of a large network file, read into it.
inline void prefer_huge_pages(std::string& text) { prefer_huge_pages(text.data(), text.capacity()); }

}  // namespace corridor::io::detail
