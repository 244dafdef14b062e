// The demo's sales organisation: a VP, (directors at larger scales),
// managers and AEs, each AE with the profile that drives their deals. One AE
// is named exactly "David" and carries the demo story (docs/demo.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/money.h"
#include "core/records.h"

namespace sc::demo {

// How much each AE sells; `small` is the demo, `large` the benchmark (SPEC §6).
struct Volume {
  int64_t accounts_min = 18;
  int64_t accounts_max = 24;
  double deals_per_quarter = 14;  // created, on average
  double amount_scale = 1.0;      // deal sizes (and so quotas) multiply by this
};

struct RepProfile {
  // Conversion from open stage i to i + 1 (index 4: Negotiation -> Won).
  double conversion[5] = {0.85, 0.8, 0.7, 0.75, 0.8};
  Volume volume;
  Money new_business_base = 0;  // typical New Business amount, cents
  double attainment = 1.0;      // expected bookings / quota
  double cycle_days = 75;       // New Business, created -> close
  double neglect = 0.1;         // share of open-pipeline accounts left untouched
  bool quarterly_quota = false;
  bool submits_forecast = true;
  bool is_david = false;
  Money monthly_quota = 0;      // set by BuildOrg from the expected bookings
};

struct Person {
  std::string id;
  std::string name;
  std::string email;
  Role role = Role::kAe;
  int manager = -1;  // index into Org::people
  std::string team;
  bool active = true;
  bool annual_quota = false;  // a manager with an annual quota row of their own
};

struct Org {
  std::vector<Person> people;      // users.csv order: top down
  std::vector<int> aes;            // indices into people
  std::vector<RepProfile> profiles;  // parallel to aes
  int david = -1;                  // index into aes
};

// Small: VP, 3 managers, 4 AEs each. scale N: N times that (with directors
// when there are more than 6 managers). large: 20 directors, 200 managers,
// 2,000 AEs. David is always the third AE of the first team, with the same
// profile at every scale.
Org BuildOrg(int64_t scale, bool large, uint64_t seed);

// Expected share of deals that are won for a profile.
double ExpectedWinRate(const RepProfile& p);

}  // namespace sc::demo
