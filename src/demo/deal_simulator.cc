#include "demo/deal_simulator.h"

#include <algorithm>
#include <array>

#include "demo/names.h"
#include "demo/random.h"
#include "demo/stages.h"

namespace sc::demo {
namespace {

constexpr Money kHundred = 10000;  // $100 in cents

Money RoundToHundred(double cents) {
  Money m = static_cast<Money>(cents / static_cast<double>(kHundred) + 0.5) * kHundred;
  return m < kHundred ? kHundred : m;
}

int64_t DayOf(int64_t seconds) { return seconds / kDaySeconds; }

// One planned change; resolved into full HistoryRows in time order.
struct Event {
  enum Kind { kStage, kAmount, kClose, kOmit, kEnd } kind;
  int64_t at;
  int64_t value;  // stage index, amount, close day, or kWon/kLost for kEnd
};

// What the simulator decided about a deal before it is turned into history.
struct DealPlan {
  int64_t created = 0;  // seconds
  int64_t cycle_days = 0;
  int last_stage = 0;  // highest open stage index reached
  bool won = false;
  Money amount = 0;
};

std::vector<HistoryRow> Resolve(std::vector<Event>& events, Money amount, int64_t close_day,
                                int64_t end_of_as_of) {
  std::stable_sort(events.begin(), events.end(),
                   [](const Event& a, const Event& b) { return a.at < b.at; });
  std::vector<HistoryRow> rows;
  rows.reserve(events.size());
  HistoryRow s;
  s.stage = 0;
  s.amount = amount;
  s.close_day = close_day;
  bool omitted = false;
  int64_t last_at = -1;
  for (const Event& e : events) {
    int64_t at = std::max(e.at, last_at + 60);  // distinct instants keep the order explicit
    if (at > end_of_as_of) break;
    last_at = at;
    switch (e.kind) {
      case Event::kStage: s.stage = static_cast<int>(e.value); break;
      case Event::kAmount: s.amount = e.value; break;
      case Event::kClose: s.close_day = e.value; break;
      case Event::kOmit: omitted = true; break;
      case Event::kEnd:
        s.stage = static_cast<int>(e.value);
        s.close_day = DayOf(at);
        break;
    }
    s.at = at;
    s.category = omitted && s.stage != kWon ? ForecastCategory::kOmitted
                                            : kStages[static_cast<size_t>(s.stage)].category;
    rows.push_back(s);
  }
  return rows;
}

// Turns a plan into the deal's history (see the header for what varies).
std::vector<HistoryRow> Simulate(const DealPlan& p, const DemoClock& clock, Rng& rng) {
  std::vector<Event> ev;
  int64_t c = p.created;
  int64_t c_day = DayOf(c);
  int64_t close_plan = c_day + p.cycle_days;
  double step = static_cast<double>(p.cycle_days) / 5.0;

  Money initial = p.amount;
  if (rng.Chance(0.35)) initial = RoundToHundred(static_cast<double>(p.amount) * rng.Uniform(0.75, 1.3));
  int first_stage = p.last_stage >= 1 && rng.Chance(0.08) ? 1 : 0;  // created at Discovery
  ev.push_back({Event::kStage, c, first_stage});

  int64_t prev_day = c_day;
  int64_t stage_day[5] = {c_day, c_day, c_day, c_day, c_day};
  for (int k = first_stage + 1; k <= p.last_stage; ++k) {
    int64_t day = c_day + static_cast<int64_t>(step * k * rng.Uniform(0.8, 1.15));
    day = std::max(day, prev_day + 1);
    prev_day = day;
    stage_day[k] = day;
    bool skip = k < p.last_stage && k <= 3 && rng.Chance(0.1);
    if (!skip) ev.push_back({Event::kStage, AtBusinessTime(day, rng), k});
    if (k == 3 && initial != p.amount) {
      ev.push_back({Event::kAmount, AtBusinessTime(day, rng) + 1, p.amount});
    }
  }

  int64_t end_day;
  if (p.won) {
    end_day = std::max(close_plan, prev_day + 1);
  } else {
    end_day = stage_day[p.last_stage] +
              std::max<int64_t>(1, static_cast<int64_t>(step * rng.Uniform(0.3, 1.3)));
    if (rng.Chance(0.3)) {  // the rep marks it omitted before giving up
      int64_t omit_day = std::max(prev_day + 1, end_day - rng.Between(5, 40));
      ev.push_back({Event::kOmit, AtBusinessTime(omit_day, rng), 0});
      end_day = std::max(end_day, omit_day + 1);
    }
    if (rng.Chance(0.25)) end_day += rng.Between(40, 150);  // stalls, then cleaned up
  }
  int64_t expected_close = std::max(p.won ? end_day : close_plan, c_day + 7);
  int64_t initial_close = expected_close;
  if (rng.Chance(0.25) && expected_close - c_day > 30) {  // the close date slips
    initial_close = expected_close - rng.Between(10, 35);
    int64_t slip_day = std::max(initial_close - rng.Between(0, 5), c_day + 1);
    ev.push_back({Event::kClose, AtBusinessTime(slip_day, rng), expected_close});
  }
  ev.push_back({Event::kEnd, AtBusinessTime(end_day, rng), p.won ? kWon : kLost});
  return Resolve(ev, initial, initial_close, clock.end_of_as_of);
}

DealType PickType(Rng& rng) {
  static constexpr double kWeights[3] = {0.70, 0.18, 0.12};
  return static_cast<DealType>(rng.Weighted(kWeights, 3));
}

Money PickAmount(const RepProfile& profile, DealType type, Rng& rng) {
  static constexpr double kTypeScale[3] = {1.0, 0.5, 0.8};
  double u1 = rng.Uniform(), u2 = rng.Uniform();
  double m = 0.4 + 1.2 * u1 * u1 + 0.6 * u2;
  return RoundToHundred(static_cast<double>(profile.new_business_base) *
                        profile.volume.amount_scale * kTypeScale[static_cast<int>(type)] * m);
}

int64_t PickCycle(const RepProfile& profile, DealType type, Rng& rng) {
  static constexpr double kTypeScale[3] = {1.0, 0.6, 0.5};
  double days = profile.cycle_days * kTypeScale[static_cast<int>(type)] * rng.Uniform(0.5, 1.5);
  return std::max<int64_t>(10, static_cast<int64_t>(days));
}

DemoAccount MakeAccount(const DemoClock& clock, Rng& rng, IdCounters* ids) {
  static constexpr std::array<std::string_view, 3> kSegment = {"Enterprise", "Mid-Market", "SMB"};
  static constexpr double kSegmentWeights[3] = {0.2, 0.35, 0.45};
  DemoAccount a;
  a.number = ++ids->account;
  a.name = CompanyName(rng);
  a.segment = kSegment[static_cast<size_t>(rng.Weighted(kSegmentWeights, 3))];
  a.industry = Industry(rng);
  a.created = AtBusinessTime(clock.history_start - rng.Between(30, 900), rng);
  a.contacts = rng.Between(2, 4);
  a.first_contact = ids->contact + 1;
  ids->contact += a.contacts;
  return a;
}

void ScaleAmounts(DemoDeal* d, double f) {
  for (HistoryRow& r : d->rows) r.amount = RoundToHundred(static_cast<double>(r.amount) * f);
}

// Slipped deals (SPEC §3.7): some deals open at D that existed at P.start
// had a close date in P then and have one after P.end now, pushed by a row
// during P. Deals now closing after P.end get an earlier close date in P;
// some now closing in P get pushed out.
void AddQuarterSlips(const DemoClock& clock, Rng& rng, RepBook* book) {
  int64_t p_start_end = (clock.period_start + 1) * kDaySeconds - 1;
  if (clock.end_of_as_of <= p_start_end) return;
  auto in_p = [&](int64_t day) { return clock.period_start <= day && day <= clock.period_end; };
  for (DemoDeal& d : book->deals) {
    if (!d.open() || d.created > p_start_end) continue;
    int64_t close = d.state().close_day;
    bool after = close > clock.period_end;
    if (!(after && rng.Chance(0.5)) && !(in_p(close) && rng.Chance(0.3))) continue;
    int64_t at = p_start_end + 1 + rng.Below(clock.end_of_as_of - p_start_end);
    auto pos = std::upper_bound(d.rows.begin(), d.rows.end(), at,
                                [](int64_t t, const HistoryRow& r) { return t < r.at; });
    if (pos != d.rows.end() && pos->at == at) continue;
    int64_t old_close = after ? clock.period_end - rng.Below(std::min<int64_t>(
                                                       30, clock.period_end - clock.period_start))
                              : close;
    int64_t new_close = after ? close : clock.period_end + rng.Between(5, 45);
    HistoryRow slip = *(pos - 1);
    slip.at = at;
    slip.close_day = new_close;
    for (auto it = d.rows.begin(); it != d.rows.end(); ++it) {
      if (it < pos) {
        if (after) it->close_day = old_close;
      } else {
        it->close_day = new_close;
      }
    }
    d.rows.insert(pos, slip);
  }
}

}  // namespace

std::string_view DealTypeName(DealType t) {
  switch (t) {
    case DealType::kNewBusiness: return "New Business";
    case DealType::kExpansion: return "Expansion";
    case DealType::kRenewal: return "Renewal";
  }
  return "New Business";
}

int64_t AtBusinessTime(int64_t day, Rng& rng) {
  return day * kDaySeconds + 13 * 3600 + rng.Below(10 * 3600);
}

RepBook PlanRep(const RepProfile& profile, const DemoClock& clock, Rng& rng, IdCounters* ids) {
  RepBook book;
  int64_t n_accounts = rng.Between(profile.volume.accounts_min, profile.volume.accounts_max);
  book.accounts.reserve(static_cast<size_t>(n_accounts));
  for (int64_t i = 0; i < n_accounts; ++i) book.accounts.push_back(MakeAccount(clock, rng, ids));

  double quarters = static_cast<double>(kHistoryDays) / 91.3125;
  int64_t n_deals = static_cast<int64_t>(profile.volume.deals_per_quarter * quarters *
                                         rng.Uniform(0.9, 1.1));
  std::vector<int64_t> created;
  created.reserve(static_cast<size_t>(n_deals) + 16);
  for (int64_t i = 0; i < n_deals; ++i) {
    created.push_back(AtBusinessTime(clock.as_of_day - rng.Below(kHistoryDays), rng));
  }
  if (profile.is_david) {  // strong early pipeline: a burst in the first three weeks of P
    int64_t window = std::min<int64_t>(21, clock.as_of_day - clock.period_start) + 1;
    for (int i = 0; i < 10; ++i) {
      created.push_back(AtBusinessTime(clock.period_start + rng.Below(window), rng));
    }
  }
  std::sort(created.begin(), created.end());

  Diffuser diffuse[5] = {Diffuser(rng.Uniform()), Diffuser(rng.Uniform()),
                         Diffuser(rng.Uniform()), Diffuser(rng.Uniform()),
                         Diffuser(rng.Uniform())};
  book.deals.reserve(created.size());
  for (int64_t c : created) {
    DemoDeal d;
    d.number = ++ids->deal;
    d.account = static_cast<int>(rng.Below(n_accounts));
    d.type = PickType(rng);
    d.created = std::min(c, clock.end_of_as_of);
    DealPlan p;
    p.created = d.created;
    p.cycle_days = PickCycle(profile, d.type, rng);
    p.amount = PickAmount(profile, d.type, rng);
    p.last_stage = 0;
    while (p.last_stage < 4 && diffuse[p.last_stage].Next(profile.conversion[p.last_stage], rng)) {
      ++p.last_stage;
    }
    p.won = p.last_stage == 4 && diffuse[4].Next(profile.conversion[4], rng);
    d.rows = Simulate(p, clock, rng);
    book.deals.push_back(std::move(d));
  }
  AddQuarterSlips(clock, rng, &book);
  return book;
}

void ShapeDavidQuarter(const RepProfile& profile, const DemoClock& clock, Rng& rng,
                       IdCounters* ids, RepBook* book) {
  double quota = 3.0 * static_cast<double>(profile.monthly_quota);
  auto in_p = [&](int64_t day) { return clock.period_start <= day && day <= clock.period_end; };

  // Bookings in P up to D: 20% of the quarter's quota.
  std::vector<DemoDeal*> won;
  for (DemoDeal& d : book->deals) {
    if (d.won() && in_p(d.state().close_day)) won.push_back(&d);
  }
  if (won.empty()) {  // a deal created two months ago, won in P on or before D
    DemoDeal d;
    d.number = ++ids->deal;
    d.account = static_cast<int>(rng.Below(static_cast<int64_t>(book->accounts.size())));
    d.type = DealType::kNewBusiness;
    int64_t close_day = clock.period_start + (clock.as_of_day - clock.period_start) * 3 / 5;
    DealPlan p;
    p.created = AtBusinessTime(close_day - 60, rng);
    p.cycle_days = 60;
    p.last_stage = 4;
    p.won = true;
    p.amount = RoundToHundred(0.2 * quota);
    d.created = p.created;
    d.rows = Simulate(p, clock, rng);
    book->deals.push_back(std::move(d));
    won.push_back(&book->deals.back());
  }
  double booked = 0;
  for (const DemoDeal* d : won) booked += static_cast<double>(d->state().amount);
  double retired = rng.Uniform(0.18, 0.22);
  for (DemoDeal* d : won) ScaleAmounts(d, retired * quota / booked);

  // Open pipeline in P (not omitted): twice the remaining quota.
  std::vector<DemoDeal*> open;
  double pipeline = 0;
  for (DemoDeal& d : book->deals) {
    if (d.open() && in_p(d.state().close_day) && d.state().category != ForecastCategory::kOmitted) {
      open.push_back(&d);
      pipeline += static_cast<double>(d.state().amount);
    }
  }
  if (pipeline > 0) {
    double coverage = rng.Uniform(1.7, 2.3);
    for (DemoDeal* d : open) ScaleAmounts(d, coverage * (1 - retired) * quota / pipeline);
  }
}

}  // namespace sc::demo
