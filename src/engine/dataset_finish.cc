// DataSetBuilder::Finish: the one-time indexing after the record stream.
#include <algorithm>
#include <numeric>

#include "base/strings.h"
#include "engine/dataset.h"
#include "engine/builder_pending.h"

namespace sc {
namespace {

// Builds a CSR index of `groups` groups from the group of each item
// (negative: no group), items in their original order within a group.
Csr GroupBy(size_t groups, const std::vector<int32_t>& group_of) {
  Csr csr;
  csr.begin.assign(groups + 1, 0);
  for (int32_t g : group_of) {
    if (g >= 0) ++csr.begin[static_cast<size_t>(g) + 1];
  }
  for (size_t g = 0; g < groups; ++g) csr.begin[g + 1] += csr.begin[g];
  csr.items.resize(static_cast<size_t>(csr.begin[groups]));
  std::vector<int32_t> fill(csr.begin.begin(), csr.begin.end() - 1);
  for (size_t i = 0; i < group_of.size(); ++i) {
    int32_t g = group_of[i];
    if (g >= 0) csr.items[static_cast<size_t>(fill[static_cast<size_t>(g)]++)] = static_cast<int32_t>(i);
  }
  return csr;
}

bool ContainsTrimmed(const std::vector<std::string>& list, const std::string& value) {
  for (const std::string& s : list) {
    if (Trim(s) == value) return true;
  }
  return false;
}

}  // namespace

namespace {

Status BuildTree(DataSet& ds, const std::vector<std::string>& manager_ids) {
  size_t n = ds.users();
  ds.user_manager.assign(n, kNone);
  ds.reports.assign(n, {});
  for (size_t u = 0; u < n; ++u) {
    const std::string& m = manager_ids[u];
    if (m.empty()) continue;
    auto it = ds.user_by_id.find(m);
    if (it == ds.user_by_id.end()) {
      return DataError("user '" + ds.user_id[u] + "': unknown manager '" + m + "'");
    }
    ds.user_manager[u] = it->second;
    ds.reports[static_cast<size_t>(it->second)].push_back(static_cast<UserIx>(u));
  }
  ds.preorder.clear();
  ds.preorder.reserve(n);
  ds.subtree_pos.assign(n, kNone);
  ds.subtree_size.assign(n, 0);
  std::vector<std::pair<UserIx, size_t>> stack;  // user, next child
  for (size_t root = 0; root < n; ++root) {
    if (ds.user_manager[root] != kNone) continue;
    stack.push_back({static_cast<UserIx>(root), 0});
    ds.subtree_pos[root] = static_cast<int32_t>(ds.preorder.size());
    ds.preorder.push_back(static_cast<UserIx>(root));
    while (!stack.empty()) {
      auto& [u, next] = stack.back();
      const auto& kids = ds.reports[static_cast<size_t>(u)];
      if (next < kids.size()) {
        UserIx c = kids[next++];
        ds.subtree_pos[static_cast<size_t>(c)] = static_cast<int32_t>(ds.preorder.size());
        ds.preorder.push_back(c);
        stack.push_back({c, 0});
      } else {
        ds.subtree_size[static_cast<size_t>(u)] =
            static_cast<int32_t>(ds.preorder.size()) - ds.subtree_pos[static_cast<size_t>(u)];
        stack.pop_back();
      }
    }
  }
  if (ds.preorder.size() != n) return DataError("the manager tree has a cycle");
  return Status::Ok();
}

template <typename T>
void Permute(std::vector<T>& v, const std::vector<int32_t>& order) {
  std::vector<T> out;
  out.reserve(v.size());
  for (int32_t i : order) out.push_back(std::move(v[static_cast<size_t>(i)]));
  v = std::move(out);
}

// Renumbers opportunities by (owner's preorder position, file order) and
// remaps the pending history rows to the new numbers.
void OrderOpportunitiesByOwner(DataSet& ds, DataSetBuilder::Pending& p) {
  size_t n = ds.opportunities();
  std::vector<int32_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
    return ds.subtree_pos[static_cast<size_t>(ds.opp_owner[static_cast<size_t>(a)])] <
           ds.subtree_pos[static_cast<size_t>(ds.opp_owner[static_cast<size_t>(b)])];
  });
  std::vector<int32_t> new_index(n);
  for (size_t i = 0; i < n; ++i) new_index[static_cast<size_t>(order[i])] = static_cast<int32_t>(i);
  Permute(ds.opp_id, order);
  Permute(ds.opp_name, order);
  Permute(ds.opp_type, order);
  Permute(ds.opp_account, order);
  Permute(ds.opp_owner, order);
  Permute(ds.opp_amount, order);
  Permute(ds.opp_stage, order);
  Permute(ds.opp_category, order);
  Permute(ds.opp_created, order);
  Permute(ds.opp_close, order);
  for (auto& [id, ix] : ds.opp_by_id) ix = new_index[static_cast<size_t>(ix)];
  for (OppIx& o : p.h_opp) o = new_index[static_cast<size_t>(o)];
}

}  // namespace

Result<std::shared_ptr<const DataSet>> DataSetBuilder::Finish() {
  DataSet& ds = *ds_;
  Pending& p = *pending_;
  size_t n_users = ds.users();
  ds.quotas.resize(n_users);
  ds.forecasts.resize(n_users);
  RETURN_IF_ERROR(BuildTree(ds, p.manager_ids));

  // Stages: settings' [skills] override stages.csv; open stages ranked by order.
  for (StageIx s = 0; s < static_cast<StageIx>(ds.stages.size()); ++s) {
    StageInfo& st = ds.stages[static_cast<size_t>(s)];
    auto it = ds.settings.skills.find(st.name);
    if (it != ds.settings.skills.end()) st.skills = it->second;
    if (!st.is_closed) ds.open_stages.push_back(s);
  }
  std::stable_sort(ds.open_stages.begin(), ds.open_stages.end(), [&](StageIx a, StageIx b) {
    return ds.stage(a).order < ds.stage(b).order;
  });
  for (size_t r = 0; r < ds.open_stages.size(); ++r) {
    ds.stages[static_cast<size_t>(ds.open_stages[r])].open_rank = static_cast<int32_t>(r);
  }

  // Opportunities in owner preorder, so that a subtree's deals are one
  // contiguous range: a scorecard's scan walks memory in order.
  OrderOpportunitiesByOwner(ds, p);

  // Opportunity indexes.
  ds.opps_by_owner = GroupBy(n_users, ds.opp_owner);
  ds.opps_by_account = GroupBy(ds.accounts(), ds.opp_account);
  ds.accounts_by_owner = GroupBy(n_users, ds.account_owner);

  // History: group by opportunity, order by changed_at (ties in file order),
  // then resolve empty fields from the previous row (SPEC §7.2).
  Csr by_opp = GroupBy(ds.opportunities(), p.h_opp);
  for (size_t o = 0; o < ds.opportunities(); ++o) {
    std::stable_sort(by_opp.items.begin() + by_opp.begin[o], by_opp.items.begin() + by_opp.begin[o + 1],
                     [&](int32_t a, int32_t b) { return p.h_at[static_cast<size_t>(a)] < p.h_at[static_cast<size_t>(b)]; });
  }
  size_t n_hist = by_opp.items.size();
  ds.hist_begin = by_opp.begin;
  ds.hist_at.resize(n_hist);
  ds.hist_stage.resize(n_hist);
  ds.hist_amount.resize(n_hist);
  ds.hist_close.resize(n_hist);
  ds.hist_category.resize(n_hist);
  ds.hist_max_rank.resize(n_hist);
  for (size_t o = 0; o < ds.opportunities(); ++o) {
    Money amount = ds.opp_amount[o];
    Date close = ds.opp_close[o];
    int8_t category = ds.opp_category[o];
    int32_t max_rank = kNone;
    for (int32_t i = by_opp.begin[o]; i < by_opp.begin[o + 1]; ++i) {
      auto src = static_cast<size_t>(by_opp.items[static_cast<size_t>(i)]);
      auto dst = static_cast<size_t>(i);
      if (p.h_amount[src]) amount = *p.h_amount[src];
      if (p.h_close[src]) close = *p.h_close[src];
      if (p.h_category[src] != kNoCategory) category = p.h_category[src];
      ds.hist_at[dst] = p.h_at[src];
      ds.hist_stage[dst] = p.h_stage[src];
      ds.hist_amount[dst] = amount;
      ds.hist_close[dst] = close;
      ds.hist_category[dst] = category;
      max_rank = std::max(max_rank, ds.stage(p.h_stage[src]).open_rank);
      ds.hist_max_rank[dst] = max_rank;
    }
  }
  p.h_opp = {};
  p.h_at = {};
  p.h_stage = {};
  p.h_amount = {};
  p.h_close = {};
  p.h_category = {};

  // Activities by account (sorted by time) and by owner (sorted by date).
  Csr acts = GroupBy(ds.accounts(), p.a_account);
  for (size_t a = 0; a < ds.accounts(); ++a) {
    std::stable_sort(acts.items.begin() + acts.begin[a], acts.items.begin() + acts.begin[a + 1],
                     [&](int32_t x, int32_t y) { return p.a_at[static_cast<size_t>(x)] < p.a_at[static_cast<size_t>(y)]; });
  }
  ds.act_account_begin = acts.begin;
  ds.act_at.resize(acts.items.size());
  ds.act_type.resize(acts.items.size());
  ds.act_owner.resize(acts.items.size());
  for (size_t i = 0; i < acts.items.size(); ++i) {
    auto src = static_cast<size_t>(acts.items[i]);
    ds.act_at[i] = p.a_at[src];
    ds.act_type[i] = p.a_type[src];
    ds.act_owner[i] = p.a_owner[src];
  }
  Csr owned = GroupBy(n_users, p.a_owner);
  ds.owner_act_begin = owned.begin;
  ds.owner_act_date.resize(owned.items.size());
  ds.owner_act_type.resize(owned.items.size());
  for (size_t u = 0; u < n_users; ++u) {
    auto first = owned.items.begin() + owned.begin[u];
    auto last = owned.items.begin() + owned.begin[u + 1];
    std::stable_sort(first, last, [&](int32_t x, int32_t y) { return p.a_at[static_cast<size_t>(x)] < p.a_at[static_cast<size_t>(y)]; });
  }
  for (size_t i = 0; i < owned.items.size(); ++i) {
    auto src = static_cast<size_t>(owned.items[i]);
    ds.owner_act_date[i] = UtcDate(p.a_at[src]);
    ds.owner_act_type[i] = p.a_type[src];
  }
  p.a_account = {};
  p.a_at = {};
  p.a_type = {};
  p.a_owner = {};

  // Opportunity types: the quota filter (SPEC §7.7) and the win-rate types
  // with their fallback to all types (§3.4, §7.10).
  size_t n_types = ds.type_names.size();
  ds.type_in_quota_types.assign(n_types, true);
  ds.type_in_winrate_types.assign(n_types, false);
  for (size_t t = 0; t < n_types; ++t) {
    if (!ds.settings.quota_types.empty()) {
      ds.type_in_quota_types[t] = ContainsTrimmed(ds.settings.quota_types, ds.type_names[t]);
    }
    ds.type_in_winrate_types[t] = ContainsTrimmed(ds.settings.winrate_types, ds.type_names[t]);
  }
  ds.winrate_types_present =
      std::find(ds.type_in_winrate_types.begin(), ds.type_in_winrate_types.end(), true) !=
      ds.type_in_winrate_types.end();
  if (!ds.winrate_types_present) ds.type_in_winrate_types.assign(n_types, true);

  ds_->calendar = FiscalCalendar(ds.settings.fiscal_start_month);
  return std::shared_ptr<const DataSet>(std::move(ds_));
}

}  // namespace sc
