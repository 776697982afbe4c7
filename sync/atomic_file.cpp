// Write, fsync, rename, fsync the folder (sync/atomic_file.hpp).
#include "sync/atomic_file.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace wsync {
namespace {

int SysOpen(const char* path, int flags, mode_t mode) { return open(path, flags, mode); }

const FileOps kSystem = {SysOpen, ::write, ::fsync, ::close, ::rename, ::unlink};
const FileOps* g_ops = &kSystem;

bool Fail(std::string* error, const std::string& what) {
    if (error)
        *error = what + ": " + strerror(errno);
    return false;
}

// Writes all of data to fd, retrying short writes and EINTR.
bool WriteAll(int fd, const char* data, size_t size) {
    for (size_t done = 0; done < size;) {
        ssize_t n = g_ops->Write(fd, data + done, size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = ENOSPC;
            return false;
        }
        done += size_t(n);
    }
    return true;
}

} // namespace

const FileOps& CurrentFileOps() { return *g_ops; }
void SetFileOpsForTest(const FileOps* ops) { g_ops = ops ? ops : &kSystem; }

bool SyncFolder(const std::string& dir, std::string* error) {
    int fd = g_ops->Open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
    if (fd < 0)
        return Fail(error, "cannot open the folder " + dir + " to flush it");
    bool ok = g_ops->Fsync(fd) == 0 || errno == EINVAL; // EINVAL: a file system that cannot sync folders
    if (!ok)
        Fail(error, "cannot flush the folder " + dir);
    g_ops->Close(fd);
    return ok;
}

bool WriteNewFileSynced(const std::string& path, const void* data, size_t size, std::string* error) {
    int fd = g_ops->Open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return Fail(error, "cannot create " + path);
    bool ok = WriteAll(fd, static_cast<const char*>(data), size);
    if (!ok)
        Fail(error, "cannot write " + path + " (is the disk full?)");
    else if (g_ops->Fsync(fd) != 0)
        ok = Fail(error, "cannot write " + path + " to disk");
    if (g_ops->Close(fd) != 0 && ok)
        ok = Fail(error, "cannot close " + path);
    return ok;
}

bool WriteFileAtomically(const std::string& path, const std::string& data, std::string* error) {
    const size_t slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash);
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    const std::string tmp = dir + "/." + name + ".tmp-" + std::to_string(getpid());
    int fd = g_ops->Open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return Fail(error, "cannot write in " + dir);
    bool ok = WriteAll(fd, data.data(), data.size());
    if (!ok)
        Fail(error, "cannot write " + tmp + " (is the disk or stick full?)");
    else if (g_ops->Fsync(fd) != 0)
        ok = Fail(error, "cannot flush " + tmp + " to disk");
    if (g_ops->Close(fd) != 0 && ok)
        ok = Fail(error, "cannot close " + tmp);
    if (ok && g_ops->Rename(tmp.c_str(), path.c_str()) != 0)
        ok = Fail(error, "cannot rename " + tmp + " to " + path);
    if (!ok) {
        const int saved = errno;
        g_ops->Unlink(tmp.c_str());
        errno = saved;
        return false;
    }
    return SyncFolder(dir, error); // the rename itself must reach the disk too
}

} // namespace wsync
