// The facilitator's screens and the attract screen's additions, drawn headless: every
// target big enough, apart and on screen; the words from the pack; the PIN never shown.
#include "imgui_headless.hpp"
#include "screen_states.hpp"
#include "kiosk/flow_admin.hpp"
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

void CheckTargets(HeadlessImGui& ui, const widgets::FrameRecord& rec) {
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
            CHECK_FALSE((t.Min.x < o.Max.x + gap && o.Min.x < t.Max.x + gap && t.Min.y < o.Max.y + gap &&
                         o.Min.y < t.Max.y + gap));
        }
    }
}

} // namespace

TEST_CASE("PIN and admin screens: targets big enough, apart, on screen, at two sizes") {
    for (auto [display, dpi] : {std::pair{ImVec2(1920, 1080), 96.0f}, std::pair{ImVec2(1280, 720), 113.0f}}) {
        HeadlessImGui ui(display, dpi / 25.4f);
        screen_states::AdminScreens sc;
        for (const char* lang : {"nl", "en"}) {
            CAPTURE(lang);
            CAPTURE(display.x);
            for (const FlowState& s : {sc.Pin(lang), sc.Admin(lang), sc.Gap(lang)}) {
                CAPTURE(ScreenName(s.Screen));
                widgets::FrameRecord rec = Draw(ui, sc.Ctx, s, sc.Now);
                CHECK_FALSE(rec.Targets.empty());
                CheckTargets(ui, rec);
            }
        }
    }
}

TEST_CASE("the PIN screen: dots, never the digits; the lock in words with its seconds") {
    HeadlessImGui ui;
    screen_states::AdminScreens sc;
    FlowState s = sc.Pin("nl");
    widgets::FrameRecord rec = Draw(ui, sc.Ctx, s, sc.Now);
    CHECK(s.Admin.PinEntry == "4711");
    CHECK(widgets::HasText(rec, "Beheer: typ de pincode"));
    CHECK_FALSE(widgets::HasText(rec, "4711"));
    CHECK_FALSE(widgets::HasText(rec, "47"));
    for (const char* id : {"pin-0", "pin-9", "pin-clear", "pin-ok", "pin-cancel"})
        CHECK(widgets::FindTarget(rec, id));
    CHECK_FALSE(widgets::FindTarget(rec, "admin-corner")); // only on the attract screen

    FlowState locked = sc.Pin("nl", 4); // four wrong in a row before: 10 s
    rec = Draw(ui, sc.Ctx, locked, sc.Now + 2.5);
    CHECK(widgets::HasText(rec, "Te vaak een verkeerde pincode. Probeer het over 8 seconden opnieuw."));
    rec = Draw(ui, sc.Ctx, locked, sc.Now + 10);
    CHECK_FALSE(widgets::HasText(rec, "Te vaak"));
}

TEST_CASE("the admin screen shows its figures in words, and the three buttons") {
    HeadlessImGui ui;
    screen_states::AdminScreens sc;
    widgets::FrameRecord rec = Draw(ui, sc.Ctx, sc.Admin("nl"), sc.Now);
    for (const char* text :
         {"Beheer van deze kiosk", "Kiosk 6c81e2a0-0000-4000-8000-000000000001",
          "Aangemeld bij https://wijkstem.groningen.nl voor de wijk Oosterpark", "Antwoorden opgeslagen: 120",
          "Wachten op synchronisatie: 17", "Laatste geslaagde synchronisatie: 2026-11-28 14:03 UTC",
          "Laatste fout: the store cannot be reached", "Bezoeken: 37 geteld, 3 gemarkeerd als herhaling",
          "Pogingen met de pincode: 5, waarvan 1 fout"}) {
        CAPTURE(text);
        CHECK(widgets::HasText(rec, text));
    }
    for (const char* id : {"admin-sync", "admin-back", "admin-quit"})
        CHECK(widgets::FindTarget(rec, id));
}

TEST_CASE("the attract screen: the hidden corner bottom-left; the gap said in words") {
    HeadlessImGui ui;
    screen_states::AdminScreens sc;
    widgets::FrameRecord rec = Draw(ui, sc.Ctx, InitialState(sc.Ctx, "nl", sc.Now), sc.Now);
    const widgets::Target* corner = widgets::FindTarget(rec, "admin-corner");
    REQUIRE(corner);
    CHECK(corner->Min.x == 0);
    CHECK(corner->Max.y == doctest::Approx(ui.Display.y));
    CHECK_FALSE(widgets::HasText(rec, "Een moment"));

    FlowState gap = sc.Gap("nl");
    REQUIRE(gap.Screen == Screen::Attract);
    rec = Draw(ui, sc.Ctx, gap, sc.Now);
    CHECK(widgets::HasText(rec, "Een moment alstublieft. Over 4 seconden kunt u beginnen."));
    rec = Draw(ui, sc.Ctx, gap, sc.Now + 4);
    CHECK_FALSE(widgets::HasText(rec, "Een moment"));
}
