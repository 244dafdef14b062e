#include "salesforce_export_writer.h"

#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "base/time.h"
#include "ingest/csv_reader.h"

namespace sc::testing {
namespace {

namespace fs = std::filesystem;
using Row = std::map<std::string, std::string>;

Result<std::vector<Row>> ReadAll(const fs::path& path) {
  std::vector<Row> rows;
  if (!fs::exists(path)) return rows;
  ASSIGN_OR_RETURN(std::unique_ptr<CsvReader> reader, CsvReader::Open(path));
  CsvRecord rec;
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader->Next(&rec));
    if (!more) break;
    Row r;
    for (size_t i = 0; i < reader->header().size(); ++i) {
      r[reader->header()[i]] = std::string(rec.Field(static_cast<int>(i)));
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

std::string Quote(const std::string& v) {
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

class Out {
 public:
  Out(const fs::path& path, std::vector<std::string> header) : out_(path, std::ios::binary) {
    Line(header);
  }
  void Line(const std::vector<std::string>& values) {
    for (size_t i = 0; i < values.size(); ++i) out_ << (i ? "," : "") << Quote(values[i]);
    out_ << "\n";
  }

 private:
  std::ofstream out_;
};

// "2026-12-03T10:00:00Z" -> "2026-12-03 10:00:00"; "" stays "".
std::string SfTime(const std::string& v) {
  if (v.empty()) return v;
  Result<Instant> t = ParseInstant(v);
  if (!t) return v;
  std::string s = FormatInstant(*t);  // YYYY-MM-DDTHH:MM:SSZ
  s[10] = ' ';
  s.pop_back();
  return s;
}
std::string SfDate(const std::string& v) { return v.empty() ? v : v + " 00:00:00"; }
std::string SfId(const std::string& v) { return v.empty() ? "000000000000000AAA" : v; }
std::string SfBool(const std::string& v) { return v == "true" ? "1" : v == "false" ? "0" : v; }
std::string Category(const std::string& v) {
  if (v == "pipeline") return "Pipeline";
  if (v == "best_case") return "Best Case";
  if (v == "commit") return "Commit";
  if (v == "closed") return "Closed";
  if (v == "omitted") return "Omitted";
  return v;
}

}  // namespace

Status WriteSalesforceExport(const fs::path& in, const fs::path& out) {
  fs::create_directories(out);
  ASSIGN_OR_RETURN(auto users, ReadAll(in / "users.csv"));
  ASSIGN_OR_RETURN(auto stages, ReadAll(in / "stages.csv"));
  ASSIGN_OR_RETURN(auto accounts, ReadAll(in / "accounts.csv"));
  ASSIGN_OR_RETURN(auto contacts, ReadAll(in / "contacts.csv"));
  ASSIGN_OR_RETURN(auto opps, ReadAll(in / "opportunities.csv"));
  ASSIGN_OR_RETURN(auto history, ReadAll(in / "stage_history.csv"));
  ASSIGN_OR_RETURN(auto activities, ReadAll(in / "activities.csv"));
  ASSIGN_OR_RETURN(auto quotas, ReadAll(in / "quotas.csv"));

  // Upper-case headers in one file, as older Data Loader versions write them.
  Out u(out / "User.csv", {"ID", "USERNAME", "NAME", "EMAIL", "MANAGERID", "ISACTIVE",
                           "DEPARTMENT", "USERROLEID"});
  for (Row& r : users) {
    u.Line({r["id"], r["email"], r["name"], r["email"], SfId(r["manager_id"]),
            SfBool(r["active"].empty() ? "true" : r["active"]), r["team"], SfId("")});
  }
  Out st(out / "OpportunityStage.csv", {"Id", "MasterLabel", "ApiName", "IsActive", "SortOrder",
                                        "IsClosed", "IsWon", "DefaultProbability",
                                        "ForecastCategoryName"});
  int n = 0;
  for (Row& r : stages) {
    // Salesforce sort orders are not 1..n.
    std::string order = std::to_string(std::stoi(r["order"]) * 10);
    st.Line({"01J" + std::to_string(++n), r["name"], r["name"], "1", order, SfBool(r["is_closed"]),
             SfBool(r["is_won"]), r["probability"], Category(r["forecast_category"])});
  }
  Out a(out / "Account.csv", {"Id", "IsDeleted", "Name", "ParentId", "OwnerId", "Industry",
                              "CreatedDate"});
  for (Row& r : accounts) {
    a.Line({r["id"], "0", r["name"], SfId(""), SfId(r["owner_id"]), r["industry"],
            SfTime(r["created_at"])});
  }
  Out c(out / "Contact.csv", {"Id", "IsDeleted", "AccountId", "FirstName", "LastName", "Name",
                              "Title", "Email"});
  for (Row& r : contacts) {
    c.Line({r["id"], "0", r["account_id"], "", "", r["name"], r["title"], r["email"]});
  }
  Out o(out / "Opportunity.csv",
        {"Id", "IsDeleted", "AccountId", "Name", "StageName", "StageSortOrder", "Amount",
         "CloseDate", "Type", "IsClosed", "IsWon", "ForecastCategory", "ForecastCategoryName",
         "CampaignId", "OwnerId", "CreatedDate"});
  std::map<std::string, Row> stage_by_name;
  for (Row& r : stages) stage_by_name[r["name"]] = r;
  for (Row& r : opps) {
    Row& s = stage_by_name[r["stage"]];
    std::string label = Category(r["forecast_category"]);
    o.Line({r["id"], "0", r["account_id"], r["name"], r["stage"], s["order"], r["amount"],
            SfDate(r["close_date"]), r["type"], SfBool(s["is_closed"]), SfBool(s["is_won"]),
            label == "Commit" ? "Forecast" : label == "Best Case" ? "BestCase" : label, label,
            SfId(""), r["owner_id"], SfTime(r["created_at"])});
  }
  Out h(out / "OpportunityHistory.csv",
        {"Id", "OpportunityId", "CreatedById", "CreatedDate", "StageName", "Amount",
         "ExpectedRevenue", "CloseDate", "Probability", "ForecastCategory", "IsDeleted"});
  n = 0;
  for (Row& r : history) {
    h.Line({"008" + std::to_string(++n), r["opportunity_id"], "", SfTime(r["changed_at"]),
            r["stage"], r["amount"], "", SfDate(r["close_date"]), "",
            Category(r["forecast_category"]), "0"});
  }
  // Calls, emails and other touches are tasks (ISO datetimes here, as an API
  // export writes them); meetings are events.
  Out t(out / "Task.csv", {"Id", "WhoId", "WhatId", "Subject", "ActivityDate", "Status", "OwnerId",
                           "Type", "IsDeleted", "AccountId", "TaskSubtype", "CompletedDateTime",
                           "CreatedDate"});
  Out e(out / "Event.csv", {"Id", "WhoId", "WhatId", "Subject", "ActivityDateTime",
                            "ActivityDate", "OwnerId", "IsDeleted", "AccountId", "CreatedDate"});
  for (Row& r : activities) {
    std::string what = !r["opportunity_id"].empty() ? r["opportunity_id"] : "";
    if (r["type"] == "meeting") {
      e.Line({r["id"], SfId(r["contact_id"]), SfId(what), r["subject"], SfTime(r["occurred_at"]),
              "", r["owner_id"], "0", SfId(r["account_id"]), ""});
    } else {
      std::string subtype = r["type"] == "call" ? "Call" : r["type"] == "email" ? "Email" : "Task";
      std::string type = r["type"] == "other" ? "Other" : "";
      t.Line({r["id"], SfId(r["contact_id"]), SfId(what), r["subject"], "", "Completed",
              r["owner_id"], type, "0", SfId(r["account_id"]), subtype,
              r["occurred_at"], ""});
    }
  }
  Out q(out / "Quota.csv", {"QuotaOwnerId", "StartDate", "EndDate", "QuotaAmount"});
  for (Row& r : quotas) q.Line({r["owner_id"], r["start_date"], r["end_date"], r["amount"]});
  std::error_code ec;
  if (fs::exists(in / "settings.toml")) {
    fs::copy_file(in / "settings.toml", out / "settings.toml", fs::copy_options::overwrite_existing,
                  ec);
  }
  // Salesforce has no skills per stage: they go into settings.toml's [skills].
  std::ofstream settings(out / "settings.toml", std::ios::binary | std::ios::app);
  settings << "\n[skills]\n";
  for (Row& r : stages) {
    if (r["skills"].empty()) continue;
    settings << Quote(r["name"]) << " = [";
    std::string list = r["skills"];
    size_t start = 0;
    bool first = true;
    while (start <= list.size()) {
      size_t semi = list.find(';', start);
      if (semi == std::string::npos) semi = list.size();
      std::string skill = list.substr(start, semi - start);
      while (!skill.empty() && skill.front() == ' ') skill.erase(0, 1);
      while (!skill.empty() && skill.back() == ' ') skill.pop_back();
      if (!skill.empty()) settings << (first ? "" : ", ") << Quote(skill);
      first = first && skill.empty();
      start = semi + 1;
    }
    settings << "]\n";
  }
  return Status::Ok();
}

}  // namespace sc::testing
