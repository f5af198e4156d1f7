#include "model/equilibrium.hpp"

namespace corridor {

std::string_view to_string(EquilibriumKind kind) { return kind == EquilibriumKind::User ? "user" : "system"; }

std::optional<EquilibriumKind> parse_equilibrium_kind(std::string_view text) {
  if (text == "user") return EquilibriumKind::User;
  if (text == "system") return EquilibriumKind::System;
  return std::nullopt;
}

std::string_view equilibrium_kind_names() { return "user, system"; }

std::string_view to_string(EquilibriumStop stop) {
  switch (stop) {
    case EquilibriumStop::Converged: return "converged";
    case EquilibriumStop::IterationLimit: return "iteration_limit";
    case EquilibriumStop::NothingToAssign: return "nothing_to_assign";
  }
  return "?";
}

}  // namespace corridor
