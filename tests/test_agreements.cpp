// Stap 3 at the store (store/agreements.cpp, store/store_campfire.cpp), on a real SQLite
// file: changes of an agreement's status and note from kiosks and the gebiedsteam, each
// kept with its time and source, the later one deciding; notes of a meeting; the
// down-sync's list; everything from outside checked.
#include "fixtures_store.hpp"
#include "sync/uuid.hpp"

#include <doctest/doctest.h>

using namespace wsync;

namespace {

struct Stap3 : fixtures::TempStore {
    std::string Kiosk = NewUuidV4(), Session = NewUuidV4(), AgreementId = NewUuidV4();
    Stap3() : fixtures::TempStore("store-agreements") {
        Enrol(Kiosk, "Oosterpark");
        CampfireBatch b{Kiosk};
        b.Sessions.push_back({Session, "Buurtavond", "Oosterpark", "2026-11-28", 8, "gronings-model", "2.2.0",
                              "2026-11-28T19:00:00.000Z", "2026-11-28T21:00:00.000Z", 1});
        AgreementRecord a;
        a.Id = AgreementId, a.SessionId = Session, a.Wijk = "Oosterpark", a.What = "Meer bankjes", a.Who = "gemeente";
        a.CreatedAt = a.UpdatedAt = "2026-11-28T20:00:00.000Z";
        b.Agreements.push_back(a);
        CHECK(Send(b).Agreements[0].Status == AnswerStatus::Stored);
    }
    CampfireReply Send(const CampfireBatch& b) {
        CampfireReply reply;
        std::string error;
        REQUIRE_MESSAGE(S->StoreCampfireBatch(b, "network", &reply, &error), error);
        REQUIRE(reply.Changes.size() == b.Changes.size());
        REQUIRE(reply.Notes.size() == b.Notes.size());
        return reply;
    }
    AgreementChangeRecord Change(const std::string& status, const std::string& at, const std::string& note = "") {
        return {NewUuidV4(), AgreementId, status, note, at, "whatever the kiosk says"};
    }
    std::string Text(const std::string& sql) { return fixtures::QueryText(S->Handle(), sql); }
};

} // namespace

TEST_CASE("stap 3: a kiosk's change and the gebiedsteam's, both kept; the later one decides") {
    Stap3 t;
    CampfireBatch b{t.Kiosk};
    b.Changes.push_back(t.Change("bezig", "2026-12-10T19:30:00.000Z", "Offerte gevraagd"));
    CHECK(t.Send(b).Changes[0].Status == AnswerStatus::Stored);
    CHECK(t.Send(b).Changes[0].Status == AnswerStatus::AlreadyStored); // a lost reply, sent again
    CHECK(t.Text("SELECT status FROM agreements") == "bezig");
    // The source is the kiosk that sent it, whatever the record says.
    CHECK(t.Text("SELECT source FROM agreement_changes") == t.Kiosk);

    std::string error;
    AgreementChangeRecord cli{"", t.AgreementId, "lukt-niet", "Geen geld", "2026-12-11T09:00:00Z", "cli"};
    REQUIRE_MESSAGE(t.S->ChangeAgreement(cli, {}, &error), error);
    CHECK(t.Text("SELECT status FROM agreements") == "lukt-niet");

    // An older change arrives late (a kiosk that was offline): kept, but it does not decide.
    CampfireBatch late{t.Kiosk};
    late.Changes.push_back(t.Change("gedaan", "2026-12-10T20:00:00.000Z"));
    CHECK(t.Send(late).Changes[0].Status == AnswerStatus::Stored);
    CHECK(t.Text("SELECT status FROM agreements") == "lukt-niet");
    CHECK(t.Text("SELECT count(*) FROM agreement_changes") == "3");

    std::vector<AgreementRecord> list;
    std::vector<AgreementChangeRecord> history;
    REQUIRE(t.S->Agreements("Oosterpark", &list, &history, &error));
    REQUIRE(list.size() == 1);
    CHECK(list[0].Status == "lukt-niet");
    CHECK(list[0].Note == "Geen geld");
    CHECK(list[0].StatusSource == "cli");
    CHECK(list[0].SessionName == "Buurtavond");
    REQUIRE(history.size() == 3); // oldest first
    CHECK(history[0].Status == "bezig");
    CHECK(history[1].Status == "gedaan");
    CHECK(history[2].Status == "lukt-niet");

    // The down-sync carries the list and the history to every kiosk of the wijk.
    WijkContent content;
    REQUIRE(t.S->ContentFor(t.Kiosk, &content, &error));
    CHECK(content.HasAgreements);
    REQUIRE(content.Agreements.size() == 1);
    CHECK(content.Agreements[0].Status == "lukt-niet");
    CHECK(content.AgreementChanges.size() == 3);
    WijkContent back;
    REQUIRE_MESSAGE(DecodeContent(EncodeContent(content), &back, &error), error);
    CHECK(back.Agreements[0].Note == "Geen geld");
    CHECK(back.AgreementChanges.size() == 3);
}

TEST_CASE("stap 3: changes from outside are checked and a refused one changes nothing") {
    Stap3 t;
    std::string error;
    SUBCASE("the gebiedsteam: a status outside the set, a control character, an unknown id, another wijk") {
        AgreementChangeRecord c{"", t.AgreementId, "klaar-ish", "", "", "cli"};
        CHECK_FALSE(t.S->ChangeAgreement(c, {}, &error));
        CHECK(error.find("status must be open, bezig, gedaan or lukt-niet") != std::string::npos);
        c.Status = "gedaan";
        c.Note = "a\x1b[31mb";
        CHECK_FALSE(t.S->ChangeAgreement(c, {}, &error));
        c.Note = std::string(501, 'x');
        CHECK_FALSE(t.S->ChangeAgreement(c, {}, &error));
        CHECK(error.find("longer than 500") != std::string::npos);
        c.Note.clear();
        c.AgreementId = NewUuidV4();
        CHECK_FALSE(t.S->ChangeAgreement(c, {}, &error));
        c.AgreementId = t.AgreementId;
        CHECK_FALSE(t.S->ChangeAgreement(c, {"Selwerd"}, &error)); // a console user of another wijk
        CHECK(error.find("wijk") != std::string::npos);
        CHECK(t.Text("SELECT count(*) FROM agreement_changes") == "0");
        CHECK(t.Text("SELECT status FROM agreements") == "open");
        CHECK(t.S->ChangeAgreement(c, {"Oosterpark"}, &error));
    }
    SUBCASE("a kiosk of another wijk cannot change this wijk's agreement") {
        const std::string other = NewUuidV4();
        t.Enrol(other, "Selwerd");
        CampfireBatch b{other};
        b.Changes.push_back(t.Change("gedaan", "2026-12-10T19:30:00.000Z"));
        CampfireReply r = t.Send(b);
        CHECK(r.Changes[0].Status == AnswerStatus::Invalid);
        CHECK(r.Changes[0].Reason.find("not of the wijk Selwerd") != std::string::npos);
        CHECK(t.Text("SELECT count(*) FROM agreement_changes") == "0");
    }
    SUBCASE("a kiosk: a bad status, a bad time, an unknown agreement, a reused id") {
        CampfireBatch b{t.Kiosk};
        b.Changes.push_back(t.Change("misschien", "2026-12-10T19:30:00.000Z"));
        b.Changes.push_back(t.Change("bezig", "gisteren"));
        AgreementChangeRecord unknown = t.Change("bezig", "2026-12-10T19:30:00.000Z");
        unknown.AgreementId = NewUuidV4();
        b.Changes.push_back(unknown);
        CampfireReply r = t.Send(b);
        for (const AnswerResult& a : r.Changes)
            CHECK(a.Status == AnswerStatus::Invalid);
        CHECK(t.Text("SELECT count(*) FROM agreement_changes") == "0");
        CampfireBatch ok{t.Kiosk};
        ok.Changes.push_back(t.Change("bezig", "2026-12-10T19:30:00.000Z"));
        CHECK(t.Send(ok).Changes[0].Status == AnswerStatus::Stored);
        ok.Changes[0].Status = "gedaan"; // the same id, other content
        CHECK(t.Send(ok).Changes[0].Status == AnswerStatus::Conflict);
        CHECK(t.Text("SELECT status FROM agreements") == "bezig");
    }
}

TEST_CASE("stap 3: an older kiosk's own status (klaar) goes into the history; a later change still decides") {
    Stap3 t;
    CampfireBatch b{t.Kiosk};
    AgreementRecord a;
    a.Id = t.AgreementId, a.SessionId = t.Session, a.Wijk = "Oosterpark", a.What = "Meer bankjes", a.Who = "gemeente";
    a.CreatedAt = "2026-11-28T20:00:00.000Z";
    a.UpdatedAt = "2026-11-28T20:30:00.000Z";
    a.Status = "klaar";
    b.Agreements.push_back(a);
    CHECK(t.Send(b).Agreements[0].Status == AnswerStatus::Stored);
    CHECK(t.Text("SELECT status FROM agreements") == "klaar"); // as the kiosk sent it
    CHECK(t.Text("SELECT status || '|' || source FROM agreement_changes") == "gedaan|" + t.Kiosk);
    std::string error;
    REQUIRE(t.S->ChangeAgreement({"", t.AgreementId, "bezig", "Toch nog niet", "", "console:anna"}, {}, &error));
    CHECK(t.Text("SELECT status FROM agreements") == "bezig");
    // The kiosk sends its version again (a lost reply): the same, not a conflict.
    CHECK(t.Send(b).Agreements[0].Status == AnswerStatus::AlreadyStored);
    CHECK(t.Text("SELECT status FROM agreements") == "bezig");
}

TEST_CASE("notes of a meeting: stored once, a newer one replaces, another kiosk's session refused") {
    Stap3 t;
    CampfireBatch b{t.Kiosk};
    b.Notes.push_back({t.Session, "prettig-wonen", "Voor: groen. Tegen: geld.", "2026-11-28T19:40:00.000Z"});
    CHECK(t.Send(b).Notes[0].Status == AnswerStatus::Stored);
    CHECK(t.Send(b).Notes[0].Status == AnswerStatus::AlreadyStored);
    b.Notes[0].Note = "Voor: groen. Tegen: geld. Een minderheid wil een trapveld.";
    b.Notes[0].UpdatedAt = "2026-11-28T19:45:00.000Z";
    CHECK(t.Send(b).Notes[0].Status == AnswerStatus::Stored);
    CHECK(t.Text("SELECT note FROM group_notes") == "Voor: groen. Tegen: geld. Een minderheid wil een trapveld.");
    const std::string other = NewUuidV4();
    t.Enrol(other, "Oosterpark");
    CampfireBatch theirs{other};
    theirs.Notes.push_back({t.Session, "prettig-wonen", "overschreven", "2026-11-28T23:00:00.000Z"});
    theirs.Notes.push_back({t.Session, "Prettig Wonen", "x", "2026-11-28T23:00:00.000Z"});
    CampfireReply r = t.Send(theirs);
    CHECK(r.Notes[0].Status == AnswerStatus::Invalid);
    CHECK(r.Notes[1].Status == AnswerStatus::Invalid);
    CHECK(t.Text("SELECT count(*) FROM group_notes") == "1");
}
