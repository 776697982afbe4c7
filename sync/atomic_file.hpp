// Files that are on the disk whole or not at all: written under a temporary name in the
// same folder, fsynced, renamed into place, and the folder fsynced so the rename itself
// survives a power cut. One copy of that sequence for every writer that needs it: the
// pack the store sends (sync/client.cpp), the USB batch file (sync/batch_file.cpp), the
// campfire export (kiosk/campfire_export.cpp) and the report folder (store/report/write.cpp).
//
// The system calls go through a FileOps table, so a test can record their order
// (tests/test_atomic_file.cpp) or make one of them fail.
#pragma once
#include <cstddef>
#include <string>
#include <sys/types.h>

namespace wsync {

struct FileOps {
    int (*Open)(const char* path, int flags, mode_t mode);
    ssize_t (*Write)(int fd, const void* data, size_t size);
    int (*Fsync)(int fd);
    int (*Close)(int fd);
    int (*Rename)(const char* from, const char* to);
    int (*Unlink)(const char* path);
};

// The calls every writer below makes: the system's, unless a test put others in place.
const FileOps& CurrentFileOps();
// Test-only seam: from now on every writer uses ops (nullptr: the system's calls again).
// Not thread-safe; the product never calls it.
void SetFileOpsForTest(const FileOps* ops);

// Writes data to DIR/.NAME.tmp-PID, fsyncs it, renames it to path, fsyncs DIR. On failure
// the temporary file is removed, path is untouched, and *error says what failed.
bool WriteFileAtomically(const std::string& path, const std::string& data, std::string* error);
// Creates a new file (never replacing one) with data and fsyncs it; for files inside a
// temporary folder that is renamed into place as a whole afterwards.
bool WriteNewFileSynced(const std::string& path, const void* data, size_t size, std::string* error);
// Fsyncs a folder so the renames and new names in it reach the disk. A file system that
// cannot sync folders (EINVAL) counts as done.
bool SyncFolder(const std::string& dir, std::string* error);

} // namespace wsync
