// The numbered schema migrations, compiled in from src/storage/migrations/NNNN_name.sql.
// Each runs once per database, in order, inside its own transaction, and is then recorded in
// schema_migrations. The same SQL serves SQLite and PostgreSQL.
#ifndef CONTEXTMAP_STORAGE_MIGRATIONS_H_
#define CONTEXTMAP_STORAGE_MIGRATIONS_H_

#include <string_view>
#include <vector>

namespace contextmap::storage {

struct Migration {
  int number;
  std::string_view name;
  std::string_view sql;
};

// Ascending by number.
const std::vector<Migration>& Migrations();

}  // namespace contextmap::storage

#endif  // CONTEXTMAP_STORAGE_MIGRATIONS_H_
