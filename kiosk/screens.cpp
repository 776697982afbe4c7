// [SECTION] helpers
// [SECTION] attract
// [SECTION] question
// [SECTION] thanks, still there, error
// [SECTION] entry point
#include "kiosk/screens.hpp"
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

struct Layout {
    const widgets::Theme& T;
    ImVec2 Display;
    float Cx() const { return Display.x * 0.5f; }
    float Px(float v) const { return T.Px(v); }
    // A box of design size w x h, centred horizontally, at design y.
    ImVec2 Centered(float w, float y) const { return ImVec2(Cx() - Px(w) * 0.5f, Px(y)); }
};

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

//-----------------------------------------------------------------------------
// [SECTION] attract
//-----------------------------------------------------------------------------

void DrawAttract(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    float width = L.Display.x - L.Px(160);
    TextBlock(t, t.Title, U(ctx, s, "attract.title"), L.Px(80), L.Px(200), width, t.Text);
    TextBlock(t, t.Body, U(ctx, s, "attract.subtitle"), L.Px(80), L.Px(360), width, t.TextMuted);

    if (TouchButton(t, "start", U(ctx, s, "attract.start"), L.Centered(1000, 500), ImVec2(L.Px(1000), L.Px(220)),
                    ButtonKind::Primary))
        out->push_back({ActionKind::Start, {}});

    // The language buttons, each in its own language.
    const auto& langs = ctx.Flow->Pack->Languages;
    if (langs.size() < 2)
        return;
    float bw = 340, gap = 40;
    float row = float(langs.size()) * bw + float(langs.size() - 1) * gap;
    float x = L.Cx() - L.Px(row) * 0.5f;
    for (const std::string& lang : langs) {
        const std::string& name = content::Ui(*ctx.Flow->Pack, "language.name", lang);
        ButtonKind kind = lang == s.Lang ? ButtonKind::Primary : ButtonKind::Card;
        if (TouchButton(t, "lang-" + lang, name, ImVec2(x, L.Px(860)), ImVec2(L.Px(bw), L.Px(120)), kind))
            out->push_back({ActionKind::SetLanguage, lang});
        x += L.Px(bw + gap);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] question
//-----------------------------------------------------------------------------

void DrawQuestion(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const content::Poll* poll = CurrentPoll(*ctx.Flow, s);
    const content::Question* q = CurrentQuestion(*ctx.Flow, s);
    if (!poll || !q)
        return;

    std::string progress = FillTemplate(U(ctx, s, "question.progress"), "n", std::to_string(s.QuestionIndex + 1));
    progress = FillTemplate(progress, "total", std::to_string(poll->Questions.size()));
    float width = L.Display.x - L.Px(200);
    TextBlock(t, t.Small, progress, L.Px(100), L.Px(50), width, t.TextMuted);
    float prompt_h = TextBlock(t, t.Title, Tr(ctx, s, q->Prompt), L.Px(100), L.Px(130), width, t.Text);
    // Answers start under the prompt, however many lines it took (large text, long languages).
    float top = std::max(L.Px(380), L.Px(130) + prompt_h + L.Px(40));

    const size_t n = q->Options.size();
    const bool pictures = q->Type != content::QuestionType::Single;
    if (pictures) {
        // One row of big cards: the picture on top, the word below.
        float gap = n >= 5 ? 30 : 60;
        float cw = std::min(420.0f, (1760.0f - gap * float(n - 1)) / float(n));
        float row = cw * float(n) + gap * float(n - 1);
        float x = L.Cx() - L.Px(row) * 0.5f;
        for (size_t i = 0; i < n; i++) {
            const content::Option& o = q->Options[i];
            if (TouchButton(t, q->Id + "." + o.Id, Tr(ctx, s, o.Label), ImVec2(x, top + L.Px(20)),
                            ImVec2(L.Px(cw), L.Px(420)), ButtonKind::Card, OptionPictogram(q->Type, i)))
                out->push_back({ActionKind::Answer, o.Id});
            x += L.Px(cw + gap);
        }
    } else {
        // Words only: one column for up to three options, else two.
        size_t cols = n <= 3 ? 1 : 2;
        size_t rows = (n + cols - 1) / cols;
        float gap = 28;
        float cw = cols == 1 ? 1100 : 780;
        float ch = std::min(150.0f, (480.0f - gap * float(rows - 1)) / float(rows));
        float row = cw * float(cols) + gap * float(cols - 1);
        for (size_t i = 0; i < n; i++) {
            const content::Option& o = q->Options[i];
            float x = L.Cx() - L.Px(row) * 0.5f + L.Px((cw + gap) * float(i % cols));
            float y = top + L.Px((ch + gap) * float(i / cols));
            if (TouchButton(t, q->Id + "." + o.Id, Tr(ctx, s, o.Label), ImVec2(x, y), ImVec2(L.Px(cw), L.Px(ch)),
                            ButtonKind::Card))
                out->push_back({ActionKind::Answer, o.Id});
        }
    }

    if (TouchButton(t, "stop", U(ctx, s, "question.stop"), ImVec2(L.Px(80), L.Px(920)), ImVec2(L.Px(320), L.Px(110)),
                    ButtonKind::Quiet))
        out->push_back({ActionKind::Stop, {}});
    if (TouchButton(t, "skip", U(ctx, s, "question.skip"), ImVec2(L.Display.x - L.Px(80 + 320), L.Px(920)),
                    ImVec2(L.Px(320), L.Px(110)), ButtonKind::Quiet))
        out->push_back({ActionKind::Skip, {}});
}

//-----------------------------------------------------------------------------
// [SECTION] thanks, still there, error
//-----------------------------------------------------------------------------

void DrawMessage(const ScreenContext& ctx, const Layout& L, const std::string& title, ImU32 title_color,
                 const std::string& body, const char* button_id, const std::string& button, ActionKind action,
                 std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    float width = L.Display.x - L.Px(240);
    float y = L.Px(220);
    y += TextBlock(t, t.Title, title, L.Px(120), y, width, title_color) + L.Px(40);
    y += TextBlock(t, t.Body, body, L.Px(120), y, width, t.TextMuted) + L.Px(80);
    if (TouchButton(t, button_id, button, ImVec2(L.Cx() - L.Px(450), std::max(y, L.Px(560))),
                    ImVec2(L.Px(900), L.Px(200)), ButtonKind::Primary))
        out->push_back({action, {}});
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
        out->push_back({ActionKind::Input, {}});

    switch (s.Screen) {
    case Screen::Attract: DrawAttract(ctx, s, L, out); break;
    case Screen::Question: DrawQuestion(ctx, s, L, out); break;
    case Screen::Thanks:
        DrawMessage(ctx, L, U(ctx, s, "thanks.title"), t.Text, U(ctx, s, "thanks.body"), "done",
                    U(ctx, s, "thanks.done"), ActionKind::Done, out);
        break;
    case Screen::StillThere: {
        int seconds = int(std::ceil(StillThereSecondsLeft(*ctx.Flow, s, ctx.Now)));
        DrawMessage(ctx, L, U(ctx, s, "still_there.title"), t.Text,
                    FillTemplate(U(ctx, s, "still_there.body"), "seconds", std::to_string(seconds)), "continue",
                    U(ctx, s, "still_there.continue"), ActionKind::Continue, out);
        break;
    }
    case Screen::Error:
        DrawMessage(ctx, L, U(ctx, s, "error.title"), t.Warning, U(ctx, s, "error.body"), "done",
                    U(ctx, s, "error.done"), ActionKind::Done, out);
        break;
    }
    ImGui::End();
}

} // namespace kiosk
