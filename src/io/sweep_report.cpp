#include "io/sweep_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "io/text_util.hpp"

namespace corridor::io {

using detail::csv_field;
using detail::fixed;
using detail::thousands;
using detail::xml_escape;

namespace {

/// A figure's value: whole thousands for tonnes, two decimals for days, shares and draws.
std::string value_text(double value) {
  if (std::fabs(value) >= 1000) return thousands(std::llround(value));
  return fixed(value, 2);
}

std::string percent(double share, int decimals = 1) {
  return fixed(100.0 * share, decimals) + " %";
}

/// For an outcome met in no sample or in every one, the sentence saying so (no input can move
/// it, so there is no sensitivity to rank); nullopt otherwise.
std::optional<std::string> settled_text(const OutcomeSummary& outcome, std::int64_t samples) {
  if (samples <= 0 || (outcome.met > 0 && outcome.met < samples)) return std::nullopt;
  return std::string(outcome.met == 0 ? "it is met in none of the " : "it is met in every one of the ") +
         thousands(samples) + " samples, whatever the inputs.";
}

std::string pad(std::string text, std::size_t width, bool right = false) {
  if (text.size() >= width) return text;
  return right ? std::string(width - text.size(), ' ') + text : text + std::string(width - text.size(), ' ');
}

/// Standard error of an outcome's swing: the two shares are independent binomial estimates.
double swing_standard_error(const InputEffect& e) {
  auto variance = [](double p, std::int64_t n) { return n > 0 ? p * (1.0 - p) / static_cast<double>(n) : 0.0; };
  return std::sqrt(variance(e.low_mean, e.low_count) + variance(e.high_mean, e.high_count));
}

/// The tables: outcome probabilities, figure percentiles, input draws, rankings of the outcomes.
std::string render_table(const Sweep& sweep, const SweepSummary& s) {
  std::ostringstream out;
  out << "Sweep \"" << s.name << "\": " << thousands(s.samples) << " samples (seed " << s.seed << ")\n";
  if (!s.outcomes.empty()) out << "Outcomes (probability, standard error):\n";
  for (const OutcomeSummary& o : s.outcomes)
    out << "  P(" << o.name << ") = " << percent(o.probability) << " (standard error " << percent(o.standard_error, 2)
        << "; " << thousands(o.met) << " of " << thousands(s.samples) << " samples)\n";
  out << "Recorded figures:\n";
  const std::vector<std::string> head{"figure", "answered", "mean", "P5", "P25", "P50", "P75", "P95"};
  std::size_t name_width = 6;
  for (const FigureSummary& f : s.figures) name_width = std::max(name_width, f.name.size());
  out << "  " << pad(head[0], name_width);
  for (std::size_t i = 1; i < head.size(); ++i) out << "  " << pad(head[i], 12, true);
  out << "\n";
  for (const FigureSummary& f : s.figures) {
    out << "  " << pad(f.name, name_width) << "  " << pad(thousands(f.answered), 12, true);
    for (double v : {f.mean, f.p5, f.p25, f.p50, f.p75, f.p95}) out << "  " << pad(value_text(v), 12, true);
    out << "\n";
  }
  for (std::size_t o = 0; o < s.rankings.size(); ++o) {
    const SensitivityRanking& ranking = s.rankings[o];
    if (!ranking.is_outcome) continue;
    if (const auto settled = settled_text(s.outcomes[o], s.samples)) {
      out << "What moves \"" << ranking.target << "\": nothing; " << *settled << "\n";
      continue;
    }
    out << "What moves \"" << ranking.target
        << "\" most (P when the input is low / high, the swing with its standard error; Spearman rank correlation):\n";
    int rank = 0;
    for (const InputEffect& e : ranking.effects) {
      const SweepInput& input = sweep.inputs[e.input];
      out << "  " << pad(std::to_string(++rank), 2, true) << "  " << pad(input.id, 22)
          << pad(percent(e.low_mean), 8, true) << " -> " << pad(percent(e.high_mean), 8, true) << "  swing "
          << pad(fixed(100.0 * e.swing(), 1), 6, true) << " +- "
          << pad(fixed(100.0 * swing_standard_error(e), 1), 4, true) << " pts  rho "
          << pad(fixed(e.rank_correlation, 3), 6, true) << "  " << input.distribution.describe() << "\n";
    }
  }
  return out.str();
}

nlohmann::json figure_json(const FigureSummary& f) {
  return {{"name", f.name}, {"answered", f.answered}, {"mean", f.mean}, {"sd", f.sd},   {"min", f.min}, {"p5", f.p5},
          {"p25", f.p25},   {"p50", f.p50},           {"p75", f.p75},   {"p95", f.p95}, {"max", f.max}};
}

std::string render_json(const Sweep& sweep, const SweepSummary& s) {
  nlohmann::json out = {{"sweep", s.name}, {"seed", s.seed}, {"samples", s.samples}};
  out["outcomes"] = nlohmann::json::array();
  for (const OutcomeSummary& o : s.outcomes)
    out["outcomes"].push_back({{"id", o.id},
                               {"name", o.name},
                               {"met", o.met},
                               {"probability", o.probability},
                               {"standard_error", o.standard_error}});
  out["figures"] = nlohmann::json::array();
  for (const FigureSummary& f : s.figures) out["figures"].push_back(figure_json(f));
  out["inputs"] = nlohmann::json::array();
  for (std::size_t i = 0; i < s.inputs.size(); ++i) {
    nlohmann::json input = figure_json(s.inputs[i]);
    input["distribution"] = sweep.inputs[i].distribution.describe();
    input["sources"] = sweep.inputs[i].sources;
    if (!sweep.inputs[i].estimate.empty()) input["estimate"] = sweep.inputs[i].estimate;
    out["inputs"].push_back(std::move(input));
  }
  out["sensitivity"] = nlohmann::json::array();
  for (const SensitivityRanking& r : s.rankings) {
    nlohmann::json ranking = {{"target", r.target}, {"kind", r.is_outcome ? "outcome" : "figure"}};
    ranking["inputs"] = nlohmann::json::array();
    for (const InputEffect& e : r.effects)
      ranking["inputs"].push_back({{"input", sweep.inputs[e.input].id},
                                   {"low_mean", e.low_mean},
                                   {"high_mean", e.high_mean},
                                   {"swing", e.swing()},
                                   {"low_samples", e.low_count},
                                   {"high_samples", e.high_count},
                                   {"rank_correlation", e.rank_correlation}});
    out["sensitivity"].push_back(std::move(ranking));
  }
  return out.dump(2) + "\n";
}

std::string render_csv(const Sweep& sweep, const SweepSummary& s) {
  std::ostringstream out;
  out << "section,target,input,samples,value,standard_error,mean,sd,p5,p25,p50,p75,p95,min,max,low_mean,high_mean,"
         "swing,rank_correlation\r\n";
  // Ten significant digits: the binary noise of a mean or a difference (0.039999999999999925)
  // is not a figure; lines end in CRLF like every other CSV (docs/outputs.md).
  auto num = [](double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.10g", v);
    return std::string(text);
  };
  for (const OutcomeSummary& o : s.outcomes)
    out << "outcome," << csv_field(o.id) << ",," << s.samples << ',' << num(o.probability) << ','
        << num(o.standard_error) << ",,,,,,,,,,,,,\r\n";
  auto figure_row = [&](const char* section, const FigureSummary& f) {
    out << section << ',' << csv_field(f.name) << ",," << f.answered << ",,," << num(f.mean) << ',' << num(f.sd) << ','
        << num(f.p5) << ',' << num(f.p25) << ',' << num(f.p50) << ',' << num(f.p75) << ',' << num(f.p95) << ','
        << num(f.min) << ',' << num(f.max) << ",,,,\r\n";
  };
  for (const FigureSummary& f : s.figures) figure_row("figure", f);
  for (const FigureSummary& f : s.inputs) figure_row("input", f);
  for (const SensitivityRanking& r : s.rankings)
    for (const InputEffect& e : r.effects)
      out << "sensitivity," << csv_field(r.target) << ',' << csv_field(sweep.inputs[e.input].id) << ','
          << (e.low_count + e.high_count) << ",,,,,,,,,,,," << num(e.low_mean) << ',' << num(e.high_mean) << ','
          << num(e.swing()) << ',' << num(e.rank_correlation) << "\r\n";
  return out.str();
}

/// A tornado chart of one ranking: a bar per input from its low-case to its high-case mean.
std::string tornado_svg(const Sweep& sweep, const SensitivityRanking& r, double centre) {
  const int width = 760, label = 230, row = 26, top = 30;
  const int height = top + row * static_cast<int>(r.effects.size()) + 20;
  double lo = centre, hi = centre;
  for (const InputEffect& e : r.effects) {
    lo = std::min({lo, e.low_mean, e.high_mean});
    hi = std::max({hi, e.low_mean, e.high_mean});
  }
  if (r.is_outcome) {  // probabilities: from 0 to a little beyond the largest, at most 100 %
    lo = 0.0;
    hi = std::min(1.0, 1.15 * hi);
  }
  if (hi <= lo) hi = lo + 1.0;
  const double plot = width - label - 20;
  auto x = [&](double v) { return label + plot * (v - lo) / (hi - lo); };
  auto shown = [&](double v) { return r.is_outcome ? percent(v) : value_text(v); };
  std::ostringstream svg;
  svg << "<svg class=\"tornado\" data-target=\"" << xml_escape(r.target) << "\" viewBox=\"0 0 " << width << ' '
      << height << "\" width=\"" << width << "\" height=\"" << height << "\" role=\"img\">\n";
  svg << "<line x1=\"" << fixed(x(centre), 1) << "\" y1=\"" << top - 8 << "\" x2=\"" << fixed(x(centre), 1)
      << "\" y2=\"" << height - 14 << "\" stroke=\"#333\" stroke-dasharray=\"4 3\"/>\n";
  svg << "<text x=\"" << fixed(x(centre), 1) << "\" y=\"" << top - 12 << "\" text-anchor=\"middle\">all samples "
      << shown(centre) << "</text>\n";
  for (const double end : {lo, hi})  // the scale's ends, under the bars
    svg << "<text class=\"axis\" x=\"" << fixed(x(end), 1) << "\" y=\"" << height - 2 << "\" text-anchor=\"middle\">"
        << shown(end) << "</text>\n";
  for (std::size_t i = 0; i < r.effects.size(); ++i) {
    const InputEffect& e = r.effects[i];
    const double a = x(std::min(e.low_mean, e.high_mean)), b = x(std::max(e.low_mean, e.high_mean));
    const int y = top + row * static_cast<int>(i);
    const std::string& id = sweep.inputs[e.input].id;
    svg << "<text x=\"" << label - 6 << "\" y=\"" << y + 15 << "\" text-anchor=\"end\">" << xml_escape(id)
        << "</text>\n";
    svg << "<rect class=\"bar\" data-input=\"" << xml_escape(id) << "\" data-swing=\"" << fixed(e.swing(), 6)
        << "\" x=\"" << fixed(a, 1) << "\" y=\"" << y + 3 << "\" width=\"" << fixed(std::max(1.0, b - a), 1)
        << "\" height=\"" << row - 8 << "\" fill=\"" << (e.swing() >= 0 ? "#2a7ab0" : "#c0504d") << "\"><title>"
        << xml_escape(id) << ": low " << shown(e.low_mean) << ", high " << shown(e.high_mean) << "</title></rect>\n";
  }
  svg << "</svg>\n";
  return svg.str();
}

std::string render_html(const Sweep& sweep, const SweepSummary& s) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" << xml_escape(s.name)
      << "</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}"
         "table{border-collapse:collapse}td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:right}"
         "td:first-child,th:first-child{text-align:left}.probability{font-size:2em;font-weight:bold}"
         "svg text{font-size:12px}</style></head><body>\n";
  out << "<h1>" << xml_escape(s.name) << "</h1>\n<p>" << xml_escape(sweep.description) << "</p>\n<p>"
      << thousands(s.samples) << " samples, seed " << s.seed << ".</p>\n";
  out << "<section id=\"outcomes\"><h2>Outcomes</h2>\n";
  for (const OutcomeSummary& o : s.outcomes)
    out << "<div class=\"outcome\" data-outcome=\"" << xml_escape(o.id) << "\" data-probability=\""
        << fixed(o.probability, 6) << "\"><span class=\"probability\">" << percent(o.probability) << "</span> "
        << xml_escape(o.name) << " (standard error " << percent(o.standard_error, 2) << ")</div>\n";
  out << "</section>\n<section id=\"sensitivity\"><h2>What moves the outcome most</h2>\n"
         "<p>Each bar spans the outcome's probability over the samples where the input is low (not delivered, or at "
         "or below its median) and where it is high; longest first.</p>\n";
  for (std::size_t o = 0; o < s.rankings.size(); ++o)
    if (s.rankings[o].is_outcome) {
      out << "<h3>" << xml_escape(s.outcomes[o].name) << "</h3>\n";
      if (const auto settled = settled_text(s.outcomes[o], s.samples)) out << "<p class=\"settled\">" << xml_escape(*settled) << "</p>\n";
      else out << tornado_svg(sweep, s.rankings[o], s.outcomes[o].probability);
    }
  out << "</section>\n<section id=\"figures\"><h2>Recorded figures</h2>\n<table><tr><th>figure</th><th>answered</th>"
         "<th>mean</th><th>P5</th><th>P50</th><th>P95</th></tr>\n";
  for (const FigureSummary& f : s.figures)
    out << "<tr><td>" << xml_escape(f.name) << "</td><td>" << thousands(f.answered) << "</td><td>" << value_text(f.mean)
        << "</td><td>" << value_text(f.p5) << "</td><td>" << value_text(f.p50) << "</td><td>" << value_text(f.p95)
        << "</td></tr>\n";
  out << "</table></section>\n<section id=\"inputs\"><h2>Uncertain inputs</h2>\n<table><tr><th>input</th>"
         "<th>distribution</th><th>mean draw</th><th>sources or estimate</th></tr>\n";
  for (std::size_t i = 0; i < sweep.inputs.size(); ++i) {
    const SweepInput& input = sweep.inputs[i];
    std::string sources;
    for (const std::string& source : input.sources) sources += (sources.empty() ? "" : ", ") + source;
    if (!input.estimate.empty()) sources += (sources.empty() ? "estimate: " : "; estimate: ") + input.estimate;
    out << "<tr><td>" << xml_escape(input.name) << "</td><td>" << xml_escape(input.distribution.describe())
        << "</td><td>" << value_text(s.inputs[i].mean) << "</td><td>" << xml_escape(sources) << "</td></tr>\n";
  }
  out << "</table></section>\n</body></html>\n";
  return out.str();
}

}  // namespace

std::string render_sweep_summary(const Sweep& sweep, const SweepSummary& summary, SweepFormat format) {
  switch (format) {
    case SweepFormat::Table:
      return render_table(sweep, summary);
    case SweepFormat::Json:
      return render_json(sweep, summary);
    case SweepFormat::Csv:
      return render_csv(sweep, summary);
    case SweepFormat::Html:
      return render_html(sweep, summary);
  }
  return {};
}

}  // namespace corridor::io
