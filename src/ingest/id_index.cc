#include "ingest/id_index.h"

#include <functional>

namespace sc {

IdIndex::IdIndex() : offsets_{0} { Rehash(64); }

uint64_t IdIndex::Hash(std::string_view id) {
  uint64_t h = std::hash<std::string_view>{}(id);
  // Mix, since the low bits pick the slot and the high bits are the tag.
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}

void IdIndex::Reserve(size_t n) {
  offsets_.reserve(n + 1);
  size_t capacity = slots_.size();
  while (capacity < 2 * n) capacity *= 2;
  if (capacity != slots_.size()) Rehash(capacity);
}

void IdIndex::Rehash(size_t capacity) {
  slots_.assign(capacity, 0);
  mask_ = capacity - 1;
  for (uint32_t i = 0; i + 1 < offsets_.size(); ++i) {
    uint64_t h = Hash(Get(i));
    size_t s = h & mask_;
    while (slots_[s] != 0) s = (s + 1) & mask_;
    slots_[s] = (h & 0xffffffff00000000ULL) | (static_cast<uint64_t>(i) + 1);
  }
}

std::pair<uint32_t, bool> IdIndex::Insert(std::string_view id) {
  if (2 * (size() + 1) > slots_.size()) Rehash(slots_.size() * 2);
  uint64_t h = Hash(id);
  uint64_t tag = h & 0xffffffff00000000ULL;
  size_t s = h & mask_;
  while (slots_[s] != 0) {
    uint64_t slot = slots_[s];
    if ((slot & 0xffffffff00000000ULL) == tag) {
      uint32_t i = static_cast<uint32_t>(slot & 0xffffffffULL) - 1;
      if (Get(i) == id) return {i, false};
    }
    s = (s + 1) & mask_;
  }
  uint32_t index = static_cast<uint32_t>(size());
  arena_.append(id);
  offsets_.push_back(arena_.size());
  slots_[s] = tag | (static_cast<uint64_t>(index) + 1);
  return {index, true};
}

int64_t IdIndex::Find(std::string_view id) const {
  uint64_t h = Hash(id);
  uint64_t tag = h & 0xffffffff00000000ULL;
  size_t s = h & mask_;
  while (slots_[s] != 0) {
    uint64_t slot = slots_[s];
    if ((slot & 0xffffffff00000000ULL) == tag) {
      uint32_t i = static_cast<uint32_t>(slot & 0xffffffffULL) - 1;
      if (Get(i) == id) return i;
    }
    s = (s + 1) & mask_;
  }
  return -1;
}

}  // namespace sc
