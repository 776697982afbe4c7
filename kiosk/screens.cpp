// [SECTION] helpers
// [SECTION] attract
// [SECTION] thanks, still there, error
// [SECTION] corner buttons: A+ and contrast, on every screen
// [SECTION] entry point
#include "kiosk/screens.hpp"
#include "kiosk/screen_admin.hpp"
#include "kiosk/screen_campfire.hpp"
#include "kiosk/screen_news.hpp"
#include "kiosk/screen_parts.hpp"
#include "widgets/registry.hpp"
#include "widgets/touch.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace kiosk {

using widgets::ButtonKind;
using widgets::Pictogram;
using widgets::TextBlock;
using widgets::TouchButton;

//-----------------------------------------------------------------------------
// [SECTION] helpers
//-----------------------------------------------------------------------------

std::string FillTemplate(std::string text, std::string_view key, const std::string& value) {
    std::string token = "{" + std::string(key) + "}";
    for (size_t at = text.find(token); at != std::string::npos; at = text.find(token, at + value.size()))
        text.replace(at, token.size(), value);
    return text;
}

namespace {

} // namespace

const std::string& U(const ScreenContext& ctx, const FlowState& s, const char* key) {
    return content::Ui(*ctx.Flow->Pack, key, s.Lang);
}

const std::string& Tr(const ScreenContext& ctx, const FlowState& s, const content::Text& text) {
    return content::Tr(text, s.Lang, ctx.Flow->Pack->Languages.front());
}

Pictogram OptionPictogram(content::QuestionType type, size_t index) {
    using QT = content::QuestionType;
    if (type == QT::Smiley && index < 5)
        return Pictogram(int(Pictogram::Smiley1) + int(index));
    if (type == QT::YesNo) {
        const Pictogram yes_no[] = {Pictogram::Yes, Pictogram::No, Pictogram::DontKnow};
        return index < 3 ? yes_no[index] : Pictogram::None;
    }
    return Pictogram::None;
}

Pictogram ArchetypePictogram(size_t index) {
    const Pictogram p[] = {Pictogram::Adviseren, Pictogram::Aanjagen, Pictogram::Verdelen};
    return index < 3 ? p[index] : Pictogram::None;
}

namespace {

//-----------------------------------------------------------------------------
// [SECTION] attract
//-----------------------------------------------------------------------------

// "Zo antwoordde de wijk tot nu toe: 62% koos ..." with a bar; returns its height.
float DrawHighlight(const ScreenContext& ctx, const FlowState& s, const Layout& L, const Highlight& h, float y) {
    const widgets::Theme& t = *ctx.Theme;
    const content::Question* q = ctx.Flow->Pack->FindQuestion(h.QuestionId);
    if (!q)
        return 0;
    std::string option;
    for (const content::Option& o : q->Options)
        if (o.Id == h.OptionId)
            option = Tr(ctx, s, o.Label);
    std::string line = FillTemplate(U(ctx, s, "attract.result"), "percent", std::to_string(h.Percent));
    line = FillTemplate(line, "option", option);
    line = FillTemplate(line, "question", Tr(ctx, s, q->Prompt));
    const float width = L.Display.x - L.Px(160), top = y;
    y += TextBlock(t, t.Body, line, L.Px(80), y, width, t.Text) + L.Px(12);
    // The share as a bar: a frame for the whole wijk, filled for those who chose it.
    const float bar_w = L.Px(900), bar_h = L.Px(24), x = L.Cx() - bar_w * 0.5f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float fill = bar_w * float(h.Percent) / 100.0f, fill_x = t.X(x, fill); // from the right in Arabic
    dl->AddRectFilled(ImVec2(fill_x, y), ImVec2(fill_x + fill, y + bar_h), t.Primary, L.Px(6));
    dl->AddRect(ImVec2(x, y), ImVec2(x + bar_w, y + bar_h), t.CardBorder, L.Px(6), 0, std::max(1.0f, L.Px(2)));
    return y + bar_h - top;
}

void DrawAttract(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    float width = L.Display.x - L.Px(160);
    // Each text under the one before, however many lines large text makes of it.
    float y = L.Px(200);
    y += TextBlock(t, t.Title, U(ctx, s, "attract.title"), L.Px(80), y, width, t.Text) + L.Px(40);
    y = std::max(y, L.Px(360));
    if (s.HighlightShown >= 0 && s.HighlightShown < int(s.Highlights.size()))
        y += DrawHighlight(ctx, s, L, s.Highlights[size_t(s.HighlightShown)], y);
    else if (s.HighlightShown >= int(s.Highlights.size()) && s.HighlightShown < AttractItems(s)) // an update
        y += DrawAttractNews(ctx, s, L, s.News[size_t(s.HighlightShown) - s.Highlights.size()], y);
    else
        y += TextBlock(t, t.Body, U(ctx, s, "attract.subtitle"), L.Px(80), y, width, t.TextMuted);
    // Under the texts, over the language row, clear of the hidden admin corner (bottom-left).
    const float buttons_y = std::min(std::max(L.Px(500), y + L.Px(40)), L.Px(570));

    if (ctx.Flow->Pack->HasPraatplaat()) {
        // Two ways in: the one-minute poll, or the praatplaat.
        if (TouchButton(t, "start", U(ctx, s, "attract.start"), ImVec2(L.Cx() - L.Px(880), buttons_y),
                        ImVec2(L.Px(840), L.Px(200)), ButtonKind::Primary))
            out->push_back(VisitAction{VisitKind::Start});
        if (TouchButton(t, "praatplaat", U(ctx, s, "attract.praatplaat"), ImVec2(L.Cx() + L.Px(40), buttons_y),
                        ImVec2(L.Px(840), L.Px(200)), ButtonKind::Primary))
            out->push_back(VisitAction{VisitKind::StartPraatplaat});
    } else if (TouchButton(t, "start", U(ctx, s, "attract.start"), L.Centered(1000, 500),
                           ImVec2(L.Px(1000), L.Px(220)), ButtonKind::Primary)) {
        out->push_back(VisitAction{VisitKind::Start});
    }

    // The language buttons, each in its own language (never a flag: a language is not a
    // country): one row for up to three, else rows of three (four from seven on), in the
    // band under the start buttons and clear of the hidden admin corner (bottom-left).
    const auto& langs = ctx.Flow->Pack->Languages;
    if (langs.size() < 2)
        return;
    const size_t per_row = langs.size() <= 3 ? langs.size() : langs.size() <= 6 ? 3 : 4;
    const size_t rows = (langs.size() + per_row - 1) / per_row;
    const float gap = 30, bw = per_row <= 3 ? 500 : 380;
    const float bh = rows == 1 ? 120 : std::min(85.0f, (1000.0f - 795.0f - 24.0f * float(rows - 1)) / float(rows));
    for (size_t i = 0; i < langs.size(); i++) {
        const size_t row = i / per_row, col = i % per_row;
        const size_t in_row = std::min(per_row, langs.size() - row * per_row);
        const float row_w = float(in_row) * bw + float(in_row - 1) * gap;
        const float x = L.Cx() - L.Px(row_w) * 0.5f + L.Px(float(col) * (bw + gap));
        const float row_gap = std::max(24.0f, (t.MinSpacingPx() + 1.0f) / t.Scale);
        const float y = rows == 1 ? 830 : 795 + float(row) * (bh + row_gap);
        const std::string& lang = langs[i];
        const std::string& name = content::Ui(*ctx.Flow->Pack, "language.name", lang);
        ButtonKind kind = lang == s.Lang ? ButtonKind::Primary : ButtonKind::Card;
        if (TouchButton(t, "lang-" + lang, name, ImVec2(x, L.Px(y)), ImVec2(L.Px(bw), L.Px(bh)), kind,
                        Pictogram::None, lang == s.Lang))
            out->push_back(VisitAction{VisitKind::SetLanguage, lang});
    }
}



//-----------------------------------------------------------------------------
// [SECTION] thanks, still there, error
//-----------------------------------------------------------------------------

void DrawMessage(const ScreenContext& ctx, const Layout& L, const std::string& title, ImU32 title_color,
                 const std::string& body, const char* button_id, const std::string& button, VisitKind action,
                 std::vector<Action>* out, const std::string& second = {}, VisitKind second_action = {}) {
    const widgets::Theme& t = *ctx.Theme;
    float width = L.Display.x - L.Px(240);
    float y = L.Px(220);
    y += TextBlock(t, t.Title, title, L.Px(120), y, width, title_color) + L.Px(40);
    y += TextBlock(t, t.Body, body, L.Px(120), y, width, t.TextMuted) + L.Px(80);
    y = std::max(y, L.Px(560));
    if (second.empty()) {
        if (TouchButton(t, button_id, button, ImVec2(L.Cx() - L.Px(450), y), ImVec2(L.Px(900), L.Px(200)),
                        ButtonKind::Primary))
            out->push_back(VisitAction{action});
        return;
    }
    if (TouchButton(t, button_id, button, ImVec2(L.Cx() - L.Px(820), y), ImVec2(L.Px(780), L.Px(200)),
                    ButtonKind::Primary))
        out->push_back(VisitAction{action});
    if (TouchButton(t, "results", second, ImVec2(L.Cx() + L.Px(40), y), ImVec2(L.Px(780), L.Px(200)),
                    ButtonKind::Card))
        out->push_back(VisitAction{second_action});
}

//-----------------------------------------------------------------------------
// [SECTION] corner buttons: A+ and contrast, on every screen
//-----------------------------------------------------------------------------

// Top right, small but never under 11.5 mm; the top-left corner is for reading aloud.
void DrawCornerButtons(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const float w = L.Px(250), h = L.Px(84), gap = std::max(L.Px(16), t.MinSpacingPx() + 1), top = L.Px(14);
    const float right = L.Display.x - L.Px(20);
    if (TouchButton(t, "larger-text", U(ctx, s, s.LargeText ? "corner.smaller" : "corner.larger"),
                    ImVec2(right - 2 * w - gap, top), ImVec2(w, h), ButtonKind::Quiet))
        out->push_back(CommonAction{CommonKind::ToggleLargeText});
    if (TouchButton(t, "contrast", U(ctx, s, "corner.contrast"), ImVec2(right - w, top), ImVec2(w, h), ButtonKind::Quiet,
                    Pictogram::None, s.HighContrast))
        out->push_back(CommonAction{CommonKind::ToggleContrast});
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] entry point
//-----------------------------------------------------------------------------

void DrawScreen(const ScreenContext& ctx, const FlowState& s, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    Layout L{t, ctx.Display};

    // One full-screen window without background: the clear colour is the background
    // (FACTS.md: half the frame time on llvmpipe).
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ctx.Display);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse;
    ImGui::Begin("##kiosk", nullptr, flags);
    if (ImGui::IsMouseClicked(0))
        out->push_back(CommonAction{CommonKind::Input});

    switch (s.Screen) {
    case Screen::Attract:
        DrawAttract(ctx, s, L, out);
        DrawAttractCorner(ctx, s, L, out); // the hidden admin corner, "one moment" between visits
        DrawNewsButton(ctx, s, L, out);    // kiosk/screen_news.cpp
        break;
    case Screen::News: DrawNews(ctx, s, L, out); break;
    case Screen::Intro: DrawIntro(ctx, s, L, out); break;
    case Screen::Poster: DrawPoster(ctx, s, L, out); break;
    case Screen::Zone: DrawZone(ctx, s, L, out); break;
    case Screen::Question: DrawQuestion(ctx, s, L, out); break;
    case Screen::Results: DrawResults(ctx, s, L, out); break;
    case Screen::Outcome:
        DrawOutcome(ctx, s, L, out);
        DrawNextSteps(ctx, s, L, 0); // what happens next (kiosk/screen_news.cpp)
        break;
    case Screen::Thanks:
        // After a quick poll a resident may look at the results (transparency).
        DrawMessage(ctx, L, U(ctx, s, "thanks.title"), t.Text, U(ctx, s, "thanks.body"), "done",
                    U(ctx, s, "thanks.done"), VisitKind::Done, out,
                    s.Praatplaat || s.Answered == 0 ? std::string() : U(ctx, s, "thanks.results"),
                    VisitKind::ShowResults);
        DrawNextSteps(ctx, s, L, L.Px(800)); // under the buttons (kiosk/screen_news.cpp)
        break;
    case Screen::StillThere: {
        int seconds = int(std::ceil(StillThereSecondsLeft(*ctx.Flow, s, ctx.Now)));
        DrawMessage(ctx, L, U(ctx, s, "still_there.title"), t.Text,
                    FillTemplate(U(ctx, s, "still_there.body"), "seconds", std::to_string(seconds)), "continue",
                    U(ctx, s, "still_there.continue"), VisitKind::Continue, out);
        break;
    }
    case Screen::Error:
        DrawMessage(ctx, L, U(ctx, s, "error.title"), t.Warning, U(ctx, s, "error.body"), "done",
                    U(ctx, s, "error.done"), VisitKind::Done, out);
        break;
    case Screen::Pin: DrawPin(ctx, s, L, out); break;     // kiosk/screen_admin.cpp
    case Screen::Admin: DrawAdmin(ctx, s, L, out); break;
    case Screen::CampfireSetup: // a campfire meeting: kiosk/screen_campfire.cpp
    case Screen::CampfirePick:
    case Screen::CampfireQuestion:
    case Screen::CampfireAgreements:
    case Screen::CampfireAgreement:
    case Screen::CampfireSummary: DrawCampfire(ctx, s, L, out); break;
    case Screen::CampfirePrevious: DrawCampfire(ctx, s, L, out); break;
    }
    DrawCornerButtons(ctx, s, L, out);
    DrawSpeechCorner(ctx, s, L, out); // "lees voor", on every screen
    ImGui::End();
}

} // namespace kiosk
