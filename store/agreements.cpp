#include "store/agreements.hpp"

#include "sync/campfire_batch.hpp"
#include "sync/iso_time.hpp"


namespace store {

using db::Exec;
using db::Optional;
using db::Stmt;

bool CreateAgreementTables(db::Conn* db, std::string* error) {
    return Exec(db, R"sql(
    CREATE TABLE IF NOT EXISTS agreement_changes (  -- stap 3: every change of an agreement, kept
        id           TEXT PRIMARY KEY,              -- UUID made where the change was made
        agreement_id TEXT NOT NULL REFERENCES agreements(id),
        status       TEXT NOT NULL,                 -- open, bezig, gedaan, lukt-niet
        note         TEXT NOT NULL DEFAULT '',
        at           TEXT NOT NULL,                 -- ISO 8601, when it was changed
        source       TEXT NOT NULL,                 -- a kiosk's device id, "cli" or "console:USER"
        received_at  TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS agreement_changes_agreement ON agreement_changes(agreement_id, at);
    CREATE TABLE IF NOT EXISTS group_notes (        -- what was said per question at a campfire meeting
        group_session_id TEXT NOT NULL REFERENCES group_sessions(id),
        question_id      TEXT NOT NULL,
        note             TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        PRIMARY KEY (group_session_id, question_id)
    ) WITHOUT ROWID;
    )sql",
                error);
}

namespace {

bool DbError(db::Conn* db, const char* what, std::string* reason) {
    *reason = std::string(what) + ": " + db->Error();
    return false;
}

} // namespace

bool ResolveAgreement(db::Conn* db, const std::string& agreement_id, std::string* error) {
    // Only a change later than the agreement's own version decides: a change at the same
    // time is that version's status going into the history.
    Stmt st(db, "UPDATE agreements SET status = (SELECT status FROM agreement_changes WHERE agreement_id = ?1 "
                "ORDER BY at DESC, id DESC LIMIT 1) WHERE id = ?1 AND EXISTS (SELECT 1 FROM agreement_changes "
                "WHERE agreement_id = ?1 AND at > agreements.updated_at)");
    return (st && st.Run(agreement_id)) || DbError(db, "cannot update the agreement's status", error);
}

bool PutAgreementChange(db::Conn* db, const wsync::AgreementChangeRecord& c, const std::string& wijk,
                        ChangeResult* result, std::string* reason) {
    *result = ChangeResult::Invalid;
    if (!wsync::ValidAgreementChange(c, reason))
        return true;
    {
        Stmt st(db, "SELECT wijk FROM agreements WHERE id = ?1");
        if (!st)
            return DbError(db, "cannot read the agreement", reason);
        st.BindOne(1, c.AgreementId);
        const int rc = st.Step();
        if (rc == db::kDone) {
            *reason = "there is no agreement " + c.AgreementId + " at the store";
            return true;
        }
        if (rc != db::kRow)
            return DbError(db, "cannot read the agreement", reason);
        if (!wijk.empty() && st.Text(0) != wijk) {
            *reason = "the agreement is not of the wijk " + wijk;
            return true;
        }
    }
    {
        Stmt st(db, "SELECT agreement_id, status, note, at, source FROM agreement_changes WHERE id = ?1");
        if (!st)
            return DbError(db, "cannot read the agreement's changes", reason);
        st.BindOne(1, c.Id);
        const int rc = st.Step();
        if (rc == db::kRow) {
            const bool same = st.Text(0) == c.AgreementId && st.Text(1) == c.Status && st.Text(2) == c.Note &&
                              st.Text(3) == c.At && st.Text(4) == c.Source;
            *result = same ? ChangeResult::AlreadyStored : ChangeResult::Conflict;
            if (!same)
                *reason = "another change has this id";
            return true;
        }
        if (rc != db::kDone)
            return DbError(db, "cannot read the agreement's changes", reason);
    }
    Stmt put(db, "INSERT INTO agreement_changes(id, agreement_id, status, note, at, source, received_at) "
                 "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!put || !put.Run(c.Id, c.AgreementId, c.Status, c.Note, c.At, c.Source, wsync::IsoNowSeconds()))
        return DbError(db, "cannot store the agreement's change", reason);
    if (!ResolveAgreement(db, c.AgreementId, reason))
        return false;
    *result = ChangeResult::Stored;
    return true;
}

bool ReadAgreements(db::Conn* db, const std::string& wijk, std::vector<wsync::AgreementRecord>* list,
                    std::vector<wsync::AgreementChangeRecord>* history, std::string* error) {
    list->clear();
    history->clear();
    // The latest change per agreement, by time (ties: the larger id), as ResolveAgreement.
    Stmt st(db, "SELECT a.id, coalesce(a.group_session_id, ''), a.wijk, a.what, a.who, coalesce(a.due, ''), "
                "coalesce(a.answers, ''), a.status, a.created_at, a.updated_at, "
                "CASE WHEN c.at > a.updated_at THEN c.note ELSE '' END, "
                "CASE WHEN c.at > a.updated_at THEN c.at ELSE a.updated_at END, "
                "CASE WHEN c.at > a.updated_at THEN c.source ELSE a.device_id END, coalesce(s.name, ''), "
                "coalesce(s.held_on, '') FROM agreements a "
                "LEFT JOIN agreement_changes c ON c.id = (SELECT id FROM agreement_changes WHERE agreement_id = a.id "
                "ORDER BY at DESC, id DESC LIMIT 1) "
                "LEFT JOIN group_sessions s ON s.id = a.group_session_id "
                "WHERE ?1 = '' OR a.wijk = ?1 ORDER BY a.created_at, a.id");
    if (!st)
        return DbError(db, "cannot read the agreements", error);
    st.BindOne(1, wijk);
    int rc;
    while ((rc = st.Step()) == db::kRow) {
        wsync::AgreementRecord a;
        st.Cols(&a.Id, &a.SessionId, &a.Wijk, &a.What, &a.Who, &a.Due, &a.Answers, &a.Status, &a.CreatedAt,
             &a.UpdatedAt, &a.Note, &a.StatusAt, &a.StatusSource, &a.SessionName, &a.HeldOn);
        a.Status = wsync::NormalAgreementStatus(a.Status);
        list->push_back(a);
    }
    if (rc != db::kDone)
        return DbError(db, "cannot read the agreements", error);
    Stmt h(db, "SELECT c.id, c.agreement_id, c.status, c.note, c.at, c.source FROM agreement_changes c "
               "JOIN agreements a ON a.id = c.agreement_id WHERE ?1 = '' OR a.wijk = ?1 ORDER BY c.at, c.id");
    if (!h)
        return DbError(db, "cannot read the agreements' history", error);
    h.BindOne(1, wijk);
    while ((rc = h.Step()) == db::kRow) {
        wsync::AgreementChangeRecord c;
        h.Cols(&c.Id, &c.AgreementId, &c.Status, &c.Note, &c.At, &c.Source);
        history->push_back(c);
    }
    return rc == db::kDone || DbError(db, "cannot read the agreements' history", error);
}

} // namespace store
