// The penetration test's findings against the store (issue 16) and the store's checks of
// what it stores (issue 17, item 3), on a real SQLite file. Each case plays the attack
// and shows it refused; docs/security.md names them.
#include "fixtures_store.hpp"
#include "store/batch_file_import.hpp"
#include "store/store.hpp"
#include "sync/batch_file.hpp"
#include "sync/signing.hpp"
#include "sync/text_check.hpp"
#include "sync/uuid.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>

using namespace wsync;
using namespace store;

namespace {

const char* kPacks = WIJKSTEM_SOURCE_DIR "/content/packs";
const std::string kVersion = fixtures::BundledPackVersion(); // content/packs/gronings-model

struct Key {
    std::string Pub, Sec;
    Key() {
        std::string error;
        REQUIRE(NewSigningKey(&Pub, &Sec, &error));
    }
};

struct TempStore {
    std::string Dir;
    std::unique_ptr<fixtures::StoreTarget> Target;
    std::unique_ptr<Store> S;
    TempStore() {
        char tmpl[] = "/tmp/wijkstem-store-sec-XXXXXX";
        Dir = mkdtemp(tmpl);
        Target = std::make_unique<fixtures::StoreTarget>(Dir);
        std::string error, skipped;
        S = Store::Open(Target->Url, &error);
        REQUIRE_MESSAGE(S, error);
        REQUIRE_MESSAGE(S->AddPackFolder(kPacks, &error, &skipped), error);
        CHECK(skipped.empty());
    }
    ~TempStore() {
        S.reset();
        Target.reset();
        std::filesystem::remove_all(Dir);
    }
    // Enrols device with key in wijk; returns its token.
    std::string Enrol(const std::string& device, const Key& key, const std::string& wijk = "Selwerd") {
        std::string code, token, got_wijk, error;
        REQUIRE(S->NewEnrollCode(wijk, &code, &error));
        bool forbidden = false;
        REQUIRE_MESSAGE(S->Enroll(code, device, key.Pub, &token, &got_wijk, &forbidden, &error), error);
        return token;
    }
    std::string Text(const std::string& sql) { return fixtures::QueryText(S->Handle(), sql); }
    // Stores b as a network request would.
    std::vector<AnswerResult> Send(const Batch& b) {
        std::vector<AnswerResult> r;
        std::string error;
        REQUIRE_MESSAGE(S->StoreBatch(b, "network", &r, &error), error);
        REQUIRE(r.size() == b.Answers.size());
        return r;
    }
};

StoredAnswer Answer(int64_t seq, const std::string& question = "prettig-wonen", const std::string& value = "4",
                    const std::string& session = NewUuidV4()) {
    return {NewUuidV7(1795000000000 + seq), seq, session, "gronings-model", kVersion, question, value,
            "2026-11-28T12:00:00.000Z"};
}

} // namespace

TEST_CASE("security 1: an enrolled device id cannot be taken over with another code") {
    TempStore t;
    const std::string device = NewUuidV4();
    Key real, attacker;
    const std::string token = t.Enrol(device, real, "Selwerd");

    std::string code, token2, wijk, error;
    REQUIRE(t.S->NewEnrollCode("Oosterpark", &code, &error));
    bool forbidden = false;
    CHECK_FALSE(t.S->Enroll(code, device, attacker.Pub, &token2, &wijk, &forbidden, &error));
    CHECK(forbidden);
    CHECK(error.find("allow-reenroll") != std::string::npos);
    // The real kiosk keeps its token, key and wijk; the attacker's code is not used up.
    std::string who;
    CHECK(t.S->Authenticate(token, &who));
    DeviceInfo d;
    REQUIRE(t.S->Device(device, &d));
    CHECK(d.PublicKey == real.Pub);
    CHECK(d.Wijk == "Selwerd");
    CHECK(t.Text("SELECT count(*) FROM enroll_codes WHERE used_at IS NULL") == "1");

    SUBCASE("an admin's allowance lets it enrol once more, then not again") {
        CHECK_FALSE(t.S->AllowReenroll(NewUuidV4(), 7, &error)); // no such device
        REQUIRE_MESSAGE(t.S->AllowReenroll(device, 7, &error), error);
        REQUIRE_MESSAGE(t.S->Enroll(code, device, attacker.Pub, &token2, &wijk, &forbidden, &error), error);
        CHECK(wijk == "Oosterpark");
        CHECK_FALSE(t.S->Authenticate(token, &who)); // the old token ends
        CHECK(t.S->Authenticate(token2, &who));
        std::string code3;
        REQUIRE(t.S->NewEnrollCode("Selwerd", &code3, &error));
        CHECK_FALSE(t.S->Enroll(code3, device, real.Pub, &token2, &wijk, &forbidden, &error)); // one-time
        CHECK(forbidden);
    }
    SUBCASE("an expired allowance does nothing") {
        REQUIRE(t.S->AllowReenroll(device, 1, &error));
        t.Text("UPDATE reenroll_allowed SET expires_at = '2020-01-01T00:00:00Z'");
        CHECK_FALSE(t.S->Enroll(code, device, attacker.Pub, &token2, &wijk, &forbidden, &error));
        CHECK(t.S->Authenticate(token, &who));
    }
}

TEST_CASE("security 11: enrolment input is checked; nothing changes on a refusal") {
    TempStore t;
    Key key;
    std::string why;
    CHECK(CheckEnrollment(NewUuidV4(), key.Pub, &why));
    CHECK_FALSE(CheckEnrollment("\x1b[31mevil\x1b[0m", key.Pub, &why)); // ANSI escapes
    CHECK_FALSE(CheckEnrollment(NewUuidV4().substr(0, 35) + "G", key.Pub, &why));
    CHECK_FALSE(CheckEnrollment(NewUuidV4(), std::string(64, 'z'), &why)); // not hex
    CHECK_FALSE(CheckEnrollment(NewUuidV4(), key.Pub.substr(0, 62), &why));
    std::string upper = key.Pub;
    for (char& c : upper)
        c = char(toupper(c));
    CHECK_FALSE(CheckEnrollment(NewUuidV4(), upper, &why));
    // 32 bytes that are no point on the curve (y = 2 is not on Ed25519).
    CHECK_FALSE(CheckEnrollment(NewUuidV4(), "02" + std::string(62, '0'), &why));
    CHECK(why.find("Ed25519") != std::string::npos);

    std::string code, token, wijk, error;
    REQUIRE(t.S->NewEnrollCode("Selwerd", &code, &error));
    bool forbidden = false;
    CHECK_FALSE(t.S->Enroll(code, "\x1b[2J" + NewUuidV4(), key.Pub, &token, &wijk, &forbidden, &error));
    CHECK(forbidden);
    CHECK(t.Text("SELECT count(*) FROM devices") == "0");
    CHECK(t.Text("SELECT count(*) FROM enroll_codes WHERE used_at IS NULL") == "1");
}

TEST_CASE("security 11: codes expire, are listed without the code, and can be cancelled") {
    TempStore t;
    std::string a, b, error;
    REQUIRE(t.S->NewEnrollCode("Selwerd", &a, &error));
    REQUIRE(t.S->NewEnrollCode("Oosterpark", &b, &error, 2));
    CHECK_FALSE(t.S->NewEnrollCode("Selwerd", &a, &error, 0));
    CHECK_FALSE(t.S->NewEnrollCode("Sel\x1bwerd", &a, &error));
    std::vector<EnrollCodeInfo> open;
    REQUIRE(t.S->EnrollCodes(&open, &error));
    REQUIRE(open.size() == 2);
    const bool selwerd_first = open[0].Wijk == "Selwerd";
    CHECK(open[selwerd_first ? 0 : 1].ExpiresAt > open[selwerd_first ? 1 : 0].ExpiresAt); // 7 days, 2 days
    for (const EnrollCodeInfo& c : open) {
        CHECK(c.ShortId.size() == 8);
        CHECK(a.find(c.ShortId) == std::string::npos);
        CHECK(c.ExpiresAt > c.CreatedAt);
    }
    const std::string selwerd = open[0].Wijk == "Selwerd" ? open[0].ShortId : open[1].ShortId;
    REQUIRE_MESSAGE(t.S->CancelCode(selwerd, &error), error);
    CHECK_FALSE(t.S->CancelCode(selwerd, &error));
    REQUIRE(t.S->EnrollCodes(&open, &error));
    CHECK(open.size() == 1);
    Key key;
    std::string token, wijk;
    bool forbidden = false;
    CHECK_FALSE(t.S->Enroll(a, NewUuidV4(), key.Pub, &token, &wijk, &forbidden, &error)); // cancelled
    CHECK(forbidden);
    const std::string cancelled_error = error;
    // An expired code is answered like an unknown one.
    t.Text("UPDATE enroll_codes SET expires_at = '2026-01-01T00:00:00Z'");
    CHECK_FALSE(t.S->Enroll(b, NewUuidV4(), key.Pub, &token, &wijk, &forbidden, &error));
    CHECK(forbidden);
    CHECK(error == cancelled_error);
    CHECK_FALSE(t.S->Enroll("NOPE-NOPE", NewUuidV4(), key.Pub, &token, &wijk, &forbidden, &error));
    CHECK(error == cancelled_error);
    REQUIRE(t.S->EnrollCodes(&open, &error));
    CHECK(open.empty());
}

TEST_CASE("security 14: a database failure during enrolment tells the client no SQLite text") {
    TempStore t;
    std::string code, token, wijk, error;
    REQUIRE(t.S->NewEnrollCode("Selwerd", &code, &error));
    t.Text("DROP TABLE reenroll_allowed");
    t.Text("ALTER TABLE devices RENAME TO devices_gone");
    Key key;
    bool forbidden = false;
    CHECK_FALSE(t.S->Enroll(code, NewUuidV4(), key.Pub, &token, &wijk, &forbidden, &error));
    CHECK_FALSE(forbidden);
    CHECK(error.find("no such table") == std::string::npos);
    CHECK(error.find("the store could not") != std::string::npos);
}

TEST_CASE("security 3: campfire data land in the kiosk's own wijk; a count above presence is invalid") {
    TempStore t;
    const std::string device = NewUuidV4();
    Key key;
    t.Enrol(device, key, "Selwerd");
    CampfireBatch b;
    b.DeviceId = device;
    b.Sessions.push_back({NewUuidV4(), "Buurtavond", "Oosterpark", "2026-11-28", 8, "gronings-model", kVersion,
                          "2026-11-28T19:00:00.000Z", "", 1});
    const std::string id = b.Sessions[0].Id;
    b.Results.push_back({id, "prettig-wonen", "4", 7, "hands", false, 1});
    b.Results.push_back({id, "prettig-wonen", "2", 9, "hands", false, 1}); // 9 of 8 present
    b.Results.push_back({id, "prettig-wonen", "9", 1, "hands", false, 1}); // no such option
    b.Results.push_back({id, "wie-beslist.groen", "samen", 1, "taps", false, 1});
    b.Results.push_back({id, "wie-beslist.bestaat-niet", "samen", 1, "taps", false, 1});
    AgreementRecord a;
    a.Id = NewUuidV4();
    a.SessionId = id;
    a.Wijk = "Oosterpark";
    a.What = "Een wijkpanel\nsamenstellen";
    a.Who = "wijkpanel";
    a.CreatedAt = a.UpdatedAt = "2026-11-28T20:00:00.000Z";
    b.Agreements.push_back(a);
    CampfireReply reply;
    std::string error;
    REQUIRE_MESSAGE(t.S->StoreCampfireBatch(b, "network", &reply, &error), error);
    CHECK(reply.Sessions[0].Status == AnswerStatus::Stored);
    CHECK(reply.Results[0].Status == AnswerStatus::Stored);
    CHECK(reply.Results[1].Status == AnswerStatus::Invalid);
    CHECK(reply.Results[1].Reason.find("above the number present") != std::string::npos);
    CHECK(reply.Results[2].Status == AnswerStatus::Invalid);
    CHECK(reply.Results[3].Status == AnswerStatus::Stored);
    CHECK(reply.Results[4].Status == AnswerStatus::Invalid);
    CHECK(reply.Agreements[0].Status == AnswerStatus::Stored);
    CHECK(fixtures::QueryColumn(t.S->Handle(), "SELECT DISTINCT wijk FROM group_sessions") == "Selwerd");
    CHECK(fixtures::QueryColumn(t.S->Handle(), "SELECT DISTINCT wijk FROM agreements") == "Selwerd");
    CHECK(t.Text("SELECT count(*) FROM group_results") == "2");

    SUBCASE("control and bidi characters in a name or agreement are refused") {
        CampfireBatch bad = b;
        bad.Results.clear();
        bad.Sessions[0].Id = NewUuidV4();
        bad.Sessions[0].Name = "Avond\u202Egnineeb";
        bad.Agreements[0].Id = NewUuidV4();
        bad.Agreements[0].Who = "wijk\x07panel";
        REQUIRE(t.S->StoreCampfireBatch(bad, "network", &reply, &error));
        CHECK(reply.Sessions[0].Status == AnswerStatus::Invalid);
        CHECK(reply.Agreements[0].Status == AnswerStatus::Invalid);
    }
}

TEST_CASE("security 8: replaying an older signed USB file does not roll campfire data back") {
    TempStore t;
    const std::string device = NewUuidV4();
    Key key;
    t.Enrol(device, key);
    CampfireBatch older;
    older.DeviceId = device;
    older.Sessions.push_back({NewUuidV4(), "Buurtavond", "Selwerd", "2026-11-28", 12, "gronings-model", kVersion,
                              "2026-11-28T19:00:00.000Z", "", 1});
    older.Results.push_back({older.Sessions[0].Id, "prettig-wonen", "4", 3, "taps", false, 2});
    CampfireBatch newer = older;
    newer.Sessions[0].Present = 10;
    newer.Sessions[0].Name = "Buurtavond De Linde";
    newer.Sessions[0].Rev = 3;
    newer.Results[0].Count = 8;
    newer.Results[0].Rev = 5;
    std::string newer_file, older_file, error;
    const Batch no_answers{device, {}};
    REQUIRE(EncodeBatchFile(no_answers, key.Sec, "2026-11-28T21:00:00Z", &newer_file, &error, &newer));
    REQUIRE(EncodeBatchFile(no_answers, key.Sec, "2026-11-28T20:00:00Z", &older_file, &error, &older));
    for (const std::string* file : {&newer_file, &older_file}) { // newest first
        Batch batch;
        CampfireBatch group;
        REQUIRE_MESSAGE(DecodeBatchFile(*file, *t.S, &batch, &error, &group), error);
        CampfireReply reply;
        REQUIRE_MESSAGE(t.S->StoreCampfireBatch(group, "file", &reply, &error), error);
        CHECK(reply.Sessions[0].Status != AnswerStatus::Invalid);
        CHECK(reply.Results[0].Status != AnswerStatus::Invalid);
    }
    CHECK(t.Text("SELECT name || ' ' || present FROM group_sessions") == "Buurtavond De Linde 10");
    CHECK(t.Text("SELECT count FROM group_results") == "8");

    SUBCASE("nor after the newer data came over the network") {
        newer.Results[0].Count = 9;
        CampfireReply reply;
        REQUIRE_MESSAGE(t.S->StoreCampfireBatch(newer, "network", &reply, &error), error);
        CHECK(reply.Results[0].Status == AnswerStatus::Stored);
        Batch batch;
        CampfireBatch group;
        REQUIRE_MESSAGE(DecodeBatchFile(newer_file, *t.S, &batch, &error, &group), error); // a replay
        REQUIRE(t.S->StoreCampfireBatch(group, "file", &reply, &error));
        CHECK(reply.Results[0].Status == AnswerStatus::AlreadyStored);
        CHECK(t.Text("SELECT count FROM group_results") == "9");
    }
}

TEST_CASE("security 4: the content sent down holds choice questions only, none with fewer than 5 answers") {
    TempStore t;
    const std::string device = NewUuidV4();
    Key key;
    t.Enrol(device, key);
    Batch b{device, {}};
    int64_t seq = 0;
    for (int i = 0; i < 6; i++) {
        const std::string visit = NewUuidV4();
        b.Answers.push_back(Answer(++seq, "prettig-wonen", i < 5 ? "4" : "2", visit));
        b.Answers.push_back(Answer(++seq, "nog-kwijt", "Mijn buurman Jan de Vries op nummer 12", visit));
        if (i < 4)
            b.Answers.push_back(Answer(++seq, "veilig-avond", "3", visit)); // 4 answers: too few
    }
    for (const AnswerResult& r : t.Send(b))
        REQUIRE_MESSAGE(r.Status == AnswerStatus::Stored, r.Reason);
    WijkContent c;
    std::string error;
    REQUIRE_MESSAGE(t.S->ContentFor(device, &c, &error), error);
    int64_t fours = 0, twos = 0;
    for (const Tally& r : c.Results) {
        CHECK(r.QuestionId == "prettig-wonen");
        (r.Value == "4" ? fours : twos) += r.Count;
    }
    CHECK(fours == 5);
    CHECK(twos == 1); // the question has 6 answers: its options all go
}

TEST_CASE("security 5 / issue 17: the store checks what it stores") {
    TempStore t;
    const std::string device = NewUuidV4(), other = NewUuidV4();
    Key key, other_key;
    t.Enrol(device, key);
    t.Enrol(other, other_key);
    const std::string theirs = NewUuidV4();
    REQUIRE(t.Send({other, {Answer(1, "prettig-wonen", "4", theirs)}})[0].Status == AnswerStatus::Stored);

    auto refused = [&](StoredAnswer a, const std::string& reason_part) {
        const std::vector<AnswerResult> r = t.Send({device, {a}});
        CHECK_MESSAGE(r[0].Status == AnswerStatus::Invalid, a.QuestionId, " ", a.Value);
        CHECK_MESSAGE(r[0].Reason.find(reason_part) != std::string::npos, r[0].Reason);
    };
    StoredAnswer a = Answer(1);
    a.QuestionId = std::string(300, 'q');
    refused(a, "question_id");
    a.QuestionId = "Prettig Wonen";
    refused(a, "question_id");
    a = Answer(1, "nog-kwijt", "hallo\x1b[2Jdaar");
    refused(a, "control");
    a = Answer(1, "nog-kwijt", "hallo \u202Eereh");
    refused(a, "bidi");
    a = Answer(1, "nog-kwijt", std::string("nul\0byte", 8));
    refused(a, "control");
    a = Answer(1, "nog-kwijt", "bad \xc3\x28 utf-8");
    refused(a, "UTF-8");
    a = Answer(1);
    a.AnsweredAt = "2099-01-01T00:00:00.000Z";
    refused(a, "more than a day after");
    a.AnsweredAt = "2019-12-31T23:59:59.000Z";
    refused(a, "before 2020");
    refused(Answer(1, "prettig-wonen", "4", theirs), "another kiosk");
    refused(Answer(1, "bestaat-niet", "4"), "does not exist");
    refused(Answer(1, "prettig-wonen", "6"), "not an option");
    refused(Answer(1, "onveilig-plek", "park,park"), "repeated");
    refused(Answer(1, "wie-beslist.nergens", "samen"), "row");
    refused(Answer(1, "idee-munten", "bankjes:8,moestuin:6"), "more than the total");
    CHECK(t.Text("SELECT count(*) FROM answers") == "1");

    // Fitting answers of every kind are stored.
    const std::string visit = NewUuidV4();
    const Batch good{device,
                     {Answer(1, "prettig-wonen", "4", visit), Answer(2, "onveilig-plek", "straat,park", visit),
                      Answer(3, "idee-munten", "bankjes:4,moestuin:6", visit),
                      Answer(4, "wie-beslist.groen", "samen", visit), Answer(5, "nog-kwijt", "Meer bankjes", visit)}};
    for (const AnswerResult& r : t.Send(good))
        CHECK_MESSAGE(r.Status == AnswerStatus::Stored, r.Reason);

    SUBCASE("an unknown pack version is stored, counted as unverified, and visible per device") {
        StoredAnswer u = Answer(6, "iets-nieuws", "ja", visit);
        u.PackVersion = "9.0.0";
        CHECK(t.Send({device, {u}})[0].Status == AnswerStatus::Stored);
        DeviceInfo d;
        REQUIRE(t.S->Device(device, &d));
        CHECK(d.Unverified == 1);
        CHECK(d.Answers == 6);
    }
    SUBCASE("a pack version published through another store process is checked, not unverified") {
        std::string error, body = fixtures::Slurp(WIJKSTEM_SOURCE_DIR "/content/packs/gronings-model/pack.json");
        const size_t at = body.find("\"version\": \"");
        REQUIRE(at != std::string::npos);
        body.replace(at, body.find('"', at + 12) - at + 1, "\"version\": \"9.1.0\"");
        {
            auto other = Store::Open(t.Target->Url, &error); // a second process on the same database
            REQUIRE_MESSAGE(other, error);
            REQUIRE_MESSAGE(other->Publish("Selwerd", "gronings-model", "9.1.0", body, &error), error);
        }
        StoredAnswer misfit = Answer(6, "prettig-wonen", "6", visit);
        misfit.PackVersion = "9.1.0";
        const AnswerResult r = t.Send({device, {misfit}})[0];
        CHECK(r.Status == AnswerStatus::Invalid); // checked against the pack the other process published
        CHECK(r.Reason.find("not an option") != std::string::npos);
        StoredAnswer fits = Answer(7, "prettig-wonen", "5", visit);
        fits.PackVersion = "9.1.0";
        CHECK(t.Send({device, {fits}})[0].Status == AnswerStatus::Stored);
        DeviceInfo d;
        REQUIRE(t.S->Device(device, &d));
        CHECK(d.Unverified == 0);
    }
    SUBCASE("20,000 distinct question ids cannot reach the report") {
        Batch flood{device, {}};
        for (int i = 0; i < 20000; i++)
            flood.Answers.push_back(Answer(10 + i, "q" + std::to_string(i), "1", visit));
        std::vector<AnswerResult> r;
        std::string error;
        for (size_t from = 0; from < flood.Answers.size(); from += 1000) { // as the network sends them
            Batch part{device, {flood.Answers.begin() + long(from), flood.Answers.begin() + long(from + 1000)}};
            for (const AnswerResult& res : t.Send(part))
                CHECK(res.Status == AnswerStatus::Invalid);
        }
        // Under a pack version the store does not know: a pack has a few hundred questions at most.
        for (StoredAnswer& f : flood.Answers)
            f.PackVersion = "9.9.9";
        int stored = 0;
        for (size_t from = 0; from < flood.Answers.size(); from += 1000) {
            Batch part{device, {flood.Answers.begin() + long(from), flood.Answers.begin() + long(from + 1000)}};
            for (const AnswerResult& res : t.Send(part))
                stored += res.Status == AnswerStatus::Stored;
        }
        CHECK(stored == kMaxUnverifiedQuestions);
        CHECK(t.Text("SELECT count(DISTINCT question_id) FROM answers") == std::to_string(5 + kMaxUnverifiedQuestions));
    }
}

TEST_CASE("security 12: a device's hourly quota, far above a real kiosk, then 429") {
    TempStore t;
    const std::string a = NewUuidV4(), b = NewUuidV4();
    Key ka, kb;
    t.Enrol(a, ka);
    t.Enrol(b, kb);
    t.S->SetQuota(1500);
    auto batch = [&](const std::string& device, int from, int n) {
        Batch out{device, {}};
        for (int i = 0; i < n; i++)
            out.Answers.push_back(Answer(from + i));
        return out;
    };
    CHECK_FALSE(t.S->OverQuota(a));
    const Batch first = batch(a, 1, 1000);
    t.Send(first);
    CHECK_FALSE(t.S->OverQuota(a));
    t.Send(first); // resent (a lost reply): already stored, free
    CHECK_FALSE(t.S->OverQuota(a));
    std::vector<AnswerResult> r;
    std::string error;
    REQUIRE(t.S->StoreBatch(batch(a, 1001, 1000), "file", &r, &error)); // a USB file: not counted
    CHECK_FALSE(t.S->OverQuota(a));
    t.Send(batch(a, 2001, 500)); // 1500 new over the network: the quota is reached
    CHECK(t.S->OverQuota(a));    // the HTTP layer answers 429 from here on
    CHECK_FALSE(t.S->OverQuota(b)); // another device is not affected
}

TEST_CASE("security 6: the store's database, its -wal and -shm are 0600") {
    char tmpl[] = "/tmp/wijkstem-store-modes-XXXXXX";
    const std::string dir = mkdtemp(tmpl);
    const mode_t old = umask(022); // as a careless shell would have it
    {
        std::string error;
        auto s = Store::Open(dir + "/store.db", &error);
        REQUIRE_MESSAGE(s, error);
        std::string code;
        REQUIRE(s->NewEnrollCode("Selwerd", &code, &error)); // the WAL is written
        for (const char* suffix : {"", "-wal", "-shm"}) {
            struct stat st {};
            REQUIRE_MESSAGE(stat((dir + "/store.db" + suffix).c_str(), &st) == 0, suffix);
            CHECK_MESSAGE((st.st_mode & 0777) == 0600, "store.db", suffix, " is ", std::oct, (st.st_mode & 0777));
        }
    }
    umask(old);
    std::filesystem::remove_all(dir);
}
