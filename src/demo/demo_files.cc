#include "demo/demo_files.h"

#include <cctype>

#include "demo/names.h"
#include "demo/random.h"
#include "demo/stages.h"

namespace sc::demo {
namespace {

std::string Domain(std::string_view company) {
  std::string s;
  for (char c : company) {
    if (c == ',') break;
    if (std::isalnum(static_cast<unsigned char>(c))) {
      s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return s + ".example";
}

}  // namespace

Result<DemoFiles> DemoFiles::Open(const std::filesystem::path& dir) {
  DemoFiles f;
  ASSIGN_OR_RETURN(f.users, CsvWriter::Open(dir / "users.csv",
                                            {"id", "name", "email", "role", "manager_id", "team",
                                             "active"}));
  ASSIGN_OR_RETURN(f.stages, CsvWriter::Open(dir / "stages.csv",
                                             {"name", "order", "is_closed", "is_won",
                                              "probability", "forecast_category", "skills"}));
  ASSIGN_OR_RETURN(f.accounts, CsvWriter::Open(dir / "accounts.csv",
                                               {"id", "name", "owner_id", "segment", "industry",
                                                "created_at"}));
  ASSIGN_OR_RETURN(f.contacts, CsvWriter::Open(dir / "contacts.csv",
                                               {"id", "account_id", "name", "title", "email"}));
  ASSIGN_OR_RETURN(f.opportunities,
                   CsvWriter::Open(dir / "opportunities.csv",
                                   {"id", "account_id", "owner_id", "name", "type", "amount",
                                    "stage", "forecast_category", "created_at", "close_date"}));
  ASSIGN_OR_RETURN(f.history, CsvWriter::Open(dir / "stage_history.csv",
                                              {"opportunity_id", "changed_at", "stage", "amount",
                                               "close_date", "forecast_category"}));
  ASSIGN_OR_RETURN(f.activities,
                   CsvWriter::Open(dir / "activities.csv",
                                   {"id", "type", "owner_id", "account_id", "contact_id",
                                    "opportunity_id", "occurred_at", "subject"}));
  ASSIGN_OR_RETURN(f.quotas, CsvWriter::Open(dir / "quotas.csv",
                                             {"owner_id", "start_date", "end_date", "amount"}));
  ASSIGN_OR_RETURN(f.forecasts, CsvWriter::Open(dir / "forecasts.csv",
                                                {"owner_id", "period", "category", "amount",
                                                 "submitted_at"}));
  return f;
}

Status DemoFiles::Close() {
  Status first;
  for (auto* w : {&users, &stages, &accounts, &contacts, &opportunities, &history, &activities,
                  &quotas, &forecasts}) {
    if (*w == nullptr) continue;
    Status s = (*w)->Close();
    if (first.ok() && !s.ok()) first = s;
  }
  return first;
}

void WriteStages(CsvWriter* out) {
  for (const DemoStage& s : kStages) {
    out->Field(s.name);
    out->Int(s.order);
    out->Plain(s.is_closed ? "true" : "false");
    out->Plain(s.is_won ? "true" : "false");
    out->Int(s.probability);
    out->Plain(ForecastCategoryName(s.category));
    out->Field(s.skills);
    out->EndRow();
  }
}

void WriteUsers(const Org& org, CsvWriter* out) {
  for (const Person& p : org.people) {
    out->Plain(p.id);
    out->Field(p.name);
    out->Field(p.email);
    out->Plain(RoleName(p.role));
    if (p.manager >= 0) {
      out->Plain(org.people[static_cast<size_t>(p.manager)].id);
    } else {
      out->Empty();
    }
    out->Field(p.team);
    out->Plain(p.active ? "true" : "false");
    out->EndRow();
  }
}

void WriteBook(const Person& owner, const RepBook& book, Rng& rng, DemoFiles* files) {
  std::string id;
  for (const DemoAccount& a : book.accounts) {
    CsvWriter* w = files->accounts.get();
    id = "acc" + std::to_string(a.number);
    w->Plain(id);
    w->Field(a.name);
    w->Plain(owner.id);
    w->Plain(a.segment);
    w->Field(a.industry);
    w->Instant(a.created);
    w->EndRow();
    std::string domain = Domain(a.name);
    for (int64_t k = 0; k < a.contacts; ++k) {
      CsvWriter* c = files->contacts.get();
      std::string name = PersonName(rng.Below(3600));
      c->Plain("con" + std::to_string(a.first_contact + k));
      c->Plain(id);
      c->Field(name);
      c->Field(ContactTitle(rng));
      c->Field(EmailLocalPart(name) + "@" + domain);
      c->EndRow();
    }
  }
  for (const DemoDeal& d : book.deals) {
    const DemoAccount& a = book.accounts[static_cast<size_t>(d.account)];
    const HistoryRow& s = d.state();
    CsvWriter* w = files->opportunities.get();
    id = "opp" + std::to_string(d.number);
    w->Plain(id);
    w->Plain("acc" + std::to_string(a.number));
    w->Plain(owner.id);
    w->Field(a.name + " - " + std::string(DealTypeName(d.type)));
    w->Plain(DealTypeName(d.type));
    w->Money(s.amount);
    w->Field(kStages[static_cast<size_t>(s.stage)].name);
    w->Plain(ForecastCategoryName(s.category));
    w->Instant(d.created);
    w->Day(s.close_day);
    w->EndRow();
    CsvWriter* h = files->history.get();
    const HistoryRow* prev = nullptr;
    for (const HistoryRow& r : d.rows) {
      h->Plain(id);
      h->Instant(r.at);
      h->Field(kStages[static_cast<size_t>(r.stage)].name);
      if (prev == nullptr || r.amount != prev->amount) h->Money(r.amount); else h->Empty();
      if (prev == nullptr || r.close_day != prev->close_day) h->Day(r.close_day); else h->Empty();
      if (prev == nullptr || r.category != prev->category) {
        h->Plain(ForecastCategoryName(r.category));
      } else {
        h->Empty();
      }
      h->EndRow();
      prev = &r;
    }
  }
}

}  // namespace sc::demo
