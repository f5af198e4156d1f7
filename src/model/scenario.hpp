#pragma once
// What-if scenarios: ordered changes to a network plus the queries to run on the result.

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "model/capacity.hpp"
#include "model/curve.hpp"
#include "model/diagnostic.hpp"
#include "model/enum_table.hpp"
#include "model/network.hpp"
#include "model/query.hpp"
#include "model/reliability.hpp"

namespace corridor {

/// A link as written in a file: end nodes still by id (resolved when it is added).
struct LinkDraft {
  Link link;
  std::string from_id;
  std::string to_id;
};

/// Names of the fields given in a set_node / set_link change (e.g. "capacity_tpy").
using FieldList = std::vector<std::string>;

enum class ChangeType : std::uint8_t {
  CloseLink, CloseNode, OpenLink, OpenNode, SetLink, SetNode, ScaleCapacity, AddNode, AddLink, SetResource
};
inline constexpr EnumName<ChangeType> kChangeTypeNames[] = {{ChangeType::CloseLink, "close_link"}, {ChangeType::CloseNode, "close_node"}, {ChangeType::OpenLink, "open_link"}, {ChangeType::OpenNode, "open_node"}, {ChangeType::SetLink, "set_link"}, {ChangeType::SetNode, "set_node"}, {ChangeType::ScaleCapacity, "scale_capacity"}, {ChangeType::AddNode, "add_node"}, {ChangeType::AddLink, "add_link"}, {ChangeType::SetResource, "set_resource"}};
static_assert(enum_table_valid(kChangeTypeNames));
constexpr const auto& enum_table(ChangeType) { return kChangeTypeNames; }

enum class ScaleTarget : std::uint8_t { Link, Node, Mode, Resource };
/// The key that names a scale_capacity change's target.
inline constexpr EnumName<ScaleTarget> kScaleTargetNames[] = {{ScaleTarget::Link, "link"}, {ScaleTarget::Node, "node"}, {ScaleTarget::Mode, "mode"}, {ScaleTarget::Resource, "resource"}};
static_assert(enum_table_valid(kScaleTargetNames));
constexpr const auto& enum_table(ScaleTarget) { return kScaleTargetNames; }

struct Change {
  ChangeType type = ChangeType::CloseLink;
  std::string pointer;    ///< JSON Pointer of the change in its file, e.g. "/changes/2"
  std::string target_id;  ///< node or link id for close/open/set/scale
  ScaleTarget scale_target = ScaleTarget::Link;
  Mode scale_mode = Mode::Rail;
  double factor = 1.0;
  Node node;              ///< add_node: the node; set_node: new values of `fields`
  LinkDraft link;         ///< add_link: the link; set_link: new values of `fields`
  Resource resource;      ///< set_resource: new values of `fields` ("capacity", "background_tpy")
  FieldList fields;       ///< set_node / set_link: which fields to copy
  std::string note;
};

/// In the order of ScenarioQuery::request's alternatives.
enum class QueryType : std::uint8_t { Route, Flow, Assign, Criticality, Upgrades, Reliability, Curve };
inline constexpr EnumName<QueryType> kQueryTypeNames[] = {
    {QueryType::Route, "route"},       {QueryType::Flow, "flow"},
    {QueryType::Assign, "assign"},     {QueryType::Criticality, "criticality"},
    {QueryType::Upgrades, "upgrades"}, {QueryType::Reliability, "reliability"},
    {QueryType::Curve, "curve"}};
static_assert(enum_table_valid(kQueryTypeNames));
constexpr const auto& enum_table(QueryType) { return kQueryTypeNames; }

struct ScenarioQuery {
  std::string name;
  std::string pointer;  ///< e.g. "/queries/1"
  std::variant<RouteRequest, FlowRequest, AssignRequest, CriticalityRequest, UpgradeRequest,
               ReliabilityRequest, CurveRequest>
      request;
  QueryType type() const { return static_cast<QueryType>(request.index()); }
};

struct Scenario {
  std::string name;
  std::string description;
  std::string network_path;  ///< as resolved (relative to the scenario file); empty = shipped network
  std::vector<std::string> sources;
  std::vector<Change> changes;
  std::vector<ScenarioQuery> queries;
};

/// Applies the changes in order to a copy of `base`. Unknown ids, values out of range,
/// duplicates and contradictions are reported to `sink` with each change's pointer;
/// the caller throws if the sink has errors.
Network apply_changes(const Network& base, const std::vector<Change>& changes, DiagnosticSink& sink);
/// The same, on `network` itself (which must be indexed): for callers that apply and undo
/// changes on one working copy (uncertainty sweeps, src/solve/sweep.cpp).
void apply_changes_in_place(Network& network, const std::vector<Change>& changes, DiagnosticSink& sink);

}  // namespace corridor

namespace corridor {

/// The answer to one scenario query.
struct QueryOutcome {
  std::string name;
  std::variant<RouteResult, FlowResult, AssignResult, CriticalityResult, UpgradeResult,
               ReliabilityResult, CurveResult>
      result;
};

}  // namespace corridor
