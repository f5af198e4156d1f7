#include "model/scenario.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <sstream>
#include <stdexcept>

#include "model/element_fields.hpp"
#include "model/names.hpp"
#include "model/validate.hpp"

namespace corridor {
namespace {

/// A field named in a set_node change: the reader records only names of kNodeFields.
NodeField node_field(const std::string& name) {
  if (auto field = parse<NodeField>(name)) return *field;
  throw std::logic_error("set_node: \"" + name + "\" is not a node field (kNodeFields)");
}

LinkField link_field(const std::string& name) {
  if (auto field = parse<LinkField>(name)) return *field;
  throw std::logic_error("set_link: \"" + name + "\" is not a link field (kLinkFields)");
}

void copy_node_field(Node& to, const Node& from, NodeField field) {
  switch (field) {
    case NodeField::Name: to.name = from.name; return;
    case NodeField::Country: to.country = from.country; return;
    case NodeField::Kind: to.kind = from.kind; return;
    case NodeField::Lat: to.lat = from.lat; return;
    case NodeField::Lon: to.lon = from.lon; return;
    case NodeField::DwellHours: to.dwell_hours = from.dwell_hours; return;
    case NodeField::TransferHours: to.transfer_hours = from.transfer_hours; return;
    case NodeField::AllowsTransfer: to.allows_transfer = from.allows_transfer; return;
    case NodeField::CapacityTpy: to.capacity_tpy = from.capacity_tpy; return;
    case NodeField::BackgroundTpy: to.background_tpy = from.background_tpy; return;
    case NodeField::CapacityNote: to.capacity_note = from.capacity_note; return;
    case NodeField::Uses: to.uses = from.uses; return;
    case NodeField::Aliases: to.aliases = from.aliases; return;
    case NodeField::GaugeMm: to.gauge_mm = from.gauge_mm; return;
    case NodeField::HandlingUsdPerT: to.handling_usd_per_t = from.handling_usd_per_t; return;
    case NodeField::Status: to.status = from.status; return;
    case NodeField::Sources: to.sources = from.sources; return;
    case NodeField::Estimate: to.estimate = from.estimate; return;
    case NodeField::Note: to.note = from.note; return;
    case NodeField::DwellDistribution: to.dwell_distribution = from.dwell_distribution; return;
    case NodeField::TransferDistribution: to.transfer_distribution = from.transfer_distribution; return;
    case NodeField::Delay: to.delay = from.delay; return;
  }
  throw std::logic_error("copy_node_field: a NodeField without a case");
}

void copy_link_field(Link& to, const Link& from, LinkField field) {
  switch (field) {
    case LinkField::Mode: to.mode = from.mode; return;
    case LinkField::DistanceKm: to.distance_km = from.distance_km; return;
    case LinkField::Hours: to.hours = from.hours; return;
    case LinkField::CapacityTpy: to.capacity_tpy = from.capacity_tpy; return;
    case LinkField::DeparturesPerWeek: to.departures_per_week = from.departures_per_week; return;
    case LinkField::VesselPayloadT: to.vessel_payload_t = from.vessel_payload_t; return;
    case LinkField::BackgroundTpy: to.background_tpy = from.background_tpy; return;
    case LinkField::CapacityNote: to.capacity_note = from.capacity_note; return;
    case LinkField::Uses: to.uses = from.uses; return;
    case LinkField::Bidirectional: to.bidirectional = from.bidirectional; return;
    case LinkField::Corridor: to.corridors = from.corridors; return;
    case LinkField::Crossing: to.crossing = from.crossing; return;
    case LinkField::TransitCountries: to.transit_countries = from.transit_countries; return;
    case LinkField::Waypoints: to.waypoints = from.waypoints; return;
    case LinkField::GaugeMm: to.gauge_mm = from.gauge_mm; return;
    case LinkField::CostUsdPerT: to.cost_usd_per_t = from.cost_usd_per_t; return;
    case LinkField::CostUsdPerTeu: to.cost_usd_per_teu = from.cost_usd_per_teu; return;
    case LinkField::Co2GPerTkm: to.co2_g_per_tkm = from.co2_g_per_tkm; return;
    case LinkField::Status: to.status = from.status; return;
    case LinkField::Sources: to.sources = from.sources; return;
    case LinkField::Estimate: to.estimate = from.estimate; return;
    case LinkField::Note: to.note = from.note; return;
    case LinkField::WaitDistribution: to.wait_distribution = from.wait_distribution; return;
    case LinkField::Departures: to.schedule = from.schedule; return;
    case LinkField::Delay: to.delay = from.delay; return;
  }
  throw std::logic_error("copy_link_field: a LinkField without a case");
}

bool has_field(const FieldList& fields, std::string_view field) {
  return std::find(fields.begin(), fields.end(), field) != fields.end();
}

/// A fixed figure set without its distribution replaces the distribution (docs/reliability.md).
void drop_replaced_distributions(Node& node, const FieldList& fields) {
  if (has_field(fields, "dwell_hours") && !has_field(fields, "dwell_distribution")) node.dwell_distribution.reset();
  if (has_field(fields, "transfer_hours") && !has_field(fields, "transfer_distribution"))
    node.transfer_distribution.reset();
}

/// The wait model given last wins: a frequency, a timetable or a wait distribution each
/// replace the others.
void drop_replaced_wait_models(Link& link, const FieldList& fields) {
  const bool frequency = has_field(fields, "departures_per_week"), timetable = has_field(fields, "departures"),
             distribution = has_field(fields, "wait_distribution");
  if (frequency && !timetable && !distribution) {
    link.schedule.reset();
    link.wait_distribution.reset();
  }
  if (timetable && !distribution) link.wait_distribution.reset();
  if (distribution && !timetable) link.schedule.reset();
}

/// A cost per TEU needs the network's tonnes_per_teu, as in a network file: without it the link
/// would cost nothing (model/cost.hpp) and a route by cost would favour it silently.
void check_teu_cost(const Network& network, const Link& link, const std::string& pointer, DiagnosticSink& sink) {
  if (link.cost_usd_per_teu && !network.tonnes_per_teu)
    sink.error("E-MISSING-KEY", pointer + "/cost_usd_per_teu",
               "cost_usd_per_teu needs the network's \"tonnes_per_teu\" to convert it to USD per tonne (this network "
               "has none: give cost_usd_per_t)",
               link.id);
}

std::optional<TonnesPerYear> scaled(std::optional<TonnesPerYear> capacity, double factor) {
  if (!capacity) return capacity;  // unlimited stays unlimited
  return static_cast<TonnesPerYear>(std::llround(static_cast<double>(*capacity) * factor));
}

}  // namespace

Network apply_changes(const Network& base, const std::vector<Change>& changes, DiagnosticSink& sink) {
  Network network = base;
  network.reindex();
  apply_changes_in_place(network, changes, sink);
  return network;
}

void apply_changes_in_place(Network& network, const std::vector<Change>& changes, DiagnosticSink& sink) {
  // Last status change per element, to flag duplicates ("close X" twice) and contradictions
  // ("close X" then "open X").
  std::map<std::string, std::pair<ChangeType, std::string>> status_changes;
  auto note_status_change = [&](const Change& change, const std::string& key) {
    auto [it, inserted] = status_changes.emplace(key, std::make_pair(change.type, change.pointer));
    if (inserted) return;
    const bool same = it->second.first == change.type;
    sink.warning(same ? "W-DUP-CHANGE" : "W-CONTRADICTION", change.pointer,
                 std::string(same ? "repeats" : "undoes") + " the change at " + it->second.second + " on \"" +
                     change.target_id + "\"",
                 change.target_id);
    it->second = {change.type, change.pointer};
  };
  auto find_node = [&](const Change& change) -> Node* {
    auto index = match_node(network, change.target_id);
    if (!index) {
      sink.error("E-CHANGE-REF", change.pointer + "/id", node_reference_message(network, change.target_id, sink),
                 change.target_id);
      return nullptr;
    }
    return &network.nodes[*index];
  };
  auto find_link = [&](const Change& change) -> Link* {
    auto index = match_link(network, change.target_id);
    if (!index) {
      sink.error("E-CHANGE-REF", change.pointer + "/id", link_reference_message(network, change.target_id, sink),
                 change.target_id);
      return nullptr;
    }
    return &network.links[*index];
  };
  auto find_resource = [&](const Change& change) -> Resource* {
    auto index = network.find_resource(change.target_id);
    if (!index) {
      std::vector<std::string> known;
      for (const Resource& r : network.resources) known.push_back(r.id);
      sink.error("E-CHANGE-REF", change.pointer + (change.type == ChangeType::SetResource ? "/id" : "/resource"),
                 "unknown resource \"" + change.target_id + "\"" + did_you_mean(change.target_id, known),
                 change.target_id);
      return nullptr;
    }
    return &network.resources[*index];
  };

  for (const Change& change : changes) {
    switch (change.type) {
      case ChangeType::CloseNode:
      case ChangeType::OpenNode:
        if (Node* node = find_node(change)) {
          node->status = change.type == ChangeType::CloseNode ? Status::Closed : Status::Open;
          note_status_change(change, "node:" + node->id);  // the element, however the change spells it
        }
        break;
      case ChangeType::CloseLink:
      case ChangeType::OpenLink:
        if (Link* link = find_link(change)) {
          link->status = change.type == ChangeType::CloseLink ? Status::Closed : Status::Open;
          note_status_change(change, "link:" + link->id);
        }
        break;
      case ChangeType::SetNode:
        if (Node* node = find_node(change)) {
          for (const auto& field : change.fields) copy_node_field(*node, change.node, node_field(field));
          drop_replaced_distributions(*node, change.fields);
          check_node_values(*node, change.pointer + "/values", sink);
          check_resource_references(network.resources, node->uses, change.pointer + "/values", node->id, sink);
          settle_distribution_means(*node, change.fields, change.pointer + "/values", sink);
        }
        break;
      case ChangeType::SetLink:
        if (Link* link = find_link(change)) {
          for (const auto& field : change.fields) copy_link_field(*link, change.link.link, link_field(field));
          drop_replaced_wait_models(*link, change.fields);
          check_link_values(*link, change.pointer + "/values", sink);
          if (has_field(change.fields, "cost_usd_per_teu")) check_teu_cost(network, *link, change.pointer + "/values", sink);
          check_resource_references(network.resources, link->uses, change.pointer + "/values", link->id, sink);
          settle_link_schedule(*link, change.fields, change.pointer + "/values", sink);
        }
        break;
      case ChangeType::ScaleCapacity: {
        if (!std::isfinite(change.factor) || change.factor < 0 || change.factor > 1000) {
          sink.error("E-RANGE", change.pointer + "/factor", "factor must be between 0 and 1000");
          break;
        }
        // A scaled capacity must stay meaningful, like one written in a file.
        auto scale = [&](PackedOptional<TonnesPerYear>& capacity, const std::string& what, const std::string& id) {
          if (capacity && static_cast<double>(*capacity) * change.factor > static_cast<double>(kMaxCapacityTpy)) {
            std::ostringstream message;
            message << "scaling the capacity_tpy of " << what << " (" << *capacity << ") by " << change.factor
                    << " is too large to be meaningful (limit " << kMaxCapacityTpy << ")";
            sink.error("E-TOO-LARGE", change.pointer + "/factor", message.str(), id);
            return;
          }
          capacity = scaled(capacity, change.factor);
        };
        if (change.scale_target == ScaleTarget::Resource) {
          if (Resource* resource = find_resource(change)) {
            resource->capacity *= change.factor;
            check_resource_values(*resource, change.pointer, sink);
          }
        } else if (change.scale_target == ScaleTarget::Node) {
          if (Node* node = find_node(change)) scale(node->capacity_tpy, "node " + node->id, node->id);
        } else if (change.scale_target == ScaleTarget::Link) {
          if (Link* link = find_link(change)) scale(link->capacity_tpy, "link " + link->id, link->id);
        } else {
          for (Link& link : network.links)
            if (link.mode == change.scale_mode) scale(link.capacity_tpy, "link " + link.id, link.id);
        }
        break;
      }
      case ChangeType::SetResource:
        if (Resource* resource = find_resource(change)) {
          if (has_field(change.fields, "capacity")) resource->capacity = change.resource.capacity;
          if (has_field(change.fields, "background_tpy")) resource->background_tpy = change.resource.background_tpy;
          check_resource_values(*resource, change.pointer + "/values", sink);
        }
        break;
      case ChangeType::AddNode: {
        const std::string pointer = change.pointer + "/node";
        if (network.find_node(change.node.id)) {
          sink.error("E-DUP-ID", pointer + "/id", "a node with id \"" + change.node.id + "\" already exists",
                     change.node.id);
          break;
        }
        check_node_values(change.node, pointer, sink);
        check_resource_references(network.resources, change.node.uses, pointer, change.node.id, sink);
        Node node = change.node;
        settle_distribution_means(node, change.fields, pointer, sink);
        network.add_node(std::move(node));  // (a reindex per change made big scenarios quadratic)
        break;
      }
      case ChangeType::AddLink: {
        const std::string pointer = change.pointer + "/link";
        Link link = change.link.link;
        auto from = network.find_node(change.link.from_id);
        auto to = network.find_node(change.link.to_id);
        if (!from) sink.error("E-NODE-REF", pointer + "/from", node_reference_message(network, change.link.from_id, sink), link.id);
        if (!to) sink.error("E-NODE-REF", pointer + "/to", node_reference_message(network, change.link.to_id, sink), link.id);
        if (network.find_link(link.id)) {
          sink.error("E-DUP-ID", pointer + "/id", "a link with id \"" + link.id + "\" already exists", link.id);
          break;
        }
        if (from && to && *from == *to) {
          sink.error("E-SELF-LOOP", pointer, "link starts and ends at the same node \"" + change.link.from_id + "\"",
                     link.id);
          break;
        }
        check_link_values(link, pointer, sink);
        check_teu_cost(network, link, pointer, sink);
        check_resource_references(network.resources, link.uses, pointer, link.id, sink);
        settle_link_schedule(link, change.fields, pointer, sink);
        if (!from || !to) break;
        link.from = *from;
        link.to = *to;
        network.add_link(std::move(link));
        break;
      }
    }
  }
}

}  // namespace corridor
