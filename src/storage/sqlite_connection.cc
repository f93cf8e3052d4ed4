// SqlConnection over SQLite: WAL, synchronous=FULL, foreign keys on, prepared statements cached.
#include <sqlite3.h>

#include <filesystem>
#include <mutex>
#include <string>
#include <unordered_map>

#include "storage/sql_connection.h"

namespace contextmap::storage {

namespace {

Status FromSqlite(int rc, sqlite3* db) {
  int ext = db != nullptr ? sqlite3_extended_errcode(db) : rc;
  switch (ext) {
    case SQLITE_CONSTRAINT_PRIMARYKEY:
    case SQLITE_CONSTRAINT_UNIQUE:
      return Status::AlreadyExists("a record with that key already exists");
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return Status::FailedPrecondition(
          "another record still refers to this one, or a referenced record is missing");
    case SQLITE_CONSTRAINT_TRIGGER:  // RAISE(ABORT) in a trigger: the audit log's (migration 6)
      return Status::PermissionDenied(
          "the store does not permit this change (the audit log is append-only)");
    case SQLITE_CONSTRAINT_NOTNULL:
    case SQLITE_CONSTRAINT_CHECK:
      return Status::Invalid("a value breaks a rule of the database schema");
    default:
      break;
  }
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::Unavailable("the database is busy; try again");
    case SQLITE_FULL:
      return Status::IoError("the disk is full");
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
      return Status::IoError(std::string("cannot write the database: ") + sqlite3_errstr(rc));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::IoError("the database file is damaged or is not a ContextMap database");
    default:
      // sqlite3_errstr describes the code only; sqlite3_errmsg could quote values.
      return Status::Internal(std::string("the database reported an error: ") + sqlite3_errstr(rc));
  }
}

class SqliteRow : public SqlRow {
 public:
  explicit SqliteRow(sqlite3_stmt* stmt) : stmt_(stmt) {}
  int size() const override { return sqlite3_column_count(stmt_); }
  bool IsNull(int c) const override { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }
  int64_t Int(int c) const override { return sqlite3_column_int64(stmt_, c); }
  double Real(int c) const override { return sqlite3_column_double(stmt_, c); }
  std::string_view Text(int c) const override {
    const auto* p = sqlite3_column_text(stmt_, c);
    if (p == nullptr) return {};
    return {reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, c))};
  }

 private:
  sqlite3_stmt* stmt_;
};

class SqliteConnection : public SqlConnection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  Status ExecScript(std::string_view sql) override {
    std::string text(sql);
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
    return rc == SQLITE_OK ? Status::Ok() : FromSqlite(rc, db_);
  }

  Status Begin(bool for_write) override {
    return ExecScript(for_write ? "BEGIN IMMEDIATE" : "BEGIN");
  }
  Status Commit() override { return ExecScript("COMMIT"); }
  Status Rollback() override {
    if (sqlite3_get_autocommit(db_)) return Status::Ok();  // nothing open
    return ExecScript("ROLLBACK");
  }

  Status EnforceForeignKeys(bool on) override {
    return ExecScript(on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF");
  }

  Status CheckForeignKeys() override {
    std::string table;
    auto r = Run("PRAGMA foreign_key_check", {}, [&](const SqlRow& row) {
      table = std::string(row.Text(0));
      return Status::FailedPrecondition("stop");
    });
    if (!table.empty()) {
      return Status::FailedPrecondition("a record in " + table + " refers to a missing record");
    }
    return r.ok() ? Status::Ok() : r.status();
  }

  Result<int64_t> Run(std::string_view sql, std::span<const SqlValue> params,
                      const RowCallback& on_row) override {
    Result<sqlite3_stmt*> stmt = Prepare(sql);
    if (!stmt.ok()) return stmt.status();
    sqlite3_stmt* s = *stmt;
    CM_RETURN_IF_ERROR(Bind(s, params));
    SqliteRow row(s);
    Status status;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      if (on_row) {
        status = on_row(row);
        if (!status.ok()) break;
      }
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    if (!status.ok()) return status;
    if (rc != SQLITE_DONE) return FromSqlite(rc, db_);
    return static_cast<int64_t>(sqlite3_changes64(db_));
  }

  Status RunBatch(std::string_view sql, int params_per_row,
                  std::span<const SqlValue> params) override {
    Result<sqlite3_stmt*> stmt = Prepare(sql);
    if (!stmt.ok()) return stmt.status();
    sqlite3_stmt* s = *stmt;
    auto per_row = static_cast<std::size_t>(params_per_row);
    for (std::size_t i = 0; i + per_row <= params.size(); i += per_row) {
      CM_RETURN_IF_ERROR(Bind(s, params.subspan(i, per_row)));
      int rc = sqlite3_step(s);
      sqlite3_reset(s);
      if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        sqlite3_clear_bindings(s);
        return FromSqlite(rc, db_);
      }
    }
    sqlite3_clear_bindings(s);
    return Status::Ok();
  }

 private:
  Result<sqlite3_stmt*> Prepare(std::string_view sql) {
    std::string key(sql);
    auto it = statements_.find(key);
    if (it != statements_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return FromSqlite(rc, db_);
    statements_.emplace(std::move(key), stmt);
    return stmt;
  }

  Status Bind(sqlite3_stmt* s, std::span<const SqlValue> params) {
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(s)) {
      return Status::Internal("wrong number of SQL parameters");
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i) + 1;
      int rc = std::visit(
          [&](const auto& v) -> int {
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, std::monostate>) {
              return sqlite3_bind_null(s, idx);
            } else if constexpr (std::is_same_v<V, int64_t>) {
              return sqlite3_bind_int64(s, idx, v);
            } else if constexpr (std::is_same_v<V, double>) {
              return sqlite3_bind_double(s, idx, v);
            } else {
              return sqlite3_bind_text64(s, idx, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
            }
          },
          params[i]);
      if (rc != SQLITE_OK) return FromSqlite(rc, db_);
    }
    return Status::Ok();
  }

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace

Result<std::unique_ptr<SqlConnection>> OpenSqlite(const std::string& path) {
  std::error_code ec;
  std::filesystem::path p(path);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
  if (ec) return Status::IoError("cannot create the directory for " + path);
  // SQLite counts the memory it holds under one process-wide mutex on every allocation; with
  // a server's many connections reading at once that mutex was where they queued. The count
  // is used by nothing here. (Settable only before SQLite initialises: first open wins.)
  static std::once_flag configured;
  std::call_once(configured, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_close_v2(db);
    return Status::IoError("cannot open the SQLite database " + path);
  }
  auto conn = std::make_unique<SqliteConnection>(db);
  sqlite3_busy_timeout(db, 5000);
  sqlite3_extended_result_codes(db, 1);
  // The default 2 MB page cache makes every insert into a large index re-read pages from the
  // file (an import of 1.7 million records spent its time in pread); 256 MiB is a ceiling the
  // cache grows to only as the database does. No memory map: the server appends audit rows
  // all the time, and each time the file grew every connection unmapped and remapped it on
  // its next read (a twentieth of the server's time, in munmap and TLB flushes).
  Status s = conn->ExecScript(
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
      "PRAGMA cache_size = -262144; PRAGMA mmap_size = 0; PRAGMA temp_store = MEMORY;");
  if (!s.ok()) return s;
  return std::unique_ptr<SqlConnection>(std::move(conn));
}

}  // namespace contextmap::storage
