// The store's side of campfire meetings (docs/sync-protocol.md, "Campfire meetings"):
// a kiosk's group sessions, group results and agreements into the schema-2 tables, in
// one transaction per request.
//
//   item        new                  same again        changed                    from another kiosk
//   session     stored               already_stored    stored (ended_at is kept   conflict
//                                                       once set: never un-ended)
//   result      stored               already_stored    stored; but a result that  invalid (not its
//                                                       is not final for a session  session)
//                                                       that has ended is an older
//                                                       copy: already_stored, ignored
//   agreement   stored               already_stored    stored if updated_at is    conflict
//                                                       newer; older: already_stored;
//                                                       same time, other content: conflict
//
// A result or agreement names its session, which must be this kiosk's and already at
// the store (or earlier in the same request): otherwise invalid, and the kiosk keeps it.
#include "store/store.hpp"

#include "sync/iso_time.hpp"
#include "sync/sqlite_util.hpp"

#include <sqlite3.h>

#include <ctime>

namespace store {

using namespace wsync; // the batch formats and SQLite helpers kiosk and store share

namespace {

using namespace sql; // sync/sqlite_util.hpp

// One request's campfire data into the tables, inside the caller's transaction; a method
// is false on a database error (*Error says what), and then nothing of the request counts.
struct CampfireWriter {
    sqlite3* Db;
    const std::string& Device; // the kiosk sending
    std::string* Error;
    const std::string Now = IsoNowSeconds();

    Stmt FindSession{Db, "SELECT device_id, name, wijk, held_on, present, pack_id, pack_version, started_at, "
                         "coalesce(ended_at, '') FROM group_sessions WHERE id = ?1"};
    Stmt InsertSession{Db, "INSERT INTO group_sessions(id, device_id, wijk, name, held_on, present, pack_id, "
                           "pack_version, started_at, ended_at, received_at) "
                           "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"};
    Stmt UpdateSession{Db, "UPDATE group_sessions SET wijk = ?2, name = ?3, held_on = ?4, present = ?5, "
                           "ended_at = ?6, received_at = ?7 WHERE id = ?1"};
    Stmt FindResult{Db, "SELECT count, method FROM group_results WHERE group_session_id = ?1 AND question_id = ?2 "
                        "AND value = ?3"};
    Stmt PutResult{Db, "INSERT INTO group_results(group_session_id, question_id, value, count, method) "
                       "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(group_session_id, question_id, value) DO UPDATE SET "
                       "count = excluded.count, method = excluded.method"};
    Stmt FindAgreement{Db, "SELECT device_id, coalesce(group_session_id, ''), wijk, what, who, coalesce(due, ''), "
                           "coalesce(answers, ''), status, updated_at FROM agreements WHERE id = ?1"};
    Stmt PutAgreement{Db, "INSERT INTO agreements(id, group_session_id, device_id, wijk, what, who, due, answers, "
                          "status, created_at, updated_at, received_at) "
                          "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT(id) DO UPDATE SET "
                          "wijk = excluded.wijk, what = excluded.what, who = excluded.who, due = excluded.due, "
                          "answers = excluded.answers, status = excluded.status, updated_at = excluded.updated_at, "
                          "received_at = excluded.received_at"};

    bool Failed(const char* what) {
        *Error = std::string(what) + ": " + sqlite3_errmsg(Db);
        return false;
    }
    bool Ready() {
        return (FindSession && InsertSession && UpdateSession && FindResult && PutResult && FindAgreement &&
                PutAgreement) ||
               Failed("cannot store the campfire data");
    }

    // A session this kiosk owns at the store: "" if none, else its ended_at or "-" (running).
    bool SessionState(const std::string& id, std::string* state) {
        sqlite3_stmt* f = FindSession.Reset();
        Bind(f, 1, id);
        const int rc = sqlite3_step(f);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return false;
        *state = rc == SQLITE_ROW && Col(f, 0) == Device ? (Col(f, 8).empty() ? "-" : Col(f, 8)) : "";
        return true;
    }

    bool Sessions(const std::vector<CampfireSessionRecord>& sessions, std::vector<AnswerResult>* out) {
        for (const CampfireSessionRecord& g : sessions) {
            AnswerResult r{g.Id, AnswerStatus::Invalid, {}};
            if (!ValidCampfireSession(g, &r.Reason)) {
                out->push_back(r);
                continue;
            }
            sqlite3_stmt* f = FindSession.Reset();
            Bind(f, 1, g.Id);
            const int rc = sqlite3_step(f);
            if (rc == SQLITE_DONE) {
                if (!InsertSession.Run(g.Id, Device, g.Wijk, g.Name, g.HeldOn, g.Present, g.PackId,
                         g.PackVersion, g.StartedAt, Optional{g.EndedAt}, Now))
                    return Failed("cannot store a campfire session");
                r.Status = AnswerStatus::Stored;
            } else if (rc != SQLITE_ROW) {
                return Failed("cannot read a campfire session");
            } else if (Col(f, 0) != Device) {
                r.Status = AnswerStatus::Conflict; // another kiosk's id: kept as it is
                r.Reason = "another kiosk has a session with this id";
            } else {
                const std::string ended = g.EndedAt.empty() ? Col(f, 8) : g.EndedAt; // never un-ended
                const bool same = Col(f, 1) == g.Name && Col(f, 2) == g.Wijk && Col(f, 3) == g.HeldOn &&
                                  sqlite3_column_int64(f, 4) == g.Present && Col(f, 8) == ended;
                if (same) {
                    r.Status = AnswerStatus::AlreadyStored;
                } else {
                    if (!UpdateSession.Run(g.Id, g.Wijk, g.Name, g.HeldOn, g.Present, Optional{ended}, Now))
                        return Failed("cannot update a campfire session");
                    r.Status = AnswerStatus::Stored;
                }
            }
            out->push_back(r);
        }

        return true;
    }

    bool Results(const std::vector<CampfireResultRecord>& results, std::vector<AnswerResult>* out) {
        for (const CampfireResultRecord& res : results) {
            AnswerResult r{CampfireResultKey(res), AnswerStatus::Invalid, {}};
            std::string state;
            if (!ValidCampfireResult(res, &r.Reason)) {
                out->push_back(r);
                continue;
            }
            if (!SessionState(res.SessionId, &state))
                return Failed("cannot read a campfire session");
            if (state.empty()) {
                r.Reason = "group_session_id is not a session of this kiosk at the store (send the session first)";
                out->push_back(r);
                continue;
            }
            if (state != "-" && !res.Final) { // an older copy of an ended session's counts
                r.Status = AnswerStatus::AlreadyStored;
                out->push_back(r);
                continue;
            }
            sqlite3_stmt* f = FindResult.Reset();
            BindAll(f, res.SessionId, res.QuestionId, res.Value);
            const int rc = sqlite3_step(f);
            if (rc != SQLITE_ROW && rc != SQLITE_DONE)
                return Failed("cannot read a campfire result");
            if (rc == SQLITE_ROW && sqlite3_column_int64(f, 0) == res.Count && Col(f, 1) == res.Method) {
                r.Status = AnswerStatus::AlreadyStored;
            } else {
                if (!PutResult.Run(res.SessionId, res.QuestionId, res.Value, res.Count, res.Method))
                    return Failed("cannot store a campfire result");
                r.Status = AnswerStatus::Stored;
            }
            out->push_back(r);
        }

        return true;
    }

    bool Agreements(const std::vector<AgreementRecord>& agreements, std::vector<AnswerResult>* out) {
        for (const AgreementRecord& a : agreements) {
            AnswerResult r{a.Id, AnswerStatus::Invalid, {}};
            if (!ValidAgreement(a, &r.Reason)) {
                out->push_back(r);
                continue;
            }
            sqlite3_stmt* f = FindAgreement.Reset();
            Bind(f, 1, a.Id);
            const int rc = sqlite3_step(f);
            if (rc != SQLITE_ROW && rc != SQLITE_DONE)
                return Failed("cannot read an agreement");
            std::string state;
            if (!a.SessionId.empty() && !(rc == SQLITE_ROW && Col(f, 0) != Device)) {
                if (!SessionState(a.SessionId, &state))
                    return Failed("cannot read a campfire session");
                if (state.empty()) {
                    r.Reason = "group_session_id is not a session of this kiosk at the store (send the session first)";
                    out->push_back(r);
                    continue;
                }
            }
            bool write = rc == SQLITE_DONE;
            if (rc == SQLITE_ROW) {
                const std::string stored_at = Col(f, 8);
                const bool same = Col(f, 1) == a.SessionId && Col(f, 2) == a.Wijk && Col(f, 3) == a.What &&
                                  Col(f, 4) == a.Who && Col(f, 5) == a.Due && Col(f, 6) == a.Answers &&
                                  Col(f, 7) == a.Status;
                if (Col(f, 0) != Device) {
                    r.Status = AnswerStatus::Conflict;
                    r.Reason = "another kiosk has an agreement with this id";
                } else if (a.UpdatedAt > stored_at) {
                    write = true; // the newer version replaces the older
                } else if (a.UpdatedAt == stored_at && !same) {
                    r.Status = AnswerStatus::Conflict;
                    r.Reason = "another version of this agreement has the same updated_at";
                } else {
                    r.Status = AnswerStatus::AlreadyStored; // the same, or an older version
                }
            }
            if (write) {
                if (!PutAgreement.Run(a.Id, Optional{a.SessionId}, Device, a.Wijk, a.What, a.Who,
                         Optional{a.Due}, Optional{a.Answers}, a.Status, a.CreatedAt, a.UpdatedAt, Now))
                    return Failed("cannot store an agreement");
                r.Status = AnswerStatus::Stored;
            }
            out->push_back(r);
        }

        return true;
    }
};

} // namespace

bool Store::StoreCampfireBatch(const CampfireBatch& b, const std::string& via, CampfireReply* reply, std::string* error) {
    (void)via; // the campfire tables have no via column; network and file are the same data
    std::lock_guard<std::mutex> lock(Mu);
    *reply = {};
    sql::Transaction tx(Db);
    if (!tx.Begun(error))
        return false;
    CampfireWriter w{Db, b.DeviceId, error};
    // The statuses mean something only after the commit.
    if (w.Ready() && w.Sessions(b.Sessions, &reply->Sessions) && w.Results(b.Results, &reply->Results) &&
        w.Agreements(b.Agreements, &reply->Agreements) && (tx.Commit() || w.Failed("cannot commit the campfire data")))
        return true;
    *reply = {};
    return false;
}

} // namespace store
