#include "io/network_writer.hpp"

#include <algorithm>
#include <charconv>

#include <nlohmann/json.hpp>

namespace corridor::io {
namespace {

/// Appends JSON members to a string; fast for the plain ASCII ids of large generated files.
class JsonLine {
 public:
  explicit JsonLine(std::string& out) : out_(out) {}

  void key(std::string_view name) {
    out_ += first_ ? "{\"" : ",\"";
    first_ = false;
    out_ += name;
    out_ += "\":";
  }
  void string(std::string_view name, std::string_view value) {
    key(name);
    quoted(value);
  }
  void number(std::string_view name, double value) {
    key(name);
    shortest(value);
  }
  void integer(std::string_view name, std::int64_t value) {
    key(name);
    out_ += std::to_string(value);
  }
  void boolean(std::string_view name, bool value) {
    key(name);
    out_ += value ? "true" : "false";
  }
  void strings(std::string_view name, const std::vector<std::string>& values) {
    key(name);
    out_ += '[';
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out_ += ',';
      quoted(values[i]);
    }
    out_ += ']';
  }
  /// A nested object, written by `members` into a JsonLine of its own.
  template <typename Members>
  void object(std::string_view name, Members&& members) {
    key(name);
    JsonLine inner(out_);
    members(inner);
    inner.end();
  }
  void numbers(std::string_view name, const std::vector<double>& values) {
    key(name);
    out_ += '[';
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out_ += ',';
      shortest(values[i]);
    }
    out_ += ']';
  }
  /// [[lat, lon], ...]
  void points(std::string_view name, const std::vector<GeoPoint>& values) {
    key(name);
    out_ += '[';
    for (std::size_t i = 0; i < values.size(); ++i) {
      out_ += i > 0 ? ",[" : "[";
      shortest(values[i].lat);
      out_ += ',';
      shortest(values[i].lon);
      out_ += ']';
    }
    out_ += ']';
  }
  void end() { out_ += first_ ? "{}" : "}"; }

 private:
  void shortest(double value) {
    char buffer[32];
    // Shortest text that reads back as the same double; integral values print without ".0".
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    out_.append(buffer, end);
    (void)ec;
  }
  void quoted(std::string_view value) {
    const bool plain = std::all_of(value.begin(), value.end(), [](char c) {
      return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7F && c != '"' && c != '\\';
    });
    if (plain) {
      out_ += '"';
      out_ += value;
      out_ += '"';
    } else {
      out_ += nlohmann::json(std::string(value)).dump();  // escaping done by the library
    }
  }

  std::string& out_;
  bool first_ = true;
};

void write_documentation(JsonLine& line, Status status, const std::vector<std::string>& sources,
                         const std::string& estimate, const std::string& note) {
  if (status != Status::Open) line.string("status", to_string(status));
  if (!sources.empty()) line.strings("sources", sources);
  if (!estimate.empty()) line.string("estimate", estimate);
  if (!note.empty()) line.string("note", note);
}

void write_capacity_context(JsonLine& line, TonnesPerYear background_tpy, const std::vector<ResourceUse>& uses,
                            const std::string& capacity_note) {
  if (background_tpy != 0) line.integer("background_tpy", background_tpy);
  if (!uses.empty())
    line.object("uses", [&](JsonLine& inner) {
      for (const ResourceUse& use : uses) inner.number(use.resource, use.factor);
    });
  if (!capacity_note.empty()) line.string("capacity_note", capacity_note);
}

void write_resource(std::string& out, const Resource& resource) {
  JsonLine line(out);
  line.string("id", resource.id);
  line.string("name", resource.name);
  line.number("capacity", resource.capacity);
  line.string("unit", resource.unit);
  if (resource.background_tpy != 0) line.number("background_tpy", resource.background_tpy);
  write_documentation(line, Status::Open, resource.sources, resource.estimate, resource.note);
  line.end();
}

/// A distribution object as read by the network loader (docs/reliability.md).
void write_distribution(JsonLine& line, std::string_view name, const OutOfLine<Distribution>& distribution) {
  if (!distribution) return;
  const Distribution& d = *distribution;
  line.object(name, [&](JsonLine& inner) {
    inner.string("type", to_string(d.kind));
    switch (d.kind) {
      case DistributionKind::Triangular:
        inner.number("min_hours", d.min_hours);
        inner.number("mode_hours", d.mode_hours);
        inner.number("max_hours", d.max_hours);
        break;
      case DistributionKind::Lognormal:
        inner.number("median_hours", d.median_hours);
        inner.number("p90_hours", d.p90_hours);
        if (d.cap_hours) inner.number("max_hours", *d.cap_hours);
        break;
      case DistributionKind::Empirical:
        inner.numbers("values_hours", d.values_hours);
        break;
    }
  });
}

void write_delay(JsonLine& line, const OutOfLine<DelayFunction>& delay) {
  if (!delay) return;
  const DelayFunction& f = *delay;
  line.object("delay", [&](JsonLine& inner) {
    inner.string("function", to_string(f.form));
    if (f.form == DelayForm::None) return;
    inner.number("capacity_tpy", f.capacity_tpy);
    if (f.form == DelayForm::Bpr) {
      inner.number("alpha", f.alpha);
      inner.number("beta", f.beta);
      return;
    }
    if (f.service_hours > 0) inner.number("service_hours", f.service_hours);
    inner.number("variability", f.variability);
    inner.number("max_utilisation", f.max_utilisation);
  });
}

void write_node(std::string& out, const Node& node) {
  JsonLine line(out);
  line.string("id", node.id);
  line.string("name", node.name);
  line.string("country", node.country);
  line.string("kind", to_string(node.kind));
  line.number("lat", node.lat);
  line.number("lon", node.lon);
  if (node.dwell_hours != 0) line.number("dwell_hours", node.dwell_hours);
  write_distribution(line, "dwell_distribution", node.dwell_distribution);
  if (node.transfer_hours != 0) line.number("transfer_hours", node.transfer_hours);
  write_distribution(line, "transfer_distribution", node.transfer_distribution);
  if (node.allows_transfer != kind_allows_transfer(node.kind)) line.boolean("allows_transfer", node.allows_transfer);
  if (node.capacity_tpy) line.integer("capacity_tpy", *node.capacity_tpy);
  write_capacity_context(line, node.background_tpy, node.uses, node.capacity_note);
  if (!node.aliases.empty()) line.strings("aliases", node.aliases);
  if (node.gauge_mm) line.integer("gauge_mm", *node.gauge_mm);
  if (node.handling_usd_per_t) line.number("handling_usd_per_t", *node.handling_usd_per_t);
  write_delay(line, node.delay);
  write_documentation(line, node.status, node.sources, node.estimate, node.note);
  line.end();
}

void write_link(std::string& out, const Network& network, const Link& link) {
  JsonLine line(out);
  const std::string& from = network.nodes[link.from].id;
  const std::string& to = network.nodes[link.to].id;
  if (link.id.size() != from.size() + 1 + to.size() || link.id.compare(0, from.size(), from) != 0 ||
      link.id[from.size()] != '-' || link.id.compare(from.size() + 1, std::string::npos, to) != 0)
    line.string("id", link.id);  // the default id is "FROM-TO"
  line.string("from", from);
  line.string("to", to);
  line.string("mode", to_string(link.mode));
  line.number("distance_km", link.distance_km);
  line.number("hours", link.hours);
  if (link.capacity_tpy) line.integer("capacity_tpy", *link.capacity_tpy);
  if (link.departures_per_week) line.number("departures_per_week", *link.departures_per_week);
  if (link.vessel_payload_t) line.number("vessel_payload_t", *link.vessel_payload_t);
  write_capacity_context(line, link.background_tpy, link.uses, link.capacity_note);
  write_distribution(line, "wait_distribution", link.wait_distribution);
  if (link.schedule) {
    std::vector<std::string> departures;
    for (int minute : link.schedule->departure_minutes) departures.push_back(format_minute_of_week(minute));
    line.strings("departures", departures);
  }
  if (!link.bidirectional) line.boolean("bidirectional", false);
  if (!link.corridors.empty()) line.strings("corridor", link.corridors);
  if (!link.crossing.empty()) line.string("crossing", link.crossing);
  if (!link.transit_countries.empty()) line.strings("transit_countries", link.transit_countries);
  if (!link.waypoints.empty()) line.points("waypoints", link.waypoints);
  if (link.gauge_mm) line.integer("gauge_mm", *link.gauge_mm);
  if (link.cost_usd_per_t) line.number("cost_usd_per_t", *link.cost_usd_per_t);
  if (link.cost_usd_per_teu) line.number("cost_usd_per_teu", *link.cost_usd_per_teu);
  if (link.co2_g_per_tkm) line.number("co2_g_per_tkm", *link.co2_g_per_tkm);
  write_delay(line, link.delay);
  write_documentation(line, link.status, link.sources, link.estimate, link.note);
  line.end();
}

}  // namespace

std::string write_network_json(const Network& network) {
  std::string out;
  out.reserve(128 + 100 * network.nodes.size() + 110 * network.links.size());
  // The header members one per line, then one node or link per line.
  out += "{\"name\":" + nlohmann::json(network.name).dump();
  if (!network.description.empty()) out += ",\n\"description\":" + nlohmann::json(network.description).dump();
  if (network.tonnes_per_teu) out += ",\n\"tonnes_per_teu\":" + nlohmann::json(*network.tonnes_per_teu).dump();
  if (!network.resources.empty()) {
    out += ",\n\"resources\":[\n";
    for (std::size_t i = 0; i < network.resources.size(); ++i) {
      if (i > 0) out += ",\n";
      write_resource(out, network.resources[i]);
    }
    out += "\n]";
  }
  out += ",\n\"nodes\":[\n";
  for (std::size_t i = 0; i < network.nodes.size(); ++i) {
    if (i > 0) out += ",\n";
    write_node(out, network.nodes[i]);
  }
  out += "\n],\n\"links\":[\n";
  for (std::size_t i = 0; i < network.links.size(); ++i) {
    if (i > 0) out += ",\n";
    write_link(out, network, network.links[i]);
  }
  out += "\n]}\n";
  return out;
}

}  // namespace corridor::io
