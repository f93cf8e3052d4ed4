#include "contextmap/storage/store.h"

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

}  // namespace

std::string Store::DefaultUrl() { return "sqlite:./var/contextmap.db"; }

Result<std::unique_ptr<Store>> Store::Open(const std::string& url, StoreOptions options) {
  if (url.starts_with("sqlite:")) {
    std::string path = url.substr(7);
    if (path.empty()) return Status::Invalid("sqlite: needs a file path (sqlite:./var/x.db)", "db");
    auto conn = storage::OpenSqlite(path);
    if (!conn.ok()) return conn.status();
    return storage::OpenSqlStore(std::move(conn).value(), url, std::move(options));
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    auto conn = storage::OpenPostgres(url);
    if (!conn.ok()) return conn.status();
    return storage::OpenSqlStore(std::move(conn).value(), WithoutPassword(url), std::move(options));
  }
  return Status::Invalid("unknown store '" + WithoutPassword(url).substr(0, 80) +
                             "': use sqlite:PATH or postgresql://HOST/DATABASE",
                         "db");
}

}  // namespace contextmap
