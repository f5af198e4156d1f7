#pragma once
// Equilibrium assignment settings and statistics (docs/model.md, "Congestion"). Plain types; the
// solver is src/solve/equilibrium.

#include <cstdint>
#include <optional>
#include <string_view>

#include "model/enum_table.hpp"

namespace corridor {

/// User equilibrium (Wardrop: every shipment on a best route at the loaded times) or system
/// optimum (least total weight, every shipment at the marginal weight it causes).
enum class EquilibriumKind : std::uint8_t { User, System };
inline constexpr EnumName<EquilibriumKind> kEquilibriumKindNames[] = {{EquilibriumKind::User, "user"}, {EquilibriumKind::System, "system"}};
static_assert(enum_table_valid(kEquilibriumKindNames));
constexpr const auto& enum_table(EquilibriumKind) { return kEquilibriumKindNames; }

/// Why the iterations ended.
enum class EquilibriumStop : std::uint8_t { Converged, IterationLimit, NothingToAssign };
inline constexpr EnumName<EquilibriumStop> kEquilibriumStopNames[] = {{EquilibriumStop::Converged, "converged"}, {EquilibriumStop::IterationLimit, "iteration_limit"}, {EquilibriumStop::NothingToAssign, "nothing_to_assign"}};
static_assert(enum_table_valid(kEquilibriumStopNames));
constexpr const auto& enum_table(EquilibriumStop) { return kEquilibriumStopNames; }

inline constexpr double kDefaultRelativeGap = 1e-4;
inline constexpr int kDefaultEquilibriumIterations = 2000;

struct EquilibriumSettings {
  EquilibriumKind kind = EquilibriumKind::User;
  double relative_gap = kDefaultRelativeGap;  ///< stop when the relative gap is at most this
  int max_iterations = kDefaultEquilibriumIterations;
};

struct EquilibriumStats {
  EquilibriumSettings settings;
  double relative_gap = 0.0;  ///< (total weight - weight at shortest paths) / total weight without overload penalties
  int iterations = 0;
  EquilibriumStop stop = EquilibriumStop::Converged;
  /// Largest load above a hard capacity (t/yr); 0 when every hard capacity is respected.
  double over_capacity_tpy = 0.0;
};

}  // namespace corridor
