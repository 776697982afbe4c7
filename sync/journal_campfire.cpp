// The journal's part for campfire meetings (tables group_sessions, group_results and
// agreements, schema 7; docs/campfire.md). Every write is one transaction; every change
// bumps the row's revision so the sync sends it (again).
// [SECTION] helpers
// [SECTION] writing
// [SECTION] reading
// [SECTION] sync
#include "sync/journal.hpp"

#include "sync/iso_time.hpp"
#include "sync/sqlite_util.hpp"

#include <sqlite3.h>


namespace wsync {

//-----------------------------------------------------------------------------
// [SECTION] helpers
//-----------------------------------------------------------------------------

namespace {

using namespace sql; // sync/sqlite_util.hpp

std::string NowIso() { return IsoTimeMs(NowMs()); }

using Tx = sql::Transaction;

bool Fail(sqlite3* db, const std::string& what, std::string* error) {
    if (error)
        *error = what + ": " + sqlite3_errmsg(db);
    return false;
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] writing
//-----------------------------------------------------------------------------

bool Journal::SaveCampfireSession(const CampfireSessionRecord& g, std::string* error) {
    const char* what = "the campfire session could not be stored";
    Stmt st(Db, "INSERT INTO group_sessions(id, name, wijk, held_on, present, pack_id, pack_version, started_at, "
                "ended_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                "ON CONFLICT(id) DO UPDATE SET name = excluded.name, wijk = excluded.wijk, held_on = excluded.held_on, "
                "present = excluded.present, ended_at = coalesce(excluded.ended_at, ended_at), rev = rev + 1");
    return (st && st.Run(g.Id, g.Name, g.Wijk, g.HeldOn, g.Present, g.PackId, g.PackVersion,
                         g.StartedAt.empty() ? NowIso() : g.StartedAt, Optional{g.EndedAt})) ||
           Fail(Db, what, error);
}

bool Journal::EndCampfireSession(const std::string& id, const std::string& ended_at, std::string* error) {
    const char* what = "the end of the campfire session could not be stored";
    Tx tx(Db);
    if (!tx.Begun())
        return Fail(Db, what, error);
    {
        Stmt st(Db, "UPDATE group_sessions SET ended_at = ?2, rev = rev + 1 WHERE id = ?1");
        if (!st || !st.Run(id, ended_at))
            return Fail(Db, what, error);
        if (sqlite3_changes(Db) != 1) {
            if (error)
                *error = std::string(what) + ": no session " + id;
            return false;
        }
    }
    // Sent again, now final: a store that has the ended session takes only final counts,
    // so an older copy (a USB file imported late) can never undo them.
    Stmt results(Db, "UPDATE group_results SET rev = rev + 1 WHERE group_session_id = ?1");
    if (!results || !results.Run(id))
        return Fail(Db, what, error);
    return tx.Commit() || Fail(Db, what, error);
}

bool Journal::SaveCampfireCounts(const std::vector<CampfireResultRecord>& counts, std::string* error) {
    const char* what = "the group's votes could not be stored";
    for (const CampfireResultRecord& r : counts)
        if (r.Count < 0 || (r.Method != "taps" && r.Method != "hands")) {
            if (error)
                *error = std::string(what) + ": a count is below 0 or its method is not taps or hands";
            return false;
        }
    Tx tx(Db);
    if (!tx.Begun())
        return Fail(Db, what, error);
    Stmt st(Db, "INSERT INTO group_results(group_session_id, question_id, value, count, method, updated_at) "
                "VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(group_session_id, question_id, value) DO UPDATE SET "
                "count = excluded.count, method = excluded.method, updated_at = excluded.updated_at, rev = rev + 1 "
                "WHERE count != excluded.count OR method != excluded.method");
    if (!st.S)
        return Fail(Db, what, error);
    const std::string now = NowIso();
    for (const CampfireResultRecord& r : counts)
        if (!st.Run(r.SessionId, r.QuestionId, r.Value, r.Count, r.Method, now))
            return Fail(Db, what, error);
    return tx.Commit() || Fail(Db, what, error);
}

bool Journal::SaveAgreement(const AgreementRecord& a, std::string* error) {
    const char* what = "the agreement could not be stored";
    if (a.Status != "open" && a.Status != "bezig" && a.Status != "klaar") {
        if (error)
            *error = std::string(what) + ": its status must be open, bezig or klaar";
        return false;
    }
    const std::string now = NowIso();
    Stmt st(Db, "INSERT INTO agreements(id, group_session_id, wijk, what, who, due, answers, status, created_at, "
                "updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT(id) DO UPDATE SET "
                "wijk = excluded.wijk, what = excluded.what, who = excluded.who, due = excluded.due, "
                "answers = excluded.answers, status = excluded.status, updated_at = excluded.updated_at, rev = rev + 1");
    return (st && st.Run(a.Id, Optional{a.SessionId}, a.Wijk, a.What, a.Who, Optional{a.Due}, Optional{a.Answers},
                         a.Status, a.CreatedAt.empty() ? now : a.CreatedAt, a.UpdatedAt.empty() ? now : a.UpdatedAt)) ||
           Fail(Db, what, error);
}

//-----------------------------------------------------------------------------
// [SECTION] reading
//-----------------------------------------------------------------------------

namespace {

CampfireSessionRecord ReadSession(sqlite3_stmt* st) {
    CampfireSessionRecord g;
    Cols(st, &g.Id, &g.Name, &g.Wijk, &g.HeldOn, &g.Present, &g.PackId, &g.PackVersion, &g.StartedAt, &g.EndedAt, &g.Rev);
    return g;
}

CampfireResultRecord ReadResult(sqlite3_stmt* st) {
    CampfireResultRecord r;
    Cols(st, &r.SessionId, &r.QuestionId, &r.Value, &r.Count, &r.Method, &r.Rev, &r.Final);
    return r;
}

AgreementRecord ReadAgreement(sqlite3_stmt* st) {
    AgreementRecord a;
    Cols(st, &a.Id, &a.SessionId, &a.Wijk, &a.What, &a.Who, &a.Due, &a.Answers, &a.Status, &a.CreatedAt, &a.UpdatedAt,
         &a.Rev);
    return a;
}

constexpr const char* kSessionColumns =
    "id, name, wijk, held_on, present, pack_id, pack_version, started_at, ended_at, rev";
constexpr const char* kResultColumns = "r.group_session_id, r.question_id, r.value, r.count, r.method, r.rev, "
                                       "s.ended_at IS NOT NULL";
constexpr const char* kAgreementColumns =
    "id, group_session_id, wijk, what, who, due, answers, status, created_at, updated_at, rev";

// Runs sql (one text parameter, or none) and appends every row read by read to *out.
template <class T, class F>
bool ReadAll(sqlite3* db, const std::string& sql, const std::string* param, int64_t limit, F read, std::vector<T>* out,
             std::string* error) {
    Stmt st(db, sql.c_str());
    if (!st.S)
        return Fail(db, "cannot read the campfire tables", error);
    if (param)
        Bind(st.S, 1, *param);
    if (limit >= 0)
        sqlite3_bind_int64(st.S, param ? 2 : 1, limit);
    int rc;
    while ((rc = sqlite3_step(st.S)) == SQLITE_ROW)
        out->push_back(read(st.S));
    return rc == SQLITE_DONE || Fail(db, "cannot read the campfire tables", error);
}

} // namespace

bool Journal::CampfireResults(const std::string& session_id, std::vector<CampfireResultRecord>* out, std::string* error) {
    out->clear();
    return ReadAll(Db,
                   std::string("SELECT ") + kResultColumns +
                       " FROM group_results r JOIN group_sessions s ON s.id = r.group_session_id "
                       "WHERE r.group_session_id = ?1 ORDER BY r.question_id, r.value",
                   &session_id, -1, ReadResult, out, error);
}

bool Journal::Agreements(const std::string& session_id, std::vector<AgreementRecord>* out, std::string* error) {
    out->clear();
    return ReadAll(Db,
                   std::string("SELECT ") + kAgreementColumns +
                       " FROM agreements WHERE group_session_id = ?1 ORDER BY created_at, id",
                   &session_id, -1, ReadAgreement, out, error);
}

//-----------------------------------------------------------------------------
// [SECTION] sync
//-----------------------------------------------------------------------------

bool Journal::CampfireWaiting(size_t max_items, CampfireBatch* out, std::string* error) {
    *out = {};
    out->DeviceId = Device;
    int64_t left = int64_t(max_items);
    if (!ReadAll(Db,
                 std::string("SELECT ") + kSessionColumns +
                     " FROM group_sessions WHERE rev > synced_rev ORDER BY started_at, id LIMIT ?1",
                 nullptr, left, ReadSession, &out->Sessions, error))
        return false;
    left -= int64_t(out->Sessions.size());
    if (left > 0 && !ReadAll(Db,
                             std::string("SELECT ") + kResultColumns +
                                 " FROM group_results r JOIN group_sessions s ON s.id = r.group_session_id "
                                 "WHERE r.rev > r.synced_rev ORDER BY r.group_session_id, r.question_id, r.value "
                                 "LIMIT ?1",
                             nullptr, left, ReadResult, &out->Results, error))
        return false;
    left -= int64_t(out->Results.size());
    if (left > 0 && !ReadAll(Db,
                             std::string("SELECT ") + kAgreementColumns +
                                 " FROM agreements WHERE rev > synced_rev ORDER BY created_at, id LIMIT ?1",
                             nullptr, left, ReadAgreement, &out->Agreements, error))
        return false;
    return true;
}

bool Journal::MarkCampfireSynced(const CampfireBatch& ack, std::string* error) {
    const char* what = "cannot mark campfire data synced";
    Tx tx(Db);
    if (!tx.Begun())
        return Fail(Db, what, error);
    // max(): an acknowledgement of an older revision never marks a newer one synced.
    Stmt session(Db, "UPDATE group_sessions SET synced_rev = max(synced_rev, ?2) WHERE id = ?1");
    Stmt result(Db, "UPDATE group_results SET synced_rev = max(synced_rev, ?4) "
                    "WHERE group_session_id = ?1 AND question_id = ?2 AND value = ?3");
    Stmt agreement(Db, "UPDATE agreements SET synced_rev = max(synced_rev, ?2) WHERE id = ?1");
    if (!session.S || !result.S || !agreement.S)
        return Fail(Db, what, error);
    for (const CampfireSessionRecord& g : ack.Sessions)
        if (!session.Run(g.Id, g.Rev))
            return Fail(Db, what, error);
    for (const CampfireResultRecord& r : ack.Results)
        if (!result.Run(r.SessionId, r.QuestionId, r.Value, r.Rev))
            return Fail(Db, what, error);
    for (const AgreementRecord& a : ack.Agreements)
        if (!agreement.Run(a.Id, a.Rev))
            return Fail(Db, what, error);
    return tx.Commit() || Fail(Db, what, error);
}

} // namespace wsync
