// The transport-independent API: decoding helpers, error mapping, and the
// caller scope, called directly without a server.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api/router.h"
#include "app/dataset_loader.h"

namespace sc {
namespace {

using ::testing::HasSubstr;

TEST(HttpStatusFor, MapsEveryCode) {
  EXPECT_EQ(HttpStatusFor(StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(StatusCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(StatusCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(StatusCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(StatusCode::kResourceExhausted), 429);
  EXPECT_EQ(HttpStatusFor(StatusCode::kFailedPrecondition), 503);
  EXPECT_EQ(HttpStatusFor(StatusCode::kDataError), 500);
  EXPECT_EQ(HttpStatusFor(StatusCode::kInternal), 500);
  ApiResponse r = ErrorResponse(NotFound("unknown user id: 'x'"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, R"({"error":"unknown user id: 'x'"})");
}

TEST(PercentDecode, StrictEscapes) {
  EXPECT_EQ(*PercentDecode("a%20b%2Fc", false), "a b/c");
  EXPECT_EQ(*PercentDecode("a+b", true), "a b");
  EXPECT_EQ(*PercentDecode("a+b", false), "a+b");
  EXPECT_EQ(*PercentDecode("%C3%A9", false), "\xC3\xA9");
  for (const char* bad : {"%", "%4", "%zz", "a%g1", "%00"}) {
    EXPECT_FALSE(PercentDecode(bad, true).has_value()) << bad;
  }
}

TEST(ParseQueryString, PairsAndErrors) {
  auto q = ParseQueryString("as_of=2026-12-17&stale&sort=-name&period=FY2026+Q4&&x=%41");
  ASSERT_TRUE(q.has_value());
  EXPECT_EQ(q->find("as_of")->second, "2026-12-17");
  EXPECT_EQ(q->find("stale")->second, "");
  EXPECT_EQ(q->find("period")->second, "FY2026 Q4");
  EXPECT_EQ(q->find("x")->second, "A");
  auto bad = ParseQueryString("as_of=%zz");
  ASSERT_FALSE(bad.has_value());
  EXPECT_THAT(bad.error().message(), HasSubstr("as_of"));
}

TEST(EchoSafe, TruncatesAndCleans) {
  EXPECT_EQ(EchoSafe("abc"), "abc");
  EXPECT_EQ(EchoSafe("a\nb"), "a?b");
  std::string echoed = EchoSafe(std::string(100000, 'x'));
  EXPECT_LT(echoed.size(), 100u);
  EXPECT_THAT(echoed, HasSubstr("(100000 bytes)"));
  // Never cuts a UTF-8 character in half.
  std::string e_acute = "\xC3\xA9";
  std::string text = std::string(63, 'a') + e_acute;
  EXPECT_EQ(EchoSafe(text, 64), std::string(63, 'a') + "... (65 bytes)");
}

class ApiScopeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto ds = LoadDataSetFromFolder(std::string(SC_SOURCE_DIR) +
                                    "/tests/golden/state_quota_forecast/input");
    ASSERT_TRUE(ds.has_value()) << ds.error().ToString();
    ds_ = *ds;
    api_ = std::make_unique<Api>(ds_);
  }
  std::shared_ptr<const DataSet> ds_;
  std::unique_ptr<Api> api_;
};

TEST_F(ApiScopeTest, ScopeLimitsUsersAndPeople) {
  // Pick a person with a manager: they see their subtree only.
  UserIx someone = kNone;
  for (size_t u = 0; u < ds_->users(); ++u) {
    if (ds_->user_manager[u] != kNone) someone = static_cast<UserIx>(u);
  }
  ASSERT_NE(someone, kNone);
  Scope scope{ds_->user_id[static_cast<size_t>(someone)]};
  ApiResponse all = api_->Handle({"GET", "/api/users", {}});
  ApiResponse mine = api_->Handle({"GET", "/api/users", {}}, &scope);
  EXPECT_EQ(all.status, 200);
  EXPECT_EQ(mine.status, 200);
  EXPECT_THAT(mine.body, HasSubstr("\"id\":\"" + scope.user_id + "\""));
  EXPECT_LT(mine.body.size(), all.body.size());

  UserIx top = 0;
  while (ds_->user_manager[static_cast<size_t>(top)] != kNone) top = ds_->user_manager[static_cast<size_t>(top)];
  ApiResponse denied =
      api_->Handle({"GET", "/api/users/" + ds_->user_id[static_cast<size_t>(top)] + "/scorecard", {}}, &scope);
  EXPECT_EQ(denied.status, 403);
  ApiResponse own = api_->Handle({"GET", "/api/users/" + scope.user_id + "/scorecard", {}}, &scope);
  EXPECT_EQ(own.status, 200);
}

TEST_F(ApiScopeTest, NoDataSetIs503AndHealthStillAnswers) {
  api_->SetDataSet(nullptr);
  EXPECT_EQ(api_->Handle({"GET", "/api/health", {}}).status, 200);
  EXPECT_EQ(api_->Handle({"GET", "/api/users", {}}).status, 503);
  EXPECT_EQ(api_->Handle({"GET", "/api/nope", {}}).status, 404);
}

}  // namespace
}  // namespace sc
