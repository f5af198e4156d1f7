#pragma once
// Huge pages under the element lists of a large network (both network readers and the
// snapshot reader), under the text of a network file, and under the command line's heap.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <sys/mman.h>

namespace corridor::io {

/// Asks the system (Linux) for huge pages under the 2 MiB pages that lie wholly within
/// [data, data + bytes): memory written once, front to back, costs a fault per 4 KiB page
/// otherwise. Used by io for a large network's element lists and text, and by the command line
/// for its heap (src/cli/heap_pages.cpp).
inline void prefer_huge_pages(const void* data, std::size_t bytes) {
  constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
  const auto start = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t end = start + bytes;
  const std::uintptr_t first = (start + kHugePage - 1) & ~(kHugePage - 1);
  if (end >= first + kHugePage) madvise(reinterpret_cast<void*>(first), (end - first) & ~(kHugePage - 1), MADV_HUGEPAGE);
}

/// Gives back the whole 2 MiB pages within [from, to) of memory that will not be read again (it
/// would read as zeros): a large network's text behind the fast reader (network_json_fast.cpp).
/// Says whether there was such a page.
inline bool release_pages(const void* from, const void* to) {
  constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
  const std::uintptr_t first = (reinterpret_cast<std::uintptr_t>(from) + kHugePage - 1) & ~(kHugePage - 1);
  const std::uintptr_t last = reinterpret_cast<std::uintptr_t>(to) & ~(kHugePage - 1);
  if (last <= first) return false;
  madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
  return true;
}

namespace detail {

/// The same under a vector's reserve: the nodes and links of a large network.
template <typename T>
void prefer_huge_pages(std::vector<T>& elements) {
  io::prefer_huge_pages(elements.data(), elements.capacity() * sizeof(T));
}
/// The same under a string's reserve: the text of a large network file, read into it.
inline void prefer_huge_pages(std::string& text) { io::prefer_huge_pages(text.data(), text.capacity()); }

}  // namespace detail
}  // namespace corridor::io
