// Every screen of the bundled pack, drawn headless: what a resident can see and touch.
#include "content/pack_loader.hpp"
#include "campfire_states.hpp"
#include "imgui_headless.hpp"
#include "kiosk/screen_speech.hpp"
#include "screen_states.hpp"
#include "kiosk/screens.hpp"
#include "test_packs.hpp"

#include <cfloat>

using namespace kiosk;
using screen_states::AllScreens;
using screen_states::PraatplaatScreens;

namespace {

widgets::FrameRecord Draw(HeadlessImGui& ui, const FlowContext& ctx, const FlowState& s) {
    std::vector<Action> actions;
    ui.Theme.Rtl = content::IsRightToLeft(s.Lang); // as the kiosk does for each frame
    ScreenContext sc{&ctx, &ui.Theme, ui.Display, s.ScreenSince}; // drawn the moment the screen appeared
    ui.Frame(ImVec2(-FLT_MAX, -FLT_MAX), false, [&] { DrawScreen(sc, s, &actions); });
    CHECK(actions.empty()); // nothing fires without a touch
    return widgets::Record();
}

bool Overlap(const widgets::Target& a, const widgets::Target& b, float gap) {
    return a.Min.x < b.Max.x + gap && b.Min.x < a.Max.x + gap && a.Min.y < b.Max.y + gap && b.Min.y < a.Max.y + gap;
}

bool Inside(const widgets::TextBox& b, const widgets::Target& t) {
    const float slack = 1.0f;
    return b.Min.x >= t.Min.x - slack && b.Max.x <= t.Max.x + slack && b.Min.y >= t.Min.y - slack &&
           b.Max.y <= t.Max.y + slack;
}

bool Overlap(const widgets::TextBox& a, ImVec2 min, ImVec2 max) {
    const float slack = 1.0f; // glyph boxes may touch
    return a.Min.x < max.x - slack && min.x < a.Max.x - slack && a.Min.y < max.y - slack && min.y < a.Max.y - slack;
}

// Nothing cut off or overlapping: every text on screen; a button's words inside the
// button; other texts clear of every button and of each other.
void CheckTexts(const HeadlessImGui& ui, const widgets::FrameRecord& rec) {
    std::vector<int> owner(rec.TextBoxes.size(), -1);
    for (size_t i = 0; i < rec.TextBoxes.size(); i++) {
        const widgets::TextBox& b = rec.TextBoxes[i];
        CAPTURE(b.Text);
        CHECK(b.Min.x >= -1.0f);
        CHECK(b.Min.y >= -1.0f);
        CHECK(b.Max.x <= ui.Display.x + 1.0f);
        CHECK(b.Max.y <= ui.Display.y + 1.0f);
        for (size_t k = 0; k < rec.Targets.size() && owner[i] < 0; k++)
            if (Inside(b, rec.Targets[k]))
                owner[i] = int(k);
        for (size_t k = 0; k < rec.Targets.size(); k++) {
            if (int(k) == owner[i])
                continue;
            CAPTURE(rec.Targets[k].Id);
            CHECK_FALSE(Overlap(b, rec.Targets[k].Min, rec.Targets[k].Max));
        }
    }
    for (size_t i = 0; i < rec.TextBoxes.size(); i++)
        for (size_t k = i + 1; k < rec.TextBoxes.size(); k++) {
            if (owner[i] >= 0 && owner[i] == owner[k])
                continue; // a picture's word and a badge inside one button
            CAPTURE(rec.TextBoxes[i].Text);
            CAPTURE(rec.TextBoxes[k].Text);
            CHECK_FALSE(Overlap(rec.TextBoxes[i], rec.TextBoxes[k].Min, rec.TextBoxes[k].Max));
        }
}

void CheckStates(HeadlessImGui& ui, const FlowContext& ctx, const std::vector<FlowState>& states) {
    for (const FlowState& s : states) {
        widgets::FrameRecord rec = Draw(ui, ctx, s);
        const std::string screen = ScreenName(s.Screen);
        CAPTURE(screen);
        CAPTURE(s.QuestionIndex);
        CheckTexts(ui, rec);
        CHECK_FALSE(rec.Targets.empty());
        for (size_t i = 0; i < rec.Targets.size(); i++) {
            const widgets::Target& t = rec.Targets[i];
            CAPTURE(t.Id);
            CHECK_FALSE(t.Label.empty());
            CHECK(t.Width() / ui.Theme.PxPerMm >= 11.5f);
            CHECK(t.Height() / ui.Theme.PxPerMm >= 11.5f);
            // On screen, whole.
            CHECK(t.Min.x >= 0);
            CHECK(t.Min.y >= 0);
            CHECK(t.Max.x <= ui.Display.x);
            CHECK(t.Max.y <= ui.Display.y);
            for (size_t k = i + 1; k < rec.Targets.size(); k++) {
                CAPTURE(rec.Targets[k].Id);
                CHECK_FALSE(Overlap(t, rec.Targets[k], ui.Theme.MinSpacingPx()));
                CHECK(t.Id != rec.Targets[k].Id); // stable ids are unique on a screen
            }
        }
    }
}

void CheckTargets(HeadlessImGui& ui, const FlowContext& ctx, const std::string& lang) {
    std::vector<FlowState> states = AllScreens(ctx, lang);
    REQUIRE(states.size() >= 6);
    CHECK(states.back().Screen == Screen::Error);
    CHECK(states[states.size() - 2].Screen == Screen::StillThere);
    CheckStates(ui, ctx, states);
}

} // namespace

TEST_CASE("every touch target is at least 11.5 mm, 2.5 mm apart, and on screen") {
    FlowContext ctx;
    ctx.Pack = &BundledPack();
    SUBCASE("1920x1080 at 96 dpi") {
        HeadlessImGui ui(ImVec2(1920, 1080), 96.0f / 25.4f);
        CheckTargets(ui, ctx, "nl");
        CheckTargets(ui, ctx, "en");
    }
    SUBCASE("1280x720 on a small 13-inch screen (about 113 dpi)") {
        HeadlessImGui ui(ImVec2(1280, 720), 113.0f / 25.4f);
        CheckTargets(ui, ctx, "nl");
    }
}

TEST_CASE("large text and high contrast: every screen still fits, nothing cut off or overlapping") {
    FlowContext ctx;
    ctx.Pack = &BundledPack();
    REQUIRE(ctx.Pack->Languages.size() >= 6);
    const widgets::GlyphSet glyphs = widgets::GlyphsFor(content::AllTexts(*ctx.Pack));
    FlowContext pp;
    pp.Pack = &PraatplaatPack();
    for (bool large : {true, false})
        for (bool high : {false, true}) {
            CAPTURE(large);
            CAPTURE(high);
            for (ImVec2 display : {ImVec2(1920, 1080), ImVec2(1280, 720)}) {
                CAPTURE(display.x);
                HeadlessImGui ui(display, (display.x > 1300 ? 96.0f : 113.0f) / 25.4f, large, high, &glyphs);
                CHECK(ui.Theme.TextScale == doctest::Approx(large ? widgets::kLargeTextScale : 1.0f));
                // Every language of the pack: the longest words (Polish), Cyrillic, and
                // Arabic right to left with the layout mirrored.
                for (const std::string& lang : ctx.Pack->Languages) {
                    CAPTURE(lang);
                    CheckStates(ui, ctx, AllScreens(ctx, lang));
                    CheckStates(ui, ctx, PraatplaatScreens(ctx, lang)); // the bundled praatplaat's real words
                }
                CheckStates(ui, pp, PraatplaatScreens(pp));
                // The campfire meeting's screens (tests/campfire_states.hpp), in every language.
                for (const std::string& lang : ctx.Pack->Languages) {
                    CAPTURE(lang);
                    CheckStates(ui, ctx, CampfireScreens(*ctx.Pack, lang));
                }
                CheckStates(ui, pp, CampfireScreens(*pp.Pack, "nl"));
            }
        }
}

TEST_CASE("praatplaat screens: every target at least 11.5 mm, 2.5 mm apart, on screen") {
    FlowContext ctx;
    ctx.Pack = &PraatplaatPack();
    std::vector<FlowState> states = PraatplaatScreens(ctx);
    CHECK(states.front().Screen == Screen::Intro);
    CHECK(states.back().Screen == Screen::Outcome);
    SUBCASE("1920x1080") {
        HeadlessImGui ui;
        CheckStates(ui, ctx, states);
    }
    SUBCASE("1280x720 at 113 dpi") {
        HeadlessImGui ui(ImVec2(1280, 720), 113.0f / 25.4f);
        CheckStates(ui, ctx, states);
    }
}

TEST_CASE("the screens show the pack's words, and only the current visitor's") {
    FlowContext ctx;
    ctx.Pack = &BundledPack();
    HeadlessImGui ui;
    std::vector<FlowState> states = AllScreens(ctx, "nl");

    widgets::FrameRecord attract = Draw(ui, ctx, states[0]);
    CHECK(widgets::HasText(attract, "Praat mee over uw wijk"));
    CHECK(widgets::FindTarget(attract, "start"));
    CHECK(widgets::FindTarget(attract, "lang-en"));
    CHECK(widgets::FindTarget(attract, "English")); // each language in its own name

    widgets::FrameRecord q1 = Draw(ui, ctx, states[1]);
    CHECK(widgets::HasText(q1, "Vraag 1 van"));
    const content::Question* q = CurrentQuestion(ctx, states[1]);
    REQUIRE(q);
    for (const content::Option& o : q->Options) {
        const widgets::Target* t = widgets::FindTarget(q1, q->Id + "." + o.Id);
        REQUIRE(t);
        CHECK(t->Label == o.Label.at("nl"));
    }
    CHECK(widgets::FindTarget(q1, "skip"));
    CHECK(widgets::FindTarget(q1, "stop"));

    widgets::FrameRecord still = Draw(ui, ctx, states[states.size() - 2]);
    CHECK(widgets::HasText(still, "Bent u er nog?"));
    CHECK(widgets::HasText(still, "Over 20 seconden"));
    CHECK(widgets::FindTarget(still, "continue"));

    widgets::FrameRecord error = Draw(ui, ctx, states.back());
    CHECK(widgets::HasText(error, "Er ging iets mis, uw antwoord is niet opgeslagen"));
    CHECK_FALSE(widgets::HasText(error, "Bedankt"));

    FlowState en = InitialState(ctx, "en", 0);
    CHECK(widgets::HasText(Draw(ui, ctx, en), "Have your say"));
}

TEST_CASE("FillTemplate replaces every placeholder") {
    CHECK(FillTemplate("Vraag {n} van {total}", "n", "2") == "Vraag 2 van {total}");
    CHECK(FillTemplate("{x} en {x}", "x", "{x}") == "{x} en {x}");
    CHECK(FillTemplate("geen", "n", "1") == "geen");
}

TEST_CASE("opening any zone shows what it is about (its explain text) and reads it aloud, in every language") {
    HeadlessImGui ui;
    FlowContext ctx;
    ctx.Pack = &BundledPack();
    for (const std::string& lang : ctx.Pack->Languages) {
        for (const content::Poll& zone : ctx.Pack->Zones) {
            CAPTURE(lang);
            CAPTURE(zone.Id);
            std::vector<Effect> fx;
            FlowState s = InitialState(ctx, lang, 0);
            s = Step(ctx, s, VisitAction{VisitKind::StartPraatplaat, "s"}, 0, &fx);
            s = Step(ctx, s, VisitAction{VisitKind::Next}, 0, &fx);
            s = Step(ctx, s, VisitAction{VisitKind::OpenZone, zone.Id}, 0, &fx);
            REQUIRE(s.Screen == Screen::Zone);
            const std::string& explain = content::Tr(zone.Explain, lang, "nl");
            REQUIRE_FALSE(explain.empty());
            widgets::FrameRecord rec = Draw(ui, ctx, s);
            CHECK(widgets::HasText(rec, explain));
            CHECK(widgets::HasText(rec, content::Tr(zone.Title, lang, "nl")));
            CHECK(widgets::FindTarget(rec, "zone-start"));
            CHECK(widgets::FindTarget(rec, "zone-back"));
            const std::vector<std::string> said = ScreenSpeech(ctx, s, 0);
            CHECK(std::find(said.begin(), said.end(), explain) != said.end());
        }
    }
}

// The sender's logo (issue 15 item 5): beside or above the sender's name on the attract,
// thanks and outcome screens, at every size, in every language, normal and A+; never
// over a word or a button, and wholly on screen. A wide and a tall logo.
TEST_CASE("the pack's logo stands by the sender on attract, thanks and outcome, clear of every word and button") {
    FlowContext ctx;
    ctx.Pack = &BundledPack();
    const widgets::GlyphSet glyphs = widgets::GlyphsFor(content::AllTexts(*ctx.Pack));
    const std::pair<ImVec2, float> shapes[] = {{ImVec2(1920, 1080), 92}, {ImVec2(1280, 800), 126},
                                               {ImVec2(1024, 600), 118}, {ImVec2(1080, 1920), 100},
                                               {ImVec2(800, 1280), 149}};
    int drawn = 0;
    for (const auto& [display, dpi] : shapes)
        for (bool large : {false, true}) {
            CAPTURE(display.x);
            CAPTURE(large);
            HeadlessImGui ui(display, dpi / 25.4f, large, false, &glyphs);
            for (const std::string& lang : ctx.Pack->Languages) {
                CAPTURE(lang);
                std::vector<FlowState> states = AllScreens(ctx, lang);
                for (const FlowState& s : PraatplaatScreens(ctx, lang))
                    states.push_back(s);
                for (const FlowState& s : states) {
                    if (s.Screen != Screen::Attract && s.Screen != Screen::Thanks && s.Screen != Screen::Outcome)
                        continue;
                    const std::string screen = ScreenName(s.Screen);
                    CAPTURE(screen);
                    for (ImVec2 pixels : {ImVec2(400, 100), ImVec2(120, 160)}) {
                        std::vector<Action> actions;
                        ui.Theme.Rtl = content::IsRightToLeft(s.Lang);
                        ScreenContext sc{&ctx, &ui.Theme, ui.Display, s.ScreenSince};
                        sc.Logo = reinterpret_cast<ImTextureID>(intptr_t(1)); // laid out, not rendered
                        sc.LogoPixels = pixels;
                        ui.Frame(ImVec2(-FLT_MAX, -FLT_MAX), false, [&] { DrawScreen(sc, s, &actions); });
                        const widgets::FrameRecord& rec = widgets::Record();
                        const widgets::TextBox* logo = nullptr;
                        for (const widgets::TextBox& m : rec.Marks)
                            if (m.Text == "logo")
                                logo = &m;
                        REQUIRE(logo);
                        drawn++;
                        CHECK(logo->Max.y - logo->Min.y >= ui.Theme.Body->FontSize); // visible, not a speck
                        CHECK((logo->Max.x - logo->Min.x) / (logo->Max.y - logo->Min.y) ==
                              doctest::Approx(pixels.x / pixels.y).epsilon(0.01)); // not stretched
                        CHECK(logo->Min.x >= 0);
                        CHECK(logo->Min.y >= 0);
                        CHECK(logo->Max.x <= display.x);
                        CHECK(logo->Max.y <= display.y);
                        for (const widgets::TextBox& b : rec.TextBoxes) {
                            CAPTURE(b.Text);
                            CHECK_FALSE(Overlap(b, logo->Min, logo->Max));
                        }
                        for (const widgets::Target& t : rec.Targets) {
                            CAPTURE(t.Id);
                            widgets::TextBox box{"", t.Min, t.Max};
                            CHECK_FALSE(Overlap(box, logo->Min, logo->Max));
                        }
                        CHECK(widgets::HasText(rec, content::Ui(*ctx.Pack, "sender", lang)));
                    }
                }
            }
        }
    CHECK(drawn >= 5 * 2 * 6 * 3 * 2);

    // Without a logo: the name alone, no picture.
    HeadlessImGui ui(ImVec2(1920, 1080), 92 / 25.4f);
    const widgets::FrameRecord rec = Draw(ui, ctx, AllScreens(ctx, "nl").front());
    for (const widgets::TextBox& m : rec.Marks)
        CHECK(m.Text != "logo");
}

// A follow-up route (issue 14 item 7): on its question, the words and, with an address, a
// QR code with the address in words, under the answers and clear of them, at every size.
TEST_CASE("a question's follow-up route shows its words and QR code under the answers, clear of every target") {
    static content::Pack pack = BundledPack();
    content::Question* q = nullptr;
    for (content::Poll& p : pack.Polls)
        for (content::Question& qq : p.Questions)
            if (qq.Id == "idee-hulp") {
                q = &qq;
                pack.StartPoll = p.Id; // walked through by skipping, so shown without its show_if
            }
    REQUIRE(q);
    q->Show.reset();
    REQUIRE_FALSE(q->Follow.Empty()); // the bundled pack's: the gebiedsteam's number
    q->Follow.Url = "https://gemeente.example/wijkpanel/aanmelden";
    FlowContext ctx;
    ctx.Pack = &pack;
    const std::pair<ImVec2, float> shapes[] = {{ImVec2(1920, 1080), 92}, {ImVec2(1280, 800), 126},
                                               {ImVec2(1024, 600), 118}, {ImVec2(1080, 1920), 100},
                                               {ImVec2(800, 1280), 149}};
    int seen = 0;
    for (const auto& [display, dpi] : shapes) {
        CAPTURE(display.x);
        HeadlessImGui ui(display, dpi / 25.4f);
        for (const FlowState& s : AllScreens(ctx, "nl")) {
            if (s.Screen != Screen::Question || CurrentQuestion(ctx, s) != q)
                continue;
            const widgets::FrameRecord rec = Draw(ui, ctx, s);
            CHECK(widgets::HasText(rec, "Hulp bij uw idee? Bel het gebiedsteam: 14 050."));
            CHECK(widgets::HasText(rec, "gemeente.example/wijkpanel/aanmelden"));
            const widgets::TextBox* qr = nullptr;
            for (const widgets::TextBox& m : rec.Marks)
                if (m.Text == "qr")
                    qr = &m;
            REQUIRE(qr);
            CHECK(qr->Max.x - qr->Min.x >= 25 * ui.Theme.PxPerMm - 0.01f); // scannable from a step away
            CHECK(qr->Max.y <= display.y);
            for (const widgets::Target& t : rec.Targets) {
                CAPTURE(t.Id);
                CHECK_FALSE(Overlap(widgets::TextBox{"", t.Min, t.Max}, qr->Min, qr->Max));
            }
            for (const widgets::TextBox& b : rec.TextBoxes) {
                CAPTURE(b.Text);
                CHECK_FALSE(Overlap(b, qr->Min, qr->Max));
            }
            CheckTexts(ui, rec);
            seen++;
        }
    }
    CHECK(seen == 5);
}
