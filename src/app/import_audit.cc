// The audit row of an import (issue 8): who, from where, and the outcome.
#include "app/auth_service.h"
#include "app/import.h"
#include "store/auth_store.h"

namespace sc {

void AuditImport(const ImportRequest& req, const Result<ImportReport>& result) {
  std::error_code ec;
  if (!std::filesystem::exists(req.db_path, ec)) return;  // nothing was created
  Result<std::unique_ptr<AuthStore>> store = OpenSqliteAuthStore(req.db_path);
  if (!store) return;
  std::string detail = req.folder.string() + " (" + (req.format.empty() ? "native" : req.format) + "): ";
  if (!result) {
    detail += "failed: " + result.error().message();
  } else if (!result->ok()) {
    detail += "rejected: " + std::to_string(result->error_count) + " error(s)";
  } else {
    detail += "ok";
  }
  AuditEntry e;
  e.at_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::system_clock::now().time_since_epoch())
                .count();
  e.kind = "import";
  e.actor = req.actor;
  e.address = req.address;
  e.detail = detail.substr(0, 1000);
  (void)(*store)->AppendAudit(e);
}

}  // namespace sc
