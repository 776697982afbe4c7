// The campfire meeting's screens, drawn headless: every target big enough, apart and on
// screen at two sizes; the words from the pack; stable ids for scripts; the counts hidden
// until the reveal; "Stem geteld" while taps wait.
#include "campfire_states.hpp"
#include "imgui_headless.hpp"
#include "kiosk/screens.hpp"
#include "test_packs.hpp"

#include <cfloat>

using namespace kiosk;

namespace {

widgets::FrameRecord Draw(HeadlessImGui& ui, const FlowContext& ctx, const FlowState& s, double now) {
    std::vector<Action> actions;
    ScreenContext sc{&ctx, &ui.Theme, ui.Display, now};
    ui.Frame(ImVec2(-FLT_MAX, -FLT_MAX), false, [&] { DrawScreen(sc, s, &actions); });
    CHECK(actions.empty());
    return widgets::Record();
}

bool AnyText(const widgets::FrameRecord& rec, const std::string& part) { return widgets::HasText(rec, part); }

} // namespace

TEST_CASE("campfire screens: every target at least 11.5 mm, 2.5 mm apart, on screen, ids unique") {
    for (auto [display, dpi] : {std::pair{ImVec2(1920, 1080), 96.0f}, std::pair{ImVec2(1280, 720), 113.0f}}) {
        HeadlessImGui ui(display, dpi / 25.4f);
        FlowContext ctx;
        ctx.Pack = &BundledPack();
        for (const char* lang : {"nl", "en"})
            for (const FlowState& s : CampfireScreens(BundledPack(), lang)) {
                CAPTURE(lang);
                CAPTURE(display.x);
                CAPTURE(ScreenName(s.Screen));
                widgets::FrameRecord rec = Draw(ui, ctx, s, s.ScreenSince);
                CHECK(IsCampfireScreen(s.Screen));
                const float gap = ui.Theme.MinSpacingPx();
                for (size_t i = 0; i < rec.Targets.size(); i++) {
                    const widgets::Target& t = rec.Targets[i];
                    CAPTURE(t.Id);
                    CHECK_FALSE(t.Label.empty());
                    CHECK(t.Width() / ui.Theme.PxPerMm >= 11.5f);
                    CHECK(t.Height() / ui.Theme.PxPerMm >= 11.5f);
                    CHECK(t.Min.x >= 0);
                    CHECK(t.Min.y >= 0);
                    CHECK(t.Max.x <= ui.Display.x);
                    CHECK(t.Max.y <= ui.Display.y);
                    for (size_t k = i + 1; k < rec.Targets.size(); k++) {
                        const widgets::Target& o = rec.Targets[k];
                        CAPTURE(o.Id);
                        CHECK(t.Id != o.Id);
                        CHECK_FALSE((t.Min.x < o.Max.x + gap && o.Min.x < t.Max.x + gap && t.Min.y < o.Max.y + gap &&
                                     o.Min.y < t.Max.y + gap));
                    }
                }
            }
    }
}

TEST_CASE("campfire screens: the admin screen's button, the set-up's words and ids") {
    HeadlessImGui ui;
    CampfireHarness h(BundledPack());
    h.Admin();
    widgets::FrameRecord rec = Draw(ui, h.Ctx, h.S, h.Now);
    const widgets::Target* start = widgets::FindTarget(rec, "admin-campfire");
    REQUIRE(start);
    CHECK(start->Label == "Kampvuur starten");

    h.Setup("Oosterpark", "2026-11-28");
    rec = Draw(ui, h.Ctx, h.S, h.Now);
    for (const char* text : {"Een kampvuurbijeenkomst starten", "Naam", "Wijk", "Datum", "Aanwezig", "28-11-2026",
                             "10 mensen", "Tik hier en typ een naam", "Oosterpark"}) {
        CAPTURE(text);
        CHECK(AnyText(rec, text));
    }
    for (const char* id : {"campfire-name", "campfire-wijk", "campfire-date-min", "campfire-date-plus", "campfire-present-min",
                           "campfire-present-plus", "campfire-cancel", "campfire-setup-next"})
        CHECK(widgets::FindTarget(rec, id));
    h.Do(CampfireKind::Edit, "name");
    rec = Draw(ui, h.Ctx, h.S, h.Now);
    CHECK(AnyText(rec, "Typ de naam van de bijeenkomst"));
    CHECK(widgets::FindTarget(rec, "key-a"));
    CHECK(widgets::FindTarget(rec, "key-done"));
    CHECK_FALSE(widgets::FindTarget(rec, "campfire-setup-next")); // only the keyboard while typing
}

TEST_CASE("campfire question: big cards to tap, the counts hidden until the reveal, 'Stem geteld'") {
    HeadlessImGui ui;
    CampfireHarness h(BundledPack());
    h.Pick();
    h.Do(CampfireKind::OpenPoll, "ieders-stem");
    h.TapVotes({3, 1});
    widgets::FrameRecord rec = Draw(ui, h.Ctx, h.S, h.Now);
    CHECK(AnyText(rec, "Kan iedereen in de wijk meepraten"));
    CHECK(AnyText(rec, "Ieders stem telt - vraag 1 van 5"));
    CHECK(AnyText(rec, "Stemmen geteld: 4 (aanwezig: 10)"));
    CHECK(AnyText(rec, "De uitslag blijft verborgen"));
    CHECK_FALSE(AnyText(rec, "%")); // no share of any option before the reveal
    for (const char* id : {"stem-iedereen.ja", "stem-iedereen.nee", "stem-iedereen.weet-niet", "campfire-mode-taps",
                           "campfire-mode-hands", "campfire-reveal", "campfire-next", "campfire-back"})
        CHECK(widgets::FindTarget(rec, id));
    CHECK(widgets::FindTarget(rec, "campfire-reveal")->Label == "Laat uitslag zien");

    h.Do(CampfireKind::Vote, "nee");
    rec = Draw(ui, h.Ctx, h.S, h.Now + 1.0);
    CHECK(AnyText(rec, "Stem geteld"));
    rec = Draw(ui, h.Ctx, h.S, h.Now + 1.5);
    CHECK_FALSE(AnyText(rec, "Stem geteld"));

    h.Do(CampfireKind::Reveal);
    rec = Draw(ui, h.Ctx, h.S, h.Now + 2);
    CHECK(AnyText(rec, "Ja: 60% (3)"));
    CHECK(AnyText(rec, "Nee: 40% (2)"));
    CHECK(widgets::FindTarget(rec, "campfire-reveal")->Label == "Verberg uitslag");

    h.Do(CampfireKind::Mode, "hands");
    rec = Draw(ui, h.Ctx, h.S, h.Now + 2);
    CHECK(widgets::FindTarget(rec, "stem-iedereen.ja.plus"));
    CHECK(widgets::FindTarget(rec, "stem-iedereen.weet-niet.min"));
    CHECK_FALSE(widgets::FindTarget(rec, "stem-iedereen.ja"));

    // A matrix row: its own step, its topic in the question, ids QUESTION.ROW.OPTION.
    h.Do(CampfireKind::Back);
    h.Do(CampfireKind::OpenPoll, "rolverdeling");
    h.Do(CampfireKind::Mode, "taps");
    h.Do(CampfireKind::Next);
    rec = Draw(ui, h.Ctx, h.S, h.Now + 5);
    CHECK(AnyText(rec, "Groen en bomen"));
    CHECK(widgets::FindTarget(rec, "wie-beslist.groen.wijk"));
}

TEST_CASE("campfire agreements and summary: the words a facilitator reads") {
    HeadlessImGui ui;
    CampfireHarness h(BundledPack());
    h.Pick();
    h.Do(CampfireKind::OpenAgreements);
    h.Do(CampfireKind::AgreementNew, h.NewId());
    widgets::FrameRecord rec = Draw(ui, h.Ctx, h.S, h.Now);
    for (const char* id : {"agreement-what", "who-wijk", "who-gemeente", "who-samen", "who-group", "due-min",
                           "due-plus", "answers-ieders-stem", "answers-goede-gesprek", "status-open", "status-bezig",
                           "status-klaar", "agreement-save", "agreement-cancel"})
        CHECK(widgets::FindTarget(rec, id));
    h.Do(CampfireKind::Edit, "what");
    h.Type("Een wijkpanel samenstellen");
    h.Do(CampfireKind::AgreementWho, "samen");
    h.Do(CampfireKind::AgreementDue, "+7");
    h.Do(CampfireKind::AgreementSave);
    rec = Draw(ui, h.Ctx, h.S, h.Now);
    const widgets::Target* first = widgets::FindTarget(rec, "agreement-1");
    REQUIRE(first);
    CHECK(first->Label == "1. Een wijkpanel samenstellen  -  Samen  -  vóór 05-12-2026  -  Open");

    h.Do(CampfireKind::Back);
    h.Do(CampfireKind::OpenPoll, "ieders-stem");
    h.TapVotes({1, 4}); // nee: a witte vlek
    h.Do(CampfireKind::Back);
    h.Do(CampfireKind::OpenSummary);
    rec = Draw(ui, h.Ctx, h.S, h.Now);
    for (const char* text : {"Samenvatting: Buurtavond", "Dit moet eerst beter:", "Kan iedereen in de wijk meepraten",
                             "Afspraken:", "Een wijkpanel samenstellen", "Nee: 80% (4)"}) {
        CAPTURE(text);
        CHECK(AnyText(rec, text));
    }
    for (const char* id : {"campfire-back", "campfire-agreements", "campfire-export", "campfire-end"})
        CHECK(widgets::FindTarget(rec, id));
    h.Do(CampfireKind::ExportChoose);
    CampfireAction targets{CampfireKind::TargetsLoaded};
    targets.Values = {"/media/kiosk/STICK"};
    h.Do(targets);
    rec = Draw(ui, h.Ctx, h.S, h.Now);
    const widgets::Target* stick = widgets::FindTarget(rec, "export-1");
    REQUIRE(stick);
    CHECK(stick->Label == "/media/kiosk/STICK");
    CHECK(widgets::FindTarget(rec, "export-cancel"));
}
