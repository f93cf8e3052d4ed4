// SqlStore: the Store over any SqlConnection (internal to storage). All the SQL the product
// runs lives in the sql_store*.cc files, one concern each; the engines differ only behind
// SqlConnection:
//   sql_store.cc           opening (migrations) and record reads and writes
//   sql_store_bundle.cc    import and export of bundles
//   sql_store_audit.cc     the audit log: appending (inside any write), verifying, who-viewed
//   sql_store_accounts.cc  sign-in credentials, sessions, users by username
//   sql_store_keys.cc      the key file: checking it at open, sealing secrets, rotation
#ifndef CONTEXTMAP_STORAGE_SQL_STORE_H_
#define CONTEXTMAP_STORAGE_SQL_STORE_H_

#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "contextmap/core/validation.h"
#include "contextmap/storage/keyring.h"
#include "contextmap/storage/store.h"
#include "storage/sql_connection.h"
#include "storage/sql_record.h"

namespace contextmap::storage {

// Takes ownership of `conn`, applies pending migrations, opens the key file `key_file`
// (creating it if `may_create_keys` and the store has never used one), and returns the store.
Result<std::unique_ptr<Store>> OpenSqlStore(std::unique_ptr<SqlConnection> conn,
                                            std::string description, StoreOptions options,
                                            std::string key_file, bool may_create_keys);

// Rolls back on scope exit unless committed: every write path is one transaction.
class Transaction {
 public:
  explicit Transaction(SqlConnection* conn) : conn_(conn) {}
  ~Transaction() {
    if (open_) (void)conn_->Rollback();
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
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

  const Record* Find(RecordKind kind, const std::string& id) override;
  bool OnMapping(const std::string& mapping_id, const std::string& subject_id) override;

  // A database failure during lookups (validation cannot be trusted if set).
  const Status& error() const { return error_; }

 private:
  SqlConnection* conn_;
  std::map<std::pair<RecordKind, std::string>, std::optional<Record>> cache_;
  Status error_;
};

class SqlStore : public Store {
 public:
  SqlStore(std::unique_ptr<SqlConnection> conn, std::string description, StoreOptions options,
           std::string key_file, bool may_create_keys);

  // Applies pending migrations (sql_store.cc).
  Status Migrate();
  // Loads (or first creates) the key file and checks it is this store's (sql_store_keys.cc).
  Status OpenKeys();

  // --- sql_store.cc: records ---
  std::string Describe() const override { return description_; }
  Result<std::vector<int>> AppliedMigrations() override;
  Result<Record> Get(RecordKind kind, const std::string& id) override;
  Result<std::vector<Record>> List(const ListQuery& q) override;
  Result<std::vector<std::string>> MappingsOfMember(const std::string& user_id) override;
  Status Create(Record* record, std::vector<AuditEntry>* audit) override;
  Status CreateAll(std::vector<Record>* records, std::vector<AuditEntry>* audit) override;
  Status Update(Record* record, std::vector<AuditEntry>* audit) override;
  Status Delete(RecordKind kind, const std::string& id, int64_t version,
                std::vector<AuditEntry>* audit) override;

  // --- sql_store_bundle.cc: import and export ---
  Status Import(const Bundle& bundle, ProblemList* problems, ImportStats* stats,
                std::vector<AuditEntry>* audit) override;
  Result<Bundle> Export(const ExportScope& scope) override;

  // --- sql_store_audit.cc: the audit log ---
  Status AppendAudit(std::vector<AuditEntry>* entries) override;
  Result<AuditVerification> VerifyAudit(const std::optional<AuditAnchor>& anchor) override;
  Result<std::vector<AuditEntry>> AuditForSubject(const std::string& subject_id) override;

  // --- sql_store_accounts.cc: credentials, sessions, users ---
  Result<Credential> GetCredential(const std::string& user_id) override;
  Status PutCredential(const Credential& c, std::vector<AuditEntry>* audit) override;
  Status CreateUser(Record* user, const Credential& credential,
                    std::vector<AuditEntry>* audit) override;
  Status UpdateCredential(const std::string& user_id,
                          const std::function<Status(Credential*)>& change,
                          std::vector<AuditEntry>* audit) override;
  Status CreateSession(const Session& s, std::vector<AuditEntry>* audit) override;
  Result<Session> GetSession(const std::string& id_hash) override;
  Status TouchSession(const std::string& id_hash, int64_t last_seen_at) override;
  Status EndSession(const std::string& id_hash, std::vector<AuditEntry>* audit) override;
  Status EndSessionsOf(const std::string& user_id, std::vector<AuditEntry>* audit) override;
  Result<User> FindUser(const std::string& username) override;

  // --- sql_store_keys.cc: keys ---
  std::string KeyFile() const override { return key_file_; }
  Result<KeyRotation> RotateKeys(std::vector<AuditEntry>* audit) override;
  Result<std::string> GetFact(std::string_view name) override;
  Status SetFact(std::string_view name, std::string_view value,
                 std::vector<AuditEntry>* audit) override;

 private:
  // --- sql_store.cc ---
  // Serialises schema changes between processes sharing one PostgreSQL database.
  Status LockSchema();
  // Runs a SELECT of `kind`'s column_list and appends each row read to *out.
  Status Select(RecordKind kind, const std::string& sql, std::span<const SqlValue> params,
                std::vector<Record>* out);
  // Select with "SELECT column_list FROM table WHERE `where`".
  Status SelectWhere(RecordKind kind, const std::string& where, std::span<const SqlValue> params,
                     std::vector<Record>* out);
  Status Validate(const Record& record);
  // Validates and inserts each record at version 1, in order, inside the caller's transaction.
  Status InsertNew(std::span<const Record> records);
  static Status NotFound(RecordKind kind, const std::string& id);
  // Why an update or delete changed no row: kConflict naming the current version, or kNotFound.
  Status Stale(RecordKind kind, const std::string& id);
  // Turns an engine-level failure into words about the record.
  static Status Explain(const Status& s, RecordKind kind, const std::string& id);
  Status CheckNotReferenced(RecordKind kind, const std::string& id);

  // --- sql_store_bundle.cc ---
  Status ExistingIds(RecordKind kind, const std::vector<Record>& recs,
                     std::unordered_set<std::string>* out);
  Status ImportBatch(const TableInfo& t, int per_row, const std::vector<SqlValue>& params,
                     ProblemList* problems);
  static Status Rejected(const ProblemList& problems);
  Status ExportMapping(const std::string& mapping_id, bool close_references, Bundle* out);
  // Adds every record the bundle refers to but does not hold, until nothing is missing.
  Status CloseOverReferences(Bundle* out);

  // --- sql_store_audit.cc ---
  // Checks audit rows before a write begins: a row the log would refuse refuses the write.
  static Status CheckAudit(const std::vector<AuditEntry>* audit);
  // Appends `audit`'s rows (none if null or empty) inside `tx`, chained after the newest row,
  // then commits. On success the rows are filled in and the anchor moves forward; on failure
  // nothing is committed and the rows are unchanged. The caller explains a failed commit.
  Status CommitWithAudit(Transaction& tx, std::vector<AuditEntry>* audit);

  // --- sql_store_accounts.cc ---
  Result<Credential> ReadCredential(const std::string& user_id, bool for_update);
  // Inserts the credentials, the TOTP secret sealed, inside the caller's transaction.
  Status WriteCredential(const Credential& c);
  // Runs one INSERT or DELETE of sessions in a transaction with `audit`'s rows.
  Status SessionWrite(std::string_view sql, std::span<const SqlValue> params,
                      const std::string& user_id, std::vector<AuditEntry>* audit);
  static Status ExplainAccount(const Status& s, const std::string& user_id);

  // --- sql_store_keys.cc ---
  // Whether the store holds anything made with a key file: recorded keys, sealed secrets or
  // signed audit rows (then a missing key file must be restored, never made anew).
  Result<bool> UsesKeys();
  // Checks the key file against the keys the store recorded; with `may_write` (outside any
  // transaction) also records new ones, and on the first open with keys seals every secret
  // still stored readable.
  Status RecordKeys(bool may_write);
  // Reads the key file again (another process may have added a key) and checks it. Writes
  // nothing, so it may be called inside a transaction.
  Status ReloadKeys();
  // Seals again with the newest key the TOTP secret of each credentials row `select` returns
  // (SELECT user_id, totp_secret ...), opening it first if `open` (else it is readable, from
  // before keys), inside the caller's transaction; counts them in *count.
  Status SealSecretsAgain(const std::string& select, bool open, int64_t* count);
  // The stored form of a TOTP secret (sealed with the newest key) and back.
  Result<std::string> SealSecret(const std::string& user_id, std::string_view secret);
  Result<std::string> OpenSecret(const std::string& user_id, std::string_view stored);

  std::unique_ptr<SqlConnection> conn_;
  std::string description_;
  StoreOptions options_;
  std::string key_file_;
  std::string anchor_file_;
  bool may_create_keys_;
  std::shared_ptr<const Keyring> keys_;  // loaded by OpenKeys; replaced whole on reload
};

}  // namespace contextmap::storage

#endif  // CONTEXTMAP_STORAGE_SQL_STORE_H_
