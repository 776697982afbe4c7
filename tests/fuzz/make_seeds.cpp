// Makes the real-example seeds of tests/fuzz/ that need a signature or the kiosk's own
// encoders: a signed USB batch file (with campfire data), batch and campfire request bodies,
// and tests/fuzz/batch_file_key.inc (the device id and public key the batch_file target
// enrols). Run once by hand (cmake --build build --target fuzz_make_seeds &&
// build/fuzz_make_seeds tests/fuzz); the output is committed.
#include "sync/batch.hpp"
#include "sync/batch_file.hpp"
#include "sync/campfire_batch.hpp"
#include "sync/journal.hpp"
#include "sync/iso_time.hpp"
#include "sync/sqlite_util.hpp"
#include "sync/uuid.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

using namespace wsync;
namespace fs = std::filesystem;

static void Write(const fs::path& p, const std::string& s) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << s;
}

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzz_make_seeds tests/fuzz\n");
        return 2;
    }
    const fs::path out = argv[1];
    char tmpl[] = "/tmp/wijkstem-seeds-XXXXXX";
    const std::string dir = mkdtemp(tmpl);
    std::string error, pub, sec, path, message;
    auto j = Journal::Open(JournalPath(dir), &error);
    if (!j || !j->SigningKey(&pub, &sec, &error)) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    const std::string session = NewUuidV4();
    for (const char* v : {"1", "4", "ja", "groen,verkeer", "Meer bankjes in het park [e-mail]"}) {
        AnswerRecord a{session, "gronings-model", "2.4.0", "buurt-gevoel", v, "nl", 1764000000000, false};
        j->Commit(a, nullptr, &error);
    }
    CampfireSessionRecord g{NewUuidV4(), "Buurtavond", "Oosterpark", "2026-11-28", 12, "gronings-model", "2.4.0",
                            "2026-11-28T19:00:00.000Z", "", 0};
    j->SaveCampfireSession(g, &error);
    j->SaveCampfireCounts({{g.Id, "prettig-wonen", "4", 3, "hands", false, 0}}, &error);
    AgreementRecord a;
    a.Id = NewUuidV4();
    a.SessionId = g.Id;
    a.Wijk = "Oosterpark";
    a.What = "Een wijkpanel samenstellen";
    a.Who = "wijkpanel";
    a.Due = "2027-01-15";
    a.CreatedAt = a.UpdatedAt = "2026-11-28T20:00:00.000Z";
    j->SaveAgreement(a, &error);

    fs::create_directories(dir + "/usb");
    if (!WriteBatchFile(*j, dir + "/usb", &path, &message)) {
        std::fprintf(stderr, "%s\n", message.c_str());
        return 1;
    }
    std::ifstream in(path, std::ios::binary);
    Write(out / "batch_file" / "signed-with-campfire.json", std::string(std::istreambuf_iterator<char>(in), {}));
    Write(out / "batch_file_key.inc", "constexpr const char* kPublicHex = \"" + pub + "\";\n"
                                      "constexpr const char* kDeviceId = \"" + j->DeviceId() + "\";\n");

    Batch b{j->DeviceId(), {}};
    j->Waiting(100, 1 << 20, &b.Answers, &error);
    const std::string body = EncodeBatch(b);
    Write(out / "batch" / "request.json", body);
    Write(out / "store_request" / "batch.bin", std::string(1, '\0') + body);
    std::vector<AnswerResult> results;
    for (size_t i = 0; i < b.Answers.size(); i++)
        results.push_back({b.Answers[i].Id, i == 0 ? AnswerStatus::AlreadyStored : AnswerStatus::Stored, {}});
    Write(out / "batch" / "reply.json", EncodeReply(results));
    CampfireBatch cb;
    j->CampfireWaiting(100, &cb, &error);
    const std::string campfire = EncodeCampfireBatch(cb);
    Write(out / "campfire_batch" / "request.json", campfire);
    Write(out / "store_request" / "campfire.bin", std::string(1, '\1') + campfire);
    WijkContent c;
    c.Wijk = "Oosterpark";
    c.PackId = "gronings-model";
    c.PackVersion = "2.4.0";
    c.PackBody = "{}";
    c.Results = {{"buurt-gevoel", "4", 12}};
    c.DeviceMaxSeq = 5;
    c.MissingSeqs = {2, 3};
    Write(out / "batch" / "content.json", EncodeContent(c));
    j.reset();
    fs::remove_all(dir);
    std::printf("seeds written under %s\n", out.c_str());
    return 0;
}
