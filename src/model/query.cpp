#include "model/query.hpp"

namespace corridor {

std::string_view to_string(Objective objective) {
  switch (objective) {
    case Objective::Time: return "time";
    case Objective::Distance: return "distance";
  }
  return "?";
}

std::optional<Objective> parse_objective(std::string_view text) {
  if (text == "time") return Objective::Time;
  if (text == "distance") return Objective::Distance;
  return std::nullopt;
}

std::string_view objective_names() { return "time, distance"; }

}  // namespace corridor
