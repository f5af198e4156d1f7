#include "solve/upgrades.hpp"

#include <algorithm>
#include <cassert>

#include "solve/flow.hpp"
#include "solve/path_flow.hpp"

namespace corridor::solve {
namespace {

PackedOptional<TonnesPerYear>& capacity_of(Network& network, const CutElement& element) {
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

/// The elements of a cut, each once (a link may appear in both directions; one upgrade raises both).
std::vector<CutElement> distinct_elements(const std::vector<CutElement>& cut) {
  std::vector<CutElement> out;
  for (const CutElement& e : cut)
    if (std::none_of(out.begin(), out.end(), [&](const CutElement& c) { return same_element(c, e); })) out.push_back(e);
  return out;
}

/// Each element of the base flow's cut with its marginal gain and headroom, largest headroom first.
std::vector<UpgradeOption> ranked_options(const Network& network, const UpgradeFlows& solver, const FlowQuery& query,
                                          const FlowResult& base) {
  // Headroom is probed with an upgrade as large as all finite capacities together.
  TonnesPerYear probe = 0;
  for (const Node& n : network.nodes) probe += n.capacity_tpy.value_or(0);
  for (const Link& l : network.links) probe += l.capacity_tpy.value_or(0);
  probe = std::max<TonnesPerYear>(probe, 1);
  std::vector<UpgradeOption> options;
  for (const CutElement& e : distinct_elements(base.min_cut)) {
    UpgradeOption option;
    option.element = e;
    option.marginal_gain_per_t = static_cast<double>(raised_flow(solver, query, {}, {e}, 1).max_flow_tpy - base.max_flow_tpy);
    option.headroom_tpy = raised_flow(solver, query, {}, {e}, probe).max_flow_tpy - base.max_flow_tpy;
    options.push_back(option);
  }
  std::stable_sort(options.begin(), options.end(),
                   [](const UpgradeOption& a, const UpgradeOption& b) { return a.headroom_tpy > b.headroom_tpy; });
  return options;
}

/// A joint step, when no single element helps: several cuts bind at once (e.g. two links in
/// series). Raises the binding cut (`raised`, extended in place), then the cut that binds behind
/// it, and so on, until the flow grows or no new element binds; returns the last flow.
FlowResult joint_raise(const UpgradeFlows& solver, const FlowQuery& query, const std::vector<CapacityRaise>& plan_raises,
                       const FlowResult& current, TonnesPerYear missing, std::vector<CutElement>& raised) {
  FlowResult after = raised_flow(solver, query, plan_raises, raised, missing);
  while (after.max_flow_tpy <= current.max_flow_tpy) {
    bool grew = false;
    for (const CutElement& e : after.min_cut)
      if (std::none_of(raised.begin(), raised.end(), [&](const CutElement& c) { return same_element(c, e); })) {
        raised.push_back(e);
        grew = true;
      }
    if (!grew) break;
    after = raised_flow(solver, query, plan_raises, raised, missing);
  }
  return after;
}

}  // namespace

// Somewhat over 80 lines: the greedy plan is one loop whose state (the working network, the
// raises so far, the current flow) every part of a step updates; its parts are the helpers above.
UpgradeResult rank_upgrades(const Network& network, const UpgradeQuery& query) {
  UpgradeResult result;
  result.query = query;
  const UpgradeFlows solver(network, query.flow);  // every flow below shares it
  result.base = solver(query.flow);
  result.final_flow_tpy = result.base.max_flow_tpy;
  if (result.base.unbounded) {
    result.stop = UpgradeStop::Unbounded;
    return result;
  }
  const std::optional<TonnesPerYear> target = query.flow.target_tpy;
  result.options = ranked_options(network, solver, query.flow, result.base);

  if (!target) {
    result.stop = UpgradeStop::NoTarget;
    return result;
  }
  Network working = network;               // the network with the plan's upgrades, for their figures
  std::vector<CapacityRaise> plan_raises;  // the same upgrades, for the solver
  FlowResult current = result.base;
  std::optional<UpgradeStop> stopped_early;  // why the loop ended before max_steps, if it did
  for (int step = 0; step < query.max_steps; ++step) {
    if (current.max_flow_tpy >= *target) break;
    const TonnesPerYear missing = *target - current.max_flow_tpy;
    const std::vector<CutElement> elements = distinct_elements(current.min_cut);
    if (elements.empty()) {
      stopped_early = UpgradeStop::Unreachable;
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
      // No single element helps: raise the binding cuts together (joint_raise).
      plan_step.raised = elements;
      plan_step.joint = true;
      after = joint_raise(solver, query.flow, plan_raises, current, missing, plan_step.raised);
      if (after.max_flow_tpy <= current.max_flow_tpy) {
        stopped_early = UpgradeStop::CutsDoNotHelp;
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
  result.stop = result.target_reached ? UpgradeStop::TargetReached : stopped_early.value_or(UpgradeStop::StepLimit);
  return result;
}

}  // namespace corridor::solve
