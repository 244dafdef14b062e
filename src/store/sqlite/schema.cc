#include "store/sqlite/schema.h"

namespace sc::sqlite {
namespace {

// Conventions: `seq` is the row's position in its input file and the rowid;
// ids and free text are TEXT ('' when empty); optional values are NULL;
// instants are INTEGER milliseconds since 1970-01-01T00:00:00Z; dates are
// INTEGER days since 1970-01-01; money is INTEGER cents; enums are their
// lower-case names (e.g. 'best_case').
constexpr const char kSchemaV1[] = R"sql(
CREATE TABLE dataset (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  imported_at TEXT NOT NULL,
  source TEXT NOT NULL,
  users INTEGER NOT NULL, stages INTEGER NOT NULL, accounts INTEGER NOT NULL,
  contacts INTEGER NOT NULL, opportunities INTEGER NOT NULL, history INTEGER NOT NULL,
  activities INTEGER NOT NULL, quotas INTEGER NOT NULL, forecasts INTEGER NOT NULL
);
CREATE TABLE settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  fiscal_start_month INTEGER NOT NULL,
  coverage_target REAL NOT NULL,
  forecast_lookback_days INTEGER NOT NULL,
  forecast_shrinkage REAL NOT NULL,
  winrate_quarters INTEGER NOT NULL,
  funnel_min_deals INTEGER NOT NULL,
  funnel_alpha REAL NOT NULL,
  accounts_stale_days INTEGER NOT NULL,
  deals_stalled_days INTEGER NOT NULL,
  reference_date INTEGER
);
-- list: 'quota_types', 'winrate_types' or 'accounts_touch_types'.
CREATE TABLE settings_list (
  list TEXT NOT NULL, position INTEGER NOT NULL, value TEXT NOT NULL,
  PRIMARY KEY (list, position)
) WITHOUT ROWID;
-- The [skills] table: one row per stage named, one per skill.
CREATE TABLE settings_skill_stage (stage TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE settings_skill (
  stage TEXT NOT NULL, position INTEGER NOT NULL, skill TEXT NOT NULL,
  PRIMARY KEY (stage, position)
) WITHOUT ROWID;
CREATE TABLE users (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL, email TEXT NOT NULL,
  role TEXT NOT NULL, manager_id TEXT NOT NULL, team TEXT NOT NULL, active INTEGER NOT NULL
);
CREATE TABLE stages (
  seq INTEGER PRIMARY KEY, name TEXT NOT NULL, sort_order INTEGER NOT NULL,
  is_closed INTEGER NOT NULL, is_won INTEGER NOT NULL, probability REAL,
  forecast_category TEXT
);
CREATE TABLE stage_skills (
  stage_seq INTEGER NOT NULL, position INTEGER NOT NULL, skill TEXT NOT NULL,
  PRIMARY KEY (stage_seq, position)
) WITHOUT ROWID;
CREATE TABLE accounts (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL, owner_id TEXT NOT NULL,
  segment TEXT NOT NULL, industry TEXT NOT NULL, created_at INTEGER
);
CREATE TABLE contacts (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL, account_id TEXT NOT NULL, name TEXT NOT NULL,
  title TEXT NOT NULL, email TEXT NOT NULL
);
CREATE TABLE opportunities (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL, account_id TEXT NOT NULL,
  owner_id TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, amount INTEGER NOT NULL,
  stage TEXT NOT NULL, forecast_category TEXT, created_at INTEGER NOT NULL,
  close_date INTEGER NOT NULL
);
CREATE TABLE stage_history (
  seq INTEGER PRIMARY KEY, opportunity_id TEXT NOT NULL, changed_at INTEGER NOT NULL,
  stage TEXT NOT NULL, amount INTEGER, close_date INTEGER, forecast_category TEXT
);
CREATE TABLE activities (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL, type TEXT NOT NULL, owner_id TEXT NOT NULL,
  account_id TEXT NOT NULL, contact_id TEXT NOT NULL, opportunity_id TEXT NOT NULL,
  occurred_at INTEGER NOT NULL, subject TEXT NOT NULL
);
CREATE TABLE quotas (
  seq INTEGER PRIMARY KEY, owner_id TEXT NOT NULL, start_date INTEGER NOT NULL,
  end_date INTEGER NOT NULL, amount INTEGER NOT NULL
);
CREATE TABLE forecasts (
  seq INTEGER PRIMARY KEY, owner_id TEXT NOT NULL, period TEXT NOT NULL,
  category TEXT NOT NULL, amount INTEGER NOT NULL, submitted_at INTEGER NOT NULL
);
)sql";

constexpr Migration kMigrations[] = {
    {1, kSchemaV1},
};

constexpr const char* kDataTables[] = {
    "dataset",       "settings",      "settings_list", "settings_skill_stage",
    "settings_skill", "users",        "stage_skills",  "stages",
    "accounts",      "contacts",      "opportunities", "stage_history",
    "activities",    "quotas",        "forecasts",
};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }
std::span<const char* const> DataTables() { return kDataTables; }

}  // namespace sc::sqlite
