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
// The wijk is always the kiosk's enrolled wijk, never the one sent; a count above the
// session's number present, or an option not in its pack, is invalid. A USB file no
// newer than the kiosk's campfire data at the store (its signed created_at against the
// newest file's, or the time the network last brought some) changes nothing: every item
// is already_stored, so a replayed file cannot roll anything back. docs/security.md,
// findings 3 and 8.
#include "store/store.hpp"

#include "sync/sqlite_util.hpp"

#include <sqlite3.h>

#include <ctime>

namespace store {

using namespace wsync; // the batch formats and SQLite helpers kiosk and store share

namespace {

using sql::Bind;
using sql::BindOptional;
using sql::Col;
using sql::Stmt;

std::string Now() { return sql::IsoNowSeconds(); }

struct Tx {
    sqlite3* Db;
    bool Done = false;
    ~Tx() {
        if (!Done)
            sqlite3_exec(Db, "ROLLBACK", nullptr, nullptr, nullptr);
    }
};

} // namespace

bool Store::StoreCampfireBatch(const CampfireBatch& b, const std::string& via, CampfireReply* reply, std::string* error) {
    // The campfire tables have no via column (network and file are the same data); via
    // only decides what counts toward the device's quota.
    std::lock_guard<std::mutex> lock(Mu);
    *reply = {};
    if (sqlite3_exec(Db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
        *error = sqlite3_errmsg(Db);
        return false;
    }
    Tx tx{Db};
    const std::string now = Now();
    auto failed = [&](const char* what) {
        *error = std::string(what) + ": " + sqlite3_errmsg(Db);
        *reply = {};
        return false;
    };

    // The wijk of every session and agreement is the kiosk's own, never what it sends.
    std::string wijk;
    {
        Stmt dev(Db, "SELECT wijk FROM devices WHERE id = ?1");
        Bind(dev.S, 1, b.DeviceId);
        if (sqlite3_step(dev.S) != SQLITE_ROW)
            return failed("the kiosk is not enrolled at this store");
        wijk = Col(dev.S, 0);
    }
    const int64_t now_unix = int64_t(time(nullptr));
    // A file no newer than what the store has of this kiosk's campfire data: a replay.
    // Its items are checked and answered already_stored; nothing is written.
    std::string newest;
    {
        Stmt st(Db, "SELECT newest FROM campfire_sources WHERE device_id = ?1");
        Bind(st.S, 1, b.DeviceId);
        if (sqlite3_step(st.S) == SQLITE_ROW)
            newest = Col(st.S, 0);
    }
    if (!b.FileCreatedAt.empty() && !newest.empty() && b.FileCreatedAt <= newest) {
        auto older = [&](std::vector<AnswerResult>* out, const std::string& id, bool valid, const std::string& why) {
            out->push_back({id, valid ? AnswerStatus::AlreadyStored : AnswerStatus::Invalid, valid ? "" : why});
        };
        std::string why;
        for (const CampfireSessionRecord& g : b.Sessions)
            older(&reply->Sessions, g.Id, ValidCampfireSession(g, &why), why);
        for (const CampfireResultRecord& res : b.Results)
            older(&reply->Results, CampfireResultKey(res), ValidCampfireResult(res, &why), why);
        for (const AgreementRecord& a : b.Agreements)
            older(&reply->Agreements, a.Id, ValidAgreement(a, &why), why);
        return true; // nothing written: the transaction rolls back
    }
    {
        Stmt st(Db, "INSERT INTO campfire_sources(device_id, newest) VALUES(?1, ?2) ON CONFLICT(device_id) "
                    "DO UPDATE SET newest = max(newest, excluded.newest)");
        Bind(st.S, 1, b.DeviceId);
        Bind(st.S, 2, b.FileCreatedAt.empty() ? now : b.FileCreatedAt);
        if (sqlite3_step(st.S) != SQLITE_DONE)
            return failed("cannot note the campfire data's age");
    }
    Stmt find_session(Db, "SELECT device_id, name, wijk, held_on, present, pack_id, pack_version, started_at, "
                          "coalesce(ended_at, '') FROM group_sessions WHERE id = ?1");
    Stmt insert_session(Db, "INSERT INTO group_sessions(id, device_id, wijk, name, held_on, present, pack_id, "
                            "pack_version, started_at, ended_at, received_at) "
                            "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    Stmt update_session(Db, "UPDATE group_sessions SET wijk = ?2, name = ?3, held_on = ?4, present = ?5, "
                            "ended_at = ?6, received_at = ?7 WHERE id = ?1");
    if (!find_session.S || !insert_session.S || !update_session.S)
        return failed("cannot store the campfire sessions");
    for (CampfireSessionRecord g : b.Sessions) {
        AnswerResult r{g.Id, AnswerStatus::Invalid, {}};
        if (!ValidCampfireSession(g, &r.Reason) || !PlausibleTime(g.StartedAt, now_unix, "started_at", &r.Reason) ||
            (!g.EndedAt.empty() && !PlausibleTime(g.EndedAt, now_unix, "ended_at", &r.Reason))) {
            reply->Sessions.push_back(r);
            continue;
        }
        g.Wijk = wijk;
        sqlite3_stmt* f = find_session.Reset();
        Bind(f, 1, g.Id);
        const int rc = sqlite3_step(f);
        if (rc == SQLITE_DONE) {
            sqlite3_stmt* st = insert_session.Reset();
            Bind(st, 1, g.Id);
            Bind(st, 2, b.DeviceId);
            Bind(st, 3, g.Wijk);
            Bind(st, 4, g.Name);
            Bind(st, 5, g.HeldOn);
            sqlite3_bind_int64(st, 6, g.Present);
            Bind(st, 7, g.PackId);
            Bind(st, 8, g.PackVersion);
            Bind(st, 9, g.StartedAt);
            BindOptional(st, 10, g.EndedAt);
            Bind(st, 11, now);
            if (sqlite3_step(st) != SQLITE_DONE)
                return failed("cannot store a campfire session");
            r.Status = AnswerStatus::Stored;
        } else if (rc != SQLITE_ROW) {
            return failed("cannot read a campfire session");
        } else if (Col(f, 0) != b.DeviceId) {
            r.Status = AnswerStatus::Conflict; // another kiosk's id: kept as it is
            r.Reason = "another kiosk has a session with this id";
        } else {
            const std::string ended = g.EndedAt.empty() ? Col(f, 8) : g.EndedAt; // never un-ended
            const bool same = Col(f, 1) == g.Name && Col(f, 2) == g.Wijk && Col(f, 3) == g.HeldOn &&
                              sqlite3_column_int64(f, 4) == g.Present && Col(f, 8) == ended;
            if (same) {
                r.Status = AnswerStatus::AlreadyStored;
            } else {
                sqlite3_stmt* st = update_session.Reset();
                Bind(st, 1, g.Id);
                Bind(st, 2, g.Wijk);
                Bind(st, 3, g.Name);
                Bind(st, 4, g.HeldOn);
                sqlite3_bind_int64(st, 5, g.Present);
                BindOptional(st, 6, ended);
                Bind(st, 7, now);
                if (sqlite3_step(st) != SQLITE_DONE)
                    return failed("cannot update a campfire session");
                r.Status = AnswerStatus::Stored;
            }
        }
        reply->Sessions.push_back(r);
    }

    // A session this kiosk owns at the store: "" if none, else its ended_at or "-" (running);
    // with its number present and its pack.
    struct SessionFacts {
        int64_t Present = 0;
        std::string PackId, PackVersion;
    };
    auto session_state = [&](const std::string& id, std::string* state, SessionFacts* facts = nullptr) {
        sqlite3_stmt* f = find_session.Reset();
        Bind(f, 1, id);
        const int rc = sqlite3_step(f);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return false;
        *state = rc == SQLITE_ROW && Col(f, 0) == b.DeviceId ? (Col(f, 8).empty() ? "-" : Col(f, 8)) : "";
        if (facts && !state->empty())
            *facts = {sqlite3_column_int64(f, 4), Col(f, 5), Col(f, 6)};
        return true;
    };

    Stmt find_result(Db, "SELECT count, method FROM group_results WHERE group_session_id = ?1 AND question_id = ?2 "
                         "AND value = ?3");
    Stmt put_result(Db, "INSERT INTO group_results(group_session_id, question_id, value, count, method) "
                        "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(group_session_id, question_id, value) DO UPDATE SET "
                        "count = excluded.count, method = excluded.method");
    if (!find_result.S || !put_result.S)
        return failed("cannot store the campfire results");
    for (const CampfireResultRecord& res : b.Results) {
        AnswerResult r{CampfireResultKey(res), AnswerStatus::Invalid, {}};
        std::string state;
        if (!ValidCampfireResult(res, &r.Reason)) {
            reply->Results.push_back(r);
            continue;
        }
        SessionFacts facts;
        if (!session_state(res.SessionId, &state, &facts))
            return failed("cannot read a campfire session");
        if (state.empty()) {
            r.Reason = "group_session_id is not a session of this kiosk at the store (send the session first)";
            reply->Results.push_back(r);
            continue;
        }
        if (res.Count > facts.Present) { // one hand or tap per person present, per option
            r.Reason = "count " + std::to_string(res.Count) + " is above the number present (" +
                       std::to_string(facts.Present) + ")";
            reply->Results.push_back(r);
            continue;
        }
        if (Catalog.CheckOption(facts.PackId, facts.PackVersion, res.QuestionId, res.Value, &r.Reason) ==
            PackCheck::Misfit) {
            reply->Results.push_back(r);
            continue;
        }
        if (state != "-" && !res.Final) { // an older copy of an ended session's counts
            r.Status = AnswerStatus::AlreadyStored;
            reply->Results.push_back(r);
            continue;
        }
        sqlite3_stmt* f = find_result.Reset();
        Bind(f, 1, res.SessionId);
        Bind(f, 2, res.QuestionId);
        Bind(f, 3, res.Value);
        const int rc = sqlite3_step(f);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return failed("cannot read a campfire result");
        if (rc == SQLITE_ROW && sqlite3_column_int64(f, 0) == res.Count && Col(f, 1) == res.Method) {
            r.Status = AnswerStatus::AlreadyStored;
        } else {
            sqlite3_stmt* st = put_result.Reset();
            Bind(st, 1, res.SessionId);
            Bind(st, 2, res.QuestionId);
            Bind(st, 3, res.Value);
            sqlite3_bind_int64(st, 4, res.Count);
            Bind(st, 5, res.Method);
            if (sqlite3_step(st) != SQLITE_DONE)
                return failed("cannot store a campfire result");
            r.Status = AnswerStatus::Stored;
        }
        reply->Results.push_back(r);
    }

    Stmt find_agreement(Db, "SELECT device_id, coalesce(group_session_id, ''), wijk, what, who, coalesce(due, ''), "
                            "coalesce(answers, ''), status, updated_at FROM agreements WHERE id = ?1");
    Stmt put_agreement(Db, "INSERT INTO agreements(id, group_session_id, device_id, wijk, what, who, due, answers, "
                           "status, created_at, updated_at, received_at) "
                           "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT(id) DO UPDATE SET "
                           "wijk = excluded.wijk, what = excluded.what, who = excluded.who, due = excluded.due, "
                           "answers = excluded.answers, status = excluded.status, updated_at = excluded.updated_at, "
                           "received_at = excluded.received_at");
    if (!find_agreement.S || !put_agreement.S)
        return failed("cannot store the agreements");
    for (AgreementRecord a : b.Agreements) {
        AnswerResult r{a.Id, AnswerStatus::Invalid, {}};
        if (!ValidAgreement(a, &r.Reason)) { // its times only order its versions: not checked against the clock
            reply->Agreements.push_back(r);
            continue;
        }
        a.Wijk = wijk;
        sqlite3_stmt* f = find_agreement.Reset();
        Bind(f, 1, a.Id);
        const int rc = sqlite3_step(f);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return failed("cannot read an agreement");
        std::string state;
        if (!a.SessionId.empty() && !(rc == SQLITE_ROW && Col(f, 0) != b.DeviceId)) {
            if (!session_state(a.SessionId, &state))
                return failed("cannot read a campfire session");
            if (state.empty()) {
                r.Reason = "group_session_id is not a session of this kiosk at the store (send the session first)";
                reply->Agreements.push_back(r);
                continue;
            }
        }
        bool write = rc == SQLITE_DONE;
        if (rc == SQLITE_ROW) {
            const std::string stored_at = Col(f, 8);
            const bool same = Col(f, 1) == a.SessionId && Col(f, 2) == a.Wijk && Col(f, 3) == a.What &&
                              Col(f, 4) == a.Who && Col(f, 5) == a.Due && Col(f, 6) == a.Answers &&
                              Col(f, 7) == a.Status;
            if (Col(f, 0) != b.DeviceId) {
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
            sqlite3_stmt* st = put_agreement.Reset();
            Bind(st, 1, a.Id);
            BindOptional(st, 2, a.SessionId);
            Bind(st, 3, b.DeviceId);
            Bind(st, 4, a.Wijk);
            Bind(st, 5, a.What);
            Bind(st, 6, a.Who);
            BindOptional(st, 7, a.Due);
            BindOptional(st, 8, a.Answers);
            Bind(st, 9, a.Status);
            Bind(st, 10, a.CreatedAt);
            Bind(st, 11, a.UpdatedAt);
            Bind(st, 12, now);
            if (sqlite3_step(st) != SQLITE_DONE)
                return failed("cannot store an agreement");
            r.Status = AnswerStatus::Stored;
        }
        reply->Agreements.push_back(r);
    }

    if (sqlite3_exec(Db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        return failed("cannot commit the campfire data"); // the statuses mean something only after this
    tx.Done = true;
    if (via == "network") {
        int64_t stored = 0;
        for (const auto* list : {&reply->Sessions, &reply->Results, &reply->Agreements})
            for (const AnswerResult& r : *list)
                stored += r.Status == AnswerStatus::Stored;
        CountQuota(b.DeviceId, stored);
    }
    return true;
}

} // namespace store
