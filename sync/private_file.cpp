#include "sync/private_file.hpp"
#include "sync/atomic_file.hpp"
#include "sync/signing.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace wsync {

namespace {

std::string Errno(const std::string& what) { return what + ": " + strerror(errno); }

// Tightens an existing file to 0600 (through its own descriptor: no race with a swap).
bool Tighten(const std::string& path, bool must_exist, std::string* error) {
    int fd = open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT && !must_exist)
            return true;
        *error = Errno("cannot open " + path);
        return false;
    }
    struct stat st {};
    bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    if (ok && (st.st_mode & 077) != 0)
        ok = fchmod(fd, 0600) == 0;
    if (!ok)
        *error = Errno("cannot make " + path + " private (mode 0600)");
    close(fd);
    return ok;
}

} // namespace

bool PrepareDatabaseFile(const std::string& path, std::string* error) {
    if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0)
        return true; // not a file of ours
    int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd >= 0) {
        close(fd); // an empty file is an empty SQLite database
        return true;
    }
    if (errno != EEXIST) {
        *error = Errno("cannot create " + path);
        return false;
    }
    return Tighten(path, true, error) && Tighten(path + "-wal", false, error) &&
           Tighten(path + "-shm", false, error) && Tighten(path + "-journal", false, error);
}

bool WriteFileReplacing(const std::string& dir, const std::string& name, const std::string& data,
                        std::string* error) {
    // The one writer (sync/atomic_file): a random temporary name made with O_EXCL|O_NOFOLLOW,
    // 0600, fsync, rename, fsync of the folder.
    return WriteFileAtomically(dir + "/" + name, data, error);
}

} // namespace wsync
