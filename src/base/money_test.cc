#include "base/money.h"

#include <gtest/gtest.h>

namespace sc {
namespace {

TEST(ParseMoney, Decimals) {
  EXPECT_EQ(*ParseMoney("0"), 0);
  EXPECT_EQ(*ParseMoney("48000"), 4800000);
  EXPECT_EQ(*ParseMoney("48000.5"), 4800050);
  EXPECT_EQ(*ParseMoney("48000.05"), 4800005);
  EXPECT_EQ(*ParseMoney(".5"), 50);
  EXPECT_EQ(*ParseMoney("12."), 1200);
}

TEST(ParseMoney, ExponentsAndRounding) {
  EXPECT_EQ(*ParseMoney("1.5e3"), 150000);
  EXPECT_EQ(*ParseMoney("1.5E+3"), 150000);
  EXPECT_EQ(*ParseMoney("25000e-3"), 2500);
  EXPECT_EQ(*ParseMoney("0.005"), 1);    // half a cent rounds away from zero
  EXPECT_EQ(*ParseMoney("0.0049"), 0);
  EXPECT_EQ(*ParseMoney("1e-30"), 0);
}

TEST(ParseMoney, SignsAndErrors) {
  EXPECT_EQ(*ParseMoney("-10.25"), -1025);
  EXPECT_EQ(*ParseMoney("+10"), 1000);
  EXPECT_FALSE(ParseMoney(""));
  EXPECT_FALSE(ParseMoney("abc"));
  EXPECT_FALSE(ParseMoney("1,000"));
  EXPECT_FALSE(ParseMoney("1e"));
  EXPECT_FALSE(ParseMoney("1e400"));
  EXPECT_FALSE(ParseMoney("."));
}

TEST(FormatMoney, Exact) {
  EXPECT_EQ(FormatMoney(4800050), "48000.5");
  EXPECT_EQ(FormatMoney(4800005), "48000.05");
  EXPECT_EQ(FormatMoney(-1025), "-10.25");
  EXPECT_EQ(FormatMoney(0), "0");
}

}  // namespace
}  // namespace sc
