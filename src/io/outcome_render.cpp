#include "io/outcome_render.hpp"

#include <iterator>
#include <utility>
#include <variant>

#include "io/result_renderers.hpp"

namespace corridor::io {
namespace {

static_assert(std::size(kQueryTypeNames) == std::variant_size_v<decltype(QueryOutcome::result)>,
              "a query type for each result type");

using Result = decltype(QueryOutcome::result);

template <std::size_t... I>
constexpr bool renderers_in_query_type_order(std::index_sequence<I...>) {
  return ((detail::ResultRenderer<std::variant_alternative_t<I, Result>>::type == static_cast<QueryType>(I)) && ...);
}
static_assert(renderers_in_query_type_order(std::make_index_sequence<std::variant_size_v<Result>>{}),
              "QueryType follows the order of QueryOutcome::result's alternatives");

}  // namespace

QueryType query_type(const QueryOutcome& outcome) {
  return detail::visit_result(outcome, [](const auto&, auto renderer) { return renderer.type; });
}

std::string outcome_table(const Network& network, const QueryOutcome& outcome) {
  return detail::visit_result(outcome,
                              [&](const auto& result, auto renderer) { return renderer.table(network, result); });
}

std::string outcome_json(const Network& network, const QueryOutcome& outcome) {
  return detail::json_text(detail::visit_result(
      outcome, [&](const auto& result, auto renderer) { return renderer.object(network, result); }));
}

std::string outcome_summary(const Network& network, const QueryOutcome& outcome) {
  return detail::visit_result(
      outcome, [&](const auto& result, auto renderer) { return renderer.summary(network, result); });
}

}  // namespace corridor::io
