#include "base/time.h"

#include <gtest/gtest.h>

namespace sc {
namespace {

Date D(int y, unsigned m, unsigned d) {
  Date out;
  EXPECT_TRUE(MakeDate(y, m, d, &out));
  return out;
}

TEST(ParseDate, AcceptsIsoDate) {
  ASSERT_TRUE(ParseDate("2026-12-17"));
  EXPECT_EQ(*ParseDate("2026-12-17"), D(2026, 12, 17));
}

TEST(ParseDate, RejectsImpossibleAndMalformedDates) {
  EXPECT_FALSE(ParseDate("2026-02-30"));
  EXPECT_FALSE(ParseDate("2026-13-01"));
  EXPECT_FALSE(ParseDate("17/12/2026"));
  EXPECT_FALSE(ParseDate("2026-1-5"));
  EXPECT_FALSE(ParseDate(""));
  EXPECT_FALSE(ParseDate("2026-12-17x"));
}

TEST(ParseDate, DatetimeGivesItsUtcDate) {
  // 23:30 at -02:00 is 01:30 UTC the next day.
  EXPECT_EQ(*ParseDate("2026-12-17T23:30:00-02:00"), D(2026, 12, 18));
  EXPECT_EQ(*ParseDate("2026-12-17 10:00:00"), D(2026, 12, 17));
}

TEST(ParseInstant, AllForms) {
  Instant midnight(D(2026, 3, 1));
  using std::chrono::hours;
  using std::chrono::milliseconds;
  using std::chrono::minutes;
  EXPECT_EQ(*ParseInstant("2026-03-01"), midnight);
  EXPECT_EQ(*ParseInstant("2026-03-01T10:15:00Z"), midnight + hours(10) + minutes(15));
  EXPECT_EQ(*ParseInstant("2026-03-01 10:15:00"), midnight + hours(10) + minutes(15));
  EXPECT_EQ(*ParseInstant("2026-03-01T10:15"), midnight + hours(10) + minutes(15));
  EXPECT_EQ(*ParseInstant("2026-03-01T10:15:00.250Z"),
            midnight + hours(10) + minutes(15) + milliseconds(250));
  EXPECT_EQ(*ParseInstant("2026-03-01T10:15:00+01:00"), midnight + hours(9) + minutes(15));
  EXPECT_EQ(*ParseInstant("2026-03-01T10:15:00.000+0000"), midnight + hours(10) + minutes(15));
  EXPECT_EQ(*ParseInstant("2026-03-01T00:30:00+05:30"), midnight - hours(5));
}

TEST(ParseInstant, SameInstantDifferentOffsetsAreEqual) {
  EXPECT_EQ(*ParseInstant("2026-03-01T12:00:00Z"), *ParseInstant("2026-03-01T14:00:00+02:00"));
}

TEST(ParseInstant, RejectsMalformed) {
  EXPECT_FALSE(ParseInstant("2026-03-01T25:00:00Z"));
  EXPECT_FALSE(ParseInstant("2026-03-01T10:00:00Q"));
  EXPECT_FALSE(ParseInstant("2026-03-01T10"));
  EXPECT_FALSE(ParseInstant("yesterday"));
  EXPECT_FALSE(ParseInstant("2026-03-01T10:00:00+1"));
}

TEST(Format, DateAndInstant) {
  EXPECT_EQ(FormatDate(D(2026, 1, 5)), "2026-01-05");
  EXPECT_EQ(FormatInstant(*ParseInstant("2026-03-01T10:15:07+01:00")), "2026-03-01T09:15:07Z");
}

TEST(EndOfDay, IncludesEveryEventOnThatDay) {
  Date d = D(2026, 3, 1);
  EXPECT_LE(*ParseInstant("2026-03-01T23:59:59.999Z"), EndOfDay(d));
  EXPECT_GT(*ParseInstant("2026-03-02T00:00:00Z"), EndOfDay(d));
}

}  // namespace
}  // namespace sc
