#include "model/delay.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "model/network.hpp"

namespace corridor {

namespace {

double service(const DelayFunction& f, double free_flow_hours) {
  return f.service_hours > 0.0 ? f.service_hours : free_flow_hours;
}

/// Queue delay and its first two derivatives in rho = load / C, below the cap.
double queue_delay(double scale, double rho) { return scale * rho / (1.0 - rho); }
double queue_slope(double scale, double rho) { return scale / ((1.0 - rho) * (1.0 - rho)); }  // per unit rho

}  // namespace

double delay_hours(const DelayFunction& f, double free_flow_hours, double load_tpy) {
  if (f.form == DelayForm::None || f.capacity_tpy <= 0.0 || load_tpy <= 0.0) return 0.0;
  const double rho = load_tpy / f.capacity_tpy;
  if (f.form == DelayForm::Bpr) return free_flow_hours * f.alpha * std::pow(rho, f.beta);
  const double scale = service(f, free_flow_hours) * f.variability;
  const double cap = f.max_utilisation;
  if (rho <= cap) return queue_delay(scale, rho);
  return queue_delay(scale, cap) + queue_slope(scale, cap) * (rho - cap);
}

double delay_slope(const DelayFunction& f, double free_flow_hours, double load_tpy) {
  if (f.form == DelayForm::None || f.capacity_tpy <= 0.0 || load_tpy < 0.0) return 0.0;
  const double rho = load_tpy / f.capacity_tpy;
  if (f.form == DelayForm::Bpr) {
    if (rho == 0.0) return f.beta == 1.0 ? free_flow_hours * f.alpha / f.capacity_tpy : 0.0;
    return free_flow_hours * f.alpha * f.beta * std::pow(rho, f.beta - 1.0) / f.capacity_tpy;
  }
  const double scale = service(f, free_flow_hours) * f.variability;
  return queue_slope(scale, std::min(rho, f.max_utilisation)) / f.capacity_tpy;
}

double delay_curvature(const DelayFunction& f, double free_flow_hours, double load_tpy) {
  if (f.form == DelayForm::None || f.capacity_tpy <= 0.0 || load_tpy <= 0.0) return 0.0;
  const double c = f.capacity_tpy;
  const double rho = load_tpy / c;
  if (f.form == DelayForm::Bpr)
    return free_flow_hours * f.alpha * f.beta * (f.beta - 1.0) * std::pow(rho, f.beta - 2.0) / (c * c);
  if (rho > f.max_utilisation) return 0.0;
  const double scale = service(f, free_flow_hours) * f.variability;
  return 2.0 * scale / ((1.0 - rho) * (1.0 - rho) * (1.0 - rho)) / (c * c);
}

double delay_integral(const DelayFunction& f, double free_flow_hours, double load_tpy) {
  if (f.form == DelayForm::None || f.capacity_tpy <= 0.0 || load_tpy <= 0.0) return 0.0;
  const double c = f.capacity_tpy;
  const double rho = load_tpy / c;
  if (f.form == DelayForm::Bpr) return free_flow_hours * f.alpha * c * std::pow(rho, f.beta + 1.0) / (f.beta + 1.0);
  const double scale = service(f, free_flow_hours) * f.variability;
  const double cap = f.max_utilisation;
  const double below = std::min(rho, cap);
  double integral = scale * c * (-below - std::log1p(-below));
  if (rho > cap) {
    const double over_tpy = (rho - cap) * c;
    integral += queue_delay(scale, cap) * over_tpy + 0.5 * queue_slope(scale, cap) / c * over_tpy * over_tpy;
  }
  return integral;
}

std::optional<DelayFunction> default_delay(DelayElement element, double capacity_tpy, double service_hours) {
  if (capacity_tpy <= 0.0) return std::nullopt;
  DelayFunction f;
  f.capacity_tpy = capacity_tpy;
  f.service_hours = service_hours;
  auto queue = [&](double variability) {
    f.form = DelayForm::Queue;
    f.variability = variability;
    return f;
  };
  // The reasons for each choice are in docs/model.md ("Default delay functions").
  switch (element) {
    case DelayElement::RailLink:
    case DelayElement::RoadLink:
    case DelayElement::Resource: return f;  // BPR 0.15 / 4
    case DelayElement::FerryLink:
    case DelayElement::SeaLink: return queue(0.5);      // leave when full: M/D/1
    case DelayElement::SeaPort:
    case DelayElement::BorderCrossing: return queue(1.0);  // random arrivals and service: M/M/1
    case DelayElement::DryPort:
    case DelayElement::RailTerminal:
    case DelayElement::GaugeChange: return queue(0.75);  // batch handling, M/E2/1
    case DelayElement::Junction: return std::nullopt;
  }
  return std::nullopt;
}

std::optional<DelayFunction> effective_delay(const Link& link) {
  if (link.delay) {
    if (link.delay->form == DelayForm::None) return std::nullopt;
    return *link.delay;
  }
  if (!link.capacity_tpy) return std::nullopt;
  const double capacity = static_cast<double>(*link.capacity_tpy);
  switch (link.mode) {
    case Mode::Rail: return default_delay(DelayElement::RailLink, capacity, 0.0);
    case Mode::Road: return default_delay(DelayElement::RoadLink, capacity, 0.0);
    case Mode::Ferry:
    case Mode::Sea: {
      const double headway = link.departures_per_week && *link.departures_per_week > 0 ? 168.0 / *link.departures_per_week
                                                                                       : link.hours;
      return default_delay(link.mode == Mode::Ferry ? DelayElement::FerryLink : DelayElement::SeaLink, capacity, headway);
    }
  }
  return std::nullopt;
}

std::optional<DelayFunction> effective_delay(const Node& node) {
  if (node.delay) {
    if (node.delay->form == DelayForm::None) return std::nullopt;
    return *node.delay;
  }
  if (!node.capacity_tpy) return std::nullopt;
  const double capacity = static_cast<double>(*node.capacity_tpy);
  const double service = std::max(node.dwell_hours, kDefaultNodeServiceHours);
  switch (node.kind) {
    case NodeKind::SeaPort: return default_delay(DelayElement::SeaPort, capacity, service);
    case NodeKind::DryPort: return default_delay(DelayElement::DryPort, capacity, service);
    case NodeKind::RailTerminal: return default_delay(DelayElement::RailTerminal, capacity, service);
    case NodeKind::BorderCrossing: return default_delay(DelayElement::BorderCrossing, capacity, service);
    case NodeKind::GaugeChange: return default_delay(DelayElement::GaugeChange, capacity, service);
    case NodeKind::Junction: return default_delay(DelayElement::Junction, capacity, service);
  }
  return std::nullopt;
}

double delay_free_flow_hours(const Link& link) { return link.hours; }
double delay_free_flow_hours(const Node& node) { return node.dwell_hours; }

}  // namespace corridor
