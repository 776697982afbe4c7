// wijkstem-store backup: a consistent copy of a live SQLite store (docs/operations.md).
#pragma once

#include <string>
#include <vector>

namespace store {

// Copies the SQLite database DB to OUT with SQLite's online backup API, while kiosks keep
// syncing: in WAL mode the copy is one read snapshot and writers are never blocked. OUT is
// written under a temporary name with mode 0600, fsync'ed and renamed, so it is whole or
// absent. An existing OUT is replaced. DB is opened read-only: a missing DB is an error,
// never a new empty store.
bool BackupTo(const std::string& db, const std::string& out, std::string* error);

// The names of a rotation folder's backups, oldest first: wijkstem-store-YYYYMMDD-HHMMSS.db.
std::vector<std::string> BackupNames(const std::vector<std::string>& folder_entries);

// The name of a new backup taken at UTC time T (seconds since the epoch).
std::string BackupName(long long t);

// A nightly backup into DIR (created 0700 if missing), then keeps only the newest KEEP of
// them. *written is the new file's path.
bool BackupRotate(const std::string& db, const std::string& dir, int keep, std::string* written, std::string* error);

} // namespace store
