// The campfire part of the sync protocol: encoding and decoding a request and the
// store's reply, and the checks of each item.
#include "sync/campfire_batch.hpp"
#include "sync/uuid.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace wsync;

namespace {

CampfireBatch Sample() {
    CampfireBatch b;
    b.DeviceId = NewUuidV4();
    CampfireSessionRecord g{NewUuidV4(), "Buurtavond \"de Linde\"", "Oosterpark", "2026-11-28", 12, "gronings-model",
                         "2.2.0", "2026-11-28T19:00:00.000Z", "", 3};
    b.Sessions.push_back(g);
    b.Results.push_back({g.Id, "prettig-wonen", "4", 5, "taps", false, 2});
    b.Results.push_back({g.Id, "wie-beslist.groen", "wijk", 7, "hands", true, 1});
    AgreementRecord a;
    a.Id = NewUuidV4();
    a.SessionId = g.Id;
    a.Wijk = "Oosterpark";
    a.What = "Een wijkpanel samenstellen, één per kwartaal";
    a.Who = "wijkpanel";
    a.Due = "2027-01-15";
    a.Answers = "ieders-stem";
    a.CreatedAt = a.UpdatedAt = "2026-11-28T20:00:00.000Z";
    b.Agreements.push_back(a);
    return b;
}

} // namespace

TEST_CASE("a campfire request survives encoding and decoding; revisions stay on the kiosk") {
    const CampfireBatch b = Sample();
    const std::string body = EncodeCampfireBatch(b);
    CHECK(body.find("\"rev\"") == std::string::npos);
    CHECK(body.find("ended_at") == std::string::npos); // optional fields are left out when empty
    CampfireBatch d;
    std::string error;
    REQUIRE_MESSAGE(DecodeCampfireBatch(body, &d, &error), error);
    CHECK(d.DeviceId == b.DeviceId);
    REQUIRE(d.Sessions.size() == 1);
    CHECK(d.Sessions[0].Name == b.Sessions[0].Name);
    CHECK(d.Sessions[0].Present == 12);
    CHECK(d.Sessions[0].EndedAt.empty());
    REQUIRE(d.Results.size() == 2);
    CHECK(d.Results[1].QuestionId == "wie-beslist.groen");
    CHECK(d.Results[1].Count == 7);
    CHECK(d.Results[1].Method == "hands");
    CHECK_FALSE(d.Results[0].Final);
    CHECK(d.Results[1].Final);
    REQUIRE(d.Agreements.size() == 1);
    CHECK(d.Agreements[0].What == b.Agreements[0].What);
    CHECK(d.Agreements[0].Due == "2027-01-15");
    CHECK(d.Agreements[0].Status == "open");
    std::string why;
    CHECK(ValidCampfireSession(d.Sessions[0], &why));
    CHECK(ValidCampfireResult(d.Results[0], &why));
    CHECK(ValidAgreement(d.Agreements[0], &why));
}

TEST_CASE("a campfire request that is not one is refused with a reason") {
    CampfireBatch d;
    std::string error;
    CHECK_FALSE(DecodeCampfireBatch("[1]", &d, &error));
    CHECK_FALSE(DecodeCampfireBatch("{\"device_id\": \"x\"}", &d, &error));
    CHECK(error.find("device_id") != std::string::npos);
    const std::string dev = NewUuidV4();
    CHECK(DecodeCampfireBatch("{\"device_id\": \"" + dev + "\"}", &d, &error)); // every list is optional
    CHECK(d.Empty());
    CHECK_FALSE(DecodeCampfireBatch("{\"device_id\": \"" + dev + "\", \"agreements\": {}}", &d, &error));
    CHECK(error == "agreements must be a list");
    CHECK_FALSE(DecodeCampfireBatch("{\"device_id\": \"" + dev + "\", \"group_results\": [1]}", &d, &error));
    nlohmann::json many = {{"device_id", dev}, {"group_results", nlohmann::json::array()}};
    for (size_t i = 0; i <= kMaxCampfireItems; i++)
        many["group_results"].push_back(nlohmann::json::object());
    CHECK_FALSE(DecodeCampfireBatch(many.dump(), &d, &error));
    CHECK(error.find("at most 1000") != std::string::npos);
    // A field of the wrong type reads as empty, and the item's check refuses it.
    REQUIRE(DecodeCampfireBatch("{\"device_id\": \"" + dev + "\", \"group_results\": [{\"count\": \"5\"}]}", &d, &error));
    std::string why;
    CHECK_FALSE(ValidCampfireResult(d.Results[0], &why));
}

TEST_CASE("the checks of each campfire item") {
    CampfireBatch b = Sample();
    std::string why;
    CampfireSessionRecord g = b.Sessions[0];
    g.HeldOn = "28-11-2026";
    CHECK_FALSE(ValidCampfireSession(g, &why));
    CHECK(why.find("held_on") != std::string::npos);
    g = b.Sessions[0];
    g.Present = 0;
    CHECK_FALSE(ValidCampfireSession(g, &why));
    g = b.Sessions[0];
    g.Name.clear();
    CHECK_FALSE(ValidCampfireSession(g, &why));
    CampfireResultRecord r = b.Results[0];
    r.Count = -1;
    CHECK_FALSE(ValidCampfireResult(r, &why));
    r = b.Results[0];
    r.Method = "guess";
    CHECK_FALSE(ValidCampfireResult(r, &why));
    AgreementRecord a = b.Agreements[0];
    a.Status = "later";
    CHECK_FALSE(ValidAgreement(a, &why));
    a = b.Agreements[0];
    a.Due = "2027-13-01";
    CHECK_FALSE(ValidAgreement(a, &why));
    a = b.Agreements[0];
    a.SessionId.clear(); // an agreement outside a session is fine
    a.Due.clear();
    a.Answers.clear();
    CHECK(ValidAgreement(a, &why));
    CHECK(IsDate("2026-02-28"));
    CHECK_FALSE(IsDate("2026-2-28"));
}

TEST_CASE("the store's reply: one status per item, in order, or an error") {
    const CampfireBatch b = Sample();
    CampfireReply reply;
    reply.Sessions.push_back({b.Sessions[0].Id, AnswerStatus::Stored, {}});
    reply.Results.push_back({CampfireResultKey(b.Results[0]), AnswerStatus::AlreadyStored, {}});
    reply.Results.push_back({CampfireResultKey(b.Results[1]), AnswerStatus::Invalid, "count must be 0 to 1000000"});
    reply.Agreements.push_back({b.Agreements[0].Id, AnswerStatus::Conflict, {}});
    CampfireReply d;
    std::string error;
    REQUIRE_MESSAGE(DecodeCampfireReply(EncodeCampfireReply(reply), b, &d, &error), error);
    CHECK(d.Sessions[0].Status == AnswerStatus::Stored);
    CHECK(d.Results[0].Status == AnswerStatus::AlreadyStored);
    CHECK(d.Results[1].Status == AnswerStatus::Invalid);
    CHECK(d.Results[1].Reason == "count must be 0 to 1000000");
    CHECK(d.Agreements[0].Status == AnswerStatus::Conflict);

    CHECK_FALSE(DecodeCampfireReply("<html>login</html>", b, &d, &error));
    CHECK(error.find("not from a Wijkstem store") != std::string::npos);
    CampfireReply short_reply = reply;
    short_reply.Results.pop_back();
    CHECK_FALSE(DecodeCampfireReply(EncodeCampfireReply(short_reply), b, &d, &error));
    CHECK(error.find("every group_results item") != std::string::npos);
    CampfireReply other = reply;
    other.Agreements[0].Id = NewUuidV4();
    CHECK_FALSE(DecodeCampfireReply(EncodeCampfireReply(other), b, &d, &error));
    // An older store that knows only answers replies without the lists: an error, nothing marked.
    CHECK_FALSE(DecodeCampfireReply("{\"store\": \"wijkstem-store/1\", \"results\": []}", b, &d, &error));
}

TEST_CASE("stap 3 on the wire: changes and notes are optional, and an older store leaves them waiting") {
    CampfireBatch b = Sample();
    std::string error;
    CampfireBatch d;
    // Without them the request reads as before (no new keys for an older store to see).
    CHECK(EncodeCampfireBatch(b).find("agreement_changes") == std::string::npos);
    b.Changes.push_back({NewUuidV4(), b.Agreements[0].Id, "lukt-niet", "Geen zaal, \"helaas\"",
                         "2026-12-10T19:30:00.000Z", "", 4});
    b.Notes.push_back({b.Sessions[0].Id, "prettig-wonen", "Voor: groen. Tegen: geld.", "2026-11-28T19:40:00.000Z", 2});
    REQUIRE_MESSAGE(DecodeCampfireBatch(EncodeCampfireBatch(b), &d, &error), error);
    REQUIRE(d.Changes.size() == 1);
    CHECK(d.Changes[0].Status == "lukt-niet");
    CHECK(d.Changes[0].Note == "Geen zaal, \"helaas\"");
    CHECK(d.Changes[0].Rev == 0); // revisions stay on the kiosk
    REQUIRE(d.Notes.size() == 1);
    CHECK(d.Notes[0].Note == "Voor: groen. Tegen: geld.");
    CHECK(d.Size() == b.Size());

    CHECK(ValidAgreementChange(d.Changes[0], &error));
    AgreementChangeRecord bad = d.Changes[0];
    bad.Status = "klaar"; // only an agreement's own status may still say klaar (older kiosks)
    CHECK_FALSE(ValidAgreementChange(bad, &error));
    bad = d.Changes[0];
    bad.Note = "\xE2\x80\xAE reversed"; // a bidi override
    CHECK_FALSE(ValidAgreementChange(bad, &error));
    bad.Note = std::string(kMaxAgreementNote, 'x');
    CHECK(ValidAgreementChange(bad, &error));
    bad.Note += "x";
    CHECK_FALSE(ValidAgreementChange(bad, &error));
    GroupNoteRecord note = d.Notes[0];
    note.QuestionId = "Prettig Wonen";
    CHECK_FALSE(ValidGroupNote(note, &error));
    CHECK(NormalAgreementStatus("klaar") == "gedaan");
    AgreementRecord old = b.Agreements[0];
    old.Status = "klaar";
    CHECK(ValidAgreement(old, &error)); // what kiosks before stap 3 send

    // The reply of a store since stap 3 names them; an older store's reply does not: then
    // they come back invalid (they stay waiting) and the rest is read as before.
    CampfireReply reply;
    reply.Sessions.push_back({b.Sessions[0].Id, AnswerStatus::Stored, {}});
    for (const CampfireResultRecord& r : b.Results)
        reply.Results.push_back({CampfireResultKey(r), AnswerStatus::Stored, {}});
    reply.Agreements.push_back({b.Agreements[0].Id, AnswerStatus::Stored, {}});
    reply.Changes.push_back({b.Changes[0].Id, AnswerStatus::Stored, {}});
    reply.Notes.push_back({GroupNoteKey(b.Notes[0]), AnswerStatus::AlreadyStored, {}});
    CampfireReply got;
    REQUIRE_MESSAGE(DecodeCampfireReply(EncodeCampfireReply(reply), b, &got, &error), error);
    CHECK(got.Changes[0].Status == AnswerStatus::Stored);
    CHECK(got.Notes[0].Status == AnswerStatus::AlreadyStored);
    reply.HasStap3 = false;
    REQUIRE_MESSAGE(DecodeCampfireReply(EncodeCampfireReply(reply), b, &got, &error), error);
    CHECK(got.Sessions[0].Status == AnswerStatus::Stored);
    CHECK(got.Changes[0].Status == AnswerStatus::Invalid);
    CHECK(got.Notes[0].Status == AnswerStatus::Invalid);
}
