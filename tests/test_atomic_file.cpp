// sync/atomic_file: the order of the system calls that make a file survive a power cut
// (issue 17): write the temporary file, fsync it, rename it into place, fsync the folder.
// A recording FileOps (the seam) sees the calls of every writer that uses the helper: the
// helper itself (also the pack a store sends, sync/client.cpp), the USB batch file and the
// report folder. The campfire export's case is in test_campfire_export.cpp (the kiosk's
// test binary).
#include "store/report/write.hpp"
#include "sync/atomic_file.hpp"
#include "sync/batch_file.hpp"
#include "sync/journal.hpp"
#include "sync/iso_time.hpp"
#include "sync/sqlite_util.hpp"
#include "sync/uuid.hpp"

#include <doctest/doctest.h>

#include <cerrno>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace wsync;

namespace {

// Each call as "op path" (write/fsync/close name the path their descriptor was opened with).
std::vector<std::string> g_calls;
std::map<int, std::string> g_fds;
std::string g_fail_op; // "fsync", "rename", ...: that call fails with EIO

bool Failing(const char* op) {
    if (g_fail_op != op)
        return false;
    errno = EIO;
    return true;
}
int ROpen(const char* path, int flags, mode_t mode) {
    int fd = open(path, flags, mode);
    if (fd >= 0)
        g_fds[fd] = path;
    g_calls.push_back(std::string((flags & O_DIRECTORY) ? "opendir " : "open ") + path);
    return fd;
}
ssize_t RWrite(int fd, const void* p, size_t n) {
    g_calls.push_back("write " + g_fds[fd]);
    return Failing("write") ? -1 : write(fd, p, n);
}
int RFsync(int fd) {
    g_calls.push_back("fsync " + g_fds[fd]);
    return Failing("fsync") ? -1 : fsync(fd);
}
int RClose(int fd) {
    g_calls.push_back("close " + g_fds[fd]);
    g_fds.erase(fd);
    return close(fd);
}
int RRename(const char* from, const char* to) {
    g_calls.push_back(std::string("rename ") + from + " -> " + to);
    return Failing("rename") ? -1 : rename(from, to);
}
int RUnlink(const char* path) {
    g_calls.push_back(std::string("unlink ") + path);
    return unlink(path);
}
const FileOps kRecording = {ROpen, RWrite, RFsync, RClose, RRename, RUnlink};

struct Recording {
    std::string Dir;
    Recording() {
        char tmpl[] = "/tmp/wijkstem-atomic-XXXXXX";
        Dir = mkdtemp(tmpl);
        g_calls.clear();
        g_fds.clear();
        g_fail_op.clear();
        SetFileOpsForTest(&kRecording);
    }
    ~Recording() {
        SetFileOpsForTest(nullptr);
        fs::remove_all(Dir);
    }
    // Index of the first call that starts with prefix, after position from; -1 if none.
    int Find(const std::string& prefix, int from = 0) const {
        for (size_t i = size_t(std::max(from, 0)); i < g_calls.size(); i++)
            if (g_calls[i].rfind(prefix, 0) == 0)
                return int(i);
        return -1;
    }
    int FindExact(const std::string& call, int from = 0) const {
        for (size_t i = size_t(std::max(from, 0)); i < g_calls.size(); i++)
            if (g_calls[i] == call)
                return int(i);
        return -1;
    }
    std::string Calls() const {
        std::string s;
        for (const std::string& c : g_calls)
            s += "\n  " + c;
        return s;
    }
};

// The promise for one file: written under a temporary name, fsynced, renamed to final,
// and then the folder fsynced; in that order.
void CheckAtomicOrder(const Recording& r, const std::string& final_path) {
    INFO("calls:" << r.Calls());
    const int rename = r.Find("rename ");
    REQUIRE(rename >= 0);
    const std::string call = g_calls[size_t(rename)];
    const std::string tmp = call.substr(7, call.find(" -> ") - 7);
    CHECK(call.substr(call.find(" -> ") + 4) == final_path);
    CHECK(tmp != final_path);
    CHECK(fs::path(tmp).parent_path() == fs::path(final_path).parent_path()); // same folder: rename is atomic
    const int write = r.Find("write " + tmp), sync = r.Find("fsync " + tmp);
    CHECK(write >= 0);
    CHECK(sync > write);
    CHECK(rename > sync);
    CHECK(r.Find("write " + tmp, sync) == -1); // nothing written after its fsync
    const std::string dir = fs::path(final_path).parent_path().string();
    CHECK(r.FindExact("fsync " + dir, rename) > rename);
}

} // namespace

TEST_CASE("atomic file: write, fsync, rename, fsync the folder; a failure leaves the old file and no temporary") {
    Recording r;
    const std::string path = r.Dir + "/pack.json";
    std::string error;
    REQUIRE_MESSAGE(WriteFileAtomically(path, "{\"new\": 1}", &error), error);
    CheckAtomicOrder(r, path);
    for (const char* op : {"write", "fsync", "rename"}) {
        CAPTURE(op);
        g_calls.clear();
        g_fail_op = op;
        CHECK_FALSE(WriteFileAtomically(path, "{\"newer\": 2}", &error));
        CHECK(error.find("Input/output error") != std::string::npos);
        CHECK(r.Find("unlink ") >= 0);
        std::ifstream in(path);
        std::string kept((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        CHECK(kept == "{\"new\": 1}");
        CHECK(std::distance(fs::directory_iterator(r.Dir), fs::directory_iterator()) == 1);
    }
}

TEST_CASE("atomic file: the USB batch file is written, fsynced, renamed, and its folder fsynced") {
    Recording r;
    std::string error, path, message;
    auto j = Journal::Open(JournalPath(r.Dir), &error);
    REQUIRE_MESSAGE(j, error);
    AnswerRecord a{NewUuidV4(), "gronings-model", "2.4.0", "buurt-gevoel", "4", "nl", NowMs(), false};
    REQUIRE(j->Commit(a, nullptr, &error));
    fs::create_directory(r.Dir + "/usb");
    g_calls.clear();
    REQUIRE_MESSAGE(WriteBatchFile(*j, r.Dir + "/usb", &path, &message), message);
    CheckAtomicOrder(r, path);
}

TEST_CASE("atomic file: the report folder: every file fsynced, the folder renamed into place, its parent fsynced") {
    Recording r;
    std::string error;
    report::Report rep;
    report::Written w;
    const std::string out = r.Dir + "/rapport";
    REQUIRE_MESSAGE(report::WriteReport(rep, out, &w, &error), error);
    INFO("calls:" << r.Calls());
    const int rename = r.Find("rename ");
    REQUIRE(rename >= 0);
    const std::string call = g_calls[size_t(rename)];
    const std::string tmp = call.substr(7, call.find(" -> ") - 7);
    CHECK(call.substr(call.find(" -> ") + 4) == out);
    // Every file inside the temporary folder was fsynced before the rename, none after.
    int files = 0;
    for (int i = 0; i < rename; i++)
        if (g_calls[size_t(i)].rfind("write " + tmp + "/", 0) == 0) {
            files++;
            const std::string file = g_calls[size_t(i)].substr(6);
            const int sync = r.Find("fsync " + file, i);
            CHECK(sync > i);
            CHECK(sync < rename);
        }
    CHECK(files >= 2); // index.html, counts.csv (and the marker)
    const int tmp_sync = r.FindExact("fsync " + tmp);
    CHECK(tmp_sync >= 0);
    CHECK(tmp_sync < rename);
    CHECK(r.FindExact("fsync " + r.Dir, rename) > rename);
}
