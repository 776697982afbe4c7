// The store's side of campfire meetings, on a real SQLite file: group sessions, results
// and agreements into the schema-2 tables, idempotent, never undone by an older copy.
#include "fixtures_store.hpp"
#include "sync/uuid.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

using namespace wsync;
using namespace store;

namespace {

struct TempStore : fixtures::TempStore {
    TempStore() : fixtures::TempStore("store-campfire") {}
    void Enrol(const std::string& device) { fixtures::TempStore::Enrol(device, "Oosterpark"); }
    CampfireReply Send(const CampfireBatch& b) {
        CampfireReply reply;
        std::string error;
        REQUIRE_MESSAGE(S->StoreCampfireBatch(b, "network", &reply, &error), error);
        REQUIRE(reply.Sessions.size() == b.Sessions.size());
        REQUIRE(reply.Results.size() == b.Results.size());
        REQUIRE(reply.Agreements.size() == b.Agreements.size());
        return reply;
    }
    std::string Text(const std::string& sql) { return fixtures::QueryText(S->Handle(), sql); }
};

struct Kiosk {
    CampfireBatch B;
    explicit Kiosk(const std::string& device) {
        B.DeviceId = device;
        B.Sessions.push_back({NewUuidV4(), "Buurtavond", "Oosterpark", "2026-11-28", 12, "gronings-model", "2.2.0",
                              "2026-11-28T19:00:00.000Z", "", 1});
        const std::string id = B.Sessions[0].Id;
        B.Results.push_back({id, "prettig-wonen", "4", 5, "taps", false, 1});
        B.Results.push_back({id, "prettig-wonen", "2", 1, "taps", false, 1});
        AgreementRecord a;
        a.Id = NewUuidV4();
        a.SessionId = id;
        a.Wijk = "Oosterpark";
        a.What = "Een wijkpanel samenstellen";
        a.Who = "wijkpanel";
        a.CreatedAt = a.UpdatedAt = "2026-11-28T20:00:00.000Z";
        B.Agreements.push_back(a);
    }
};

} // namespace

TEST_CASE("the store keeps a session, its results and agreements once") {
    TempStore t;
    const std::string device = NewUuidV4();
    t.Enrol(device);
    Kiosk k(device);
    CampfireReply r = t.Send(k.B);
    CHECK(r.Sessions[0].Status == AnswerStatus::Stored);
    CHECK(r.Results[0].Status == AnswerStatus::Stored);
    CHECK(r.Results[1].Status == AnswerStatus::Stored);
    CHECK(r.Agreements[0].Status == AnswerStatus::Stored);
    CHECK(t.Text("SELECT count(*) FROM group_results") == "2");
    CHECK(t.Text("SELECT device_id || ' ' || wijk || ' ' || present FROM group_sessions") ==
          device + " Oosterpark 12");
    CHECK(t.Text("SELECT status FROM agreements") == "open");
    CHECK(t.Text("SELECT count(*) FROM answers") == "0"); // never mixed with walk-in answers

    SUBCASE("the same again: already stored, nothing twice") {
        r = t.Send(k.B);
        CHECK(r.Sessions[0].Status == AnswerStatus::AlreadyStored);
        CHECK(r.Results[0].Status == AnswerStatus::AlreadyStored);
        CHECK(r.Agreements[0].Status == AnswerStatus::AlreadyStored);
        CHECK(t.Text("SELECT count(*) FROM group_results") == "2");
        CHECK(t.Text("SELECT count(*) FROM agreements") == "1");
    }
    SUBCASE("a changed count replaces the old one") {
        CampfireBatch more{device, {}, {k.B.Results[0]}, {}};
        more.Results[0].Count = 6;
        more.Results[0].Method = "hands";
        r = t.Send(more);
        CHECK(r.Results[0].Status == AnswerStatus::Stored);
        CHECK(t.Text("SELECT count || method FROM group_results WHERE value = '4'") == "6hands");
    }
    SUBCASE("an agreement: a newer version replaces, an older one is ignored, a same-time other one conflicts") {
        CampfireBatch newer{device, {}, {}, {k.B.Agreements[0]}};
        newer.Agreements[0].Status = "klaar";
        newer.Agreements[0].UpdatedAt = "2026-12-20T10:00:00.000Z";
        CHECK(t.Send(newer).Agreements[0].Status == AnswerStatus::Stored);
        CHECK(t.Text("SELECT status || ' ' || updated_at FROM agreements") == "klaar 2026-12-20T10:00:00.000Z");
        CHECK(t.Send(k.B).Agreements[0].Status == AnswerStatus::AlreadyStored); // the older copy
        CHECK(t.Text("SELECT status FROM agreements") == "klaar");
        CampfireBatch same_time = newer;
        same_time.Agreements[0].Status = "bezig";
        CHECK(t.Send(same_time).Agreements[0].Status == AnswerStatus::Conflict);
        CHECK(t.Text("SELECT status FROM agreements") == "klaar");
    }
    SUBCASE("an ended session: never un-ended, and an older copy of its counts cannot undo the final ones") {
        CampfireBatch end = k.B;
        end.Sessions[0].EndedAt = "2026-11-28T21:30:00.000Z";
        end.Results[0].Count = 9;
        for (CampfireResultRecord& res : end.Results)
            res.Final = true;
        end.Agreements.clear();
        r = t.Send(end);
        CHECK(r.Sessions[0].Status == AnswerStatus::Stored);
        CHECK(r.Results[0].Status == AnswerStatus::Stored);
        // A USB file written mid-session, imported after: not final, so ignored.
        r = t.Send(k.B);
        CHECK(r.Sessions[0].Status == AnswerStatus::AlreadyStored);
        CHECK(r.Results[0].Status == AnswerStatus::AlreadyStored);
        CHECK(t.Text("SELECT ended_at FROM group_sessions") == "2026-11-28T21:30:00.000Z");
        CHECK(t.Text("SELECT count FROM group_results WHERE value = '4'") == "9");
    }
    SUBCASE("another kiosk cannot touch this kiosk's session or agreement") {
        const std::string other = NewUuidV4();
        t.Enrol(other);
        CampfireBatch theirs = k.B;
        theirs.DeviceId = other;
        theirs.Sessions[0].Name = "Overgenomen";
        theirs.Results[0].Count = 100;
        theirs.Agreements[0].UpdatedAt = "2027-01-01T00:00:00.000Z";
        r = t.Send(theirs);
        CHECK(r.Sessions[0].Status == AnswerStatus::Conflict);
        CHECK(r.Results[0].Status == AnswerStatus::Invalid);
        CHECK(r.Agreements[0].Status == AnswerStatus::Conflict);
        CHECK(t.Text("SELECT name FROM group_sessions") == "Buurtavond");
        CHECK(t.Text("SELECT count FROM group_results WHERE value = '4'") == "5");
    }
}

TEST_CASE("the store refuses campfire items it cannot place, and stores the rest") {
    TempStore t;
    const std::string device = NewUuidV4();
    t.Enrol(device);
    Kiosk k(device);
    CampfireBatch b = k.B;
    b.Sessions.clear(); // results and an agreement for a session the store has never seen
    CampfireReply r = t.Send(b);
    CHECK(r.Results[0].Status == AnswerStatus::Invalid);
    CHECK(r.Results[0].Reason.find("send the session first") != std::string::npos);
    CHECK(r.Agreements[0].Status == AnswerStatus::Invalid);
    b.Agreements[0].SessionId.clear(); // outside a session: fine
    b.Results[0].Method = "guess";
    r = t.Send(b);
    CHECK(r.Agreements[0].Status == AnswerStatus::Stored);
    CHECK(r.Results[0].Status == AnswerStatus::Invalid);
    CHECK(r.Results[0].Reason == "method must be taps or hands");
    CHECK(t.Text("SELECT count(*) FROM group_results") == "0");
    CHECK(t.Text("SELECT coalesce(group_session_id, 'none') FROM agreements") == "none");
}
