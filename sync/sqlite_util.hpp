// Small SQLite helpers shared by the journal (sync/journal*.cpp) and the store
// (store/*.cpp): binding and reading text, a statement that finalizes itself, SQL
// execution with a message, and the two time stamps the databases hold.
#pragma once
#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <string>

namespace wsync::sql {

inline void Bind(sqlite3_stmt* st, int i, const std::string& s) {
    sqlite3_bind_text(st, i, s.data(), int(s.size()), SQLITE_TRANSIENT);
}

// An empty text is stored as NULL (an optional field).
inline void BindOptional(sqlite3_stmt* st, int i, const std::string& s) {
    if (s.empty())
        sqlite3_bind_null(st, i);
    else
        Bind(st, i, s);
}

// A column as text; NULL reads as "".
inline std::string Col(sqlite3_stmt* st, int i) {
    const unsigned char* t = sqlite3_column_text(st, i);
    return t ? reinterpret_cast<const char*>(t) : "";
}

// A prepared statement that finalizes itself (S is null when the SQL did not compile).
struct Stmt {
    sqlite3_stmt* S = nullptr;
    Stmt(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &S, nullptr); }
    ~Stmt() { sqlite3_finalize(S); }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    explicit operator bool() const { return S != nullptr; }
    // Ready for a new use (the caller binds anew).
    sqlite3_stmt* Reset() {
        sqlite3_reset(S);
        sqlite3_clear_bindings(S);
        return S;
    }
};

// Runs sql (one or more statements); false with SQLite's message in *error.
inline bool Exec(sqlite3* db, const char* sql, std::string* error) {
    char* msg = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &msg) == SQLITE_OK)
        return true;
    if (error)
        *error = msg ? msg : sqlite3_errmsg(db);
    sqlite3_free(msg);
    return false;
}

inline int64_t NowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// "2026-11-28T12:00:00.123Z": the journal's times (to the millisecond, UTC).
inline std::string Iso8601Ms(int64_t unix_ms) {
    time_t secs = time_t(unix_ms / 1000);
    struct tm tm;
    gmtime_r(&secs, &tm);
    char buf[64];
    snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
             tm.tm_hour, tm.tm_min, tm.tm_sec, int(unix_ms % 1000));
    return buf;
}

// "2026-11-28T12:00:00Z": the store's times (to the second, UTC).
inline std::string IsoNowSeconds() {
    time_t t = time(nullptr);
    struct tm tm;
    gmtime_r(&t, &tm);
    char buf[32];
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

} // namespace wsync::sql
