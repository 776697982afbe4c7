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
#include "store/agreements.hpp"

#include "sync/iso_time.hpp"
#include "sync/uuid.hpp"


#include <ctime>

namespace store {

using namespace wsync; // the batch formats and SQLite helpers kiosk and store share

namespace {

using db::Optional;
using db::Stmt;

// One request's campfire data into the tables, inside the caller's transaction; a method
// is false on a database error (*Error says what), and then nothing of the request counts.
struct CampfireWriter {
    db::Conn* Db;
    const std::string& Device; // the kiosk sending
    std::string* Error;
    const std::string& Wijk;      // the kiosk's enrolled wijk: every session and agreement's
    const PackCatalog& Catalog;   // the pack versions the store knows
    const std::string Now = IsoNowSeconds();
    const int64_t NowUnix = int64_t(time(nullptr));

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

    // Whether a change of stap 3 is later than at (it then decides the status).
    bool LaterChange(const std::string& id, const std::string& at, bool* later) {
        Stmt st(Db, "SELECT EXISTS (SELECT 1 FROM agreement_changes WHERE agreement_id = ?1 AND at > ?2)");
        if (!st)
            return false;
        st.Bind(id, at);
        if (st.Step() != db::kRow)
            return false;
        *later = st.Int(0) != 0;
        return true;
    }

    bool Failed(const char* what) {
        *Error = std::string(what) + ": " + Db->Error();
        return false;
    }
    bool Ready() {
        return (FindSession && InsertSession && UpdateSession && FindResult && PutResult && FindAgreement &&
                PutAgreement) ||
               Failed("cannot store the campfire data");
    }

    // A session this kiosk owns at the store: "" if none, else its ended_at or "-" (running);
    // with its number present and its pack.
    struct SessionFacts {
        int64_t Present = 0;
        std::string PackId, PackVersion;
    };
    bool SessionState(const std::string& id, std::string* state, SessionFacts* facts = nullptr) {
        Stmt& f = FindSession.Reset();
        f.BindOne(1, id);
        const int rc = f.Step();
        if (rc != db::kRow && rc != db::kDone)
            return false;
        *state = rc == db::kRow && f.Text(0) == Device ? (f.Text(8).empty() ? "-" : f.Text(8)) : "";
        if (facts && !state->empty())
            *facts = {f.Int(4), f.Text(5), f.Text(6)};
        return true;
    }

    bool Sessions(const std::vector<CampfireSessionRecord>& sessions, std::vector<AnswerResult>* out) {
        for (CampfireSessionRecord g : sessions) {
            AnswerResult r{g.Id, AnswerStatus::Invalid, {}};
            if (!ValidCampfireSession(g, &r.Reason) || !PlausibleTime(g.StartedAt, NowUnix, "started_at", &r.Reason) ||
                (!g.EndedAt.empty() && !PlausibleTime(g.EndedAt, NowUnix, "ended_at", &r.Reason))) {
                out->push_back(r);
                continue;
            }
            g.Wijk = Wijk;
            Stmt& f = FindSession.Reset();
            f.BindOne(1, g.Id);
            const int rc = f.Step();
            if (rc == db::kDone) {
                if (!InsertSession.Run(g.Id, Device, g.Wijk, g.Name, g.HeldOn, g.Present, g.PackId,
                         g.PackVersion, g.StartedAt, Optional{g.EndedAt}, Now))
                    return Failed("cannot store a campfire session");
                r.Status = AnswerStatus::Stored;
            } else if (rc != db::kRow) {
                return Failed("cannot read a campfire session");
            } else if (f.Text(0) != Device) {
                r.Status = AnswerStatus::Conflict; // another kiosk's id: kept as it is
                r.Reason = "another kiosk has a session with this id";
            } else {
                const std::string ended = g.EndedAt.empty() ? f.Text(8) : g.EndedAt; // never un-ended
                const bool same = f.Text(1) == g.Name && f.Text(2) == g.Wijk && f.Text(3) == g.HeldOn &&
                                  f.Int(4) == g.Present && f.Text(8) == ended;
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
            SessionFacts facts;
            if (!SessionState(res.SessionId, &state, &facts))
                return Failed("cannot read a campfire session");
            if (state.empty()) {
                r.Reason = "group_session_id is not a session of this kiosk at the store (send the session first)";
                out->push_back(r);
                continue;
            }
            const content::Pack* pack = Catalog.Find(facts.PackId, facts.PackVersion);
            const content::Question* q = pack ? pack->FindQuestion(res.QuestionId) : nullptr;
            if (q && q->Type == content::QuestionType::Budget) { // what the group gave: at most the total
                if (res.Count > q->Total) {
                    r.Reason = "count " + std::to_string(res.Count) + " is above the budget's total (" +
                               std::to_string(q->Total) + ")";
                    out->push_back(r);
                    continue;
                }
            } else if (res.Count > facts.Present) { // one hand or tap per person present, per option
                r.Reason = "count " + std::to_string(res.Count) + " is above the number present (" +
                           std::to_string(facts.Present) + ")";
                out->push_back(r);
                continue;
            }
            if (Catalog.CheckOption(facts.PackId, facts.PackVersion, res.QuestionId, res.Value, &r.Reason) ==
                PackCheck::Misfit) {
                out->push_back(r);
                continue;
            }
            if (state != "-" && !res.Final) { // an older copy of an ended session's counts
                r.Status = AnswerStatus::AlreadyStored;
                out->push_back(r);
                continue;
            }
            Stmt& f = FindResult.Reset();
            f.Bind(res.SessionId, res.QuestionId, res.Value);
            const int rc = f.Step();
            if (rc != db::kRow && rc != db::kDone)
                return Failed("cannot read a campfire result");
            if (rc == db::kRow && f.Int(0) == res.Count && f.Text(1) == res.Method) {
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
        for (AgreementRecord a : agreements) {
            AnswerResult r{a.Id, AnswerStatus::Invalid, {}};
            if (!ValidAgreement(a, &r.Reason)) { // its times only order its versions: not checked against the clock
                out->push_back(r);
                continue;
            }
            a.Wijk = Wijk;
            Stmt& f = FindAgreement.Reset();
            f.BindOne(1, a.Id);
            const int rc = f.Step();
            if (rc != db::kRow && rc != db::kDone)
                return Failed("cannot read an agreement");
            std::string state;
            if (!a.SessionId.empty() && !(rc == db::kRow && f.Text(0) != Device)) {
                if (!SessionState(a.SessionId, &state))
                    return Failed("cannot read a campfire session");
                if (state.empty()) {
                    r.Reason = "group_session_id is not a session of this kiosk at the store (send the session first)";
                    out->push_back(r);
                    continue;
                }
            }
            bool write = rc == db::kDone;
            std::string stored_status;
            if (rc == db::kRow) {
                stored_status = f.Text(7);
                const std::string stored_at = f.Text(8);
                // A later change of stap 3 (the gebiedsteam's) may have set the status since:
                // then the status does not tell two versions apart.
                bool overridden = false;
                if (!LaterChange(a.Id, stored_at, &overridden))
                    return Failed("cannot read an agreement's changes");
                const bool same = f.Text(1) == a.SessionId && f.Text(2) == a.Wijk && f.Text(3) == a.What &&
                                  f.Text(4) == a.Who && f.Text(5) == a.Due && f.Text(6) == a.Answers &&
                                  (overridden || f.Text(7) == a.Status);
                if (f.Text(0) != Device) {
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
                // A status changed in the meeting's own agreement screen is a change of
                // stap 3 too: into the history, and the latest change decides the status.
                if (rc == db::kRow && NormalAgreementStatus(stored_status) != NormalAgreementStatus(a.Status)) {
                    AgreementChangeRecord c{NewUuidV4(), a.Id, NormalAgreementStatus(a.Status), "", a.UpdatedAt, Device};
                    ChangeResult put;
                    std::string why;
                    if (!PutAgreementChange(Db, c, Wijk, &put, &why)) {
                        *Error = why;
                        return false;
                    }
                }
                if (!ResolveAgreement(Db, a.Id, Error))
                    return false;
                r.Status = AnswerStatus::Stored;
            }
            out->push_back(r);
        }

        return true;
    }
};

// Stap 3: the facilitator's changes of agreements (any agreement of the kiosk's wijk,
// made at any kiosk or at the store), and the notes of a meeting's conversation.
bool StoreChanges(db::Conn* db, const std::string& device, const std::string& wijk,
                  const std::vector<AgreementChangeRecord>& changes, std::vector<AnswerResult>* out, std::string* error) {
    for (AgreementChangeRecord c : changes) {
        AnswerResult r{c.Id, AnswerStatus::Invalid, {}};
        c.Source = device; // who changed it is the kiosk that sent it, whatever it says
        ChangeResult put;
        if (!PutAgreementChange(db, c, wijk, &put, &r.Reason)) {
            *error = r.Reason;
            return false;
        }
        r.Status = put == ChangeResult::Stored          ? AnswerStatus::Stored
                   : put == ChangeResult::AlreadyStored ? AnswerStatus::AlreadyStored
                   : put == ChangeResult::Conflict      ? AnswerStatus::Conflict
                                                        : AnswerStatus::Invalid;
        out->push_back(r);
    }
    return true;
}

bool StoreNotes(CampfireWriter& w, const std::vector<GroupNoteRecord>& notes, std::vector<AnswerResult>* out) {
    Stmt find(w.Db, "SELECT note, updated_at FROM group_notes WHERE group_session_id = ?1 AND question_id = ?2");
    Stmt put(w.Db, "INSERT INTO group_notes(group_session_id, question_id, note, updated_at) VALUES(?1, ?2, ?3, ?4) "
                   "ON CONFLICT(group_session_id, question_id) DO UPDATE SET note = excluded.note, "
                   "updated_at = excluded.updated_at");
    if (!find || !put)
        return w.Failed("cannot store the notes");
    for (const GroupNoteRecord& n : notes) {
        AnswerResult r{GroupNoteKey(n), AnswerStatus::Invalid, {}};
        std::string state;
        if (!ValidGroupNote(n, &r.Reason)) {
            out->push_back(r);
            continue;
        }
        if (!w.SessionState(n.SessionId, &state))
            return w.Failed("cannot read a campfire session");
        if (state.empty()) {
            r.Reason = "group_session_id is not a session of this kiosk at the store (send the session first)";
            out->push_back(r);
            continue;
        }
        find.Bind(n.SessionId, n.QuestionId);
        const int rc = find.Step();
        if (rc != db::kRow && rc != db::kDone)
            return w.Failed("cannot read a note");
        if (rc == db::kRow && find.Text(1) >= n.UpdatedAt) { // the same, or an older version
            r.Status = find.Text(1) == n.UpdatedAt && find.Text(0) != n.Note ? AnswerStatus::Conflict
                                                                                 : AnswerStatus::AlreadyStored;
        } else {
            if (!put.Run(n.SessionId, n.QuestionId, n.Note, n.UpdatedAt))
                return w.Failed("cannot store a note");
            r.Status = AnswerStatus::Stored;
        }
        out->push_back(r);
    }
    return true;
}

// A file no newer than what the store has of this kiosk's campfire data is a replay: its
// items are checked and answered already_stored, and nothing is written.
bool ReplayedFile(const CampfireBatch& b, const std::string& newest, CampfireReply* reply) {
    if (b.FileCreatedAt.empty() || newest.empty() || b.FileCreatedAt > newest)
        return false;
    auto older = [](std::vector<AnswerResult>* out, const std::string& id, bool valid, const std::string& why) {
        out->push_back({id, valid ? AnswerStatus::AlreadyStored : AnswerStatus::Invalid, valid ? "" : why});
    };
    std::string why;
    for (const CampfireSessionRecord& g : b.Sessions)
        older(&reply->Sessions, g.Id, ValidCampfireSession(g, &why), why);
    for (const CampfireResultRecord& res : b.Results)
        older(&reply->Results, CampfireResultKey(res), ValidCampfireResult(res, &why), why);
    for (const AgreementRecord& a : b.Agreements)
        older(&reply->Agreements, a.Id, ValidAgreement(a, &why), why);
    for (const AgreementChangeRecord& c : b.Changes)
        older(&reply->Changes, c.Id, ValidAgreementChange(c, &why), why);
    for (const GroupNoteRecord& n : b.Notes)
        older(&reply->Notes, GroupNoteKey(n), ValidGroupNote(n, &why), why);
    return true;
}

} // namespace

bool Store::StoreCampfireBatch(const CampfireBatch& b, const std::string& via, CampfireReply* reply, std::string* error) {
    // The campfire tables have no via column (network and file are the same data); via
    // only decides what counts toward the device's quota.
    std::lock_guard<std::mutex> lock(Mu);
    *reply = {};
    db::Transaction tx(Db);
    if (!tx.Begun(error))
        return false;
    std::string wijk, newest;
    {
        Stmt dev(Db, "SELECT d.wijk, coalesce(c.newest, '') FROM devices d LEFT JOIN campfire_sources c "
                     "ON c.device_id = d.id WHERE d.id = ?1");
        dev.BindOne(1, b.DeviceId);
        if (dev.Step() != db::kRow) {
            *error = "the kiosk is not enrolled at this store";
            return false;
        }
        dev.Cols(&wijk, &newest);
    }
    if (ReplayedFile(b, newest, reply))
        return true; // nothing written: the transaction rolls back
    Stmt source(Db, "INSERT INTO campfire_sources(device_id, newest) VALUES(?1, ?2) ON CONFLICT(device_id) "
                    "DO UPDATE SET newest = CASE WHEN excluded.newest > campfire_sources.newest "
                    "THEN excluded.newest ELSE campfire_sources.newest END");
    if (!source.Run(b.DeviceId, b.FileCreatedAt.empty() ? IsoNowSeconds() : b.FileCreatedAt)) {
        *error = std::string("cannot note the campfire data's age: ") + Db->Error();
        return false;
    }
    CampfireWriter w{Db, b.DeviceId, error, wijk, Catalog};
    // The statuses mean something only after the commit.
    if (w.Ready() && w.Sessions(b.Sessions, &reply->Sessions) && w.Results(b.Results, &reply->Results) &&
        w.Agreements(b.Agreements, &reply->Agreements) && StoreChanges(Db, b.DeviceId, wijk, b.Changes, &reply->Changes, error) &&
        StoreNotes(w, b.Notes, &reply->Notes) && (tx.Commit() || w.Failed("cannot commit the campfire data"))) {
        if (via == "network") {
            int64_t stored = 0;
            for (const auto* list : {&reply->Sessions, &reply->Results, &reply->Agreements, &reply->Changes, &reply->Notes})
                for (const AnswerResult& r : *list)
                    stored += r.Status == AnswerStatus::Stored;
            CountQuota(b.DeviceId, stored);
        }
        return true;
    }
    *reply = {};
    return false;
}

} // namespace store
