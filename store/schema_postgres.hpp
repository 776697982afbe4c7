// The store's schema on PostgreSQL (store/schema_postgres.cpp).
#pragma once
#include "store/db.hpp"

#include <string>

namespace store {

// Creates the schema in an empty database, or checks that the one there is this version;
// false with the reason (a newer store's schema, a database that is not a store's).
bool MigratePostgres(db::Conn* db, int current_version, std::string* error);

} // namespace store
