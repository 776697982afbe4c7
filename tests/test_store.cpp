// The store's database, on a real SQLite file: enrolment, tokens, exactly-once storage.
#include "fixtures_store.hpp"
#include "sync/uuid.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

using namespace wsync;
using namespace store;

namespace {

using fixtures::TempStore;

StoredAnswer Answer(int64_t seq, const std::string& value = "4") {
    return {NewUuidV7(1795000000000 + seq), seq, NewUuidV4(), "gronings-model", "2.1.0", "prettig-wonen", value,
            "2026-11-28T12:00:00.000Z"};
}

} // namespace

TEST_CASE("enrolment: a code works once, the token is kept only as a hash") {
    TempStore t;
    std::string code, token, wijk, error;
    REQUIRE(t.S->NewEnrollCode("Oosterpark", &code, &error));
    CHECK(code.size() == 11);
    const std::string device = NewUuidV4();
    bool forbidden = false;
    std::string pub, sec; // a real key: the store checks it is an Ed25519 point
    REQUIRE(NewSigningKey(&pub, &sec, &error));
    REQUIRE(t.S->Enroll(code, device, pub, &token, &wijk, &forbidden, &error));
    CHECK(wijk == "Oosterpark");
    CHECK_FALSE(t.S->Enroll(code, NewUuidV4(), pub, &token, &wijk, &forbidden, &error));
    CHECK(forbidden);
    CHECK_FALSE(t.S->Enroll("NOPE-NOPE", device, pub, &token, &wijk, &forbidden, &error));

    std::string who;
    CHECK(t.S->Authenticate(token, &who));
    CHECK(who == device);
    CHECK_FALSE(t.S->Authenticate("", &who));
    CHECK_FALSE(t.S->Authenticate(token + "0", &who));
    CHECK(t.S->Revoke(device, &error));
    CHECK_FALSE(t.S->Authenticate(token, &who));
    CHECK_FALSE(t.S->Revoke(device, &error));
    CHECK_FALSE(t.S->NewEnrollCode("", &code, &error));
}

TEST_CASE("exactly once: stored, already stored, conflict kept aside, invalid refused") {
    TempStore t;
    const std::string device = NewUuidV4();
    t.Enrol(device);
    Batch b{device, {Answer(1), Answer(2), Answer(3)}};
    std::vector<AnswerResult> r;
    std::string error;
    REQUIRE(t.S->StoreBatch(b, "network", &r, &error));
    REQUIRE(r.size() == 3);
    for (const AnswerResult& a : r)
        CHECK(a.Status == AnswerStatus::Stored);

    // The same again, one changed, one new, one broken.
    Batch again = b;
    again.Answers[1].Value = "1";
    again.Answers.push_back(Answer(4));
    StoredAnswer broken = Answer(5);
    broken.SessionId = "nope";
    again.Answers.push_back(broken);
    REQUIRE(t.S->StoreBatch(again, "file", &r, &error));
    REQUIRE(r.size() == 5);
    CHECK(r[0].Status == AnswerStatus::AlreadyStored);
    CHECK(r[1].Status == AnswerStatus::Conflict);
    CHECK(r[2].Status == AnswerStatus::AlreadyStored);
    CHECK(r[3].Status == AnswerStatus::Stored);
    CHECK(r[4].Status == AnswerStatus::Invalid);
    CHECK(r[4].Reason.find("session_id") != std::string::npos);
    CHECK(t.S->AnswerCount() == 4);
    CHECK(t.S->ConflictCount() == 1);

    std::string csv;
    REQUIRE(t.S->ExportCsv(&csv, &error));
    CHECK(csv.rfind("answer_id,device_id,device_seq,wijk,session_id,pack_id,pack_version,question_id,value,"
                    "answered_at,received_at,via,flagged,superseded\n",
                    0) == 0);
    CHECK(csv.find(",4,") != std::string::npos);
    CHECK(csv.find("T12:00") == std::string::npos); // coarse times: the date only
}

TEST_CASE("a free text with backslashes, \\N and line breaks is stored exactly as sent") {
    // On PostgreSQL the answers go in through COPY, whose text format gives a backslash, a
    // line break and \N a meaning of their own.
    TempStore t;
    const std::string device = NewUuidV4();
    t.Enrol(device);
    const std::string texts[] = {"\\N", "C:\\wijk\\plein", "een\nlange\nregel", "\\t is geen tab", "\\", "eind \\"};
    Batch b{device, {}};
    for (const std::string& v : texts)
        b.Answers.push_back(Answer(int64_t(b.Answers.size()) + 1, v));
    std::vector<AnswerResult> r;
    std::string error;
    REQUIRE_MESSAGE(t.S->StoreBatch(b, "network", &r, &error), error);
    for (const AnswerResult& a : r)
        CHECK(a.Status == AnswerStatus::Stored);
    for (const StoredAnswer& a : b.Answers) {
        CHECK(fixtures::QueryText(t.S->Handle(), "SELECT value FROM answers WHERE id = '" + a.Id + "'") == a.Value);
        CHECK(fixtures::QueryText(t.S->Handle(), "SELECT count(*) FROM answers WHERE id = '" + a.Id +
                                                     "' AND replaces IS NULL") == "1");
    }
    // Sent again: the same content, so already stored, not a conflict.
    REQUIRE(t.S->StoreBatch(b, "network", &r, &error));
    for (const AnswerResult& a : r)
        CHECK(a.Status == AnswerStatus::AlreadyStored);
    CHECK(t.S->ConflictCount() == 0);
}

TEST_CASE("a CSV field never becomes a formula or breaks a row") {
    TempStore t;
    const std::string device = NewUuidV4();
    t.Enrol(device);
    std::vector<AnswerResult> r;
    std::string error;
    std::vector<StoredAnswer> answers = {Answer(1), Answer(2), Answer(3), Answer(4)};
    answers[0].Value = "=HYPERLINK(\"http://x\")";
    answers[1].Value = "groen, spelen\nen \"verkeer\"";
    answers[2].Value = "-12";
    answers[3].Value = "@SUM(A1)";
    REQUIRE(t.S->StoreBatch({device, answers}, "network", &r, &error));
    std::string csv;
    REQUIRE(t.S->ExportCsv(&csv, &error));
    CHECK(csv.find(",\"'=HYPERLINK(\"\"http://x\"\")\",") != std::string::npos);
    CHECK(csv.find(",\"groen, spelen\nen \"\"verkeer\"\"\",") != std::string::npos);
    CHECK(csv.find(",-12,") != std::string::npos); // a number stays a number
    CHECK(csv.find(",'@SUM(A1),") != std::string::npos);
}

TEST_CASE("gaps in a device's sequence are visible") {
    TempStore t;
    const std::string device = NewUuidV4();
    t.Enrol(device);
    std::vector<AnswerResult> r;
    std::string error;
    REQUIRE(t.S->StoreBatch({device, {Answer(1), Answer(2), Answer(5), Answer(7)}}, "network", &r, &error));
    DeviceInfo d;
    REQUIRE(t.S->Device(device, &d));
    CHECK(d.Answers == 4);
    CHECK(d.MaxSeq == 7);
    CHECK(d.Missing == 3); // 3, 4 and 6
    CHECK(d.Wijk == "Selwerd");
}

TEST_CASE("a batch from a device the store does not know stores nothing") {
    TempStore t;
    std::vector<AnswerResult> r;
    std::string error;
    CHECK_FALSE(t.S->StoreBatch({NewUuidV4(), {Answer(1)}}, "network", &r, &error));
    CHECK(r.empty());
    CHECK(t.S->AnswerCount() == 0);
}

TEST_CASE("signing: a signature verifies with its key only; hashes are stable") {
    std::string pub, sec, pub2, sec2, error;
    REQUIRE(NewSigningKey(&pub, &sec, &error));
    REQUIRE(NewSigningKey(&pub2, &sec2, &error));
    std::string sig = Sign("manifest", sec);
    CHECK(sig.size() == 128);
    CHECK(Verify("manifest", sig, pub));
    CHECK_FALSE(Verify("manifest!", sig, pub));
    CHECK_FALSE(Verify("manifest", sig, pub2));
    CHECK_FALSE(Verify("manifest", "zz", pub));
    CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(HashToken("x") == HashToken("x"));
    CHECK(HashToken("x") != HashToken("y"));
    CHECK(RandomToken(16).size() == 32);
}

TEST_CASE("the flag is stored, exported as a CSV column (before superseded) and counted per device") {
    TempStore t;
    const std::string device = NewUuidV4();
    t.Enrol(device);
    Batch b{device, {Answer(1), Answer(2), Answer(3)}};
    b.Answers[1].SessionId = b.Answers[2].SessionId; // one flagged visit of two answers
    b.Answers[1].Flagged = b.Answers[2].Flagged = true;
    std::vector<AnswerResult> results;
    std::string error, csv;
    REQUIRE_MESSAGE(t.S->StoreBatch(b, "network", &results, &error), error);
    REQUIRE(t.S->ExportCsv(&csv, &error));
    CHECK(csv.find(b.Answers[0].Id + "," + device) != std::string::npos);
    size_t line0 = csv.find(b.Answers[0].Id), line1 = csv.find(b.Answers[1].Id);
    CHECK(csv.substr(csv.find('\n', line0) - 4, 4) == ",0,0");
    CHECK(csv.substr(csv.find('\n', line1) - 4, 4) == ",1,0");
    DeviceInfo d;
    REQUIRE(t.S->Device(device, &d));
    CHECK(d.Visits == 2);
    CHECK(d.VisitsFlagged == 1);

    // The same answer with the flag changed is another content: a conflict, kept aside.
    Batch changed{device, {b.Answers[0]}};
    changed.Answers[0].Flagged = true;
    REQUIRE(t.S->StoreBatch(changed, "network", &results, &error));
    REQUIRE(results.size() == 1);
    CHECK(results[0].Status == AnswerStatus::Conflict);
    // And the same flag again: already stored.
    REQUIRE(t.S->StoreBatch(Batch{device, {b.Answers[1]}}, "network", &results, &error));
    CHECK(results[0].Status == AnswerStatus::AlreadyStored);
}

TEST_CASE("a store database from before the flag is migrated, its answers kept") {
    char tmpl[] = "/tmp/wijkstem-store-XXXXXX";
    const std::string dir = mkdtemp(tmpl), path = dir + "/store.db";
    std::string error;
    const std::string device = NewUuidV4();
    Batch b{device, {Answer(1)}};
    {
        auto s = Store::Open(path, &error);
        REQUIRE(s);
        std::string code, token, wijk, pub, sec;
        bool forbidden = false;
        REQUIRE(s->NewEnrollCode("Selwerd", &code, &error));
        REQUIRE(NewSigningKey(&pub, &sec, &error));
        REQUIRE(s->Enroll(code, device, pub, &token, &wijk, &forbidden, &error));
        std::vector<AnswerResult> results;
        REQUIRE(s->StoreBatch(b, "network", &results, &error));
        // Back to how the first stores' databases look: no flag, no user_version.
        fixtures::ExecSql(s->Handle(),
                          // without schema 8's counts per kiosk, and the running counts (schema 6),
                          // whose triggers name the columns below
                          "DROP TRIGGER device_seqs_delete; "
                          "DROP TRIGGER answers_identity; DROP TABLE device_seqs; "
                          "DROP TRIGGER answer_counts_update; DROP TRIGGER answer_counts_delete; "
                          "DROP TABLE answer_counts; DROP INDEX devices_wijk; "
                          "ALTER TABLE answers DROP COLUMN flagged; ALTER TABLE conflicts DROP COLUMN flagged; "
                          "DROP TABLE group_results; DROP TABLE agreements; DROP TABLE group_sessions; "
                          // and without what schema 3 added (docs/security.md)
                          "ALTER TABLE enroll_codes DROP COLUMN expires_at; "
                          "ALTER TABLE enroll_codes DROP COLUMN short_id; "
                          "ALTER TABLE enroll_codes DROP COLUMN cancelled_at; DROP TABLE reenroll_allowed; "
                          "DROP TABLE published_packs; DROP INDEX answers_session; "
                          "ALTER TABLE answers DROP COLUMN unverified; DROP TABLE unverified_questions; "
                          "DROP TABLE campfire_sources; "
                          // and without "Terug"'s columns (schema 4)
                          "DROP INDEX answers_replaces; ALTER TABLE answers DROP COLUMN replaces; "
                          "ALTER TABLE answers DROP COLUMN superseded; ALTER TABLE conflicts DROP COLUMN replaces; "
                          "DROP TABLE places; " // and without schema 7
                          "PRAGMA user_version=0");
    }
    {
        auto s = Store::Open(path, &error);
        REQUIRE_MESSAGE(s, error);
        store::db::Stmt st(s->Handle(), "SELECT count(*), sum(flagged) FROM answers");
        REQUIRE(st.Step() == store::db::kRow);
        CHECK(st.Int(0) == 1); // the old answer is still there, not flagged
        CHECK(st.Int(1) == 0);
        CHECK(fixtures::QueryText(s->Handle(), "PRAGMA user_version") ==
              "8"); // schema 4: "Terug"'s columns (docs/sync-protocol.md); 5: news, receipts;
                    // 6: the content reply's running counts (issue 18); 7: places (dorp);
                    // 8: each kiosk's answers and highest seq (issue 18)
        CHECK(fixtures::QueryText(s->Handle(), "SELECT device_id || ' ' || n || ' ' || max_seq FROM device_seqs") ==
              device + " 1 1"); // filled from the answers it held
        // and it has the campfire tables (migration 1 -> 2)
        CHECK(fixtures::QueryText(s->Handle(), "SELECT count(*) FROM sqlite_master WHERE name IN "
                                               "('group_sessions', 'group_results', 'agreements')") == "3");
        std::string csv;
        REQUIRE(s->ExportCsv(&csv, &error));
        CHECK(csv.find(b.Answers[0].Id) != std::string::npos);
        fixtures::ExecSql(s->Handle(), "PRAGMA user_version=99");
    }
    CHECK_FALSE(Store::Open(path, &error)); // made by a newer store: refused, not damaged
    CHECK(error.find("newer wijkstem-store") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("the wijk's results sent down leave out flagged repeats, which stay stored") {
    TempStore t;
    const std::string device = NewUuidV4();
    t.Enrol(device);
    // Only choice questions of a pack the store knows go down, and only from 5 answers
    // (docs/security.md): the bundled pack, 5 + 5 counted answers and one flagged.
    std::string error, skipped;
    REQUIRE(t.S->AddPackFolder(WIJKSTEM_SOURCE_DIR "/content/packs", &error, &skipped));
    Batch b{device, {}};
    for (int i = 0; i < 11; i++) {
        b.Answers.push_back(Answer(i + 1, i < 5 ? "4" : "2"));
        b.Answers.back().PackVersion = fixtures::BundledPackVersion();
    }
    b.Answers[10].Flagged = true; // the visit before, repeated within seconds
    std::vector<AnswerResult> results;
    REQUIRE_MESSAGE(t.S->StoreBatch(b, "network", &results, &error), error);
    CHECK(t.S->AnswerCount() == 11);
    WijkContent c;
    REQUIRE_MESSAGE(t.S->ContentFor(device, &c, &error), error);
    int64_t twos = 0, fours = 0;
    for (const Tally& r : c.Results)
        if (r.QuestionId == "prettig-wonen")
            (r.Value == "2" ? twos : fours) += r.Count;
    CHECK(twos == 5);
    CHECK(fours == 5);
}

TEST_CASE("an answer changed on the way back: the old one kept, superseded in the CSV, counted nowhere") {
    TempStore t;
    const std::string device = NewUuidV4();
    t.Enrol(device);
    std::string error, skipped;
    REQUIRE(t.S->AddPackFolder(WIJKSTEM_SOURCE_DIR "/content/packs", &error, &skipped));
    const std::string version = fixtures::BundledPackVersion();
    Batch b{device, {}};
    for (int i = 0; i < 6; i++) { // six visits answer 4: enough to be sent down to the kiosks
        b.Answers.push_back(Answer(i + 1, "4"));
        b.Answers.back().PackVersion = version;
    }
    StoredAnswer changed = Answer(7, "2"); // the first visitor went back and chose 2
    changed.PackVersion = version;
    changed.SessionId = b.Answers[0].SessionId;
    changed.Replaces = b.Answers[0].Id;
    std::vector<AnswerResult> results;

    SUBCASE("in order") {
        b.Answers.push_back(changed);
        REQUIRE_MESSAGE(t.S->StoreBatch(b, "network", &results, &error), error);
    }
    SUBCASE("the changed answer first (a USB file and the network out of order)") {
        REQUIRE_MESSAGE(t.S->StoreBatch({device, {changed}}, "file", &results, &error), error);
        REQUIRE_MESSAGE(t.S->StoreBatch(b, "network", &results, &error), error);
    }
    for (const AnswerResult& r : results)
        CHECK(r.Status == AnswerStatus::Stored);
    CHECK(t.S->AnswerCount() == 7); // never deleted

    std::string csv;
    REQUIRE(t.S->ExportCsv(&csv, &error));
    CHECK(csv.rfind(",flagged,superseded\n", csv.find('\n')) != std::string::npos); // the last column
    auto line_end = [&](const std::string& id) {
        size_t at = csv.find(id + ",");
        REQUIRE(at != std::string::npos);
        return csv.substr(csv.find('\n', at) - 4, 4);
    };
    CHECK(line_end(b.Answers[0].Id) == ",0,1"); // not flagged, superseded
    CHECK(line_end(b.Answers[1].Id) == ",0,0");
    CHECK(line_end(changed.Id) == ",0,0");

    WijkContent c;
    REQUIRE_MESSAGE(t.S->ContentFor(device, &c, &error), error);
    int64_t fours = 0, twos = 0;
    for (const Tally& r : c.Results)
        if (r.QuestionId == "prettig-wonen")
            (r.Value == "2" ? twos : fours) += r.Count;
    CHECK(fours == 5);
    CHECK(twos == 1);

    // An answer that names one of another visit (or kiosk) marks nothing.
    StoredAnswer stray = Answer(8, "1");
    stray.PackVersion = version;
    stray.Replaces = b.Answers[1].Id;
    REQUIRE(t.S->StoreBatch({device, {stray}}, "network", &results, &error));
    REQUIRE(t.S->ExportCsv(&csv, &error));
    CHECK(line_end(b.Answers[1].Id) == ",0,0");
}

TEST_CASE("export --csv streams a row at a time; a writer that fails stops it with a reason") {
    TempStore t;
    const std::string device = NewUuidV4();
    t.Enrol(device);
    std::vector<AnswerResult> r;
    std::string error;
    REQUIRE(t.S->StoreBatch({device, {Answer(1), Answer(2), Answer(3)}}, "network", &r, &error));
    std::string whole;
    REQUIRE(t.S->ExportCsv(&whole, &error));
    std::vector<std::string> rows;
    REQUIRE(t.S->ExportCsv(
        [&](const std::string& row) {
            rows.push_back(row);
            return true;
        },
        &error));
    REQUIRE(rows.size() == 4); // the header and one row per answer, each handed over alone
    std::string joined;
    for (const std::string& row : rows) {
        CHECK(row.back() == '\n');
        CHECK(std::count(row.begin(), row.end(), '\n') == 1);
        joined += row;
    }
    CHECK(joined == whole);

    size_t taken = 0;
    CHECK_FALSE(t.S->ExportCsv([&](const std::string&) { return ++taken < 2; }, &error)); // a full disk
    CHECK(taken == 2);
    CHECK(error == "the CSV could not be written");
}
