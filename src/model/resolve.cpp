#include "model/validate.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <utility>
#include <set>

#include "model/names.hpp"
#include "model/value_checks.hpp"

// Query resolution: ids to indices, with "did you mean" for unknown ones (declared in validate.hpp).

namespace corridor {

using detail::check_corridor_tags;
using detail::check_range;
using detail::number_text;

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      auto ca = static_cast<char>(std::toupper(static_cast<unsigned char>(a[i - 1])));
      auto cb = static_cast<char>(std::toupper(static_cast<unsigned char>(b[j - 1])));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (ca == cb ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

template <typename Elements>
std::vector<std::string> ids_of(const Elements& elements) {
  std::vector<std::string> ids;
  ids.reserve(elements.size());
  for (const auto& e : elements) ids.push_back(e.id);
  return ids;
}

std::optional<NodeIndex> resolve_node(const Network& network, const std::string& id, const std::string& pointer,
                                      DiagnosticSink& sink) {
  auto index = match_node(network, id);  // the id in any case, a name or an alias
  if (!index) sink.error("E-QUERY-REF", pointer, node_reference_message(network, id, sink), id);
  return index;
}

Avoidance resolve_avoid(const Network& network, const std::vector<std::string>& ids, const std::string& pointer,
                        DiagnosticSink& sink) {
  Avoidance avoid;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (auto node = match_node(network, ids[i])) avoid.nodes.push_back(*node);
    else if (auto link = match_link(network, ids[i])) avoid.links.push_back(*link);
    else
      sink.error("E-QUERY-REF", pointer + "/" + std::to_string(i),
                 "no node or link with id \"" + ids[i] + "\"" +
                     (!sink.take_suggestion() ? std::string() : did_you_mean(ids[i], [&] {
                       std::vector<std::string> all = ids_of(network.nodes);
                       auto links = ids_of(network.links);
                       all.insert(all.end(), links.begin(), links.end());
                       return all;
                     }())),
                 ids[i]);
  }
  return avoid;
}


/// Whether any open link (open at both ends) touches the node: a node without one is cut off
/// from the network whatever the query, so naming it as an origin or a sink is a mistake.
bool has_open_link(const Network& network, NodeIndex node) {
  for (LinkIndex l = 0; l < network.links.size(); ++l) {
    const Link& link = network.links[l];
    if ((link.from == node || link.to == node) && network.link_usable(l)) return true;
  }
  return false;
}

/// E-QUERY for a query end that cannot carry anything: closed, without any open link or (for
/// flows) with zero capacity. `role` is "origin", "destination", "source" or "sink".
void check_query_end(const Network& network, NodeIndex node, const std::string& role, bool flow,
                     const std::string& pointer, DiagnosticSink& sink) {
  const Node& n = network.nodes[node];
  if (!n.is_open())
    sink.error("E-QUERY", pointer,
               role + " \"" + n.id + "\" is " + std::string(to_string(n.status)) + " and carries no traffic", n.id);
  else if (!has_open_link(network, node))
    sink.error("E-QUERY", pointer,
               role + " \"" + n.id + "\" has no open link: it is cut off from the rest of the network", n.id);
  else if (flow && n.capacity_tpy && *n.capacity_tpy == 0)
    sink.error("E-QUERY", pointer, role + " \"" + n.id + "\" has capacity_tpy 0: nothing can pass it", n.id);
}
}  // namespace

bool warn_if_idle_end(const Network& network, NodeIndex node, const std::string& role, const std::string& pointer,
                      DiagnosticSink& sink) {
  DiagnosticSink end_sink(sink.file());
  check_query_end(network, node, role, true, pointer, end_sink);
  for (const Diagnostic& d : end_sink.diagnostics())
    sink.warning("W-IDLE-END", d.pointer, d.message + "; it contributes nothing", d.element_id);
  return !end_sink.diagnostics().empty();
}

void check_weights_used(double value_of_time_usd_per_t_day, double carbon_price_usd_per_t_co2,
                        const std::string& pointer, DiagnosticSink& sink) {
  for (const auto& [field, value] : {std::pair<const char*, double>{"value_of_time_usd_per_t_day", value_of_time_usd_per_t_day},
                                     {"carbon_price_usd_per_t_co2", carbon_price_usd_per_t_co2}})
    if (value > 0.0 && std::isfinite(value))  // a bad value has its own E-RANGE
      sink.error("E-QUERY", pointer + "/" + field,
                 std::string(field) + " has no effect: it weighs only by \"generalized\"");
}

bool is_cut_off(const Network& network, NodeIndex node) {
  return !network.nodes[node].is_open() || !has_open_link(network, node);
}

std::string closest_id(std::string_view wrong, const std::vector<std::string>& known) {
  std::string best;
  // Ids have at most 64 characters: a much longer text is no typo of one (and comparing it
  // with every id would take long); nothing is a typo of an empty id.
  if (wrong.empty() || wrong.size() > 80) return best;
  const std::size_t limit = std::max<std::size_t>(2, wrong.size() / 3);
  std::size_t best_distance = limit + 1;
  for (const auto& candidate : known) {
    // The edit distance is at least the difference in length.
    const std::size_t length_gap =
        candidate.size() > wrong.size() ? candidate.size() - wrong.size() : wrong.size() - candidate.size();
    if (length_gap > best_distance) continue;
    std::size_t d = edit_distance(wrong, candidate);
    if (d < best_distance || (d == best_distance && candidate < best)) {
      best_distance = d;
      best = candidate;
    }
  }
  // Also accept a known id that contains the wrong one or vice versa ("AKTAU" vs "AKTAU_PORT").
  if (best.empty() && wrong.size() >= 3) {
    for (const auto& candidate : known) {
      if (candidate.find(wrong) != std::string::npos || wrong.find(candidate) != std::string_view::npos) {
        best = candidate;
        break;
      }
    }
  }
  return best;
}

std::string did_you_mean(std::string_view wrong, const std::vector<std::string>& known) {
  auto best = closest_id(wrong, known);
  return best.empty() ? std::string() : " (did you mean \"" + best + "\"?)";
}

std::string node_reference_message(const Network& network, std::string_view id) {
  const std::vector<NodeIndex> fits = nodes_answering_to(network, id);
  if (fits.size() > 1) {  // match_node refused it as ambiguous
    std::string ids;
    for (const NodeIndex n : fits) ids += (ids.empty() ? "" : ", ") + network.nodes[n].id;
    return "\"" + std::string(id) + "\" is the id, name or alias of " + std::to_string(fits.size()) +
           " places (" + ids + "): name one by its id";
  }
  return "no node with id \"" + std::string(id) + "\"" + did_you_mean(id, ids_of(network.nodes));
}

std::string link_reference_message(const Network& network, std::string_view id) {
  return "no link with id \"" + std::string(id) + "\"" + did_you_mean(id, ids_of(network.links));
}

std::string node_reference_message(const Network& network, std::string_view id, DiagnosticSink& sink) {
  return sink.take_suggestion() ? node_reference_message(network, id)
                                : "no node with id \"" + std::string(id) + "\"";
}

std::string link_reference_message(const Network& network, std::string_view id, DiagnosticSink& sink) {
  return sink.take_suggestion() ? link_reference_message(network, id)
                                : "no link with id \"" + std::string(id) + "\"";
}

std::vector<std::string> resolve_countries(const Network& network, const std::vector<std::string>& codes,
                                           const std::string& pointer, DiagnosticSink& sink) {
  std::vector<std::string> resolved;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    std::string code = codes[i];  // ISO codes are upper case: "ru" means RU
    std::transform(code.begin(), code.end(), code.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    const bool known =
        std::any_of(network.nodes.begin(), network.nodes.end(), [&](const Node& n) { return n.country == code; }) ||
        std::any_of(network.links.begin(), network.links.end(), [&](const Link& l) {
          return std::find(l.transit_countries.begin(), l.transit_countries.end(), code) != l.transit_countries.end();
        });
    if (known) {
      resolved.push_back(code);
      continue;
    }
    std::set<std::string> countries;
    for (const Node& n : network.nodes) countries.insert(n.country);
    for (const Link& l : network.links) countries.insert(l.transit_countries.begin(), l.transit_countries.end());
    sink.error("E-QUERY-REF", pointer + "/" + std::to_string(i),
               "no node of the network is in country \"" + code + "\"" +
                   did_you_mean(code, std::vector<std::string>(countries.begin(), countries.end())),
               code);
  }
  return resolved;
}

std::optional<RouteQuery> resolve(const Network& network, const RouteRequest& request, const std::string& pointer,
                                  DiagnosticSink& sink) {
  auto errors_before = sink.diagnostics().size();
  auto from = resolve_node(network, request.from, pointer + "/from", sink);
  auto to = resolve_node(network, request.to, pointer + "/to", sink);
  check_corridor_tags(request.corridors, pointer + "/corridor", sink);
  Avoidance avoid = resolve_avoid(network, request.avoid, pointer + "/avoid", sink);
  for (auto index : {from, to})
    if (index && std::find(avoid.nodes.begin(), avoid.nodes.end(), *index) != avoid.nodes.end())
      sink.error("E-QUERY", pointer + "/avoid", "cannot avoid the route's own origin or destination \"" +
                                                    network.nodes[*index].id + "\"");
  if (from && to && *from == *to)
    sink.error("E-QUERY", pointer + "/to", "origin and destination are the same node \"" + request.from + "\"",
               request.to);
  if (!request.cut_off_end_is_no_route) {
    if (from) check_query_end(network, *from, "origin", false, pointer + "/from", sink);
    if (to) check_query_end(network, *to, "destination", false, pointer + "/to", sink);
  }
  avoid.countries = resolve_countries(network, request.avoid_countries, pointer + "/avoid_country", sink);
  for (const std::string& code : avoid.countries)
    for (auto index : {from, to})
      if (index && network.nodes[*index].country == code)
        sink.error("E-QUERY", pointer + "/avoid_country", "cannot avoid country " + code +
                                                               ": the route's own origin or destination \"" +
                                                               network.nodes[*index].id + "\" is there");
  std::vector<NodeIndex> via;
  for (std::size_t i = 0; i < request.via.size(); ++i) {
    const std::string where = pointer + "/via/" + std::to_string(i);
    auto index = resolve_node(network, request.via[i], where, sink);
    if (!index) continue;
    if ((from && *index == *from) || (to && *index == *to))
      sink.error("E-QUERY", where, "via node \"" + request.via[i] + "\" is the route's own origin or destination");
    else if (std::find(via.begin(), via.end(), *index) != via.end())
      sink.error("E-QUERY", where, "via node \"" + request.via[i] + "\" is listed twice");
    else if (std::find(avoid.nodes.begin(), avoid.nodes.end(), *index) != avoid.nodes.end() ||
             std::find(avoid.countries.begin(), avoid.countries.end(), network.nodes[*index].country) !=
                 avoid.countries.end())
      sink.error("E-QUERY", where, "via node \"" + request.via[i] + "\" is also avoided");
    via.push_back(*index);
  }
  std::vector<Mode> modes;
  for (std::size_t i = 0; i < request.modes.size(); ++i) {
    if (auto mode = parse<Mode>(request.modes[i])) {
      if (std::find(modes.begin(), modes.end(), *mode) == modes.end()) modes.push_back(*mode);
    } else {
      sink.error("E-ENUM", pointer + "/modes/" + std::to_string(i),
                 "unknown mode \"" + request.modes[i] + "\" (expected one of " + joined_names<Mode>() + ")");
    }
  }
  if (request.k < 1 || request.k > kMaxAlternatives)
    sink.error("E-RANGE", pointer + "/k",
               "k must be between 1 and " + std::to_string(kMaxAlternatives) + ", got " + std::to_string(request.k));
  if (request.max_overlap && !(*request.max_overlap >= 0.0 && *request.max_overlap <= 1.0))
    sink.error("E-RANGE", pointer + "/max_overlap",
               "max_overlap must be a fraction between 0 and 1, got " + number_text(*request.max_overlap));
  if (request.pareto && request.k > 1)
    sink.error("E-QUERY", pointer + "/pareto", "pareto and k > 1 cannot be combined: the Pareto set is its own list");
  check_range(request.value_of_time_usd_per_t_day, "value_of_time_usd_per_t_day", 0.0, false, 1e6, pointer, "",
              sink);
  check_range(request.carbon_price_usd_per_t_co2, "carbon_price_usd_per_t_co2", 0.0, false, 1e6, pointer, "", sink);
  // A figure without effect is an error, as an option without effect is on the command line.
  if (request.max_overlap && request.k <= 1)
    sink.error("E-QUERY", pointer + "/max_overlap", "max_overlap has no effect: it filters alternatives, give k 2 or more");
  if (request.by != Objective::Generalized)
    check_weights_used(request.value_of_time_usd_per_t_day, request.carbon_price_usd_per_t_co2, pointer, sink);
  if (sink.diagnostics().size() != errors_before || !from || !to) return std::nullopt;
  RouteQuery query;
  query.from = *from;
  query.to = *to;
  query.by = request.by;
  query.corridors = request.corridors;
  query.avoid = std::move(avoid);
  query.via = std::move(via);
  query.modes = std::move(modes);
  query.k = request.k;
  query.max_overlap = request.max_overlap;
  query.pareto = request.pareto;
  query.value_of_time_usd_per_t_day = request.value_of_time_usd_per_t_day;
  query.carbon_price_usd_per_t_co2 = request.carbon_price_usd_per_t_co2;
  return query;
}

namespace {
std::size_t count_errors(const std::vector<Diagnostic>& diagnostics, std::size_t from) {
  std::size_t errors = 0;
  for (std::size_t i = from; i < diagnostics.size(); ++i) errors += diagnostics[i].severity == Severity::Error;
  return errors;
}
}  // namespace

std::optional<FlowQuery> resolve(const Network& network, const FlowRequest& request, const std::string& pointer,
                                 DiagnosticSink& sink) {
  auto errors_before = sink.diagnostics().size();
  FlowQuery query;
  query.target_tpy = request.target_tpy;
  query.corridors = request.corridors;
  check_corridor_tags(request.corridors, pointer + "/corridor", sink);
  query.avoid = resolve_avoid(network, request.avoid, pointer + "/avoid", sink);
  query.avoid.countries = resolve_countries(network, request.avoid_countries, pointer + "/avoid_country", sink);
  auto resolve_all = [&](const std::vector<std::string>& ids, const std::string& key,
                         std::vector<NodeIndex>& out) {
    if (ids.empty()) sink.error("E-QUERY", pointer + "/" + key, "at least one node id is needed");
    for (std::size_t i = 0; i < ids.size(); ++i)
      if (auto index = resolve_node(network, ids[i], pointer + "/" + key + "/" + std::to_string(i), sink)) {
        if (warn_if_idle_end(network, *index, key == "from" ? "source" : "sink",
                             pointer + "/" + key + "/" + std::to_string(i), sink))
          query.idle_ends.push_back(*index);
        out.push_back(*index);
      }
  };
  resolve_all(request.from, "from", query.sources);
  resolve_all(request.to, "to", query.sinks);
  for (std::size_t i = 0; i < request.to.size(); ++i)  // compared resolved: "baku" is BAKU
    if (auto index = match_node(network, request.to[i]);
        index && std::find(query.sources.begin(), query.sources.end(), *index) != query.sources.end())
      sink.error("E-QUERY", pointer + "/to/" + std::to_string(i),
                 "node \"" + network.nodes[*index].id + "\" is both a source and a sink", request.to[i]);
  long double total = 0;
  for (const Node& n : network.nodes) total += static_cast<long double>(n.capacity_tpy.value_or(0));
  for (const Link& l : network.links) total += static_cast<long double>(l.capacity_tpy.value_or(0));
  if (total > static_cast<long double>(kMaxTotalCapacityTpy))
    sink.error("E-TOO-LARGE", pointer,
               "the capacities of the network add up to more than " + std::to_string(kMaxTotalCapacityTpy) +
                   " t/yr: too large to be meaningful, and beyond 64-bit max-flow arithmetic");
  if (request.target_tpy && (*request.target_tpy < 0 || *request.target_tpy > kMaxCapacityTpy))
    sink.error("E-RANGE", pointer + "/target_tpy", "target_tpy must be between 0 and 10^12 t/yr");
  query.max_detour = request.max_detour;
  if (request.max_detour && !(*request.max_detour >= 1.0 && *request.max_detour <= kMaxDetour))
    sink.error("E-RANGE", pointer + "/max_detour",
               "max_detour must be between 1 and " + number_text(kMaxDetour) + " (or \"none\")");
  if (count_errors(sink.diagnostics(), errors_before)) return std::nullopt;
  return query;
}

Avoidance resolve_filter(const Network& network, const std::vector<std::string>& corridors,
                         const std::vector<std::string>& avoid, const std::string& pointer, DiagnosticSink& sink) {
  check_corridor_tags(corridors, pointer + "/corridor", sink);
  return resolve_avoid(network, avoid, pointer + "/avoid", sink);
}

}  // namespace corridor
