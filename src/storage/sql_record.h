// How records map onto SQL rows (internal to storage): one table per kind named by its plural,
// columns id, version, then every field of Describe in order. Scalars are columns of their own;
// lists and value objects are one JSON text column. Built once per kind from Describe, so the
// mapping cannot drift from the model; a contract test checks it against the migrations.
#ifndef CONTEXTMAP_STORAGE_SQL_RECORD_H_
#define CONTEXTMAP_STORAGE_SQL_RECORD_H_

#include <string>
#include <vector>

#include "contextmap/core/model.h"
#include "contextmap/core/status.h"
#include "storage/sql_connection.h"

namespace contextmap::storage {

struct ColumnInfo {
  std::string name;
  bool is_ref = false;  // a scalar reference (a foreign key column)
  RecordKind ref_kind = RecordKind::kAgency;
  bool is_json = false;                    // a list or value object kept as JSON text
  std::vector<RecordKind> json_ref_kinds;  // kinds referred to from inside the JSON
};

struct TableInfo {
  RecordKind kind;
  std::string table;
  std::vector<ColumnInfo> columns;  // the fields, without id and version
  std::string column_list;          // "id, version, name, ..." for SELECT
  std::string insert_sql;           // all columns, `?` placeholders
  std::string update_sql;           // SET fields, version + 1 WHERE id = ? AND version = ?

  const ColumnInfo* Column(std::string_view name) const;
};

const TableInfo& TableFor(RecordKind kind);

// Appends id, version and every field as parameters, in column order.
void BindRecord(const Record& record, std::vector<SqlValue>* out);
// Appends every field then id and expected version: the parameters of update_sql.
void BindUpdate(const Record& record, std::vector<SqlValue>* out);
// Reads a record of `kind` from a row laid out as column_list. Fails with kInternal if a
// stored value cannot be read back (the database was edited by hand).
Result<Record> ReadRecord(RecordKind kind, const SqlRow& row);

}  // namespace contextmap::storage

#endif  // CONTEXTMAP_STORAGE_SQL_RECORD_H_
