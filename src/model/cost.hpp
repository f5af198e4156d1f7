#pragma once
// Time, money and emissions per tonne of a link or a node (docs/model.md). step_metrics() is THE
// model of docs/model.md: every solver (routes, timetables, assignment) and make_route get an
// arc's or a leg's figures from it, never by adding up node and link fields themselves.

#include <cstdint>
#include <optional>
#include <string_view>

#include "model/enum_table.hpp"
#include "model/network.hpp"

namespace corridor {

/// Default well-to-wheel emission intensity of a mode in g CO2e per tonne-km, used where a
/// link has no `co2_g_per_tkm` (sources in docs/model.md and docs/data-sources.md).
double default_co2_g_per_tkm(Mode mode);

/// The link's intensity: its own `co2_g_per_tkm`, else the mode default.
double link_co2_g_per_tkm(const Link& link);

/// kg CO2e emitted per tonne carried over the whole link: distance_km x intensity / 1000.
double link_co2_kg_per_t(const Link& link);

/// The link's tariff in USD per tonne: `cost_usd_per_t`, else `cost_usd_per_teu` divided by the
/// network's `tonnes_per_teu`; std::nullopt when the link has no cost figure.
std::optional<double> link_cost_usd_per_t(const Network& network, const Link& link);

/// Money per container: USD per TEU = USD per tonne x the network's `tonnes_per_teu` (the
/// inverse of the conversion above); an FEU is 2 TEU. std::nullopt when the network has no
/// tonnes_per_teu.
std::optional<double> usd_per_teu(const Network& network, double usd_per_t);
inline constexpr double kTeuPerFeu = 2.0;

/// What money is counted per in tables (`--unit`): a tonne, a TEU or an FEU (2 TEU).
enum class MoneyUnit : std::uint8_t { Tonne, Teu, Feu };
/// Its names on the command line (`--unit`).
inline constexpr EnumName<MoneyUnit> kMoneyUnitNames[] = {{MoneyUnit::Tonne, "t"}, {MoneyUnit::Teu, "teu"}, {MoneyUnit::Feu, "feu"}};
static_assert(enum_table_valid(kMoneyUnitNames));
constexpr const auto& enum_table(MoneyUnit) { return kMoneyUnitNames; }
std::string_view money_unit_label(MoneyUnit unit);                ///< "t", "TEU", "FEU" (as in "USD/TEU")
/// USD per `unit` from USD per tonne; std::nullopt for a container unit when the network has
/// no tonnes_per_teu.
std::optional<double> usd_per_unit(const Network& network, double usd_per_t, MoneyUnit unit);

/// Whether a route passing through `node` has its cargo handled there: when the mode changes
/// at the node, or at a gauge-change node (containers lifted between gauges).
bool handles_cargo(const Node& node, bool mode_change);

/// Handling charged at a node passed through (0 when no cargo handling or no figure).
double handling_usd_per_t(const Node& node, bool mode_change);

/// One step of a route through the mode-expanded graph (solve/detail/mode_graph.hpp): travelling
/// a link, or passing through a node (arriving by one mode, leaving by the same or another).
struct RouteStep {
  bool is_link = false;
  std::uint32_t link_or_node = 0;  ///< LinkIndex for a link, NodeIndex for a pass-through
  bool mode_change = false;        ///< pass-through only: the mode changes at the node
};

/// What a step takes per tonne, in total and in the parts that route legs show.
struct StepMetrics {
  double hours = 0.0;           ///< dwell + transfer (pass-through), or in motion + expected wait (link)
  double distance_km = 0.0;     ///< link only
  double cost_usd_per_t = 0.0;  ///< handling (pass-through), or the tariff, 0 when unknown (link)
  double co2_kg_per_t = 0.0;    ///< link only
  double dwell_hours = 0.0, transfer_hours = 0.0;  ///< pass-through: the parts of hours
  double in_motion_hours = 0.0, wait_hours = 0.0;  ///< link: the parts of hours
  bool cost_known = true;       ///< false for a link without a cost figure
};

/// THE time, cost and CO2e model of docs/model.md for one step: a link adds its in-motion hours
/// and expected wait, its tariff (link_cost_usd_per_t) and its CO2e (link_co2_kg_per_t); a pass
/// through a node adds its dwell, its transfer_hours when the mode changes, and its handling
/// where cargo is handled (handling_usd_per_t). Origin and destination are no steps.
StepMetrics step_metrics(const Network& network, const RouteStep& step);

/// Weights of the generalized objective: USD/t + value of time x days + price x t CO2e per t.
struct GeneralizedWeights {
  double value_of_time_usd_per_t_day = 0.0;
  double carbon_price_usd_per_t_co2 = 0.0;
  double of(double cost_usd_per_t, double hours, double co2_kg_per_t) const {
    return cost_usd_per_t + value_of_time_usd_per_t_day * hours / 24.0 +
           carbon_price_usd_per_t_co2 * co2_kg_per_t / 1000.0;
  }
};

}  // namespace corridor
