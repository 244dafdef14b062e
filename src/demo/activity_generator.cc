#include "demo/activity_generator.h"

#include <algorithm>
#include <limits>
#include <vector>

#include "demo/names.h"
#include "demo/random.h"
#include "demo/stages.h"

namespace sc::demo {
namespace {

constexpr int kCall = 0, kEmail = 1, kMeeting = 2, kOther = 3;
constexpr std::string_view kTypeNames[4] = {"call", "email", "meeting", "other"};
constexpr int64_t kNoCutoff = std::numeric_limits<int64_t>::max();
constexpr int64_t kNeverTouched = std::numeric_limits<int64_t>::min();

struct Writer {
  const Person& owner;
  const std::string& manager_id;
  const RepBook& book;
  Rng& rng;
  IdCounters* ids;
  CsvWriter* out;
  int64_t written = 0;

  // `cutoff_day`: no call or email after that day (kNeverTouched: no
  // activity at all).
  void Write(int type, int account, const DemoDeal* deal, int stage, int64_t at,
             int64_t cutoff_day) {
    if (cutoff_day == kNeverTouched) return;
    if ((type == kCall || type == kEmail) && at / kDaySeconds > cutoff_day) return;
    const DemoAccount& a = book.accounts[static_cast<size_t>(account)];
    out->Plain("act" + std::to_string(++ids->activity));
    out->Plain(kTypeNames[type]);
    bool by_manager = type == kMeeting && rng.Chance(0.1);
    out->Plain(by_manager ? manager_id : owner.id);
    bool with_contact = rng.Chance(0.5);
    // Deal touches often name only the opportunity; a few account touches
    // name only the contact: the importer resolves the account.
    bool with_account = deal != nullptr ? rng.Chance(0.7) : !with_contact || rng.Chance(0.8);
    if (with_account) out->Plain("acc" + std::to_string(a.number)); else out->Empty();
    if (with_contact) {
      out->Plain("con" + std::to_string(a.first_contact + rng.Below(a.contacts)));
    } else {
      out->Empty();
    }
    if (deal != nullptr) out->Plain("opp" + std::to_string(deal->number)); else out->Empty();
    out->Instant(at);
    out->Field(ActivitySubject(type, stage, rng));
    out->EndRow();
    ++written;
  }
};

int PickType(Rng& rng) {
  static constexpr double kWeights[4] = {0.35, 0.45, 0.15, 0.05};
  return rng.Weighted(kWeights, 4);
}

int StageAt(const DemoDeal& d, int64_t at) {
  int stage = d.rows.front().stage;
  for (const HistoryRow& r : d.rows) {
    if (r.at > at) break;
    stage = r.stage;
  }
  return stage < kOpenStages ? stage : kOpenStages - 1;
}

}  // namespace

int64_t WriteActivities(const Person& owner, const std::string& manager_id,
                        const RepProfile& profile, const RepBook& book, const DemoClock& clock,
                        Rng& rng, IdCounters* ids, CsvWriter* out) {
  size_t n_accounts = book.accounts.size();
  // Which accounts have open pipeline at D (open, not omitted).
  std::vector<const DemoDeal*> open_deal(n_accounts, nullptr);
  for (const DemoDeal& d : book.deals) {
    if (d.open() && d.state().category != ForecastCategory::kOmitted) {
      open_deal[static_cast<size_t>(d.account)] = &d;
    }
  }
  std::vector<int> open_accounts;
  for (size_t i = 0; i < n_accounts; ++i) {
    if (open_deal[i] != nullptr) open_accounts.push_back(static_cast<int>(i));
  }
  rng.Shuffle(open_accounts);
  size_t neglected = static_cast<size_t>(profile.neglect * static_cast<double>(open_accounts.size()) + 0.5);
  if (profile.is_david) neglected = std::max(neglected, std::min<size_t>(open_accounts.size(), 5));
  std::vector<int64_t> cutoff(n_accounts, kNoCutoff);
  for (size_t k = 0; k < neglected; ++k) {
    size_t a = static_cast<size_t>(open_accounts[k]);
    bool never = profile.is_david && k < 2;
    cutoff[a] = never ? kNeverTouched : clock.as_of_day - rng.Between(15, 50);
  }

  Writer w{owner, manager_id, book, rng, ids, out};
  for (const DemoDeal& d : book.deals) {
    int64_t start = d.created;
    int64_t end = d.open() ? clock.end_of_as_of : d.state().at;
    int64_t n = rng.Between(4, 16);
    for (int64_t k = 0; k < n; ++k) {
      // A business hour of a day in the deal's open life.
      int64_t day = start / kDaySeconds + rng.Below(end / kDaySeconds - start / kDaySeconds + 1);
      int64_t at = std::clamp(AtBusinessTime(day, rng), start, end);
      int type = PickType(rng);
      w.Write(type, d.account, &d, StageAt(d, at), at, cutoff[static_cast<size_t>(d.account)]);
    }
  }
  for (size_t i = 0; i < n_accounts; ++i) {
    int64_t n = rng.Between(1, 4);  // prospecting touches, not tied to a deal
    for (int64_t k = 0; k < n; ++k) {
      int64_t at = AtBusinessTime(clock.history_start + rng.Below(kHistoryDays), rng);
      if (at > clock.end_of_as_of) continue;
      w.Write(rng.Chance(0.5) ? kCall : (rng.Chance(0.9) ? kEmail : kOther), static_cast<int>(i),
              nullptr, -1, at, cutoff[i]);
    }
    if (open_deal[i] != nullptr && cutoff[i] == kNoCutoff) {  // a recent touch
      int64_t at = AtBusinessTime(clock.as_of_day - rng.Between(0, 10), rng);
      const DemoDeal* d = open_deal[i];
      at = std::max(std::min(at, clock.end_of_as_of), d->created);
      w.Write(rng.Chance(0.5) ? kCall : kEmail, static_cast<int>(i), d, d->state().stage, at,
              kNoCutoff);
    }
  }
  return w.written;
}

}  // namespace sc::demo
