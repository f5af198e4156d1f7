#pragma once
// Equilibrium assignment settings and statistics (docs/model.md, "Congestion"). Plain types; the
// solver is src/solve/equilibrium.

#include <cstdint>
#include <optional>
#include <string_view>

namespace corridor {

/// User equilibrium (Wardrop: every shipment on a best route at the loaded times) or system
/// optimum (least total weight, every shipment at the marginal weight it causes).
enum class EquilibriumKind : std::uint8_t { User, System };
std::string_view to_string(EquilibriumKind kind);
std::optional<EquilibriumKind> parse_equilibrium_kind(std::string_view text);
std::string_view equilibrium_kind_names();  ///< "user, system"

/// Why the iterations ended.
enum class EquilibriumStop : std::uint8_t { Converged, IterationLimit, NothingToAssign };
std::string_view to_string(EquilibriumStop stop);

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
