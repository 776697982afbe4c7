// Every resident and facilitator screen drawn headless at five screen shapes (landscape
// and portrait), normal and A+, in every language of the pack, and checked as drawn
// (issue 15): every touch target and every word on screen; the fixed navigation; one
// size and one weight per text role. The boxes come from the frame record
// (widgets/registry.hpp), as the screens drew them.
#include "campfire_states.hpp"
#include "imgui_headless.hpp"
#include "kiosk/screens.hpp"
#include "screen_states.hpp"
#include "test_packs.hpp"
#include "widgets/touch.hpp"

#include <cfloat>
#include <cmath>
#include <cstdio>
#include <map>

using namespace kiosk;
using widgets::TextRole;

namespace {

struct Shape {
    const char* Name;
    ImVec2 Display;
    float Dpi; // a real screen of that size: a monitor, a totem, a netbook, a tablet
};
const Shape kShapes[] = {
    {"1920x1080, 24-inch monitor", ImVec2(1920, 1080), 92},
    {"1280x800, 12-inch screen", ImVec2(1280, 800), 126},
    {"1024x600, 10-inch netbook screen", ImVec2(1024, 600), 118},
    {"1080x1920, 22-inch portrait totem", ImVec2(1080, 1920), 100},
    {"800x1280, 10-inch portrait tablet", ImVec2(800, 1280), 149},
};

widgets::FrameRecord Draw(HeadlessImGui& ui, const FlowContext& ctx, const FlowState& s) {
    std::vector<Action> actions;
    ui.Theme.Rtl = content::IsRightToLeft(s.Lang);
    ScreenContext sc{&ctx, &ui.Theme, ui.Display, s.ScreenSince};
    ui.Frame(ImVec2(-FLT_MAX, -FLT_MAX), false, [&] { DrawScreen(sc, s, &actions); });
    CHECK(actions.empty());
    return widgets::Record();
}

bool Overlap(ImVec2 amin, ImVec2 amax, ImVec2 bmin, ImVec2 bmax, float gap) {
    return amin.x < bmax.x + gap && bmin.x < amax.x + gap && amin.y < bmax.y + gap && bmin.y < amax.y + gap;
}

bool Inside(const widgets::TextBox& b, const widgets::Target& t) {
    const float slack = 1.0f;
    return b.Min.x >= t.Min.x - slack && b.Max.x <= t.Max.x + slack && b.Min.y >= t.Min.y - slack &&
           b.Max.y <= t.Max.y + slack;
}

// Every target at least 11.5 mm each way, 2.5 mm from the next, wholly on screen.
void CheckTargets(const HeadlessImGui& ui, const widgets::FrameRecord& rec) {
    for (size_t i = 0; i < rec.Targets.size(); i++) {
        const widgets::Target& t = rec.Targets[i];
        CAPTURE(t.Id);
        CHECK(t.Width() / ui.Theme.PxPerMm >= 11.499f);
        CHECK(t.Height() / ui.Theme.PxPerMm >= 11.499f);
        CHECK(t.Min.x >= 0);
        CHECK(t.Min.y >= 0);
        CHECK(t.Max.x <= ui.Display.x);
        CHECK(t.Max.y <= ui.Display.y);
        // The pairwise checks assert only what fails (millions of passing assertions would
        // make the run slow); a failure still fails the case with its values.
        for (size_t k = i + 1; k < rec.Targets.size(); k++)
            if (Overlap(t.Min, t.Max, rec.Targets[k].Min, rec.Targets[k].Max, ui.Theme.MinSpacingPx() - 0.5f)) {
                CAPTURE(rec.Targets[k].Id);
                CHECK_FALSE(Overlap(t.Min, t.Max, rec.Targets[k].Min, rec.Targets[k].Max, ui.Theme.MinSpacingPx() - 0.5f));
            }
    }
}

// Every word on screen, a button's words inside it and clear of its check mark or badge,
// other words clear of every button and of each other.
void CheckWords(const HeadlessImGui& ui, const widgets::FrameRecord& rec) {
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
        for (size_t k = 0; k < rec.Targets.size(); k++)
            if (int(k) != owner[i] && Overlap(b.Min, b.Max, rec.Targets[k].Min, rec.Targets[k].Max, -1.0f)) {
                CAPTURE(rec.Targets[k].Id);
                CHECK_FALSE(Overlap(b.Min, b.Max, rec.Targets[k].Min, rec.Targets[k].Max, -1.0f));
            }
        for (const widgets::TextBox& mark : rec.Marks)
            if (Overlap(b.Min, b.Max, mark.Min, mark.Max, -1.0f)) {
                CAPTURE(mark.Text);
                CHECK_FALSE(Overlap(b.Min, b.Max, mark.Min, mark.Max, -1.0f));
            }
    }
    for (size_t i = 0; i < rec.TextBoxes.size(); i++)
        for (size_t k = i + 1; k < rec.TextBoxes.size(); k++) {
            if (owner[i] >= 0 && owner[i] == owner[k])
                continue;
            const widgets::TextBox &a = rec.TextBoxes[i], &b = rec.TextBoxes[k];
            if (!Overlap(a.Min, a.Max, b.Min, b.Max, -1.0f))
                continue;
            CAPTURE(a.Text);
            CAPTURE(b.Text);
            CHECK_FALSE(Overlap(a.Min, a.Max, b.Min, b.Max, -1.0f));
        }
}

// The fixed navigation: the way on bottom-right, one box and the primary colour on every
// screen; Stoppen bottom-left, Terug beside it; the skip never where the way on stands.
struct NavCheck {
    bool Seen = false;
    ImVec2 Min, Max; // the way on, as first drawn at this shape
};

// On a right-to-left screen the whole layout is mirrored: checked in its mirror image.
void CheckNavigation(const HeadlessImGui& ui, widgets::FrameRecord rec, NavCheck* nav) {
    if (ui.Theme.Rtl)
        for (widgets::Target& t : rec.Targets) {
            const float min_x = ui.Display.x - t.Max.x;
            t.Max.x = ui.Display.x - t.Min.x;
            t.Min.x = min_x;
        }
    const widgets::Target* way = nullptr;
    for (const char* id : {"next", "done", "outcome", "continue", "zone-start"})
        if (!way)
            way = widgets::FindTarget(rec, id);
    if (way && way->Id == "next" && widgets::FindTarget(rec, "key-done"))
        way = widgets::FindTarget(rec, "next"); // a text question: the bar's, not the keyboard's
    if (way) {
        CAPTURE(way->Id);
        CHECK(way->Kind == int(widgets::ButtonKind::Primary));
        if (!nav->Seen) {
            nav->Seen = true;
            nav->Min = way->Min;
            nav->Max = way->Max;
        }
        CHECK(way->Min.x == doctest::Approx(nav->Min.x).epsilon(0.001));
        CHECK(way->Min.y == doctest::Approx(nav->Min.y).epsilon(0.001));
        CHECK(way->Max.x == doctest::Approx(nav->Max.x).epsilon(0.001));
        CHECK(way->Max.y == doctest::Approx(nav->Max.y).epsilon(0.001));
        // Bottom-right: nothing lower, nothing further right in its band.
        for (const widgets::Target& t : rec.Targets) {
            if (&t == way || t.Id == "admin-corner")
                continue;
            CAPTURE(t.Id);
            CHECK(t.Min.y <= way->Max.y);
            if (t.Max.y > way->Min.y)
                CHECK(t.Max.x <= way->Max.x + 0.5f);
        }
        CHECK(way->Max.y > ui.Display.y * 0.8f);
        CHECK(way->Max.x > ui.Display.x * 0.8f);
    }
    if (const widgets::Target* skip = widgets::FindTarget(rec, "skip")) {
        CHECK(skip->Kind == int(widgets::ButtonKind::Quiet));
        if (nav->Seen)
            CHECK_FALSE(Overlap(skip->Min, skip->Max, nav->Min, nav->Max, 0));
    }
    const widgets::Target* stop = widgets::FindTarget(rec, "stop");
    if (!stop)
        stop = widgets::FindTarget(rec, "zone-back"); // a zone's first screen: back to the poster
    if (stop) {
        CHECK(stop->Min.x < ui.Display.x * 0.2f);
        CHECK(stop->Max.y > ui.Display.y * 0.8f);
        if (nav->Seen)
            CHECK(stop->Min.y == doctest::Approx(nav->Min.y).epsilon(0.001));
    }
    if (const widgets::Target* back = widgets::FindTarget(rec, "back")) {
        REQUIRE(stop);
        CHECK(back->Min.y == doctest::Approx(stop->Min.y).epsilon(0.001));
        CHECK(back->Min.x > stop->Max.x);
        if (nav->Seen)
            CHECK(back->Max.x < nav->Min.x);
    }
}

// One size and one weight per role on a screen; the question never smaller than its
// options. Returns each checked role's size for the A+ comparison.
std::map<TextRole, float> CheckTypeScale(const widgets::FrameRecord& rec) {
    std::map<TextRole, const widgets::TextBox*> first;
    std::map<TextRole, float> sizes;
    for (const widgets::TextBox& b : rec.TextBoxes) {
        if (b.Role == TextRole::Other)
            continue;
        const std::string role = widgets::RoleName(b.Role);
        CAPTURE(role);
        CAPTURE(b.Text);
        auto [it, fresh] = first.emplace(b.Role, &b);
        if (fresh) {
            sizes[b.Role] = b.Size;
            continue;
        }
        CAPTURE(it->second->Text);
        CHECK(b.Size == doctest::Approx(it->second->Size).epsilon(0.001));
        CHECK(b.Bold == it->second->Bold);
    }
    // The weights: bold for titles, questions and every button's words; hints regular.
    for (const auto& [role, box] : first) {
        const std::string name = widgets::RoleName(role);
        CAPTURE(name);
        CHECK(box->Bold == (role != TextRole::Hint && role != TextRole::Body));
    }
    if (sizes.count(TextRole::Question) && sizes.count(TextRole::Option))
        CHECK(sizes[TextRole::Question] >= sizes[TextRole::Option] - 0.01f);
    return sizes;
}

// Honest charts (issue 15): every bar's track is 100 %, its filled part the share of its
// chart's total (never of the largest bar), and beside it the percentage and the count,
// with the unit where there is one. attract_share: the attract screen's one bar, whose
// total is the respondents (not drawn). unit: what every figure ends with ("munten").
void CheckBars(const HeadlessImGui& ui, const widgets::FrameRecord& rec, float attract_share, const std::string& unit) {
    std::map<int, long long> totals;
    std::map<int, int> sizes;
    auto parse = [](const std::string& text, long long* pct, long long* count) {
        return std::sscanf(text.c_str(), "%lld%% (%lld", pct, count) == 2;
    };
    for (const widgets::ChartBar& b : rec.Bars) {
        long long pct = -1, count = -1;
        CAPTURE(b.Text);
        REQUIRE(parse(b.Text, &pct, &count));
        totals[b.Chart] += count;
        sizes[b.Chart]++;
    }
    for (const widgets::ChartBar& b : rec.Bars) {
        CAPTURE(b.Text);
        long long pct = -1, count = -1;
        parse(b.Text, &pct, &count);
        const float track = b.Max.x - b.Min.x;
        REQUIRE(track > 0);
        const bool single = sizes[b.Chart] == 1 && attract_share >= 0;
        const double share = single ? attract_share : totals[b.Chart] > 0 ? double(count) / double(totals[b.Chart]) : 0.0;
        CHECK(b.Filled / track == doctest::Approx(share).epsilon(0.002));
        CHECK(b.Share == doctest::Approx(share).epsilon(0.002));
        CHECK(pct == std::llround(100.0 * share));
        if (!unit.empty())
            CHECK(b.Text.size() > unit.size() + 1);
        if (!unit.empty())
            CHECK(b.Text.compare(b.Text.size() - unit.size() - 1, unit.size(), unit) == 0);
        // The figure as drawn, beside its bar: after it in the reading direction, level with it.
        const widgets::TextBox* figure = nullptr; // the nearest of that text, level with the bar
        auto distance = [&](const widgets::TextBox& t) {
            return ui.Theme.Rtl ? std::fabs(t.Max.x - b.Min.x) : std::fabs(t.Min.x - b.Max.x);
        };
        for (const widgets::TextBox& t : rec.TextBoxes)
            if (t.Text == b.Text && t.Min.y < b.Max.y + (b.Max.y - b.Min.y) && t.Max.y > b.Min.y - (b.Max.y - b.Min.y) &&
                (!figure || distance(t) < distance(*figure)))
                figure = &t;
        REQUIRE(figure);
        const float beside = ui.Theme.Px(40);
        if (ui.Theme.Rtl)
            CHECK((figure->Max.x <= b.Min.x + 1.0f && figure->Max.x >= b.Min.x - beside));
        else
            CHECK((figure->Min.x >= b.Max.x - 1.0f && figure->Min.x <= b.Max.x + beside));
    }
}

// The attract screen's result in turn: its share of the respondents; -1 for other screens.
float AttractShare(const FlowState& s) {
    if (s.Screen != Screen::Attract || s.HighlightShown < 0 || s.HighlightShown >= int(s.Highlights.size()))
        return -1.0f;
    const Highlight& h = s.Highlights[size_t(s.HighlightShown)];
    return float(h.Count) / float(h.Respondents);
}

// The unit every bar's figure ends with: a budget's (its counts are amounts).
std::string ChartUnit(const FlowContext& ctx, const FlowState& s) {
    const content::Question* q = nullptr;
    if (s.Screen == Screen::Results && s.ChartIndex >= 0 && s.ChartIndex < int(s.Charts.size()))
        q = content::QuestionOfAnswer(*ctx.Pack, s.Charts[size_t(s.ChartIndex)].AnswerId);
    if (s.Screen == Screen::CampfireQuestion && s.Campfire.Editing == CampfireField::None)
        q = CampfireQuestion(ctx, s);
    if (!q || q->Type != content::QuestionType::Budget)
        return {};
    return content::Tr(q->Unit, s.Lang, ctx.Pack->Languages.front());
}

struct Screens {
    FlowContext Ctx, Pp;
    std::vector<std::pair<const FlowContext*, FlowState>> States;
};

// Every resident and facilitator screen of the bundled pack in one language, and the
// praatplaat test pack's (every question type, in Dutch).
std::vector<std::pair<const FlowContext*, FlowState>> StatesFor(const Screens& sc, const std::string& lang,
                                                                bool campfire) {
    std::vector<std::pair<const FlowContext*, FlowState>> out;
    auto add = [&](const FlowContext& ctx, const std::vector<FlowState>& states) {
        for (const FlowState& s : states)
            out.push_back({&ctx, s});
    };
    if (campfire) {
        add(sc.Ctx, CampfireScreens(*sc.Ctx.Pack, lang));
        return out;
    }
    add(sc.Ctx, screen_states::AllScreens(sc.Ctx, lang));
    add(sc.Ctx, screen_states::PraatplaatScreens(sc.Ctx, lang));
    // Thanks after a quick poll with an answer: the results button beside the way on.
    std::vector<Effect> fx;
    FlowState s = InitialState(sc.Ctx, lang, 0);
    s = Step(sc.Ctx, s, VisitAction{VisitKind::Start, "s"}, 0, &fx);
    s = Step(sc.Ctx, s, VisitAction{VisitKind::Answer, CurrentQuestion(sc.Ctx, s)->Options[0].Id}, 0, &fx);
    s = Step(sc.Ctx, s, VisitAction{VisitKind::Committed}, 0, &fx);
    while (s.Screen == Screen::Question)
        s = Step(sc.Ctx, s, VisitAction{VisitKind::Skip}, 0, &fx);
    out.push_back({&sc.Ctx, s});
    // The results of a budget (amounts, with their unit) after the thanks.
    FlowState results = Step(sc.Ctx, s, VisitAction{VisitKind::ShowResults}, 0, &fx);
    if (const content::Question* budget = sc.Ctx.Pack->FindQuestion("idee-munten")) {
        VisitAction charts{VisitKind::ResultsLoaded};
        charts.Charts.push_back({budget->Id, {}, 9});
        long long amount = 12;
        for (const content::Option& o : budget->Options)
            charts.Charts.back().Counts.push_back({o.Id, amount += 7});
        results = Step(sc.Ctx, results, charts, 0, &fx);
        out.push_back({&sc.Ctx, results});
    }
    // The attract screen with a result in turn: 25 of 40 chose it.
    {
        const content::Question* q = CurrentQuestion(sc.Ctx, Step(sc.Ctx, InitialState(sc.Ctx, lang, 0),
                                                                  VisitAction{VisitKind::Start, "s"}, 0, &fx));
        VisitAction highlights{VisitKind::HighlightsLoaded};
        highlights.Highlights = {{q->Id, q->Options[0].Id, 63, 40, 25}};
        FlowState attract = Step(sc.Ctx, InitialState(sc.Ctx, lang, 0), highlights, 0, &fx);
        for (int k = 0; k < 4 && attract.HighlightShown != 0; k++)
            attract = Step(sc.Ctx, attract, CommonAction{CommonKind::Tick}, 1000.0 * (k + 1), &fx);
        REQUIRE(attract.HighlightShown == 0);
        out.push_back({&sc.Ctx, attract});
    }
    // The attract screen with an update in turn and the news button; the news screen.
    VisitAction loaded{VisitKind::HighlightsLoaded};
    loaded.News = {{"00000001", "", "Nieuwe bankjes bij de vijver", "De gemeente zet ze in maart neer.", "2026-12-04", ""},
                   {"00000002", "", "Meer bomen in de Parkstraat", "Het gebiedsteam plant ze in april.", "2026-12-01", ""}};
    FlowState news = Step(sc.Ctx, InitialState(sc.Ctx, lang, 0), loaded, 0, &fx);
    for (int k = 0; k < 4 && news.HighlightShown < int(news.Highlights.size()); k++)
        news = Step(sc.Ctx, news, CommonAction{CommonKind::Tick}, 1000.0 * (k + 1), &fx);
    out.push_back({&sc.Ctx, news});
    out.push_back({&sc.Ctx, Step(sc.Ctx, news, VisitAction{VisitKind::OpenNews}, 0, &fx)});
        screen_states::AdminScreens admin;
    out.push_back({&sc.Ctx, admin.Pin(lang, 4)});
    out.push_back({&sc.Ctx, admin.Admin(lang)});
    if (lang == "nl")
        add(sc.Pp, screen_states::PraatplaatScreens(sc.Pp));
    return out;
}

// Draws every screen at every shape, normal then A+, and runs every check; with A+ each
// role is at least as large as without, titles and questions larger. No screen is
// excused: A+ grows the texts as far as there is room (the attract screen, a question
// over a matrix, a budget or the keyboard on a 600 px high screen).
void CheckAllShapes(bool campfire) {
    Screens sc;
    sc.Ctx.Pack = &BundledPack();
    sc.Pp.Pack = &PraatplaatPack();
    const widgets::GlyphSet glyphs = widgets::GlyphsFor(content::AllTexts(*sc.Ctx.Pack));
    // The states once per language (driving the flow to them costs more than drawing them).
    std::map<std::string, std::vector<std::pair<const FlowContext*, FlowState>>> all;
    for (const std::string& lang : sc.Ctx.Pack->Languages)
        all[lang] = StatesFor(sc, lang, campfire);
    for (const Shape& shape : kShapes) {
        const std::string shape_name = shape.Name;
        CAPTURE(shape_name);
        std::map<std::pair<std::string, size_t>, std::map<TextRole, float>> normal; // (lang, screen) -> sizes
        for (bool large : {false, true}) {
            CAPTURE(large);
            HeadlessImGui ui(shape.Display, shape.Dpi / 25.4f, large, false, &glyphs);
            NavCheck nav;
            for (const std::string& lang : sc.Ctx.Pack->Languages) {
                CAPTURE(lang);
                const auto& states = all[lang];
                for (size_t i = 0; i < states.size(); i++) {
                    const auto& [ctx, s] = states[i];
                    const std::string screen = ScreenName(s.Screen);
                    CAPTURE(screen);
                    CAPTURE(s.QuestionIndex);
                    CAPTURE(i);
                    const widgets::FrameRecord rec = Draw(ui, *ctx, s);
                    CHECK_FALSE(rec.Targets.empty());
                    CheckTargets(ui, rec);
                    CheckWords(ui, rec);
                    CheckBars(ui, rec, AttractShare(s), ChartUnit(*ctx, s));
                    if (!campfire)
                        CheckNavigation(ui, rec, &nav);
                    std::map<TextRole, float> sizes = CheckTypeScale(rec);
                    if (!large) {
                        normal[{lang, i}] = sizes;
                        continue;
                    }
                    for (const auto& [role, size] : normal[{lang, i}]) {
                        if (!sizes.count(role))
                            continue;
                        const std::string name = widgets::RoleName(role);
                        CAPTURE(name);
                        // Running text grows; a button's words grow as far as their box lets them
                        // (the box may be a little lower with A+, as the texts above it grew: down
                        // to 85 % of the size without A+ on a 1280x800 screen in Polish).
                        if (role == TextRole::Title || role == TextRole::Question || role == TextRole::Body ||
                            role == TextRole::Hint)
                            CHECK(sizes[role] > size);
                        else
                            CHECK(sizes[role] >= 0.85f * size - 0.2f); // a row's size is found to 0.1 px
                    }
                }
            }
            if (!campfire)
                CHECK(nav.Seen);
        }
    }
}

} // namespace

TEST_CASE("every resident and facilitator screen at five shapes, normal and A+, every language: "
          "targets, words, navigation and type scale as drawn") {
    CheckAllShapes(false);
}

// The facilitator's campfire screens (kiosk/screen_campfire.cpp), every state of
// tests/campfire_states.hpp, with no exception.
TEST_CASE("the campfire screens at five shapes, normal and A+, every language: targets and words") {
    CheckAllShapes(true);
}

TEST_CASE("a row of buttons shrinks alike, in one weight") {
    HeadlessImGui ui;
    const std::vector<std::string> labels = {"Ja", "Helemaal mee oneens en nog veel meer woorden dan dit"};
    const float size = widgets::ButtonFontSize(ui.Theme, labels, ImVec2(200, 90));
    CHECK(size < ui.Theme.Button->FontSize);
    CHECK(widgets::ButtonFontSize(ui.Theme, {"Ja"}, ImVec2(200, 90)) == ui.Theme.Button->FontSize);
    ui.Frame(ImVec2(-FLT_MAX, -FLT_MAX), false, [&] {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ui.Display);
        ImGui::Begin("row");
        widgets::TouchButton(ui.Theme, "a", labels[0], ImVec2(100, 100), ImVec2(200, 90), widgets::ButtonKind::Card,
                             widgets::Pictogram::None, false, {}, size);
        widgets::TouchButton(ui.Theme, "b", labels[1], ImVec2(400, 100), ImVec2(200, 90), widgets::ButtonKind::Card,
                             widgets::Pictogram::None, false, {}, size);
        // Alone, a long label shrinks too, but keeps the bold face.
        widgets::TouchButton(ui.Theme, "c", labels[1], ImVec2(700, 100), ImVec2(200, 90), widgets::ButtonKind::Card);
        ImGui::End();
    });
    const widgets::FrameRecord& rec = widgets::Record();
    REQUIRE(rec.TextBoxes.size() == 3);
    CHECK(rec.TextBoxes[0].Size == doctest::Approx(rec.TextBoxes[1].Size));
    for (const widgets::TextBox& b : rec.TextBoxes)
        CHECK(b.Bold);
    CHECK(rec.TextBoxes[2].Size == doctest::Approx(size));
}
