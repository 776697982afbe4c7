// What the store-side unit tests share: a temporary folder that is removed afterwards, a
// real store database in one, enrolling a kiosk there, and reading or writing a whole file.
#pragma once
#include "content/pack_loader.hpp"
#include "store/store.hpp"
#include "sync/signing.hpp"

#include "store/db.hpp"
#include "sync/uuid.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

namespace fixtures {

// A new folder under /tmp, removed with everything in it at the end of the test.
struct TempDir {
    std::string Dir;            // as text: Dir + "/store.db"
    std::filesystem::path Path; // the same, as a path: Path / "rapport"
    explicit TempDir(const char* name = "test") {
        std::string tmpl = std::string("/tmp/wijkstem-") + name + "-XXXXXX";
        REQUIRE(mkdtemp(tmpl.data()) != nullptr);
        Dir = tmpl;
        Path = Dir;
    }
    ~TempDir() { std::filesystem::remove_all(Path); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

// The bundled pack's version: answers under it are checked against the pack.
inline std::string BundledPackVersion() {
    static const std::string version = content::LoadPack(WIJKSTEM_SOURCE_DIR "/content/packs/gronings-model").Pack.Version;
    return version;
}

// The first column of the first row of sql, as text ("" when there is none): on a kiosk's
// journal (SQLite) or on the store's database (either backend).
inline std::string QueryText(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    std::string v;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return v;
}
inline std::string QueryText(store::db::Conn* db, const std::string& sql) {
    store::db::Stmt st(db, sql);
    const store::db::StepResult rc = st.Step();
    REQUIRE_MESSAGE(rc != store::db::kError, db->Error());
    return rc == store::db::kRow ? st.Text(0) : "";
}

// The first column of every row of sql, joined with commas (SQLite's group_concat, which
// PostgreSQL spells otherwise).
inline std::string QueryColumn(store::db::Conn* db, const std::string& sql) {
    store::db::Stmt st(db, sql);
    std::string out;
    store::db::StepResult rc;
    while ((rc = st.Step()) == store::db::kRow)
        out += (out.empty() ? "" : ",") + st.Text(0);
    REQUIRE_MESSAGE(rc == store::db::kDone, db->Error());
    return out;
}

// A table's column names in order, joined with commas.
inline std::string TableColumns(store::db::Conn* db, const std::string& table) {
    return QueryColumn(db, db->Kind() == store::db::Backend::Sqlite
                               ? "SELECT name FROM pragma_table_info('" + table + "')"
                               : "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                                 "current_schema() AND table_name = '" + table + "' ORDER BY ordinal_position");
}

// Runs sql (no rows wanted) on the store's own database, whichever backend.
inline void ExecSql(store::db::Conn* db, const std::string& sql) {
    std::string error;
    REQUIRE_MESSAGE(db->Exec(sql, &error), error);
}

// Where the store-side tests keep a store: a SQLite file in the test's folder, or, when the
// tests run under tests/pg_cluster.sh (WIJKSTEM_PG_URL set: ctest's *_pg entries), a schema
// of its own in that PostgreSQL, dropped at the end. One suite, both backends (issue 18).
struct StoreTarget {
    std::string Url; // what Store::Open gets
    std::string Schema; // PostgreSQL only
    std::string Base;   // the cluster's URL
    // sqlite_only: a test of SQLite's own matters (its migrations, its file).
    explicit StoreTarget(const std::string& dir, bool sqlite_only = false) {
        const char* pg = std::getenv("WIJKSTEM_PG_URL");
        if (!pg || !*pg || sqlite_only) {
            Url = dir + "/store.db";
            return;
        }
        Base = pg;
        std::string id = wsync::NewUuidV4();
        id.erase(std::remove(id.begin(), id.end(), '-'), id.end());
        Schema = "t_" + id;
        std::string error;
        auto admin = store::db::Open(Base, false, &error);
        REQUIRE_MESSAGE(admin, error);
        ExecSql(admin.get(), "CREATE SCHEMA " + Schema);
        Url = Base + (Base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + Schema;
    }
    ~StoreTarget() {
        if (Schema.empty())
            return;
        std::string error;
        if (auto admin = store::db::Open(Base, false, &error))
            admin->Exec("DROP SCHEMA " + Schema + " CASCADE", &error);
    }
    StoreTarget(const StoreTarget&) = delete;
    StoreTarget& operator=(const StoreTarget&) = delete;
    bool Postgres() const { return !Schema.empty(); }
};

inline std::string Slurp(const std::filesystem::path& path) {
    std::ifstream f(path, std::ios::binary);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
}

inline void WriteAll(const std::filesystem::path& path, const std::string& data) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f << data;
}

// Enrols device at the store in wijk with its public key (a new key pair when empty); the token.
inline std::string Enrol(store::Store& s, const std::string& device, const std::string& wijk,
                         std::string public_key = "") {
    std::string code, token, got_wijk, error, secret;
    REQUIRE(s.NewEnrollCode(wijk, &code, &error));
    if (public_key.empty())
        REQUIRE(wsync::NewSigningKey(&public_key, &secret, &error));
    bool forbidden = false;
    REQUIRE_MESSAGE(s.Enroll(code, device, public_key, &token, &got_wijk, &forbidden, &error), error);
    CHECK(got_wijk == wijk);
    return token;
}

// A store database in a folder of its own: a real file, or a real PostgreSQL (StoreTarget).
struct TempStore : TempDir {
    StoreTarget Target;
    std::unique_ptr<store::Store> S;
    explicit TempStore(const char* name = "store", bool sqlite_only = false)
        : TempDir(name), Target(Dir, sqlite_only) {
        std::string error;
        S = store::Store::Open(Target.Url, &error);
        REQUIRE_MESSAGE(S, error);
    }
    ~TempStore() { S.reset(); } // closed before the folder goes
    // Enrols a new device; returns its token.
    std::string Enrol(const std::string& device, const std::string& wijk = "Selwerd") {
        return fixtures::Enrol(*S, device, wijk);
    }
};

} // namespace fixtures
