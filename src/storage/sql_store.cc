#include "storage/sql_store.h"

#include <algorithm>
#include <map>
#include <set>
#include <span>
#include <unordered_set>

#include "contextmap/core/validation.h"
#include "storage/audit_hash.h"
#include "storage/migrations.h"
#include "storage/sql_record.h"

namespace contextmap::storage {

namespace {

constexpr std::size_t kBatchRows = 5000;  // rows bound per RunBatch call during import

// Longest value an audit field may hold, in bytes (a reason is a sentence, not a report).
constexpr std::size_t kAuditFieldMax = 1000;

constexpr const char* kAuditColumns =
    "seq, at, user_id, action, record_kind, record_id, mapping_id, subject_id, reason, remote, "
    "outcome, prev_hash, hash";

// The optional text fields of an entry, in column order, with their names.
struct AuditField {
  const char* name;
  std::string AuditEntry::*member;
};
constexpr AuditField kAuditFields[] = {
    {"at", &AuditEntry::at},
    {"user_id", &AuditEntry::user_id},
    {"action", &AuditEntry::action},
    {"record_kind", &AuditEntry::record_kind},
    {"record_id", &AuditEntry::record_id},
    {"mapping_id", &AuditEntry::mapping_id},
    {"subject_id", &AuditEntry::subject_id},
    {"reason", &AuditEntry::reason},
    {"remote", &AuditEntry::remote},
    {"outcome", &AuditEntry::outcome},
    {"prev_hash", &AuditEntry::prev_hash},
};
static_assert(std::size(kAuditFields) == kAuditHashedFields);

// The hashed fields of an entry as stored: empty optional fields are NULL.
std::array<std::optional<std::string_view>, kAuditHashedFields> HashedFields(const AuditEntry& e) {
  std::array<std::optional<std::string_view>, kAuditHashedFields> out;
  for (int i = 0; i < kAuditHashedFields; ++i) {
    const std::string& v = e.*kAuditFields[i].member;
    if (!v.empty()) out[i] = v;
  }
  return out;
}

Status CheckAuditEntry(const AuditEntry& e) {
  if (e.action.empty()) return Status::Invalid("an audit entry needs an action", "action");
  if (e.outcome.empty()) return Status::Invalid("an audit entry needs an outcome", "outcome");
  if (!e.at.empty() && !Timestamp::Parse(e.at)) {
    return Status::Invalid("at must be a UTC time (YYYY-MM-DDTHH:MM:SSZ)", "at");
  }
  for (const AuditField& f : kAuditFields) {
    if ((e.*f.member).size() > kAuditFieldMax) {
      return Status::Invalid(
          std::string(f.name) + " must be at most " + std::to_string(kAuditFieldMax) + " bytes",
          f.name);
    }
  }
  return Status::Ok();
}

SqlValue Nullable(const std::string& v) {
  if (v.empty()) return std::monostate{};
  return v;
}

// Rolls back on scope exit unless committed: every write path is one transaction.
class Transaction {
 public:
  explicit Transaction(SqlConnection* conn) : conn_(conn) {}
  ~Transaction() {
    if (open_) (void)conn_->Rollback();
  }
  Status Begin(bool for_write) {
    CM_RETURN_IF_ERROR(conn_->Begin(for_write));
    open_ = true;
    return Status::Ok();
  }
  Status Commit() {
    open_ = false;
    Status s = conn_->Commit();
    if (!s.ok()) (void)conn_->Rollback();
    return s;
  }

 private:
  SqlConnection* conn_;
  bool open_ = false;
};

// Looks records up in the store for validation, caching what it has fetched.
class StoreResolver : public RecordResolver {
 public:
  explicit StoreResolver(SqlConnection* conn) : conn_(conn) {}

  const Record* Find(RecordKind kind, const std::string& id) override {
    auto key = std::make_pair(kind, id);
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second ? &*it->second : nullptr;
    std::optional<Record> found;
    const TableInfo& t = TableFor(kind);
    SqlValue param = id;
    auto rows = conn_->Run("SELECT " + t.column_list + " FROM " + t.table + " WHERE id = ?",
                           {&param, 1}, [&](const SqlRow& row) {
                             Result<Record> r = ReadRecord(kind, row);
                             if (!r.ok()) return r.status();
                             found = std::move(r).value();
                             return Status::Ok();
                           });
    if (!rows.ok()) error_ = rows.status();
    auto& slot = cache_[key];
    slot = std::move(found);
    return slot ? &*slot : nullptr;
  }

  bool OnMapping(const std::string& mapping_id, const std::string& subject_id) override {
    SqlValue params[] = {mapping_id, subject_id};
    bool found = false;
    auto rows = conn_->Run("SELECT 1 FROM mapping_subjects WHERE mapping_id = ? AND subject_id = ?",
                           params, [&](const SqlRow&) {
                             found = true;
                             return Status::Ok();
                           });
    if (!rows.ok()) error_ = rows.status();
    return found;
  }

  // A database failure during lookups (validation cannot be trusted if set).
  const Status& error() const { return error_; }

 private:
  SqlConnection* conn_;
  std::map<std::pair<RecordKind, std::string>, std::optional<Record>> cache_;
  Status error_;
};

std::string Qualified(const TableInfo& t) {
  std::string out = t.table + ".id, " + t.table + ".version";
  for (const auto& c : t.columns) out += ", " + t.table + "." + c.name;
  return out;
}

class SqlStore : public Store {
 public:
  SqlStore(std::unique_ptr<SqlConnection> conn, std::string description, StoreOptions options)
      : conn_(std::move(conn)),
        description_(std::move(description)),
        options_(std::move(options)) {}

  Status Migrate() {
    // The common case, a store already up to date, needs no write lock: a server opening a
    // connection per worker must not queue behind writers for each one.
    {
      Result<std::vector<int>> applied = AppliedMigrations();
      if (applied.ok()) {
        bool all = true;
        for (const Migration& m : Migrations()) {
          all = all && std::find(applied->begin(), applied->end(), m.number) != applied->end();
        }
        if (all) return Status::Ok();
      }
      // No schema_migrations table yet (a new store), or migrations pending: below.
    }
    {
      Transaction tx(conn_.get());
      CM_RETURN_IF_ERROR(tx.Begin(true));
      CM_RETURN_IF_ERROR(LockSchema());
      CM_RETURN_IF_ERROR(conn_->ExecScript(
          "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
          "name TEXT NOT NULL, applied_at TEXT NOT NULL)"));
      CM_RETURN_IF_ERROR(tx.Commit());
    }
    for (const Migration& m : Migrations()) {
      Transaction tx(conn_.get());
      CM_RETURN_IF_ERROR(tx.Begin(true));
      CM_RETURN_IF_ERROR(LockSchema());
      Result<std::vector<int>> applied = AppliedMigrations();
      if (!applied.ok()) return applied.status();
      if (std::find(applied->begin(), applied->end(), m.number) != applied->end()) continue;
      Status s = conn_->ExecScript(m.sql);
      if (!s.ok()) {
        return Status(s.code(), "migration " + std::to_string(m.number) + " (" +
                                    std::string(m.name) + ") failed: " + s.message());
      }
      SqlValue params[] = {int64_t{m.number}, std::string(m.name), Timestamp::Now().ToString()};
      auto r = conn_->Run(
          "INSERT INTO schema_migrations (version, name, applied_at) "
          "VALUES (?, ?, ?)",
          params, nullptr);
      if (!r.ok()) return r.status();
      CM_RETURN_IF_ERROR(tx.Commit());
    }
    return Status::Ok();
  }

  std::string Describe() const override { return description_; }

  Result<std::vector<int>> AppliedMigrations() override {
    std::vector<int> out;
    auto r = conn_->Run("SELECT version FROM schema_migrations ORDER BY version", {},
                        [&](const SqlRow& row) {
                          out.push_back(static_cast<int>(row.Int(0)));
                          return Status::Ok();
                        });
    if (!r.ok()) return r.status();
    return out;
  }

  Result<Record> Get(RecordKind kind, const std::string& id) override {
    StoreResolver resolver(conn_.get());
    const Record* r = resolver.Find(kind, id);
    if (!resolver.error().ok()) return resolver.error();
    if (r == nullptr) return NotFound(kind, id);
    return *r;
  }

  Result<std::vector<std::string>> MappingsOfMember(const std::string& user_id) override {
    std::vector<std::string> ids;
    SqlValue params[] = {user_id, user_id, user_id};
    // UNION ALL and no ORDER BY: a handful of rows sort here for less than the engine's
    // sorter and de-duplication cost to set up.
    auto r = conn_->Run(
        "SELECT mapping_id FROM mapping_members WHERE user_id = ? "
        "UNION ALL SELECT id FROM mappings WHERE chair_user_id = ? "
        "UNION ALL SELECT id FROM mappings WHERE co_chair_user_id = ?",
        params, [&](const SqlRow& row) {
          ids.emplace_back(row.Text(0));
          return Status::Ok();
        });
    if (!r.ok()) return r.status();
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
  }

  Result<std::vector<Record>> List(const ListQuery& q) override {
    const TableInfo& t = TableFor(q.kind);
    std::string sql = "SELECT " + Qualified(t) + " FROM " + t.table;
    std::vector<SqlValue> params;
    std::string where;
    if (!q.field.empty()) {
      const ColumnInfo* col = t.Column(q.field);
      if (q.field == "mapping_id" && q.kind == RecordKind::kSubject) {
        sql += " JOIN mapping_subjects ON mapping_subjects.subject_id = subjects.id";
        where = "mapping_subjects.mapping_id = ?";
        params.emplace_back(q.value);
      } else if (q.field == "mapping_id" && q.kind == RecordKind::kLink) {
        where =
            "links.from_subject_id IN (SELECT subject_id FROM mapping_subjects WHERE mapping_id "
            "= ?) AND links.to_subject_id IN (SELECT subject_id FROM mapping_subjects WHERE "
            "mapping_id = ?)";
        params.emplace_back(q.value);
        params.emplace_back(q.value);
      } else if (col != nullptr && col->is_ref) {
        where = t.table + "." + col->name + " = ?";  // a column name from the model, not input
        params.emplace_back(q.value);
      } else {
        return Status::Invalid("cannot list " + t.table + " by " + q.field.substr(0, 60) +
                                   "; use one of its reference fields",
                               "field");
      }
    }
    if (!q.after_id.empty()) {
      where += (where.empty() ? "" : " AND ") + t.table + ".id > ?";
      params.emplace_back(q.after_id);
    }
    if (!where.empty()) sql += " WHERE " + where;
    sql += " ORDER BY " + t.table + ".id";
    if (q.limit > 0) {
      sql += " LIMIT ?";
      params.emplace_back(static_cast<int64_t>(q.limit));
    }
    std::vector<Record> out;
    CM_RETURN_IF_ERROR(Select(q.kind, sql, params, &out));
    return out;
  }

  Status Create(Record* record) override {
    std::vector<Record> one{std::move(*record)};
    Status s = CreateAll(&one);
    *record = std::move(one.front());
    return s;
  }

  Status CreateAll(std::vector<Record>* records) override {
    for (Record& r : *records) {
      RecordBase& base = BaseOf(r);
      if (base.id.empty()) base.id = NewId(KindOf(r));
    }
    Transaction tx(conn_.get());
    CM_RETURN_IF_ERROR(tx.Begin(true));
    CM_RETURN_IF_ERROR(InsertNew(*records));
    const Record& last = records->back();
    CM_RETURN_IF_ERROR(Explain(tx.Commit(), KindOf(last), BaseOf(last).id));
    for (Record& r : *records) BaseOf(r).version = 1;
    return Status::Ok();
  }

  Status CreateUser(Record* user, const Credential& credential) override {
    if (!std::holds_alternative<User>(*user)) {
      return Status::Invalid("must be a user record", "kind");
    }
    RecordBase& base = BaseOf(*user);
    if (base.id.empty()) base.id = NewId(RecordKind::kUser);
    if (credential.user_id != base.id) {
      return Status::Invalid("must be the new user's id", "user_id");
    }
    Transaction tx(conn_.get());
    CM_RETURN_IF_ERROR(tx.Begin(true));
    CM_RETURN_IF_ERROR(InsertNew({user, 1}));
    CM_RETURN_IF_ERROR(WriteCredential(credential));
    CM_RETURN_IF_ERROR(Explain(tx.Commit(), RecordKind::kUser, base.id));
    base.version = 1;
    return Status::Ok();
  }

  Status Update(Record* record) override {
    RecordKind kind = KindOf(*record);
    RecordBase& base = BaseOf(*record);
    Transaction tx(conn_.get());
    CM_RETURN_IF_ERROR(tx.Begin(true));
    CM_RETURN_IF_ERROR(Validate(*record));
    std::vector<SqlValue> params;
    BindUpdate(*record, &params);
    auto changed = conn_->Run(TableFor(kind).update_sql, params, nullptr);
    if (!changed.ok()) return Explain(changed.status(), kind, base.id);
    if (*changed == 0) return Stale(kind, base.id);
    CM_RETURN_IF_ERROR(Explain(tx.Commit(), kind, base.id));
    base.version += 1;
    return Status::Ok();
  }

  Status Delete(RecordKind kind, const std::string& id, int64_t version) override {
    Transaction tx(conn_.get());
    CM_RETURN_IF_ERROR(tx.Begin(true));
    CM_RETURN_IF_ERROR(CheckNotReferenced(kind, id));
    SqlValue params[] = {id, version};
    auto changed = conn_->Run(
        "DELETE FROM " + TableFor(kind).table + " WHERE id = ? AND version = ?", params, nullptr);
    if (!changed.ok()) return Explain(changed.status(), kind, id);
    if (*changed == 0) return Stale(kind, id);
    return Explain(tx.Commit(), kind, id);
  }

  Status Import(const Bundle& bundle, ProblemList* problems, ImportStats* stats) override {
    *stats = {};
    // Validation below resolves every reference before anything is written, and
    // CheckForeignKeys confirms it before commit, so the engine need not check row by row.
    CM_RETURN_IF_ERROR(conn_->EnforceForeignKeys(false));
    struct Restore {
      SqlConnection* conn;
      ~Restore() { (void)conn->EnforceForeignKeys(true); }
    } restore{conn_.get()};
    Transaction tx(conn_.get());
    CM_RETURN_IF_ERROR(tx.Begin(true));
    StoreResolver resolver(conn_.get());
    ValidateBundle(bundle, options_.today(), &resolver, problems);
    CM_RETURN_IF_ERROR(resolver.error());

    // Which records are new, which are already here unchanged, which clash.
    std::array<std::vector<bool>, kRecordKindCount> skip;
    for (int k = 0; k < kRecordKindCount; ++k) {
      auto kind = static_cast<RecordKind>(k);
      const auto& recs = bundle.of(kind);
      skip[k].assign(recs.size(), false);
      if (recs.empty()) continue;
      std::unordered_set<std::string> existing;
      CM_RETURN_IF_ERROR(ExistingIds(kind, recs, &existing));
      if (existing.empty()) continue;
      std::string section = PointerAppend("", InfoFor(kind).plural);
      for (std::size_t i = 0; i < recs.size(); ++i) {
        const std::string& id = BaseOf(recs[i]).id;
        if (!existing.contains(id)) continue;
        Result<Record> current = Get(kind, id);
        if (!current.ok()) return current.status();
        // A record without a version (0: written by hand, not exported) matches on content.
        Record incoming = recs[i];
        if (BaseOf(incoming).version == 0) BaseOf(incoming).version = BaseOf(*current).version;
        if (EncodeRecord(*current) == EncodeRecord(incoming)) {
          skip[k][i] = true;
          ++stats->unchanged;
        } else {
          problems->Add(PointerAppend(PointerAppend(section, i), "id"),
                        std::string(InfoFor(kind).singular) + " " + id +
                            " already exists in the store with different content (version " +
                            std::to_string(BaseOf(*current).version) + ")");
        }
      }
    }
    if (!problems->empty()) return Rejected(*problems);

    std::vector<SqlValue> params;
    for (int k = 0; k < kRecordKindCount; ++k) {
      auto kind = static_cast<RecordKind>(k);
      const TableInfo& t = TableFor(kind);
      const auto& recs = bundle.of(kind);
      int per_row = static_cast<int>(t.columns.size()) + 2;
      params.clear();
      for (std::size_t i = 0; i < recs.size(); ++i) {
        if (skip[k][i]) continue;
        std::size_t at = params.size();
        BindRecord(recs[i], &params);
        if (std::get<int64_t>(params[at + 1]) < 1) params[at + 1] = int64_t{1};
        ++stats->written;
        if (params.size() >= kBatchRows * static_cast<std::size_t>(per_row)) {
          CM_RETURN_IF_ERROR(ImportBatch(t, per_row, params, problems));
          params.clear();
        }
      }
      if (!params.empty()) CM_RETURN_IF_ERROR(ImportBatch(t, per_row, params, problems));
    }
    if (Status fk = conn_->CheckForeignKeys(); !fk.ok()) {
      problems->Add("", "the store refused the bundle: " + fk.message());
      stats->written = 0;
      return Rejected(*problems);
    }
    Status committed = tx.Commit();
    if (!committed.ok()) {
      problems->Add("", "the store refused the bundle: " + committed.message());
      stats->written = 0;
      return Rejected(*problems);
    }
    return Status::Ok();
  }

  Result<Bundle> Export(const ExportScope& scope) override {
    Bundle out;
    Transaction tx(conn_.get());
    CM_RETURN_IF_ERROR(tx.Begin(false));
    if (scope.mapping_id.empty()) {
      for (int k = 0; k < kRecordKindCount; ++k) {
        auto kind = static_cast<RecordKind>(k);
        const TableInfo& t = TableFor(kind);
        CM_RETURN_IF_ERROR(
            Select(kind, "SELECT " + t.column_list + " FROM " + t.table, {}, &out.of(kind)));
      }
    } else {
      CM_RETURN_IF_ERROR(ExportMapping(scope.mapping_id, scope.close_references, &out));
    }
    CM_RETURN_IF_ERROR(tx.Commit());
    out.SortById();
    return out;
  }

  Status AppendAudit(std::vector<AuditEntry>* entries) override {
    if (entries->empty()) return Status::Ok();
    for (const AuditEntry& e : *entries) CM_RETURN_IF_ERROR(CheckAuditEntry(e));
    Transaction tx(conn_.get());
    CM_RETURN_IF_ERROR(tx.Begin(true));
    if (conn_->dialect() == Dialect::kPostgres) {  // SQLite's BEGIN IMMEDIATE serialises already
      // Its own key (schema changes use 7420117): appends wait only for other appends.
      auto locked = conn_->Run("SELECT pg_advisory_xact_lock(7420118)", {}, nullptr);
      if (!locked.ok()) return locked.status();
    }
    int64_t seq = 0;
    std::string prev(kAuditGenesisHash);
    auto last = conn_->Run("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", {},
                           [&](const SqlRow& row) {
                             seq = row.Int(0);
                             prev = std::string(row.Text(1));
                             return Status::Ok();
                           });
    if (!last.ok()) return last.status();
    std::vector<AuditEntry> chained = *entries;
    std::string now = Timestamp::Now().ToString();
    std::vector<SqlValue> params;
    params.reserve(chained.size() * 13);
    for (AuditEntry& e : chained) {
      e.seq = ++seq;
      if (e.at.empty()) e.at = now;
      e.prev_hash = prev;
      Result<std::string> hash = AuditHash(e.seq, HashedFields(e));
      if (!hash.ok()) return hash.status();
      e.hash = *hash;
      prev = e.hash;
      params.emplace_back(e.seq);
      for (const AuditField& f : kAuditFields) params.push_back(Nullable(e.*f.member));
      params.emplace_back(e.hash);
    }
    Status written = conn_->RunBatch("INSERT INTO audit_log (" + std::string(kAuditColumns) +
                                         ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                     13, params);
    if (!written.ok()) return AuditWriteFailed(written);
    Status committed = tx.Commit();
    if (!committed.ok()) return AuditWriteFailed(committed);
    *entries = std::move(chained);
    return Status::Ok();
  }

  Result<AuditVerification> VerifyAudit() override {
    AuditVerification v;
    int64_t prev_seq = 0;
    std::string prev_hash(kAuditGenesisHash);
    auto found = [&](int64_t seq, std::string problem) {
      v.intact = false;
      v.first_bad_seq = seq;
      v.problem = std::move(problem);
    };
    Status failed;
    auto r = conn_->Run(
        "SELECT " + std::string(kAuditColumns) + " FROM audit_log ORDER BY seq", {},
        [&](const SqlRow& row) {
          ++v.entries;
          int64_t seq = row.Int(0);
          std::string hash(row.Text(12));
          v.last_hash = hash;
          if (!v.intact) return Status::Ok();  // report the first problem only
          std::string row_name = "row " + std::to_string(seq);
          if (seq != prev_seq + 1) {
            if (prev_seq == 0) {
              found(seq,
                    "the log starts at " + row_name + " (" + Missing(1, seq - 1) + " missing)");
            } else {
              found(seq, row_name + " does not follow row " + std::to_string(prev_seq) + " (" +
                             Missing(prev_seq + 1, seq - 1) + " missing)");
            }
            return Status::Ok();
          }
          std::array<std::optional<std::string_view>, kAuditHashedFields> fields;
          for (int i = 0; i < kAuditHashedFields; ++i) {
            if (!row.IsNull(i + 1)) fields[i] = row.Text(i + 1);
          }
          Result<std::string> expected = AuditHash(seq, fields);
          if (!expected.ok()) {
            failed = expected.status();
            return Status::Ok();
          }
          if (*expected != hash) {
            found(seq, row_name + " was edited (its hash does not match its contents)");
          } else if (fields[kAuditHashedFields - 1] != std::string_view(prev_hash)) {
            found(seq, row_name + " does not follow row " + std::to_string(prev_seq) +
                           " (its prev_hash is not row " + std::to_string(prev_seq) +
                           "'s hash: a row before it was rewritten, or rows were reordered)");
          }
          prev_seq = seq;
          prev_hash = std::move(hash);
          return Status::Ok();
        });
    if (!r.ok()) return r.status();
    CM_RETURN_IF_ERROR(failed);
    return v;
  }

  Result<std::vector<AuditEntry>> AuditForSubject(const std::string& subject_id) override {
    std::vector<AuditEntry> out;
    // Direct views of the subject, and views of a whole mapping it is on (one row per read
    // of a mapping stands for every subject the mapping showed).
    SqlValue params[] = {subject_id, subject_id};
    auto r = conn_->Run("SELECT " + std::string(kAuditColumns) +
                            " FROM audit_log WHERE subject_id = ? OR (subject_id IS NULL AND "
                            "action IN ('view_map', 'list') AND mapping_id IN (SELECT "
                            "mapping_id FROM mapping_subjects WHERE subject_id = ?)) ORDER BY seq",
                        params, [&](const SqlRow& row) {
                          AuditEntry e;
                          e.seq = row.Int(0);
                          for (int i = 0; i < kAuditHashedFields; ++i) {
                            e.*kAuditFields[i].member = std::string(row.Text(i + 1));
                          }
                          e.hash = std::string(row.Text(12));
                          out.push_back(std::move(e));
                          return Status::Ok();
                        });
    if (!r.ok()) return r.status();
    return out;
  }

  // --- accounts ---------------------------------------------------------------------------------

  Result<Credential> GetCredential(const std::string& user_id) override {
    return ReadCredential(user_id, false);
  }

  Status PutCredential(const Credential& c) override {
    Transaction tx(conn_.get());
    CM_RETURN_IF_ERROR(tx.Begin(true));
    SqlValue id = c.user_id;
    auto removed = conn_->Run("DELETE FROM credentials WHERE user_id = ?", {&id, 1}, nullptr);
    if (!removed.ok()) return removed.status();
    CM_RETURN_IF_ERROR(WriteCredential(c));
    return ExplainAccount(tx.Commit(), c.user_id);
  }

  Status UpdateCredential(const std::string& user_id,
                          const std::function<Status(Credential*)>& change) override {
    Transaction tx(conn_.get());
    CM_RETURN_IF_ERROR(tx.Begin(true));
    Result<Credential> current = ReadCredential(user_id, true);
    if (!current.ok()) return current.status();
    Credential c = std::move(current).value();
    CM_RETURN_IF_ERROR(change(&c));
    c.user_id = user_id;
    SqlValue params[] = {
        c.password_hash,   c.totp_secret,  c.totp_last_step, JoinHashes(c.recovery_hashes),
        c.failed_attempts, c.locked_until, c.updated_at,     user_id};
    auto r = conn_->Run(
        "UPDATE credentials SET password_hash = ?, totp_secret = ?, totp_last_step = ?, "
        "recovery_hashes = ?, failed_attempts = ?, locked_until = ?, updated_at = ? "
        "WHERE user_id = ?",
        params, nullptr);
    if (!r.ok()) return r.status();
    return tx.Commit();
  }

  Status CreateSession(const Session& s) override {
    SqlValue params[] = {s.id_hash, s.user_id, s.csrf_token, s.created_at, s.last_seen_at};
    auto r = conn_->Run(
        "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at) "
        "VALUES (?, ?, ?, ?, ?)",
        params, nullptr);
    return r.ok() ? Status::Ok() : ExplainAccount(r.status(), s.user_id);
  }

  Result<Session> GetSession(const std::string& id_hash) override {
    std::optional<Session> found;
    SqlValue param = id_hash;
    auto r = conn_->Run(
        "SELECT id_hash, user_id, csrf_token, created_at, last_seen_at FROM sessions "
        "WHERE id_hash = ?",
        {&param, 1}, [&](const SqlRow& row) {
          found = Session{std::string(row.Text(0)), std::string(row.Text(1)),
                          std::string(row.Text(2)), row.Int(3), row.Int(4)};
          return Status::Ok();
        });
    if (!r.ok()) return r.status();
    if (!found) return Status::NotFound("there is no such session");
    return *found;
  }

  Status TouchSession(const std::string& id_hash, int64_t last_seen_at) override {
    SqlValue params[] = {last_seen_at, id_hash};
    auto r = conn_->Run("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?", params, nullptr);
    return r.ok() ? Status::Ok() : r.status();
  }

  Status EndSession(const std::string& id_hash) override {
    SqlValue param = id_hash;
    auto r = conn_->Run("DELETE FROM sessions WHERE id_hash = ?", {&param, 1}, nullptr);
    return r.ok() ? Status::Ok() : r.status();
  }

  Status EndSessionsOf(const std::string& user_id) override {
    SqlValue param = user_id;
    auto r = conn_->Run("DELETE FROM sessions WHERE user_id = ?", {&param, 1}, nullptr);
    return r.ok() ? Status::Ok() : r.status();
  }

  Result<User> FindUser(const std::string& username) override {
    std::vector<Record> found;
    SqlValue param = username;
    CM_RETURN_IF_ERROR(SelectWhere(RecordKind::kUser, "username = ?", {&param, 1}, &found));
    if (found.empty()) return Status::NotFound("there is no user with that username");
    return std::get<User>(std::move(found.front()));
  }

 private:
  static std::string JoinHashes(const std::vector<std::string>& hashes) {
    std::string out;
    for (const std::string& h : hashes) out += (out.empty() ? "" : ",") + h;
    return out;
  }

  static std::vector<std::string> SplitHashes(std::string_view joined) {
    std::vector<std::string> out;
    while (!joined.empty()) {
      std::size_t comma = joined.find(',');
      out.emplace_back(joined.substr(0, comma));
      joined = comma == std::string_view::npos ? std::string_view() : joined.substr(comma + 1);
    }
    return out;
  }

  Result<Credential> ReadCredential(const std::string& user_id, bool for_update) {
    std::optional<Credential> found;
    SqlValue param = user_id;
    std::string sql =
        "SELECT user_id, password_hash, totp_secret, totp_last_step, recovery_hashes, "
        "failed_attempts, locked_until, updated_at FROM credentials WHERE user_id = ?";
    if (for_update && conn_->dialect() == Dialect::kPostgres) sql += " FOR UPDATE";
    auto r = conn_->Run(sql, {&param, 1}, [&](const SqlRow& row) {
      Credential c;
      c.user_id = std::string(row.Text(0));
      c.password_hash = std::string(row.Text(1));
      c.totp_secret = std::string(row.Text(2));
      c.totp_last_step = row.Int(3);
      c.recovery_hashes = SplitHashes(row.Text(4));
      c.failed_attempts = row.Int(5);
      c.locked_until = row.Int(6);
      c.updated_at = row.Int(7);
      found = std::move(c);
      return Status::Ok();
    });
    if (!r.ok()) return r.status();
    if (!found) return Status::NotFound("user " + user_id + " has no sign-in credentials");
    return *found;
  }

  // Validates and inserts each record at version 1, in order, inside the caller's transaction.
  Status InsertNew(std::span<const Record> records) {
    std::vector<SqlValue> params;
    for (const Record& r : records) {
      CM_RETURN_IF_ERROR(Validate(r));
      Record stored = r;
      BaseOf(stored).version = 1;
      params.clear();
      BindRecord(stored, &params);
      auto inserted = conn_->Run(TableFor(KindOf(stored)).insert_sql, params, nullptr);
      if (!inserted.ok()) return Explain(inserted.status(), KindOf(stored), BaseOf(r).id);
    }
    return Status::Ok();
  }

  Status WriteCredential(const Credential& c) {
    SqlValue params[] = {c.user_id,
                         c.password_hash,
                         c.totp_secret,
                         c.totp_last_step,
                         JoinHashes(c.recovery_hashes),
                         c.failed_attempts,
                         c.locked_until,
                         c.updated_at};
    auto r = conn_->Run(
        "INSERT INTO credentials (user_id, password_hash, totp_secret, totp_last_step, "
        "recovery_hashes, failed_attempts, locked_until, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        params, nullptr);
    return r.ok() ? Status::Ok() : ExplainAccount(r.status(), c.user_id);
  }

  static Status ExplainAccount(const Status& s, const std::string& user_id) {
    if (s.code() == StatusCode::kFailedPrecondition) {
      return Status::NotFound("there is no user " + user_id);
    }
    if (s.code() == StatusCode::kAlreadyExists) {
      return Status::AlreadyExists("that session or credential already exists");
    }
    return s;
  }

  // "row 17" or "rows 17 to 19".
  static std::string Missing(int64_t from, int64_t to) {
    if (from == to) return "row " + std::to_string(from) + " is";
    return "rows " + std::to_string(from) + " to " + std::to_string(to) + " are";
  }

  // A failed audit append, in words (a clash on seq means the chain was written concurrently
  // without the lock, which cannot happen through this store).
  static Status AuditWriteFailed(const Status& s) {
    if (s.code() == StatusCode::kUnavailable) return s;
    return Status(s.code(), "the audit log could not be written: " + s.message());
  }

  // Serialises schema changes between processes sharing one PostgreSQL database.
  Status LockSchema() {
    if (conn_->dialect() != Dialect::kPostgres) return Status::Ok();  // BEGIN IMMEDIATE did it
    auto r = conn_->Run("SELECT pg_advisory_xact_lock(7420117)", {}, nullptr);
    return r.ok() ? Status::Ok() : r.status();
  }

  Status Select(RecordKind kind, const std::string& sql, std::span<const SqlValue> params,
                std::vector<Record>* out) {
    auto r = conn_->Run(sql, params, [&](const SqlRow& row) {
      Result<Record> rec = ReadRecord(kind, row);
      if (!rec.ok()) return rec.status();
      out->push_back(std::move(rec).value());
      return Status::Ok();
    });
    return r.ok() ? Status::Ok() : r.status();
  }

  Status Validate(const Record& record) {
    StoreResolver resolver(conn_.get());
    ValidationContext ctx{options_.today(), &resolver};
    Status s = CheckRecord(record, ctx);
    if (!resolver.error().ok()) return resolver.error();
    return s;
  }

  static Status NotFound(RecordKind kind, const std::string& id) {
    return Status::NotFound("there is no " + std::string(InfoFor(kind).singular) + " " + id);
  }

  Status Stale(RecordKind kind, const std::string& id) {
    SqlValue param = id;
    std::optional<int64_t> version;
    auto r = conn_->Run("SELECT version FROM " + TableFor(kind).table + " WHERE id = ?",
                        {&param, 1}, [&](const SqlRow& row) {
                          version = row.Int(0);
                          return Status::Ok();
                        });
    if (!r.ok()) return r.status();
    if (!version) return NotFound(kind, id);
    return Status::Conflict(std::string(InfoFor(kind).singular) + " " + id +
                            " was changed by someone else (it is now version " +
                            std::to_string(*version) + "); reload it and make the change again");
  }

  // Turns an engine-level failure into words about the record.
  static Status Explain(const Status& s, RecordKind kind, const std::string& id) {
    if (s.ok()) return s;
    std::string what = std::string(InfoFor(kind).singular) + " " + id;
    switch (s.code()) {
      case StatusCode::kAlreadyExists:
        return Status::AlreadyExists(
            what + " clashes with an existing record (" +
                (s.field().empty() ? "the same id or unique key" : s.field()) + ")",
            s.field());
      case StatusCode::kFailedPrecondition:
        return Status::FailedPrecondition(what +
                                          " refers to a missing record, or is still referred to");
      default:
        return s;
    }
  }

  Status CheckNotReferenced(RecordKind kind, const std::string& id) {
    SqlValue id_param = id;
    SqlValue quoted = "\"" + id + "\"";
    const char* find = conn_->dialect() == Dialect::kPostgres ? "strpos" : "instr";
    for (int k = 0; k < kRecordKindCount; ++k) {
      const TableInfo& t = TableFor(static_cast<RecordKind>(k));
      for (const ColumnInfo& c : t.columns) {
        std::string sql;
        const SqlValue* param = nullptr;
        if (c.is_ref && c.ref_kind == kind) {
          sql = "SELECT id FROM " + t.table + " WHERE " + c.name + " = ? LIMIT 1";
          param = &id_param;
        } else if (c.is_json && std::find(c.json_ref_kinds.begin(), c.json_ref_kinds.end(), kind) !=
                                    c.json_ref_kinds.end()) {
          sql = "SELECT id FROM " + t.table + " WHERE " + find + "(" + c.name + ", ?) > 0 LIMIT 1";
          param = &quoted;
        } else {
          continue;
        }
        std::string by;
        auto r = conn_->Run(sql, {param, 1}, [&](const SqlRow& row) {
          by = std::string(row.Text(0));
          return Status::Ok();
        });
        if (!r.ok()) return r.status();
        if (!by.empty() && !(k == static_cast<int>(kind) && by == id)) {
          std::string message(InfoFor(kind).singular);
          message += " " + id + " is still referred to by ";
          message += InfoFor(t.kind).singular;
          message += " " + by + " (" + c.name + ")";
          return Status::FailedPrecondition(message);
        }
      }
    }
    return Status::Ok();
  }

  Status ExistingIds(RecordKind kind, const std::vector<Record>& recs,
                     std::unordered_set<std::string>* out) {
    const TableInfo& t = TableFor(kind);
    if (recs.size() <= 1000) {
      for (const Record& r : recs) {
        SqlValue param = BaseOf(r).id;
        auto q = conn_->Run("SELECT id FROM " + t.table + " WHERE id = ?", {&param, 1},
                            [&](const SqlRow& row) {
                              out->emplace(row.Text(0));
                              return Status::Ok();
                            });
        if (!q.ok()) return q.status();
      }
      return Status::Ok();
    }
    auto q = conn_->Run("SELECT id FROM " + t.table, {}, [&](const SqlRow& row) {
      out->emplace(row.Text(0));
      return Status::Ok();
    });
    return q.ok() ? Status::Ok() : q.status();
  }

  Status ImportBatch(const TableInfo& t, int per_row, const std::vector<SqlValue>& params,
                     ProblemList* problems) {
    Status s = conn_->RunBatch(t.insert_sql, per_row, params);
    if (s.ok()) return s;
    if (s.code() == StatusCode::kAlreadyExists || s.code() == StatusCode::kFailedPrecondition ||
        s.code() == StatusCode::kInvalidArgument) {
      problems->Add(PointerAppend("", t.table),
                    "a record clashes with one already in the store (" +
                        (s.field().empty() ? std::string("same key") : s.field()) + ")");
      return Rejected(*problems);
    }
    return s;
  }

  static Status Rejected(const ProblemList& problems) {
    return Status::Invalid("the bundle has " + std::to_string(problems.total()) +
                           (problems.total() == 1 ? " problem" : " problems") +
                           "; nothing was imported");
  }

  Status SelectWhere(RecordKind kind, const std::string& where, std::span<const SqlValue> params,
                     std::vector<Record>* out) {
    const TableInfo& t = TableFor(kind);
    return Select(kind, "SELECT " + t.column_list + " FROM " + t.table + " WHERE " + where, params,
                  out);
  }

  Status ExportMapping(const std::string& mapping_id, bool close_references, Bundle* out) {
    SqlValue m = mapping_id;
    SqlValue mm[] = {mapping_id, mapping_id};
    CM_RETURN_IF_ERROR(
        SelectWhere(RecordKind::kMapping, "id = ?", {&m, 1}, &out->of(RecordKind::kMapping)));
    if (out->of(RecordKind::kMapping).empty()) return NotFound(RecordKind::kMapping, mapping_id);
    out->scope = "mapping";
    out->mapping_id = mapping_id;
    for (RecordKind k :
         {RecordKind::kMappingMember, RecordKind::kMappingSubject, RecordKind::kMeeting,
          RecordKind::kInformation, RecordKind::kFactor, RecordKind::kRiskAssessment,
          RecordKind::kKeyQuestion, RecordKind::kAction, RecordKind::kReferral,
          RecordKind::kMapSnapshot, RecordKind::kAgencySubmission}) {
      CM_RETURN_IF_ERROR(SelectWhere(k, "mapping_id = ?", {&m, 1}, &out->of(k)));
    }
    CM_RETURN_IF_ERROR(
        SelectWhere(RecordKind::kSubject,
                    "id IN (SELECT subject_id FROM mapping_subjects WHERE mapping_id = ?)", {&m, 1},
                    &out->of(RecordKind::kSubject)));
    CM_RETURN_IF_ERROR(SelectWhere(
        RecordKind::kLink,
        "from_subject_id IN (SELECT subject_id FROM mapping_subjects WHERE mapping_id = ?) AND "
        "to_subject_id IN (SELECT subject_id FROM mapping_subjects WHERE mapping_id = ?)",
        mm, &out->of(RecordKind::kLink)));
    CM_RETURN_IF_ERROR(SelectWhere(RecordKind::kAttendee,
                                   "meeting_id IN (SELECT id FROM meetings WHERE mapping_id = ?)",
                                   {&m, 1}, &out->of(RecordKind::kAttendee)));
    CM_RETURN_IF_ERROR(SelectWhere(RecordKind::kActionUpdate,
                                   "action_id IN (SELECT id FROM actions WHERE mapping_id = ?)",
                                   {&m, 1}, &out->of(RecordKind::kActionUpdate)));
    CM_RETURN_IF_ERROR(
        SelectWhere(RecordKind::kHandlingApproval,
                    "information_id IN (SELECT id FROM information WHERE mapping_id = ?)", {&m, 1},
                    &out->of(RecordKind::kHandlingApproval)));
    return close_references ? CloseOverReferences(out) : Status::Ok();
  }

  // Adds every record the bundle refers to but does not hold, until nothing is missing.
  Status CloseOverReferences(Bundle* out) {
    std::set<std::pair<RecordKind, std::string>> have;
    std::vector<std::pair<RecordKind, std::string>> refs;
    for (int k = 0; k < kRecordKindCount; ++k) {
      for (const Record& r : out->records[k]) {
        have.emplace(static_cast<RecordKind>(k), BaseOf(r).id);
        CollectRefs(r, &refs);
      }
    }
    StoreResolver resolver(conn_.get());
    while (!refs.empty()) {
      auto [kind, id] = refs.back();
      refs.pop_back();
      if (!have.emplace(kind, id).second) continue;
      const Record* r = resolver.Find(kind, id);
      CM_RETURN_IF_ERROR(resolver.error());
      if (r == nullptr) continue;  // dangling: cannot happen for scalar refs (foreign keys)
      out->of(kind).push_back(*r);
      CollectRefs(*r, &refs);
    }
    return Status::Ok();
  }

  std::unique_ptr<SqlConnection> conn_;
  std::string description_;
  StoreOptions options_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqlStore(std::unique_ptr<SqlConnection> conn,
                                            std::string description, StoreOptions options) {
  auto store =
      std::make_unique<SqlStore>(std::move(conn), std::move(description), std::move(options));
  CM_RETURN_IF_ERROR(store->Migrate());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace contextmap::storage
