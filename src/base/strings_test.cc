#include "base/strings.h"

#include <gtest/gtest.h>

namespace sc {
namespace {

TEST(Strings, TrimAndCase) {
  EXPECT_EQ(Trim("  a b \t\r\n"), "a b");
  EXPECT_EQ(Trim(""), "");
  EXPECT_TRUE(EqualsIgnoreCase("Owner_Id", "owner_id"));
  EXPECT_FALSE(EqualsIgnoreCase("owner", "owner_id"));
}

TEST(Strings, NormalizeKeyMakesCategorySpellingsEqual) {
  EXPECT_EQ(NormalizeKey("Best Case"), "bestcase");
  EXPECT_EQ(NormalizeKey("BestCase"), "bestcase");
  EXPECT_EQ(NormalizeKey("best_case"), "bestcase");
}

TEST(Strings, ParseBoolForms) {
  bool b = false;
  for (const char* t : {"true", "TRUE", "1", "yes", "T", "Y"}) {
    ASSERT_TRUE(ParseBool(t, &b)) << t;
    EXPECT_TRUE(b) << t;
  }
  for (const char* f : {"false", "0", "No", "f"}) {
    ASSERT_TRUE(ParseBool(f, &b)) << f;
    EXPECT_FALSE(b) << f;
  }
  EXPECT_FALSE(ParseBool("maybe", &b));
}

TEST(Strings, SplitKeepsEmptyParts) {
  EXPECT_EQ(Split("a;;b", ';'), (std::vector<std::string>{"a", "", "b"}));
}

}  // namespace
}  // namespace sc
