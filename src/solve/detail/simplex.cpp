#include "solve/detail/simplex.hpp"

#include <limits>

namespace corridor::solve::detail {

SimplexOutcome simplex_with_restart(glp_prob* lp, int method, int warm_iterations) {
  glp_smcp parameters;
  glp_init_smcp(&parameters);
  parameters.msg_lev = GLP_MSG_OFF;
  parameters.meth = method;
  parameters.it_lim = warm_iterations >= 0
                          ? warm_iterations
                          : kWarmStartIterations + 2 * (glp_get_num_rows(lp) + glp_get_num_cols(lp));
  SimplexOutcome outcome;
  outcome.code = glp_simplex(lp, &parameters);
  outcome.status = glp_get_status(lp);
  if (outcome.optimal()) return outcome;
  outcome.restarted = true;
  glp_scale_prob(lp, GLP_SF_AUTO);
  glp_adv_basis(lp, 0);
  parameters.meth = GLP_PRIMAL;
  parameters.it_lim = std::numeric_limits<int>::max();
  outcome.code = glp_simplex(lp, &parameters);
  outcome.status = glp_get_status(lp);
  return outcome;
}

}  // namespace corridor::solve::detail
