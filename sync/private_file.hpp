// Files only their owner can read (docs/security.md, finding 6) and files written
// without following anything planted at their name (finding 10). The journal, the store
// and every export use these. POSIX only.
#pragma once
#include <string>

namespace wsync {

// Makes the SQLite database at path private before SQLite opens it: created 0600 when
// missing (SQLite's -wal and -shm then take its mode), and an existing file, -wal or
// -shm readable by others tightened to 0600. A symlink at path is refused.
bool PrepareDatabaseFile(const std::string& path, std::string* error);

// Writes data to dir/name whole or not at all: a new temporary file with a random name
// (O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600) in dir, written, fsynced, renamed over name, and
// dir fsynced. A file or symlink planted at any name in dir is never followed or
// written through. False and *error in words otherwise (the temporary file removed).
bool WriteFileReplacing(const std::string& dir, const std::string& name, const std::string& data,
                        std::string* error);

} // namespace wsync
