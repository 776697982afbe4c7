// The content reply's running counts (store schema 6, issue 18): what GET /v1/content sends
// down must be byte for byte what the store sent when it counted the wijk's answers anew
// on every request. The old way is kept here as the reference (OldTallies), and compared
// with the reply after many random batches: repeats, conflicts, flagged visits, answers of
// an unknown pack version, free text, Terug in and out of order, an edit by hand, a kiosk
// enrolled again in another wijk, and a store database of schema 5 migrated.
#include "fixtures_store.hpp"
#include "content/answer.hpp"
#include "content/pack_loader.hpp"
#include "store/pack_catalog.hpp"
#include "sync/batch.hpp"
#include "sync/uuid.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace wsync;
using namespace store;

namespace {

using fixtures::TempStore;

// The content reply's results exactly as Store::WijkTalliesLocked made them before
// schema 6: one GROUP BY over the wijk's answers on every request.
std::vector<Tally> OldTallies(store::db::Conn* db, const PackCatalog& catalog, const std::string& wijk) {
    store::db::Stmt st(db, "SELECT a.pack_id, a.pack_version, a.question_id, a.value, count(*) FROM answers a "
                     "JOIN devices d ON d.id = a.device_id WHERE d.wijk = ?1 AND a.flagged = 0 AND a.unverified = 0 "
                     "AND a.superseded = 0 "
                     "GROUP BY a.pack_id, a.pack_version, a.question_id, a.value");
    REQUIRE(st);
    st.Bind(wijk);
    std::map<std::pair<std::string, std::string>, int64_t> counts;
    std::map<std::string, int64_t> per_question;
    while (st.Step() == store::db::kRow) {
        const std::string question = st.Text(2);
        if (!catalog.IsChoice(st.Text(0), st.Text(1), question))
            continue;
        const int64_t n = st.Int(4);
        counts[{question, st.Text(3)}] += n;
        per_question[question] += n;
    }
    std::vector<Tally> out;
    for (const auto& [key, n] : counts)
        if (per_question[key.first] >= kMinGroup)
            out.push_back({key.first, key.second, n});
    return out;
}

// The kiosk's highest seq and the numbers under it the store lacks, as the reply found them
// before schema 8: over the kiosk's answers, a number at a time.
void OldSeqs(store::db::Conn* db, const std::string& device, WijkContent* out) {
    store::db::Stmt st(db, "SELECT seq FROM answers WHERE device_id = ?1");
    st.Bind(device);
    std::set<int64_t> have;
    while (st.Step() == store::db::kRow)
        have.insert(st.Int(0));
    out->DeviceMaxSeq = have.empty() ? 0 : *have.rbegin();
    out->MissingSeqs.clear();
    for (int64_t n = 1; n < out->DeviceMaxSeq && out->MissingSeqs.size() < 1000; n++)
        if (!have.count(n))
            out->MissingSeqs.push_back(n);
}

// Every kiosk's reply, encoded as it goes on the wire, against the same reply with the
// results counted the old way. Returns how many results the replies held in all.
size_t CheckReplies(Store& s, const PackCatalog& catalog, const std::vector<std::string>& devices) {
    size_t results = 0;
    for (const std::string& device : devices) {
        WijkContent now;
        std::string error;
        REQUIRE_MESSAGE(s.ContentFor(device, &now, &error), error);
        WijkContent old = now;
        old.Results = OldTallies(s.Handle(), catalog, now.Wijk);
        OldSeqs(s.Handle(), device, &old);
        CHECK(EncodeContent(now) == EncodeContent(old));
        results += now.Results.size();
    }
    // And the table itself: every key's n is the number of answers that count.
    const std::string counted = "SELECT device_id, pack_id, pack_version, question_id, value, count(*) FROM answers "
                                "WHERE flagged = 0 AND unverified = 0 AND superseded = 0 GROUP BY 1, 2, 3, 4, 5";
    const std::string kept = "SELECT * FROM answer_counts WHERE n != 0";
    CHECK(fixtures::QueryText(s.Handle(), "SELECT (SELECT count(*) FROM (" + counted + " EXCEPT " + kept +
                                              ") AS missing) + (SELECT count(*) FROM (" + kept + " EXCEPT " + counted + ") AS extra)") ==
          "0");
    CHECK(fixtures::QueryText(s.Handle(), "SELECT count(*) FROM answer_counts WHERE n < 0") == "0");
    // Schema 8's row per kiosk: its answers and highest seq, as counted over the answers.
    const std::string per_kiosk = "SELECT device_id, count(*), max(seq) FROM answers GROUP BY device_id";
    const std::string seqs = "SELECT device_id, n, max_seq FROM device_seqs WHERE n != 0";
    CHECK(fixtures::QueryText(s.Handle(), "SELECT (SELECT count(*) FROM (" + per_kiosk + " EXCEPT " + seqs +
                                              ") AS missing) + (SELECT count(*) FROM (" + seqs + " EXCEPT " +
                                              per_kiosk + ") AS extra)") == "0");
    CHECK(fixtures::QueryText(s.Handle(), "SELECT count(*) FROM device_seqs WHERE n < 0 OR (n = 0 AND max_seq != 0)") ==
          "0");
    return results;
}

// Random visits of the bundled pack's questions, with everything a store meets.
struct Traffic {
    std::mt19937 Rng{18};
    content::Pack Pack = content::LoadPack(WIJKSTEM_SOURCE_DIR "/content/packs/gronings-model").Pack;
    std::vector<std::string> Choice = {"prettig-wonen", "weet-wie-beslist", "wijkbudget-naar", "gehoord",
                                       "veilig-avond", "meedoen-tijd"};
    std::map<std::string, int64_t> Seq;          // per device

    int Pick(int n) { return int(Rng() % uint32_t(n)); }
    std::string Option(const std::string& question) {
        const content::Question* q = content::QuestionOfAnswer(Pack, question);
        REQUIRE(q);
        return q->Options[size_t(Pick(int(q->Options.size())))].Id;
    }
    StoredAnswer Make(const std::string& device, const std::string& session, const std::string& question,
                      const std::string& value) {
        const int64_t seq = ++Seq[device];
        return {NewUuidV7(1795000000000 + seq), seq, session, "gronings-model", Pack.Version, question, value,
                "2026-11-28T12:00:00.000Z"};
    }
    // A batch of visits for device: mostly choices; now and then free text, a flagged
    // visit, an unknown pack version, an invalid value, Terug (the new answer in this
    // batch, or held back and sent before the one it replaces).
    Batch Visits(const std::string& device, int visits, std::vector<StoredAnswer>* held) {
        Batch b{device, {}};
        for (int v = 0; v < visits; v++) {
            const std::string session = NewUuidV4();
            const bool flagged = Pick(10) == 0, unknown = Pick(12) == 0;
            for (const std::string& q : Choice) {
                if (Pick(4) == 0)
                    continue; // skipped
                StoredAnswer a = Make(device, session, q, Option(q));
                a.Flagged = flagged;
                if (unknown)
                    a.PackVersion = "0.0." + std::to_string(Pick(3)); // unverified
                b.Answers.push_back(a);
                if (Pick(5) == 0) { // Terug: the resident changed it
                    StoredAnswer again = Make(device, session, q, Option(q));
                    again.Flagged = flagged;
                    again.PackVersion = a.PackVersion;
                    again.Replaces = a.Id;
                    (Pick(3) == 0 ? *held : b.Answers).push_back(again);
                }
            }
            if (Pick(3) == 0)
                b.Answers.push_back(Make(device, session, "nog-kwijt", "Meer bankjes " + std::to_string(Pick(1000))));
            if (Pick(20) == 0)
                b.Answers.push_back(Make(device, session, "prettig-wonen", "zeven")); // invalid: not an option
        }
        return b;
    }
};

void Send(Store& s, const Batch& b) {
    std::vector<AnswerResult> results;
    std::string error;
    REQUIRE_MESSAGE(s.StoreBatch(b, "network", &results, &error), error);
}

// A store with the bundled packs and two kiosks of Selwerd, given `rounds` batches of 10
// visits in turn: what a migration test takes back to an older schema and opens again.
struct TwoKiosks {
    TempStore T;
    PackCatalog Catalog;
    std::vector<std::string> Devices = {NewUuidV4(), NewUuidV4()};
    Traffic Visits;
    std::vector<StoredAnswer> Held;

    TwoKiosks(bool sqlite_only, int rounds) : T("store", sqlite_only) {
        std::string error, skipped;
        REQUIRE(T.S->AddPackFolder(WIJKSTEM_SOURCE_DIR "/content/packs", &error, &skipped));
        REQUIRE(Catalog.AddFolder(WIJKSTEM_SOURCE_DIR "/content/packs", &error, &skipped));
        for (const std::string& d : Devices)
            T.Enrol(d, "Selwerd");
        for (int round = 0; round < rounds; round++)
            Send(*T.S, Visits.Visits(Devices[size_t(round % 2)], 10, &Held));
    }
    // Closes the store and opens it again: its migrations run.
    void Reopen() {
        std::string error, skipped;
        T.S.reset();
        T.S = Store::Open(T.Target.Url, &error);
        REQUIRE_MESSAGE(T.S, error);
        REQUIRE(T.S->AddPackFolder(WIJKSTEM_SOURCE_DIR "/content/packs", &error, &skipped));
    }
    // The first kiosk keeps sending: new answers, and all it sent before once more.
    void SendMore() {
        Send(*T.S, Visits.Visits(Devices[0], 10, &Held));
        Send(*T.S, Batch{Devices[0], Held});
    }
};

} // namespace

TEST_CASE("the store's content reply from running counts: byte for byte what counting the answers sent") {
    TempStore t;
    std::string error, skipped;
    REQUIRE(t.S->AddPackFolder(WIJKSTEM_SOURCE_DIR "/content/packs", &error, &skipped));
    PackCatalog catalog; // the reference's own view of the same packs
    REQUIRE(catalog.AddFolder(WIJKSTEM_SOURCE_DIR "/content/packs", &error, &skipped));
    std::vector<std::string> devices;
    for (int i = 0; i < 5; i++) {
        devices.push_back(NewUuidV4());
        t.Enrol(devices.back(), i < 3 ? "Selwerd" : "Oosterpark");
    }
    Traffic traffic;
    std::vector<Batch> all;
    for (int round = 0; round < 40; round++) {
        const std::string& device = devices[size_t(traffic.Pick(int(devices.size())))];
        std::vector<StoredAnswer> replaces; // Terug's new answers, sent in a batch of their own
        Batch b = traffic.Visits(device, 1 + traffic.Pick(12), &replaces);
        Send(*t.S, b);
        if (!replaces.empty())
            Send(*t.S, Batch{device, replaces});
        all.push_back(b);
        if (round % 5 == 4) { // a kiosk that did not hear the reply sends a batch again
            Send(*t.S, all[size_t(traffic.Pick(int(all.size())))]);
            CheckReplies(*t.S, catalog, devices);
        }
    }
    SUBCASE("a changed answer that arrives before the one it replaces") {
        const std::string device = devices[0];
        std::vector<StoredAnswer> later;
        Batch b = traffic.Visits(device, 8, &later);
        Batch changes{device, {}};
        for (const StoredAnswer& a : b.Answers)
            if (!a.Replaces.empty())
                changes.Answers.push_back(a);
        REQUIRE_FALSE(changes.Answers.empty());
        Send(*t.S, changes); // from the network, before the USB file brings the rest
        Send(*t.S, b);
    }
    SUBCASE("conflicts: the same ids with other values change no count") {
        const std::string before = fixtures::QueryColumn(t.S->Handle(), "SELECT n FROM answer_counts ORDER BY 1");
        Batch changed = all[3];
        for (StoredAnswer& a : changed.Answers)
            a.Value = a.Value == "ja" ? "nee" : "ja";
        std::vector<AnswerResult> results;
        REQUIRE(t.S->StoreBatch(changed, "network", &results, &error));
        CHECK(t.S->ConflictCount() > 0);
        CHECK(fixtures::QueryColumn(t.S->Handle(), "SELECT n FROM answer_counts ORDER BY 1") == before);
    }
    SUBCASE("an edit by hand in the database (a flag taken back, an answer deleted)") {
        fixtures::ExecSql(t.S->Handle(),
                          "UPDATE answers SET flagged = 0 WHERE rowid IN (SELECT rowid FROM answers WHERE flagged = 1 "
                          "LIMIT 7); UPDATE answers SET superseded = 1 WHERE rowid IN (SELECT rowid FROM answers "
                          "WHERE superseded = 0 LIMIT 3); DELETE FROM answers WHERE rowid IN (SELECT rowid FROM "
                          "answers WHERE flagged = 0 LIMIT 5)");
    }
    SUBCASE("answers inserted by hand, outside StoreBatch, are counted once RebuildAnswerCounts ran") {
        fixtures::ExecSql(t.S->Handle(),
                          "INSERT INTO answers(id, device_id, seq, session_id, pack_id, pack_version, question_id, "
                          "value, answered_at, received_at, via) SELECT id || 'x', device_id, seq + 100000, session_id, "
                          "pack_id, pack_version, question_id, value, answered_at, received_at, via FROM answers "
                          "WHERE flagged = 0 AND unverified = 0 AND superseded = 0 LIMIT 40");
        REQUIRE_MESSAGE(t.S->RebuildAnswerCounts(&error), error);
    }
    SUBCASE("a kiosk enrolled again in another wijk takes its answers along") {
        REQUIRE(t.S->AllowReenroll(devices[0], 1, &error));
        t.Enrol(devices[0], "Oosterpark");
    }
    const size_t results = CheckReplies(*t.S, catalog, devices);
    CHECK(results > 20); // the comparison saw real figures, not two empty lists
}

TEST_CASE("a store database of schema 5 gains its running counts from the answers it holds") {
    TwoKiosks k(true, 10); // SQLite's own migration
    std::string error;
    WijkContent before;
    REQUIRE(k.T.S->ContentFor(k.Devices[1], &before, &error));
    REQUIRE(before.Results.size() > 5);
    // Back to schema 5 as it shipped: no table, no triggers, no index (nor schema 7's places,
    // nor schema 8's counts per kiosk).
    fixtures::ExecSql(k.T.S->Handle(),
                      "DROP TRIGGER answer_counts_update; DROP TRIGGER answer_counts_delete; "
                      "DROP TABLE answer_counts; DROP INDEX devices_wijk; DROP TABLE places; "
                      "DROP TRIGGER device_seqs_delete; "
                      "DROP TRIGGER answers_identity; DROP TABLE device_seqs; PRAGMA user_version=5");
    k.Reopen();
    CHECK(fixtures::QueryText(k.T.S->Handle(), "PRAGMA user_version") == "8"); // 7: places (dorp); 8: device_seqs
    WijkContent after;
    REQUIRE(k.T.S->ContentFor(k.Devices[1], &after, &error));
    CHECK(EncodeContent(after) == EncodeContent(before));
    CheckReplies(*k.T.S, k.Catalog, k.Devices);
    // and it keeps counting from there
    k.SendMore();
    CheckReplies(*k.T.S, k.Catalog, k.Devices);
}

TEST_CASE("a store of schema 7 gains each kiosk's answers and highest seq, and an answer keeps its seq") {
    TwoKiosks k(false, 6); // both engines: each has its own 7 -> 8
    Store* s = k.T.S.get();
    const std::vector<std::string>& devices = k.Devices;
    std::string error;
    // A gap in the second kiosk's numbers: the reply asks for it again.
    fixtures::ExecSql(s->Handle(), "DELETE FROM answers WHERE device_id = '" + devices[1] + "' AND seq = 3");
    WijkContent before;
    REQUIRE(s->ContentFor(devices[1], &before, &error));
    CHECK(std::count(before.MissingSeqs.begin(), before.MissingSeqs.end(), int64_t(3)) == 1);
    CHECK(before.DeviceMaxSeq > 3);
    // Back to schema 7.
    fixtures::ExecSql(s->Handle(),
                      k.T.Target.Postgres()
                          ? "DROP TRIGGER device_seqs_delete ON answers; "
                            "DROP TRIGGER answers_identity ON answers; "
                            "DROP FUNCTION device_seqs_take(); DROP FUNCTION answers_identity(); "
                            "DROP TABLE device_seqs; UPDATE schema_version SET version = 7"
                          : "DROP TRIGGER device_seqs_delete; "
                            "DROP TRIGGER answers_identity; DROP TABLE device_seqs; PRAGMA user_version=7");
    k.Reopen();
    s = k.T.S.get();
    CHECK(fixtures::QueryText(s->Handle(), k.T.Target.Postgres() ? "SELECT max(version) FROM schema_version"
                                                                  : "PRAGMA user_version") == "8");
    WijkContent after;
    REQUIRE(s->ContentFor(devices[1], &after, &error));
    CHECK(EncodeContent(after) == EncodeContent(before));
    CheckReplies(*s, k.Catalog, devices);
    // It keeps counting: new answers, a repeat, a deletion by hand.
    k.SendMore();
    fixtures::ExecSql(s->Handle(), "DELETE FROM answers WHERE device_id = '" + devices[0] +
                                       "' AND seq = (SELECT max(seq) FROM answers WHERE device_id = '" + devices[0] +
                                       "')");
    CheckReplies(*s, k.Catalog, devices);
    // An answer's kiosk and number are what the counts rest on: they do not change.
    std::string why;
    CHECK_FALSE(s->Handle()->Exec("UPDATE answers SET seq = seq + 1000 WHERE device_id = '" + devices[0] + "'", &why));
    CHECK(why.find("device_id and seq do not change") != std::string::npos);
    CheckReplies(*s, k.Catalog, devices);
}
