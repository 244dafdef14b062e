// The builder's buffers between the record stream and Finish(). Private to
// the engine's builder files.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/dataset.h"

namespace sc {

// The last id looked up and what it gave (see Lookup in dataset_builder.cc).
struct LastLookup {
  std::string key;
  int32_t ix = kNone;
  bool valid = false;
};

struct DataSetBuilder::Pending {
  std::vector<std::string> manager_ids;
  std::unordered_map<std::string, int32_t> type_index;
  // History rows in file order.
  std::vector<OppIx> h_opp;
  std::vector<Instant> h_at;
  std::vector<StageIx> h_stage;
  std::vector<std::optional<Money>> h_amount;
  std::vector<std::optional<Date>> h_close;
  std::vector<int8_t> h_category;
  // Activities in file order.
  std::vector<AccountIx> a_account;
  std::vector<Instant> a_at;
  std::vector<ActivityType> a_type;
  std::vector<UserIx> a_owner;
  int64_t forecast_seq = 0;
  // Lookup memos for the streamed history and activities. Each map is
  // complete (its entities were all pushed) before these rows arrive.
  LastLookup last_opp, last_stage, last_account, last_owner;
};

}  // namespace sc
