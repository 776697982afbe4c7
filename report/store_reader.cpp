#include "report/store_reader.hpp"

#include <sqlite3.h>

namespace report {

namespace {

std::string Col(sqlite3_stmt* st, int i) {
    const unsigned char* t = sqlite3_column_text(st, i);
    return t ? reinterpret_cast<const char*>(t) : "";
}

// Runs sql with ?1 = wijk and calls row(st) for each row.
template <class F> bool Each(sqlite3* db, const char* sql, const std::string& wijk, std::string* error, F&& row) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) {
        *error = std::string("the store database cannot be read: ") + sqlite3_errmsg(db);
        return false;
    }
    sqlite3_bind_text(st, 1, wijk.data(), int(wijk.size()), SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        row(st);
    if (rc != SQLITE_DONE)
        *error = std::string("the store database cannot be read: ") + sqlite3_errmsg(db);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE;
}

} // namespace

bool ReadStore(sqlite3* db, const std::string& wijk, Input* in, std::string* pack_body, std::string* error) {
    in->Wijk = wijk;
    pack_body->clear();
    // One transaction: every table as of one moment, while kiosks keep syncing.
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    const bool ok =
        Each(db, "SELECT body FROM packs WHERE wijk = ?1", wijk, error,
             [&](sqlite3_stmt* st) { *pack_body = Col(st, 0); }) &&
        Each(db,
             "SELECT a.device_id, a.session_id, a.question_id, a.value, a.answered_at, a.flagged FROM answers a "
             "JOIN devices d ON d.id = a.device_id WHERE d.wijk = ?1 ORDER BY a.answered_at",
             wijk, error,
             [&](sqlite3_stmt* st) {
                 in->Answers.push_back({Col(st, 0), Col(st, 1), Col(st, 2), Col(st, 3), Col(st, 4),
                                        sqlite3_column_int(st, 5) != 0});
             }) &&
        Each(db,
             "SELECT a.what, a.who, coalesce(a.due, ''), coalesce(a.answers, ''), a.status, coalesce(g.name, '') "
             "FROM agreements a LEFT JOIN group_sessions g ON g.id = a.group_session_id WHERE a.wijk = ?1 "
             "ORDER BY a.created_at",
             wijk, error,
             [&](sqlite3_stmt* st) {
                 in->Agreements.push_back({Col(st, 0), Col(st, 1), Col(st, 2), Col(st, 3), Col(st, 4), Col(st, 5)});
             }) &&
        Each(db, "SELECT id, name, held_on, present FROM group_sessions WHERE wijk = ?1 ORDER BY held_on, started_at",
             wijk, error,
             [&](sqlite3_stmt* st) {
                 in->Groups.push_back({Col(st, 0), Col(st, 1), Col(st, 2), sqlite3_column_int64(st, 3)});
             }) &&
        Each(db,
             "SELECT r.group_session_id, r.question_id, r.value, r.method, r.count FROM group_results r "
             "JOIN group_sessions g ON g.id = r.group_session_id WHERE g.wijk = ?1",
             wijk, error, [&](sqlite3_stmt* st) {
                 in->GroupResults.push_back({Col(st, 0), Col(st, 1), Col(st, 2), Col(st, 3), sqlite3_column_int64(st, 4)});
             });
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    return ok;
}

} // namespace report
