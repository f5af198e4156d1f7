#include "model/cost.hpp"

#include <cassert>

namespace corridor {

double default_co2_g_per_tkm(Mode mode) {
  switch (mode) {
    // GLEC Framework v3.0 (2023), Table 14: Ferry-RoPax 10,000-19,999 gt, MDO, well-to-wheel.
    case Mode::Ferry: return 124.8;
    // GLEC Framework v3.1 (2024), Table 13: container ship trade-lane factor 80.4 g CO2e/TEU-km
    // (Panama trade, the one lane value retrieved), at 10 t per TEU.
    case Mode::Sea: return 8.04;
    // UBA / Oeko-Institut (2020): rail freight, diesel traction, 34 g CO2e/tkm (no GLEC rail table
    // value was retrievable; the Middle Corridor is largely diesel-hauled in Kazakhstan).
    case Mode::Rail: return 34.0;
    // KiM / CE Delft (2014): road freight average, 90.3 g CO2/tkm.
    case Mode::Road: return 90.3;
  }
  return 0.0;
}

double link_co2_g_per_tkm(const Link& link) { return link.co2_g_per_tkm.value_or(default_co2_g_per_tkm(link.mode)); }

double link_co2_kg_per_t(const Link& link) { return link.distance_km * link_co2_g_per_tkm(link) / 1000.0; }

std::optional<double> link_cost_usd_per_t(const Network& network, const Link& link) {
  if (link.cost_usd_per_t) return link.cost_usd_per_t;
  if (link.cost_usd_per_teu && network.tonnes_per_teu && *network.tonnes_per_teu > 0)
    return *link.cost_usd_per_teu / *network.tonnes_per_teu;
  return std::nullopt;
}

std::optional<double> usd_per_teu(const Network& network, double usd_per_t) {
  if (!network.tonnes_per_teu || !(*network.tonnes_per_teu > 0)) return std::nullopt;
  return usd_per_t * *network.tonnes_per_teu;
}

bool handles_cargo(const Node& node, bool mode_change) { return mode_change || node.kind == NodeKind::GaugeChange; }

double handling_usd_per_t(const Node& node, bool mode_change) {
  return handles_cargo(node, mode_change) ? node.handling_usd_per_t.value_or(0.0) : 0.0;
}

StepMetrics step_metrics(const Network& network, const RouteStep& step) {
  StepMetrics m;
  if (step.is_link) {
    const Link& link = network.links[step.link_or_node];
    m.in_motion_hours = link.hours;
    m.wait_hours = link.expected_wait_hours();
    m.hours = m.in_motion_hours + m.wait_hours;
    m.distance_km = link.distance_km;
    const auto tariff = link_cost_usd_per_t(network, link);
    m.cost_known = tariff.has_value();
    m.cost_usd_per_t = tariff.value_or(0.0);
    m.co2_kg_per_t = link_co2_kg_per_t(link);
  } else {
    const Node& node = network.nodes[step.link_or_node];
    m.dwell_hours = node.dwell_hours;
    m.transfer_hours = step.mode_change ? node.transfer_hours : 0.0;
    m.hours = m.dwell_hours + m.transfer_hours;
    m.cost_usd_per_t = handling_usd_per_t(node, step.mode_change);
  }
  return m;
}

namespace {

/// Money units' labels and TEU each (their names are kMoneyUnitNames in cost.hpp).
struct MoneyUnitRow {
  MoneyUnit unit;
  std::string_view label;
  double teu;  ///< 0 for the tonne
};
constexpr MoneyUnitRow kMoneyUnits[] = {
    {MoneyUnit::Tonne, "t", 0.0},
    {MoneyUnit::Teu, "TEU", 1.0},
    {MoneyUnit::Feu, "FEU", kTeuPerFeu},
};

const MoneyUnitRow& row_of(MoneyUnit unit) {
  for (const MoneyUnitRow& row : kMoneyUnits)
    if (row.unit == unit) return row;
  assert(false && "every MoneyUnit has a row");
  return kMoneyUnits[0];
}

}  // namespace

std::string_view money_unit_label(MoneyUnit unit) { return row_of(unit).label; }

std::optional<double> usd_per_unit(const Network& network, double usd_per_t, MoneyUnit unit) {
  const MoneyUnitRow& row = row_of(unit);
  if (row.teu == 0.0) return usd_per_t;
  const auto per_teu = usd_per_teu(network, usd_per_t);
  if (!per_teu) return std::nullopt;
  return *per_teu * row.teu;
}

}  // namespace corridor
