#include "recognizer/token_table.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace entgraph {
namespace {

TEST(HashFilterTest, NeverForgetsAKeyAndRejectsMostOthers) {
  std::mt19937_64 rng(5);
  HashFilter filter(10000);
  std::vector<uint64_t> keys(10000);
  for (uint64_t& k : keys) filter.Add(k = rng());
  for (uint64_t k : keys) ASSERT_TRUE(filter.MayContain(k));
  int maybe = 0;
  for (int i = 0; i < 100000; ++i) maybe += filter.MayContain(rng());
  EXPECT_LT(maybe, 5000) << "more than 5 % of absent keys pass";
}

TEST(TokenTableTest, InternsOnceAndFindsByBytes) {
  TokenTable t;
  std::vector<uint32_t> ids;
  for (int i = 0; i < 1000; ++i) ids.push_back(t.Intern("k" + std::to_string(i)));
  EXPECT_EQ(t.size(), 1000u);
  EXPECT_EQ(t.Intern("k500"), ids[500]);
  EXPECT_EQ(t.Find("k999", 4), ids[999]);
  EXPECT_EQ(t.Find("k1000", 5), TokenTable::kNone);
}

}  // namespace
}  // namespace entgraph
