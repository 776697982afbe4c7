// The journal on real SQLite files in a temporary folder.
#include "fixtures_store.hpp"
#include "sync/journal.hpp"
#include "sync/uuid.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sys/stat.h>

using namespace wsync;
namespace fs = std::filesystem;

namespace {

struct TempDir : fixtures::TempDir {
    TempDir() : fixtures::TempDir("journal") {}
    std::string Journal() const { return JournalPath(Dir); }
};

AnswerRecord Answer(const std::string& session, const std::string& question, const std::string& value) {
    AnswerRecord a;
    a.SessionId = session;
    a.PackId = "gronings-model";
    a.PackVersion = "1.0.0";
    a.QuestionId = question;
    a.Value = value;
    a.Lang = "nl";
    a.AnsweredAtMs = 1795000000000;
    return a;
}

int64_t Scalar(sqlite3* db, const char* sql) {
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK);
    int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

std::string Text(sqlite3* db, const char* sql) {
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK);
    std::string v;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return v;
}

} // namespace

TEST_CASE("a new journal: device id, schema version, WAL and synchronous=FULL") {
    TempDir dir;
    std::string error;
    auto j = Journal::Open(dir.Journal(), &error);
    REQUIRE_MESSAGE(j, error);
    CHECK(IsUuid(j->DeviceId()));
    CHECK(Scalar(j->Handle(), "PRAGMA user_version") == Journal::kSchemaVersion);
    CHECK(Text(j->Handle(), "PRAGMA journal_mode") == "wal");
    CHECK(Scalar(j->Handle(), "PRAGMA synchronous") == 2); // FULL

    JournalStatus st;
    REQUIRE(j->Status(&st, &error));
    CHECK(st.DeviceId == j->DeviceId());
    CHECK(st.Answers == 0);
    CHECK(st.Sessions == 0);
    CHECK(st.Waiting == 0);
    CHECK(st.LastSync.empty());
}

TEST_CASE("answers survive closing and reopening; sequence numbers have no gaps or repeats") {
    TempDir dir;
    std::string error, device;
    std::set<std::string> ids;
    {
        auto j = Journal::Open(dir.Journal(), &error);
        REQUIRE(j);
        device = j->DeviceId();
        for (int i = 0; i < 30; i++) {
            CommittedAnswer c;
            REQUIRE_MESSAGE(j->Commit(Answer(i < 15 ? "s1" : "s2", "q" + std::to_string(i % 3), "ja"), &c, &error),
                            error);
            CHECK(c.Seq == i + 1);
            CHECK(IsUuid(c.Id));
            CHECK(ids.insert(c.Id).second);
        }
    }
    auto j = Journal::Open(dir.Journal(), &error);
    REQUIRE(j);
    CHECK(j->DeviceId() == device); // the device id is made once
    JournalStatus st;
    REQUIRE(j->Status(&st, &error));
    CHECK(st.Answers == 30);
    CHECK(st.Sessions == 2);
    CHECK(st.Waiting == 30);

    CommittedAnswer c;
    REQUIRE(j->Commit(Answer("s3", "q0", "nee"), &c, &error));
    CHECK(c.Seq == 31); // continues after a restart
    CHECK(Scalar(j->Handle(), "SELECT count(DISTINCT seq) FROM answers") == 31);
    CHECK(Scalar(j->Handle(), "SELECT max(seq) FROM answers") == 31);
    CHECK(Scalar(j->Handle(), "SELECT min(seq) FROM answers") == 1);
    CHECK(Scalar(j->Handle(), "SELECT count(DISTINCT id) FROM answers") == 31);
}

TEST_CASE("an answer row holds everything the store needs") {
    TempDir dir;
    std::string error;
    auto j = Journal::Open(dir.Journal(), &error);
    REQUIRE(j);
    CommittedAnswer c;
    REQUIRE(j->Commit(Answer("sess", "prettig-wonen", "4"), &c, &error));
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(j->Handle(),
                               "SELECT id, session_id, pack_id, pack_version, question_id, value, answered_at, "
                               "synced_at FROM answers WHERE seq = 1",
                               -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    auto col = [&](int i) { return std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, i))); };
    CHECK(col(0) == c.Id);
    CHECK(col(1) == "sess");
    CHECK(col(2) == "gronings-model");
    CHECK(col(3) == "1.0.0");
    CHECK(col(4) == "prettig-wonen");
    CHECK(col(5) == "4");
    CHECK(col(6) == "2026-11-18T11:06:40.000Z");
    CHECK(sqlite3_column_type(st, 7) == SQLITE_NULL);
    sqlite3_finalize(st);
}

TEST_CASE("a failing write stores nothing and says why") {
    TempDir dir;
    std::string error;
    auto j = Journal::Open(dir.Journal(), &error);
    REQUIRE(j);
    CommittedAnswer c;
    REQUIRE(j->Commit(Answer("s", "q", "1"), &c, &error));

    SUBCASE("the disk is full") {
        // Cap the file at its current size: the next page it needs is refused with SQLITE_FULL.
        int64_t pages = Scalar(j->Handle(), "PRAGMA page_count");
        std::string sql = "PRAGMA max_page_count=" + std::to_string(pages);
        REQUIRE(sqlite3_exec(j->Handle(), sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
        bool failed = false;
        for (int i = 0; i < 200 && !failed; i++) // fill the free space, then fail
            failed = !j->Commit(Answer("s", "q", std::string(2000, 'x')), &c, &error);
        REQUIRE(failed);
        CHECK(error.find("full") != std::string::npos);
    }
    SUBCASE("the database refuses the row") {
        REQUIRE(sqlite3_exec(j->Handle(),
                             "CREATE TRIGGER refuse BEFORE INSERT ON answers BEGIN "
                             "SELECT RAISE(ABORT, 'simulated write failure'); END",
                             nullptr, nullptr, nullptr) == SQLITE_OK);
        CHECK_FALSE(j->Commit(Answer("s2", "q", "2"), &c, &error));
        CHECK(error.find("simulated write failure") != std::string::npos);
        CHECK(error.find("could not be stored") != std::string::npos);
    }
    // Whatever failed was rolled back whole: the sequence and the sessions too.
    int64_t answers = Scalar(j->Handle(), "SELECT count(*) FROM answers");
    CHECK(Scalar(j->Handle(), "SELECT last_seq FROM device") == answers);
    CHECK(Scalar(j->Handle(), "SELECT max(seq) FROM answers") == answers);
    CHECK(Scalar(j->Handle(), "SELECT count(*) FROM sessions WHERE id = 's2'") == 0);
    CHECK(Text(j->Handle(), "PRAGMA integrity_check") == "ok");
}

TEST_CASE("a journal from a newer Wijkstem is refused, not damaged") {
    TempDir dir;
    std::string error;
    {
        auto j = Journal::Open(dir.Journal(), &error);
        REQUIRE(j);
        REQUIRE(sqlite3_exec(j->Handle(), "PRAGMA user_version=99", nullptr, nullptr, nullptr) == SQLITE_OK);
    }
    CHECK_FALSE(Journal::Open(dir.Journal(), &error));
    CHECK(error.find("newer Wijkstem") != std::string::npos);
}

TEST_CASE("a file that is not a database gives a message, not a crash") {
    TempDir dir;
    {
        std::ofstream f(dir.Journal());
        f << "this is not a SQLite database, but it is long enough to look like a header....";
    }
    std::string error;
    CHECK_FALSE(Journal::Open(dir.Journal(), &error));
    CHECK(error.find(dir.Journal()) != std::string::npos);
}

TEST_CASE("a folder that cannot be written gives a message") {
    std::string error;
    CHECK_FALSE(Journal::Open("/proc/wijkstem-nowhere/journal.sqlite", &error));
    CHECK(error.find("cannot be opened") != std::string::npos);
    CHECK_FALSE(MakeDirs("/proc/wijkstem-nowhere/x", &error));
    CHECK(error.find("cannot create folder") != std::string::npos);
}

TEST_CASE("UUIDs: v4 random, v7 time-ordered") {
    std::string a = NewUuidV4(), b = NewUuidV4();
    CHECK(IsUuid(a));
    CHECK(a != b);
    CHECK(a[14] == '4');
    std::string early = NewUuidV7(1000), late = NewUuidV7(2000);
    CHECK(IsUuid(early));
    CHECK(early[14] == '7');
    CHECK(early < late);
    CHECK_FALSE(IsUuid("not-a-uuid"));
    CHECK_FALSE(IsUuid("0123456789abcdef0123456789abcdef0123"));
}

TEST_CASE("a schema-1 journal is migrated to the current schema with its answers intact") {
    TempDir dir;
    std::string error;
    {
        auto j = Journal::Open(dir.Journal(), &error);
        REQUIRE(j);
        CommittedAnswer c;
        REQUIRE(j->Commit(Answer("s", "q", "ja"), &c, &error));
        // Undo migrations 2 to 8, as a journal written by the first version looks.
        REQUIRE(sqlite3_exec(j->Handle(),
                             "ALTER TABLE answers DROP COLUMN replaces; ALTER TABLE answers DROP COLUMN superseded; "
                             "DROP INDEX answers_question; DROP TABLE wijk_results; DROP TABLE store; "
                             "ALTER TABLE device DROP COLUMN public_key; ALTER TABLE device DROP COLUMN secret_key; "
                             "DROP TABLE admin_pin; DROP TABLE pin_attempts; ALTER TABLE answers DROP COLUMN flagged; "
                             "DROP TABLE group_results; DROP TABLE agreements; DROP TABLE group_sessions; "
                             "PRAGMA user_version=1",
                             nullptr, nullptr, nullptr) == SQLITE_OK);
    }
    auto j = Journal::Open(dir.Journal(), &error);
    REQUIRE_MESSAGE(j, error);
    CHECK(Scalar(j->Handle(), "PRAGMA user_version") == Journal::kSchemaVersion);
    CHECK(Scalar(j->Handle(), "SELECT count(*) FROM answers") == 1);
    CHECK(Scalar(j->Handle(), "SELECT count(*) FROM sqlite_master WHERE name = 'answers_question'") == 1);
    StoreLink link;
    CHECK_FALSE(j->GetStore(&link));
}

TEST_CASE("the journal's side of sync: waiting batches, marking, the last result") {
    TempDir dir;
    std::string error;
    auto j = Journal::Open(dir.Journal(), &error);
    REQUIRE(j);
    for (int i = 0; i < 25; i++) {
        CommittedAnswer c;
        REQUIRE(j->Commit(Answer("s", "q" + std::to_string(i), std::string(100, 'x')), &c, &error));
    }
    std::vector<StoredAnswer> waiting;
    REQUIRE(j->Waiting(10, 1 << 20, &waiting, &error));
    REQUIRE(waiting.size() == 10);
    CHECK(waiting.front().Seq == 1); // oldest first
    CHECK(waiting.back().Seq == 10);
    REQUIRE(j->Waiting(100, 1500, &waiting, &error)); // the byte cap holds too
    CHECK(waiting.size() < 10);
    CHECK_FALSE(waiting.empty());

    REQUIRE(j->Waiting(5, 1 << 20, &waiting, &error));
    std::vector<int64_t> seqs;
    for (const StoredAnswer& a : waiting)
        seqs.push_back(a.Seq);
    REQUIRE(j->MarkSynced(seqs, &error));
    JournalStatus st;
    REQUIRE(j->Status(&st, &error));
    CHECK(st.Waiting == 20);
    CHECK(st.Answers == 25); // synced answers stay on the kiosk
    REQUIRE(j->Waiting(100, 1 << 20, &waiting, &error));
    CHECK(waiting.front().Seq == 6);

    REQUIRE(j->RecordSync(false, "the store cannot be reached", &error));
    REQUIRE(j->Status(&st, &error));
    CHECK(st.LastSync.empty());
    CHECK(st.LastSyncError == "the store cannot be reached");
    REQUIRE(j->RecordSync(true, "", &error));
    REQUIRE(j->Status(&st, &error));
    CHECK_FALSE(st.LastSync.empty());
    CHECK(st.LastSyncError.empty());

    REQUIRE(j->SetStore({"http://127.0.0.1:1", "tok", "Selwerd", ""}, &error));
    StoreLink link;
    REQUIRE(j->GetStore(&link));
    CHECK(link.Wijk == "Selwerd");
    std::string pub, sec, pub2, sec2;
    REQUIRE(j->SigningKey(&pub, &sec, &error));
    REQUIRE(j->SigningKey(&pub2, &sec2, &error));
    CHECK(pub.size() == 64);
    CHECK(pub == pub2); // made once, then kept
}

TEST_CASE("answers the store lost are sent again; old acknowledged ones are pruned") {
    TempDir dir;
    std::string error;
    auto j = Journal::Open(dir.Journal(), &error);
    REQUIRE(j);
    std::vector<int64_t> seqs;
    for (int i = 0; i < 10; i++) {
        CommittedAnswer c;
        REQUIRE(j->Commit(Answer("s", "q", "ja"), &c, &error));
        seqs.push_back(c.Seq);
    }
    REQUIRE(j->MarkSynced(seqs, &error));
    // The store holds up to seq 6 but misses 3: 3, 7, 8, 9 and 10 wait again.
    CHECK(j->ResendMissing(6, {3}, &error) == 5);
    std::vector<StoredAnswer> waiting;
    REQUIRE(j->Waiting(100, 1 << 20, &waiting, &error));
    REQUIRE(waiting.size() == 5);
    CHECK(waiting[0].Seq == 3);
    CHECK(waiting[1].Seq == 7);
    CHECK(j->ResendMissing(10, {}, &error) == 0); // a store that has everything asks nothing

    // Retention: only acknowledged answers older than the limit go.
    REQUIRE(sqlite3_exec(j->Handle(), "UPDATE answers SET synced_at = '2020-01-01T00:00:00.000Z' WHERE seq <= 2",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    CHECK(j->PruneSynced(30, &error) == 2);
    CHECK(Scalar(j->Handle(), "SELECT count(*) FROM answers") == 8);
    CHECK(Scalar(j->Handle(), "SELECT count(*) FROM answers WHERE synced_at IS NULL") == 5);
    CHECK(Scalar(j->Handle(), "SELECT last_seq FROM device") == 10); // the sequence never goes back
}

TEST_CASE("a repeat visit's answers are kept but not counted in the kiosk's results") {
    TempDir dir;
    std::string error;
    auto j = Journal::Open(dir.Journal(), &error);
    REQUIRE_MESSAGE(j, error);
    CommittedAnswer c;
    REQUIRE(j->Commit(Answer("s1", "prettig-wonen", "4"), &c, &error));
    REQUIRE(j->Commit(Answer("s2", "prettig-wonen", "2"), &c, &error));
    AnswerRecord repeat = Answer("s3", "prettig-wonen", "2");
    repeat.Flagged = true; // the same answers as the visit before, within seconds
    REQUIRE(j->Commit(repeat, &c, &error));
    std::vector<std::pair<std::string, int64_t>> tally;
    REQUIRE(j->Tally("prettig-wonen", &tally, &error));
    REQUIRE(tally.size() == 2);
    for (const auto& [value, n] : tally)
        CHECK(n == 1); // "2" once, not twice
    CHECK(Scalar(j->Handle(), "SELECT count(*) FROM answers") == 3); // stored all the same
}

TEST_CASE("security 6: the journal, its -wal and -shm, and the data folder are the kiosk's own") {
    TempDir t;
    const mode_t old = umask(022); // as a careless shell or unit file would have it
    const std::string data = t.Dir + "/data/sub";
    std::string error;
    REQUIRE_MESSAGE(MakeDirs(data, &error), error);
    {
        auto j = Journal::Open(JournalPath(data), &error);
        REQUIRE_MESSAGE(j, error);
        std::vector<CommittedAnswer> out;
        REQUIRE_MESSAGE(j->Commit({Answer(NewUuidV4(), "prettig-wonen", "4")}, &out, &error), error);
        std::string pub, sec;
        REQUIRE(j->SigningKey(&pub, &sec, &error)); // the secret key is in there
        for (const std::string& p : {JournalPath(data), JournalPath(data) + "-wal", JournalPath(data) + "-shm"}) {
            struct stat st {};
            REQUIRE_MESSAGE(stat(p.c_str(), &st) == 0, p);
            CHECK_MESSAGE((st.st_mode & 0777) == 0600, p);
        }
    }
    for (const std::string& p : {t.Dir + "/data", data}) {
        struct stat st {};
        REQUIRE(stat(p.c_str(), &st) == 0);
        CHECK_MESSAGE((st.st_mode & 0777) == 0700, p);
    }
    // A journal made 0644 by an older version is made private when opened.
    REQUIRE(chmod(JournalPath(data).c_str(), 0644) == 0);
    REQUIRE(Journal::Open(JournalPath(data), &error));
    struct stat st {};
    REQUIRE(stat(JournalPath(data).c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    umask(old);
}

TEST_CASE("an answer changed on the way back replaces the old one: kept, superseded, counted nowhere") {
    TempDir dir;
    std::string error;
    auto j = Journal::Open(dir.Journal(), &error);
    REQUIRE_MESSAGE(j, error);
    const std::string visit = NewUuidV4();
    CommittedAnswer first, second, other;
    REQUIRE(j->Commit(Answer(visit, "prettig-wonen", "4"), &first, &error));
    REQUIRE(j->Commit(Answer(NewUuidV4(), "prettig-wonen", "4"), &other, &error)); // another visit
    AnswerRecord changed = Answer(visit, "prettig-wonen", "2");
    changed.Replaces = first.Id;
    REQUIRE_MESSAGE(j->Commit(changed, &second, &error), error);

    std::vector<std::pair<std::string, int64_t>> tally;
    REQUIRE(j->Tally("prettig-wonen", &tally, &error));
    CHECK(tally == std::vector<std::pair<std::string, int64_t>>{{"2", 1}, {"4", 1}}); // the other visit's 4
    CHECK(Scalar(j->Handle(), "SELECT count(*) FROM answers") == 3); // never deleted
    CHECK(fixtures::QueryText(j->Handle(), "SELECT group_concat(superseded) FROM (SELECT superseded FROM answers "
                                           "ORDER BY seq)") == "1,0,0");
    std::vector<StoredAnswer> waiting;
    REQUIRE(j->Waiting(100, 1 << 20, &waiting, &error));
    REQUIRE(waiting.size() == 3); // the replaced one goes to the store too: it marks it there
    CHECK(waiting[0].Replaces.empty());
    CHECK(waiting[2].Id == second.Id);
    CHECK(waiting[2].Replaces == first.Id);

    // Only an answer of the same visit and question is ever marked.
    AnswerRecord stray = Answer(NewUuidV4(), "prettig-wonen", "1");
    stray.Replaces = other.Id;
    REQUIRE(j->Commit(stray, nullptr, &error));
    CHECK(fixtures::QueryText(j->Handle(), "SELECT superseded FROM answers WHERE id = '" + other.Id + "'") == "0");
}
