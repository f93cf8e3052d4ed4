#include "contextmap/storage/store.h"

#include <cstdlib>

#include "contextmap/storage/keyring.h"
#include "storage/sql_connection.h"
#include "storage/sql_store.h"

namespace contextmap {

namespace {

// "postgresql://user:secret@host/db" -> "postgresql://user@host/db": never print a password.
std::string WithoutPassword(const std::string& url) {
  auto scheme = url.find("://");
  auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) return url;
  auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + url.substr(at);
}

bool IsPostgres(const std::string& url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

}  // namespace

std::string Store::DefaultUrl() { return "sqlite:./var/contextmap.db"; }

Result<std::string> KeyFileFor(const std::string& url, const StoreOptions& options) {
  if (!options.key_file.empty()) return options.key_file;
  const char* env = std::getenv("CONTEXTMAP_KEY_FILE");
  if (env != nullptr && *env != '\0') return std::string(env);
  if (url.starts_with("sqlite:") && url.size() > 7) return KeyFileBeside(url.substr(7));
  if (IsPostgres(url)) {
    return Status::FailedPrecondition(
        "a PostgreSQL store needs a key file: set CONTEXTMAP_KEY_FILE (or --key-file) to the "
        "file `contextmap keys create` made for this store, the same on every server");
  }
  return Status::Invalid("unknown store: use sqlite:PATH or postgresql://HOST/DATABASE", "db");
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& url, StoreOptions options) {
  if (url.starts_with("sqlite:")) {
    std::string path = url.substr(7);
    if (path.empty()) return Status::Invalid("sqlite: needs a file path (sqlite:./var/x.db)", "db");
    Result<std::string> key_file = KeyFileFor(url, options);
    if (!key_file.ok()) return key_file.status();
    auto conn = storage::OpenSqlite(path);
    if (!conn.ok()) return conn.status();
    return storage::OpenSqlStore(std::move(conn).value(), url, std::move(options),
                                 std::move(key_file).value(), /*may_create_keys=*/true);
  }
  if (IsPostgres(url)) {
    Result<std::string> key_file = KeyFileFor(url, options);
    if (!key_file.ok()) return key_file.status();
    auto conn = storage::OpenPostgres(url);
    if (!conn.ok()) return conn.status();
    // Several servers share a PostgreSQL store and must share its key file, so none of them
    // makes one of its own: `contextmap keys create` does, once.
    return storage::OpenSqlStore(std::move(conn).value(), WithoutPassword(url), std::move(options),
                                 std::move(key_file).value(), /*may_create_keys=*/false);
  }
  return Status::Invalid("unknown store '" + WithoutPassword(url).substr(0, 80) +
                             "': use sqlite:PATH or postgresql://HOST/DATABASE",
                         "db");
}

std::vector<AuditEntry> BundleAuditEntries(const AuditEntry& base, const Bundle& bundle) {
  std::vector<AuditEntry> entries;
  AuditEntry whole = base;
  if (!base.mapping_id.empty()) {
    whole.record_kind = "mapping";
    whole.record_id = base.mapping_id;
  }
  entries.push_back(std::move(whole));
  for (const Record& r : bundle.of(RecordKind::kSubject)) {
    AuditEntry e = base;
    e.record_kind = "subject";
    e.record_id = BaseOf(r).id;
    e.subject_id = BaseOf(r).id;
    entries.push_back(std::move(e));
  }
  return entries;
}

}  // namespace contextmap
