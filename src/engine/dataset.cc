#include "engine/dataset.h"

namespace sc {

bool DataSet::InSubtree(UserIx root, UserIx u) const {
  int32_t pos = subtree_pos[static_cast<size_t>(u)];
  int32_t start = subtree_pos[static_cast<size_t>(root)];
  return pos >= start && pos < start + subtree_size[static_cast<size_t>(root)];
}

Result<UserIx> DataSet::FindUser(std::string_view id_or_name) const {
  auto it = user_by_id.find(std::string(id_or_name));
  if (it != user_by_id.end()) return it->second;
  std::vector<UserIx> matches;
  for (size_t u = 0; u < users(); ++u) {
    if (user_name[u] == id_or_name) matches.push_back(static_cast<UserIx>(u));
  }
  if (matches.size() == 1) return matches[0];
  auto describe = [&](UserIx u) {
    return user_name[static_cast<size_t>(u)] + " (id " + user_id[static_cast<size_t>(u)] + ")";
  };
  if (matches.size() > 1) {
    std::string msg = "ambiguous person '" + std::string(id_or_name) + "': ";
    for (size_t i = 0; i < matches.size(); ++i) msg += (i ? ", " : "") + describe(matches[i]);
    msg += "; give an id";
    return Err(InvalidArgument(msg));
  }
  // Unknown: suggest people whose name contains the text, case-insensitively.
  std::string needle;
  for (char c : id_or_name) needle += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::vector<UserIx> similar;
  for (size_t u = 0; u < users() && similar.size() < 10; ++u) {
    std::string name;
    for (char c : user_name[u]) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!needle.empty() && name.find(needle) != std::string::npos) similar.push_back(static_cast<UserIx>(u));
  }
  std::string msg = "unknown person '" + std::string(id_or_name) + "'";
  if (!similar.empty()) {
    msg += "; did you mean: ";
    for (size_t i = 0; i < similar.size(); ++i) msg += (i ? ", " : "") + describe(similar[i]);
  }
  return Err(NotFound(msg));
}

size_t DataSet::MemoryBytes() const {
  auto vec = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  auto strs = [](const std::vector<std::string>& v) {
    size_t b = v.capacity() * sizeof(std::string);
    for (const auto& s : v) {
      if (s.capacity() > 15) b += s.capacity();
    }
    return b;
  };
  size_t b = 0;
  b += strs(user_id) + strs(user_name) + strs(user_email) + strs(user_team);
  b += strs(account_id) + strs(account_name) + strs(opp_id) + strs(opp_name);
  b += vec(opp_type) + vec(opp_account) + vec(opp_owner) + vec(opp_amount) + vec(opp_stage) +
       vec(opp_category) + vec(opp_created) + vec(opp_close);
  b += vec(hist_begin) + vec(hist_at) + vec(hist_stage) + vec(hist_amount) + vec(hist_close) +
       vec(hist_category) + vec(hist_max_rank);
  b += vec(opps_by_owner.items) + vec(opps_by_account.items) + vec(accounts_by_owner.items);
  b += vec(act_account_begin) + vec(act_at) + vec(act_type) + vec(act_owner);
  b += vec(owner_act_begin) + vec(owner_act_date) + vec(owner_act_type);
  // Hash indexes: roughly a node and a bucket per entry.
  b += (user_by_id.size() + account_by_id.size() + opp_by_id.size()) * 64;
  return b;
}

}  // namespace sc
