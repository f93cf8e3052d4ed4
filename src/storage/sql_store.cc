// SqlStore: opening a store (migrations) and reading and writing records.
#include <algorithm>

#include "contextmap/core/validation.h"
#include "storage/audit_anchor.h"
#include "storage/migrations.h"
#include "storage/sql_store.h"

namespace contextmap::storage {

namespace {

std::string Qualified(const TableInfo& t) {
  std::string out = t.table + ".id, " + t.table + ".version";
  for (const auto& c : t.columns) out += ", " + t.table + "." + c.name;
  return out;
}

}  // namespace

const Record* StoreResolver::Find(RecordKind kind, const std::string& id) {
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

bool StoreResolver::OnMapping(const std::string& mapping_id, const std::string& subject_id) {
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

SqlStore::SqlStore(std::unique_ptr<SqlConnection> conn, std::string description,
                   StoreOptions options, std::string key_file, bool may_create_keys)
    : conn_(std::move(conn)),
      description_(std::move(description)),
      options_(std::move(options)),
      key_file_(std::move(key_file)),
      anchor_file_(AnchorFileFor(key_file_)),
      may_create_keys_(may_create_keys) {}

Status SqlStore::Migrate() {
  // The migrations for this engine: those for both, and this engine's file of a number that
  // has one per engine.
  std::string_view engine = conn_->dialect() == Dialect::kPostgres ? "postgresql" : "sqlite";
  std::vector<const Migration*> mine;
  for (const Migration& m : Migrations()) {
    if (m.dialect.empty() || m.dialect == engine) mine.push_back(&m);
  }
  // The common case, a store already up to date, needs no write lock: a server opening a
  // connection per worker must not queue behind writers for each one.
  {
    Result<std::vector<int>> applied = AppliedMigrations();
    if (applied.ok()) {
      bool all = true;
      for (const Migration* m : mine) {
        all = all && std::find(applied->begin(), applied->end(), m->number) != applied->end();
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
  for (const Migration* mp : mine) {
    const Migration& m = *mp;
    Transaction tx(conn_.get());
    CM_RETURN_IF_ERROR(tx.Begin(true));
    CM_RETURN_IF_ERROR(LockSchema());
    Result<std::vector<int>> applied = AppliedMigrations();
    if (!applied.ok()) return applied.status();
    if (std::find(applied->begin(), applied->end(), m.number) != applied->end()) continue;
    Status s = conn_->ExecScript(m.sql);
    if (!s.ok()) {
      return Status(s.code(), "migration " + std::to_string(m.number) + " (" + std::string(m.name) +
                                  ") failed: " + s.message());
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

Result<std::vector<int>> SqlStore::AppliedMigrations() {
  std::vector<int> out;
  auto r = conn_->Run("SELECT version FROM schema_migrations ORDER BY version", {},
                      [&](const SqlRow& row) {
                        out.push_back(static_cast<int>(row.Int(0)));
                        return Status::Ok();
                      });
  if (!r.ok()) return r.status();
  return out;
}

Result<std::string> SqlStore::GetFact(std::string_view name) {
  std::string value;
  SqlValue params[] = {std::string(name)};
  auto r =
      conn_->Run("SELECT value FROM store_facts WHERE name = ?", params, [&](const SqlRow& row) {
        value = std::string(row.Text(0));
        return Status::Ok();
      });
  if (!r.ok()) return r.status();
  return value;
}

Status SqlStore::SetFact(std::string_view name, std::string_view value,
                         std::vector<AuditEntry>* audit) {
  if (name.empty()) return Status::Invalid("is required", "name");
  Transaction tx(conn_.get());
  CM_RETURN_IF_ERROR(tx.Begin(true));
  SqlValue params[] = {std::string(name), std::string(value), Timestamp::Now().ToString()};
  auto r = conn_->Run(
      "INSERT INTO store_facts (name, value, set_at) VALUES (?, ?, ?) "
      "ON CONFLICT (name) DO UPDATE SET value = excluded.value, set_at = excluded.set_at",
      params, nullptr);
  if (!r.ok()) return r.status();
  return CommitWithAudit(tx, audit);
}

Result<Record> SqlStore::Get(RecordKind kind, const std::string& id) {
  StoreResolver resolver(conn_.get());
  const Record* r = resolver.Find(kind, id);
  if (!resolver.error().ok()) return resolver.error();
  if (r == nullptr) return NotFound(kind, id);
  return *r;
}

Result<std::vector<std::string>> SqlStore::MappingsOfMember(const std::string& user_id) {
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

Result<std::vector<Record>> SqlStore::List(const ListQuery& q) {
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

Status SqlStore::Create(Record* record, std::vector<AuditEntry>* audit) {
  std::vector<Record> one{std::move(*record)};
  Status s = CreateAll(&one, audit);
  *record = std::move(one.front());
  return s;
}

Status SqlStore::CreateAll(std::vector<Record>* records, std::vector<AuditEntry>* audit) {
  if (records->empty()) return Status::Invalid("there is nothing to create", "records");
  CM_RETURN_IF_ERROR(CheckAudit(audit));
  for (Record& r : *records) {
    RecordBase& base = BaseOf(r);
    if (base.id.empty()) base.id = NewId(KindOf(r));
  }
  Transaction tx(conn_.get());
  CM_RETURN_IF_ERROR(tx.Begin(true));
  CM_RETURN_IF_ERROR(InsertNew(*records));
  const Record& last = records->back();
  CM_RETURN_IF_ERROR(Explain(CommitWithAudit(tx, audit), KindOf(last), BaseOf(last).id));
  for (Record& r : *records) BaseOf(r).version = 1;
  return Status::Ok();
}

Status SqlStore::Update(Record* record, std::vector<AuditEntry>* audit) {
  CM_RETURN_IF_ERROR(CheckAudit(audit));
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
  CM_RETURN_IF_ERROR(Explain(CommitWithAudit(tx, audit), kind, base.id));
  base.version += 1;
  return Status::Ok();
}

Status SqlStore::Delete(RecordKind kind, const std::string& id, int64_t version,
                        std::vector<AuditEntry>* audit) {
  CM_RETURN_IF_ERROR(CheckAudit(audit));
  Transaction tx(conn_.get());
  CM_RETURN_IF_ERROR(tx.Begin(true));
  CM_RETURN_IF_ERROR(CheckNotReferenced(kind, id));
  SqlValue params[] = {id, version};
  auto changed = conn_->Run("DELETE FROM " + TableFor(kind).table + " WHERE id = ? AND version = ?",
                            params, nullptr);
  if (!changed.ok()) return Explain(changed.status(), kind, id);
  if (*changed == 0) return Stale(kind, id);
  return Explain(CommitWithAudit(tx, audit), kind, id);
}

Status SqlStore::LockSchema() {
  if (conn_->dialect() != Dialect::kPostgres) return Status::Ok();  // BEGIN IMMEDIATE did it
  auto r = conn_->Run("SELECT pg_advisory_xact_lock(7420117)", {}, nullptr);
  return r.ok() ? Status::Ok() : r.status();
}

Status SqlStore::Select(RecordKind kind, const std::string& sql, std::span<const SqlValue> params,
                        std::vector<Record>* out) {
  auto r = conn_->Run(sql, params, [&](const SqlRow& row) {
    Result<Record> rec = ReadRecord(kind, row);
    if (!rec.ok()) return rec.status();
    out->push_back(std::move(rec).value());
    return Status::Ok();
  });
  return r.ok() ? Status::Ok() : r.status();
}

Status SqlStore::SelectWhere(RecordKind kind, const std::string& where,
                             std::span<const SqlValue> params, std::vector<Record>* out) {
  const TableInfo& t = TableFor(kind);
  return Select(kind, "SELECT " + t.column_list + " FROM " + t.table + " WHERE " + where, params,
                out);
}

Status SqlStore::Validate(const Record& record) {
  StoreResolver resolver(conn_.get());
  ValidationContext ctx{options_.today(), &resolver};
  Status s = CheckRecord(record, ctx);
  if (!resolver.error().ok()) return resolver.error();
  return s;
}

Status SqlStore::InsertNew(std::span<const Record> records) {
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

Status SqlStore::NotFound(RecordKind kind, const std::string& id) {
  return Status::NotFound("there is no " + std::string(InfoFor(kind).singular) + " " + id);
}

Status SqlStore::Stale(RecordKind kind, const std::string& id) {
  SqlValue param = id;
  std::optional<int64_t> version;
  auto r = conn_->Run("SELECT version FROM " + TableFor(kind).table + " WHERE id = ?", {&param, 1},
                      [&](const SqlRow& row) {
                        version = row.Int(0);
                        return Status::Ok();
                      });
  if (!r.ok()) return r.status();
  if (!version) return NotFound(kind, id);
  return Status::Conflict(std::string(InfoFor(kind).singular) + " " + id +
                          " was changed by someone else (it is now version " +
                          std::to_string(*version) + "); reload it and make the change again");
}

Status SqlStore::Explain(const Status& s, RecordKind kind, const std::string& id) {
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

Status SqlStore::CheckNotReferenced(RecordKind kind, const std::string& id) {
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

Result<std::unique_ptr<Store>> OpenSqlStore(std::unique_ptr<SqlConnection> conn,
                                            std::string description, StoreOptions options,
                                            std::string key_file, bool may_create_keys) {
  auto store = std::make_unique<SqlStore>(std::move(conn), std::move(description),
                                          std::move(options), std::move(key_file), may_create_keys);
  CM_RETURN_IF_ERROR(store->Migrate());
  CM_RETURN_IF_ERROR(store->OpenKeys());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace contextmap::storage
