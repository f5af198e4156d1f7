// The enum tables (model/enum_table.hpp): every enumerator's name parses back to it, the
// lists of names follow the enum, other spellings are refused.

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "model/calibration.hpp"
#include "model/capacity.hpp"
#include "model/cost.hpp"
#include "model/delay.hpp"
#include "model/distribution.hpp"
#include "model/enum_table.hpp"
#include "model/equilibrium.hpp"
#include "model/network.hpp"
#include "model/query.hpp"
#include "model/reliability.hpp"
#include "model/scenario.hpp"
#include "model/sweep.hpp"

namespace corridor {
namespace {

/// Every enumerator of E (by the table's length): its name round-trips, upper case and padded
/// spellings do not parse, and names() / joined_names() list the names in order.
template <NamedEnum E>
void check_table() {
  const auto& table = enum_table(E{});
  std::vector<std::string> expected;
  std::string joined;
  for (std::size_t i = 0; i < std::size(table); ++i) {
    const E value = static_cast<E>(i);
    const std::string name(to_string(value));
    CAPTURE(name);
    CHECK(table[i].value == value);
    REQUIRE(parse<E>(name).has_value());
    CHECK(*parse<E>(name) == value);
    CHECK_FALSE(parse<E>(name + " ").has_value());
    CHECK_FALSE(parse<E>(" " + name).has_value());
    std::string upper = name;
    for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    if (upper != name) CHECK_FALSE(parse<E>(upper).has_value());
    expected.push_back(name);
    joined += (joined.empty() ? "" : "|") + name;
  }
  CHECK(names<E>() == expected);
  CHECK(joined_names<E>("|") == joined);
  CHECK_FALSE(parse<E>("").has_value());
  CHECK_FALSE(parse<E>("?").has_value());
  CHECK_THROWS_AS(to_string(static_cast<E>(std::size(table))), std::logic_error);
}

}  // namespace

TEST_CASE("enum tables: every name round-trips through parse and to_string") {
  check_table<NodeKind>();
  check_table<Mode>();
  check_table<Status>();
  check_table<Objective>();
  check_table<RouteConstraint::Kind>();
  check_table<AssignObjective>();
  check_table<UpgradeStop>();
  check_table<EquilibriumKind>();
  check_table<EquilibriumStop>();
  check_table<DelayForm>();
  check_table<DistributionKind>();
  check_table<ReliabilityRank>();
  check_table<LoadStatus>();
  check_table<SpreadSource>();
  check_table<MoneyUnit>();
  check_table<ChangeType>();
  check_table<ScaleTarget>();
  check_table<InputDistributionKind>();
  check_table<FigureKind>();
  check_table<CalibrationUse>();
  check_table<CalibrationKind>();
}

TEST_CASE("enum tables: the names as documented") {
  CHECK(joined_names<Mode>() == "rail, ferry, road, sea");
  CHECK(joined_names<NodeKind>() == "rail_terminal, sea_port, dry_port, border_crossing, gauge_change, junction");
  CHECK(joined_names<Status>() == "open, planned, closed");
  CHECK(joined_names<Objective>() == "time, distance, cost, co2, generalized");
  CHECK(joined_names<AssignObjective>() == "time, cost, generalized");
  CHECK(joined_names<EquilibriumKind>() == "user, system");
  CHECK(joined_names<DelayForm>() == "bpr, queue, none");
  CHECK(joined_names<DistributionKind>() == "triangular, lognormal, empirical");
  CHECK(joined_names<ReliabilityRank>() == "mean, p90");
  CHECK(joined_names<MoneyUnit>() == "t, teu, feu");
  CHECK(joined_names<InputDistributionKind>() == "bernoulli, uniform, triangular, lognormal");
  CHECK(joined_names<ChangeType>() ==
        "close_link, close_node, open_link, open_node, set_link, set_node, scale_capacity, add_node, add_link, "
        "set_resource");
  CHECK(to_string(FigureKind::RouteDays) == "days");
  CHECK(to_string(UpgradeStop::CutsDoNotHelp) == "cuts_do_not_help");
}

TEST_CASE("enum tables: enum_table_valid refuses a table out of order, with a gap or a repeated name") {
  enum class Abc { A, B, C };
  constexpr EnumName<Abc> good[] = {{Abc::A, "a"}, {Abc::B, "b"}, {Abc::C, "c"}};
  constexpr EnumName<Abc> swapped[] = {{Abc::B, "b"}, {Abc::A, "a"}, {Abc::C, "c"}};
  constexpr EnumName<Abc> gap[] = {{Abc::A, "a"}, {Abc::C, "c"}};
  constexpr EnumName<Abc> repeated[] = {{Abc::A, "a"}, {Abc::B, "a"}, {Abc::C, "c"}};
  constexpr EnumName<Abc> unnamed[] = {{Abc::A, "a"}, {Abc::B, ""}, {Abc::C, "c"}};
  static_assert(enum_table_valid(good));
  static_assert(!enum_table_valid(swapped));
  static_assert(!enum_table_valid(gap));
  static_assert(!enum_table_valid(repeated));
  static_assert(!enum_table_valid(unnamed));
  CHECK(enum_table_valid(good));
}

}  // namespace corridor
