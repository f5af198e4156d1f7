#pragma once
// Published figures the model is checked against (network/calibration.json, docs/calibration.md):
// end-to-end transit times, corridor capacities or annual volumes, and time ratios between routes.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/enum_table.hpp"
#include "model/query.hpp"

namespace corridor {

/// What a published figure was used for: to set parameters of the network, or only to check it.
enum class CalibrationUse : std::uint8_t { Fitted, Checked };
inline constexpr EnumName<CalibrationUse> kCalibrationUseNames[] = {{CalibrationUse::Fitted, "fitted"},
                                                                     {CalibrationUse::Checked, "checked"}};
static_assert(enum_table_valid(kCalibrationUseNames));
constexpr const auto& enum_table(CalibrationUse) { return kCalibrationUseNames; }

/// What is known about where a figure comes from.
struct PublishedFigure {
  std::string id;          ///< unique, e.g. "T01"
  std::string date;        ///< as published, e.g. "Jan 2024"
  std::string conditions;  ///< e.g. "block train, westbound"
  std::vector<std::string> sources;  ///< keys resolved in docs/data-sources.md
  CalibrationUse use = CalibrationUse::Checked;
  double low = 0.0;   ///< published figure, or the low end of a published range
  double high = 0.0;  ///< equal to low for a single figure
};

/// A published end-to-end transit time in days.
struct CalibrationTime {
  PublishedFigure figure;
  RouteRequest route;  ///< fastest route by time
};

/// A published capacity or annual volume in t/yr, compared with the model's maximum flow.
struct CalibrationCapacity {
  PublishedFigure figure;
  FlowRequest flow;
  bool is_volume = false;  ///< a volume carried: the model's capacity must not be below it
};

/// A published range for the ratio of two transit times (ids of CalibrationTime entries).
struct CalibrationRatio {
  PublishedFigure figure;
  std::string numerator_id, denominator_id;
};

struct CalibrationSet {
  std::string description;
  std::vector<CalibrationTime> times;
  std::vector<CalibrationCapacity> capacities;
  std::vector<CalibrationRatio> ratios;
};

/// The tolerance of the comparison: within 20 % of the published figure or range.
inline constexpr double kCalibrationTolerance = 0.20;

enum class CalibrationKind : std::uint8_t { Time, Capacity, Volume, Ratio };
inline constexpr EnumName<CalibrationKind> kCalibrationKindNames[] = {{CalibrationKind::Time, "time"},
                                                                       {CalibrationKind::Capacity, "capacity"},
                                                                       {CalibrationKind::Volume, "volume"},
                                                                       {CalibrationKind::Ratio, "ratio"}};
static_assert(enum_table_valid(kCalibrationKindNames));
constexpr const auto& enum_table(CalibrationKind) { return kCalibrationKindNames; }

/// One row of the comparison.
struct CalibrationRow {
  CalibrationKind kind = CalibrationKind::Time;
  const PublishedFigure* figure = nullptr;
  std::string what;                ///< e.g. "XIAN -> BAKU (middle)"
  std::optional<double> model;     ///< days, t/yr or a ratio; empty when the model has no answer
  std::optional<double> ratio;     ///< model / published (midpoint of a range)
  bool within = false;             ///< within the tolerance (a volume: model >= (1 - tol) x volume)
};

struct CalibrationReport {
  std::vector<CalibrationRow> rows;
};

/// Compares a model figure with a published one (see CalibrationRow::within).
inline CalibrationRow compare_figure(CalibrationKind kind, const PublishedFigure& figure, std::string what,
                                     std::optional<double> model) {
  CalibrationRow row{kind, &figure, std::move(what), model, std::nullopt, false};
  if (!model) return row;
  const double mid = (figure.low + figure.high) / 2.0;
  if (mid > 0) row.ratio = *model / mid;
  if (kind == CalibrationKind::Volume)
    row.within = *model >= (1.0 - kCalibrationTolerance) * figure.low;
  else
    row.within = *model >= (1.0 - kCalibrationTolerance) * figure.low && *model <= (1.0 + kCalibrationTolerance) * figure.high;
  return row;
}

}  // namespace corridor
