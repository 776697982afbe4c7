// The question screen, for every question type. Answers of one tap (single choice,
// scales) commit at once; multiple, top, budget and matrix build a draft first and
// commit with "Verder".
#include "kiosk/screen_parts.hpp"
#include "kiosk/screen_news.hpp"
#include "widgets/keyboard.hpp"
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

using widgets::RoleScope;
using widgets::TextRole;

// The answers' box in px: from top to bottom (above the quiet skip row), between the margins.
struct AnswerArea {
    float Top, Bottom, Left, Width; // px
    float H() const { return Bottom - Top; }
};

// After "Terug" a one-tap question shows the answer given as chosen (the draft holds it).
bool IsChosen(const FlowState& s, const std::string& option_id) {
    return std::find(s.Draft.Chosen.begin(), s.Draft.Chosen.end(), option_id) != s.Draft.Chosen.end();
}

// A row's words (a budget line, a matrix topic) centred in its box at the row's size.
void DrawRowLabel(const widgets::Theme& t, const std::string& label, ImVec2 pos, ImVec2 size, float font) {
    const float h = widgets::TextBlockHeight(t.Button, label, size.x, font) - font * 0.2f;
    TextBlock(t, t.Button, label, pos.x, pos.y + (size.y - h) * 0.5f, size.x, t.Text, font);
}

std::vector<std::string> OptionLabels(const ScreenContext& ctx, const FlowState& s, const std::vector<content::Option>& o) {
    std::vector<std::string> labels;
    for (const content::Option& x : o)
        labels.push_back(Tr(ctx, s, x.Label));
    return labels;
}

// Cards with a picture on top and the word below (smileys, yes/no) in one row; the agree
// scale's words in one row on a wide screen, one under the other in portrait.
void DrawScaleRow(const ScreenContext& ctx, const FlowState& s, const Layout& L, const content::Question& q,
                  const AnswerArea& a, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const size_t n = q.Options.size();
    const bool pictures = q.Type != QuestionType::Agree;
    const bool column = !pictures && L.Portrait();
    const float gap = std::max(L.Px(n >= 5 ? 30 : 60), t.MinSpacingPx() + 1);
    float cw, ch;
    if (column) {
        cw = std::min(a.Width, L.Px(1100));
        ch = std::min(L.Px(170), (a.H() - gap * float(n - 1)) / float(n));
    } else {
        cw = std::min(L.Px(420), (a.Width - gap * float(n - 1)) / float(n));
        ch = std::min(L.Px(pictures ? 420 : 260), a.H() - L.Px(20));
        if (pictures && L.Portrait())
            ch = std::min(ch, cw * 1.5f);
    }
    const std::vector<std::string> labels = OptionLabels(ctx, s, q.Options);
    RoleScope role(TextRole::Option);
    const float font = widgets::ButtonFontSize(t, labels, ImVec2(cw, ch), pictures, true);
    const float row = column ? cw : cw * float(n) + gap * float(n - 1);
    float x = L.Cx() - row * 0.5f, y = a.Top + L.Px(20);
    for (size_t i = 0; i < n; i++) {
        if (TouchButton(t, q.Id + "." + q.Options[i].Id, labels[i], ImVec2(x, y), ImVec2(cw, ch), ButtonKind::Card,
                        OptionPictogram(q.Type, i), IsChosen(s, q.Options[i].Id), {}, font))
            out->push_back(VisitAction{VisitKind::Answer, q.Options[i].Id});
        if (column)
            y += std::max(ch, t.MinTargetPx()) + gap;
        else
            x += cw + gap;
    }
}

// Words only, in one column for up to three options (and always in portrait), else two.
// Single choice answers at once; multiple and top toggle (top shows the rank).
void DrawChoiceGrid(const ScreenContext& ctx, const FlowState& s, const Layout& L, const content::Question& q,
                    const AnswerArea& a, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const size_t n = q.Options.size();
    const size_t cols = n <= 3 || L.Portrait() ? 1 : 2;
    const size_t rows = (n + cols - 1) / cols;
    const float gap = std::max(L.Px(28), t.MinSpacingPx() + 1);
    const float cw = std::min(L.Px(cols == 1 ? 1100 : 780), (a.Width - gap * float(cols - 1)) / float(cols));
    const float ch = std::min(L.Px(150), (a.H() - gap * float(rows - 1)) / float(rows));
    const float row = cw * float(cols) + gap * float(cols - 1);
    const float step = std::max(ch, t.MinTargetPx()) + gap;
    const bool toggles = q.Type != QuestionType::Single;
    const std::vector<std::string> labels = OptionLabels(ctx, s, q.Options);
    RoleScope role(TextRole::Option);
    const float font = widgets::ButtonFontSize(t, labels, ImVec2(cw, ch), false, q.Type != QuestionType::Top,
                                               q.Type == QuestionType::Top);
    for (size_t i = 0; i < n; i++) {
        const content::Option& o = q.Options[i];
        float x = L.Cx() - row * 0.5f + (cw + gap) * float(i % cols);
        float y = a.Top + step * float(i / cols);
        auto chosen = std::find(s.Draft.Chosen.begin(), s.Draft.Chosen.end(), o.Id);
        bool selected = chosen != s.Draft.Chosen.end();
        std::string badge = selected && q.Type == QuestionType::Top
                                ? std::to_string(chosen - s.Draft.Chosen.begin() + 1)
                                : std::string();
        if (TouchButton(t, q.Id + "." + o.Id, labels[i], ImVec2(x, y), ImVec2(cw, ch), ButtonKind::Card,
                        Pictogram::None, selected && q.Type != QuestionType::Top, badge, font))
            out->push_back(VisitAction{toggles ? VisitKind::Toggle : VisitKind::Answer, o.Id});
    }
}

// Divide the budget: per option a minus, the amount and a plus; what is left stays in view.
void DrawBudget(const ScreenContext& ctx, const FlowState& s, const Layout& L, const content::Question& q, AnswerArea a,
                std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const std::string& unit = Tr(ctx, s, q.Unit);
    std::string left = FillTemplate(U(ctx, s, "question.left"), "left", std::to_string(BudgetLeft(q, s.Draft)));
    left = FillTemplate(left, "unit", unit);
    const size_t n = q.Options.size();
    const float gap = std::max(L.Px(24), t.MinSpacingPx() + 1); // 2.5 mm apart even on a small high-DPI screen
    {
        RoleScope role(TextRole::Hint);
        const float h = TextBlock(t, t.Body, left, 0, a.Top, L.Display.x, t.Text);
        // Less space under it where the rows need it (a low screen with A+).
        const float rows_h = float(n) * t.MinTargetPx() + gap * float(n - 1);
        a.Top += h + std::clamp(a.H() - h - rows_h, L.Px(6), L.Px(20));
    }
    const float rh = std::min(L.Px(L.Portrait() ? 150 : 110), (a.H() - gap * float(n - 1)) / float(n));
    const float step = std::max(rh, t.MinTargetPx()) + gap;
    // label | - | amount | + across the width: 50 %, 10 %, 26 %, 10 % and the gaps.
    const float total = std::min(a.Width, L.Px(1600));
    const float label_w = total * 0.5f, key_w = std::max(total * 0.095f, t.MinTargetPx()), cg = L.Px(20);
    const float amount_w = total - label_w - 2 * key_w - 3 * cg;
    const float x0 = L.Cx() - total * 0.5f;
    const std::vector<std::string> labels = OptionLabels(ctx, s, q.Options);
    const float font = widgets::ButtonFontSize(t, labels, ImVec2(label_w, rh));
    for (size_t i = 0; i < n; i++) {
        const content::Option& o = q.Options[i];
        const float y = a.Top + step * float(i), mid = y + rh * 0.5f;
        {
            RoleScope role(TextRole::Option);
            DrawRowLabel(t, labels[i], ImVec2(x0, y), ImVec2(label_w, rh), font);
        }
        auto it = s.Draft.Amounts.find(o.Id);
        std::string amount = std::to_string(it == s.Draft.Amounts.end() ? 0 : it->second) + " " + unit;
        float x = x0 + label_w + cg;
        if (TouchButton(t, q.Id + "." + o.Id + ".min", "-", ImVec2(x, y), ImVec2(key_w, rh), ButtonKind::Card))
            out->push_back(VisitAction{VisitKind::Decrease, o.Id});
        x += key_w + cg;
        TextBlock(t, t.Button, amount, x, mid - t.Button->FontSize * 0.6f, amount_w, t.Text);
        x += amount_w + cg;
        if (TouchButton(t, q.Id + "." + o.Id + ".plus", "+", ImVec2(x, y), ImVec2(key_w, rh), ButtonKind::Card))
            out->push_back(VisitAction{VisitKind::Increase, o.Id});
    }
}

// Who decides: a row per topic, a button per column (gemeente, samen, wijk) under the
// column headers; in portrait each topic over its own row of buttons; on a low screen
// where the topics do not fit under each other at 11.5 mm, two groups side by side.
void DrawMatrix(const ScreenContext& ctx, const FlowState& s, const Layout& L, const content::Question& q, AnswerArea a,
                std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const size_t rows = q.Rows.size(), cols = q.Options.size();
    const float gap = std::max(L.Px(24), t.MinSpacingPx() + 1);
    const bool stacked = L.Portrait();
    const std::vector<std::string> heads = OptionLabels(ctx, s, q.Options);
    const std::vector<std::string> topics = OptionLabels(ctx, s, q.Rows);
    const float label_h = stacked ? L.Px(20) + t.Button->FontSize * 1.2f * 2 : 0.0f; // two lines of topic
    const float min_step = t.MinTargetPx() + label_h + gap;
    // The headers' height at the width of one group's cells (the narrower of the two layouts).
    auto heads_h = [&](float cell_w) {
        float h = 0;
        for (const std::string& head : heads)
            h = std::max(h, widgets::TextBlockHeight(t.Body, head, cell_w));
        return stacked ? 0.0f : h + L.Px(12);
    };
    const float head_h = heads_h(std::min(a.Width, L.Px(1760)) * 0.2f);
    // One group under the headers where it fits; else one group without them (the buttons
    // say the same words, as in portrait) rather than two narrow groups whose words would
    // be small (a low screen with A+).
    const bool fits_under_heads = min_step * float(rows) <= a.H() - head_h + gap;
    const bool fits_bare = min_step * float(rows) <= a.H() + gap;
    const size_t groups = !stacked && rows > 1 && !fits_under_heads && !fits_bare ? 2 : 1;
    const bool show_heads = !stacked && (groups == 2 || fits_under_heads);
    const size_t per_group = (rows + groups - 1) / groups;
    const float total = std::min(a.Width, L.Px(1760));
    const float group_w = (total - gap * 2 * float(groups - 1)) / float(groups);
    // The topics' share of a group's width: their column, the cells, the rows, and the
    // topics' and the buttons' words at one size (the size at which all of them fit).
    struct Grid {
        float LabelW, Cw, HeadH, Rh, Font;
    };
    auto grid = [&](float share) {
        Grid c;
        c.LabelW = stacked ? group_w : group_w * share;
        c.Cw = ((stacked ? group_w : group_w - c.LabelW - gap) - gap * float(cols - 1)) / float(cols);
        c.HeadH = show_heads ? heads_h(c.Cw) : 0.0f;
        const float per_row = (a.H() - c.HeadH - gap * float(per_group - 1)) / float(per_group);
        c.Rh = std::min(L.Px(stacked ? 130 : 110), per_row - label_h);
        const ImVec2 topic_box(c.LabelW, stacked ? label_h - L.Px(8) : c.Rh);
        c.Font = std::min(widgets::ButtonFontSize(t, heads, ImVec2(c.Cw, c.Rh), false, true),
                          widgets::ButtonFontSize(t, topics, topic_box));
        return c;
    };
    Grid best = grid(groups == 1 ? 0.3f : 0.34f);
    // With A+ the buttons' words grow rather than the topics' column: a narrower column
    // where that lets every word be larger.
    if (!stacked && t.TextScale > 1.0f)
        for (float share : {0.25f, 0.2f})
            if (const Grid c = grid(groups == 1 ? share : share + 0.04f); c.Font > best.Font * 1.01f)
                best = c;
    const float label_w = best.LabelW, cw = best.Cw, cells_head_h = best.HeadH, rh = best.Rh, font = best.Font;
    const float step = std::max(rh, t.MinTargetPx()) + label_h + gap;
    const ImVec2 topic_box(label_w, stacked ? label_h - L.Px(8) : rh);
    for (size_t g = 0; g < groups; g++) {
        const float gx = L.Cx() - total * 0.5f + (group_w + 2 * gap) * float(g);
        const float cells_x = gx + (stacked ? 0.0f : label_w + gap);
        if (show_heads) { // the column headers over the buttons
            RoleScope role(TextRole::Hint);
            for (size_t c = 0; c < cols; c++)
                TextBlock(t, t.Body, heads[c], cells_x + (cw + gap) * float(c), a.Top, cw, t.TextMuted);
        }
        RoleScope role(TextRole::Option);
        for (size_t r = g * per_group; r < std::min(rows, (g + 1) * per_group); r++) {
            const float y = a.Top + cells_head_h + step * float(r - g * per_group);
            const content::Option& row = q.Rows[r];
            DrawRowLabel(t, topics[r], ImVec2(gx, y), topic_box, font);
            auto cell = s.Draft.Cells.find(row.Id);
            for (size_t c = 0; c < cols; c++) {
                const content::Option& col = q.Options[c];
                bool selected = cell != s.Draft.Cells.end() && cell->second == col.Id;
                if (TouchButton(t, q.Id + "." + row.Id + "." + col.Id, heads[c],
                                ImVec2(cells_x + (cw + gap) * float(c), y + label_h), ImVec2(cw, rh), ButtonKind::Card,
                                Pictogram::None, selected, {}, font))
                    out->push_back(VisitAction{VisitKind::SetCell, row.Id + "=" + col.Id});
            }
        }
    }
}

// A follow-up route (the pack's "follow_up"): its words, and its address as a QR code with
// the address in words, in a band that ends at bottom. Returns the band's height, so the
// answers stay above it; 0 when there is none or it does not fit above min_top.
float DrawFollowUp(const ScreenContext& ctx, const FlowState& s, const Layout& L, const content::Question& q,
                   float min_top, float bottom) {
    if (q.Follow.Empty())
        return 0;
    const widgets::Theme& t = *ctx.Theme;
    RoleScope role(TextRole::Hint);
    const float qr = q.Follow.Url.empty() ? 0.0f : std::max(L.Px(170), 25.0f * t.PxPerMm); // scannable a step away
    const float left = L.Px(kSide), right = L.Display.x - L.Px(kSide);
    const float width = right - left - (qr > 0 ? qr + L.Px(30) : 0.0f);
    const std::string& words = Tr(ctx, s, q.Follow.Words);
    const std::string address = q.Follow.Url.empty() ? std::string() : ShortAddress(q.Follow.Url);
    const float text_h = widgets::TextBlockHeight(t.Body, words, width) +
                         (address.empty() ? 0.0f : widgets::TextBlockHeight(t.Body, address, width) + L.Px(4));
    const float h = std::max(text_h, qr), top = bottom - h;
    if (top < min_top)
        return 0;
    float y = top + (h - text_h) * 0.5f;
    y += TextBlock(t, t.Body, words, left, y, width, t.Text) + L.Px(4);
    if (!address.empty())
        TextBlock(t, t.Body, address, left, y, width, t.TextMuted);
    if (qr > 0)
        DrawQr(q.Follow.Url, ImVec2(t.X(right - qr, qr), top), qr);
    return h;
}

// The least height the answers need at 11.5 mm, for the types whose answers fill the
// screen (budget, matrix, text); 0 for the others (they shrink their cards instead).
float LeastAnswersHeight(const ScreenContext& ctx, const FlowState& s, const Layout& L, const content::Question& q) {
    const widgets::Theme& t = *ctx.Theme;
    const float target = t.MinTargetPx() + 1.0f;
    switch (q.Type) {
    case QuestionType::Budget: {
        const float n = float(q.Options.size()), gap = std::max(L.Px(24), t.MinSpacingPx() + 1);
        return t.Body->FontSize * 1.2f + L.Px(6) + n * target + (n - 1) * gap;
    }
    case QuestionType::Matrix: {
        if (L.Portrait())
            return 0;
        const float n = float(q.Rows.size()), gap = std::max(L.Px(24), t.MinSpacingPx() + 1);
        return n * target + (n - 1) * gap;
    }
    case QuestionType::Text: // the keyboard at its lowest, the small print and one line to type in
        return widgets::KeyboardHeight(t, L.Px(L.ContentW()), 1.0f) + t.Small->FontSize * 1.2f + L.Px(12) +
               t.Body->FontSize * 1.2f + L.Px(16) + L.Px(24);
    default: return 0;
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
    const float width = L.Display.x - 2 * L.Px(kSide);
    // Under the corner buttons, whose words grow with large text and other languages.
    // "Vraag 2 van 4" in the top row between the corner buttons where it fits (the
    // answers keep that height on a low screen), else under them.
    float prompt_y = L.Top();
    {
        RoleScope role(TextRole::Hint);
        const float left = SpeechCornerRight(ctx, s, L) + L.Px(30), right = CornerButtonsLeft(ctx, L) - L.Px(30);
        const float w = widgets::TextWidth(t.Body, progress), row = std::max(L.Px(84), t.MinTargetPx());
        if (left > 0 && w <= right - left)
            TextBlock(t, t.Body, progress, left, L.Px(14) + (row - t.Body->FontSize) * 0.5f, right - left, t.TextMuted);
        else
            prompt_y += TextBlock(t, t.Body, progress, L.Px(kSide), L.Top(), width, t.TextMuted) + L.Px(8);
    }
    const bool typing = q->Type == QuestionType::Text;
    const bool draft = q->Type == QuestionType::Multiple || q->Type == QuestionType::Top ||
                       q->Type == QuestionType::Budget || q->Type == QuestionType::Matrix;
    // The question at one size on every question screen (bold, never under the options'
    // size): the title face at 60 design px, 78 with A+; a long prompt in a small window
    // wraps rather than shrinks.
    // A free-text question has no options and needs the room for its keyboard: its
    // question at the options' size.
    float prompt_size = typing ? t.Button->FontSize : L.Px(60) * t.TextScale;
    // With A+ the question grows as far as its answers keep their room at 11.5 mm (a low
    // screen): down to 1.05 times its size without A+, never under its options' size.
    const std::string& prompt = Tr(ctx, s, q->Prompt);
    if (const float need = LeastAnswersHeight(ctx, s, L, *q); need > 0 && t.TextScale > 1.0f) {
        const float least = std::max(prompt_size / t.TextScale * 1.05f, typing ? 0.0f : t.Button->FontSize);
        auto room = [&](float size) {
            return L.AnswersBottom() - (prompt_y + widgets::TextBlockHeight(t.Title, prompt, width, size) + L.Px(30));
        };
        while (prompt_size > least && room(prompt_size) < need)
            prompt_size = std::max(least, prompt_size * 0.96f);
    }
    float prompt_h;
    {
        RoleScope role(TextRole::Question);
        prompt_h = TextBlock(t, t.Title, prompt, L.Px(kSide), prompt_y, width, t.Text, prompt_size);
    }
    // Answers start under the prompt, however many lines it took (large text, long languages).
    AnswerArea a;
    a.Top = prompt_y + prompt_h + L.Px(30);
    a.Bottom = L.AnswersBottom();
    a.Width = L.Px(L.ContentW());
    a.Left = L.Cx() - a.Width * 0.5f;
    if (q->Type == QuestionType::Multiple || q->Type == QuestionType::Top) {
        RoleScope role(TextRole::Hint);
        std::string hint = FillTemplate(U(ctx, s, "question.choose_max"), "max", std::to_string(q->Max));
        a.Top += TextBlock(t, t.Body, hint, L.Px(kSide), a.Top, width, t.TextMuted) + L.Px(20);
    }
    // Where to go on from here, under the answers (the pack's follow-up route), if the
    // answers keep at least two target rows above it.
    if (const float band = DrawFollowUp(ctx, s, L, *q, a.Top + 2 * t.MinTargetPx() + L.Gap(), a.Bottom); band > 0)
        a.Bottom -= band + L.Gap();

    switch (q->Type) {
    case QuestionType::Smiley:
    case QuestionType::YesNo:
    case QuestionType::Agree: DrawScaleRow(ctx, s, L, *q, a, out); break;
    case QuestionType::Single:
    case QuestionType::Multiple:
    case QuestionType::Top: DrawChoiceGrid(ctx, s, L, *q, a, out); break;
    case QuestionType::Budget: DrawBudget(ctx, s, L, *q, a, out); break;
    case QuestionType::Matrix: DrawMatrix(ctx, s, L, *q, a, out); break;
    case QuestionType::Text: // the keyboard ends 2.5 mm above the bottom bar
        DrawTextAnswer(ctx, s, L, *q, a.Top, a.Bottom, out);
        break;
    }

    // The fixed bar: Stoppen, Terug | Verder; skipping above it in the middle, quieter.
    if (StopButton(ctx, s, L, U(ctx, s, "question.stop")))
        out->push_back(VisitAction{VisitKind::Stop});
    if (CanGoBack(s) && BackButton(ctx, s, L, U(ctx, s, "question.back")))
        out->push_back(VisitAction{VisitKind::Back});
    const bool answered_before = !s.Draft.Chosen.empty(); // after "Terug": on with the answer given
    if ((draft || typing || answered_before) && WayOn(ctx, s, L, "next", U(ctx, s, "question.next")))
        out->push_back(VisitAction{VisitKind::Next});
    if (SkipButton(ctx, s, L, U(ctx, s, "question.skip")))
        out->push_back(VisitAction{VisitKind::Skip});
}

} // namespace kiosk
