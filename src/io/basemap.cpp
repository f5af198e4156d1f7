#include "io/basemap.hpp"

#include <filesystem>

#include "io/json_reader.hpp"
#include "io/text_file.hpp"

namespace corridor::io {
namespace {

using detail::json;

bool read_point(const json& value, GeoPoint& point) {
  if (!value.is_array() || value.size() < 2 || !value[0].is_number() || !value[1].is_number()) return false;
  point.lon = value[0].get<double>();
  point.lat = value[1].get<double>();
  return point.lon >= -180.0 && point.lon <= 180.0 && point.lat >= -90.0 && point.lat <= 90.0;
}

bool read_ring(const json& value, std::vector<GeoPoint>& ring) {
  if (!value.is_array() || value.size() < 4) return false;
  ring.reserve(value.size());
  for (const json& position : value) {
    GeoPoint point;
    if (!read_point(position, point)) return false;
    ring.push_back(point);
  }
  return true;
}

/// Polygon or MultiPolygon coordinates into `country`; false when malformed.
bool read_geometry(const json& geometry, Country& country) {
  if (!geometry.is_object() || !geometry.contains("type") || !geometry.contains("coordinates")) return false;
  const json& coordinates = geometry["coordinates"];
  if (!coordinates.is_array()) return false;
  std::vector<const json*> polygons;
  if (geometry["type"] == "Polygon")
    polygons.push_back(&coordinates);
  else if (geometry["type"] == "MultiPolygon")
    for (const json& polygon : coordinates) polygons.push_back(&polygon);
  else
    return false;
  for (const json* polygon : polygons) {
    if (!polygon->is_array() || polygon->empty()) return false;
    std::vector<std::vector<GeoPoint>> rings;
    for (const json& ring_value : *polygon) {
      std::vector<GeoPoint> ring;
      if (!read_ring(ring_value, ring)) return false;
      rings.push_back(std::move(ring));
    }
    country.polygons.push_back(std::move(rings));
  }
  return true;
}

}  // namespace

std::string basemap_path(const std::string& data_dir) {
  return data_dir + "/network/basemap/countries-50m.geojson";
}

Basemap load_basemap(const std::string& path) {
  DiagnosticSink sink(path);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    sink.error("E-FILE", "",
               "cannot open the basemap (country outlines for maps): no such file; it ships as "
               "network/basemap/countries-50m.geojson in the data directory (set CORRIDOR_DATA_DIR to the "
               "directory that holds network/)");
    sink.throw_if_errors();
  }
  const std::string text = read_text_file(path);
  const json root = detail::parse_json(text, sink);
  Basemap map;
  if (!root.is_object() || root.value("type", "") != "FeatureCollection" || !root.contains("features") ||
      !root["features"].is_array()) {
    sink.error("E-TYPE", "", "a basemap must be a GeoJSON FeatureCollection of country polygons");
    sink.throw_if_errors();
  }
  map.box = {-180.0, -90.0, 180.0, 90.0};
  if (const auto bbox = root.find("bbox"); bbox != root.end()) {
    if (!bbox->is_array() || bbox->size() != 4 || !(*bbox)[0].is_number() || !(*bbox)[1].is_number() ||
        !(*bbox)[2].is_number() || !(*bbox)[3].is_number()) {
      sink.error("E-TYPE", "/bbox", "bbox must be [west, south, east, north]");
    } else {
      map.box = {(*bbox)[0].get<double>(), (*bbox)[1].get<double>(), (*bbox)[2].get<double>(),
                 (*bbox)[3].get<double>()};
    }
  }
  if (root.contains("source") && root["source"].is_string()) map.source = root["source"].get<std::string>();
  if (root.contains("license") && root["license"].is_string()) map.license = root["license"].get<std::string>();
  if (const auto seas = root.find("seas"); seas != root.end() && seas->is_array()) {
    for (std::size_t i = 0; i < seas->size(); ++i) {
      const json& sea = (*seas)[i];
      if (!sea.is_object() || !sea.contains("name") || !sea["name"].is_string() || !sea.contains("lon") ||
          !sea["lon"].is_number() || !sea.contains("lat") || !sea["lat"].is_number()) {
        sink.error("E-TYPE", "/seas/" + std::to_string(i), "a sea label needs a name, lon and lat");
        continue;
      }
      map.seas.push_back({sea["name"].get<std::string>(), {sea["lon"].get<double>(), sea["lat"].get<double>()}});
    }
  }
  const json& features = root["features"];
  for (std::size_t i = 0; i < features.size(); ++i) {
    const json& feature = features[i];
    const std::string pointer = "/features/" + std::to_string(i);
    Country country;
    if (!feature.is_object() || !feature.contains("geometry") || !read_geometry(feature["geometry"], country)) {
      sink.error("E-TYPE", pointer + "/geometry", "expected a Polygon or MultiPolygon with [lon, lat] positions");
      continue;
    }
    if (feature.contains("id") && feature["id"].is_string()) country.iso_numeric = feature["id"].get<std::string>();
    if (const auto properties = feature.find("properties"); properties != feature.end() && properties->is_object()) {
      if (properties->contains("name") && (*properties)["name"].is_string())
        country.name = (*properties)["name"].get<std::string>();
      if (properties->contains("label")) read_point((*properties)["label"], country.label);
      if (properties->contains("area") && (*properties)["area"].is_number())
        country.area = (*properties)["area"].get<double>();
    }
    map.countries.push_back(std::move(country));
  }
  sink.throw_if_errors();
  return map;
}

}  // namespace corridor::io
