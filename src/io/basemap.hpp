#pragma once
// Country outlines drawn under the network on the maps of `corridor report` and
// `corridor map`: network/basemap/countries-50m.geojson in the data directory (Natural
// Earth, public domain; see network/basemap/README.md).

#include <string>
#include <vector>

namespace corridor::io {

struct GeoPoint {
  double lon = 0.0;
  double lat = 0.0;
};

/// A rectangle in degrees.
struct GeoBox {
  double west = 0.0, south = 0.0, east = 0.0, north = 0.0;
};

struct Country {
  std::string name;
  std::string iso_numeric;  ///< ISO 3166-1 numeric ("268"), empty when none
  /// Polygons; each is an outer ring followed by its holes; rings are closed.
  std::vector<std::vector<std::vector<GeoPoint>>> polygons;
  GeoPoint label;     ///< where its name goes
  double area = 0.0;  ///< of its largest polygon, in square degrees
};

struct PlaceLabel {
  std::string name;
  GeoPoint at;
};

struct Basemap {
  GeoBox box;  ///< the region the outlines cover
  std::vector<Country> countries;
  std::vector<PlaceLabel> seas;
  std::string source;  ///< provenance, printed on the maps
  std::string license;
};

/// The shipped basemap file inside a data directory.
std::string basemap_path(const std::string& data_dir);

/// Loads a basemap file. Throws InputError (E-FILE with a hint when it is missing,
/// E-SYNTAX / E-TYPE when it is not a basemap).
Basemap load_basemap(const std::string& path);

}  // namespace corridor::io
