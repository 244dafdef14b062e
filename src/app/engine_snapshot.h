// A compact columnar snapshot of the engine's DataSet, kept beside the
// database (`scorecards.db.engine`) so that `report`, `accounts` and `serve`
// load a large data set at the speed of reading one file instead of
// replaying every SQLite row through the DataSetBuilder.
//
// The snapshot is a cache: the database stays the source of truth. Each
// import deletes the old snapshot before it commits and writes a new one
// after (temp file + rename, so a reader sees a whole file or none); a
// snapshot is used only when its magic, format version, sizes, checksum and
// the fingerprint of the stored data set (Store::Info) all match, else the
// loader falls back to the SQLite scan and rewrites it.
//
//   std::string fp = SnapshotFingerprint(info);
//   RETURN_IF_ERROR(WriteEngineSnapshot(*ds, fp, EngineSnapshotPath(db)));
//   Result<std::shared_ptr<const DataSet>> ds = ReadEngineSnapshot(path, fp);
//   if (!ds) ...  // missing, stale or damaged: scan the store instead
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "base/status.h"
#include "engine/dataset.h"
#include "store/store.h"

namespace sc {

// Bumped whenever the layout (or DataSet's fields) change; older files are
// then ignored and rewritten.
inline constexpr uint32_t kEngineSnapshotVersion = 1;

// `db` + ".engine".
std::filesystem::path EngineSnapshotPath(const std::filesystem::path& db);

// Identifies one stored data set: when it was imported, from where, and its
// row counts. REQUIRES: info.present.
std::string SnapshotFingerprint(const DataSetInfo& info);

// Writes `ds` to `path` atomically (a temp file in the same folder, then a
// rename; not synced to disk: a torn file fails validation). On error nothing
// is left behind.
Status WriteEngineSnapshot(const DataSet& ds, const std::string& fingerprint,
                           const std::filesystem::path& path);

// Reads a snapshot written for `fingerprint`. NotFound when there is none;
// FailedPrecondition when it is stale (other fingerprint or format version);
// DataError when it is damaged (bad magic, truncated, bad checksum, sizes
// that do not fit together). Never returns a partial or wrong DataSet.
Result<std::shared_ptr<const DataSet>> ReadEngineSnapshot(const std::filesystem::path& path,
                                                          const std::string& fingerprint);

}  // namespace sc
