#include "core/fiscal.h"

#include <gtest/gtest.h>

namespace sc {
namespace {

Date D(const char* s) { return *ParseDate(s); }

TEST(FiscalCalendar, CalendarYearQuarters) {
  FiscalCalendar cal(1);
  Period q = cal.QuarterContaining(D("2026-12-17"));
  EXPECT_EQ(q.label, "FY2026-Q4");
  EXPECT_EQ(q.start, D("2026-10-01"));
  EXPECT_EQ(q.end, D("2026-12-31"));
  EXPECT_EQ(q.days(), 92);
  EXPECT_EQ(cal.QuarterContaining(D("2026-01-01")).label, "FY2026-Q1");
  EXPECT_EQ(cal.QuarterContaining(D("2026-03-31")).label, "FY2026-Q1");
  EXPECT_EQ(cal.QuarterContaining(D("2026-04-01")).label, "FY2026-Q2");
}

TEST(FiscalCalendar, FebruaryStartIsNamedByTheYearItEnds) {
  FiscalCalendar cal(2);
  Period q = cal.QuarterContaining(D("2026-03-15"));
  EXPECT_EQ(q.label, "FY2027-Q1");
  EXPECT_EQ(q.start, D("2026-02-01"));
  EXPECT_EQ(q.end, D("2026-04-30"));
  EXPECT_EQ(cal.QuarterContaining(D("2026-01-31")).label, "FY2026-Q4");
  Period q4 = cal.Quarter(2027, 4);
  EXPECT_EQ(q4.start, D("2026-11-01"));
  EXPECT_EQ(q4.end, D("2027-01-31"));
  Period y = cal.Year(2027);
  EXPECT_EQ(y.start, D("2026-02-01"));
  EXPECT_EQ(y.end, D("2027-01-31"));
}

TEST(FiscalCalendar, QuarterBeforeCrossesYears) {
  FiscalCalendar cal(1);
  Period q = cal.Quarter(2026, 1);
  EXPECT_EQ(cal.QuarterBefore(q, 1).label, "FY2025-Q4");
  EXPECT_EQ(cal.QuarterBefore(q, 4).label, "FY2025-Q1");
  EXPECT_EQ(cal.QuarterBefore(q, 5).label, "FY2024-Q4");
  EXPECT_EQ(cal.QuarterBefore(q, 0).label, "FY2026-Q1");
}

TEST(FiscalCalendar, ParseLabelIgnoresCaseAndSpaces) {
  FiscalCalendar cal(1);
  ASSERT_TRUE(cal.ParseLabel("fy2026 - q4"));
  EXPECT_EQ(cal.ParseLabel("fy2026 - q4")->label, "FY2026-Q4");
  EXPECT_EQ(cal.ParseLabel("FY2026")->start, D("2026-01-01"));
  EXPECT_EQ(cal.ParseLabel("FY2026")->end, D("2026-12-31"));
  EXPECT_FALSE(cal.ParseLabel("2026-Q4"));
  EXPECT_FALSE(cal.ParseLabel("FY2026-Q5"));
  EXPECT_FALSE(cal.ParseLabel("FY26-Q1"));
}

TEST(FiscalCalendar, DecemberStart) {
  FiscalCalendar cal(12);
  Period q = cal.QuarterContaining(D("2026-12-05"));
  EXPECT_EQ(q.label, "FY2027-Q1");
  EXPECT_EQ(q.start, D("2026-12-01"));
  EXPECT_EQ(q.end, D("2027-02-28"));
}

}  // namespace
}  // namespace sc
