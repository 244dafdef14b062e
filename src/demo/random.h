// Deterministic pseudo-random numbers for the demo data: xoshiro256** seeded
// through splitmix64, with the few distributions the generator needs written
// out here. std:: distributions differ between standard libraries, and the
// demo promises byte-identical files for the same seed, so none is used; only
// +, -, *, / and sqrt on doubles (exactly rounded by IEEE 754).
//
//   Rng rng(StreamSeed(seed, 7));
//   int64_t n = rng.Between(3, 6);       // 3..6 inclusive
//   if (rng.Chance(0.25)) { ... }
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace sc::demo {

// Mixes a seed and a stream number into an independent seed (splitmix64).
uint64_t StreamSeed(uint64_t seed, uint64_t stream);

class Rng {
 public:
  explicit Rng(uint64_t seed);

  uint64_t Next();
  // Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  // Uniform integer in [0, n); REQUIRES: n > 0.
  int64_t Below(int64_t n) { return static_cast<int64_t>(Uniform() * static_cast<double>(n)); }
  // Uniform integer in [lo, hi]; REQUIRES: lo <= hi.
  int64_t Between(int64_t lo, int64_t hi) { return lo + Below(hi - lo + 1); }
  bool Chance(double p) { return Uniform() < p; }
  // Index drawn with the given (non-negative, not all zero) weights.
  int Weighted(const double* weights, int n);
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(Below(static_cast<int64_t>(v.size())))];
  }
  template <typename T>
  void Shuffle(std::vector<T>& v) {
    for (std::size_t i = v.size(); i > 1; --i) {
      std::size_t j = static_cast<std::size_t>(Below(static_cast<int64_t>(i)));
      std::swap(v[i - 1], v[j]);
    }
  }

 private:
  uint64_t s_[4];
};

// Error diffusion: turns a probability into a yes/no sequence whose count of
// yeses over any run of n calls stays within about one of p * n, with a
// random threshold so that the pattern does not look periodic. Used where
// the demo story needs a rate to come out right on a few dozen deals.
class Diffuser {
 public:
  explicit Diffuser(double phase = 0.5) : acc_(phase - 0.5) {}
  bool Next(double p, Rng& rng);

 private:
  double acc_;
};

}  // namespace sc::demo
