// A campfire meeting driven through the pure flow for tests: a harness on a fake clock,
// and every state of the group screens worth drawing (tests/test_screens.cpp checks them
// in large text and high contrast; tests/test_screen_campfire.cpp their targets and words).
#pragma once
#include "fixtures_kiosk.hpp"
#include "kiosk/flow.hpp"
#include "kiosk/flow_campfire.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <vector>

struct CampfireHarness : FlowHarness {
    int Ids = 0;

    explicit CampfireHarness(const content::Pack& pack, const std::string& lang = "nl") : FlowHarness(pack, lang) {
        S.Lang = lang;
    }
    std::string NewId() {
        char buf[40];
        snprintf(buf, sizeof buf, "00000000-0000-4000-8000-%012d", ++Ids);
        return buf;
    }
    void Type(const std::string& text) {
        for (char c : text)
            Do(kiosk::CampfireKind::TypeText, std::string(1, c));
        Do(kiosk::CampfireKind::Next);
    }
    // The admin screen, as after the PIN (the guard's own steps are tested elsewhere).
    void Admin() {
        S.Screen = kiosk::Screen::Admin;
        S.LastInput = Now;
    }
    // Admin -> set-up with the edge's defaults.
    void Setup(const std::string& wijk = "Oosterpark", const std::string& today = "2026-11-28") {
        Admin();
        Do(kiosk::CampfireKind::Start, "11111111-1111-4111-8111-111111111111");
        REQUIRE(S.Screen == kiosk::Screen::CampfireSetup);
        kiosk::CampfireAction defaults{kiosk::CampfireKind::Defaults};
        defaults.Values = {wijk, today};
        Do(defaults);
    }
    // Set-up done: the picker.
    void Pick(const std::string& name = "Buurtavond") {
        Setup();
        Do(kiosk::CampfireKind::Edit, "name");
        Type(name);
        Do(kiosk::CampfireKind::SetupDone);
        REQUIRE(S.Screen == kiosk::Screen::CampfirePick);
    }
    // Votes for the current question: `votes` taps on each option in turn, each after the pause.
    void TapVotes(const std::vector<int>& votes) {
        const content::Question* q = kiosk::CampfireQuestion(Ctx, S);
        REQUIRE(q);
        for (size_t i = 0; i < votes.size() && i < q->Options.size(); i++)
            for (int k = 0; k < votes[i]; k++) {
                Do(kiosk::CampfireKind::Vote, q->Options[i].Id);
                Tick(Ctx.Config.VoteConfirm);
            }
    }
};

// Every state of the group screens worth drawing, for one pack and language.
inline std::vector<kiosk::FlowState> CampfireScreens(const content::Pack& pack, const std::string& lang) {
    using kiosk::CampfireAction;
    using kiosk::CampfireKind;
    using kiosk::CommonKind;
    std::vector<kiosk::FlowState> states;
    CampfireHarness h(pack, lang);
    h.Setup();
    states.push_back(h.S); // set-up with its defaults
    h.Do(CampfireKind::SetupDone);
    states.push_back(h.S); // "type a name first"
    h.Do(CampfireKind::Edit, "name");
    for (char c : std::string("Buurtavond in het wijkcentrum De Linde"))
        h.Do(CampfireKind::TypeText, std::string(1, c));
    states.push_back(h.S); // the keyboard
    h.Do(CampfireKind::Next);
    h.Do(CampfireKind::SetupDone);
    states.push_back(h.S); // the picker

    // Every question of every zone and poll, in taps; the first of each also with votes,
    // "Stem geteld", in hands and revealed.
    std::vector<const content::Poll*> polls;
    for (const auto* list : {&pack.Zones, &pack.Polls})
        for (const content::Poll& p : *list)
            if (p.Id != pack.ClosingPoll && !kiosk::CampfireItems(p).empty())
                polls.push_back(&p);
    for (const content::Poll* p : polls) {
        h.Do(CampfireKind::OpenPoll, p->Id);
        bool first = true;
        while (h.S.Screen == kiosk::Screen::CampfireQuestion) {
            h.Do(CampfireKind::Mode, "taps");
            states.push_back(h.S);
            const content::Question* q = kiosk::CampfireQuestion(h.Ctx, h.S);
            std::vector<int> votes;
            for (size_t i = 0; i < q->Options.size(); i++)
                votes.push_back(int(i % 3) + (i == 0 ? 2 : 0)); // a clear first: show-ifs on "ja" hold
            h.TapVotes(votes);
            if (first) {
                h.Do(CampfireKind::Vote, q->Options[0].Id);
                states.push_back(h.S); // "Stem geteld"
                h.Tick(h.Ctx.Config.VoteConfirm);
                h.Do(CampfireKind::Mode, "hands");
                h.Do(CampfireKind::HandUp, q->Options.back().Id);
                states.push_back(h.S);
                h.Do(CampfireKind::Reveal);
                states.push_back(h.S);
                h.Do(CampfireAction{CampfireKind::SaveFailed, "the group's votes could not be stored: disk I/O error"});
                states.push_back(h.S); // a failed write, said in words
                h.Do(CampfireKind::Edit, "note");
                for (char c : std::string("Voor: meer groen. Tegen: het kost geld. Een minderheid wil liever"))
                    h.Do(CampfireKind::TypeText, std::string(1, c));
                states.push_back(h.S); // the note of what was said, on the keyboard
                h.Do(CampfireKind::Next);
                states.push_back(h.S); // the question with its note
                first = false;
            }
            h.Do(CampfireKind::Next);
        }
    }
    states.push_back(h.S); // the picker with finished zones

    h.Do(CampfireKind::OpenAgreements);
    states.push_back(h.S); // no agreements yet
    for (int i = 0; i < 7; i++) {
        h.Do(CampfireKind::AgreementNew, h.NewId());
        if (i == 0)
            states.push_back(h.S); // an empty agreement
        h.Do(CampfireKind::Edit, "what");
        if (i == 0) {
            for (char c : std::string("Een wijkpanel samenstellen"))
                h.Do(CampfireKind::TypeText, std::string(1, c));
            states.push_back(h.S); // typing what
            h.Do(CampfireKind::Next);
        } else {
            h.Type("Afspraak nummer " + std::to_string(i + 1) + " met een wat langere omschrijving erbij");
        }
        if (i == 1) {
            h.Do(CampfireKind::Edit, "who-group");
            h.Type("wijkpanel Oosterpark");
        } else {
            h.Do(CampfireKind::AgreementWho, i % 2 ? "gemeente" : "samen");
        }
        h.Do(CampfireKind::AgreementDue, "+7");
        for (const content::Poll& z : pack.Zones)
            if (z.Kind == content::PollKind::Kompas) {
                h.Do(CampfireKind::AgreementAnswers, z.Id);
                break;
            }
        h.Do(CampfireKind::AgreementStatus, "bezig");
        if (i == 0)
            states.push_back(h.S); // filled in
        h.Do(CampfireKind::AgreementSave);
        if (i == 6) {
            h.Do(CampfireAction{CampfireKind::SaveFailed, "the agreement could not be stored: disk I/O error"});
            states.push_back(h.S); // the list, and why the last one is not stored
        }
    }
    states.push_back(h.S); // seven agreements: six shown, "en nog 1"
    h.Do(CampfireKind::Back);
    h.Do(CampfireKind::OpenSummary);
    states.push_back(h.S); // the summary, page 1
    h.Do(CampfireKind::Page, "+1");
    states.push_back(h.S);
    for (int i = 0; i < 20; i++)
        h.Do(CampfireKind::Page, "+1");
    states.push_back(h.S); // the last page: what was said
    for (int i = 0; i < 20; i++)
        h.Do(CampfireKind::Page, "-1");
    h.Do(CampfireKind::ExportChoose);
    kiosk::CampfireAction none{kiosk::CampfireKind::TargetsLoaded};
    h.Do(none);
    states.push_back(h.S); // no stick found
    h.Do(CampfireKind::ExportChoose);
    kiosk::CampfireAction targets{kiosk::CampfireKind::TargetsLoaded};
    targets.Values = {"/media/kiosk/STICK", "/run/media/kiosk/GEMEENTE-USB", "/tmp/export"};
    h.Do(targets);
    states.push_back(h.S); // three places to save
    h.Do(CampfireKind::Export, "/tmp/export");
    h.Do(CampfireKind::ExportDone);
    while (h.S.Campfire.Exporting)
        h.Do(CampfireKind::ExportDone);
    states.push_back(h.S); // "Opgeslagen in /tmp/export ..."

    // Stap 3: a later meeting opens with the agreements from before.
    CampfireHarness p(pack, lang);
    p.Pick("Buurtavond twee");
    CampfireAction previous{CampfireKind::PreviousLoaded};
    const char* statuses[] = {"open", "bezig", "gedaan", "lukt-niet", "klaar", "open", "bezig"};
    for (int i = 0; i < 7; i++)
        previous.List.push_back({p.NewId(), "Afspraak " + std::to_string(i + 1) + " van de vorige bijeenkomst, wat langer",
                                 i % 2 ? "gemeente" : "wijkpanel Oosterpark", i == 0 ? "2026-12-12" : "", "",
                                 statuses[i], i == 1 ? "Offerte gevraagd bij de gemeente, antwoord komt in januari" : "",
                                 "Buurtavond een", "2026-10-30"});
    p.Do(previous);
    states.push_back(p.S); // "Afspraken van vorige keer": six shown, "en nog 1"
    p.Do(CampfireKind::PreviousOpen, "1");
    states.push_back(p.S); // one of them, its status and note
    p.Do(CampfireKind::PreviousStatus, "lukt-niet");
    p.Do(CampfireKind::Edit, "previous-note");
    states.push_back(p.S); // its note on the keyboard
    p.Do(CampfireKind::Next);
    p.Do(CampfireKind::PreviousSave);
    states.push_back(p.S); // the list again: "Bewaard."
    return states;
}
