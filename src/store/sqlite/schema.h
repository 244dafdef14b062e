// The SQLite schema as an ordered list of migrations (documented in
// src/store/README.md). Version 1 is the data set; a later version adds
// tables (e.g. sign-in and audit) by appending a migration, never by editing
// an old one.
#pragma once

#include <span>

namespace sc::sqlite {

struct Migration {
  int version;
  const char* sql;
};

// In ascending version order, starting at 1.
std::span<const Migration> Migrations();
// The data tables emptied by each import, children first.
std::span<const char* const> DataTables();

}  // namespace sc::sqlite
