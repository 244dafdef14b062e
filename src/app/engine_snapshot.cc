// Layout (little-endian, every section padded to 8 bytes):
//   "SCENGSNP" magic, u32 version, u32 0x01020304 (byte order), u64 payload
//   bytes, then the payload: the fingerprint, then DataSet's columns in the
//   order of Columns() below, then a u64 checksum of the payload.
// A column of PODs is u64 count, u64 element size, the raw elements; a column
// of strings is its u64 count, the u64 end offsets, then the bytes.
#include "app/engine_snapshot.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>
#include <type_traits>

namespace sc {
namespace {

namespace fs = std::filesystem;

constexpr char kMagic[8] = {'S', 'C', 'E', 'N', 'G', 'S', 'N', 'P'};
constexpr uint32_t kByteOrder = 0x01020304;
constexpr size_t kHeaderBytes = 8 + 4 + 4 + 8;

#if defined(__GLIBCXX__) && defined(__x86_64__)
// A new DataSet field must be written below (and kEngineSnapshotVersion
// bumped); this fails to compile until then.
static_assert(sizeof(DataSet) == 1680 && sizeof(StageInfo) == 96 &&
                  sizeof(DataSet::Forecast) == 64 && sizeof(Settings) == 208,
              "DataSet changed: update engine_snapshot.cc and bump kEngineSnapshotVersion");
#endif

// A running checksum over 8-byte words.
class Checksum {
 public:
  void Words(const uint64_t* w, size_t n) {
    uint64_t a = a_, b = b_;
    size_t i = 0;
    for (; i + 1 < n; i += 2) {
      a = (a ^ w[i]) * 0x9E3779B97F4A7C15ULL;
      b = (b ^ w[i + 1]) * 0xC2B2AE3D27D4EB4FULL;
      a ^= a >> 29;
      b ^= b >> 31;
    }
    if (i < n) a = ((a ^ w[i]) * 0x9E3779B97F4A7C15ULL) ^ (a >> 29);
    a_ = a;
    b_ = b;
  }
  uint64_t value() const { return a_ ^ (b_ * 0xFF51AFD7ED558CCDULL) ^ count_; }
  void Count(uint64_t n) { count_ += n; }

 private:
  uint64_t a_ = 0x243F6A8885A308D3ULL, b_ = 0x13198A2E03707344ULL, count_ = 0;
};

size_t Padded(size_t n) { return (n + 7) & ~size_t{7}; }

class Writer {
 public:
  explicit Writer(std::FILE* f) : f_(f) {}

  // Writes n bytes followed by zeros up to a multiple of 8.
  void Bytes(const void* p, size_t n) {
    if (!ok_) return;
    size_t whole = n & ~size_t{7};
    if (whole > 0) {
      sum_.Words(static_cast<const uint64_t*>(p), whole / 8);
      ok_ = std::fwrite(p, 1, whole, f_) == whole;
    }
    if (n > whole) {
      uint64_t tail = 0;
      std::memcpy(&tail, static_cast<const char*>(p) + whole, n - whole);
      sum_.Words(&tail, 1);
      ok_ = ok_ && std::fwrite(&tail, 8, 1, f_) == 1;
    }
    sum_.Count(Padded(n));
    bytes_ += Padded(n);
  }
  void U64(uint64_t v) { Bytes(&v, 8); }
  template <typename T>
  void Pod(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    U64(v.size());
    U64(sizeof(T));
    Bytes(v.data(), v.size() * sizeof(T));
  }
  void Bools(const std::vector<bool>& v) { Pod(std::vector<uint8_t>(v.begin(), v.end())); }
  void Strings(const std::vector<std::string>& v) {
    std::vector<uint64_t> ends;
    ends.reserve(v.size());
    uint64_t end = 0;
    for (const std::string& s : v) ends.push_back(end += s.size());
    U64(v.size());
    Bytes(ends.data(), ends.size() * 8);
    std::string blob;
    blob.reserve(end);
    for (const std::string& s : v) blob += s;
    Bytes(blob.data(), blob.size());
  }
  void String(const std::string& s) { Strings({s}); }
  // A vector of vectors as begin offsets plus the items.
  template <typename T, typename F>
  void Nested(const std::vector<std::vector<T>>& v, F&& flatten) {
    std::vector<int64_t> begin{0};
    for (const auto& inner : v) begin.push_back(begin.back() + static_cast<int64_t>(inner.size()));
    Pod(begin);
    flatten(v);
  }

  bool ok() const { return ok_; }
  uint64_t bytes() const { return bytes_; }
  uint64_t checksum() const { return sum_.value(); }

 private:
  std::FILE* f_;
  bool ok_ = true;
  uint64_t bytes_ = 0;
  Checksum sum_;
};

class Reader {
 public:
  Reader(std::FILE* f, uint64_t payload) : f_(f), left_(payload) {}

  bool Bytes(void* p, size_t n) {
    if (!ok_) return false;
    size_t padded = Padded(n);
    if (padded > left_) return Fail();
    size_t whole = n & ~size_t{7};
    if (whole > 0) {
      if (std::fread(p, 1, whole, f_) != whole) return Fail();
      sum_.Words(static_cast<const uint64_t*>(p), whole / 8);
    }
    if (n > whole) {
      uint64_t tail = 0;
      if (std::fread(&tail, 8, 1, f_) != 1) return Fail();
      sum_.Words(&tail, 1);
      std::memcpy(static_cast<char*>(p) + whole, &tail, n - whole);
    }
    sum_.Count(padded);
    left_ -= padded;
    return true;
  }
  uint64_t U64() {
    uint64_t v = 0;
    Bytes(&v, 8);
    return v;
  }
  // A count that must fit in what is left of the file at `min_bytes` each.
  uint64_t Count(uint64_t min_bytes) {
    uint64_t n = U64();
    if (ok_ && min_bytes > 0 && n > left_ / min_bytes) Fail();
    return ok_ ? n : 0;
  }
  template <typename T>
  bool Pod(std::vector<T>* v) {
    static_assert(std::is_trivially_copyable_v<T>);
    uint64_t n = Count(sizeof(T));
    if (ok_ && U64() != sizeof(T)) Fail();
    if (!ok_) return false;
    v->resize(n);
    return Bytes(v->data(), n * sizeof(T));
  }
  bool Bools(std::vector<bool>* v) {
    std::vector<uint8_t> bytes;
    if (!Pod(&bytes)) return false;
    v->assign(bytes.begin(), bytes.end());
    return true;
  }
  bool Strings(std::vector<std::string>* v) {
    uint64_t n = Count(8);
    if (!ok_) return false;
    std::vector<uint64_t> ends(n);
    if (!Bytes(ends.data(), n * 8)) return false;
    uint64_t total = n == 0 ? 0 : ends.back();
    if (total > left_) return Fail();
    std::string blob(total, '\0');
    if (!Bytes(blob.data(), total)) return false;
    v->clear();
    v->reserve(n);
    uint64_t begin = 0;
    for (uint64_t end : ends) {
      if (end < begin || end > total) return Fail();
      v->emplace_back(blob.data() + begin, end - begin);
      begin = end;
    }
    return true;
  }
  bool String(std::string* s) {
    std::vector<std::string> v;
    if (!Strings(&v) || v.size() != 1) return Fail();
    *s = std::move(v[0]);
    return true;
  }
  // Begin offsets of a vector of vectors over `items` items.
  bool Offsets(std::vector<int64_t>* begin, size_t groups_expected) {
    if (!Pod(begin)) return false;
    if (begin->size() != groups_expected + 1 || begin->front() != 0) return Fail();
    for (size_t i = 1; i < begin->size(); ++i) {
      if ((*begin)[i] < (*begin)[i - 1]) return Fail();
    }
    return true;
  }

  bool Fail() {
    ok_ = false;
    return false;
  }
  bool ok() const { return ok_; }
  uint64_t left() const { return left_; }
  uint64_t checksum() const { return sum_.value(); }

 private:
  std::FILE* f_;
  bool ok_ = true;
  uint64_t left_;
  Checksum sum_;
};

// Settings, field by field.
template <typename IO, typename S>
void SettingsColumns(IO& io, S& s) {
  static_assert(std::is_same_v<std::remove_const_t<S>, Settings>);
  constexpr bool kWrite = std::is_same_v<IO, Writer>;
  std::vector<int64_t> ints = {s.fiscal_start_month,   s.forecast_lookback_days,
                               s.winrate_quarters,     s.funnel_min_deals,
                               s.accounts_stale_days,  s.deals_stalled_days,
                               s.reference_date ? 1 : 0,
                               s.reference_date ? s.reference_date->time_since_epoch().count() : 0};
  std::vector<double> doubles = {s.coverage_target, s.forecast_shrinkage, s.funnel_alpha};
  std::vector<std::string> skill_stages;
  std::vector<std::vector<std::string>> skill_lists;
  for (const auto& [stage, list] : s.skills) {
    skill_stages.push_back(stage);
    skill_lists.push_back(list);
  }
  if constexpr (kWrite) {
    io.Pod(ints);
    io.Pod(doubles);
    io.Strings(s.quota_types);
    io.Strings(s.winrate_types);
    io.Strings(s.accounts_touch_types);
    io.Strings(skill_stages);
    std::vector<int64_t> begin{0};
    std::vector<std::string> flat;
    for (const auto& list : skill_lists) {
      flat.insert(flat.end(), list.begin(), list.end());
      begin.push_back(static_cast<int64_t>(flat.size()));
    }
    io.Pod(begin);
    io.Strings(flat);
  } else {
    if (!io.Pod(&ints) || ints.size() != 8 || !io.Pod(&doubles) || doubles.size() != 3) {
      io.Fail();
      return;
    }
    s.fiscal_start_month = static_cast<int>(ints[0]);
    if (s.fiscal_start_month < 1 || s.fiscal_start_month > 12) io.Fail();
    s.forecast_lookback_days = ints[1];
    s.winrate_quarters = ints[2];
    s.funnel_min_deals = ints[3];
    s.accounts_stale_days = ints[4];
    s.deals_stalled_days = ints[5];
    s.reference_date.reset();
    if (ints[6] != 0) s.reference_date = Date(std::chrono::days(ints[7]));
    s.coverage_target = doubles[0];
    s.forecast_shrinkage = doubles[1];
    s.funnel_alpha = doubles[2];
    io.Strings(&s.quota_types);
    io.Strings(&s.winrate_types);
    io.Strings(&s.accounts_touch_types);
    io.Strings(&skill_stages);
    std::vector<int64_t> begin;
    std::vector<std::string> flat;
    if (!io.Offsets(&begin, skill_stages.size()) || !io.Strings(&flat) ||
        static_cast<size_t>(begin.back()) != flat.size()) {
      io.Fail();
      return;
    }
    s.skills.clear();
    for (size_t i = 0; i < skill_stages.size(); ++i) {
      s.skills[skill_stages[i]].assign(flat.begin() + begin[i], flat.begin() + begin[i + 1]);
    }
  }
}

void WriteDataSet(Writer& w, const DataSet& ds) {
  SettingsColumns(w, ds.settings);
  w.Strings(ds.user_id);
  w.Strings(ds.user_name);
  w.Strings(ds.user_email);
  w.Strings(ds.user_team);
  w.Pod(ds.user_role);
  w.Pod(ds.user_manager);
  w.Nested(ds.reports, [&](const auto& v) {
    std::vector<UserIx> flat;
    for (const auto& inner : v) flat.insert(flat.end(), inner.begin(), inner.end());
    w.Pod(flat);
  });
  w.Pod(ds.preorder);
  w.Pod(ds.subtree_pos);
  w.Pod(ds.subtree_size);

  std::vector<std::string> stage_name;
  std::vector<int64_t> stage_order;
  std::vector<uint8_t> stage_closed, stage_won, stage_category;
  std::vector<double> stage_probability;
  std::vector<int32_t> stage_rank;
  std::vector<std::vector<std::string>> stage_skills;
  for (const StageInfo& s : ds.stages) {
    stage_name.push_back(s.name);
    stage_order.push_back(s.order);
    stage_closed.push_back(s.is_closed);
    stage_won.push_back(s.is_won);
    stage_probability.push_back(s.probability);
    stage_category.push_back(static_cast<uint8_t>(s.default_category));
    stage_skills.push_back(s.skills);
    stage_rank.push_back(s.open_rank);
  }
  w.Strings(stage_name);
  w.Pod(stage_order);
  w.Pod(stage_closed);
  w.Pod(stage_won);
  w.Pod(stage_probability);
  w.Pod(stage_category);
  w.Pod(stage_rank);
  w.Nested(stage_skills, [&](const auto& v) {
    std::vector<std::string> flat;
    for (const auto& inner : v) flat.insert(flat.end(), inner.begin(), inner.end());
    w.Strings(flat);
  });
  w.Pod(ds.open_stages);

  w.Strings(ds.account_id);
  w.Strings(ds.account_name);
  w.Pod(ds.account_owner);

  w.Strings(ds.opp_id);
  w.Strings(ds.opp_name);
  w.Strings(ds.type_names);
  w.Pod(ds.opp_type);
  w.Pod(ds.opp_account);
  w.Pod(ds.opp_owner);
  w.Pod(ds.opp_amount);
  w.Pod(ds.opp_stage);
  w.Pod(ds.opp_category);
  w.Pod(ds.opp_created);
  w.Pod(ds.opp_close);

  w.Pod(ds.hist_begin);
  w.Pod(ds.hist_at);
  w.Pod(ds.hist_stage);
  w.Pod(ds.hist_amount);
  w.Pod(ds.hist_close);
  w.Pod(ds.hist_category);
  w.Pod(ds.hist_max_rank);

  for (const Csr* c : {&ds.opps_by_owner, &ds.opps_by_account, &ds.accounts_by_owner}) {
    w.Pod(c->begin);
    w.Pod(c->items);
  }

  w.Pod(ds.act_account_begin);
  w.Pod(ds.act_at);
  w.Pod(ds.act_type);
  w.Pod(ds.act_owner);
  w.Pod(ds.owner_act_begin);
  w.Pod(ds.owner_act_date);
  w.Pod(ds.owner_act_type);

  w.Nested(ds.quotas, [&](const auto& v) {
    std::vector<Date> start, end;
    std::vector<Money> amount;
    for (const auto& inner : v) {
      for (const DataSet::Quota& q : inner) {
        start.push_back(q.start);
        end.push_back(q.end);
        amount.push_back(q.amount);
      }
    }
    w.Pod(start);
    w.Pod(end);
    w.Pod(amount);
  });
  w.Nested(ds.forecasts, [&](const auto& v) {
    std::vector<std::string> period;
    std::vector<SubmissionCategory> category;
    std::vector<Money> amount;
    std::vector<Instant> at;
    std::vector<int64_t> seq;
    for (const auto& inner : v) {
      for (const DataSet::Forecast& f : inner) {
        period.push_back(f.period);
        category.push_back(f.category);
        amount.push_back(f.amount);
        at.push_back(f.submitted_at);
        seq.push_back(f.seq);
      }
    }
    w.Strings(period);
    w.Pod(category);
    w.Pod(amount);
    w.Pod(at);
    w.Pod(seq);
  });
  w.U64(ds.winrate_types_present ? 1 : 0);
  w.Bools(ds.type_in_quota_types);
  w.Bools(ds.type_in_winrate_types);
}

// True when every group boundary is within `items` and non-decreasing.
template <typename T>
bool ValidBegin(const std::vector<T>& begin, size_t groups, size_t items) {
  if (begin.size() != groups + 1 || begin.front() != 0 || static_cast<size_t>(begin.back()) != items) {
    return false;
  }
  for (size_t i = 1; i < begin.size(); ++i) {
    if (begin[i] < begin[i - 1]) return false;
  }
  return true;
}

template <typename T>
bool AllIn(const std::vector<T>& v, int64_t lo, int64_t hi) {  // lo <= x < hi
  for (T x : v) {
    if (static_cast<int64_t>(x) < lo || static_cast<int64_t>(x) >= hi) return false;
  }
  return true;
}

// Reads the columns and checks that their sizes and the indexes in them fit
// together, so that a reader can never index out of range.
bool ReadDataSet(Reader& r, DataSet& ds) {
  SettingsColumns(r, ds.settings);
  r.Strings(&ds.user_id);
  r.Strings(&ds.user_name);
  r.Strings(&ds.user_email);
  r.Strings(&ds.user_team);
  r.Pod(&ds.user_role);
  r.Pod(&ds.user_manager);
  if (!r.ok()) return false;
  const size_t users = ds.user_id.size();
  const auto nu = static_cast<int64_t>(users);
  {
    std::vector<int64_t> begin;
    std::vector<UserIx> flat;
    if (!r.Offsets(&begin, users) || !r.Pod(&flat) ||
        static_cast<size_t>(begin.back()) != flat.size() || !AllIn(flat, 0, nu)) {
      return r.Fail();
    }
    ds.reports.assign(users, {});
    for (size_t u = 0; u < users; ++u) {
      ds.reports[u].assign(flat.begin() + begin[u], flat.begin() + begin[u + 1]);
    }
  }
  r.Pod(&ds.preorder);
  r.Pod(&ds.subtree_pos);
  r.Pod(&ds.subtree_size);
  if (!r.ok() || ds.user_name.size() != users || ds.user_email.size() != users ||
      ds.user_team.size() != users || ds.user_role.size() != users ||
      ds.user_manager.size() != users || ds.preorder.size() != users ||
      ds.subtree_pos.size() != users || ds.subtree_size.size() != users ||
      !AllIn(ds.user_manager, kNone, nu) || !AllIn(ds.preorder, 0, nu) ||
      !AllIn(ds.subtree_pos, 0, nu) || !AllIn(ds.subtree_size, 0, nu + 1) ||
      !AllIn(ds.user_role, 0, 3)) {
    return r.Fail();
  }

  std::vector<std::string> stage_name;
  std::vector<int64_t> stage_order;
  std::vector<uint8_t> stage_closed, stage_won, stage_category;
  std::vector<double> stage_probability;
  std::vector<int32_t> stage_rank;
  std::vector<int64_t> skill_begin;
  std::vector<std::string> skills;
  r.Strings(&stage_name);
  r.Pod(&stage_order);
  r.Pod(&stage_closed);
  r.Pod(&stage_won);
  r.Pod(&stage_probability);
  r.Pod(&stage_category);
  r.Pod(&stage_rank);
  if (!r.ok()) return false;
  const size_t n_stages = stage_name.size();
  const auto ns = static_cast<int64_t>(n_stages);
  if (!r.Offsets(&skill_begin, n_stages) || !r.Strings(&skills) ||
      static_cast<size_t>(skill_begin.back()) != skills.size() ||
      stage_order.size() != n_stages || stage_closed.size() != n_stages ||
      stage_won.size() != n_stages || stage_probability.size() != n_stages ||
      stage_category.size() != n_stages || stage_rank.size() != n_stages ||
      !AllIn(stage_category, 0, 5) || !AllIn(stage_rank, kNone, ns)) {
    return r.Fail();
  }
  ds.stages.resize(n_stages);
  for (size_t s = 0; s < n_stages; ++s) {
    StageInfo& st = ds.stages[s];
    st.name = std::move(stage_name[s]);
    st.order = stage_order[s];
    st.is_closed = stage_closed[s] != 0;
    st.is_won = stage_won[s] != 0;
    st.probability = stage_probability[s];
    st.default_category = static_cast<ForecastCategory>(stage_category[s]);
    st.open_rank = stage_rank[s];
    st.skills.assign(skills.begin() + skill_begin[s], skills.begin() + skill_begin[s + 1]);
  }
  if (!r.Pod(&ds.open_stages) || !AllIn(ds.open_stages, 0, ns)) return r.Fail();

  r.Strings(&ds.account_id);
  r.Strings(&ds.account_name);
  r.Pod(&ds.account_owner);
  if (!r.ok()) return false;
  const size_t accounts = ds.account_id.size();
  const auto na = static_cast<int64_t>(accounts);
  if (ds.account_name.size() != accounts || ds.account_owner.size() != accounts ||
      !AllIn(ds.account_owner, kNone, nu)) {
    return r.Fail();
  }

  r.Strings(&ds.opp_id);
  r.Strings(&ds.opp_name);
  r.Strings(&ds.type_names);
  r.Pod(&ds.opp_type);
  r.Pod(&ds.opp_account);
  r.Pod(&ds.opp_owner);
  r.Pod(&ds.opp_amount);
  r.Pod(&ds.opp_stage);
  r.Pod(&ds.opp_category);
  r.Pod(&ds.opp_created);
  r.Pod(&ds.opp_close);
  if (!r.ok()) return false;
  const size_t opps = ds.opp_id.size();
  const auto no = static_cast<int64_t>(opps);
  for (size_t n : {ds.opp_name.size(), ds.opp_type.size(), ds.opp_account.size(),
                   ds.opp_owner.size(), ds.opp_amount.size(), ds.opp_stage.size(),
                   ds.opp_category.size(), ds.opp_created.size(), ds.opp_close.size()}) {
    if (n != opps) return r.Fail();
  }
  if (!AllIn(ds.opp_type, 0, static_cast<int64_t>(ds.type_names.size())) ||
      !AllIn(ds.opp_account, kNone, na) || !AllIn(ds.opp_owner, 0, nu) ||
      !AllIn(ds.opp_stage, 0, ns) || !AllIn(ds.opp_category, kNoCategory, 5)) {
    return r.Fail();
  }

  r.Pod(&ds.hist_begin);
  r.Pod(&ds.hist_at);
  r.Pod(&ds.hist_stage);
  r.Pod(&ds.hist_amount);
  r.Pod(&ds.hist_close);
  r.Pod(&ds.hist_category);
  r.Pod(&ds.hist_max_rank);
  if (!r.ok()) return false;
  const size_t hist = ds.hist_at.size();
  if (!ValidBegin(ds.hist_begin, opps, hist) || ds.hist_stage.size() != hist ||
      ds.hist_amount.size() != hist || ds.hist_close.size() != hist ||
      ds.hist_category.size() != hist || ds.hist_max_rank.size() != hist ||
      !AllIn(ds.hist_stage, 0, ns) || !AllIn(ds.hist_category, kNoCategory, 5) ||
      !AllIn(ds.hist_max_rank, kNone, ns)) {
    return r.Fail();
  }

  struct CsrSpec {
    Csr* csr;
    size_t groups;
    int64_t item_limit;
  };
  for (CsrSpec c : {CsrSpec{&ds.opps_by_owner, users, no}, CsrSpec{&ds.opps_by_account, accounts, no},
                    CsrSpec{&ds.accounts_by_owner, users, na}}) {
    if (!r.Pod(&c.csr->begin) || !r.Pod(&c.csr->items) ||
        !ValidBegin(c.csr->begin, c.groups, c.csr->items.size()) ||
        !AllIn(c.csr->items, 0, c.item_limit)) {
      return r.Fail();
    }
  }

  r.Pod(&ds.act_account_begin);
  r.Pod(&ds.act_at);
  r.Pod(&ds.act_type);
  r.Pod(&ds.act_owner);
  r.Pod(&ds.owner_act_begin);
  r.Pod(&ds.owner_act_date);
  r.Pod(&ds.owner_act_type);
  if (!r.ok()) return false;
  const size_t acts = ds.act_at.size();
  const size_t owned = ds.owner_act_date.size();
  if (!ValidBegin(ds.act_account_begin, accounts, acts) || ds.act_type.size() != acts ||
      ds.act_owner.size() != acts || !AllIn(ds.act_owner, kNone, nu) ||
      !AllIn(ds.act_type, 0, 4) || !ValidBegin(ds.owner_act_begin, users, owned) ||
      ds.owner_act_type.size() != owned || !AllIn(ds.owner_act_type, 0, 4)) {
    return r.Fail();
  }

  {
    std::vector<int64_t> begin;
    std::vector<Date> start, end;
    std::vector<Money> amount;
    if (!r.Offsets(&begin, users) || !r.Pod(&start) || !r.Pod(&end) || !r.Pod(&amount) ||
        static_cast<size_t>(begin.back()) != start.size() || end.size() != start.size() ||
        amount.size() != start.size()) {
      return r.Fail();
    }
    ds.quotas.assign(users, {});
    for (size_t u = 0; u < users; ++u) {
      for (int64_t i = begin[u]; i < begin[u + 1]; ++i) {
        auto k = static_cast<size_t>(i);
        ds.quotas[u].push_back({start[k], end[k], amount[k]});
      }
    }
  }
  {
    std::vector<int64_t> begin;
    std::vector<std::string> period;
    std::vector<SubmissionCategory> category;
    std::vector<Money> amount;
    std::vector<Instant> at;
    std::vector<int64_t> seq;
    if (!r.Offsets(&begin, users) || !r.Strings(&period) || !r.Pod(&category) ||
        !r.Pod(&amount) || !r.Pod(&at) || !r.Pod(&seq)) {
      return r.Fail();
    }
    const size_t n = period.size();
    if (static_cast<size_t>(begin.back()) != n || category.size() != n || amount.size() != n ||
        at.size() != n || seq.size() != n || !AllIn(category, 0, 2)) {
      return r.Fail();
    }
    ds.forecasts.assign(users, {});
    for (size_t u = 0; u < users; ++u) {
      for (int64_t i = begin[u]; i < begin[u + 1]; ++i) {
        auto k = static_cast<size_t>(i);
        ds.forecasts[u].push_back({std::move(period[k]), category[k], amount[k], at[k], seq[k]});
      }
    }
  }
  ds.winrate_types_present = r.U64() != 0;
  r.Bools(&ds.type_in_quota_types);
  r.Bools(&ds.type_in_winrate_types);
  if (!r.ok() || ds.type_in_quota_types.size() != ds.type_names.size() ||
      ds.type_in_winrate_types.size() != ds.type_names.size()) {
    return r.Fail();
  }

  // What Finish() derives rather than stores.
  ds.calendar = FiscalCalendar(ds.settings.fiscal_start_month);
  ds.user_by_id.reserve(users);
  for (size_t u = 0; u < users; ++u) ds.user_by_id.emplace(ds.user_id[u], static_cast<UserIx>(u));
  for (size_t s = 0; s < n_stages; ++s) {
    ds.stage_by_name.emplace(ds.stages[s].name, static_cast<StageIx>(s));
  }
  ds.account_by_id.reserve(accounts);
  for (size_t a = 0; a < accounts; ++a) {
    ds.account_by_id.emplace(ds.account_id[a], static_cast<AccountIx>(a));
  }
  ds.opp_by_id.reserve(opps);
  for (size_t o = 0; o < opps; ++o) ds.opp_by_id.emplace(ds.opp_id[o], static_cast<OppIx>(o));
  return true;
}

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f != nullptr) std::fclose(f);
  }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

}  // namespace

fs::path EngineSnapshotPath(const fs::path& db) {
  fs::path p = db;
  p += ".engine";
  return p;
}

std::string SnapshotFingerprint(const DataSetInfo& info) {
  std::string fp = info.imported_at + "|" + info.source;
  for (int64_t n : {info.users, info.stages, info.accounts, info.contacts, info.opportunities,
                    info.history, info.activities, info.quotas, info.forecasts}) {
    fp += '|';
    fp += std::to_string(n);
  }
  return fp;
}

// No fsync: after a crash a torn snapshot fails its size or checksum check
// and is rebuilt from the database, which stays the source of truth.
Status WriteEngineSnapshot(const DataSet& ds, const std::string& fingerprint, const fs::path& path) {
  std::random_device rd;
  fs::path tmp = path;
  tmp += ".tmp" + std::to_string(::getpid()) + "-" + std::to_string(rd());
  File f(std::fopen(tmp.c_str(), "wb"));
  if (!f) return IoError(tmp.string() + ": cannot create: " + std::strerror(errno));
  std::setvbuf(f.get(), nullptr, _IOFBF, 1 << 20);
  // The header's payload size is written last, once known.
  char header[kHeaderBytes] = {};
  std::memcpy(header, kMagic, 8);
  std::memcpy(header + 8, &kEngineSnapshotVersion, 4);
  std::memcpy(header + 12, &kByteOrder, 4);
  bool ok = std::fwrite(header, 1, kHeaderBytes, f.get()) == kHeaderBytes;
  Writer w(f.get());
  w.String(fingerprint);
  WriteDataSet(w, ds);
  uint64_t payload = w.bytes();
  uint64_t checksum = w.checksum();
  ok = ok && w.ok() && std::fwrite(&checksum, 8, 1, f.get()) == 1 &&
       std::fseek(f.get(), 16, SEEK_SET) == 0 && std::fwrite(&payload, 8, 1, f.get()) == 1 &&
       std::fflush(f.get()) == 0;
  int err = errno;
  if (std::fclose(f.release()) != 0) ok = false;
  std::error_code ec;
  if (ok) fs::rename(tmp, path, ec);
  if (!ok || ec) {
    fs::remove(tmp, ec);
    return IoError(path.string() + ": cannot write the engine snapshot: " +
                   (ok ? ec.message() : std::strerror(err)));
  }
  return Status::Ok();
}

Result<std::shared_ptr<const DataSet>> ReadEngineSnapshot(const fs::path& path,
                                                          const std::string& fingerprint) {
  File f(std::fopen(path.c_str(), "rb"));
  if (!f) return Err(NotFound(path.string() + ": no engine snapshot"));
  std::error_code ec;
  uint64_t file_size = fs::file_size(path, ec);
  auto damaged = [&](const std::string& why) {
    return Err(DataError(path.string() + ": damaged engine snapshot: " + why));
  };
  if (ec) return damaged(ec.message());
  char header[kHeaderBytes];
  if (file_size < kHeaderBytes + 8 || std::fread(header, 1, kHeaderBytes, f.get()) != kHeaderBytes ||
      std::memcmp(header, kMagic, 8) != 0) {
    return damaged("not a snapshot");
  }
  uint32_t version = 0, order = 0;
  uint64_t payload = 0;
  std::memcpy(&version, header + 8, 4);
  std::memcpy(&order, header + 12, 4);
  std::memcpy(&payload, header + 16, 8);
  if (order != kByteOrder || version != kEngineSnapshotVersion) {
    return Err(FailedPrecondition(path.string() + ": engine snapshot format " +
                                  std::to_string(version) + ", not " +
                                  std::to_string(kEngineSnapshotVersion)));
  }
  if (payload != file_size - kHeaderBytes - 8) return damaged("wrong size");
  std::setvbuf(f.get(), nullptr, _IOFBF, 1 << 20);
  Reader r(f.get(), payload);
  std::string stored;
  if (!r.String(&stored)) return damaged("truncated");
  if (stored != fingerprint) {
    return Err(FailedPrecondition(path.string() + ": engine snapshot of another import"));
  }
  auto ds = std::make_unique<DataSet>();
  if (!ReadDataSet(r, *ds) || r.left() != 0) return damaged("sizes do not fit together");
  uint64_t checksum = 0;
  if (std::fread(&checksum, 8, 1, f.get()) != 1 || checksum != r.checksum()) {
    return damaged("checksum mismatch");
  }
  return std::shared_ptr<const DataSet>(std::move(ds));
}

}  // namespace sc
