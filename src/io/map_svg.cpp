#include "io/map_svg.hpp"

#include <cassert>

#include <string>
#include <string_view>
#include <vector>

#include "io/map_labels.hpp"
#include "io/map_layers.hpp"
#include "io/map_legend.hpp"
#include "io/map_projection.hpp"
#include "io/text_util.hpp"

// The parts of a map: map_projection.cpp (projection, link geometry, the basemap's outlines and
// the regions of the maps), map_layers.cpp (network, route, flow), map_labels.cpp (placing the
// labels), map_legend.cpp (legend strip and scale bar). This file puts them together in order.

namespace corridor::io {

using detail::decimal;
using detail::svg_number;
using detail::xml_escape;

std::string map_svg(const Network& network, const Basemap& basemap, const MapOptions& options) {
  const detail::MapView view = detail::make_view(options.box, basemap.box, options.width);
  const detail::MapHighlights highlights = detail::map_highlights(network, options);

  // Legend items first: the legend strip below the map needs its height.
  std::vector<detail::LegendItem> legend;
  if (options.legend) legend = detail::legend_items(network, highlights);
  const detail::LegendLayout legend_layout = detail::lay_out_legend(legend, view.width);
  const double strip = options.legend ? legend_layout.strip_height_px : 0;
  const double total_height = view.height + strip;

  std::string out;
  out.reserve(64 * 1024);
  out.append("<svg class=\"map\" id=\"").append(xml_escape(options.id)).append("\" viewBox=\"0 0 ");
  out.append(svg_number(view.width))
      .append(" ")
      .append(svg_number(total_height))
      .append("\" width=\"")
      .append(svg_number(view.width));
  out.append("\" height=\"").append(svg_number(total_height)).append("\" role=\"img\" aria-label=\"");
  out.append(xml_escape(options.title)).append("\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n");
  out.append("<title>").append(xml_escape(options.title)).append("</title>\n");
  const std::string clip = options.id + "-clip";
  out.append("<defs><clipPath id=\"")
      .append(xml_escape(clip))
      .append("\"><rect width=\"")
      .append(svg_number(view.width));
  out.append("\" height=\"").append(svg_number(view.height)).append("\"/></clipPath></defs>\n");
  out.append("<g clip-path=\"url(#").append(xml_escape(clip)).append(")\">\n");
  out.append("<rect class=\"sea\" width=\"")
      .append(svg_number(view.width))
      .append("\" height=\"")
      .append(svg_number(view.height));
  out.append("\" fill=\"#cfe2ef\"/>\n");
  const double k = view.scale / detail::kBasemapUnit;
  out.append("<g class=\"countries\"><use href=\"#basemap\" transform=\"matrix(").append(decimal(k, 6)).append(" 0 0 ");
  out.append(decimal(k, 6)).append(" ").append(decimal(-view.x0 * view.scale, 3)).append(" ");
  out.append(decimal(-view.y0 * view.scale, 3)).append(")\"/></g>\n");

  // Collect labels: nodes (with route days), binding capacities, then areas (seas, countries).
  detail::LabelPlacer placer(view);
  std::vector<detail::MapLabel> labels;
  detail::add_node_labels(network, view, highlights, placer, labels);

  // Flow bands (under the links), route bands, links, binding marks.
  const std::string bands = detail::highlight_bands_svg(network, view, highlights);
  const detail::LinkLayers link_layers = detail::link_layers_svg(network, view, highlights, placer, labels);
  detail::add_area_labels(view, basemap, labels);
  const std::vector<detail::PlacedLabel> placed = placer.place(labels);

  // Area labels go under the network, the others on top.
  std::vector<detail::PlacedLabel> area_labels, node_labels;
  for (const detail::PlacedLabel& p : placed) (p.label->centred ? area_labels : node_labels).push_back(p);
  detail::emit_labels(out, area_labels);
  out.append("<g class=\"overlay\">\n").append(bands).append("</g>\n");
  out.append("<g class=\"links\">\n").append(link_layers.links).append("</g>\n");
  out.append("<g class=\"marks\">\n").append(link_layers.marks).append("</g>\n");
  out.append("<g class=\"nodes\">\n").append(detail::node_layer_svg(network, view, highlights));
  out.append("</g>\n<g class=\"labels\">\n");
  detail::emit_labels(out, node_labels);
  out.append("</g>\n</g>\n");
  out.append("<rect class=\"frame\" width=\"")
      .append(svg_number(view.width))
      .append("\" height=\"")
      .append(svg_number(view.height));
  out.append("\" fill=\"none\" stroke=\"#7d8b96\" stroke-width=\"1\"/>\n");

  if (options.legend) detail::append_legend_svg(out, view, legend, legend_layout);
  out.append("</svg>\n");
  return out;
}

std::string map_svg_file(const Network& network, const Basemap& basemap, const MapOptions& options) {
  const std::string map = map_svg(network, basemap, options);
  assert(map.rfind("<svg ", 0) == 0);
  const std::string_view text(map);
  const std::size_t tag_end = text.find('>') + 1;
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"";
  out += text.substr(4, tag_end - 4);  // the rest of the root's opening tag
  out += '\n';
  out += basemap_defs_svg(basemap);
  out += text.substr(tag_end);
  return out;
}

}  // namespace corridor::io
