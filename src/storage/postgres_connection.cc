// PostgreSQL implementation of SqlConnection over libpq.
//
// Statements are prepared once per connection (named "s1", "s2", ... and cached by their SQL
// text) and executed with text-format parameters. RunBatch uses libpq's pipeline mode so a bulk
// load costs one network round trip per ~1000 rows rather than one per row.
//
// Error text from the server is never passed on: it can quote the values that broke a
// constraint, i.e. case data. Errors are mapped onto a StatusCode by SQLSTATE with a fixed
// message; the constraint (or column) name, which is schema rather than data, goes in `field`.
// Debian installs the header in /usr/include/postgresql, which is on the include path only when
// the build asks pkg-config (or CMake's FindPostgreSQL) for it.
#if __has_include(<libpq-fe.h>)
#include <libpq-fe.h>
#else
#include <postgresql/libpq-fe.h>
#endif

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "contextmap/core/status.h"
#include "storage/sql_connection.h"

namespace contextmap::storage {
namespace {

// Rows sent between flush requests in RunBatch; results of one chunk are read while the next
// one is on its way, so at most two chunks are in flight.
constexpr size_t kBatchChunkRows = 1000;

struct PgResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using PgResultPtr = std::unique_ptr<PGresult, PgResultDeleter>;

bool IsIdentChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$' || static_cast<unsigned char>(c) >= 0x80;
}

bool IsIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Copies `sql` to `out` with each `?` placeholder replaced by $1, $2, ... and returns how many
// there were. A `?` inside a string literal ('...', E'...', $tag$...$tag$), a quoted identifier
// or a comment is left alone. (PostgreSQL's jsonb operators ?, ?| and ?& therefore cannot be
// written in these statements; use the jsonb_exists* functions instead.)
int RewritePlaceholders(std::string_view sql, std::string* out) {
  out->clear();
  out->reserve(sql.size() + 16);
  int count = 0;
  size_t i = 0;
  const size_t n = sql.size();
  auto copy_until = [&](size_t end) {
    out->append(sql.substr(i, end - i));
    i = end;
  };
  while (i < n) {
    const char c = sql[i];
    if (c == '?') {
      out->push_back('$');
      out->append(std::to_string(++count));
      ++i;
    } else if (c == '\'') {
      // E'...' strings treat backslash as an escape; in standard strings '' is a quote.
      const bool escapes =
          i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') && (i < 2 || !IsIdentChar(sql[i - 2]));
      size_t j = i + 1;
      while (j < n) {
        if (escapes && sql[j] == '\\' && j + 1 < n) {
          j += 2;
        } else if (sql[j] == '\'') {
          if (j + 1 < n && sql[j + 1] == '\'') {
            j += 2;
          } else {
            ++j;
            break;
          }
        } else {
          ++j;
        }
      }
      copy_until(std::min(j, n));
    } else if (c == '"') {
      size_t j = i + 1;
      while (j < n) {
        if (sql[j] == '"') {
          if (j + 1 < n && sql[j + 1] == '"') {
            j += 2;
            continue;
          }
          ++j;
          break;
        }
        ++j;
      }
      copy_until(std::min(j, n));
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      const size_t end = sql.find('\n', i);
      copy_until(end == std::string_view::npos ? n : end);
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      // Block comments nest in PostgreSQL.
      int depth = 0;
      size_t j = i;
      while (j < n) {
        if (sql[j] == '/' && j + 1 < n && sql[j + 1] == '*') {
          ++depth;
          j += 2;
        } else if (sql[j] == '*' && j + 1 < n && sql[j + 1] == '/') {
          j += 2;
          if (--depth == 0) break;
        } else {
          ++j;
        }
      }
      copy_until(std::min(j, n));
    } else if (c == '$' && (i == 0 || !IsIdentChar(sql[i - 1])) && i + 1 < n &&
               (sql[i + 1] == '$' || IsIdentStart(sql[i + 1]))) {
      // Possibly a dollar-quoted string: $$...$$ or $tag$...$tag$.
      size_t j = i + 1;
      while (j < n && sql[j] != '$' && IsIdentChar(sql[j])) ++j;
      if (j < n && sql[j] == '$') {
        const std::string_view tag = sql.substr(i, j - i + 1);
        const size_t close = sql.find(tag, j + 1);
        copy_until(close == std::string_view::npos ? n : close + tag.size());
      } else {
        copy_until(j);
      }
    } else if (IsIdentChar(c)) {
      // Copy a whole word so a `$` inside an identifier is never mistaken for a dollar quote.
      size_t j = i + 1;
      while (j < n && IsIdentChar(sql[j])) ++j;
      copy_until(j);
    } else {
      out->push_back(c);
      ++i;
    }
  }
  return count;
}

// Strips trailing whitespace and joins lines, for libpq's connection messages.
std::string OneLine(const char* text) {
  std::string out = text != nullptr ? text : "";
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Maps a failed result (or the lack of one) onto a Status, without the server's text.
Status ErrorStatus(PGconn* conn, const PGresult* result) {
  const char* raw_state =
      result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string_view state = raw_state != nullptr ? raw_state : "";
  // SQLSTATEs are five ASCII letters or digits; anything else is not echoed.
  if (state.size() != 5 || !std::all_of(state.begin(), state.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
      })) {
    state = {};
  }
  if (state.empty()) {
    if (PQstatus(conn) == CONNECTION_BAD) {
      return Status::Unavailable("the connection to PostgreSQL was lost");
    }
    return Status::Internal("the PostgreSQL client library reported an error");
  }

  std::string field;
  if (const char* constraint = PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME)) {
    field = constraint;
  } else if (const char* column = PQresultErrorField(result, PG_DIAG_COLUMN_NAME)) {
    field = column;
  }
  const std::string_view state_class = state.substr(0, 2);

  if (state == "23505") {
    return {StatusCode::kAlreadyExists, "a record with that key already exists", std::move(field)};
  }
  if (state == "23503") {
    return {StatusCode::kFailedPrecondition,
            "another record still refers to this one or a referenced record is missing",
            std::move(field)};
  }
  if (state == "23502") {
    return {StatusCode::kInvalidArgument, "a required value is missing", std::move(field)};
  }
  if (state == "23514") {
    return {StatusCode::kInvalidArgument, "a value is not allowed by a rule of the store",
            std::move(field)};
  }
  if (state_class == "22") {
    return {StatusCode::kInvalidArgument,
            "a value is not valid for where it is stored (SQLSTATE " + std::string(state) + ")",
            std::move(field)};
  }
  if (state == "42501") {  // insufficient_privilege: a right withheld, or the audit trigger
    return {StatusCode::kPermissionDenied,
            "the store does not permit this change (SQLSTATE 42501: the audit log is append-only, "
            "or the role lacks the right)",
            std::move(field)};
  }
  if (state == "40001" || state == "40P01") {
    return {StatusCode::kUnavailable, "the store is busy with a conflicting change; try again",
            std::move(field)};
  }
  if (state == "55P03") {
    return {StatusCode::kUnavailable, "the store is busy (a record is locked); try again",
            std::move(field)};
  }
  if (state_class == "08" || state == "57P01" || state == "57P02" || state == "57P03" ||
      state == "53300" || PQstatus(conn) == CONNECTION_BAD) {
    return {StatusCode::kUnavailable,
            "PostgreSQL is unavailable (SQLSTATE " + std::string(state) + ")", std::move(field)};
  }
  return {StatusCode::kInternal,
          "the database reported an error (SQLSTATE " + std::string(state) + ")", std::move(field)};
}

bool ResultOk(const PGresult* result) {
  if (result == nullptr) return false;
  switch (PQresultStatus(result)) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
      return true;
    default:
      return false;
  }
}

// Rows changed by an INSERT/UPDATE/DELETE/MERGE (with or without RETURNING); 0 otherwise.
int64_t RowsAffected(const PGresult* result) {
  // PQcmdStatus/PQcmdTuples take a non-const pointer but do not modify the result.
  auto* mutable_result = const_cast<PGresult*>(result);
  const std::string_view command = PQcmdStatus(mutable_result);
  if (!StartsWith(command, "INSERT ") && !StartsWith(command, "UPDATE ") &&
      !StartsWith(command, "DELETE ") && !StartsWith(command, "MERGE ")) {
    return 0;
  }
  const std::string_view tuples = PQcmdTuples(mutable_result);
  int64_t count = 0;
  std::from_chars(tuples.data(), tuples.data() + tuples.size(), count);
  return count;
}

// Text-format parameter values for one execution. Strings are passed without copying; numbers
// are formatted into scratch buffers owned here. Valid until the next Encode.
class ParamBuffer {
 public:
  void Encode(std::span<const SqlValue> row) {
    if (scratch_.size() < row.size()) scratch_.resize(row.size());
    values_.resize(row.size());
    for (size_t i = 0; i < row.size(); ++i) {
      std::array<char, 40>& buf = scratch_[i];
      char* const first = buf.data();
      char* const last = buf.data() + buf.size() - 1;  // room for the terminating NUL
      const SqlValue& value = row[i];
      if (std::holds_alternative<std::monostate>(value)) {
        values_[i] = nullptr;
      } else if (const auto* text = std::get_if<std::string>(&value)) {
        values_[i] = text->c_str();
      } else if (const auto* integer = std::get_if<int64_t>(&value)) {
        *std::to_chars(first, last, *integer).ptr = '\0';
        values_[i] = first;
      } else {
        const double real = std::get<double>(value);
        if (std::isnan(real)) {
          values_[i] = "NaN";
        } else if (std::isinf(real)) {
          values_[i] = real > 0 ? "Infinity" : "-Infinity";
        } else {
          *std::to_chars(first, last, real).ptr = '\0';  // shortest text that reads back exactly
          values_[i] = first;
        }
      }
    }
  }

  const char* const* values() const { return values_.data(); }

 private:
  std::vector<std::array<char, 40>> scratch_;
  std::vector<const char*> values_;
};

// Text parameters travel NUL-terminated and PostgreSQL text cannot hold NUL anyway.
Status CheckParams(std::span<const SqlValue> params) {
  for (const SqlValue& value : params) {
    if (const auto* text = std::get_if<std::string>(&value)) {
      // NOLINTNEXTLINE(bugprone-not-null-terminated-result): a search, not a copy
      if (std::memchr(text->data(), '\0', text->size()) != nullptr) {
        return Status::Invalid("text must not contain NUL characters");
      }
    }
  }
  return Status::Ok();
}

class PgRow final : public SqlRow {
 public:
  PgRow(const PGresult* result, int row) : result_(result), row_(row) {}

  int size() const override { return PQnfields(result_); }

  bool IsNull(int column) const override { return PQgetisnull(result_, row_, column) != 0; }

  int64_t Int(int column) const override {
    const std::string_view text = Text(column);
    if (text == "t") return 1;  // boolean columns
    if (text == "f") return 0;
    int64_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
  }

  double Real(int column) const override {
    const std::string_view text = Text(column);
    double value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() && !text.empty()) {
      // PostgreSQL's own spellings of the special values, should from_chars not take them.
      if (text == "NaN") return std::nan("");
      if (text == "Infinity") return HUGE_VAL;
      if (text == "-Infinity") return -HUGE_VAL;
    }
    return value;
  }

  std::string_view Text(int column) const override {
    const char* value = PQgetvalue(result_, row_, column);
    if (value == nullptr) return {};
    return {value, static_cast<size_t>(PQgetlength(result_, row_, column))};
  }

 private:
  const PGresult* result_;
  int row_;
};

void DiscardNotice(void* /*arg*/, const char* /*message*/) {
  // Notices and warnings can quote values; they are not printed.
}

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

class PostgresConnection final : public SqlConnection {
 public:
  explicit PostgresConnection(PGconn* conn) : conn_(conn) {}
  ~PostgresConnection() override { PQfinish(conn_); }

  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  // Settings every session gets, run after connecting and after a reconnect.
  Status SetUpSession() {
    PQsetNoticeProcessor(conn_, DiscardNotice, nullptr);
    if (PQsetClientEncoding(conn_, "UTF8") != 0) {
      return Status::Unavailable("cannot set the PostgreSQL client encoding to UTF8");
    }
    return Exec("SET client_min_messages = warning; SET TIME ZONE 'UTC'");
  }

  Dialect dialect() const override { return Dialect::kPostgres; }

  Status ExecScript(std::string_view sql) override {
    CM_RETURN_IF_ERROR(EnsureUsable());
    return Exec(std::string(sql));
  }

  Status Begin(bool /*for_write*/) override {
    // A new transaction: whatever happened to an earlier one, reconnecting now loses nothing.
    in_transaction_ = false;
    CM_RETURN_IF_ERROR(EnsureUsable());
    CM_RETURN_IF_ERROR(Exec("BEGIN"));
    in_transaction_ = true;
    return Status::Ok();
  }

  // PostgreSQL checks each deferred key once, at commit, by looking up the parent.
  Status EnforceForeignKeys(bool) override { return Status::Ok(); }
  Status CheckForeignKeys() override { return Status::Ok(); }

  Status Commit() override {
    in_transaction_ = false;  // COMMIT ends the transaction whether or not it succeeds
    if (broken_ || PQstatus(conn_) == CONNECTION_BAD) {
      return Status::Unavailable(
          "the connection to PostgreSQL was lost; the transaction was not committed");
    }
    PgResultPtr result(PQexec(conn_, "COMMIT"));
    if (!ResultOk(result.get())) return ErrorStatus(conn_, result.get());
    // COMMIT of a transaction in which a statement failed succeeds but reports ROLLBACK.
    if (std::string_view(PQcmdStatus(result.get())) == "ROLLBACK") {
      return Status::FailedPrecondition(
          "the transaction was rolled back because a statement in it had failed");
    }
    return Status::Ok();
  }

  Status Rollback() override {
    in_transaction_ = false;
    // Without a working connection there is nothing left to undo: the server discards an
    // open transaction when its connection goes.
    if (broken_ || PQstatus(conn_) == CONNECTION_BAD) return Status::Ok();
    return Exec("ROLLBACK");
  }

  Result<int64_t> Run(std::string_view sql, std::span<const SqlValue> params,
                      const RowCallback& on_row) override {
    CM_RETURN_IF_ERROR(EnsureUsable());
    Result<const Prepared*> prepared = Prepare(sql);
    if (!prepared.ok()) return prepared.status();
    const Prepared& statement = **prepared;
    if (params.size() != static_cast<size_t>(statement.param_count)) {
      return Status::Internal("the statement expects " + std::to_string(statement.param_count) +
                              " values but " + std::to_string(params.size()) + " were given");
    }
    CM_RETURN_IF_ERROR(CheckParams(params));
    params_.Encode(params);
    PgResultPtr result(PQexecPrepared(conn_, statement.name.c_str(), statement.param_count,
                                      params_.values(), nullptr, nullptr, /*resultFormat=*/0));
    if (!ResultOk(result.get())) return ErrorStatus(conn_, result.get());
    if (on_row) {
      const int rows = PQntuples(result.get());
      for (int i = 0; i < rows; ++i) {
        const PgRow row(result.get(), i);
        CM_RETURN_IF_ERROR(on_row(row));
      }
    }
    return RowsAffected(result.get());
  }

  Status RunBatch(std::string_view sql, int params_per_row,
                  std::span<const SqlValue> params) override {
    if (params_per_row <= 0 || params.size() % static_cast<size_t>(params_per_row) != 0) {
      return Status::Internal("batch parameters do not divide into rows");
    }
    if (params.empty()) return Status::Ok();
    CM_RETURN_IF_ERROR(EnsureUsable());
    Result<const Prepared*> prepared = Prepare(sql);
    if (!prepared.ok()) return prepared.status();
    const Prepared& statement = **prepared;
    if (statement.param_count != params_per_row) {
      return Status::Internal("the statement expects " + std::to_string(statement.param_count) +
                              " values per row but " + std::to_string(params_per_row) +
                              " were given");
    }
    // Checked up front: stopping half way through for a bad value would leave earlier rows
    // sent, and in autocommit the closing Sync would commit them.
    CM_RETURN_IF_ERROR(CheckParams(params));
    return RunPipelined(statement, static_cast<size_t>(params_per_row), params);
  }

 private:
  struct Prepared {
    std::string name;  // server-side statement name
    int param_count = 0;
  };

  // Runs a parameterless command (possibly several statements) with PQexec.
  Status Exec(const std::string& sql) {
    PgResultPtr result(PQexec(conn_, sql.c_str()));
    if (!ResultOk(result.get())) return ErrorStatus(conn_, result.get());
    return Status::Ok();
  }

  // Reconnects a lost connection, but only between transactions: inside one, reconnecting
  // would silently run the rest of it in autocommit.
  Status EnsureUsable() {
    if (!broken_ && PQstatus(conn_) == CONNECTION_OK) return Status::Ok();
    if (in_transaction_) {
      return Status::Unavailable(
          "the connection to PostgreSQL was lost; the transaction was rolled back");
    }
    PQreset(conn_);
    statements_.clear();  // prepared statements belong to the old session
    if (PQstatus(conn_) != CONNECTION_OK) {
      return Status::Unavailable("cannot reconnect to PostgreSQL: " +
                                 OneLine(PQerrorMessage(conn_)));
    }
    broken_ = false;
    return SetUpSession();
  }

  Result<const Prepared*> Prepare(std::string_view sql) {
    if (auto it = statements_.find(sql); it != statements_.end()) return &it->second;
    std::string text;
    const int param_count = RewritePlaceholders(sql, &text);
    // Appended rather than "s" + to_string(...): GCC 12 warns falsely (-Wrestrict) on that
    // operator+ at -O3, and the Release build is what scripts/demo shows a person.
    std::string name = std::to_string(++statement_counter_);
    name.insert(name.begin(), 's');
    PgResultPtr result(PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr));
    if (!ResultOk(result.get())) return ErrorStatus(conn_, result.get());
    auto [it, inserted] =
        statements_.emplace(std::string(sql), Prepared{std::move(name), param_count});
    return &it->second;
  }

  // Reads the results of one pipelined statement (up to the NULL that ends them), recording
  // the first failure in `first_error`. Returns false if the connection is unusable.
  bool ConsumeOne(Status* first_error) {
    bool got_result = false;
    while (PGresult* raw = PQgetResult(conn_)) {
      got_result = true;
      PgResultPtr result(raw);
      const ExecStatusType status = PQresultStatus(raw);
      if (status == PGRES_FATAL_ERROR) {
        if (first_error->ok()) *first_error = ErrorStatus(conn_, raw);
      } else if (status == PGRES_PIPELINE_ABORTED) {
        // Skipped by the server because an earlier statement failed.
        if (first_error->ok()) {
          *first_error = Status::Internal("a statement in the batch was not run");
        }
      } else if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        if (first_error->ok()) {
          *first_error = Status::Internal("unexpected result from PostgreSQL in a batch");
        }
        return false;
      }
      if (PQstatus(conn_) == CONNECTION_BAD) return false;
    }
    if (!got_result || PQstatus(conn_) == CONNECTION_BAD) {
      if (first_error->ok()) *first_error = ErrorStatus(conn_, nullptr);
      return false;
    }
    return true;
  }

  // Sends one Bind/Execute per row without waiting for each result. Chunks of rows are
  // followed by a flush request (not a Sync), and a single Sync closes the pipeline: the whole
  // batch is one implicit transaction when the caller has not begun one, so a failure part
  // way through never leaves earlier rows committed. After a failure the server skips the
  // rest up to the Sync, and we stop sending.
  Status RunPipelined(const Prepared& statement, size_t per_row, std::span<const SqlValue> params) {
    const size_t rows = params.size() / per_row;
    if (PQenterPipelineMode(conn_) != 1) {
      return Status::Internal("cannot enter PostgreSQL pipeline mode");
    }
    Status first_error;
    bool usable = true;
    size_t sent = 0;
    size_t consumed = 0;
    while (sent < rows && usable && first_error.ok()) {
      const size_t chunk_start = sent;
      const size_t chunk_end = std::min(rows, sent + kBatchChunkRows);
      for (; sent < chunk_end; ++sent) {
        params_.Encode(params.subspan(sent * per_row, per_row));
        if (PQsendQueryPrepared(conn_, statement.name.c_str(), static_cast<int>(per_row),
                                params_.values(), nullptr, nullptr, /*resultFormat=*/0) != 1) {
          usable = false;
          break;
        }
      }
      if (usable && (PQsendFlushRequest(conn_) != 1 || PQflush(conn_) != 0)) usable = false;
      // Read the previous chunk's results while this one travels.
      while (usable && consumed < chunk_start) {
        usable = ConsumeOne(&first_error);
        ++consumed;
      }
    }
    if (usable && PQpipelineSync(conn_) != 1) usable = false;
    while (usable && consumed < sent) {
      usable = ConsumeOne(&first_error);
      ++consumed;
    }
    if (usable) {
      PgResultPtr sync(PQgetResult(conn_));
      if (sync == nullptr || PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC) usable = false;
    }
    if (usable && PQexitPipelineMode(conn_) != 1) usable = false;
    if (!usable) {
      // The protocol state is unknown: the connection is reset before it is used again, which
      // makes the server roll back whatever transaction it had open. Inside the caller's
      // transaction, further statements fail with kUnavailable until Rollback.
      broken_ = true;
      if (first_error.ok()) {
        first_error = Status::Unavailable("the connection to PostgreSQL failed during a batch");
      }
    }
    return first_error;
  }

  PGconn* conn_;
  std::unordered_map<std::string, Prepared, StringHash, std::equal_to<>> statements_;
  int statement_counter_ = 0;
  ParamBuffer params_;
  bool in_transaction_ = false;  // between a successful Begin and Commit/Rollback
  bool broken_ = false;          // protocol state unknown: reconnect before reuse
};

}  // namespace

Result<std::unique_ptr<SqlConnection>> OpenPostgres(const std::string& conninfo) {
  // Defaults first; the caller's connection string (expanded from dbname) overrides them.
  const char* const keywords[] = {"fallback_application_name", "connect_timeout", "dbname",
                                  nullptr};
  const char* const values[] = {"contextmap", "10", conninfo.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (conn == nullptr) return Status::Unavailable("cannot connect to PostgreSQL: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    // libpq's message names the host, port and user, never the password.
    Status status =
        Status::Unavailable("cannot connect to PostgreSQL: " + OneLine(PQerrorMessage(conn)));
    PQfinish(conn);
    return status;
  }
  auto connection = std::make_unique<PostgresConnection>(conn);
  Status status = connection->SetUpSession();
  if (!status.ok()) return status;
  return std::unique_ptr<SqlConnection>(std::move(connection));
}

}  // namespace contextmap::storage
