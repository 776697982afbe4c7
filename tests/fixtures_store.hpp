// What the store-side unit tests share: a temporary folder that is removed afterwards, a
// real store database in one, enrolling a kiosk there, and reading or writing a whole file.
#pragma once
#include "content/pack_loader.hpp"
#include "store/store.hpp"
#include "sync/signing.hpp"

#include <sqlite3.h>

#include <doctest/doctest.h>

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

// The first column of the first row of sql, as text ("" when there is none).
inline std::string QueryText(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    std::string v;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return v;
}

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

// A store database on a real file in a folder of its own.
struct TempStore : TempDir {
    std::unique_ptr<store::Store> S;
    explicit TempStore(const char* name = "store") : TempDir(name) {
        std::string error;
        S = store::Store::Open(Dir + "/store.db", &error);
        REQUIRE_MESSAGE(S, error);
    }
    ~TempStore() { S.reset(); } // closed before the folder goes
    // Enrols a new device; returns its token.
    std::string Enrol(const std::string& device, const std::string& wijk = "Selwerd") {
        return fixtures::Enrol(*S, device, wijk);
    }
};

} // namespace fixtures
