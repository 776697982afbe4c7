// The journal's part for campfire meetings (tables group_sessions, group_results and
// agreements, schema 7; docs/campfire.md). Every write is one transaction; every change
// bumps the row's revision so the sync sends it (again).
// [SECTION] helpers
// [SECTION] writing
// [SECTION] reading
// [SECTION] sync
#include "sync/journal.hpp"

#include "sync/campfire_batch.hpp"
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
// [SECTION] stap 3: agreement changes, notes, the wijk's agreements
//-----------------------------------------------------------------------------

bool Journal::CreateStap3Tables(std::string* error) {
    return Exec(Db, R"sql(
    CREATE TABLE IF NOT EXISTS agreement_changes (  -- every change of an agreement's status and note
        id           TEXT PRIMARY KEY,              -- UUID made where it was changed
        agreement_id TEXT NOT NULL,                 -- this kiosk's agreement, or one from the store
        status       TEXT NOT NULL CHECK (status IN ('open', 'bezig', 'gedaan', 'lukt-niet')),
        note         TEXT NOT NULL DEFAULT '',
        at           TEXT NOT NULL,
        source       TEXT NOT NULL,                 -- the device id that changed it, "cli", "console:USER"
        rev          INTEGER NOT NULL DEFAULT 1,
        synced_rev   INTEGER NOT NULL DEFAULT 0     -- from the store: = rev, nothing to send
    );
    CREATE INDEX IF NOT EXISTS agreement_changes_agreement ON agreement_changes(agreement_id, at);
    CREATE TABLE IF NOT EXISTS group_notes (        -- what was said per question at a meeting
        group_session_id TEXT NOT NULL REFERENCES group_sessions(id),
        question_id      TEXT NOT NULL,
        note             TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        rev              INTEGER NOT NULL DEFAULT 1,
        synced_rev       INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (group_session_id, question_id)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS wijk_agreements (    -- the wijk's agreements as the store last sent them
        id           TEXT PRIMARY KEY,
        wijk         TEXT NOT NULL,
        what         TEXT NOT NULL,
        who          TEXT NOT NULL,
        due          TEXT NOT NULL,
        answers      TEXT NOT NULL,
        status       TEXT NOT NULL,
        note         TEXT NOT NULL,
        status_at    TEXT NOT NULL,
        status_source TEXT NOT NULL,
        session_name TEXT NOT NULL,
        held_on      TEXT NOT NULL,
        created_at   TEXT NOT NULL
    );
    )sql",
                error);
}

bool Journal::SaveAgreementChange(const AgreementChangeRecord& c, std::string* error) {
    const char* what = "the agreement's status could not be stored";
    std::string why;
    if (!IsAgreementStatus(c.Status) || Utf8Chars(c.Note) > kMaxAgreementNote) {
        if (error)
            *error = std::string(what) + ": its status must be open, bezig, gedaan or lukt-niet, its note at most " +
                     std::to_string(kMaxAgreementNote) + " characters";
        return false;
    }
    Stmt st(Db, "INSERT INTO agreement_changes(id, agreement_id, status, note, at, source) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    return (st && st.Run(c.Id, c.AgreementId, c.Status, c.Note, c.At.empty() ? NowIso() : c.At, c.Source)) ||
           Fail(Db, what, error);
}

bool Journal::SaveGroupNote(const GroupNoteRecord& n, std::string* error) {
    const char* what = "the note could not be stored";
    if (Utf8Chars(n.Note) > kMaxGroupNote) {
        if (error)
            *error = std::string(what) + ": it is longer than " + std::to_string(kMaxGroupNote) + " characters";
        return false;
    }
    Stmt st(Db, "INSERT INTO group_notes(group_session_id, question_id, note, updated_at) VALUES(?1, ?2, ?3, ?4) "
                "ON CONFLICT(group_session_id, question_id) DO UPDATE SET note = excluded.note, "
                "updated_at = excluded.updated_at, rev = rev + 1 WHERE note != excluded.note");
    return (st && st.Run(n.SessionId, n.QuestionId, n.Note, n.UpdatedAt.empty() ? NowIso() : n.UpdatedAt)) ||
           Fail(Db, what, error);
}

bool Journal::SetWijkAgreements(const std::vector<AgreementRecord>& list, const std::vector<AgreementChangeRecord>& history,
                                std::string* error) {
    const char* what = "cannot keep the wijk's agreements";
    Tx tx(Db);
    if (!tx.Begun() || !Exec(Db, "DELETE FROM wijk_agreements", error))
        return Fail(Db, what, error);
    Stmt put(Db, "INSERT OR REPLACE INTO wijk_agreements(id, wijk, what, who, due, answers, status, note, status_at, "
                 "status_source, session_name, held_on, created_at) "
                 "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    Stmt change(Db, "INSERT OR IGNORE INTO agreement_changes(id, agreement_id, status, note, at, source, rev, synced_rev) "
                    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, 1, 1)");
    if (!put || !change)
        return Fail(Db, what, error);
    for (const AgreementRecord& a : list)
        if (!put.Run(a.Id, a.Wijk, a.What, a.Who, a.Due, a.Answers, NormalAgreementStatus(a.Status), a.Note,
                     a.StatusAt, a.StatusSource, a.SessionName, a.HeldOn, a.CreatedAt))
            return Fail(Db, what, error);
    for (const AgreementChangeRecord& c : history)
        if (!change.Run(c.Id, c.AgreementId, c.Status, c.Note, c.At, c.Source))
            return Fail(Db, what, error);
    return tx.Commit() || Fail(Db, what, error);
}

bool Journal::PreviousAgreements(const std::string& wijk, const std::string& session_id,
                                 std::vector<AgreementRecord>* out, std::string* error) {
    out->clear();
    // This kiosk's agreements of other sessions, then the store's that are not among them;
    // each with its base status and time, then the latest change later than that.
    Stmt st(Db, R"sql(
    WITH base(id, wijk, what, who, due, answers, status, note, at, source, session_name, held_on, created_at) AS (
        SELECT a.id, a.wijk, a.what, a.who, coalesce(a.due, ''), coalesce(a.answers, ''),
               CASE a.status WHEN 'klaar' THEN 'gedaan' ELSE a.status END, '', a.updated_at,
               (SELECT id FROM device), coalesce(s.name, ''), coalesce(s.held_on, ''), a.created_at
        FROM agreements a LEFT JOIN group_sessions s ON s.id = a.group_session_id
        WHERE a.wijk = ?1 AND coalesce(a.group_session_id, '') != ?2
        UNION ALL
        SELECT id, wijk, what, who, due, answers, status, note, status_at, status_source, session_name, held_on,
               created_at FROM wijk_agreements w
        WHERE w.wijk = ?1 AND NOT EXISTS (SELECT 1 FROM agreements a WHERE a.id = w.id))
    SELECT b.id, b.wijk, b.what, b.who, b.due, b.answers, b.session_name, b.held_on, b.created_at,
           coalesce(c.status, b.status), coalesce(c.note, b.note), coalesce(c.at, b.at), coalesce(c.source, b.source)
    FROM base b LEFT JOIN agreement_changes c ON c.id = (
        SELECT id FROM agreement_changes WHERE agreement_id = b.id AND at > b.at ORDER BY at DESC, id DESC LIMIT 1)
    ORDER BY b.created_at, b.id
    )sql");
    if (!st)
        return Fail(Db, "cannot read the agreements", error);
    BindAll(st.S, wijk, session_id);
    int rc;
    while ((rc = sqlite3_step(st.S)) == SQLITE_ROW) {
        AgreementRecord a;
        Cols(st.S, &a.Id, &a.Wijk, &a.What, &a.Who, &a.Due, &a.Answers, &a.SessionName, &a.HeldOn, &a.CreatedAt,
             &a.Status, &a.Note, &a.StatusAt, &a.StatusSource);
        out->push_back(a);
    }
    return rc == SQLITE_DONE || Fail(Db, "cannot read the agreements", error);
}

bool Journal::AgreementHistory(const std::string& agreement_id, std::vector<AgreementChangeRecord>* out,
                               std::string* error) {
    out->clear();
    Stmt st(Db, "SELECT id, agreement_id, status, note, at, source, rev FROM agreement_changes WHERE agreement_id = ?1 "
                "ORDER BY at, id");
    if (!st)
        return Fail(Db, "cannot read the agreement's history", error);
    Bind(st.S, 1, agreement_id);
    int rc;
    while ((rc = sqlite3_step(st.S)) == SQLITE_ROW) {
        AgreementChangeRecord c;
        Cols(st.S, &c.Id, &c.AgreementId, &c.Status, &c.Note, &c.At, &c.Source, &c.Rev);
        out->push_back(c);
    }
    return rc == SQLITE_DONE || Fail(Db, "cannot read the agreement's history", error);
}

bool Journal::GroupNotes(const std::string& session_id, std::vector<GroupNoteRecord>* out, std::string* error) {
    out->clear();
    Stmt st(Db, "SELECT group_session_id, question_id, note, updated_at, rev FROM group_notes "
                "WHERE group_session_id = ?1 AND note != '' ORDER BY question_id");
    if (!st)
        return Fail(Db, "cannot read the notes", error);
    Bind(st.S, 1, session_id);
    int rc;
    while ((rc = sqlite3_step(st.S)) == SQLITE_ROW) {
        GroupNoteRecord n;
        Cols(st.S, &n.SessionId, &n.QuestionId, &n.Note, &n.UpdatedAt, &n.Rev);
        out->push_back(n);
    }
    return rc == SQLITE_DONE || Fail(Db, "cannot read the notes", error);
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
    left -= int64_t(out->Agreements.size());
    auto read_change = [](sqlite3_stmt* st) {
        AgreementChangeRecord c;
        Cols(st, &c.Id, &c.AgreementId, &c.Status, &c.Note, &c.At, &c.Source, &c.Rev);
        return c;
    };
    if (left > 0 && !ReadAll(Db,
                             "SELECT id, agreement_id, status, note, at, source, rev FROM agreement_changes "
                             "WHERE rev > synced_rev ORDER BY at, id LIMIT ?1",
                             nullptr, left, read_change, &out->Changes, error))
        return false;
    left -= int64_t(out->Changes.size());
    auto read_note = [](sqlite3_stmt* st) {
        GroupNoteRecord n;
        Cols(st, &n.SessionId, &n.QuestionId, &n.Note, &n.UpdatedAt, &n.Rev);
        return n;
    };
    if (left > 0 && !ReadAll(Db,
                             "SELECT group_session_id, question_id, note, updated_at, rev FROM group_notes "
                             "WHERE rev > synced_rev ORDER BY group_session_id, question_id LIMIT ?1",
                             nullptr, left, read_note, &out->Notes, error))
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
    Stmt change(Db, "UPDATE agreement_changes SET synced_rev = max(synced_rev, ?2) WHERE id = ?1");
    Stmt note(Db, "UPDATE group_notes SET synced_rev = max(synced_rev, ?3) WHERE group_session_id = ?1 AND question_id = ?2");
    if (!change.S || !note.S)
        return Fail(Db, what, error);
    for (const AgreementChangeRecord& c : ack.Changes)
        if (!change.Run(c.Id, c.Rev))
            return Fail(Db, what, error);
    for (const GroupNoteRecord& n : ack.Notes)
        if (!note.Run(n.SessionId, n.QuestionId, n.Rev))
            return Fail(Db, what, error);
    return tx.Commit() || Fail(Db, what, error);
}

} // namespace wsync
