#include "support/random_network.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace corridor::test {

std::uint64_t case_seed(std::uint64_t seed, std::uint64_t stream, int index) {
  return seed ^ (stream * 0xD1B54A32D192ED03ull) ^ (0x9E3779B97F4A7C15ull * static_cast<std::uint64_t>(index + 1));
}

bool chance(Rng& rng, double p) { return std::bernoulli_distribution(p)(rng); }
int uniform(Rng& rng, int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
double uniform_real(Rng& rng, double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); }

namespace {

TonnesPerYear random_capacity(Rng& rng, bool realistic) {
  if (!realistic) return uniform(rng, 0, 30);
  if (chance(rng, 0.15)) return 0;
  if (chance(rng, 0.5)) return uniform(rng, 1, 40);
  return std::uniform_int_distribution<TonnesPerYear>(1, 500'000'000)(rng);
}

/// A figure: a multiple of `step` in [0, exact_max x step] when exact, else uniform in [0, real_max).
double figure(Rng& rng, const RandomNetworkShape& shape, int exact_max, double step, double real_max) {
  return shape.exact_figures ? uniform(rng, 0, exact_max) * step : uniform_real(rng, 0, real_max);
}

}  // namespace

Network random_network(Rng& rng, const RandomNetworkShape& shape) {
  const int n = uniform(rng, shape.min_nodes, shape.max_nodes);
  const int parts = uniform(rng, 1, std::max(1, shape.max_parts));
  Network net;
  net.name = "random";
  net.tonnes_per_teu = 10.0;
  const std::vector<NodeKind> kinds = {NodeKind::RailTerminal,   NodeKind::SeaPort,     NodeKind::DryPort,
                                       NodeKind::BorderCrossing, NodeKind::GaugeChange, NodeKind::Junction};
  const std::vector<std::string> countries = {"KZ", "AZ", "GE"};
  std::vector<int> part_of(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    Node node;
    node.id = "N";
    node.id += std::to_string(i);  // not "N" + ...: GCC 12 bug 105651 (false -Wrestrict)
    node.name = node.id;
    node.country = pick(rng, countries);
    node.kind = pick(rng, kinds);
    node.dwell_hours = chance(rng, 0.25) ? 0.0 : figure(rng, shape, 4, 1.0, 72);
    node.transfer_hours = chance(rng, 0.25) ? 0.0 : figure(rng, shape, 4, 1.0, 48);
    node.allows_transfer = chance(rng, 0.15) ? !kind_allows_transfer(node.kind) : kind_allows_transfer(node.kind);
    if (!chance(rng, 0.3)) node.capacity_tpy = random_capacity(rng, shape.realistic_capacities);
    if (chance(rng, 0.6)) node.handling_usd_per_t = figure(rng, shape, 5, 1.0, 40);
    if (chance(rng, 0.06)) node.status = Status::Closed;
    else if (chance(rng, 0.03)) node.status = Status::Planned;
    net.nodes.push_back(node);
    part_of[static_cast<std::size_t>(i)] = uniform(rng, 0, parts - 1);
  }
  if (n < 2) return net;
  const int m = uniform(rng, static_cast<int>(std::floor(shape.min_links_per_node * n)),
                        static_cast<int>(std::floor(shape.max_links_per_node * n)) + shape.extra_links);
  const std::vector<Mode> modes = {Mode::Rail, Mode::Rail, Mode::Rail, Mode::Ferry, Mode::Road, Mode::Sea};
  const std::vector<double> departures = {1.0, 3.5, 7.0, 14.0, 42.0};  // waits of 84, 24, 12, 6 and 2 h
  const std::vector<std::vector<std::string>> tags = {{}, {"middle"}, {"middle"}, {"northern"}, {"shared"},
                                                      {"middle", "northern"}, {"sea"}};
  for (int j = 0; j < m; ++j) {
    Link link;
    if (j > 0 && chance(rng, 0.12)) {  // a parallel link: same ends and mode, other figures
      const Link& earlier = net.links[static_cast<std::size_t>(uniform(rng, 0, j - 1))];
      link.from = earlier.from;
      link.to = earlier.to;
      link.mode = earlier.mode;
    } else {
      link.from = static_cast<NodeIndex>(uniform(rng, 0, n - 1));
      do {
        link.to = static_cast<NodeIndex>(uniform(rng, 0, n - 1));
      } while (link.to == link.from || (part_of[link.to] != part_of[link.from] && !chance(rng, 0.05)));
      link.mode = pick(rng, modes);
    }
    link.id = "L";
    link.id += std::to_string(j);
    link.distance_km = shape.exact_figures ? uniform(rng, 1, 8) * 100.0 : uniform_real(rng, 1, 3000);
    link.hours = shape.exact_figures ? uniform(rng, 1, 8) : uniform_real(rng, 0.5, 120);
    if (link.mode == Mode::Ferry || link.mode == Mode::Sea || chance(rng, 0.2))
      link.departures_per_week = shape.exact_figures ? pick(rng, departures) : uniform_real(rng, 0.5, 21);
    link.bidirectional = chance(rng, 0.7);
    if (!chance(rng, 0.25)) link.capacity_tpy = random_capacity(rng, shape.realistic_capacities);
    const int tariff = uniform(rng, 0, 3);  // none, per t, per TEU, none
    if (tariff == 1) link.cost_usd_per_t = figure(rng, shape, 6, 1.0, 200);
    if (tariff == 2) link.cost_usd_per_teu = figure(rng, shape, 6, 10.0, 2000);
    if (chance(rng, 0.4)) link.co2_g_per_tkm = shape.exact_figures ? uniform(rng, 1, 4) * 10.0 : uniform_real(rng, 5, 150);
    if (chance(rng, 0.1)) link.transit_countries = {"RU"};
    if (chance(rng, 0.05)) link.status = Status::Closed;
    else if (chance(rng, 0.02)) link.status = Status::Planned;
    link.corridors = pick(rng, tags);
    net.links.push_back(link);
  }
  net.reindex();
  return net;
}

std::string describe(const Network& net) {
  std::ostringstream out;
  out.precision(17);
  auto optional = [](const auto& value) {
    std::ostringstream text;
    text.precision(17);
    if (value) text << *value;
    else text << "-";
    return text.str();
  };
  for (const Node& n : net.nodes)
    out << "\n  node " << n.id << " " << n.country << " " << to_string(n.kind) << " dwell=" << n.dwell_hours
        << " transfer=" << n.transfer_hours << " allows=" << n.allows_transfer << " cap=" << optional(n.capacity_tpy)
        << " handling=" << optional(n.handling_usd_per_t) << " " << to_string(n.status);
  for (const Link& l : net.links) {
    out << "\n  link " << l.id << " " << net.nodes[l.from].id << (l.bidirectional ? "<->" : "->")
        << net.nodes[l.to].id << " " << to_string(l.mode) << " km=" << l.distance_km << " h=" << l.hours
        << " dep=" << optional(l.departures_per_week) << " cap=" << optional(l.capacity_tpy)
        << " usd/t=" << optional(l.cost_usd_per_t) << " usd/teu=" << optional(l.cost_usd_per_teu)
        << " co2=" << optional(l.co2_g_per_tkm) << " transit=" << l.transit_countries.size() << " "
        << to_string(l.status) << " tags=";
    for (const auto& t : l.corridors) out << t << ",";
  }
  return out.str();
}

Restriction random_restriction(Rng& rng, const Network& net) {
  Restriction r;
  const std::vector<std::vector<std::string>> filters = {{}, {}, {}, {"middle"}, {"northern", "sea"}, {"shared"}};
  r.corridors = pick(rng, filters);
  if (!net.nodes.empty() && chance(rng, 0.25))
    r.avoid.nodes.push_back(static_cast<NodeIndex>(uniform(rng, 0, static_cast<int>(net.nodes.size()) - 1)));
  if (!net.links.empty() && chance(rng, 0.25))
    r.avoid.links.push_back(static_cast<LinkIndex>(uniform(rng, 0, static_cast<int>(net.links.size()) - 1)));
  return r;
}

std::string describe(const Network& net, const Restriction& restriction) {
  std::string out = "restriction: corridors";
  for (const auto& t : restriction.corridors) out += " " + t;
  out += "; avoid";
  for (NodeIndex n : restriction.avoid.nodes) out += " " + net.nodes[n].id;
  for (LinkIndex l : restriction.avoid.links) out += " " + net.links[l].id;
  return out;
}

}  // namespace corridor::test
