#include "sync/private_file.hpp"
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
    // A name nobody can guess, created only if nothing is there: a symlink planted in
    // advance cannot redirect the write.
    const std::string tmp = dir + "/." + name + ".tmp-" + RandomToken(8);
    const std::string final_path = dir + "/" + name;
    int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        *error = Errno("cannot write in " + dir);
        return false;
    }
    auto fail = [&](const std::string& what) {
        *error = Errno(what);
        if (fd >= 0)
            close(fd);
        unlink(tmp.c_str());
        return false;
    };
    for (size_t done = 0; done < data.size();) {
        ssize_t n = write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return fail("cannot write " + tmp + " (is the disk or stick full?)");
        done += size_t(n);
    }
    if (fsync(fd) != 0)
        return fail("cannot flush " + tmp);
    const int closed = close(fd);
    fd = -1;
    if (closed != 0)
        return fail("cannot close " + tmp);
    if (rename(tmp.c_str(), final_path.c_str()) != 0) // replaces a link at name, never follows it
        return fail("cannot rename " + tmp + " to " + name);
    int dfd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0 || (fsync(dfd) != 0 && errno != EINVAL)) { // EINVAL: a filesystem that cannot sync folders
        *error = Errno("cannot flush the folder " + dir);
        if (dfd >= 0)
            close(dfd);
        return false;
    }
    close(dfd);
    return true;
}

} // namespace wsync
