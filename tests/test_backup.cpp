// store/backup: a consistent 0600 copy of a live store, and the nightly rotation's names.
#include "store/backup.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <sys/stat.h>

namespace fs = std::filesystem;

namespace {

fs::path TempDir() {
    char tmpl[] = "/tmp/wijkstem-backup-XXXXXX";
    REQUIRE(mkdtemp(tmpl) != nullptr);
    return tmpl;
}

long long CountRows(const std::string& db) {
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(h, "SELECT count(*) FROM t", -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    long long n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return n;
}

} // namespace

TEST_CASE("backup: a copy of a WAL database with an open writer, mode 0600") {
    fs::path dir = TempDir();
    const std::string db = (dir / "store.db").string();
    sqlite3* w = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &w) == SQLITE_OK);
    REQUIRE(sqlite3_exec(w, "PRAGMA journal_mode=WAL; CREATE TABLE t(x); INSERT INTO t VALUES (1), (2), (3);",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    // An open transaction that has not committed: the copy must not see it.
    REQUIRE(sqlite3_exec(w, "BEGIN; INSERT INTO t VALUES (4);", nullptr, nullptr, nullptr) == SQLITE_OK);
    std::string error;
    const std::string out = (dir / "copy.db").string();
    REQUIRE_MESSAGE(store::BackupTo(db, out, &error), error);
    CHECK(CountRows(out) == 3);
    struct stat st;
    REQUIRE(stat(out.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    sqlite3_exec(w, "COMMIT", nullptr, nullptr, nullptr);
    REQUIRE(store::BackupTo(db, out, &error)); // an existing copy is replaced
    CHECK(CountRows(out) == 4);
    sqlite3_close(w);
    CHECK(!fs::exists(dir / "copy.db-wal"));

    SUBCASE("a missing database is an error and creates nothing") {
        CHECK(!store::BackupTo((dir / "none.db").string(), (dir / "x.db").string(), &error));
        CHECK(error.find("none.db") != std::string::npos);
        CHECK(!fs::exists(dir / "none.db"));
        CHECK(!fs::exists(dir / "x.db"));
    }
    SUBCASE("rotation keeps the newest N and nothing else is touched") {
        const fs::path nightly = dir / "nightly";
        fs::create_directory(nightly);
        for (const char* n : {"wijkstem-store-20260101-030000.db", "wijkstem-store-20260102-030000.db",
                              "wijkstem-store-20260103-030000.db", "README"})
            std::ofstream(nightly / n) << "x";
        std::string written;
        REQUIRE_MESSAGE(store::BackupRotate(db, nightly.string(), 2, &written, &error), error);
        CHECK(CountRows(written) == 4);
        CHECK(!fs::exists(nightly / "wijkstem-store-20260101-030000.db"));
        CHECK(!fs::exists(nightly / "wijkstem-store-20260102-030000.db"));
        CHECK(fs::exists(nightly / "wijkstem-store-20260103-030000.db"));
        CHECK(fs::exists(nightly / "README"));
        CHECK(!store::BackupRotate(db, nightly.string(), 0, &written, &error));
    }
    fs::remove_all(dir);
}

TEST_CASE("backup: names sort by time and only exact backup names count") {
    CHECK(store::BackupName(0) == "wijkstem-store-19700101-000000.db");
    CHECK(store::BackupName(1796443200) == "wijkstem-store-20261205-040000.db");
    auto names = store::BackupNames({"wijkstem-store-20261205-040000.db", "wijkstem-store-20261204-040000.db", ".",
                                     "wijkstem-store-2026120-040000.db", "wijkstem-store-20261204-040000.db.tmp-12",
                                     "store.db", "wijkstem-store-2026x204-040000.db"});
    REQUIRE(names.size() == 2);
    CHECK(names[0] == "wijkstem-store-20261204-040000.db");
    CHECK(names[1] == "wijkstem-store-20261205-040000.db");
}
