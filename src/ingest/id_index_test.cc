#include "ingest/id_index.h"

#include <string>

#include <gtest/gtest.h>

namespace sc {
namespace {

TEST(IdIndex, InsertFindAndGet) {
  IdIndex idx;
  EXPECT_EQ(idx.Insert("a1"), std::make_pair(0u, true));
  EXPECT_EQ(idx.Insert("b2"), std::make_pair(1u, true));
  EXPECT_EQ(idx.Insert("a1"), std::make_pair(0u, false));
  EXPECT_EQ(idx.Find("b2"), 1);
  EXPECT_EQ(idx.Find("zz"), -1);
  EXPECT_EQ(idx.Find(""), -1);
  EXPECT_EQ(idx.Get(1), "b2");
  EXPECT_EQ(idx.size(), 2u);
}

TEST(IdIndex, GrowsPastManyRehashes) {
  IdIndex idx;
  const int n = 100000;
  for (int i = 0; i < n; ++i) ASSERT_TRUE(idx.Insert("id" + std::to_string(i)).second);
  for (int i = 0; i < n; ++i) ASSERT_EQ(idx.Find("id" + std::to_string(i)), i);
  EXPECT_EQ(idx.Find("id" + std::to_string(n)), -1);
  EXPECT_FALSE(idx.Insert("id77").second);
  EXPECT_EQ(idx.Get(77), "id77");
}

}  // namespace
}  // namespace sc
