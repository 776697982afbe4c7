// The batch file for a USB stick (sync/batch_file.hpp), on real files: a real journal
// writes it, a real store database checks and stores it.
#include "fixtures_store.hpp"
#include "sync/batch_file.hpp"
#include "sync/journal.hpp"
#include "sync/signing.hpp"
#include "store/batch_file_import.hpp"
#include "store/store.hpp"
#include "sync/uuid.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace wsync;
using namespace store;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using fixtures::Slurp;
using fixtures::WriteAll;

// A kiosk (journal) enrolled at a store, both on real files in a temporary folder.
struct UsbFixture : fixtures::TempDir {
    std::string Usb;
    std::unique_ptr<Journal> J;
    fixtures::StoreTarget Target{Dir};
    std::unique_ptr<Store> S;
    std::string Pub, Sec;
    std::string Session = NewUuidV4();

    explicit UsbFixture(bool enrol = true) : fixtures::TempDir("usb") {
        Usb = Dir + "/usb";
        fs::create_directory(Usb);
        std::string error;
        J = Journal::Open(Dir + "/journal.sqlite", &error);
        REQUIRE_MESSAGE(J, error);
        S = Store::Open(Target.Url, &error);
        REQUIRE_MESSAGE(S, error);
        REQUIRE(J->SigningKey(&Pub, &Sec, &error));
        if (enrol)
            EnrolWithKey(J->DeviceId(), Pub);
    }
    ~UsbFixture() { // closed before the folder goes
        J.reset();
        S.reset();
    }
    void EnrolWithKey(const std::string& device, const std::string& pub) { fixtures::Enrol(*S, device, "Selwerd", pub); }
    // n answers in one transaction.
    void Visit(int n, const std::string& value = "4") {
        std::vector<AnswerRecord> rs;
        for (int i = 0; i < n; i++)
            // An unknown pack version: the store keeps at most kMaxUnverifiedQuestions ids of it.
            rs.push_back({Session, "gronings-model", "2.1.0", "q" + std::to_string(i % 100), value, "nl",
                          1795000000000});
        std::vector<CommittedAnswer> out;
        std::string error;
        REQUIRE_MESSAGE(J->Commit(rs, &out, &error), error);
    }
    std::string Export() {
        std::string path, message;
        REQUIRE_MESSAGE(WriteBatchFile(*J, Usb, &path, &message), message);
        REQUIRE(!path.empty());
        return path;
    }
    int64_t Waiting() {
        JournalStatus st;
        std::string error;
        REQUIRE(J->Status(&st, &error));
        return st.Waiting;
    }
    // Imports like wijkstem-store import: counts per status, or false and the reason.
    bool Import(const std::string& path, int counts[4], std::string* error) {
        Batch b;
        if (!ReadBatchFile(path, *S, &b, error))
            return false;
        std::vector<AnswerResult> r;
        REQUIRE(S->StoreBatch(b, "file", &r, error));
        for (int i = 0; i < 4; i++)
            counts[i] = 0;
        for (const AnswerResult& a : r)
            counts[int(a.Status)]++;
        return true;
    }
    // Checks the bytes; the reason when refused, "" when accepted.
    std::string Refusal(const std::string& contents) {
        Batch b;
        std::string error;
        return DecodeBatchFile(contents, *S, &b, &error) ? "" : error;
    }
};

// A file with a hand-made manifest, signed with sec: for mismatches a kiosk never writes.
std::string HandMade(const std::string& body, json manifest, const std::string& sec) {
    const std::string m = manifest.dump();
    return json{{"format", kBatchFileFormat}, {"manifest", m}, {"signature", Sign(m, sec)}, {"batch", body}}.dump();
}

json ManifestFor(const std::string& body, const std::string& device, int64_t from, int64_t to, int64_t count) {
    return json{{"format", kBatchFileFormat}, {"device_id", device},        {"seq_from", from},
                {"seq_to", to},               {"count", count},             {"bytes", body.size()},
                {"sha256", Sha256Hex(body)},  {"created_at", "2026-11-28T12:00:00Z"}};
}

} // namespace

TEST_CASE("batch_file: round trip; exporting marks nothing synced; importing twice stores once") {
    UsbFixture f;
    f.Visit(5);
    const std::string path = f.Export();
    CHECK(fs::path(path).filename() == "wijkstem-" + f.J->DeviceId() + "-1-5.json");
    CHECK(std::distance(fs::directory_iterator(f.Usb), fs::directory_iterator()) == 1); // no temporary left
    CHECK(f.Waiting() == 5);

    Batch b;
    std::string error;
    REQUIRE_MESSAGE(ReadBatchFile(path, *f.S, &b, &error), error);
    std::vector<StoredAnswer> waiting;
    REQUIRE(f.J->Waiting(100, 1 << 20, &waiting, &error));
    CHECK(b.DeviceId == f.J->DeviceId());
    REQUIRE(b.Answers.size() == waiting.size());
    for (size_t i = 0; i < waiting.size(); i++) {
        CHECK(b.Answers[i].Id == waiting[i].Id);
        CHECK(b.Answers[i].Seq == waiting[i].Seq);
        CHECK(b.Answers[i].SessionId == waiting[i].SessionId);
        CHECK(b.Answers[i].QuestionId == waiting[i].QuestionId);
        CHECK(b.Answers[i].Value == waiting[i].Value);
        CHECK(b.Answers[i].AnsweredAt == waiting[i].AnsweredAt);
    }

    int n[4];
    REQUIRE_MESSAGE(f.Import(path, n, &error), error);
    CHECK(n[int(AnswerStatus::Stored)] == 5);
    REQUIRE_MESSAGE(f.Import(path, n, &error), error);
    CHECK(n[int(AnswerStatus::AlreadyStored)] == 5);
    CHECK(n[int(AnswerStatus::Stored)] == 0);
    CHECK(f.S->AnswerCount() == 5);

    // Overlapping: the first five are still waiting, so the next file holds them again.
    f.Visit(3);
    const std::string second = f.Export();
    CHECK(fs::path(second).filename() == "wijkstem-" + f.J->DeviceId() + "-1-8.json");
    REQUIRE_MESSAGE(f.Import(second, n, &error), error);
    CHECK(n[int(AnswerStatus::Stored)] == 3);
    CHECK(n[int(AnswerStatus::AlreadyStored)] == 5);
    CHECK(f.S->AnswerCount() == 8);

    // The same answers over the network afterwards: already stored, nothing twice.
    REQUIRE(f.J->Waiting(100, 1 << 20, &waiting, &error));
    std::vector<AnswerResult> r;
    REQUIRE(f.S->StoreBatch(Batch{f.J->DeviceId(), waiting}, "network", &r, &error));
    REQUIRE(r.size() == 8);
    for (const AnswerResult& a : r)
        CHECK(a.Status == AnswerStatus::AlreadyStored);
    CHECK(f.S->AnswerCount() == 8);
    CHECK(f.S->ConflictCount() == 0);
}

TEST_CASE("batch_file: nothing waiting writes no file; a missing folder is an error in words") {
    UsbFixture f;
    std::string path = "x", message;
    CHECK(WriteBatchFile(*f.J, f.Usb, &path, &message));
    CHECK(path.empty());
    CHECK(message.find("nothing is waiting") != std::string::npos);
    CHECK(fs::is_empty(f.Usb));

    f.Visit(2);
    CHECK_FALSE(WriteBatchFile(*f.J, f.Dir + "/not-mounted", &path, &message));
    CHECK(message.find("does not exist") != std::string::npos);

    std::vector<StoredAnswer> waiting;
    std::string error;
    REQUIRE(f.J->Waiting(100, 1 << 20, &waiting, &error));
    REQUIRE(f.J->MarkSynced({waiting[0].Seq, waiting[1].Seq}, &error));
    CHECK(WriteBatchFile(*f.J, f.Usb, &path, &message));
    CHECK(path.empty());
}

TEST_CASE("batch_file: more answers than one network batch travel in one file") {
    UsbFixture f;
    f.Visit(int(kMaxBatchAnswers) + 234);
    const std::string path = f.Export();
    int n[4];
    std::string error;
    REQUIRE_MESSAGE(f.Import(path, n, &error), error);
    CHECK(n[int(AnswerStatus::Stored)] == int(kMaxBatchAnswers) + 234);
    CHECK(f.S->AnswerCount() == int64_t(kMaxBatchAnswers) + 234);
}

TEST_CASE("batch_file: every flipped byte and a changed answer refuse the whole file, storing nothing") {
    UsbFixture f;
    f.Visit(4);
    const std::string good = Slurp(f.Export());
    REQUIRE(f.Refusal(good).empty());
    for (size_t i = 0; i < good.size(); i++) {
        std::string bad = good;
        bad[i] = char(bad[i] ^ 0x01);
        const std::string why = f.Refusal(bad);
        CHECK_MESSAGE(!why.empty(), "a flipped byte at " << i << " was accepted");
    }
    // A changed answer (still valid JSON, still a valid answer): the hash says no.
    const std::string four = R"(\"value\":\"4\")", one = R"(\"value\":\"1\")";
    const size_t at = good.find(four);
    REQUIRE(at != std::string::npos);
    std::string changed = good;
    changed.replace(at, four.size(), one);
    CHECK(f.Refusal(changed).find("SHA-256") != std::string::npos);
    // A changed manifest: the signature says no.
    std::string recount = good;
    const std::string created = R"(\"created_at\":\"2)";
    const size_t c = recount.find(created);
    REQUIRE(c != std::string::npos);
    recount[c + created.size() - 1] = '1'; // 2026 -> 1026
    CHECK(f.Refusal(recount).find("signature does not match") != std::string::npos);

    WriteAll(f.Usb + "/tampered.json", changed);
    int n[4];
    std::string error;
    CHECK_FALSE(f.Import(f.Usb + "/tampered.json", n, &error));
    CHECK(f.S->AnswerCount() == 0);
}

TEST_CASE("batch_file: a truncated file is refused whole") {
    UsbFixture f;
    f.Visit(3);
    const std::string path = f.Export();
    const std::string good = Slurp(path);
    REQUIRE(good.back() == '\n');
    // Every cut short of the final newline (that one is only whitespace).
    for (size_t len = 0; len + 1 < good.size(); len++) {
        const std::string why = f.Refusal(good.substr(0, len));
        CHECK_MESSAGE(!why.empty(), "a file cut at " << len << " was accepted");
    }
    CHECK(f.Refusal(good.substr(0, good.size() / 2)).find("cut off") != std::string::npos);
    WriteAll(path, good.substr(0, good.size() - 40));
    int n[4];
    std::string error;
    CHECK_FALSE(f.Import(path, n, &error));
    CHECK(error.find("cut off") != std::string::npos);
    CHECK(f.S->AnswerCount() == 0);
    CHECK_FALSE(f.Import(f.Usb + "/no-such-file.json", n, &error));
    CHECK(error.find("cannot open") != std::string::npos);
}

TEST_CASE("batch_file: another device's key, an unknown and a revoked device are refused") {
    std::string error;
    SUBCASE("the store knows the device with another key") {
        UsbFixture f(false);
        std::string pub, sec;
        REQUIRE(NewSigningKey(&pub, &sec, &error));
        f.EnrolWithKey(f.J->DeviceId(), pub);
        f.Visit(2);
        CHECK(f.Refusal(Slurp(f.Export())).find("signature does not match") != std::string::npos);
    }
    SUBCASE("a file signed by another kiosk's key in this kiosk's name") {
        UsbFixture f;
        f.Visit(2);
        std::string pub, sec;
        REQUIRE(NewSigningKey(&pub, &sec, &error));
        std::vector<StoredAnswer> waiting;
        REQUIRE(f.J->Waiting(100, 1 << 20, &waiting, &error));
        std::string forged;
        REQUIRE(EncodeBatchFile(Batch{f.J->DeviceId(), waiting}, sec, "2026-11-28T12:00:00Z", &forged, &error));
        CHECK(f.Refusal(forged).find("signature does not match") != std::string::npos);
        // The same with the kiosk's own key is fine.
        std::string own;
        REQUIRE(EncodeBatchFile(Batch{f.J->DeviceId(), waiting}, f.Sec, "2026-11-28T12:00:00Z", &own, &error));
        CHECK(f.Refusal(own) == "");
    }
    SUBCASE("a kiosk the store does not know") {
        UsbFixture f(false);
        f.Visit(2);
        CHECK(f.Refusal(Slurp(f.Export())).find("not enrolled at this store") != std::string::npos);
    }
    SUBCASE("a revoked kiosk") {
        UsbFixture f;
        f.Visit(2);
        REQUIRE(f.S->Revoke(f.J->DeviceId(), &error));
        CHECK(f.Refusal(Slurp(f.Export())).find("revoked") != std::string::npos);
    }
}

TEST_CASE("batch_file: a signed manifest that does not fit its batch is refused") {
    UsbFixture f;
    f.Visit(3);
    std::vector<StoredAnswer> w;
    std::string error;
    REQUIRE(f.J->Waiting(100, 1 << 20, &w, &error));
    const std::string dev = f.J->DeviceId();
    const std::string body = EncodeBatch(Batch{dev, w});

    CHECK(f.Refusal(HandMade(body, ManifestFor(body, dev, 1, 3, 3), f.Sec)) == "");
    CHECK(f.Refusal(HandMade(body, ManifestFor(body, dev, 1, 3, 4), f.Sec)).find("manifest says 4") !=
          std::string::npos);
    CHECK(f.Refusal(HandMade(body, ManifestFor(body, dev, 1, 2, 3), f.Sec)).find("manifest says 1 to 2") !=
          std::string::npos);
    CHECK(f.Refusal(HandMade(body, ManifestFor(body, dev, 2, 3, 3), f.Sec)).find("manifest says 2 to 3") !=
          std::string::npos);
    json m = ManifestFor(body, dev, 1, 3, 3);
    m["bytes"] = body.size() - 1;
    CHECK(f.Refusal(HandMade(body, m, f.Sec)).find("bytes") != std::string::npos);
    m = ManifestFor(body, dev, 1, 3, 3);
    m["sha256"] = Sha256Hex(body + " ");
    CHECK(f.Refusal(HandMade(body, m, f.Sec)).find("SHA-256") != std::string::npos);
    m = ManifestFor(body, dev, 1, 3, 3);
    m.erase("count");
    CHECK(f.Refusal(HandMade(body, m, f.Sec)).find("manifest is incomplete") != std::string::npos);

    // Out of order and repeated seqs, signed and hashed correctly, still refused.
    std::vector<StoredAnswer> swapped = {w[1], w[0], w[2]};
    const std::string body2 = EncodeBatch(Batch{dev, swapped});
    CHECK(f.Refusal(HandMade(body2, ManifestFor(body2, dev, 2, 3, 3), f.Sec)).find("rising order") !=
          std::string::npos);
    // A batch for another device than its manifest.
    const std::string other = EncodeBatch(Batch{NewUuidV4(), w});
    CHECK(f.Refusal(HandMade(other, ManifestFor(other, dev, 1, 3, 3), f.Sec)).find("another device") !=
          std::string::npos);
    // Not a batch file at all.
    CHECK(f.Refusal("{\"device_id\": \"x\"}").find("not a Wijkstem batch file") != std::string::npos);
    CHECK(f.S->AnswerCount() == 0);
}

TEST_CASE("batch_file: the anti-stuffing flag travels on the USB stick and is stored") {
    UsbFixture f;
    f.Visit(2);
    std::vector<AnswerRecord> repeat = {
        {NewUuidV4(), "gronings-model", "2.1.0", "q0", "4", "nl", 1795000000000, true},
        {NewUuidV4(), "gronings-model", "2.1.0", "q1", "4", "nl", 1795000000000, true}};
    repeat[1].SessionId = repeat[0].SessionId;
    std::vector<CommittedAnswer> out;
    std::string error;
    REQUIRE(f.J->Commit(repeat, &out, &error));
    const std::string path = f.Export();
    CHECK(Slurp(path).find("\\\"flagged\\\":true") != std::string::npos); // inside the batch string

    Batch b;
    REQUIRE_MESSAGE(ReadBatchFile(path, *f.S, &b, &error), error);
    REQUIRE(b.Answers.size() == 4);
    CHECK_FALSE(b.Answers[0].Flagged);
    CHECK_FALSE(b.Answers[1].Flagged);
    CHECK(b.Answers[2].Flagged);
    CHECK(b.Answers[3].Flagged);
    int n[4];
    REQUIRE_MESSAGE(f.Import(path, n, &error), error);
    CHECK(n[int(AnswerStatus::Stored)] == 4);
    DeviceInfo d;
    REQUIRE(f.S->Device(f.J->DeviceId(), &d));
    CHECK(d.Visits == 2);
    CHECK(d.VisitsFlagged == 1);
    std::string csv;
    REQUIRE(f.S->ExportCsv(&csv, &error));
    CHECK(csv.find(",file,1,0\n") != std::string::npos); // flagged, not superseded
    CHECK(csv.find(",file,0,0\n") != std::string::npos);
}

TEST_CASE("batch_file: campfire data travel too, signed through their hash, stored once") {
    UsbFixture f;
    f.Visit(2);
    std::string error;
    CampfireSessionRecord g{NewUuidV4(), "Buurtavond", "Selwerd", "2026-11-28", 9, "gronings-model", "2.3.0",
                         "2026-11-28T19:00:00.000Z", "", 0};
    REQUIRE(f.J->SaveCampfireSession(g, &error));
    REQUIRE(f.J->SaveCampfireCounts({{g.Id, "prettig-wonen", "4", 5, "hands", false, 0}}, &error));
    AgreementRecord a;
    a.Id = NewUuidV4();
    a.SessionId = g.Id;
    a.Wijk = "Selwerd";
    a.What = "Een wijkpanel";
    a.Who = "samen";
    REQUIRE(f.J->SaveAgreement(a, &error));

    const std::string path = f.Export();
    CHECK(fs::path(path).filename() == "wijkstem-" + f.J->DeviceId() + "-1-2.json");
    Batch b;
    CampfireBatch group;
    REQUIRE_MESSAGE(ReadBatchFile(path, *f.S, &b, &error, &group), error);
    CHECK(b.Answers.size() == 2);
    CHECK(group.Sessions.size() == 1);
    CHECK(group.Results.size() == 1);
    CHECK(group.Agreements.size() == 1);
    CampfireReply reply;
    REQUIRE(f.S->StoreCampfireBatch(group, "file", &reply, &error));
    CHECK(reply.Sessions[0].Status == AnswerStatus::Stored);
    REQUIRE(f.S->StoreCampfireBatch(group, "file", &reply, &error)); // the same file again
    CHECK(reply.Results[0].Status == AnswerStatus::AlreadyStored);
    JournalStatus st;
    REQUIRE(f.J->Status(&st, &error));
    CHECK(st.CampfireWaiting == 3); // exporting marks nothing synced

    SUBCASE("a changed campfire item is refused, the whole file") {
        json file = json::parse(Slurp(path));
        std::string body = file["group"];
        body.replace(body.find("\"count\":5"), 9, "\"count\":9");
        file["group"] = body;
        CHECK(f.Refusal(file.dump()).find("campfire data do not match the SHA-256") != std::string::npos);
        file.erase("group");
        CHECK(f.Refusal(file.dump()) == "the batch file has no group");
    }
    SUBCASE("campfire data alone: a file with no answers") {
        UsbFixture only;
        CampfireSessionRecord h = g;
        h.Id = NewUuidV4();
        REQUIRE(only.J->SaveCampfireSession(h, &error));
        const std::string p = only.Export();
        CHECK(fs::path(p).filename() == "wijkstem-" + only.J->DeviceId() + "-campfire.json");
        Batch none;
        CampfireBatch one;
        REQUIRE_MESSAGE(ReadBatchFile(p, *only.S, &none, &error, &one), error);
        CHECK(none.Answers.empty());
        CHECK(one.Sessions.size() == 1);
    }
}

TEST_CASE("security 10: the export never writes through a symlink planted at a temporary name") {
    UsbFixture f;
    f.Visit(3);
    // The names the export used to write first: .NAME.tmp-PID, predictable from the
    // device id (in every file name) and the PID.
    const std::string victim = f.Dir + "/victim.txt";
    WriteAll(victim, "precious\n");
    Batch probe{f.J->DeviceId(), {}};
    std::string error;
    REQUIRE(f.J->Waiting(1000, SIZE_MAX / 4, &probe.Answers, &error));
    const std::string name = BatchFileName(probe);
    fs::create_symlink(victim, f.Usb + "/." + name + ".tmp-" + std::to_string(getpid()));
    fs::create_symlink(victim, f.Usb + "/." + name + ".tmp");
    const std::string path = f.Export();
    CHECK(Slurp(victim) == "precious\n");
    CHECK(Slurp(path).find(kBatchFileFormat) != std::string::npos);
    CHECK_FALSE(fs::is_symlink(path));
    struct stat st {};
    REQUIRE(stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    // A symlink at the final name is replaced, never followed.
    fs::remove(path);
    fs::create_symlink(victim, path);
    f.Export();
    CHECK(Slurp(victim) == "precious\n");
    CHECK_FALSE(fs::is_symlink(path));
}

TEST_CASE("security 7: a file larger than a batch file can be is refused unread; an unsigned one early") {
    UsbFixture f;
    f.Visit(3);
    const std::string good = Slurp(f.Export());
    json file = json::parse(good);
    file["signature"] = std::string(128, '0');
    file["batch"] = std::string(4 * 1024 * 1024, 'x'); // unsigned: never read into memory
    WriteAll(f.Usb + "/unsigned.json", file.dump());
    int n[4];
    std::string error;
    CHECK_FALSE(f.Import(f.Usb + "/unsigned.json", n, &error));
    CHECK(error.find("signature does not match") != std::string::npos);
    // Beyond the size limit: refused by its size alone (a sparse file: nothing to read).
    {
        std::ofstream big(f.Usb + "/big.json");
        big.seekp(std::streamoff(kMaxBatchFileBytes) + 1);
        big << ' ';
    }
    CHECK_FALSE(f.Import(f.Usb + "/big.json", n, &error));
    CHECK(error.find("larger than a batch file can be") != std::string::npos);
    CHECK(f.S->AnswerCount() == 0);
}
