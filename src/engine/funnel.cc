#include "engine/funnel.h"

#include <algorithm>
#include <cmath>

namespace sc {

double NormalCdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

OptDouble OneSidedPValue(int64_t x1, int64_t n1, int64_t x2, int64_t n2) {
  if (n1 <= 0 || n2 <= 0) return std::nullopt;
  double p = static_cast<double>(x1 + x2) / static_cast<double>(n1 + n2);
  if (p <= 0 || p >= 1) return std::nullopt;
  double r1 = static_cast<double>(x1) / static_cast<double>(n1);
  double r2 = static_cast<double>(x2) / static_cast<double>(n2);
  double se = std::sqrt(p * (1 - p) * (1.0 / static_cast<double>(n1) + 1.0 / static_cast<double>(n2)));
  return NormalCdf((r1 - r2) / se);
}

namespace {

OptDouble Rate(int64_t num, int64_t den) {
  if (den == 0) return std::nullopt;
  return static_cast<double>(num) / static_cast<double>(den);
}

// Reached counts per open rank, plus won deals as the last entry.
std::vector<int64_t> Counts(const RegionFigures& f, UserIx u, bool subtree) {
  std::vector<int64_t> c;
  for (int32_t r = 0; r < f.n_open(); ++r) c.push_back(subtree ? f.SubtreeReached(u, r) : f.OwnReached(u, r));
  c.push_back(subtree ? f.subtree(u).cohort_won : f.own(u).cohort_won);
  return c;
}

}  // namespace

Funnel ComputeFunnel(const DataSet& ds, const RegionFigures& f, UserIx u) {
  Funnel funnel;
  std::vector<int64_t> rep = Counts(f, u, true);
  std::vector<int64_t> team = rep;
  int64_t team_cohort = f.subtree(u).cohort_size;
  UserIx m = ds.user_manager[static_cast<size_t>(u)];
  if (m != kNone && f.InRegion(m)) {
    // The team is the subtrees of m's direct reports: m's subtree less m's own deals.
    std::vector<int64_t> sub = Counts(f, m, true), own = Counts(f, m, false);
    for (size_t i = 0; i < team.size(); ++i) team[i] = sub[i] - own[i];
    team_cohort = f.subtree(m).cohort_size - f.own(m).cohort_size;
    funnel.has_peers = ds.reports[static_cast<size_t>(m)].size() > 1;
  }
  funnel.cohort_size = f.subtree(u).cohort_size;
  funnel.team_cohort_size = team_cohort;
  const int64_t min_deals = ds.settings.funnel_min_deals;
  for (int32_t r = 0; r < f.n_open(); ++r) {
    auto i = static_cast<size_t>(r);
    const StageInfo& st = ds.stage(ds.open_stages[i]);
    FunnelStage s;
    s.stage = ds.open_stages[i];
    s.name = st.name;
    s.order = st.order;
    s.skills = st.skills;
    s.next_stage = r + 1 < f.n_open() ? ds.stage(ds.open_stages[i + 1]).name : "Won";
    s.reached = rep[i];
    s.next_reached = rep[i + 1];
    s.team_reached = team[i];
    s.team_next_reached = team[i + 1];
    s.conversion = Rate(s.next_reached, s.reached);
    s.team_conversion = Rate(s.team_next_reached, s.team_reached);
    if (funnel.has_peers) {
      s.peer_reached = team[i] - rep[i];
      s.peer_next_reached = team[i + 1] - rep[i + 1];
      s.peer_conversion = Rate(s.peer_next_reached, s.peer_reached);
      s.p_value = OneSidedPValue(s.next_reached, s.reached, s.peer_next_reached, s.peer_reached);
      if (s.conversion && s.peer_conversion) {
        s.lost_deals = static_cast<double>(s.reached) * (*s.peer_conversion - *s.conversion);
      }
      s.bottleneck = s.conversion && s.peer_conversion && *s.conversion < *s.peer_conversion &&
                     s.reached >= min_deals && s.p_value && *s.p_value < ds.settings.funnel_alpha;
    }
    funnel.stages.push_back(std::move(s));
  }
  return funnel;
}

std::vector<FunnelStage> Diagnose(const Funnel& funnel) {
  std::vector<FunnelStage> out;
  for (const FunnelStage& s : funnel.stages) {
    if (s.bottleneck) out.push_back(s);
  }
  std::stable_sort(out.begin(), out.end(), [](const FunnelStage& a, const FunnelStage& b) {
    return a.lost_deals.value_or(0) > b.lost_deals.value_or(0);
  });
  return out;
}

}  // namespace sc
