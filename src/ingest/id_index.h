// A compact set of string ids with dense indices, for reference checks over
// millions of rows: the ids live in one arena and an open-addressing table
// maps them to their insertion index (about 16 bytes per id plus its text).
//
//   IdIndex accounts;
//   auto [index, added] = accounts.Insert("a1");   // {0, true}
//   int64_t i = accounts.Find("a1");               // 0; -1 when absent
//   std::string_view id = accounts.Get(0);         // "a1"
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sc {

class IdIndex {
 public:
  IdIndex();
  void Reserve(size_t n);
  // Adds `id` unless present. Returns its index and whether it was added.
  std::pair<uint32_t, bool> Insert(std::string_view id);
  // The index of `id`, or -1.
  int64_t Find(std::string_view id) const;
  std::string_view Get(uint32_t index) const {
    return std::string_view(arena_).substr(offsets_[index], offsets_[index + 1] - offsets_[index]);
  }
  size_t size() const { return offsets_.size() - 1; }

 private:
  static uint64_t Hash(std::string_view id);
  void Rehash(size_t capacity);

  std::string arena_;
  std::vector<uint64_t> offsets_;  // id i is arena_[offsets_[i], offsets_[i+1])
  // Each slot: low 32 bits index + 1 (0 = empty), high 32 bits hash tag.
  std::vector<uint64_t> slots_;
  uint64_t mask_ = 0;
};

}  // namespace sc
