// SqlStore: the audit log. Appending chains each row to the one before it; verifying walks
// the chain; who-viewed finds the rows about one person (docs/ARCHITECTURE.md, "Audit log").
#include <array>
#include <optional>

#include "storage/audit_anchor.h"
#include "storage/audit_hash.h"
#include "storage/sql_store.h"

namespace contextmap::storage {

namespace {

// Longest value an audit field may hold, in bytes (a reason is a sentence, not a report).
constexpr std::size_t kAuditFieldMax = 1000;

constexpr const char* kAuditColumns =
    "seq, at, user_id, action, record_kind, record_id, mapping_id, subject_id, reason, remote, "
    "outcome, prev_hash, hash, key_id";
constexpr int kAuditColumnCount = 14;
constexpr int kHashColumn = 12;   // hash, in kAuditColumns
constexpr int kKeyIdColumn = 13;  // key_id

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
  constexpr std::string_view kWords = "the audit log could not be written: ";
  if (s.code() == StatusCode::kUnavailable || s.message().starts_with(kWords)) return s;
  return Status(s.code(), std::string(kWords) + s.message());
}

}  // namespace

Status SqlStore::CheckAudit(const std::vector<AuditEntry>* audit) {
  if (audit == nullptr) return Status::Ok();
  for (const AuditEntry& e : *audit) CM_RETURN_IF_ERROR(CheckAuditEntry(e));
  return Status::Ok();
}

Status SqlStore::CommitWithAudit(Transaction& tx, std::vector<AuditEntry>* audit) {
  if (audit == nullptr || audit->empty()) return tx.Commit();
  if (conn_->dialect() == Dialect::kPostgres) {  // SQLite's BEGIN IMMEDIATE serialises already
    // Deferred foreign keys are checked now, before the audit lock is taken: a commit holding
    // the lock must never wait for another transaction's row locks (that one may be waiting
    // for the lock), and a change that breaks a key fails here as it would at commit.
    auto checked = conn_->Run("SET CONSTRAINTS ALL IMMEDIATE", {}, nullptr);
    if (!checked.ok()) return checked.status();
    // Its own key (schema changes use 7420117): appends wait only for other appends, and
    // appends from several servers queue instead of forking the chain.
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
  std::vector<AuditEntry> chained = *audit;
  std::string now = Timestamp::Now().ToString();
  int64_t key_id = keys_->newest();
  std::vector<SqlValue> params;
  params.reserve(chained.size() * kAuditColumnCount);
  for (AuditEntry& e : chained) {
    e.seq = ++seq;
    if (e.at.empty()) e.at = now;
    e.prev_hash = prev;
    e.key_id = key_id;
    Result<std::string> mac = AuditMac(*keys_, key_id, e.seq, HashedFields(e));
    if (!mac.ok()) return mac.status();
    e.hash = *mac;
    prev = e.hash;
    params.emplace_back(e.seq);
    for (const AuditField& f : kAuditFields) params.push_back(Nullable(e.*f.member));
    params.emplace_back(e.hash);
    params.emplace_back(e.key_id);
  }
  Status written = conn_->RunBatch("INSERT INTO audit_log (" + std::string(kAuditColumns) +
                                       ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   kAuditColumnCount, params);
  if (!written.ok()) return AuditWriteFailed(written);
  CM_RETURN_IF_ERROR(tx.Commit());
  *audit = std::move(chained);
  // The rows are committed whatever happens to the anchor; a failed anchor write leaves it at
  // an older row, which the next append moves on from.
  (void)AdvanceAnchor(anchor_file_, AuditAnchor{audit->back().seq, audit->back().hash});
  return Status::Ok();
}

Status SqlStore::AppendAudit(std::vector<AuditEntry>* entries) {
  if (entries->empty()) return Status::Ok();
  CM_RETURN_IF_ERROR(CheckAudit(entries));
  Transaction tx(conn_.get());
  CM_RETURN_IF_ERROR(tx.Begin(true));
  Status s = CommitWithAudit(tx, entries);
  return s.ok() ? s : AuditWriteFailed(s);
}

Result<AuditVerification> SqlStore::VerifyAudit(const std::optional<AuditAnchor>& anchor) {
  AuditVerification v;
  v.anchor_file = anchor_file_;
  Result<std::optional<AuditAnchor>> kept = ReadAnchor(anchor_file_);
  if (!kept.ok()) return kept.status();
  // The anchors to check, with where each came from.
  std::vector<std::pair<AuditAnchor, std::string>> anchors;
  if (kept->has_value()) {
    v.anchor_file_seq = (*kept)->seq;
    anchors.emplace_back(**kept, "the anchor file " + anchor_file_);
  }
  if (anchor) {
    v.given_anchor_seq = anchor->seq;
    anchors.emplace_back(*anchor, "the anchor given");
  }
  int64_t prev_seq = 0;
  std::string prev_hash(kAuditGenesisHash);
  auto found = [&](int64_t seq, std::string problem) {
    v.intact = false;
    v.first_bad_seq = seq;
    v.problem = std::move(problem);
  };
  // A key another process added since this store opened (a rotation): read the file again.
  bool unknown_key = false;
  auto keyed = conn_->Run("SELECT DISTINCT key_id FROM audit_log WHERE key_id IS NOT NULL", {},
                          [&](const SqlRow& row) {
                            unknown_key = unknown_key || !keys_->Has(row.Int(0));
                            return Status::Ok();
                          });
  if (!keyed.ok()) return keyed.status();
  if (unknown_key) CM_RETURN_IF_ERROR(ReloadKeys());
  Status failed;
  auto r = conn_->Run(
      "SELECT " + std::string(kAuditColumns) + " FROM audit_log ORDER BY seq", {},
      [&](const SqlRow& row) {
        ++v.entries;
        int64_t seq = row.Int(0);
        std::string hash(row.Text(kHashColumn));
        v.last_seq = seq;
        v.last_hash = hash;
        if (!v.intact) return Status::Ok();  // report the first problem only
        std::string row_name = "row " + std::to_string(seq);
        if (seq != prev_seq + 1) {
          if (prev_seq == 0) {
            found(seq, "the log starts at " + row_name + " (" + Missing(1, seq - 1) + " missing)");
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
        Result<std::string> expected = Status::Ok();
        if (row.IsNull(kKeyIdColumn)) {
          if (v.keyed_from != 0) {
            found(seq, row_name +
                           " is not signed with a key, though the rows before it are: it "
                           "was written or rewritten without the key");
            return Status::Ok();
          }
          expected = AuditHash(seq, fields);
        } else {
          int64_t key_id = row.Int(kKeyIdColumn);
          if (v.keyed_from == 0) v.keyed_from = seq;
          if (!keys_->Has(key_id)) {
            found(seq, row_name + " names key " + std::to_string(key_id) + ", which the key file " +
                           key_file_ + " lacks: restore the newest copy of the key file, or the " +
                           "row was forged");
            return Status::Ok();
          }
          expected = AuditMac(*keys_, key_id, seq, fields);
        }
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
        for (const auto& [a, where] : anchors) {
          if (v.intact && a.seq == seq && a.hash != hash) {
            std::string problem = row_name;
            problem += " is not the row ";
            problem += where;
            problem += " names: the log was rewritten from this row on";
            found(seq, std::move(problem));
          }
        }
        prev_seq = seq;
        prev_hash = std::move(hash);
        return Status::Ok();
      });
  if (!r.ok()) return r.status();
  CM_RETURN_IF_ERROR(failed);
  for (const auto& [a, where] : anchors) {
    if (v.intact && a.seq > v.last_seq) {
      found(v.last_seq + 1, "the log ends at row " + std::to_string(v.last_seq) + ", but " + where +
                                " names row " + std::to_string(a.seq) + ": " +
                                Missing(v.last_seq + 1, a.seq) + " missing (the newest rows " +
                                "were removed)");
    }
  }
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
                        e.hash = std::string(row.Text(kHashColumn));
                        e.key_id = row.IsNull(kKeyIdColumn) ? 0 : row.Int(kKeyIdColumn);
                        out.push_back(std::move(e));
                        return Status::Ok();
                      });
  if (!r.ok()) return r.status();
  return out;
}

}  // namespace contextmap::storage
