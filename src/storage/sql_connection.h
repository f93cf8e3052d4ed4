// The seam between the SQL store and one database engine (internal to the storage module).
//
// SqlStore (sql_store*.cc) holds all the SQL a store runs and talks to the engine only through
// this interface; SqliteConnection and PostgresConnection implement it. Statements are written
// with `?` placeholders and values always travel as parameters, never inside the SQL text.
// A connection is used by one thread at a time; it caches prepared statements by SQL text, so
// a statement run again costs only its execution.
#ifndef CONTEXTMAP_STORAGE_SQL_CONNECTION_H_
#define CONTEXTMAP_STORAGE_SQL_CONNECTION_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "contextmap/core/status.h"

namespace contextmap::storage {

// A parameter or column value. Booleans travel as 0/1 integers; dates and instants as text.
using SqlValue = std::variant<std::monostate, int64_t, double, std::string>;

// One result row, valid only during the callback that receives it.
class SqlRow {
 public:
  virtual ~SqlRow() = default;
  virtual int size() const = 0;
  virtual bool IsNull(int column) const = 0;
  virtual int64_t Int(int column) const = 0;
  virtual double Real(int column) const = 0;
  virtual std::string_view Text(int column) const = 0;
};

using RowCallback = std::function<Status(const SqlRow&)>;

enum class Dialect { kSqlite, kPostgres };

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;

  virtual Dialect dialect() const = 0;

  // Runs SQL text with no parameters, possibly several statements (migrations).
  virtual Status ExecScript(std::string_view sql) = 0;

  // Transactions. `for_write` lets SQLite take the write lock at once (BEGIN IMMEDIATE) so
  // a read-validate-write sequence cannot be overtaken; PostgreSQL ignores it.
  virtual Status Begin(bool for_write) = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  // Runs one statement; calls on_row for each result row (may be null). Returns the number of
  // rows changed for INSERT/UPDATE/DELETE.
  virtual Result<int64_t> Run(std::string_view sql, std::span<const SqlValue> params,
                              const RowCallback& on_row) = 0;

  // Bulk loads: turns per-row foreign key enforcement off (false) or on (true) for the
  // transactions that follow; call outside a transaction. SQLite checks a deferred key
  // violation by scanning the child tables on every parent insert, which makes a bulk load
  // quadratic; PostgreSQL checks each key once at commit, so it ignores this.
  virtual Status EnforceForeignKeys(bool on) = 0;
  // Inside a transaction: fails with kFailedPrecondition if any row refers to a missing row
  // (SQLite's PRAGMA foreign_key_check). PostgreSQL enforces at commit and returns OK.
  virtual Status CheckForeignKeys() = 0;

  // Runs one INSERT/UPDATE statement once per row of `params` (params.size() is a multiple of
  // params_per_row), inside the caller's transaction, as fast as the engine allows (PostgreSQL
  // pipelines them). Stops at the first failure.
  virtual Status RunBatch(std::string_view sql, int params_per_row,
                          std::span<const SqlValue> params) = 0;
};

// Failure codes every connection maps engine errors onto, so the store can tell the user what
// went wrong without passing on the engine's text (which can quote values):
//   unique/primary key violation   -> StatusCode::kAlreadyExists
//   foreign key violation          -> StatusCode::kFailedPrecondition
//   check/not-null violation       -> StatusCode::kInvalidArgument
//   refused by a trigger or a      -> StatusCode::kPermissionDenied (the audit log's
//   withheld privilege                append-only triggers, migration 6)
//   busy/locked/serialisation      -> StatusCode::kUnavailable
//   anything else                  -> StatusCode::kInternal (engine text goes to the log only
//                                     when it cannot contain values; otherwise a fixed message)

// Opens `path` (created if missing, with its parent directory), WAL, synchronous=FULL,
// foreign keys on, busy timeout 5 s.
Result<std::unique_ptr<SqlConnection>> OpenSqlite(const std::string& path);

// Opens a libpq connection string or URL ("postgresql://user@host:port/db").
Result<std::unique_ptr<SqlConnection>> OpenPostgres(const std::string& conninfo);

}  // namespace contextmap::storage

#endif  // CONTEXTMAP_STORAGE_SQL_CONNECTION_H_
