#include "ingest/settings_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sc {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Settings Parse(std::string_view text, std::vector<std::string>* errors) {
  return ParseSettingsToml(text, "settings.toml", errors);
}

TEST(SettingsParser, EmptyKeepsDefaults) {
  std::vector<std::string> errors;
  Settings s = Parse("", &errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(s.fiscal_start_month, 1);
  EXPECT_EQ(s.winrate_types, std::vector<std::string>{"New Business"});
  EXPECT_DOUBLE_EQ(s.funnel_alpha, 0.10);
}

TEST(SettingsParser, ReadsEverySection) {
  std::vector<std::string> errors;
  Settings s = Parse(R"(
[fiscal]
start_month = 2
[quota]
types = ["New Business", "Expansion"]
[coverage]
target = 4          # an integer where a float is expected is fine
[forecast]
lookback_days = 180
shrinkage = 2.5
[winrate]
quarters = 6
types = []
[funnel]
min_deals = 3
alpha = 0.05
[accounts]
stale_days = 21
touch_types = ["Call", "meeting"]
[deals]
stalled_days = 45
[skills]
"Business Justification" = ["business justification", "ROI"]
Qualification = []
[unknown]
whatever = 1
)", &errors);
  EXPECT_THAT(errors, ElementsAre());
  EXPECT_EQ(s.fiscal_start_month, 2);
  EXPECT_THAT(s.quota_types, ElementsAre("New Business", "Expansion"));
  EXPECT_DOUBLE_EQ(s.coverage_target, 4.0);
  EXPECT_EQ(s.forecast_lookback_days, 180);
  EXPECT_DOUBLE_EQ(s.forecast_shrinkage, 2.5);
  EXPECT_EQ(s.winrate_quarters, 6);
  EXPECT_TRUE(s.winrate_types.empty());
  EXPECT_EQ(s.funnel_min_deals, 3);
  EXPECT_DOUBLE_EQ(s.funnel_alpha, 0.05);
  EXPECT_EQ(s.accounts_stale_days, 21);
  EXPECT_THAT(s.accounts_touch_types, ElementsAre("call", "meeting"));
  EXPECT_EQ(s.deals_stalled_days, 45);
  ASSERT_EQ(s.skills.size(), 2u);
  EXPECT_THAT(s.skills["Business Justification"], ElementsAre("business justification", "ROI"));
  EXPECT_TRUE(s.skills["Qualification"].empty());
}

TEST(SettingsParser, WrongTypeNamesLineAndKey) {
  std::vector<std::string> errors;
  Settings s = Parse("[fiscal]\nstart_month = \"feb\"\n[coverage]\ntarget = \"x\"\n", &errors);
  EXPECT_THAT(errors,
              ElementsAre("settings.toml:2: [fiscal].start_month: expected an integer from 1 to 12",
                          "settings.toml:4: [coverage].target: expected a number greater than 0"));
  EXPECT_EQ(s.fiscal_start_month, 1);  // keeps the default
}

TEST(SettingsParser, RangesAreChecked) {
  std::vector<std::string> errors;
  Parse(R"([fiscal]
start_month = 13
[funnel]
alpha = 1.0
[accounts]
stale_days = -1
[forecast]
shrinkage = -2
lookback_days = 0
)", &errors);
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_EQ(errors[0], "settings.toml:2: [fiscal].start_month: expected an integer from 1 to 12, got 13");
  EXPECT_EQ(errors[1], "settings.toml:9: [forecast].lookback_days: expected an integer from 1 to 100000, got 0");
  EXPECT_EQ(errors[2], "settings.toml:8: [forecast].shrinkage: expected a non-negative number");
  EXPECT_EQ(errors[3], "settings.toml:4: [funnel].alpha: expected a number between 0 and 1 (exclusive)");
  EXPECT_THAT(errors[4], HasSubstr("settings.toml:6: [accounts].stale_days"));
}

TEST(SettingsParser, ArraysMustHoldStrings) {
  std::vector<std::string> errors;
  Parse("[winrate]\ntypes = \"New Business\"\n[quota]\ntypes = [1, 2]\n"
        "[accounts]\ntouch_types = [\"fax\"]\n[skills]\nQualification = \"qualifying\"\n",
        &errors);
  EXPECT_THAT(errors, ElementsAre(
      "settings.toml:4: [quota].types: expected an array of strings",
      "settings.toml:2: [winrate].types: expected an array of strings",
      "settings.toml:6: [accounts].touch_types: unknown activity type 'fax' (expected call, email, meeting or other)",
      "settings.toml:8: [skills].\"Qualification\": expected an array of strings"));
}

TEST(SettingsParser, DemoReferenceDate) {
  std::vector<std::string> errors;
  EXPECT_FALSE(Parse("", &errors).reference_date.has_value());
  EXPECT_EQ(Parse("[demo]\nas_of = 2026-12-17\n", &errors).reference_date, *ParseDate("2026-12-17"));
  EXPECT_EQ(Parse("[demo]\nas_of = \"2026-12-18\"\n", &errors).reference_date,
            *ParseDate("2026-12-18"));
  EXPECT_TRUE(errors.empty());
  Parse("[demo]\nas_of = \"soon\"\n", &errors);
  EXPECT_THAT(errors, ElementsAre("settings.toml:2: [demo].as_of: expected a date (YYYY-MM-DD)"));
}

TEST(SettingsParser, SectionThatIsNotATable) {
  std::vector<std::string> errors;
  Parse("fiscal = 3\n", &errors);
  EXPECT_THAT(errors, ElementsAre("settings.toml:1: [fiscal]: expected a table"));
}

TEST(SettingsParser, SyntaxErrorNamesTheLine) {
  std::vector<std::string> errors;
  Parse("[fiscal]\nstart_month = = 2\n", &errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_THAT(errors[0], HasSubstr("settings.toml:2: "));
  EXPECT_FALSE(ParseSettingsText("[fiscal]\nstart_month = = 2\n").has_value());
}

}  // namespace
}  // namespace sc
