// The question screen, for every question type. Answers of one tap (single choice,
// scales) commit at once; multiple, top, budget and matrix build a draft first and
// commit with "Verder".
#include "kiosk/screen_parts.hpp"
#include "widgets/registry.hpp"
#include "widgets/touch.hpp"

#include <algorithm>
#include <string>

namespace kiosk {

using content::QuestionType;
using widgets::ButtonKind;
using widgets::Pictogram;
using widgets::TextBlock;
using widgets::TouchButton;

namespace {

constexpr float kAreaBottom = 890; // design px: answers end here, the bottom bar starts under it

// After "Terug" a one-tap question shows the answer given as chosen (the draft holds it).
bool IsChosen(const FlowState& s, const std::string& option_id) {
    return std::find(s.Draft.Chosen.begin(), s.Draft.Chosen.end(), option_id) != s.Draft.Chosen.end();
}

// One row of big cards, a picture on top and the word below (scales).
void DrawScaleRow(const ScreenContext& ctx, const FlowState& s, const Layout& L, const content::Question& q,
                  float top, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const size_t n = q.Options.size();
    const bool pictures = q.Type != QuestionType::Agree;
    float gap = n >= 5 ? 30 : 60;
    float cw = std::min(420.0f, (1760.0f - gap * float(n - 1)) / float(n));
    float ch = std::min(pictures ? 420.0f : 260.0f, kAreaBottom - top / t.Scale - 20);
    float row = cw * float(n) + gap * float(n - 1);
    float x = L.Cx() - L.Px(row) * 0.5f;
    for (size_t i = 0; i < n; i++) {
        const content::Option& o = q.Options[i];
        if (TouchButton(t, q.Id + "." + o.Id, Tr(ctx, s, o.Label), ImVec2(x, top + L.Px(20)), ImVec2(L.Px(cw), L.Px(ch)),
                        ButtonKind::Card, OptionPictogram(q.Type, i), IsChosen(s, o.Id)))
            out->push_back(VisitAction{VisitKind::Answer, o.Id});
        x += L.Px(cw + gap);
    }
}

// Words only, in one column for up to three options, else two. Single choice answers
// at once; multiple and top toggle (top shows the rank).
void DrawChoiceGrid(const ScreenContext& ctx, const FlowState& s, const Layout& L, const content::Question& q,
                    float top, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const size_t n = q.Options.size();
    size_t cols = n <= 3 ? 1 : 2;
    size_t rows = (n + cols - 1) / cols;
    float gap = 28;
    float cw = cols == 1 ? 1100 : 780;
    float avail = kAreaBottom - top / t.Scale;
    float ch = std::min(150.0f, (avail - gap * float(rows - 1)) / float(rows));
    float row = cw * float(cols) + gap * float(cols - 1);
    const bool toggles = q.Type != QuestionType::Single;
    for (size_t i = 0; i < n; i++) {
        const content::Option& o = q.Options[i];
        float x = L.Cx() - L.Px(row) * 0.5f + L.Px((cw + gap) * float(i % cols));
        float y = top + L.Px((ch + gap) * float(i / cols));
        auto chosen = std::find(s.Draft.Chosen.begin(), s.Draft.Chosen.end(), o.Id);
        bool selected = chosen != s.Draft.Chosen.end();
        std::string badge = selected && q.Type == QuestionType::Top
                                ? std::to_string(chosen - s.Draft.Chosen.begin() + 1)
                                : std::string();
        if (TouchButton(t, q.Id + "." + o.Id, Tr(ctx, s, o.Label), ImVec2(x, y), ImVec2(L.Px(cw), L.Px(ch)),
                        ButtonKind::Card, Pictogram::None, selected && q.Type != QuestionType::Top, badge))
            out->push_back(VisitAction{toggles ? VisitKind::Toggle : VisitKind::Answer, o.Id});
    }
}

// Divide the budget: per option a minus, the amount and a plus; what is left stays in view.
void DrawBudget(const ScreenContext& ctx, const FlowState& s, const Layout& L, const content::Question& q, float top,
                std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const std::string& unit = Tr(ctx, s, q.Unit);
    std::string left = FillTemplate(U(ctx, s, "question.left"), "left", std::to_string(BudgetLeft(q, s.Draft)));
    left = FillTemplate(left, "unit", unit);
    top += TextBlock(t, t.Button, left, 0, top, L.Display.x, t.Text) + L.Px(20);

    const size_t n = q.Options.size();
    float gap = 24; // 2.5 mm apart even on a small high-DPI screen
    float avail = kAreaBottom - top / t.Scale;
    float rh = std::min(110.0f, (avail - gap * float(n - 1)) / float(n));
    float x0 = L.Cx() - L.Px(800);
    for (size_t i = 0; i < n; i++) {
        const content::Option& o = q.Options[i];
        float y = top + L.Px((rh + gap) * float(i));
        float mid = y + L.Px(rh) * 0.5f;
        const std::string& label = Tr(ctx, s, o.Label);
        widgets::TextInBox(t, t.Button, label, ImVec2(x0, y), ImVec2(x0 + L.Px(800), y + L.Px(rh)), t.Text);
        auto it = s.Draft.Amounts.find(o.Id);
        std::string amount = std::to_string(it == s.Draft.Amounts.end() ? 0 : it->second) + " " + unit;
        if (TouchButton(t, q.Id + "." + o.Id + ".min", "-", ImVec2(x0 + L.Px(820), y), ImVec2(L.Px(150), L.Px(rh)),
                        ButtonKind::Card))
            out->push_back(VisitAction{VisitKind::Decrease, o.Id});
        TextBlock(t, t.Button, amount, x0 + L.Px(990), mid - t.Button->FontSize * 0.6f, L.Px(420), t.Text);
        if (TouchButton(t, q.Id + "." + o.Id + ".plus", "+", ImVec2(x0 + L.Px(1430), y), ImVec2(L.Px(150), L.Px(rh)),
                        ButtonKind::Card))
            out->push_back(VisitAction{VisitKind::Increase, o.Id});
    }
}

// Who decides: a row per topic, a button per column (gemeente, samen, wijk).
void DrawMatrix(const ScreenContext& ctx, const FlowState& s, const Layout& L, const content::Question& q, float top,
                std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const size_t rows = q.Rows.size(), cols = q.Options.size();
    const float label_w = 520, gap = 24, cw = (1760 - label_w - gap * float(cols)) / float(cols);
    const float x0 = L.Cx() - L.Px(880);
    float avail = kAreaBottom - top / t.Scale;
    float rh = std::min(110.0f, (avail - gap * float(rows - 1)) / float(rows));
    for (size_t r = 0; r < rows; r++) {
        const content::Option& row = q.Rows[r];
        float y = top + L.Px((rh + gap) * float(r));
        const std::string& label = Tr(ctx, s, row.Label);
        widgets::TextInBox(t, t.Button, label, ImVec2(x0, y), ImVec2(x0 + L.Px(label_w), y + L.Px(rh)), t.Text);
        auto cell = s.Draft.Cells.find(row.Id);
        for (size_t c = 0; c < cols; c++) {
            const content::Option& col = q.Options[c];
            bool selected = cell != s.Draft.Cells.end() && cell->second == col.Id;
            if (TouchButton(t, q.Id + "." + row.Id + "." + col.Id, Tr(ctx, s, col.Label),
                            ImVec2(x0 + L.Px(label_w + gap + (cw + gap) * float(c)), y), ImVec2(L.Px(cw), L.Px(rh)),
                            ButtonKind::Card, Pictogram::None, selected))
                out->push_back(VisitAction{VisitKind::SetCell, row.Id + "=" + col.Id});
        }
    }
}

} // namespace

void DrawQuestion(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const content::Poll* poll = CurrentPoll(*ctx.Flow, s);
    const content::Question* q = CurrentQuestion(*ctx.Flow, s);
    if (!poll || !q)
        return;

    std::string progress = FillTemplate(U(ctx, s, "question.progress"), "n", std::to_string(s.QuestionIndex + 1));
    progress = FillTemplate(progress, "total", std::to_string(poll->Questions.size()));
    if (s.Praatplaat) // which zone (or the closing questions) the resident is in
        progress = Tr(ctx, s, poll->Title) + "  -  " + progress;
    float width = L.Display.x - L.Px(200);
    // Under the corner buttons, whose words grow with large text and other languages.
    const float prompt_y = L.Top() + TextBlock(t, t.Small, progress, L.Px(100), L.Top(), width, t.TextMuted) + L.Px(8);
    const bool typing = q->Type == QuestionType::Text;
    // A free-text question needs the room for its keyboard, and a long prompt in large text
    // on a small screen the room for its answers: then the prompt is smaller.
    ImFont* prompt_font = t.Title;
    if (typing || prompt_y + widgets::TextBlockHeight(t.Title, Tr(ctx, s, q->Prompt), width) > L.Px(300))
        prompt_font = t.Button;
    float prompt_h = TextBlock(t, prompt_font, Tr(ctx, s, q->Prompt), L.Px(100), prompt_y, width, t.Text);
    // Answers start under the prompt, however many lines it took (large text, long languages).
    float top = std::max(L.Px(typing ? 150 : 340), prompt_y + prompt_h + L.Px(30));

    const bool draft = q->Type == QuestionType::Multiple || q->Type == QuestionType::Top ||
                       q->Type == QuestionType::Budget || q->Type == QuestionType::Matrix;
    if (q->Type == QuestionType::Multiple || q->Type == QuestionType::Top) {
        std::string hint = FillTemplate(U(ctx, s, "question.choose_max"), "max", std::to_string(q->Max));
        top += TextBlock(t, t.Body, hint, L.Px(100), top, width, t.TextMuted) + L.Px(20);
    }

    switch (q->Type) {
    case QuestionType::Smiley:
    case QuestionType::YesNo:
    case QuestionType::Agree: DrawScaleRow(ctx, s, L, *q, top, out); break;
    case QuestionType::Single:
    case QuestionType::Multiple:
    case QuestionType::Top: DrawChoiceGrid(ctx, s, L, *q, top, out); break;
    case QuestionType::Budget: DrawBudget(ctx, s, L, *q, top, out); break;
    case QuestionType::Matrix: DrawMatrix(ctx, s, L, *q, top, out); break;
    case QuestionType::Text: // the keyboard ends 2.5 mm above the bottom bar
        DrawTextAnswer(ctx, s, L, *q, top, L.Px(920) - std::max(L.Px(15), t.MinSpacingPx() + 1), out);
        break;
    }

    const float bar_y = L.Px(920), bar_h = L.Px(110);
    // Stoppen bottom-left, Terug beside it, both clear of the centred Verder.
    if (TouchButton(t, "stop", U(ctx, s, "question.stop"), ImVec2(L.Px(80), bar_y), ImVec2(L.Px(250), bar_h),
                    ButtonKind::Quiet))
        out->push_back(VisitAction{VisitKind::Stop});
    if (CanGoBack(s) && TouchButton(t, "back", U(ctx, s, "question.back"), ImVec2(L.Px(80 + 250 + 24), bar_y),
                                    ImVec2(L.Px(250), bar_h), ButtonKind::Quiet))
        out->push_back(VisitAction{VisitKind::Back});
    const bool answered_before = !s.Draft.Chosen.empty(); // after "Terug": on with the answer given
    if ((draft || answered_before) && TouchButton(t, "next", U(ctx, s, "question.next"), ImVec2(L.Cx() - L.Px(300), bar_y),
                             ImVec2(L.Px(600), bar_h), ButtonKind::Primary))
        out->push_back(VisitAction{VisitKind::Next});
    if (TouchButton(t, "skip", U(ctx, s, "question.skip"), ImVec2(L.Display.x - L.Px(80 + 320), bar_y),
                    ImVec2(L.Px(320), bar_h), ButtonKind::Quiet))
        out->push_back(VisitAction{VisitKind::Skip});
}

} // namespace kiosk
