#pragma once
// Upgrade ranking: what raising each binding element of a max-flow's minimum cut gives, and
// a greedy plan of upgrades towards a target (docs/capacity.md says where it is not optimal).

#include "model/capacity.hpp"
#include "model/network.hpp"

namespace corridor::solve {

UpgradeResult rank_upgrades(const Network& network, const UpgradeQuery& query);

}  // namespace corridor::solve
