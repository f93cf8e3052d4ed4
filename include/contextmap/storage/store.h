// Store: where a partnership's records live. One interface, two engines.
//
// SQLite is the embedded default (one file, WAL, synchronous=FULL, foreign keys on);
// PostgreSQL serves larger deployments and several servers at once. Both apply the numbered
// migrations in src/storage/migrations on open and record them in schema_migrations.
//
// Every write is one transaction. Every record carries a version: Create sets 1, Update and
// Delete succeed only if the caller's version is still current and otherwise fail with
// kConflict, so two people editing the same record from the same version never overwrite each
// other. Writes are validated (validation.h) against the store's own records first; a write
// that fails changes nothing. Errors never carry SQL text or record contents.
//
// The store also holds the audit log: an append-only, chained record of every read and change
// of personal data, each row signed with a key kept outside the database (AppendAudit,
// VerifyAudit, AuditForSubject; docs/ARCHITECTURE.md, "Audit log"). Every write takes an
// optional list of audit rows (`audit`, nullptr for none) and commits them in the same
// transaction as the change: both land or neither does. On success each row is filled in with
// its seq, time, key and hash; on failure the rows are left as they were, unwritten.
//
// Keys (keyring.h): a store opens only with its key file, which seals second-factor secrets and
// signs the audit log. Open refuses to start with a missing or wrong key file once the store
// has used one, rather than create a new key that could not open what the old one sealed.
//
// A Store is used by one thread at a time (open one per thread or per request worker).
#ifndef CONTEXTMAP_STORAGE_STORE_H_
#define CONTEXTMAP_STORAGE_STORE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contextmap/core/bundle.h"
#include "contextmap/core/model.h"
#include "contextmap/core/status.h"

namespace contextmap {

struct StoreOptions {
  StoreOptions() = default;
  // Options with "today" fixed (rehearsals, tests).
  explicit StoreOptions(std::function<Date()> today_fn) : today(std::move(today_fn)) {}

  // "Today" for validation (dates of past events may not be later). Tests fix it.
  std::function<Date()> today = [] { return Date::Today(); };
  // The key file (keyring.h). Empty: $CONTEXTMAP_KEY_FILE if set, else for SQLite the file
  // beside the database (var/contextmap.db -> var/contextmap.keys). A SQLite store creates its
  // key file on first open; a PostgreSQL store must be given one (`contextmap keys create`).
  std::string key_file;
};

// Records of one kind whose reference field `field` equals `value` (empty field: all records),
// ordered by id, at most `limit` (0: no limit) with ids greater than `after_id` (paging).
// `field` must be one of the kind's reference fields, or "mapping_id" for subjects (subjects on
// that mapping) and links (links between two subjects on that mapping).
struct ListQuery {
  RecordKind kind = RecordKind::kSubject;
  std::string field;
  std::string value;
  std::size_t limit = 0;
  std::string after_id;
};

// Records of `kind` whose reference field `field` is `value` (all of them with no field).
inline ListQuery ListBy(RecordKind kind, std::string field = {}, std::string value = {}) {
  ListQuery q;
  q.kind = kind;
  q.field = std::move(field);
  q.value = std::move(value);
  return q;
}

// What part of the partnership an export carries.
struct ExportScope {
  std::string mapping_id;  // empty: the whole partnership
  // For a mapping: also carry every record the mapping's records refer to (users, agencies,
  // the profile, subjects named only in sightings, ...), so the export imports cleanly into
  // an empty store. false gives just the mapping's own records (what its members see).
  bool close_references = true;
};

struct ImportStats {
  std::size_t written = 0;    // records added
  std::size_t unchanged = 0;  // records already present with identical content
};

// One row of the audit log: one read or change of personal data. Holds ids, codes and the
// reason a user typed, never names or intelligence text. The reason is the user's own words
// and is shown only to data-protection officers. Empty optional fields are stored as NULL.
struct AuditEntry {
  int64_t seq = 0;          // set by the store: 1, 2, 3, ... with no gaps (0: not written)
  std::string at;           // UTC "YYYY-MM-DDTHH:MM:SSZ"; empty: the store sets the time now
  std::string user_id;      // who (no foreign key: the log outlives users)
  std::string action;       // required: "view", "export", "import", "update", ...
  std::string record_kind;  // the kind of the record concerned, e.g. "mapping"
  std::string record_id;    // the record concerned
  std::string mapping_id;   // the mapping the action was taken in
  std::string subject_id;   // the person (or place) a view or change concerns, for who-viewed
  std::string reason;       // the user's own words; required by callers for views and exports
  std::string remote;       // from where: an address, or "cli"
  std::string outcome;      // required: "ok", "refused", "failed", ...
  std::string prev_hash;    // set by the store: the previous row's hash (64 zeros for row 1)
  std::string hash;         // set by the store: hex HMAC-SHA-256 of this row under key_id's
                            // audit subkey (docs/ARCHITECTURE.md, "Audit log")
  int64_t key_id = 0;       // set by the store: the key that signed the row (0: a row written
                            // before the store had keys, whose hash is a plain SHA-256)
};

// A row of the audit log as recorded outside the database: its seq and hash. The store keeps
// the newest in its anchor file beside the key file; `audit verify --anchor SEQ:HASH` checks
// one kept anywhere else.
struct AuditAnchor {
  int64_t seq = 0;
  std::string hash;
};
// Reads "SEQ:HASH" (what `audit verify` prints). kInvalidArgument naming the field otherwise.
Result<AuditAnchor> ParseAuditAnchor(std::string_view text);

// The audit rows for an import or export of `bundle`, built on `base` (who, action, reason,
// from where, outcome): one for the whole bundle (naming the mapping, for a mapping bundle) and
// one per subject it carries, so `audit who-viewed` finds every bundle a person's records
// travelled in.
std::vector<AuditEntry> BundleAuditEntries(const AuditEntry& base, const Bundle& bundle);

// Sign-in secrets of one user. Never part of a bundle, an export or the record API, and
// never logged. Times are unix seconds.
struct Credential {
  std::string user_id;
  std::string password_hash;   // libsodium's encoded Argon2id hash (salt and limits included)
  std::string totp_secret;     // base32 (sealed with the store's key at rest; readable here)
  int64_t totp_last_step = 0;  // the last TOTP time step accepted (a code works once)
  std::vector<std::string> recovery_hashes;  // SHA-256 (hex) of each unused recovery code
  int64_t failed_attempts = 0;               // failed sign-ins since the last success
  int64_t locked_until = 0;                  // sign-in refused until then (0: not locked)
  int64_t updated_at = 0;
};

// One signed-in browser. The store keeps only the SHA-256 of the session id, so a copy of the
// database cannot be used to take over a session. Times are unix seconds.
struct Session {
  std::string id_hash;
  std::string user_id;
  std::string csrf_token;
  int64_t created_at = 0;
  int64_t last_seen_at = 0;
};

// What walking the audit chain found.
struct AuditVerification {
  bool intact = true;            // no problem found
  int64_t entries = 0;           // rows read
  int64_t first_bad_seq = 0;     // the first row with a problem (0 when intact)
  std::string problem;           // plain English, naming the row (empty when intact)
  int64_t last_seq = 0;          // the newest row (0 when the log is empty)
  std::string last_hash;         // hash of the newest row (empty when the log is empty)
  int64_t keyed_from = 0;        // the first row signed with a key (0: none); rows before it were
                                 // written before the store had keys and are plain SHA-256
  std::string anchor_file;       // where this store keeps its anchor
  int64_t anchor_file_seq = 0;   // the row the anchor file names (0: no anchor file yet)
  int64_t given_anchor_seq = 0;  // the row of the anchor passed to VerifyAudit (0: none)
};

// What a key rotation did.
struct KeyRotation {
  int64_t key_id = 0;            // the new key, now the one that seals and signs
  int64_t secrets_resealed = 0;  // second-factor secrets sealed again with it
};

class Store {
 public:
  // `url` is "sqlite:PATH", "postgresql://..." or "postgres://...". SQLite creates the file
  // and its directory. Applies pending migrations before returning.
  static Result<std::unique_ptr<Store>> Open(const std::string& url, StoreOptions options = {});
  // The default store: sqlite:./var/contextmap.db
  static std::string DefaultUrl();

  virtual ~Store() = default;

  // "sqlite:./var/contextmap.db" or "postgresql://host:port/db" without credentials.
  virtual std::string Describe() const = 0;
  // Migration numbers applied, ascending.
  virtual Result<std::vector<int>> AppliedMigrations() = 0;

  virtual Result<Record> Get(RecordKind kind, const std::string& id) = 0;
  virtual Result<std::vector<Record>> List(const ListQuery& query) = 0;
  // Ids of the mappings `user_id` is a member of (chair, co-chair, or named by a
  // mapping_member), sorted and unique; empty for a user on no mapping. One query over
  // indexed columns (migration 0004): the access check asks it once per request.
  virtual Result<std::vector<std::string>> MappingsOfMember(const std::string& user_id) = 0;

  // Every write below commits `audit`'s rows (nullptr or empty: none) in its own transaction
  // (see the top of this file). The rows are checked before anything is written: a row
  // without an action or outcome refuses the whole write.

  // Validates and inserts. An empty id is replaced by NewId(); version becomes 1.
  virtual Status Create(Record* record, std::vector<AuditEntry>* audit = nullptr) = 0;
  // Creates every record in one transaction, in order (a later record may refer to an
  // earlier one), or none of them.
  virtual Status CreateAll(std::vector<Record>* records,
                           std::vector<AuditEntry>* audit = nullptr) = 0;
  // record->version must be the version the caller read; on success it is incremented.
  virtual Status Update(Record* record, std::vector<AuditEntry>* audit = nullptr) = 0;
  // Fails with kFailedPrecondition while other records refer to this one.
  virtual Status Delete(RecordKind kind, const std::string& id, int64_t version,
                        std::vector<AuditEntry>* audit = nullptr) = 0;

  // All or nothing: validates the whole bundle against itself and the store, and writes it in
  // one transaction only if there is no problem. Records already present with identical
  // content are left alone; a present id with different content is a problem. On any problem
  // returns kInvalidArgument with every problem in *problems and the store unchanged (and
  // `audit` unwritten: record a refusal with AppendAudit).
  virtual Status Import(const Bundle& bundle, ProblemList* problems, ImportStats* stats,
                        std::vector<AuditEntry>* audit = nullptr) = 0;

  // The records of the scope, each kind sorted by id. A mapping export carries the mapping,
  // everything recorded in it, its subjects and the links between them, and every record
  // those refer to, so it imports cleanly into an empty store. Holds the export in memory.
  virtual Result<Bundle> Export(const ExportScope& scope) = 0;

  // Appends every entry in one transaction, assigning seq, at (when empty), key_id, prev_hash
  // and hash to each; on failure nothing is appended and the entries are unchanged. Appends
  // from several processes are serialised, so the chain never forks. After each commit that
  // appended rows the store moves its anchor file forward to the newest.
  virtual Status AppendAudit(std::vector<AuditEntry>* entries) = 0;
  // Walks the whole chain oldest first and reports the first row edited, missing, reordered,
  // not linked to its predecessor, or not signed with a key after rows that were; then checks
  // the row named by the anchor file and by `anchor` (if given) is there unchanged, so removal
  // or rewriting of the newest rows is found too.
  virtual Result<AuditVerification> VerifyAudit(
      const std::optional<AuditAnchor>& anchor = std::nullopt) = 0;
  // Every entry about the subject, oldest first: those whose subject_id is `subject_id`, and
  // reads of a whole mapping the subject is on (view_map, and lists by mapping_id).
  virtual Result<std::vector<AuditEntry>> AuditForSubject(const std::string& subject_id) = 0;

  // --- accounts (migration 0003): sign-in secrets and sessions ---------------------------------
  // kNotFound if the user has no credentials (cannot sign in).
  virtual Result<Credential> GetCredential(const std::string& user_id) = 0;
  // The TOTP secret is sealed with the newest key as it is written, and opened as it is read.
  // Inserts or replaces the user's credentials (the user must exist).
  virtual Status PutCredential(const Credential& credential,
                               std::vector<AuditEntry>* audit = nullptr) = 0;
  // Creates a user record (validated as Create does; an empty id is replaced by NewId) and
  // its credentials, whose user_id must be the record's id, in one transaction: both or
  // neither, so no account is ever left that cannot sign in.
  virtual Status CreateUser(Record* user, const Credential& credential,
                            std::vector<AuditEntry>* audit = nullptr) = 0;
  // Reads the user's credentials, lets `change` edit them, and writes them back, all in one
  // write transaction (rows locked on PostgreSQL), so concurrent sign-ins cannot both use one
  // TOTP step or recovery code, or lose a failed-attempt count. If `change` fails nothing is
  // written and its Status is returned. kNotFound if the user has no credentials. `change` may
  // edit `audit`'s rows (an outcome known only inside it): they are chained after it returns.
  virtual Status UpdateCredential(const std::string& user_id,
                                  const std::function<Status(Credential*)>& change,
                                  std::vector<AuditEntry>* audit = nullptr) = 0;
  virtual Status CreateSession(const Session& session,
                               std::vector<AuditEntry>* audit = nullptr) = 0;
  // kNotFound if there is no such session (ended, or never existed).
  virtual Result<Session> GetSession(const std::string& id_hash) = 0;
  virtual Status TouchSession(const std::string& id_hash, int64_t last_seen_at) = 0;
  // Ends one session; ending a missing session is not an error.
  virtual Status EndSession(const std::string& id_hash,
                            std::vector<AuditEntry>* audit = nullptr) = 0;
  // Ends every session of a user (password reset, account disabled).
  virtual Status EndSessionsOf(const std::string& user_id,
                               std::vector<AuditEntry>* audit = nullptr) = 0;
  // The user with this username (usernames are unique), or kNotFound.
  virtual Result<User> FindUser(const std::string& username) = 0;

  // --- facts about the store itself -------------------------------------------------------------
  // A fact by name ("origin": "demo" for a store `contextmap demo` created), or "" when unset.
  virtual Result<std::string> GetFact(std::string_view name) = 0;
  // Sets a fact, in one transaction with `audit`'s rows. Names and values are short ASCII words
  // chosen by the code, never user input.
  virtual Status SetFact(std::string_view name, std::string_view value,
                         std::vector<AuditEntry>* audit = nullptr) = 0;

  // --- keys (keyring.h) -------------------------------------------------------------------------
  // The key file this store uses.
  virtual std::string KeyFile() const = 0;
  // Adds a new key to the key file and seals every second-factor secret again with it, in one
  // transaction with `audit`'s rows. Older keys stay in the file: audit rows signed with them
  // are verified with them. Other processes pick the new key up when they first meet it.
  virtual Result<KeyRotation> RotateKeys(std::vector<AuditEntry>* audit = nullptr) = 0;
};

// The key file Store::Open would use for `url` with `options` (StoreOptions::key_file).
// kFailedPrecondition for a PostgreSQL URL given none.
Result<std::string> KeyFileFor(const std::string& url, const StoreOptions& options);

// Typed convenience over Store::Get.
template <class T>
Result<T> GetAs(Store& store, const std::string& id) {
  Result<Record> r = store.Get(RecordTraits<T>::kKind, id);
  if (!r.ok()) return r.status();
  return std::get<T>(std::move(r).value());
}

}  // namespace contextmap

#endif  // CONTEXTMAP_STORAGE_STORE_H_
