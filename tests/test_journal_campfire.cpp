// The journal's campfire tables (schema 7) on real SQLite files: sessions, counts and
// agreements stored in transactions, never in the answers table; revisions that keep a
// change made during a sync round waiting.
#include "sync/journal.hpp"
#include "sync/uuid.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>

using namespace wsync;

namespace {

struct TempJournal {
    std::string Dir;
    std::unique_ptr<Journal> J;
    TempJournal() {
        char tmpl[] = "/tmp/wijkstem-group-XXXXXX";
        Dir = mkdtemp(tmpl);
        std::string error;
        J = Journal::Open(JournalPath(Dir), &error);
        REQUIRE_MESSAGE(J, error);
    }
    ~TempJournal() {
        J.reset();
        std::filesystem::remove_all(Dir);
    }
    int64_t Scalar(const char* sql) {
        sqlite3_stmt* st = nullptr;
        REQUIRE(sqlite3_prepare_v2(J->Handle(), sql, -1, &st, nullptr) == SQLITE_OK);
        int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
        sqlite3_finalize(st);
        return v;
    }
    int64_t Waiting() {
        JournalStatus st;
        std::string error;
        REQUIRE(J->Status(&st, &error));
        return st.CampfireWaiting;
    }
};

CampfireSessionRecord Session(const std::string& id) {
    CampfireSessionRecord g;
    g.Id = id;
    g.Name = "Buurtavond";
    g.Wijk = "Oosterpark";
    g.HeldOn = "2026-11-28";
    g.Present = 12;
    g.PackId = "gronings-model";
    g.PackVersion = "2.2.0";
    g.StartedAt = "2026-11-28T19:00:00.000Z";
    return g;
}

CampfireResultRecord Count(const std::string& session, const std::string& q, const std::string& v, int64_t n,
                        const char* method = "taps") {
    CampfireResultRecord r;
    r.SessionId = session;
    r.QuestionId = q;
    r.Value = v;
    r.Count = n;
    r.Method = method;
    return r;
}

AgreementRecord Agreement(const std::string& session, const std::string& what) {
    AgreementRecord a;
    a.Id = NewUuidV4();
    a.SessionId = session;
    a.Wijk = "Oosterpark";
    a.What = what;
    a.Who = "wijkpanel";
    a.Due = "2027-01-15";
    a.Answers = "ieders-stem";
    a.CreatedAt = a.UpdatedAt = "2026-11-28T20:00:00.000Z";
    return a;
}

} // namespace

TEST_CASE("campfire: a session, its counts and agreements are stored apart from the answers") {
    TempJournal t;
    std::string error;
    const std::string id = NewUuidV4();
    REQUIRE_MESSAGE(t.J->SaveCampfireSession(Session(id), &error), error);
    REQUIRE_MESSAGE(t.J->SaveCampfireCounts({Count(id, "prettig-wonen", "4", 3), Count(id, "prettig-wonen", "2", 1)},
                                         &error),
                    error);
    REQUIRE(t.J->SaveCampfireCounts({Count(id, "prettig-wonen", "4", 5, "hands")}, &error));
    REQUIRE(t.J->SaveAgreement(Agreement(id, "Een wijkpanel samenstellen"), &error));
    CHECK(t.Scalar("SELECT count(*) FROM answers") == 0); // walk-in tallies untouched
    CHECK(t.Scalar("SELECT count(*) FROM sessions") == 0);

    std::vector<CampfireResultRecord> results;
    REQUIRE(t.J->CampfireResults(id, &results, &error));
    REQUIRE(results.size() == 2);
    CHECK(results[0].Value == "2");
    CHECK(results[0].Count == 1);
    CHECK(results[1].Count == 5);
    CHECK(results[1].Method == "hands");
    std::vector<AgreementRecord> agreements;
    REQUIRE(t.J->Agreements(id, &agreements, &error));
    REQUIRE(agreements.size() == 1);
    CHECK(agreements[0].Who == "wijkpanel");
    CHECK(agreements[0].Status == "open");

    SUBCASE("bad values are refused and change nothing") {
        CHECK_FALSE(t.J->SaveCampfireCounts({Count(id, "q", "a", 1), Count(id, "q", "b", -1)}, &error));
        CHECK(error.find("below 0") != std::string::npos);
        CHECK_FALSE(t.J->SaveCampfireCounts({Count(id, "q", "a", 1, "guess")}, &error));
        CHECK(t.Scalar("SELECT count(*) FROM group_results WHERE question_id = 'q'") == 0);
        AgreementRecord a = Agreement(id, "x");
        a.Status = "misschien";
        CHECK_FALSE(t.J->SaveAgreement(a, &error));
        CHECK(error.find("open, bezig or klaar") != std::string::npos);
        // A count for a session that does not exist: the foreign key refuses it.
        CHECK_FALSE(t.J->SaveCampfireCounts({Count(NewUuidV4(), "q", "a", 1)}, &error));
        CHECK(t.Scalar("SELECT count(*) FROM group_results") == 2);
        CampfireSessionRecord nobody = Session(NewUuidV4());
        nobody.Present = 0;
        CHECK_FALSE(t.J->SaveCampfireSession(nobody, &error));
        CHECK_FALSE(t.J->EndCampfireSession(NewUuidV4(), "2026-11-28T21:00:00Z", &error));
        CHECK(error.find("no session") != std::string::npos);
    }

    SUBCASE("they survive closing and reopening") {
        t.J.reset();
        t.J = Journal::Open(JournalPath(t.Dir), &error);
        REQUIRE(t.J);
        REQUIRE(t.J->CampfireResults(id, &results, &error));
        CHECK(results.size() == 2);
    }
}

TEST_CASE("campfire sync bookkeeping: waiting rows, acknowledged revisions, changes during a round") {
    TempJournal t;
    std::string error;
    const std::string id = NewUuidV4();
    REQUIRE(t.J->SaveCampfireSession(Session(id), &error));
    REQUIRE(t.J->SaveCampfireCounts({Count(id, "q1", "a", 2), Count(id, "q1", "b", 1)}, &error));
    AgreementRecord a = Agreement(id, "Een wijkpanel samenstellen");
    REQUIRE(t.J->SaveAgreement(a, &error));
    CHECK(t.Waiting() == 4);

    CampfireBatch sent;
    REQUIRE(t.J->CampfireWaiting(100, &sent, &error));
    CHECK(sent.DeviceId == t.J->DeviceId());
    REQUIRE(sent.Sessions.size() == 1);
    REQUIRE(sent.Results.size() == 2);
    REQUIRE(sent.Agreements.size() == 1);
    CHECK_FALSE(sent.Results[0].Final);
    CHECK(sent.Sessions[0].EndedAt.empty());

    SUBCASE("a limit: sessions first") {
        CampfireBatch two;
        REQUIRE(t.J->CampfireWaiting(2, &two, &error));
        CHECK(two.Sessions.size() == 1);
        CHECK(two.Results.size() == 1);
        CHECK(two.Agreements.empty());
    }

    // While the round is under way, a vote and a status change come in.
    REQUIRE(t.J->SaveCampfireCounts({Count(id, "q1", "a", 3)}, &error));
    a.Status = "bezig";
    a.UpdatedAt = "2026-11-28T20:30:00.000Z";
    REQUIRE(t.J->SaveAgreement(a, &error));
    // The same count again changes nothing (no new revision).
    REQUIRE(t.J->SaveCampfireCounts({Count(id, "q1", "b", 1)}, &error));

    REQUIRE(t.J->MarkCampfireSynced(sent, &error));
    CHECK(t.Waiting() == 2); // the changed count and the changed agreement still wait
    CampfireBatch next;
    REQUIRE(t.J->CampfireWaiting(100, &next, &error));
    CHECK(next.Sessions.empty());
    REQUIRE(next.Results.size() == 1);
    CHECK(next.Results[0].Value == "a");
    CHECK(next.Results[0].Count == 3);
    REQUIRE(next.Agreements.size() == 1);
    CHECK(next.Agreements[0].Status == "bezig");
    REQUIRE(t.J->MarkCampfireSynced(next, &error));
    REQUIRE(t.J->MarkCampfireSynced(sent, &error)); // a late, older acknowledgement marks nothing back
    CHECK(t.Waiting() == 0);

    // The end: the session and every result go again, now final.
    REQUIRE(t.J->EndCampfireSession(id, "2026-11-28T21:30:00.000Z", &error));
    CampfireBatch end;
    REQUIRE(t.J->CampfireWaiting(100, &end, &error));
    REQUIRE(end.Sessions.size() == 1);
    CHECK(end.Sessions[0].EndedAt == "2026-11-28T21:30:00.000Z");
    REQUIRE(end.Results.size() == 2);
    CHECK(end.Results[0].Final);
    CHECK(end.Results[1].Final);
    CHECK(end.Agreements.empty());
    // Saving the session again never un-ends it.
    REQUIRE(t.J->SaveCampfireSession(Session(id), &error));
    CHECK(t.Scalar("SELECT count(*) FROM group_sessions WHERE ended_at IS NOT NULL") == 1);
}

TEST_CASE("a schema 6 journal gains the campfire tables, its answers kept") {
    char tmpl[] = "/tmp/wijkstem-group-XXXXXX";
    const std::string dir = mkdtemp(tmpl);
    std::string error;
    {
        auto j = Journal::Open(JournalPath(dir), &error);
        REQUIRE(j);
        AnswerRecord a;
        a.SessionId = NewUuidV4();
        a.PackId = "p";
        a.PackVersion = "1";
        a.QuestionId = "q";
        a.Value = "v";
        a.Lang = "nl";
        a.AnsweredAtMs = 1795000000000;
        CommittedAnswer done;
        REQUIRE(j->Commit(a, &done, &error));
        REQUIRE(sqlite3_exec(j->Handle(),
                             "DROP TABLE group_results; DROP TABLE agreements; DROP TABLE group_sessions; "
                             "ALTER TABLE answers DROP COLUMN replaces; ALTER TABLE answers DROP COLUMN superseded; "
                             "PRAGMA user_version=6",
                             nullptr, nullptr, nullptr) == SQLITE_OK);
    }
    auto j = Journal::Open(JournalPath(dir), &error);
    REQUIRE_MESSAGE(j, error);
    JournalStatus st;
    REQUIRE(j->Status(&st, &error));
    CHECK(st.Answers == 1);
    CHECK(st.CampfireWaiting == 0);
    CHECK(j->SaveCampfireSession(Session(NewUuidV4()), &error));
    j.reset();
    std::filesystem::remove_all(dir);
}
