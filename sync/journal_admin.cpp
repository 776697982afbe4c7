// The journal's part for the facilitator: the PIN's hash and the log of attempts at it
// (tables admin_pin and pin_attempts, schema 6). The PIN itself is never stored.
#include "sync/journal.hpp"

#include "sync/iso_time.hpp"
#include "sync/sqlite_util.hpp"

#include <sqlite3.h>

#include <chrono>
#include <ctime>

namespace wsync {

namespace {

// Runs one statement with text parameters; false and *error when it fails.
bool Run(sqlite3* db, const char* sql, std::initializer_list<std::string> params, const char* what,
         std::string* error) {
    sqlite3_stmt* st = nullptr;
    bool ok = sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK;
    int i = 1;
    for (const std::string& p : params)
        if (ok)
            sql::Bind(st, i++, p);
    ok = ok && sqlite3_step(st) == SQLITE_DONE;
    if (!ok && error)
        *error = std::string(what) + ": " + sqlite3_errmsg(db);
    sqlite3_finalize(st);
    return ok;
}

} // namespace

bool Journal::SetPinHash(const std::string& hash, std::string* error) {
    return Run(Db, "INSERT INTO admin_pin(id, hash, set_at) VALUES(1, ?1, ?2) "
                   "ON CONFLICT(id) DO UPDATE SET hash = excluded.hash, set_at = excluded.set_at",
               {hash, IsoTimeMs(NowMs())}, "cannot store the PIN", error);
}

bool Journal::GetPinHash(std::string* hash) {
    sqlite3_stmt* st = nullptr;
    bool found = false;
    if (sqlite3_prepare_v2(Db, "SELECT hash FROM admin_pin WHERE id = 1", -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char* t = sqlite3_column_text(st, 0);
        *hash = t ? reinterpret_cast<const char*>(t) : "";
        found = !hash->empty();
    }
    sqlite3_finalize(st);
    return found;
}

bool Journal::LogPinAttempt(const std::string& result, std::string* error) {
    return Run(Db, "INSERT INTO pin_attempts(at, ok, result) VALUES(?1, ?2 = 'ok', ?2)", {IsoTimeMs(NowMs()), result},
               "cannot log the PIN attempt", error);
}

bool Journal::PinAttempts(PinAttemptCounts* out, std::string* error) {
    *out = {};
    sqlite3_stmt* st = nullptr;
    // Wrong in a row: the wrong ones after the last right one and after the PIN was last
    // set ("delayed" ones were not checked). A new PIN from set-pin starts afresh.
    const char* sql = "SELECT count(*), coalesce(sum(result = 'wrong'), 0), "
                      "  (SELECT count(*) FROM pin_attempts WHERE result = 'wrong' AND "
                      "   id > coalesce((SELECT max(id) FROM pin_attempts WHERE ok), 0) AND "
                      "   at >= coalesce((SELECT set_at FROM admin_pin), '')) "
                      "FROM pin_attempts";
    if (sqlite3_prepare_v2(Db, sql, -1, &st, nullptr) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
        if (error)
            *error = std::string("cannot read the PIN attempts: ") + sqlite3_errmsg(Db);
        sqlite3_finalize(st);
        return false;
    }
    out->Total = sqlite3_column_int64(st, 0);
    out->Wrong = sqlite3_column_int64(st, 1);
    out->WrongInARow = sqlite3_column_int64(st, 2);
    sqlite3_finalize(st);
    return true;
}

} // namespace wsync
