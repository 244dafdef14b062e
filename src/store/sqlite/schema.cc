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

// Sign-in and audit (issue 8). These tables are not data tables: an import
// leaves them alone. Emails are stored lower-case; only hashes of session
// tokens are stored; instants are milliseconds since the epoch.
constexpr const char kSchemaV2[] = R"sql(
CREATE TABLE app_accounts (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'person')),
  linked_user_id TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  password_changed_at INTEGER NOT NULL
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES app_accounts(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_account ON sessions(account_id);
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  actor TEXT NOT NULL,
  address TEXT NOT NULL,
  detail TEXT NOT NULL
);
)sql";

constexpr Migration kMigrations[] = {
    {1, kSchemaV1},
    {2, kSchemaV2},
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
