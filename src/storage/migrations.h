// The numbered schema migrations, compiled in from src/storage/migrations/NNNN_name.sql.
// Each runs once per database, in order, inside its own transaction, and is then recorded in
// schema_migrations. The same SQL serves SQLite and PostgreSQL, except where the engines have
// no common words for a thing (triggers): then a number has one file per engine,
// NNNN_name.sqlite.sql and NNNN_name.postgresql.sql.
#ifndef CONTEXTMAP_STORAGE_MIGRATIONS_H_
#define CONTEXTMAP_STORAGE_MIGRATIONS_H_

#include <string_view>
#include <vector>

namespace contextmap::storage {

struct Migration {
  int number;
  std::string_view name;
  std::string_view dialect;  // "" for both engines, else "sqlite" or "postgresql"
  std::string_view sql;
};

// Ascending by number.
const std::vector<Migration>& Migrations();

}  // namespace contextmap::storage

#endif  // CONTEXTMAP_STORAGE_MIGRATIONS_H_
