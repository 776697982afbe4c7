// wijkstem-store backup (store/backup.hpp).
#include "store/backup.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace store {
namespace {

bool FsyncPath(const std::string& path, int flags) {
    int fd = open(path.c_str(), flags);
    if (fd < 0)
        return false;
    bool ok = fsync(fd) == 0;
    close(fd);
    return ok;
}

std::string DirOf(const std::string& path) {
    size_t slash = path.rfind('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

} // namespace

bool BackupTo(const std::string& db, const std::string& out, std::string* error) {
    struct stat st;
    if (stat(db.c_str(), &st) != 0) {
        *error = "cannot back up " + db + ": " + strerror(errno);
        return false;
    }
    const std::string tmp = out + ".tmp-" + std::to_string(getpid());
    // Made 0600 before SQLite opens it: the copy holds every answer and the devices' token hashes.
    unlink(tmp.c_str());
    int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        *error = "cannot write " + tmp + ": " + strerror(errno);
        return false;
    }
    close(fd);
    sqlite3* src = nullptr;
    sqlite3* dst = nullptr;
    auto fail = [&](const std::string& what) {
        *error = what;
        if (src)
            sqlite3_close(src);
        if (dst)
            sqlite3_close(dst);
        unlink(tmp.c_str());
        return false;
    };
    if (sqlite3_open_v2(db.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        return fail("cannot open " + db + ": " + sqlite3_errmsg(src));
    sqlite3_busy_timeout(src, 10000);
    if (sqlite3_open_v2(tmp.c_str(), &dst, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
        return fail("cannot open " + tmp + ": " + sqlite3_errmsg(dst));
    sqlite3_busy_timeout(dst, 10000);
    sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
    if (!b)
        return fail(std::string("cannot start the backup: ") + sqlite3_errmsg(dst));
    // All pages in one step: one read transaction, so one consistent snapshot. Under WAL the
    // store's writers go on meanwhile; a busy lock is retried.
    int rc;
    for (int tries = 0; (rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED; tries++) {
        if (tries == 100)
            break;
        sqlite3_sleep(100);
    }
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE)
        return fail(std::string("the backup did not finish: ") + sqlite3_errstr(rc));
    // The copy holds no WAL of its own: a plain rollback-journal file, whole in itself.
    char* msg = nullptr;
    if (sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", nullptr, nullptr, &msg) != SQLITE_OK) {
        std::string m = msg ? msg : "?";
        sqlite3_free(msg);
        return fail("cannot finish the copy: " + m);
    }
    sqlite3_close(src);
    src = nullptr;
    if (sqlite3_close(dst) != SQLITE_OK)
        return fail("cannot close " + tmp);
    dst = nullptr;
    if (!FsyncPath(tmp, O_RDONLY) || rename(tmp.c_str(), out.c_str()) != 0)
        return fail("cannot write " + out + ": " + strerror(errno));
    FsyncPath(DirOf(out), O_RDONLY | O_DIRECTORY);
    return true;
}

std::string BackupName(long long t) {
    time_t tt = time_t(t);
    struct tm tm;
    gmtime_r(&tt, &tm);
    char buf[64];
    strftime(buf, sizeof buf, "wijkstem-store-%Y%m%d-%H%M%S.db", &tm);
    return buf;
}

std::vector<std::string> BackupNames(const std::vector<std::string>& entries) {
    std::vector<std::string> names;
    const std::string prefix = "wijkstem-store-";
    for (const std::string& e : entries) {
        // wijkstem-store-YYYYMMDD-HHMMSS.db: exactly this shape, so nothing else is ever deleted
        if (e.size() != prefix.size() + 15 + 3 || e.compare(0, prefix.size(), prefix) != 0 ||
            e.compare(e.size() - 3, 3, ".db") != 0)
            continue;
        bool shape = true;
        for (size_t i = prefix.size(); i < prefix.size() + 15; i++)
            shape = shape && (i == prefix.size() + 8 ? e[i] == '-' : (e[i] >= '0' && e[i] <= '9'));
        if (shape)
            names.push_back(e);
    }
    std::sort(names.begin(), names.end()); // the time stamp sorts as text
    return names;
}

bool BackupRotate(const std::string& db, const std::string& dir, int keep, std::string* written, std::string* error) {
    if (keep < 1) {
        *error = "--keep needs at least 1";
        return false;
    }
    if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
        *error = "cannot create " + dir + ": " + strerror(errno);
        return false;
    }
    std::string name = BackupName((long long)time(nullptr));
    *written = dir + "/" + name;
    if (!BackupTo(db, *written, error))
        return false;
    DIR* d = opendir(dir.c_str());
    if (!d) {
        *error = "cannot list " + dir + ": " + strerror(errno);
        return false;
    }
    std::vector<std::string> entries;
    while (dirent* e = readdir(d))
        entries.push_back(e->d_name);
    closedir(d);
    std::vector<std::string> names = BackupNames(entries);
    for (size_t i = 0; i + size_t(keep) < names.size(); i++)
        if (unlink((dir + "/" + names[i]).c_str()) != 0) {
            *error = "cannot remove the old backup " + names[i] + ": " + strerror(errno);
            return false;
        }
    return true;
}

} // namespace store
