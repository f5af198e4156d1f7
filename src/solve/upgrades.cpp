#include "solve/upgrades.hpp"

#include <algorithm>
#include <cassert>

#include "solve/flow.hpp"
#include "solve/path_flow.hpp"

namespace corridor::solve {
namespace {

std::optional<TonnesPerYear>& capacity_of(Network& network, const CutElement& element) {
  if (element.type == CutElement::Type::Node) return network.nodes[element.index].capacity_tpy;
  Link& link = network.links[element.index];
  link.capacity_tpy = link.capacity_or_sailings_tpy();  // a capacity from sailings becomes explicit
  return link.capacity_tpy;
}

/// The max flows of an upgrade search, with raised capacities: the shared graph of flow.hpp,
/// or the plausible-route LP of path_flow.hpp on a copy of the network with the raises.
class UpgradeFlows {
 public:
  UpgradeFlows(const Network& network, const FlowQuery& query) : network_(network) {
    if (!needs_path_flow(network, query)) solver_.emplace(network, query.sources, query.sinks);
  }
  FlowResult operator()(const FlowQuery& query, const std::vector<CapacityRaise>& raises = {}) const {
    if (solver_) return solver_->max_flow(query, raises);
    Network raised = network_;
    for (const CapacityRaise& raise : raises) {
      auto& capacity = capacity_of(raised, {raise.type, raise.index, 0, 0, 0});
      assert(capacity);
      if (capacity) *capacity += raise.extra_tpy;
    }
    return plausible_max_flow(raised, query);
  }

 private:
  const Network& network_;
  std::optional<FlowSolver> solver_;
};

/// Flow through an element in a max-flow result: the link's flow in the cut's direction, or
/// the node's throughput.
TonnesPerYear flow_through(const FlowResult& result, const CutElement& element) {
  if (element.type == CutElement::Type::Link) {
    for (const LinkFlow& f : result.flows)
      if (f.link == element.index) return f.from == element.from ? f.flow_tpy : 0;
    return 0;
  }
  for (const NodeLoad& load : result.node_loads)
    if (load.node == element.index) return load.throughput_tpy;
  return 0;
}

/// Max flow with the capacities already `added` and the given elements' capacities raised by
/// `extra` each.
FlowResult raised_flow(const UpgradeFlows& solver, const FlowQuery& query, const std::vector<CapacityRaise>& added,
                       const std::vector<CutElement>& elements, TonnesPerYear extra) {
  std::vector<CapacityRaise> raises = added;
  for (const CutElement& e : elements) raises.push_back({e.type, e.index, extra});
  return solver(query, raises);
}

bool same_element(const CutElement& a, const CutElement& b) { return a.type == b.type && a.index == b.index; }

}  // namespace

UpgradeResult rank_upgrades(const Network& network, const UpgradeQuery& query) {
  UpgradeResult result;
  result.query = query;
  const UpgradeFlows solver(network, query.flow);  // every flow below shares it
  result.base = solver(query.flow);
  result.final_flow_tpy = result.base.max_flow_tpy;
  if (result.base.unbounded) {
    result.stop_reason = "the flow is unlimited: some path has no capacity figure";
    return result;
  }
  const std::optional<TonnesPerYear> target = query.flow.target_tpy;
  // Headroom is probed with an upgrade as large as all finite capacities together.
  TonnesPerYear probe = 0;
  for (const Node& n : network.nodes) probe += n.capacity_tpy.value_or(0);
  for (const Link& l : network.links) probe += l.capacity_tpy.value_or(0);
  probe = std::max<TonnesPerYear>(probe, 1);

  // Links may appear twice in a cut (both directions); one upgrade raises both.
  std::vector<CutElement> cut;
  for (const CutElement& e : result.base.min_cut)
    if (std::none_of(cut.begin(), cut.end(), [&](const CutElement& c) { return same_element(c, e); })) cut.push_back(e);

  for (const CutElement& e : cut) {
    UpgradeOption option;
    option.element = e;
    option.marginal_gain_per_t =
        static_cast<double>(raised_flow(solver, query.flow, {}, {e}, 1).max_flow_tpy - result.base.max_flow_tpy);
    option.headroom_tpy =
        raised_flow(solver, query.flow, {}, {e}, probe).max_flow_tpy - result.base.max_flow_tpy;
    result.options.push_back(option);
  }
  std::stable_sort(result.options.begin(), result.options.end(), [](const UpgradeOption& a, const UpgradeOption& b) {
    return a.headroom_tpy > b.headroom_tpy;
  });

  if (!target) {
    result.stop_reason = "no target given: ranking only";
    return result;
  }
  Network working = network;               // the network with the plan's upgrades, for their figures
  std::vector<CapacityRaise> plan_raises;  // the same upgrades, for the solver
  FlowResult current = result.base;
  for (int step = 0; step < query.max_steps; ++step) {
    if (current.max_flow_tpy >= *target) break;
    const TonnesPerYear missing = *target - current.max_flow_tpy;
    std::vector<CutElement> elements;
    for (const CutElement& e : current.min_cut)
      if (std::none_of(elements.begin(), elements.end(), [&](const CutElement& c) { return same_element(c, e); }))
        elements.push_back(e);
    if (elements.empty()) {
      result.stop_reason = "nothing can flow: the sources do not reach the sinks";
      break;
    }
    // Best single element: the largest gain when raised by the whole shortfall.
    std::optional<CutElement> best;
    FlowResult best_flow;
    TonnesPerYear best_gain = 0;
    for (const CutElement& e : elements) {
      FlowResult raised = raised_flow(solver, query.flow, plan_raises, {e}, missing);
      const TonnesPerYear gain = raised.max_flow_tpy - current.max_flow_tpy;
      if (gain > best_gain) {
        best_gain = gain;
        best = e;
        best_flow = std::move(raised);
      }
    }
    UpgradeStep plan_step;
    FlowResult after;
    if (best) {
      plan_step.raised = {*best};
      after = std::move(best_flow);
    } else {
      // No single element helps: several cuts bind at once (e.g. two links in series). Raise
      // the binding cut, then the cut that binds behind it, and so on, until the flow grows.
      plan_step.raised = elements;
      plan_step.joint = true;
      after = raised_flow(solver, query.flow, plan_raises, plan_step.raised, missing);
      while (after.max_flow_tpy <= current.max_flow_tpy) {
        bool grew = false;
        for (const CutElement& e : after.min_cut)
          if (std::none_of(plan_step.raised.begin(), plan_step.raised.end(),
                           [&](const CutElement& c) { return same_element(c, e); })) {
            plan_step.raised.push_back(e);
            grew = true;
          }
        if (!grew) break;
        after = raised_flow(solver, query.flow, plan_raises, plan_step.raised, missing);
      }
      if (after.max_flow_tpy <= current.max_flow_tpy) {
        result.stop_reason = "raising the binding cuts does not increase the flow";
        break;
      }
    }
    // One element: max flow grows 1:1 with its capacity up to the gain, then not at all, so
    // exactly the gain is added. A joint step adds what the new flow uses beyond each
    // element's old capacity.
    std::vector<CutElement> raised;
    for (CutElement e : plan_step.raised) {
      auto& capacity = capacity_of(working, e);
      e.capacity_tpy = *capacity;
      const TonnesPerYear added =
          plan_step.joint ? std::max<TonnesPerYear>(0, flow_through(after, e) - *capacity) : best_gain;
      if (added == 0) continue;  // raised in the search, but the new flow does not use it
      raised.push_back(e);
      plan_step.added_tpy.push_back(added);
      *capacity += added;
      plan_raises.push_back({e.type, e.index, added});
      result.total_added_tpy += added;
    }
    plan_step.raised = std::move(raised);
    // The flow with exactly the added capacities (equal to `after` by construction; recomputed
    // so the plan's figures are those of the network it describes).
    current = solver(query.flow, plan_raises);
    plan_step.flow_after_tpy = current.max_flow_tpy;
    result.plan.push_back(std::move(plan_step));
    if (current.unbounded) break;
  }
  result.final_flow_tpy = current.max_flow_tpy;
  result.target_reached = current.unbounded || current.max_flow_tpy >= *target;
  if (result.target_reached) result.stop_reason = "target reached";
  else if (result.stop_reason.empty()) result.stop_reason = "step limit reached";
  return result;
}

}  // namespace corridor::solve
