// SqlStore: the Store over any SqlConnection (internal to storage). All the SQL the product
// runs lives in sql_store.cc; the engines differ only behind SqlConnection.
#ifndef CONTEXTMAP_STORAGE_SQL_STORE_H_
#define CONTEXTMAP_STORAGE_SQL_STORE_H_

#include <memory>
#include <string>

#include "contextmap/storage/store.h"
#include "storage/sql_connection.h"

namespace contextmap::storage {

// Takes ownership of `conn`, applies pending migrations, and returns the store.
Result<std::unique_ptr<Store>> OpenSqlStore(std::unique_ptr<SqlConnection> conn,
                                            std::string description, StoreOptions options);

}  // namespace contextmap::storage

#endif  // CONTEXTMAP_STORAGE_SQL_STORE_H_
