#include "engine/accounts.h"

#include <algorithm>

#include "engine/opportunity_state.h"

namespace sc {
namespace {

std::vector<AccountIx> MemberAccounts(const DataSet& ds, UserIx u, Date as_of) {
  std::vector<AccountIx> members;
  auto pos = static_cast<size_t>(ds.subtree_pos[static_cast<size_t>(u)]);
  auto end = pos + static_cast<size_t>(ds.subtree_size[static_cast<size_t>(u)]);
  for (size_t i = pos; i < end; ++i) {
    UserIx v = ds.preorder[i];
    members.insert(members.end(), ds.accounts_by_owner.first(v), ds.accounts_by_owner.last(v));
    for (const int32_t* it = ds.opps_by_owner.first(v); it != ds.opps_by_owner.last(v); ++it) {
      AccountIx a = ds.opp_account[static_cast<size_t>(*it)];
      if (a == kNone) continue;
      OppState s;
      if (StateAt(ds, *it, as_of, &s) && IsOpen(ds, s)) members.push_back(a);
    }
  }
  std::sort(members.begin(), members.end());
  members.erase(std::unique(members.begin(), members.end()), members.end());
  return members;
}

}  // namespace

namespace {

using TouchMask = std::array<bool, kActivityTypeCount>;

TouchMask TouchTypes(const DataSet& ds) {
  TouchMask is_touch{};
  for (const std::string& t : ds.settings.accounts_touch_types) {
    if (auto type = ParseActivityType(t)) is_touch[static_cast<size_t>(*type)] = true;
  }
  return is_touch;
}

// One account's figures as of `as_of`. Without `with_counts` only what the
// roll-up needs: the open pipeline, and the last touch where it decides staleness.
AccountRow ComputeAccountRow(const DataSet& ds, AccountIx a, Date as_of, const TouchMask& is_touch,
                             bool with_counts, const AccountOpen* known = nullptr) {
  AccountRow row;
  row.account = a;
  if (known != nullptr && static_cast<size_t>(known->seen) == ds.opps_by_account.size(a)) {
    row.open_pipeline = known->open_pipeline;
    row.open_opportunities = known->open_opportunities;
    if (known->open_opportunities > 0) row.next_close_date = known->next_close;
  } else {
    for (const int32_t* it = ds.opps_by_account.first(a); it != ds.opps_by_account.last(a); ++it) {
      OppState s;
      if (!StateAt(ds, *it, as_of, &s) || !IsOpen(ds, s)) continue;
      ++row.open_opportunities;
      if (s.category != ForecastCategory::kOmitted) row.open_pipeline += s.amount;
      if (!row.next_close_date || s.close < *row.next_close_date) row.next_close_date = s.close;
    }
  }
  if (!with_counts && row.open_pipeline <= 0) return row;  // never stale
  const Date d30 = AddDays(as_of, -30), d90 = AddDays(as_of, -90);  // exclusive bounds
  auto begin = ds.act_at.begin() + ds.act_account_begin[static_cast<size_t>(a)];
  auto end = ds.act_at.begin() + ds.act_account_begin[static_cast<size_t>(a) + 1];
  auto last = std::upper_bound(begin, end, EndOfDay(as_of));
  for (auto it = last; it != begin;) {
    --it;
    auto k = static_cast<size_t>(it - ds.act_at.begin());
    ActivityType type = ds.act_type[k];
    if (!row.last_touch_at && is_touch[static_cast<size_t>(type)]) {
      row.last_touch_at = *it;
      if (!with_counts) break;
    }
    Date day = UtcDate(*it);
    if (day > d90) {
      bool in30 = day > d30;
      switch (type) {
        case ActivityType::kCall: ++row.calls_90d; row.calls_30d += in30; break;
        case ActivityType::kEmail: ++row.emails_90d; row.emails_30d += in30; break;
        case ActivityType::kMeeting: ++row.meetings_90d; row.meetings_30d += in30; break;
        case ActivityType::kOther: break;
      }
    } else if (row.last_touch_at) {
      break;  // past the 90-day window with the last touch known
    }
  }
  if (row.last_touch_at) row.days_since_touch = DaysBetween(UtcDate(*row.last_touch_at), as_of);
  row.stale = row.open_pipeline > 0 &&
              (!row.days_since_touch || *row.days_since_touch > ds.settings.accounts_stale_days);
  return row;
}

// The accounts owned in x's subtree, plus `open_accounts` (in owner
// preorder) of deals owned there, in account order. `mark` is scratch space of one byte per account
// for large subtrees, where marking beats sorting.
std::vector<AccountIx> MembersFromOpenDeals(const DataSet& ds, UserIx x,
                                            std::span<const std::pair<UserIx, AccountIx>> open_accounts,
                                            std::vector<char>& mark) {
  std::vector<AccountIx> members;
  auto pos = static_cast<size_t>(ds.subtree_pos[static_cast<size_t>(x)]);
  auto end = pos + static_cast<size_t>(ds.subtree_size[static_cast<size_t>(x)]);
  for (size_t i = pos; i < end; ++i) {
    UserIx v = ds.preorder[i];
    members.insert(members.end(), ds.accounts_by_owner.first(v), ds.accounts_by_owner.last(v));
  }
  // open_accounts is in owner preorder: x's subtree is one run of it.
  auto pos_of = [&](const std::pair<UserIx, AccountIx>& e) { return ds.subtree_pos[static_cast<size_t>(e.first)]; };
  auto lo = std::partition_point(open_accounts.begin(), open_accounts.end(),
                                 [&](const auto& e) { return pos_of(e) < static_cast<int32_t>(pos); });
  auto hi = std::partition_point(lo, open_accounts.end(),
                                 [&](const auto& e) { return pos_of(e) < static_cast<int32_t>(end); });
  for (auto it = lo; it != hi; ++it) {
    if (it->second != kNone) members.push_back(it->second);
  }
  if (members.size() * 16 < ds.accounts()) {
    std::sort(members.begin(), members.end());
    members.erase(std::unique(members.begin(), members.end()), members.end());
    return members;
  }
  mark.assign(ds.accounts(), 0);
  for (AccountIx a : members) mark[static_cast<size_t>(a)] = 1;
  members.clear();
  for (size_t a = 0; a < mark.size(); ++a) {
    if (mark[a]) members.push_back(static_cast<AccountIx>(a));
  }
  return members;
}

}  // namespace

std::vector<AccountRow> ComputeAccountRows(const DataSet& ds, UserIx u, Date as_of) {
  TouchMask is_touch = TouchTypes(ds);
  std::vector<AccountRow> rows;
  for (AccountIx a : MemberAccounts(ds, u, as_of)) rows.push_back(ComputeAccountRow(ds, a, as_of, is_touch, true));
  return rows;
}

TeamAccountRollups RollUpTeamAccounts(const DataSet& ds, UserIx u, Date as_of,
                                      std::span<const std::pair<UserIx, AccountIx>> open_accounts,
                                      const std::vector<AccountOpen>& account_open) {
  TouchMask is_touch = TouchTypes(ds);
  std::vector<char> mark;
  std::vector<AccountIx> members = MembersFromOpenDeals(ds, u, open_accounts, mark);
  std::vector<AccountRow> facts;
  facts.reserve(members.size());
  for (AccountIx a : members) {
    const AccountOpen* known = account_open.empty() ? nullptr : &account_open[static_cast<size_t>(a)];
    facts.push_back(ComputeAccountRow(ds, a, as_of, is_touch, false, known));
  }
  TeamAccountRollups out;
  out.total = RollUpAccounts(facts);
  const auto& reports = ds.reports[static_cast<size_t>(u)];
  if (reports.empty()) return out;
  // Where each account's facts are: a dense index for large member sets.
  std::vector<int32_t> position;
  bool dense = members.size() * 16 >= ds.accounts();
  if (dense) {
    position.assign(ds.accounts(), kNone);
    for (size_t i = 0; i < members.size(); ++i) position[static_cast<size_t>(members[i])] = static_cast<int32_t>(i);
  }
  for (UserIx r : reports) {
    AccountRollup rollup;
    for (AccountIx a : MembersFromOpenDeals(ds, r, open_accounts, mark)) {
      auto i = dense ? static_cast<size_t>(position[static_cast<size_t>(a)])
                     : static_cast<size_t>(std::lower_bound(members.begin(), members.end(), a) - members.begin());
      ++rollup.total;
      rollup.with_open_pipeline += facts[i].open_pipeline > 0;
      rollup.stale += facts[i].stale;
    }
    out.reports.push_back(rollup);
  }
  return out;
}

AccountRollup RollUpAccounts(const std::vector<AccountRow>& rows) {
  AccountRollup r;
  for (const AccountRow& row : rows) {
    ++r.total;
    r.with_open_pipeline += row.open_pipeline > 0;
    r.stale += row.stale;
  }
  return r;
}

void FilterAccounts(std::vector<AccountRow>& rows, const AccountFilter& filter) {
  std::erase_if(rows, [&](const AccountRow& r) {
    return (filter.open_pipeline_only && r.open_pipeline <= 0) || (filter.stale_only && !r.stale);
  });
}

const std::vector<std::string_view>& AccountSortColumns() {
  static const std::vector<std::string_view> kColumns = {
      "id", "name", "owner", "open_pipeline", "open_opportunities", "last_touch_at",
      "days_since_touch", "calls_30d", "emails_30d", "meetings_30d", "calls_90d",
      "emails_90d", "meetings_90d", "next_close_date", "stale"};
  return kColumns;
}

Status SortAccounts(const DataSet& ds, std::vector<AccountRow>& rows, std::string_view sort) {
  bool descending = !sort.empty() && sort.front() == '-';
  std::string_view column = descending ? sort.substr(1) : sort;
  if (!column.empty() && column.front() == '+') column.remove_prefix(1);
  const auto& columns = AccountSortColumns();
  if (std::find(columns.begin(), columns.end(), column) == columns.end()) {
    std::string known;
    for (auto c : columns) known += (known.empty() ? "" : ", ") + std::string(c);
    return InvalidArgument("unknown sort column '" + std::string(column) + "' (one of: " + known + ")");
  }
  struct Key {
    bool null = false;
    int64_t number = 0;
    std::string text;
  };
  auto key_of = [&](const AccountRow& r) -> Key {
    auto num = [](int64_t v) { return Key{false, v, {}}; };
    auto text = [](std::string v) { return Key{false, 0, std::move(v)}; };
    auto opt = [](bool present, int64_t v) { return Key{!present, v, {}}; };
    if (column == "id") return text(ds.account_id[static_cast<size_t>(r.account)]);
    if (column == "name") return text(ds.account_name[static_cast<size_t>(r.account)]);
    if (column == "owner") {
      UserIx o = ds.account_owner[static_cast<size_t>(r.account)];
      return o == kNone ? Key{true, 0, {}} : text(ds.user_name[static_cast<size_t>(o)]);
    }
    if (column == "open_pipeline") return num(r.open_pipeline);
    if (column == "open_opportunities") return num(r.open_opportunities);
    if (column == "last_touch_at") {
      return opt(r.last_touch_at.has_value(), r.last_touch_at ? r.last_touch_at->time_since_epoch().count() : 0);
    }
    if (column == "days_since_touch") return opt(r.days_since_touch.has_value(), r.days_since_touch.value_or(0));
    if (column == "calls_30d") return num(r.calls_30d);
    if (column == "emails_30d") return num(r.emails_30d);
    if (column == "meetings_30d") return num(r.meetings_30d);
    if (column == "calls_90d") return num(r.calls_90d);
    if (column == "emails_90d") return num(r.emails_90d);
    if (column == "meetings_90d") return num(r.meetings_90d);
    if (column == "next_close_date") {
      return opt(r.next_close_date.has_value(),
                 r.next_close_date ? r.next_close_date->time_since_epoch().count() : 0);
    }
    return num(r.stale ? 1 : 0);
  };
  std::vector<std::pair<Key, size_t>> keyed;
  keyed.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) keyed.push_back({key_of(rows[i]), i});
  auto name_of = [&](size_t i) -> const std::string& { return ds.account_name[static_cast<size_t>(rows[i].account)]; };
  auto id_of = [&](size_t i) -> const std::string& { return ds.account_id[static_cast<size_t>(rows[i].account)]; };
  std::sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
    const Key& ka = a.first;
    const Key& kb = b.first;
    if (ka.null != kb.null) return !ka.null;  // nulls last
    if (!ka.null && (ka.number != kb.number || ka.text != kb.text)) {
      bool less = ka.number != kb.number ? ka.number < kb.number : ka.text < kb.text;
      return descending ? !less : less;
    }
    if (name_of(a.second) != name_of(b.second)) return name_of(a.second) < name_of(b.second);
    return id_of(a.second) < id_of(b.second);
  });
  std::vector<AccountRow> sorted;
  sorted.reserve(rows.size());
  for (const auto& k : keyed) sorted.push_back(rows[k.second]);
  rows = std::move(sorted);
  return Status::Ok();
}

}  // namespace sc
