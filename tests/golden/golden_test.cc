// Data-driven golden cases: tests/golden/<case>/{input/*.csv, request,
// expected.json}. Each case imports its input folder straight into the
// engine, runs the request (a JSON object: kind, user, as_of, period, and
// for account lists open_pipeline, stale, sort), and checks that every field
// of expected.json — computed by hand, see each case's README.md — is in
// the product's JSON with the same value (numbers within 1e-6 relative).
// Fields the product adds beyond expected.json are not checked.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/json_encoding.h"
#include "app/dataset_loader.h"
#include "app/request_params.h"
#include "engine/accounts.h"
#include "engine/scorecard.h"

namespace sc {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Appends a line per mismatch between expected and actual under `path`.
void Compare(const json& expected, const json& actual, const std::string& path,
             std::vector<std::string>& diffs) {
  if (expected.is_object()) {
    if (!actual.is_object()) {
      diffs.push_back(path + ": expected an object, got " + actual.dump());
      return;
    }
    for (const auto& [key, value] : expected.items()) {
      if (!actual.contains(key)) {
        diffs.push_back(path + "." + key + ": missing");
        continue;
      }
      Compare(value, actual.at(key), path + "." + key, diffs);
    }
    return;
  }
  if (expected.is_array()) {
    if (!actual.is_array() || actual.size() != expected.size()) {
      diffs.push_back(path + ": expected " + expected.dump() + ", got " + actual.dump());
      return;
    }
    for (size_t i = 0; i < expected.size(); ++i) {
      Compare(expected[i], actual[i], path + "[" + std::to_string(i) + "]", diffs);
    }
    return;
  }
  if (expected.is_number() && actual.is_number()) {
    double e = expected.get<double>(), a = actual.get<double>();
    if (std::abs(e - a) > 1e-6 * std::max(1.0, std::abs(e))) {
      diffs.push_back(path + ": expected " + expected.dump() + ", got " + actual.dump());
    }
    return;
  }
  if (expected != actual) diffs.push_back(path + ": expected " + expected.dump() + ", got " + actual.dump());
}

json RunRequest(const fs::path& dir, const json& request) {
  auto ds = LoadDataSetFromFolder(dir / "input");
  if (!ds) return json{{"load_error", ds.error().message()}};
  auto user = (*ds)->FindUser(request.value("user", ""));
  if (!user) return json{{"error", user.error().message()}};
  auto as_of = ParseAsOf(**ds, request.value("as_of", ""), "as_of");
  if (!as_of) return json{{"error", as_of.error().message()}};
  auto period = ParsePeriod(**ds, request.value("period", ""), *as_of, "period");
  if (!period) return json{{"error", period.error().message()}};
  std::string kind = request.value("kind", "scorecard");
  if (kind == "accounts") {
    std::vector<AccountRow> rows = ComputeAccountRows(**ds, *user, *as_of);
    FilterAccounts(rows, {request.value("open_pipeline", false), request.value("stale", false)});
    Status s = SortAccounts(**ds, rows, request.value("sort", "id"));
    if (!s.ok()) return json{{"error", s.message()}};
    return json::parse(AccountRowsJson(**ds, rows));
  }
  return json::parse(ScorecardJson(**ds, ComputeScorecard(**ds, *user, *as_of, *period)));
}

class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, MatchesHandComputedValues) {
  fs::path dir = fs::path(SC_SOURCE_DIR) / "tests" / "golden" / GetParam();
  json request = json::parse(ReadFile(dir / "request"));
  json expected = json::parse(ReadFile(dir / "expected.json"));
  json actual = RunRequest(dir, request);
  std::vector<std::string> diffs;
  Compare(expected, actual, "$", diffs);
  std::string report;
  for (const std::string& d : diffs) report += "  " + d + "\n";
  EXPECT_TRUE(diffs.empty()) << GetParam() << ":\n" << report;
}

std::vector<std::string> Cases() {
  std::vector<std::string> cases;
  for (const auto& entry : fs::directory_iterator(fs::path(SC_SOURCE_DIR) / "tests" / "golden")) {
    if (entry.is_directory() && fs::exists(entry.path() / "request")) {
      cases.push_back(entry.path().filename().string());
    }
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenTest, ::testing::ValuesIn(Cases()),
                         [](const auto& param_info) {
                           std::string name = param_info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace sc
