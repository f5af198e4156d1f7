#pragma once
// GLPK's simplex as every LP of src/solve calls it (internal to src/solve): the problem's owner,
// and one solve that starts from the problem's current basis and, when that start fails or
// stalls, starts again from a fresh one.

#include <glpk.h>

#include <memory>

namespace corridor::solve::detail {

/// Owns a GLPK problem (glp_delete_prob on every path out).
struct LpDeleter {
  void operator()(glp_prob* lp) const { glp_delete_prob(lp); }
};
using LpPointer = std::unique_ptr<glp_prob, LpDeleter>;

/// How a simplex solve went: glp_simplex's return code (0 when it ran to the end) and the
/// solution's status (GLP_OPT when optimal), and whether it had to start again.
struct SimplexOutcome {
  int code = 0;
  int status = GLP_UNDEF;
  bool restarted = false;
  bool optimal() const { return code == 0 && status == GLP_OPT; }
};

/// Simplex iterations a warm start may take beyond twice the problem's rows and columns (about
/// what a start from a fresh basis needs) before it is abandoned.
inline constexpr int kWarmStartIterations = 1000;

/// Solves `lp` by `method` (GLP_PRIMAL, or GLP_DUALP after rows were added to an optimal
/// problem) from its current basis. A column generation's master is highly degenerate, and
/// GLPK's simplex can stall on one for hundreds of thousands of iterations from a warm basis
/// (measured: 250,000 iterations on a 325-row master that a fresh start solves in 404). So a
/// warm start that fails, or runs past `warm_iterations` (default kWarmStartIterations beyond
/// twice the rows and columns), is abandoned for a primal simplex from a fresh, scaled,
/// advanced basis, without an iteration limit.
SimplexOutcome simplex_with_restart(glp_prob* lp, int method, int warm_iterations = -1);

}  // namespace corridor::solve::detail
