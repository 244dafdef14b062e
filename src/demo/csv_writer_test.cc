#include "demo/csv_writer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "demo/story_checker.h"

namespace sc::demo {
namespace {

std::string Quoted(std::string_view s) {
  std::string out;
  AppendCsvField(&out, s);
  return out;
}

TEST(CsvWriterTest, QuotesOnlyWhenRfc4180RequiresIt) {
  EXPECT_EQ(Quoted("plain"), "plain");
  EXPECT_EQ(Quoted(""), "");
  EXPECT_EQ(Quoted("Smith, Jones & Co"), "\"Smith, Jones & Co\"");
  EXPECT_EQ(Quoted("Re: \"ROI model\""), "\"Re: \"\"ROI model\"\"\"");
  EXPECT_EQ(Quoted("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(Quoted("cr\r"), "\"cr\r\"");
  EXPECT_EQ(Quoted(" padded "), "\" padded \"");
  EXPECT_EQ(Quoted("O'Brien"), "O'Brien");
}

TEST(CsvWriterTest, FormatsDatesAndInstants) {
  std::string s;
  AppendDay(&s, 0);
  EXPECT_EQ(s, "1970-01-01");
  s.clear();
  AppendDay(&s, 20804);  // 2026-12-17
  EXPECT_EQ(s, "2026-12-17");
  s.clear();
  AppendDay(&s, 11016);  // leap day
  EXPECT_EQ(s, "2000-02-29");
  s.clear();
  AppendInstant(&s, 20804LL * 86400 + 9 * 3600 + 5 * 60 + 7);
  EXPECT_EQ(s, "2026-12-17T09:05:07Z");
}

TEST(CsvWriterTest, RoundTripsThroughAnRfc4180Parser) {
  auto path = std::filesystem::path(::testing::TempDir()) / "csv_writer_test.csv";
  auto w = CsvWriter::Open(path, {"a", "b", "c"});
  ASSERT_TRUE(w.has_value()) << w.error().ToString();
  (*w)->Field("x, y");
  (*w)->Field("say \"hi\"\nbye");
  (*w)->Money(123450);
  (*w)->EndRow();
  (*w)->Empty();
  (*w)->Int(-7);
  (*w)->Money(5);
  (*w)->EndRow();
  ASSERT_TRUE((*w)->Close().ok());
  EXPECT_EQ((*w)->rows(), 2);
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  auto rows = testing::ParseCsv(ss.str());
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"x, y", "say \"hi\"\nbye", "1234.50"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"", "-7", "0.05"}));
}

TEST(CsvWriterTest, OpenFailsWithAClearError) {
  auto w = CsvWriter::Open("/nonexistent-dir/x.csv", {"a"});
  ASSERT_FALSE(w.has_value());
  EXPECT_NE(w.error().message().find("/nonexistent-dir/x.csv"), std::string::npos);
}

}  // namespace
}  // namespace sc::demo
