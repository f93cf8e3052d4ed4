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
// A Store is used by one thread at a time (open one per thread or per request worker).
#ifndef CONTEXTMAP_STORAGE_STORE_H_
#define CONTEXTMAP_STORAGE_STORE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "contextmap/core/bundle.h"
#include "contextmap/core/model.h"
#include "contextmap/core/status.h"

namespace contextmap {

struct StoreOptions {
  // "Today" for validation (dates of past events may not be later). Tests fix it.
  std::function<Date()> today = [] { return Date::Today(); };
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

// What part of the partnership an export carries.
struct ExportScope {
  std::string mapping_id;  // empty: the whole partnership
};

struct ImportStats {
  std::size_t written = 0;    // records added
  std::size_t unchanged = 0;  // records already present with identical content
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

  // Validates and inserts. An empty id is replaced by NewId(); version becomes 1.
  virtual Status Create(Record* record) = 0;
  // record->version must be the version the caller read; on success it is incremented.
  virtual Status Update(Record* record) = 0;
  // Fails with kFailedPrecondition while other records refer to this one.
  virtual Status Delete(RecordKind kind, const std::string& id, int64_t version) = 0;

  // All or nothing: validates the whole bundle against itself and the store, and writes it in
  // one transaction only if there is no problem. Records already present with identical
  // content are left alone; a present id with different content is a problem. On any problem
  // returns kInvalidArgument with every problem in *problems and the store unchanged.
  virtual Status Import(const Bundle& bundle, ProblemList* problems, ImportStats* stats) = 0;

  // The records of the scope, each kind sorted by id. A mapping export carries the mapping,
  // everything recorded in it, its subjects and the links between them, and every record
  // those refer to, so it imports cleanly into an empty store. Holds the export in memory.
  virtual Result<Bundle> Export(const ExportScope& scope) = 0;
};

// Typed convenience over Store::Get.
template <class T>
Result<T> GetAs(Store& store, const std::string& id) {
  Result<Record> r = store.Get(RecordTraits<T>::kKind, id);
  if (!r.ok()) return r.status();
  return std::get<T>(std::move(r).value());
}

}  // namespace contextmap

#endif  // CONTEXTMAP_STORAGE_STORE_H_
