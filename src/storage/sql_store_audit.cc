// SqlStore: the audit log. Appending chains each row to the one before it; verifying walks
// the chain; who-viewed finds the rows about one person (docs/ARCHITECTURE.md, "Audit log").
#include <array>
#include <optional>

#include "storage/audit_hash.h"
#include "storage/sql_store.h"

namespace contextmap::storage {

namespace {

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

// "row 17" or "rows 17 to 19".
std::string Missing(int64_t from, int64_t to) {
  if (from == to) return "row " + std::to_string(from) + " is";
  return "rows " + std::to_string(from) + " to " + std::to_string(to) + " are";
}

// A failed audit append, in words (a clash on seq means the chain was written concurrently
// without the lock, which cannot happen through this store).
Status AuditWriteFailed(const Status& s) {
  if (s.code() == StatusCode::kUnavailable) return s;
  return Status(s.code(), "the audit log could not be written: " + s.message());
}

}  // namespace

Status SqlStore::AppendAudit(std::vector<AuditEntry>* entries) {
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

Result<AuditVerification> SqlStore::VerifyAudit() {
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

Result<std::vector<AuditEntry>> SqlStore::AuditForSubject(const std::string& subject_id) {
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

}  // namespace contextmap::storage
