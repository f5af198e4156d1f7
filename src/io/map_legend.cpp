#include "io/map_legend.hpp"

#include <array>
#include <cctype>
#include <cmath>

#include "io/map_labels.hpp"
#include "io/report.hpp"
#include "io/text_util.hpp"

namespace corridor::io::detail {
namespace {

constexpr double kLegendFont = 12, kRowHeight = 20;

/// Nice round length for a scale bar of at most `max_km`.
double scale_km(double max_km) {
  static constexpr std::array<double, 10> kSteps = {25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000};
  double best = kSteps.front();
  for (double step : kSteps)
    if (step <= max_km) best = step;
  return best;
}

std::string line_swatch(const std::string& colour, double width, const std::string& extra = {}) {
  return "<path d=\"M1 7H29\" stroke=\"" + colour + "\" stroke-width=\"" + svg_number(width) + "\" fill=\"none\"" +
         extra + "/>";
}

}  // namespace

std::vector<LegendItem> legend_items(const Network& network, const MapHighlights& highlights) {
  const bool has_route = highlights.route != nullptr, has_flow = highlights.flow != nullptr;
  const FlowView& fv = highlights.flow_elements;
  std::vector<LegendItem> legend;
  bool mode_used[kModeCount] = {false, false, false, false};
  bool planned = false;
  for (const Link& link : network.links) {
    mode_used[static_cast<std::size_t>(link.mode)] = true;
    planned = planned || !link.is_open();
  }
  if (has_route) {
    const std::vector<Route>& routes = highlights.route->routes;
    const std::string ends = network.nodes[highlights.route->query.from].id + " \xE2\x86\x92 " +
                             network.nodes[highlights.route->query.to].id;
    const std::vector<std::string>& names = highlights.route_names;
    auto name = [&](std::size_t r) { return r < names.size() ? names[r] : "Route " + std::to_string(r + 1); };
    legend.push_back({line_swatch(kRouteColour, 8, " stroke-linecap=\"round\" opacity=\"0.55\""),
                      (routes.size() > 1 || !names.empty() ? name(0) + " " : "Route ") + ends + ": " +
                          fixed(routes.front().days(), 1) + " days"});
    for (std::size_t r = 1; r < routes.size(); ++r)
      legend.push_back({line_swatch(alternative_colour(r - 1), 6, " stroke-linecap=\"round\" opacity=\"0.6\""),
                        name(r) + ": " + fixed(routes[r].days(), 1) + " days"});
  }
  if (has_flow) {
    legend.push_back(
        {"<path d=\"M1 7H29\" stroke=\"" + std::string(kFlowColour) + "\" stroke-width=\"10\" opacity=\"0.65\"/>",
         "Flow (width \xE2\x88\x9D t/yr; widest " + format_tonnes(fv.max_link_flow) + ")"});
    legend.push_back({"<path d=\"M15 0V14\" stroke=\"" + std::string(kBindingColour) +
                          "\" stroke-width=\"4\"/><path d=\"M1 7H29\" stroke=\"#4a4a4a\" stroke-width=\"1.6\"/>",
                      "Binding capacity (minimum cut)"});
  }
  static constexpr Mode kModes[] = {Mode::Rail, Mode::Ferry, Mode::Sea, Mode::Road};
  for (Mode mode : kModes) {
    if (!mode_used[static_cast<std::size_t>(mode)]) continue;
    std::string text(to_string(mode));
    text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    legend.push_back({line_swatch(mode_colour(mode), 2.2), text});
  }
  if (planned) legend.push_back({line_swatch("#4a4a4a", 2.2, " stroke-dasharray=\"6 4\""), "Planned"});
  legend.push_back(
      {"<circle cx=\"15\" cy=\"7\" r=\"4.6\" fill=\"#1565c0\" stroke=\"#fff\" stroke-width=\"1.4\"/>", "Sea port"});
  legend.push_back({"<circle cx=\"15\" cy=\"7\" r=\"4.6\" fill=\"#222\" stroke=\"#fff\" stroke-width=\"1.4\"/>",
                    "Rail terminal / dry port"});
  legend.push_back({"<path d=\"M15 2.4L19.6 7L15 11.6L10.4 7Z\" fill=\"#fff\" stroke=\"#222\" stroke-width=\"1.3\"/>",
                    "Border crossing"});
  legend.push_back(
      {"<path d=\"M15 2.4L19.6 7L15 11.6L10.4 7Z\" fill=\"#9e9e9e\" stroke=\"#222\" stroke-width=\"1.3\"/>",
       "Gauge change"});
  legend.push_back(
      {"<circle cx=\"15\" cy=\"7\" r=\"2.8\" fill=\"#fff\" stroke=\"#333\" stroke-width=\"1.3\"/>", "Junction"});
  return legend;
}

LegendLayout lay_out_legend(const std::vector<LegendItem>& items, double width_px) {
  // Flow legend items wrap onto rows of the strip.
  LegendLayout layout;
  double lx = 10, ly = 8;
  for (const LegendItem& item : items) {
    const double w = 36 + text_width(item.text, kLegendFont, false) + 16;
    if (lx + w > width_px - 10 && lx > 10) {
      lx = 10;
      ly += kRowHeight;
    }
    layout.slots.push_back({lx, ly});
    lx += w;
  }
  layout.strip_height_px = ly + kRowHeight + 26;
  return layout;
}

void append_legend_svg(std::string& out, const MapView& view, const std::vector<LegendItem>& items,
                       const LegendLayout& layout) {
  const double strip = layout.strip_height_px;
  out.append("<g class=\"legend\" transform=\"translate(0 ").append(svg_number(view.height)).append(")\">\n");
  for (std::size_t i = 0; i < items.size(); ++i) {
    out.append("<g transform=\"translate(")
        .append(svg_number(layout.slots[i].x))
        .append(" ")
        .append(svg_number(layout.slots[i].y))
        .append(")\">");
    out.append(items[i].swatch)
        .append("<text x=\"36\" y=\"11.5\" font-size=\"")
        .append(svg_number(kLegendFont))
        .append("\">");
    out.append(xml_escape(items[i].text)).append("</text></g>\n");
  }
  // Scale bar (true along meridians and at 42 deg N) and attribution on the last row.
  const double px_per_km = view.scale / kKmPerUnit;
  const double km = scale_km(view.width * 0.16 / px_per_km);
  const double bar = km * px_per_km;
  const double sy = strip - 12;
  const double sx = view.width - 10 - bar;
  out.append("<g class=\"scale-bar\"><path d=\"M")
      .append(svg_number(sx))
      .append(" ")
      .append(svg_number(sy - 6))
      .append("V");
  out.append(svg_number(sy)).append("H").append(svg_number(sx + bar)).append("V").append(svg_number(sy - 6));
  out.append("\" fill=\"none\" stroke=\"#222\" stroke-width=\"1.5\"/><path d=\"M").append(svg_number(sx + bar / 2));
  out.append(" ")
      .append(svg_number(sy - 4))
      .append("V")
      .append(svg_number(sy))
      .append("\" stroke=\"#222\" stroke-width=\"1\"/>");
  out.append("<text x=\"")
      .append(svg_number(sx - 6))
      .append("\" y=\"")
      .append(svg_number(sy))
      .append("\" font-size=\"11\" text-anchor=\"end\">0</text>");
  out.append("<text x=\"")
      .append(svg_number(sx + bar))
      .append("\" y=\"")
      .append(svg_number(sy - 9))
      .append("\" font-size=\"11\" text-anchor=\"end\">");
  out.append(thousands(std::llround(km))).append(" km</text></g>\n");
  out.append("<text class=\"attribution\" x=\"10\" y=\"")
      .append(svg_number(sy))
      .append("\" font-size=\"10\" fill=\"#555\">");
  out.append(
      "Country outlines: Natural Earth (public domain). Equirectangular projection, scale true along "
      "meridians and at 42\xC2\xB0N.</text>\n");
  out.append("</g>\n");
}

}  // namespace corridor::io::detail
