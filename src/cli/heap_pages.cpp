#include "cli/heap_pages.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include "io/huge_pages.hpp"

namespace corridor::cli {
namespace {

/// Blocks at least this large get a mapping of their own (glibc's largest default threshold);
/// the network readers advise huge pages under the largest ones, the node and link lists.
constexpr int kMmapThreshold = 32 << 20;
/// How much the heap grows by at a time: address space only, until written. A GiB holds what a
/// command builds on a network of about 500,000 nodes; beyond it the heap grows on small pages.
/// (mallopt takes an int: at most 2 GiB - 1.)
constexpr int kHeapPad = 1 << 30;
/// glibc's defaults (M_TOP_PAD's is DEFAULT_TOP_PAD, M_MMAP_THRESHOLD's the initial threshold).
constexpr int kDefaultTopPad = 128 << 10;
constexpr int kDefaultMmapThreshold = 128 << 10;

/// Whether address space is metered: a limit on it or on the data segment, or the kernel
/// committing every page asked for (vm.overcommit_memory = 2). A heap growing a GiB at a time
/// could then fail where the command itself would fit.
bool address_space_is_metered() {
  for (const int resource : {RLIMIT_AS, RLIMIT_DATA}) {
    rlimit limit{};
    if (getrlimit(resource, &limit) != 0 || limit.rlim_cur != RLIM_INFINITY) return true;
  }
  std::FILE* file = std::fopen("/proc/sys/vm/overcommit_memory", "r");
  if (file == nullptr) return false;
  const int mode = std::fgetc(file);
  std::fclose(file);
  return mode == '2';
}

}  // namespace

void prefer_huge_pages_for_heap() {
  if (const char* env = std::getenv(kSmallPagesEnv); env && *env) return;
  if (address_space_is_metered()) return;
  if (mallopt(M_MMAP_THRESHOLD, kMmapThreshold) != 1 || mallopt(M_TOP_PAD, kHeapPad) != 1) return;
  // A block larger than the heap's free top grows it by the pad; the region from the block on
  // is then advised.
  void* block = std::malloc(std::size_t{1} << 20);
  if (block == nullptr) {  // back to glibc's defaults
    mallopt(M_TOP_PAD, kDefaultTopPad);
    mallopt(M_MMAP_THRESHOLD, kDefaultMmapThreshold);
    return;
  }
  const auto start = reinterpret_cast<std::uintptr_t>(block), end = reinterpret_cast<std::uintptr_t>(sbrk(0));
  if (end > start) io::prefer_huge_pages(block, end - start);
  std::free(block);
}

}  // namespace corridor::cli
