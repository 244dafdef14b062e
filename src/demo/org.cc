#include "demo/org.h"

#include <array>

#include "demo/names.h"
#include "demo/random.h"

namespace sc::demo {
namespace {

constexpr std::array<std::string_view, 6> kRegions = {"East", "West", "Central",
                                                      "North", "South", "International"};
constexpr std::array<std::string_view, 3> kSegments = {"Enterprise", "Mid-Market", "Commercial"};

std::string TeamName(int64_t i) {
  std::string s(kRegions[static_cast<size_t>(i % 6)]);
  s += ' ';
  s += kSegments[static_cast<size_t>((i / 6 + i) % 3)];
  if (i >= 18) {
    s += ' ';
    s += std::to_string(i / 18 + 1);
  }
  return s;
}

Person MakePerson(std::string id, std::string name, Role role, int manager,
                  std::string team) {
  Person p;
  p.id = std::move(id);
  p.email = EmailLocalPart(name) + "@example-saas.com";
  p.name = std::move(name);
  p.role = role;
  p.manager = manager;
  p.team = std::move(team);
  return p;
}

RepProfile DavidProfile() {
  RepProfile p;
  p.is_david = true;
  // Solution Fit -> Business Justification and Business Justification ->
  // Negotiation are his bottlenecks; the rest is like his peers.
  const double conv[5] = {0.88, 0.82, 0.38, 0.42, 0.8};
  for (int i = 0; i < 5; ++i) p.conversion[i] = conv[i];
  p.volume = Volume{28, 32, 17, 1.0};
  p.new_business_base = 4500000;
  p.attainment = 0.45;
  p.cycle_days = 70;
  p.neglect = 0.5;
  p.monthly_quota = 4500000;  // $45k a month, $135k a quarter
  return p;
}

RepProfile PeerProfile(Rng& rng, const Volume& volume) {
  RepProfile p;
  const double base[5] = {0.85, 0.8, 0.7, 0.75, 0.8};
  for (int i = 0; i < 5; ++i) p.conversion[i] = base[i] + rng.Uniform(-0.06, 0.06);
  p.volume = volume;
  p.new_business_base = (3500000 + rng.Below(25) * 100000) / 100 * 100;
  p.attainment = rng.Uniform(0.7, 1.3);
  p.cycle_days = rng.Uniform(60, 95);
  p.neglect = rng.Uniform(0.0, 0.15);
  p.quarterly_quota = rng.Chance(0.25);
  p.submits_forecast = rng.Chance(0.75);
  return p;
}

}  // namespace

double ExpectedWinRate(const RepProfile& p) {
  double w = 1;
  for (double c : p.conversion) w *= c;
  return w;
}

Org BuildOrg(int64_t scale, bool large, uint64_t seed) {
  Rng rng(StreamSeed(seed, 0x0123));
  int64_t managers = large ? 200 : 3 * scale;
  int64_t aes_per_manager = large ? 10 : 4;
  int64_t directors = large ? 20 : (managers > 6 ? (managers + 9) / 10 : 0);
  Volume volume;
  if (large) volume = Volume{190, 210, 125, 0.12};

  Org org;
  int64_t name_index = 0;
  auto next_name = [&] { return PersonName(name_index++); };
  org.people.push_back(MakePerson("vp1", next_name(), Role::kExecutive, -1, "Sales"));
  std::vector<int> director_index;
  for (int64_t d = 0; d < directors; ++d) {
    director_index.push_back(static_cast<int>(org.people.size()));
    org.people.push_back(MakePerson("dir" + std::to_string(d + 1), next_name(), Role::kManager,
                                    0, std::string("Region ").append(std::to_string(d + 1))));
  }
  std::vector<int> manager_index;
  for (int64_t m = 0; m < managers; ++m) {
    int boss = directors > 0 ? director_index[static_cast<size_t>(m * directors / managers)] : 0;
    manager_index.push_back(static_cast<int>(org.people.size()));
    Person p = MakePerson("mgr" + std::to_string(m + 1), next_name(), Role::kManager, boss,
                          TeamName(m));
    // The second manager carries an annual quota of their own (prorated).
    p.annual_quota = m == 1;
    org.people.push_back(std::move(p));
  }
  int64_t ae_number = 0;
  for (int64_t m = 0; m < managers; ++m) {
    int boss = manager_index[static_cast<size_t>(m)];
    for (int64_t k = 0; k < aes_per_manager; ++k) {
      bool is_david = m == 0 && k == 2;
      std::string id = "ae" + std::to_string(++ae_number);
      std::string name = is_david ? std::string("David") : next_name();
      if (is_david) org.david = static_cast<int>(org.aes.size());
      org.aes.push_back(static_cast<int>(org.people.size()));
      org.people.push_back(
          MakePerson(id, name, Role::kAe, boss, org.people[static_cast<size_t>(boss)].team));
      RepProfile profile = PeerProfile(rng, volume);  // drawn for David too: keeps peers stable
      if (is_david) {
        profile = DavidProfile();
        profile.volume.amount_scale = 1.0;
      } else {
        // Quota from the bookings the profile is expected to bring in.
        double nb = static_cast<double>(profile.new_business_base) * volume.amount_scale;
        double expected = profile.volume.deals_per_quarter * ExpectedWinRate(profile) * nb * 0.95;
        int64_t quarterly = static_cast<int64_t>(expected / profile.attainment / 1500000.0 + 0.5);
        if (quarterly < 1) quarterly = 1;
        profile.monthly_quota = quarterly * 500000;  // quarterly rounded to $15k
      }
      org.profiles.push_back(profile);
    }
  }
  return org;
}

}  // namespace sc::demo
