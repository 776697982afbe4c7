// The console's tables in the store's database: users, sessions, and when each kiosk last
// synced. Created at open with CREATE TABLE IF NOT EXISTS (no schema version of their own:
// they only add tables). The Store methods over them are in store/users.cpp.
#pragma once
#include "store/db.hpp"

#include <string>

namespace store {

bool CreateConsoleTables(db::Conn* db, std::string* error);
// Called with the store's lock held, by the content fetch that ends every sync round.
void NoteSync(db::Conn* db, const std::string& device_id);

} // namespace store
