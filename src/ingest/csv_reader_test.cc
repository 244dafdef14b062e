#include "ingest/csv_reader.h"

#include <fstream>

#include <gtest/gtest.h>

namespace sc {
namespace {

std::vector<std::vector<std::string>> ReadAll(std::string data, std::vector<int64_t>* lines = nullptr,
                                              CsvEncoding enc = CsvEncoding::kUtf8) {
  auto reader = CsvReader::FromString(std::move(data), "t.csv", enc);
  EXPECT_TRUE(reader) << reader.error().ToString();
  std::vector<std::vector<std::string>> rows;
  rows.push_back((*reader)->header());
  CsvRecord rec;
  while (true) {
    auto more = (*reader)->Next(&rec);
    EXPECT_TRUE(more) << more.error().ToString();
    if (!more || !*more) break;
    rows.push_back(rec.fields);
    if (lines) lines->push_back(rec.line);
  }
  return rows;
}

std::string FirstError(std::string data) {
  auto reader = CsvReader::FromString(std::move(data), "t.csv");
  if (!reader) return reader.error().message();
  CsvRecord rec;
  while (true) {
    auto more = (*reader)->Next(&rec);
    if (!more) return more.error().message();
    if (!*more) return "";
  }
}

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvReader, QuotedCommasQuotesAndNewlines) {
  std::vector<int64_t> lines;
  Rows rows = ReadAll("id,name\n1,\"Acme, Inc.\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,x\n", &lines);
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "Acme, Inc."}));
  EXPECT_EQ(rows[2][1], "say \"hi\"");
  EXPECT_EQ(rows[3][1], "two\nlines");
  EXPECT_EQ(rows[4][0], "4");
  // A record's line is where it starts; the embedded newline pushes record 4 to line 6.
  EXPECT_EQ(lines, (std::vector<int64_t>{2, 3, 4, 6}));
}

TEST(CsvReader, CrlfBomAndTrimming) {
  Rows rows = ReadAll("\xEF\xBB\xBF Id , Name \r\n 1 , Acme \r\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"Id", "Name"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "Acme"}));
}

TEST(CsvReader, EmptyFieldsAndNoFinalNewline) {
  Rows rows = ReadAll("a,b,c\n,,\n\"\",x,\"\"");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"", "", ""}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"", "x", ""}));
}

TEST(CsvReader, BlankLinesAreSkippedButCounted) {
  std::vector<int64_t> lines;
  Rows rows = ReadAll("a\n1\n\n\n2\n\n", &lines);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(lines, (std::vector<int64_t>{2, 5}));
}

TEST(CsvReader, ColumnLookupIsCaseInsensitive) {
  auto reader = CsvReader::FromString("Id,OWNER_ID\n", "t.csv");
  ASSERT_TRUE(reader);
  EXPECT_EQ((*reader)->Column("owner_id"), 1);
  EXPECT_EQ((*reader)->Column("ID"), 0);
  EXPECT_EQ((*reader)->Column("amount"), -1);
}

TEST(CsvReader, UnterminatedQuoteNamesTheRecordLine) {
  EXPECT_EQ(FirstError("a,b\n1,2\n3,\"open\nmore\n"), "t.csv:3: unterminated quoted field");
}

TEST(CsvReader, InvalidUtf8NamesTheLine) {
  EXPECT_EQ(FirstError("a\nok\n\xC3\x28\n"), "t.csv:3: not valid UTF-8");
  EXPECT_EQ(FirstError("a\n\xFF\n"), "t.csv:2: not valid UTF-8");
}

TEST(CsvReader, Latin1IsConvertedToUtf8) {
  Rows rows = ReadAll("name\nM\xFCller\n", nullptr, CsvEncoding::kLatin1);
  EXPECT_EQ(rows[1][0], "M\xC3\xBCller");
}

TEST(CsvReader, EmptyInputHasNoHeader) {
  EXPECT_EQ(FirstError(""), "t.csv:1: empty file: no header row");
}

TEST(CsvReader, StreamsAcrossChunkBoundaries) {
  // Records longer than the 1 MiB read chunk, and quotes straddling it.
  std::string path = ::testing::TempDir() + "/big.csv";
  {
    std::ofstream f(path, std::ios::binary);
    f << "id,text\n";
    for (int i = 0; i < 3000; ++i) {
      f << i << ",\"" << std::string(700, 'x') << "\"\"y\"\",z\"\r\n";
    }
  }
  auto reader = CsvReader::Open(path);
  ASSERT_TRUE(reader);
  CsvRecord rec;
  int count = 0;
  while (*(*reader)->Next(&rec)) {
    ASSERT_EQ(rec.fields.size(), 2u);
    ASSERT_EQ(rec.fields[0], std::to_string(count));
    ASSERT_EQ(rec.fields[1], std::string(700, 'x') + "\"y\",z");
    ASSERT_EQ(rec.line, count + 2);
    ++count;
  }
  EXPECT_EQ(count, 3000);
  EXPECT_TRUE(*IsValidUtf8File(path));
}

}  // namespace
}  // namespace sc
