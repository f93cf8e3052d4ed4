// SqlStore: importing and exporting bundles (all or nothing in, one consistent read out).
#include <set>
#include <unordered_set>

#include "contextmap/core/validation.h"
#include "storage/sql_store.h"

namespace contextmap::storage {

namespace {

constexpr std::size_t kBatchRows = 5000;  // rows bound per RunBatch call during import

}  // namespace

Status SqlStore::Import(const Bundle& bundle, ProblemList* problems, ImportStats* stats,
                        std::vector<AuditEntry>* audit) {
  *stats = {};
  CM_RETURN_IF_ERROR(CheckAudit(audit));
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
  // The audit rows commit with the records: a crash leaves both or neither.
  Status committed = CommitWithAudit(tx, audit);
  if (!committed.ok()) {
    problems->Add("", "the store refused the bundle: " + committed.message());
    stats->written = 0;
    return Rejected(*problems);
  }
  return Status::Ok();
}

Result<Bundle> SqlStore::Export(const ExportScope& scope) {
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

Status SqlStore::ExistingIds(RecordKind kind, const std::vector<Record>& recs,
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

Status SqlStore::ImportBatch(const TableInfo& t, int per_row, const std::vector<SqlValue>& params,
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

Status SqlStore::Rejected(const ProblemList& problems) {
  return Status::Invalid("the bundle has " + std::to_string(problems.total()) +
                         (problems.total() == 1 ? " problem" : " problems") +
                         "; nothing was imported");
}

Status SqlStore::ExportMapping(const std::string& mapping_id, bool close_references, Bundle* out) {
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
  CM_RETURN_IF_ERROR(SelectWhere(
      RecordKind::kSubject, "id IN (SELECT subject_id FROM mapping_subjects WHERE mapping_id = ?)",
      {&m, 1}, &out->of(RecordKind::kSubject)));
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
Status SqlStore::CloseOverReferences(Bundle* out) {
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

}  // namespace contextmap::storage
