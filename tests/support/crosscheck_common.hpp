#pragma once
// Shared by the LEMON cross-checks (test_crosscheck_lemon.cpp: routes and max flow;
// test_crosscheck_assignment.cpp: demand assignment): the number of networks, the random
// network of varied size, and the per-tonne figures of links and node passes.

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>

#include "model/network.hpp"
#include "model/query.hpp"
#include "support/random_network.hpp"

namespace corridor::test::crosscheck {

constexpr int kDefaultNetworks = 2000;
constexpr double kInf = std::numeric_limits<double>::infinity();

inline int network_count() {
  if (const char* env = std::getenv("CORRIDOR_CROSSCHECK_NETWORKS"); env && *env) {
    try {
      return std::max(1, std::stoi(env));
    } catch (...) {
    }
  }
  return kDefaultNetworks;
}

/// A random network of 2..60 nodes (most small, some large) split into 1..3 parts (links
/// mostly stay inside a part, so some parts are disconnected), with continuous figures and
/// capacities from 0 to 500 Mt/yr.
inline Network varied_network(Rng& rng) {
  const int size_class = uniform(rng, 0, 9);
  const int n = size_class < 5 ? uniform(rng, 2, 8) : size_class < 8 ? uniform(rng, 9, 25) : uniform(rng, 26, 60);
  RandomNetworkShape shape;
  shape.min_nodes = shape.max_nodes = n;
  shape.max_parts = 3;
  shape.min_links_per_node = 0.5;
  shape.max_links_per_node = 3.0;
  shape.extra_links = 0;
  shape.exact_figures = false;
  shape.realistic_capacities = true;
  return random_network(rng, shape);
}

// ---------------------------------------------------------------------------------------
// Per-tonne figures of links and node passes, written here from docs/model.md ("Cost and CO2e
// of a route", "Objectives") and docs/capacity.md (assignment weights), not from src/model.

/// What passing one arc (a link, or a pass through a node) adds to a route, per tonne.
struct Figures {
  double hours = 0.0, km = 0.0, usd = 0.0, co2_kg = 0.0;
};

/// Mode defaults of docs/model.md, g CO2e per tonne-km.
inline double default_intensity(Mode mode) {
  switch (mode) {
    case Mode::Ferry: return 124.8;
    case Mode::Sea: return 8.04;
    case Mode::Rail: return 34.0;
    case Mode::Road: return 90.3;
  }
  return 0.0;
}

/// A link: in-motion hours plus half the headway; its tariff per t, or per TEU over the
/// network's tonnes per TEU, or 0; its distance x intensity / 1000.
inline Figures link_figures(const Network& net, const Link& link) {
  Figures f;
  f.hours = link.hours + (link.departures_per_week ? 168.0 / *link.departures_per_week / 2.0 : 0.0);
  f.km = link.distance_km;
  if (link.cost_usd_per_t) f.usd = *link.cost_usd_per_t;
  else if (link.cost_usd_per_teu && net.tonnes_per_teu) f.usd = *link.cost_usd_per_teu / *net.tonnes_per_teu;
  f.co2_kg = link.distance_km * link.co2_g_per_tkm.value_or(default_intensity(link.mode)) / 1000.0;
  return f;
}

/// A pass through a node: dwell, plus transfer on a mode change; handling where the cargo is
/// lifted (a mode change or a gauge-change node).
inline Figures pass_figures(const Node& node, bool mode_change) {
  Figures f;
  f.hours = node.dwell_hours + (mode_change ? node.transfer_hours : 0.0);
  if (mode_change || node.kind == NodeKind::GaugeChange) f.usd = node.handling_usd_per_t.value_or(0.0);
  return f;
}

/// One objective's weight of those figures. Routes: the table of docs/model.md. Assignments
/// (docs/capacity.md) add the tie-break of 1e-6 USD per hour to cost and generalized.
struct Weigher {
  Objective by = Objective::Time;
  double value_of_time_usd_per_t_day = 0.0;
  double carbon_price_usd_per_t_co2 = 0.0;
  bool assignment = false;
  double operator()(const Figures& f) const {
    const double tie_break = assignment ? 1e-6 * f.hours : 0.0;
    switch (by) {
      case Objective::Time: return f.hours;
      case Objective::Distance: return f.km;
      case Objective::Cost: return f.usd + tie_break;
      case Objective::Co2: return f.co2_kg;
      case Objective::Generalized:
        return f.usd + value_of_time_usd_per_t_day * f.hours / 24.0 + carbon_price_usd_per_t_co2 * f.co2_kg / 1000.0 +
               tie_break;
    }
    return f.hours;
  }
};

constexpr std::int64_t kLemonUnlimited = std::int64_t{1} << 50;  // far above any finite total here

}  // namespace corridor::test::crosscheck
