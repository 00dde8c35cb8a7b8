// The shape every case file follows: a table of cases, one parameterized test per table.
#include <gtest/gtest.h>

#include "free_variables.h"

namespace xthreads::test {
namespace {

const FreeVariableCase kBasics[] = {
    {"captures_module_const", Dialect::JavaScript, "const a = 1;\nspawn(() => a);", "a:const"},
    {"global_is_unbound", Dialect::JavaScript, "spawn(() => console.log(Math.max(1)));",
     "Math:global console:global"},
    {"own_parameters_are_not_free", Dialect::JavaScript, "spawn((x) => x + 1);", ""},
};

class Basics : public ::testing::TestWithParam<FreeVariableCase> {};
TEST_P(Basics, FreeVariables) {
  EXPECT_EQ(describe_spawn_closure(GetParam().source, GetParam().dialect), GetParam().expected)
      << GetParam().source;
}
INSTANTIATE_TEST_SUITE_P(Cases, Basics, ::testing::ValuesIn(kBasics),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace xthreads::test
