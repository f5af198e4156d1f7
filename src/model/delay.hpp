#pragma once
// Load-dependent delay (docs/model.md, "Congestion"): plain math, no solver. A delay function
// gives the hours one tonne waits at an element (link or node) on top of its free-flow time,
// as a function of the element's annual load. Two forms:
//  - BPR (Bureau of Public Roads): delay = free_flow_hours x alpha x (load / C)^beta;
//  - queue (Kingman / M/D/1 type): delay = service_hours x variability x rho / (1 - rho) with
//    rho = load / C, continued by its tangent beyond rho = max_utilisation (the documented cap:
//    finite, convex, increasing for every load).
// Both are convex and non-decreasing in the load, so the equilibrium is unique in loads.

#include <cstdint>
#include <optional>
#include <string_view>

#include "model/enum_table.hpp"

namespace corridor {

enum class DelayForm : std::uint8_t { Bpr, Queue, None };
inline constexpr EnumName<DelayForm> kDelayFormNames[] = {{DelayForm::Bpr, "bpr"}, {DelayForm::Queue, "queue"}, {DelayForm::None, "none"}};
static_assert(enum_table_valid(kDelayFormNames));
constexpr const auto& enum_table(DelayForm) { return kDelayFormNames; }

struct DelayFunction {
  DelayForm form = DelayForm::Bpr;
  double capacity_tpy = 0.0;  ///< practical capacity C (> 0); not a hard limit
  double alpha = 0.15;        ///< BPR
  double beta = 4.0;          ///< BPR
  /// Queue: hours of one service (a ferry's headway, a station's batch cycle); 0 = the element's
  /// free-flow time.
  double service_hours = 0.0;
  /// Queue: (ca^2 + cs^2) / 2 of Kingman's formula; 0.5 = Poisson arrivals, deterministic
  /// service (M/D/1), 1 = M/M/1.
  double variability = 0.5;
  double max_utilisation = 0.95;  ///< queue: beyond this the delay grows linearly (the cap)
  // Spelled out, not defaulted: the LEMON peer (tests/benchmarks) includes the model as C++17.
  friend bool operator==(const DelayFunction& a, const DelayFunction& b) {
    return a.form == b.form && a.capacity_tpy == b.capacity_tpy && a.alpha == b.alpha && a.beta == b.beta &&
           a.service_hours == b.service_hours && a.variability == b.variability &&
           a.max_utilisation == b.max_utilisation;
  }
};

/// Delay in hours per tonne at `load_tpy`, for an element whose free-flow time is
/// `free_flow_hours` (a link's hours, a node's dwell). 0 at zero load; never negative.
double delay_hours(const DelayFunction& f, double free_flow_hours, double load_tpy);
/// d delay / d load (hours per tonne per t/yr), >= 0.
double delay_slope(const DelayFunction& f, double free_flow_hours, double load_tpy);
/// d^2 delay / d load^2, >= 0 (the functions are convex).
double delay_curvature(const DelayFunction& f, double free_flow_hours, double load_tpy);
/// The integral of delay_hours from 0 to `load_tpy` (hours x t/yr): the Beckmann objective term.
double delay_integral(const DelayFunction& f, double free_flow_hours, double load_tpy);

/// Default delay functions per element kind (docs/model.md justifies them) for an element with a
/// finite capacity; std::nullopt = no load-dependent delay by default.
enum class DelayElement : std::uint8_t { RailLink, RoadLink, FerryLink, SeaLink, SeaPort, DryPort, RailTerminal,
                                         BorderCrossing, GaugeChange, Junction, Resource };
std::optional<DelayFunction> default_delay(DelayElement element, double capacity_tpy, double service_hours);

struct Link;
struct Node;
/// THE delay function of an element: its own `delay` (none when its function is "none"), else
/// the default for its kind when it has a capacity_tpy, else none. Default service times: a
/// ferry's or sea link's headway (168 / departures_per_week, else its hours); a node's dwell,
/// at least kDefaultNodeServiceHours.
std::optional<DelayFunction> effective_delay(const Link& link);
std::optional<DelayFunction> effective_delay(const Node& node);
/// The free-flow time a delay function scales: a link's `hours`, a node's `dwell_hours`.
double delay_free_flow_hours(const Link& link);
double delay_free_flow_hours(const Node& node);
/// One handling cycle of a train or vessel at a station or port without a longer dwell (an
/// estimate to be calibrated, docs/calibration.md).
inline constexpr double kDefaultNodeServiceHours = 24.0;

}  // namespace corridor
