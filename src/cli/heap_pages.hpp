#pragma once
// How the corridor process asks Linux for its heap's memory (internal to src/cli).

namespace corridor::cli {

/// Puts the heap of a one-shot command on transparent huge pages (where the system allows them
/// on request, as Debian's default `madvise` setting does): blocks up to 32 MiB come from the
/// heap rather than from mappings of their own, the heap grows by kHeapPad at a time, and that
/// region is advised MADV_HUGEPAGE. A command on a large network builds graphs and tables of
/// hundreds of MB, and each 4 KiB page it first writes otherwise costs a page fault: on a
/// generated 200,000-node network, `corridor route` took 45,000 faults and 0.8-1.1 s (CPU) from
/// the snapshot, 1,300-1,700 faults and 0.35-0.6 s with this (docs/performance.md has the
/// bench's figures). The price is memory: a huge page is resident as a whole once touched, and
/// freed blocks below 32 MiB stay in the heap for reuse (peak resident memory of that command
/// from the JSON file 340 MB -> 394 MB). Not when the environment variable kSmallPagesEnv is
/// set to anything but the empty string (docs/cli.md), nor where address space is metered (a
/// limit on it or on the data segment, or strict overcommit: the heap's GiB steps could fail
/// there), and without effect where the calls fail or a sanitizer owns malloc. Not for
/// `corridor serve`, whose heap should give memory back between requests.
void prefer_huge_pages_for_heap();

/// The environment variable that keeps the heap on small pages (less resident memory).
inline constexpr const char* kSmallPagesEnv = "CORRIDOR_SMALL_PAGES";

}  // namespace corridor::cli
