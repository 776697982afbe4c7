// The campfire meeting's screens (kiosk/flow_campfire.hpp): set-up, the picker, one
// question for the group (tap votes or hands, the chart behind "Laat uitslag zien"), the
// agreements, one agreement, and the summary with its export. Drawn from the state only;
// every word from the pack's ui section; content under the corner band (Layout::Top()).
// [SECTION] helpers
// [SECTION] the keyboard for a text field
// [SECTION] set-up
// [SECTION] picker
// [SECTION] question
// [SECTION] agreements
// [SECTION] stap 3: the agreements from before
// [SECTION] summary
// [SECTION] entry point
#include "kiosk/flow_campfire.hpp"
#include "kiosk/screen_campfire.hpp"
#include "widgets/chart.hpp"
#include "widgets/keyboard.hpp"
#include "widgets/registry.hpp"
#include "widgets/touch.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace kiosk {

using content::QuestionType;
using widgets::ButtonKind;
using widgets::Pictogram;
using widgets::TextBlock;
using widgets::TextInBox;
using widgets::TouchButton;

//-----------------------------------------------------------------------------
// [SECTION] helpers
//-----------------------------------------------------------------------------

namespace {

constexpr float kBarY = 920, kBarH = 110; // design px: the bottom bar of buttons
constexpr float kAreaBottom = 890;        // content ends here

std::string Fill(const ScreenContext& ctx, const FlowState& s, const char* key,
                 std::initializer_list<std::pair<const char*, std::string>> values) {
    std::string text = U(ctx, s, key);
    for (const auto& [name, value] : values)
        text = FillTemplate(text, name, value);
    return text;
}

// The facilitator's message in words (why a tap did nothing, what happened), or "".
std::string MessageText(const ScreenContext& ctx, const FlowState& s) {
    const CampfireState& g = s.Campfire;
    if (g.Message.empty())
        return {};
    std::string text = U(ctx, s, g.Message.c_str());
    text = FillTemplate(text, "folder", g.Detail);
    text = FillTemplate(text, "error", g.Detail);
    if (g.Message == "campfire.save_failed" && !g.Detail.empty())
        text += " (" + g.Detail + ")";
    return text;
}

// The message, in the warning colour unless it is good news; returns its height.
float DrawMessage(const ScreenContext& ctx, const FlowState& s, const Layout& L, float y) {
    const std::string text = MessageText(ctx, s);
    if (text.empty())
        return 0;
    const widgets::Theme& t = *ctx.Theme;
    const ImU32 colour = s.Campfire.Message == "campfire.exported" || s.Campfire.Message == "previous.saved" ? t.Text : t.Warning;
    return TextBlock(t, t.Body, text, L.Px(100), y, L.Display.x - L.Px(200), colour);
}

// The label of a praatplaat zone or poll, of an option, of a question (with its row).
std::string ItemHeading(const ScreenContext& ctx, const FlowState& s, const std::string& answer_id) {
    const content::Question* q = content::QuestionOfAnswer(*ctx.Flow->Pack, answer_id);
    if (!q)
        return answer_id;
    std::string heading = Tr(ctx, s, q->Prompt);
    for (const content::Option& row : q->Rows)
        if (content::MatrixAnswerId(*q, row.Id) == answer_id)
            heading += " - " + Tr(ctx, s, row.Label);
    return heading;
}

std::vector<widgets::Bar> Bars(const ScreenContext& ctx, const FlowState& s, const content::Question& q,
                               const std::string& answer_id) {
    std::vector<widgets::Bar> bars;
    auto counts = s.Campfire.Counts.find(answer_id);
    for (const content::Option& o : q.Options) {
        long long n = 0;
        if (counts != s.Campfire.Counts.end())
            if (auto c = counts->second.find(o.Id); c != counts->second.end())
                n = c->second.Count;
        bars.push_back({Tr(ctx, s, o.Label), n});
    }
    return bars;
}

std::string WhoText(const ScreenContext& ctx, const FlowState& s, const std::string& who) {
    if (who == "wijk")
        return U(ctx, s, "agreement.who_wijk");
    if (who == "gemeente")
        return U(ctx, s, "agreement.who_gemeente");
    if (who == "samen")
        return U(ctx, s, "agreement.who_samen");
    return who;
}

// "Een wijkpanel samenstellen - De wijk - vóór 12-12-2026 - Open"
std::string AgreementLine(const ScreenContext& ctx, const FlowState& s, const Agreement& a) {
    std::string line = a.What + "  -  " + WhoText(ctx, s, a.Who) + "  -  ";
    line += a.Due.empty() ? U(ctx, s, "agreement.no_due") : Fill(ctx, s, "agreement.due", {{"date", ShowDate(a.Due)}});
    line += "  -  " + U(ctx, s, ("agreement.status_" + a.Status).c_str());
    return line;
}

//-----------------------------------------------------------------------------
// [SECTION] the keyboard for a text field
//-----------------------------------------------------------------------------

// The field's title, what is typed so far, and the keyboard ("Klaar" ends the typing).
void DrawTyping(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const CampfireState& g = s.Campfire;
    const char* title = g.Editing == CampfireField::Name           ? "campfire.type_name"
                        : g.Editing == CampfireField::Wijk         ? "campfire.type_wijk"
                        : g.Editing == CampfireField::What         ? "agreement.type_what"
                        : g.Editing == CampfireField::Note         ? "campfire.type_note"
                        : g.Editing == CampfireField::PreviousNote ? "previous.type_note"
                                                                   : "agreement.type_group";
    const std::string& text = g.Editing == CampfireField::Name           ? g.Name
                              : g.Editing == CampfireField::Wijk         ? g.Wijk
                              : g.Editing == CampfireField::What         ? g.Draft.What
                              : g.Editing == CampfireField::PreviousNote ? g.PreviousNote
                                                                         : g.Typing;
    const float x0 = L.Cx() - L.Px(880), width = L.Px(1760);
    float y = L.Top();
    y += TextBlock(t, t.Button, U(ctx, s, title), x0, y, width, t.Text) + L.Px(16);
    if (g.Editing == CampfireField::Note) { // which question, and what to note
        const content::Question* q = CampfireQuestion(*ctx.Flow, s);
        if (q && g.ItemIndex >= 0 && g.ItemIndex < int(g.Items.size()))
            y += TextBlock(t, t.Small, ItemHeading(ctx, s, CampfireAnswerId(g.Items[size_t(g.ItemIndex)])), x0, y, width,
                           t.TextMuted) + L.Px(4);
        y += TextBlock(t, t.Small, U(ctx, s, "campfire.note_hint"), x0, y, width, t.TextMuted) + L.Px(12);
    }

    const float kb_h = widgets::KeyboardHeight(t, width);
    const float kb_y = L.Bottom() - kb_h - L.Px(20);
    widgets::KeyboardLabels labels{U(ctx, s, "keyboard.space"),   U(ctx, s, "keyboard.backspace"),
                                   U(ctx, s, "keyboard.shift"),   U(ctx, s, "keyboard.accents"),
                                   U(ctx, s, "keyboard.letters"), U(ctx, s, "keyboard.done")};
    widgets::KeyPress key = widgets::Keyboard(t, ImVec2(x0, kb_y), width, g.Shift, g.Accents, labels);
    switch (key.Kind) {
    case widgets::KeyKind::Insert: out->push_back(CampfireAction{CampfireKind::TypeText, key.Text}); break;
    case widgets::KeyKind::Backspace: out->push_back(CampfireAction{CampfireKind::Backspace}); break;
    case widgets::KeyKind::Shift: out->push_back(CampfireAction{CampfireKind::ToggleShift}); break;
    case widgets::KeyKind::Layer: out->push_back(CampfireAction{CampfireKind::ToggleAccents}); break;
    case widgets::KeyKind::Done: out->push_back(CampfireAction{CampfireKind::Next}); break;
    case widgets::KeyKind::None: break;
    }

    // The text so far, with a caret; a long text shows its end.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float box_h = std::max(L.Px(70), std::min(L.Px(130), kb_y - L.Px(24) - y));
    dl->AddRectFilled(ImVec2(x0, y), ImVec2(x0 + width, y + box_h), t.Card, L.Px(12));
    dl->AddRect(ImVec2(x0, y), ImVec2(x0 + width, y + box_h), t.CardBorder, L.Px(12), 0, L.Px(3));
    ImFont* font = t.Body;
    const float pad = L.Px(20);
    const char* begin = text.c_str();
    const char* end = begin + text.size();
    while (begin < end && font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, begin, end).x > width - 3 * pad)
        begin++;
    while (begin < end && (((unsigned char)*begin) >> 6) == 0x2) // not in the middle of a character
        begin++;
    const float ty = y + (box_h - font->FontSize) * 0.5f;
    dl->AddText(font, font->FontSize, ImVec2(x0 + pad, ty), t.Text, begin, end);
    const float caret = x0 + pad + font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, begin, end).x;
    dl->AddRectFilled(ImVec2(caret + L.Px(4), ty), ImVec2(caret + L.Px(8), ty + font->FontSize), t.Text);
    widgets::RecordText(text);
}

//-----------------------------------------------------------------------------
// [SECTION] set-up
//-----------------------------------------------------------------------------

// A row: its label on the left, its controls from x = 560 on; returns the row's height.
void RowLabel(const ScreenContext& ctx, const Layout& L, const std::string& label, float y, float h) {
    const widgets::Theme& t = *ctx.Theme;
    TextInBox(t, t.Button, label, ImVec2(L.Px(100), y), ImVec2(L.Px(520), y + h), t.Text);
}

// "-" value "+": the value in words between two buttons.
void Stepper(const ScreenContext& ctx, const Layout& L, const std::string& id, const std::string& value, float x,
             float y, float h, std::vector<Action>* out, CampfireKind kind, const std::string& minus,
             const std::string& plus, float value_w = 420) {
    const widgets::Theme& t = *ctx.Theme;
    if (TouchButton(t, id + "-min", "-", ImVec2(x, y), ImVec2(L.Px(150), h), ButtonKind::Card))
        out->push_back(CampfireAction{kind, minus});
    TextInBox(t, t.Button, value, ImVec2(x + L.Px(170), y), ImVec2(x + L.Px(170 + value_w), y + h), t.Text);
    if (TouchButton(t, id + "-plus", "+", ImVec2(x + L.Px(190 + value_w), y), ImVec2(L.Px(150), h), ButtonKind::Card))
        out->push_back(CampfireAction{kind, plus});
}

void DrawSetup(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const CampfireState& g = s.Campfire;
    float y = L.Top();
    y += TextBlock(t, t.Title, U(ctx, s, "campfire.setup_title"), L.Px(100), y, L.Display.x - L.Px(200), t.Text) +
         L.Px(30);
    const float gap = 34;
    const float h = std::min(L.Px(110), (L.Px(kAreaBottom - 60) - y - L.Px(gap * 3)) / 4);
    const float x = L.Px(560), w = L.Px(1260);

    RowLabel(ctx, L, U(ctx, s, "campfire.name"), y, h);
    if (TouchButton(t, "campfire-name", g.Name.empty() ? U(ctx, s, "campfire.name_empty") : g.Name, ImVec2(x, y),
                    ImVec2(w, h), ButtonKind::Card))
        out->push_back(CampfireAction{CampfireKind::Edit, "name"});
    y += h + L.Px(gap);
    RowLabel(ctx, L, U(ctx, s, "campfire.wijk"), y, h);
    if (TouchButton(t, "campfire-wijk", g.Wijk.empty() ? U(ctx, s, "campfire.wijk_empty") : g.Wijk, ImVec2(x, y),
                    ImVec2(w, h), ButtonKind::Card))
        out->push_back(CampfireAction{CampfireKind::Edit, "wijk"});
    y += h + L.Px(gap);
    RowLabel(ctx, L, U(ctx, s, "campfire.date"), y, h);
    Stepper(ctx, L, "campfire-date", ShowDate(g.Date), x, y, h, out, CampfireKind::Date, "-1", "+1");
    y += h + L.Px(gap);
    RowLabel(ctx, L, U(ctx, s, "campfire.present"), y, h);
    Stepper(ctx, L, "campfire-present", Fill(ctx, s, "campfire.present_n", {{"n", std::to_string(g.Present)}}), x, y, h,
            out, CampfireKind::Present, "-1", "+1");
    y += h + L.Px(20);
    DrawMessage(ctx, s, L, y);

    const float bar_y = L.Px(kBarY), bar_h = L.Px(kBarH);
    if (TouchButton(t, "campfire-cancel", U(ctx, s, "campfire.cancel"), ImVec2(L.Px(80), bar_y), ImVec2(L.Px(400), bar_h),
                    ButtonKind::Quiet))
        out->push_back(CampfireAction{CampfireKind::Cancel});
    if (TouchButton(t, "campfire-setup-next", U(ctx, s, "campfire.setup_next"), ImVec2(L.Display.x - L.Px(80 + 800), bar_y),
                    ImVec2(L.Px(800), bar_h), ButtonKind::Primary))
        out->push_back(CampfireAction{CampfireKind::SetupDone});
}

//-----------------------------------------------------------------------------
// [SECTION] picker
//-----------------------------------------------------------------------------

std::string SessionLine(const ScreenContext& ctx, const FlowState& s) {
    const CampfireState& g = s.Campfire;
    return Fill(ctx, s, "campfire.session_line",
                {{"name", g.Name}, {"wijk", g.Wijk}, {"date", ShowDate(g.Date)}, {"n", std::to_string(g.Present)}});
}

void DrawPick(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const content::Pack& pack = *ctx.Flow->Pack;
    const CampfireState& g = s.Campfire;
    const float width = L.Display.x - L.Px(200);
    float y = L.Top();
    y += TextBlock(t, t.Button, U(ctx, s, "campfire.pick_title"), L.Px(100), y, width, t.Text) + L.Px(6);
    const float subtitle_y = y;
    y += widgets::TextBlockHeight(t.Small, SessionLine(ctx, s), width) + L.Px(10);
    if (!g.Message.empty())
        y += DrawMessage(ctx, s, L, y) + L.Px(6);

    // Three bands: the kompas points, the bouwstenen, the quick polls (not the closing
    // questions about the resident: a group has no age).
    struct Band {
        std::string Heading;
        std::vector<const content::Poll*> Polls;
    };
    std::vector<Band> bands;
    for (auto [kind, key] : {std::pair{content::PollKind::Kompas, "poster.kompas"},
                             std::pair{content::PollKind::Bouwsteen, "poster.bouwstenen"}}) {
        Band b{U(ctx, s, key), {}};
        for (const content::Poll& z : pack.Zones)
            if (z.Kind == kind && CampfireQuestionCount(z) > 0)
                b.Polls.push_back(&z);
        if (!b.Polls.empty())
            bands.push_back(b);
    }
    Band polls{U(ctx, s, "campfire.polls"), {}};
    for (const content::Poll& p : pack.Polls)
        if (p.Id != pack.ClosingPoll && CampfireQuestionCount(p) > 0)
            polls.Polls.push_back(&p);
    if (!polls.Polls.empty())
        bands.push_back(polls);
    if (bands.empty())
        return;

    float headings = 0;
    for (const Band& b : bands)
        headings += widgets::TextBlockHeight(t.Small, b.Heading, width) + L.Px(4);
    const float bottom = L.Px(kAreaBottom) - L.Px(10);
    const float gap = 24, min_h = t.MinTargetPx() + L.Px(6);
    // Which questions a group skips, said under the session when there is room for it
    // (large text on a small screen: the buttons come first).
    const std::string note = SessionLine(ctx, s) + ". " + U(ctx, s, "campfire.skipped_text_note");
    const float note_extra = widgets::TextBlockHeight(t.Small, note, width) -
                             widgets::TextBlockHeight(t.Small, SessionLine(ctx, s), width);
    if (g.Message.empty() &&
        y + note_extra + headings + (min_h + L.Px(gap)) * float(bands.size()) <= bottom) {
        TextBlock(t, t.Small, note, L.Px(100), subtitle_y, width, t.TextMuted);
        y += note_extra;
    } else {
        TextBlock(t, t.Small, SessionLine(ctx, s), L.Px(100), subtitle_y, width, t.TextMuted);
    }
    const float h = std::min(L.Px(150), (bottom - y - headings - L.Px(gap) * float(bands.size())) / float(bands.size()));
    for (const Band& b : bands) {
        y += TextBlock(t, t.Small, b.Heading, L.Px(100), y, width, t.TextMuted) + L.Px(4);
        const size_t n = b.Polls.size();
        const float w = std::min(420.0f, (1720 - gap * float(n - 1)) / float(n));
        float x = L.Cx() - L.Px(w * float(n) + gap * float(n - 1)) * 0.5f;
        for (const content::Poll* p : b.Polls) {
            const bool done = std::find(g.DonePolls.begin(), g.DonePolls.end(), p->Id) != g.DonePolls.end();
            std::string label = Tr(ctx, s, p->Title);
            const int of = int(p->Questions.size()), shown = CampfireQuestionCount(*p);
            if (shown < of && h >= L.Px(140)) // some questions are not for a group: how many it has here (if room)
                label += "\n" + Fill(ctx, s, "campfire.questions_n", {{"n", std::to_string(shown)}, {"total", std::to_string(of)}});
            if (done)
                label += " (" + U(ctx, s, "campfire.done") + ")";
            if (TouchButton(t, p->Id, label, ImVec2(x, y), ImVec2(L.Px(w), h), ButtonKind::Card, Pictogram::None, done))
                out->push_back(CampfireAction{CampfireKind::OpenPoll, p->Id});
            x += L.Px(w + gap);
        }
        y += h + L.Px(gap);
    }

    const float bar_y = L.Px(kBarY), bar_h = L.Px(kBarH);
    if (TouchButton(t, "campfire-agreements",
                    Fill(ctx, s, "campfire.agreements", {{"n", std::to_string(g.Agreements.size())}}),
                    ImVec2(L.Px(80), bar_y), ImVec2(L.Px(700), bar_h), ButtonKind::Card))
        out->push_back(CampfireAction{CampfireKind::OpenAgreements});
    if (TouchButton(t, "campfire-summary", U(ctx, s, "campfire.summary"), ImVec2(L.Display.x - L.Px(80 + 800), bar_y),
                    ImVec2(L.Px(800), bar_h), ButtonKind::Primary))
        out->push_back(CampfireAction{CampfireKind::OpenSummary});
}

//-----------------------------------------------------------------------------
// [SECTION] question
//-----------------------------------------------------------------------------

// Columns of tap cards: a row of up to three, two by two for four, then rows of 3 or 4.
size_t TapColumns(size_t n) { return n <= 3 ? n : n == 4 ? 2 : n <= 6 ? 3 : 4; }

// Tap votes: one big card per option (with its picture for smileys and yes/no).
void DrawTapCards(const ScreenContext& ctx, const FlowState& s, const Layout& L, const content::Question& q,
                  const std::string& id_prefix, ImVec2 min, ImVec2 max, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const size_t n = q.Options.size();
    const size_t cols = TapColumns(n), rows = (n + cols - 1) / cols;
    const float gap = L.Px(20);
    const float cw = (max.x - min.x - gap * float(cols - 1)) / float(cols);
    const float ch = std::min(L.Px(300), (max.y - min.y - gap * float(rows - 1)) / float(rows));
    const bool pictures = ch >= L.Px(200);
    for (size_t i = 0; i < n; i++) {
        const content::Option& o = q.Options[i];
        const ImVec2 pos(min.x + (cw + gap) * float(i % cols), min.y + (ch + gap) * float(i / cols));
        if (TouchButton(t, id_prefix + o.Id, Tr(ctx, s, o.Label), pos, ImVec2(cw, ch), ButtonKind::Card,
                        pictures ? OptionPictogram(q.Type, i) : Pictogram::None))
            out->push_back(CampfireAction{CampfireKind::Vote, o.Id});
    }
}

// Hands: per option its words, a minus, the count and a plus; in one or two columns. With
// bars (two columns leave no room for the chart beside them): once revealed, each option's
// share as a bar under its words.
void DrawHandRows(const ScreenContext& ctx, const FlowState& s, const Layout& L, const content::Question& q,
                  const std::string& answer_id, const std::string& id_prefix, ImVec2 min, ImVec2 max, size_t columns,
                  bool bars_inline, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const size_t n = q.Options.size(), rows = (n + columns - 1) / columns;
    const float col_gap = L.Px(40);
    // Never below a touch target's size: on a small screen with many options the rows come
    // closer together first (never closer than the targets' spacing).
    float gap = L.Px(20);
    const float row_min = t.MinTargetPx() + 1.0f;
    if (rows > 1 && float(rows) * row_min + gap * float(rows - 1) > max.y - min.y)
        gap = std::max(t.MinSpacingPx() + 1.0f, (max.y - min.y - float(rows) * row_min) / float(rows - 1));
    const float rh = std::max(row_min, std::min(L.Px(110), (max.y - min.y - gap * float(rows - 1)) / float(rows)));
    const float col_w = (max.x - min.x - col_gap * float(columns - 1)) / float(columns);
    const std::vector<widgets::Bar> bars = Bars(ctx, s, q, answer_id);
    long long most = 0;
    for (const widgets::Bar& b : bars)
        most = std::max(most, b.Count);
    const float button_w = L.Px(140), count_w = L.Px(140);
    const float label_w = col_w - 2 * button_w - count_w - 3 * gap;
    for (size_t i = 0; i < n; i++) {
        const content::Option& o = q.Options[i];
        const float y = min.y + (rh + gap) * float(i % rows);
        float x = min.x + (col_w + col_gap) * float(i / rows);
        const float bar_h = bars_inline ? std::max(L.Px(10), rh * 0.18f) : 0.0f;
        TextInBox(t, t.Button, Tr(ctx, s, o.Label), ImVec2(x, y), ImVec2(x + label_w, y + rh - bar_h * 1.5f), t.Text);
        if (bars_inline) { // the share, as a bar in a frame (the count beside it says the number)
            ImDrawList* dl = ImGui::GetWindowDrawList();
            const ImVec2 b0(x, y + rh - bar_h), b1(x + label_w, y + rh);
            if (most > 0)
                dl->AddRectFilled(b0, ImVec2(x + label_w * float(bars[i].Count) / float(most), b1.y), t.Primary, L.Px(4));
            dl->AddRect(b0, b1, t.CardBorder, L.Px(4), 0, std::max(1.0f, L.Px(2)));
        }
        x += label_w + gap;
        if (TouchButton(t, id_prefix + o.Id + ".min", "-", ImVec2(x, y), ImVec2(button_w, rh), ButtonKind::Card))
            out->push_back(CampfireAction{CampfireKind::HandDown, o.Id});
        x += button_w + gap;
        TextInBox(t, t.Title, std::to_string(bars[i].Count), ImVec2(x, y), ImVec2(x + count_w, y + rh), t.Text);
        x += count_w + gap;
        if (TouchButton(t, id_prefix + o.Id + ".plus", "+", ImVec2(x, y), ImVec2(button_w, rh), ButtonKind::Card))
            out->push_back(CampfireAction{CampfireKind::HandUp, o.Id});
    }
}

// The mode row's height and the gaps around it.
float ModeRowHeight(const widgets::Theme& t, const Layout& L) {
    return std::max(L.Px(100), t.MinTargetPx() + L.Px(6)) + L.Px(44);
}

// The question's bottom bar: back, the note of what was said (with its start once there
// is one), the reveal, next.
void DrawQuestionBar(const ScreenContext& ctx, const FlowState& s, const Layout& L, const std::string& answer_id,
                     std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const CampfireState& g = s.Campfire;
    const float bar_y = L.Px(kBarY), bar_h = L.Px(kBarH);
    if (TouchButton(t, "campfire-back", U(ctx, s, "campfire.back"), ImVec2(L.Px(80), bar_y), ImVec2(L.Px(440), bar_h),
                    ButtonKind::Quiet))
        out->push_back(CampfireAction{CampfireKind::Back});
    auto note = g.Notes.find(answer_id);
    const bool noted = note != g.Notes.end() && !note->second.empty();
    std::string note_label = U(ctx, s, "campfire.note");
    if (noted) {
        std::string start = note->second.substr(0, 40);
        while (!start.empty() && (((unsigned char)start.back()) & 0xC0) == 0x80) // not in the middle of a character
            start.pop_back();
        if (!start.empty() && ((unsigned char)start.back()) >= 0xC0)
            start.pop_back();
        note_label = U(ctx, s, "campfire.noted") + " " + start + (start.size() < note->second.size() ? "..." : "");
    }
    if (TouchButton(t, "campfire-note", note_label, ImVec2(L.Px(540), bar_y), ImVec2(L.Px(440), bar_h), ButtonKind::Card,
                    Pictogram::None, noted))
        out->push_back(CampfireAction{CampfireKind::Edit, "note"});
    if (TouchButton(t, "campfire-reveal", U(ctx, s, g.Revealed ? "campfire.hide" : "campfire.reveal"),
                    ImVec2(L.Px(1000), bar_y), ImVec2(L.Px(400), bar_h), ButtonKind::Card))
        out->push_back(CampfireAction{CampfireKind::Reveal});
    const bool last = g.ItemIndex + 1 >= int(g.Items.size());
    if (TouchButton(t, "campfire-next", U(ctx, s, last ? "campfire.last" : "campfire.next"),
                    ImVec2(L.Display.x - L.Px(80 + 420), bar_y), ImVec2(L.Px(420), bar_h), ButtonKind::Primary))
        out->push_back(CampfireAction{CampfireKind::Next});
}

void DrawCampfireQuestion(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const CampfireState& g = s.Campfire;
    const content::Question* q = CampfireQuestion(*ctx.Flow, s);
    const content::Poll* poll = ctx.Flow->Pack->FindPoll(g.PollId);
    if (!q || !poll)
        return;
    const CampfireItem& item = g.Items[size_t(g.ItemIndex)];
    const std::string answer_id = CampfireAnswerId(item);
    const float width = L.Display.x - L.Px(200);

    float y = L.Top();
    const std::string progress =
        Fill(ctx, s, "campfire.progress",
             {{"title", Tr(ctx, s, poll->Title)}, {"n", std::to_string(g.ItemIndex + 1)}, {"total", std::to_string(g.Items.size())}});
    y += TextBlock(t, t.Small, progress, L.Px(100), y, width, t.TextMuted) + L.Px(6);
    // The question big, for the group to read from a step away; a matrix row says its topic.
    // Smaller letters only when the answers would not fit under it (many options counted
    // by hand, large text, a small screen).
    std::string prompt = Tr(ctx, s, q->Prompt);
    for (const content::Option& row : q->Rows)
        if (row.Id == item.RowId)
            prompt += "  -  " + Tr(ctx, s, row.Label);
    const size_t n = q->Options.size();
    const bool budget = q->Type == QuestionType::Budget; // the group divides together: + and -
    const bool hands = g.Mode == CountMode::Hands || budget;
    const float gap = L.Px(20), min_row = std::max(L.Px(84), t.MinTargetPx() + L.Px(6));
    // Counting hands for many options on a small screen: two columns across the width.
    // A failed write is said where the hint goes, always: its room is counted first.
    const std::string warning = MessageText(ctx, s);
    const float warning_h = warning.empty() ? 0.0f : widgets::TextBlockHeight(t.Small, warning, L.Px(1020)) + L.Px(16);
    const float one_column = float(n) * min_row + float(n - 1) * gap;
    const float below_title = L.Px(kAreaBottom) - y - ModeRowHeight(t, L) - warning_h;
    const size_t hand_columns = hands && one_column + widgets::TextBlockHeight(t.Body, prompt, width) > below_title ? 2 : 1;
    const size_t rows = hands ? (n + hand_columns - 1) / hand_columns
                              : (n + TapColumns(n) - 1) / TapColumns(n);
    const float answers_h = float(rows) * min_row + float(rows - 1) * gap;
    const float mode_h = ModeRowHeight(t, L) - L.Px(44), mode_w = L.Px(460);
    const float room = L.Px(kAreaBottom) - y - L.Px(20) - mode_h - L.Px(24) - warning_h - answers_h;
    ImFont* font = t.Body;
    for (ImFont* f : {t.Title, t.Button})
        if (widgets::TextBlockHeight(f, prompt, width) <= room) {
            font = f;
            break;
        }
    const bool tight = hand_columns == 2; // many options counted by hand: every pixel for the rows
    y += TextBlock(t, font, prompt, L.Px(100), y, width, t.Text) + L.Px(tight ? 8 : 20);

    // The mode switch, and how many votes so far (never per option before the reveal). A
    // budget has no modes: the remainder, big, in their place.
    if (!budget && TouchButton(t, "campfire-mode-taps", U(ctx, s, "campfire.mode_taps"), ImVec2(L.Px(100), y),
                               ImVec2(mode_w, mode_h), ButtonKind::Card, Pictogram::None, g.Mode == CountMode::Taps))
        out->push_back(CampfireAction{CampfireKind::Mode, "taps"});
    if (!budget && TouchButton(t, "campfire-mode-hands", U(ctx, s, "campfire.mode_hands"),
                               ImVec2(L.Px(100) + mode_w + L.Px(24), y), ImVec2(mode_w, mode_h), ButtonKind::Card,
                               Pictogram::None, g.Mode == CountMode::Hands))
        out->push_back(CampfireAction{CampfireKind::Mode, "hands"});
    const ImVec2 status_min(L.Px(100) + 2 * mode_w + L.Px(60), y), status_max(L.Display.x - L.Px(100), y + mode_h);
    if (budget) {
        const std::string left = Fill(ctx, s, "campfire.budget_left",
                                      {{"n", std::to_string(BudgetLeft(*q, g, answer_id))},
                                       {"total", std::to_string(q->Total)}, {"unit", Tr(ctx, s, q->Unit)}});
        TextInBox(t, t.Title, left, ImVec2(L.Px(100), y), status_max, t.Text);
    } else if (ctx.Now < g.ConfirmUntil) { // "Stem geteld", big, in a bar of its own colour
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(status_min, status_max, t.Primary, L.Px(18));
        const float mark = mode_h * 0.7f; // a check mark, then the words
        widgets::DrawPictogram(dl, Pictogram::Yes, ImVec2(status_min.x + L.Px(24), y + (mode_h - mark) * 0.5f), mark,
                               t.PrimaryText);
        TextInBox(t, t.Title, U(ctx, s, "campfire.vote_counted"), ImVec2(status_min.x + mark + L.Px(40), status_min.y),
                  status_max, t.PrimaryText);
    } else {
        const std::string votes = Fill(ctx, s, "campfire.votes",
                                       {{"n", std::to_string(CampfireTotal(g, answer_id))}, {"present", std::to_string(g.Present)}});
        TextInBox(t, t.Button, votes, status_min, status_max, t.Text);
    }
    y += mode_h + (tight ? t.MinSpacingPx() + 1.0f : L.Px(24));

    // The answers on the left (with a hint when there is room), the chart (or why it is
    // hidden) on the right.
    const char* hint_key = budget                                                         ? "campfire.budget_hint"
                           : hands                                                        ? "campfire.hands_hint"
                           : q->Type == QuestionType::Top                                 ? "campfire.top_hint"
                           : q->Type == QuestionType::Multiple                            ? "campfire.multi_hint"
                                                                                          : "campfire.tap_hint";
    const std::string hint = !warning.empty() ? warning : U(ctx, s, hint_key);
    float area_top = y;
    if (!warning.empty() ||
        y + widgets::TextBlockHeight(t.Small, hint, L.Px(1020)) + L.Px(16) + answers_h <= L.Px(kAreaBottom))
        area_top += TextBlock(t, t.Small, hint, L.Px(100), y, L.Px(1020), warning.empty() ? t.TextMuted : t.Warning) +
                    L.Px(16);
    const std::string prefix = answer_id + ".";
    if (hand_columns == 2) { // the whole width; the reveal shows bars in the rows
        DrawHandRows(ctx, s, L, *q, answer_id, prefix, ImVec2(L.Px(100), area_top),
                     ImVec2(L.Display.x - L.Px(100), L.Px(kAreaBottom)), 2, g.Revealed, out);
    } else {
        const ImVec2 area_min(L.Px(100), area_top), area_max(L.Px(1120), L.Px(kAreaBottom));
        if (!hands)
            DrawTapCards(ctx, s, L, *q, prefix, area_min, area_max, out);
        else
            DrawHandRows(ctx, s, L, *q, answer_id, prefix, area_min, area_max, 1, false, out);

        const ImVec2 chart_min(L.Px(1180), y), chart_max(L.Display.x - L.Px(100), L.Px(kAreaBottom));
        if (g.Revealed) {
            const float head = TextBlock(t, t.Button, U(ctx, s, "campfire.result"), chart_min.x, chart_min.y,
                                         chart_max.x - chart_min.x, t.Text) + L.Px(12);
            widgets::BarChart(t, Bars(ctx, s, *q, answer_id), ImVec2(chart_min.x, chart_min.y + head),
                              ImVec2(chart_max.x - chart_min.x, chart_max.y - chart_min.y - head));
        } else {
            ImDrawList* dl = ImGui::GetWindowDrawList();
            dl->AddRect(chart_min, chart_max, t.CardBorder, L.Px(18), 0, L.Px(3));
            const float pad = L.Px(24);
            TextInBox(t, t.Body, U(ctx, s, "campfire.hidden"), ImVec2(chart_min.x + pad, chart_min.y + pad),
                      ImVec2(chart_max.x - pad, chart_max.y - pad), t.TextMuted);
        }
    }

    DrawQuestionBar(ctx, s, L, answer_id, out);
}

//-----------------------------------------------------------------------------
// [SECTION] agreements
//-----------------------------------------------------------------------------

void DrawAgreements(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const CampfireState& g = s.Campfire;
    const float width = L.Display.x - L.Px(200);
    float y = L.Top();
    y += TextBlock(t, t.Title, U(ctx, s, "agreement.list_title"), L.Px(100), y, width, t.Text) + L.Px(10);
    y += TextBlock(t, t.Small, SessionLine(ctx, s), L.Px(100), y, width, t.TextMuted) + L.Px(20);
    if (!g.Message.empty()) // an agreement that could not be stored
        y += DrawMessage(ctx, s, L, y) + L.Px(12);
    if (g.Agreements.empty())
        TextBlock(t, t.Body, U(ctx, s, "agreement.none"), L.Px(100), y, width, t.TextMuted);
    const float h = L.Px(100), gap = L.Px(20);
    const int fit = std::max(1, int((L.Px(kAreaBottom) - y + gap) / (h + gap)));
    const int n = int(g.Agreements.size());
    const int shown = n > fit ? fit - 1 : n; // the last row then says how many more
    for (int i = 0; i < shown; i++) {
        if (TouchButton(t, "agreement-" + std::to_string(i + 1),
                        std::to_string(i + 1) + ". " + AgreementLine(ctx, s, g.Agreements[size_t(i)]),
                        ImVec2(L.Px(100), y), ImVec2(width, h), ButtonKind::Card))
            out->push_back(CampfireAction{CampfireKind::AgreementOpen, std::to_string(i)});
        y += h + gap;
    }
    if (shown < n)
        TextInBox(t, t.Body, Fill(ctx, s, "agreement.more", {{"n", std::to_string(n - shown)}}), ImVec2(L.Px(100), y),
                  ImVec2(L.Px(100) + width, y + h), t.TextMuted);

    const float bar_y = L.Px(kBarY), bar_h = L.Px(kBarH);
    if (TouchButton(t, "campfire-back", U(ctx, s, "agreement.back"), ImVec2(L.Px(80), bar_y), ImVec2(L.Px(400), bar_h),
                    ButtonKind::Quiet))
        out->push_back(CampfireAction{CampfireKind::Back});
    if (!g.Previous.empty() &&
        TouchButton(t, "agreements-previous",
                    Fill(ctx, s, "previous.open", {{"n", std::to_string(g.Previous.size())}}),
                    ImVec2(L.Px(500), bar_y), ImVec2(L.Px(600), bar_h), ButtonKind::Card))
        out->push_back(CampfireAction{CampfireKind::OpenPrevious});
    if (TouchButton(t, "agreement-new", U(ctx, s, "agreement.new"), ImVec2(L.Display.x - L.Px(80 + 700), bar_y),
                    ImVec2(L.Px(700), bar_h), ButtonKind::Primary))
        out->push_back(CampfireAction{CampfireKind::AgreementNew});
}

//-----------------------------------------------------------------------------
// [SECTION] stap 3: the agreements from before
//-----------------------------------------------------------------------------

std::string StatusText(const ScreenContext& ctx, const FlowState& s, const std::string& status) {
    return U(ctx, s, ("previous.status_" + (status == "klaar" ? std::string("gedaan") : status)).c_str());
}

// One agreement from before: what, who, when made; its status and note.
std::string PreviousLine(const ScreenContext& ctx, const FlowState& s, const Agreement& a) {
    std::string line = a.What + "  -  " + WhoText(ctx, s, a.Who);
    if (!a.HeldOn.empty())
        line += "  -  " + Fill(ctx, s, "previous.made", {{"date", ShowDate(a.HeldOn)}});
    line += "\n" + StatusText(ctx, s, a.Status);
    if (!a.Note.empty())
        line += ": " + a.Note;
    return line;
}

void DrawPreviousOne(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const CampfireState& g = s.Campfire;
    const Agreement& a = g.Previous[size_t(g.PreviousIndex)];
    const float width = L.Display.x - L.Px(200);
    float y = L.Top();
    y += TextBlock(t, t.Button, U(ctx, s, "previous.change_title"), L.Px(100), y, width, t.TextMuted) + L.Px(8);
    y += TextBlock(t, t.Title, a.What, L.Px(100), y, width, t.Text) + L.Px(8);
    std::string who = WhoText(ctx, s, a.Who);
    if (!a.Due.empty())
        who += "  -  " + Fill(ctx, s, "agreement.due", {{"date", ShowDate(a.Due)}});
    y += TextBlock(t, t.Body, who, L.Px(100), y, width, t.TextMuted) + L.Px(30);

    const float x = L.Px(560), w = L.Display.x - L.Px(100) - x, gap = L.Px(22), h = L.Px(110);
    RowLabel(ctx, L, U(ctx, s, "previous.how"), y, h);
    const char* statuses[] = {"open", "bezig", "gedaan", "lukt-niet"};
    const float sw = (w - gap * 3) / 4;
    for (size_t i = 0; i < 4; i++)
        if (TouchButton(t, std::string("previous-status-") + statuses[i], StatusText(ctx, s, statuses[i]),
                        ImVec2(x + (sw + gap) * float(i), y), ImVec2(sw, h), ButtonKind::Card, Pictogram::None,
                        g.PreviousStatus == statuses[i]))
            out->push_back(CampfireAction{CampfireKind::PreviousStatus, statuses[i]});
    y += h + gap * 2;
    RowLabel(ctx, L, U(ctx, s, "previous.note"), y, h * 1.5f);
    if (TouchButton(t, "previous-note", g.PreviousNote.empty() ? U(ctx, s, "previous.note_empty") : g.PreviousNote,
                    ImVec2(x, y), ImVec2(w, h * 1.5f), ButtonKind::Card))
        out->push_back(CampfireAction{CampfireKind::Edit, "previous-note"});

    const float bar_y = L.Px(kBarY), bar_h = L.Px(kBarH);
    if (TouchButton(t, "previous-cancel", U(ctx, s, "agreement.cancel"), ImVec2(L.Px(80), bar_y),
                    ImVec2(L.Px(340), bar_h), ButtonKind::Quiet))
        out->push_back(CampfireAction{CampfireKind::PreviousCancel});
    if (TouchButton(t, "previous-save", U(ctx, s, "previous.save"), ImVec2(L.Display.x - L.Px(80 + 560), bar_y),
                    ImVec2(L.Px(560), bar_h), ButtonKind::Primary))
        out->push_back(CampfireAction{CampfireKind::PreviousSave});
}

// "Afspraken van vorige keer": the wijk's agreements from before, each with its status;
// tap one to say how it went.
void DrawPrevious(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const CampfireState& g = s.Campfire;
    if (g.PreviousIndex >= 0 && g.PreviousIndex < int(g.Previous.size())) {
        DrawPreviousOne(ctx, s, L, out);
        return;
    }
    const widgets::Theme& t = *ctx.Theme;
    const float width = L.Display.x - L.Px(200);
    float y = L.Top();
    y += TextBlock(t, t.Title, U(ctx, s, "previous.title"), L.Px(100), y, width, t.Text) + L.Px(6);
    y += TextBlock(t, t.Small, SessionLine(ctx, s), L.Px(100), y, width, t.TextMuted) + L.Px(6);
    y += TextBlock(t, t.Body, U(ctx, s, "previous.intro"), L.Px(100), y, width, t.TextMuted) + L.Px(16);
    if (!g.Message.empty())
        y += DrawMessage(ctx, s, L, y) + L.Px(10);
    const float h = std::max(L.Px(120), t.MinTargetPx() + 1.0f), gap = std::max(L.Px(20), t.MinSpacingPx() + 1.0f);
    const int fit = std::max(1, int((L.Px(kAreaBottom) - y + gap) / (h + gap)));
    const int n = int(g.Previous.size());
    const int shown = n > fit ? fit - 1 : n; // the last row then says how many more
    for (int i = 0; i < shown; i++) {
        if (TouchButton(t, "previous-" + std::to_string(i + 1),
                        std::to_string(i + 1) + ". " + PreviousLine(ctx, s, g.Previous[size_t(i)]), ImVec2(L.Px(100), y),
                        ImVec2(width, h), ButtonKind::Card))
            out->push_back(CampfireAction{CampfireKind::PreviousOpen, std::to_string(i)});
        y += h + gap;
    }
    if (shown < n)
        TextInBox(t, t.Body, Fill(ctx, s, "agreement.more", {{"n", std::to_string(n - shown)}}), ImVec2(L.Px(100), y),
                  ImVec2(L.Px(100) + width, y + h), t.TextMuted);
    const float bar_y = L.Px(kBarY), bar_h = L.Px(kBarH);
    if (TouchButton(t, "previous-done", U(ctx, s, "previous.done"), ImVec2(L.Display.x - L.Px(80 + 800), bar_y),
                    ImVec2(L.Px(800), bar_h), ButtonKind::Primary))
        out->push_back(CampfireAction{CampfireKind::PreviousDone});
}

void DrawAgreement(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const CampfireState& g = s.Campfire;
    const Agreement& d = g.Draft;
    float y = L.Top();
    y += TextBlock(t, t.Button, U(ctx, s, "agreement.title"), L.Px(100), y, L.Display.x - L.Px(200), t.Text) +
         L.Px(14);
    const std::vector<const content::Question*> vlekken = CampfireOutcome(*ctx.Flow, g).WitteVlekken;
    const int rows = vlekken.empty() ? 4 : 5;
    const float gap = L.Px(22), message = g.Message.empty() ? 0 : L.Px(56);
    const float h = std::min(L.Px(110), (L.Px(kAreaBottom) - y - message - gap * float(rows)) / float(rows));
    const float x = L.Px(560), w = L.Display.x - L.Px(100) - x;

    RowLabel(ctx, L, U(ctx, s, "agreement.what"), y, h);
    if (TouchButton(t, "agreement-what", d.What.empty() ? U(ctx, s, "agreement.what_empty") : d.What, ImVec2(x, y),
                    ImVec2(w, h), ButtonKind::Card))
        out->push_back(CampfireAction{CampfireKind::Edit, "what"});
    y += h + gap;

    RowLabel(ctx, L, U(ctx, s, "agreement.who"), y, h);
    const bool named = !d.Who.empty() && d.Who != "wijk" && d.Who != "gemeente" && d.Who != "samen";
    struct Who {
        const char* Id;
        std::string Label;
        bool Selected;
        Action Act;
    } whos[] = {
        {"who-wijk", U(ctx, s, "agreement.who_wijk"), d.Who == "wijk", CampfireAction{CampfireKind::AgreementWho, "wijk"}},
        {"who-gemeente", U(ctx, s, "agreement.who_gemeente"), d.Who == "gemeente", CampfireAction{CampfireKind::AgreementWho, "gemeente"}},
        {"who-samen", U(ctx, s, "agreement.who_samen"), d.Who == "samen", CampfireAction{CampfireKind::AgreementWho, "samen"}},
        {"who-group", named ? d.Who : U(ctx, s, "agreement.who_group"), named, CampfireAction{CampfireKind::Edit, "who-group"}},
    };
    const float ww = (w - gap * 3) / 4;
    for (size_t i = 0; i < 4; i++)
        if (TouchButton(t, whos[i].Id, whos[i].Label, ImVec2(x + (ww + gap) * float(i), y), ImVec2(ww, h),
                        ButtonKind::Card, Pictogram::None, whos[i].Selected))
            out->push_back(whos[i].Act);
    y += h + gap;

    RowLabel(ctx, L, U(ctx, s, "agreement.when"), y, h);
    {
        const std::string due = d.Due.empty() ? U(ctx, s, "agreement.no_due")
                                              : Fill(ctx, s, "agreement.due", {{"date", ShowDate(d.Due)}});
        if (TouchButton(t, "due-min", U(ctx, s, "agreement.week_earlier"), ImVec2(x, y), ImVec2(L.Px(260), h),
                        ButtonKind::Card))
            out->push_back(CampfireAction{CampfireKind::AgreementDue, "-7"});
        TextInBox(t, t.Button, due, ImVec2(x + L.Px(280), y), ImVec2(x + L.Px(820), y + h), t.Text);
        if (TouchButton(t, "due-plus", U(ctx, s, "agreement.week_later"), ImVec2(x + L.Px(840), y), ImVec2(L.Px(260), h),
                        ButtonKind::Card))
            out->push_back(CampfireAction{CampfireKind::AgreementDue, "+7"});
    }
    y += h + gap;

    // What it answers: a kompas point, or one of the group's witte vlekken (tap again: none).
    RowLabel(ctx, L, U(ctx, s, "agreement.answers"), y, h);
    std::vector<const content::Poll*> kompas;
    for (const content::Poll& z : ctx.Flow->Pack->Zones)
        if (z.Kind == content::PollKind::Kompas)
            kompas.push_back(&z);
    auto answer_row = [&](const std::vector<std::pair<std::string, std::string>>& choices) {
        if (choices.empty())
            return;
        const float cw = (w - gap * float(choices.size() - 1)) / float(choices.size());
        for (size_t i = 0; i < choices.size(); i++)
            if (TouchButton(t, "answers-" + choices[i].first, choices[i].second, ImVec2(x + (cw + gap) * float(i), y),
                            ImVec2(cw, h), ButtonKind::Card, Pictogram::None, d.Answers == choices[i].first))
                out->push_back(CampfireAction{CampfireKind::AgreementAnswers, choices[i].first});
        y += h + gap;
    };
    std::vector<std::pair<std::string, std::string>> points, spots;
    for (const content::Poll* z : kompas)
        points.push_back({z->Id, Tr(ctx, s, z->Title)});
    for (size_t i = 0; i < vlekken.size() && i < 3; i++)
        spots.push_back({vlekken[i]->Id, U(ctx, s, "agreement.vlek") + " " + Tr(ctx, s, vlekken[i]->Prompt)});
    answer_row(points);
    answer_row(spots);
    if (!g.Message.empty())
        DrawMessage(ctx, s, L, y);

    const float bar_y = L.Px(kBarY), bar_h = L.Px(kBarH);
    if (TouchButton(t, "agreement-cancel", U(ctx, s, "agreement.cancel"), ImVec2(L.Px(80), bar_y),
                    ImVec2(L.Px(340), bar_h), ButtonKind::Quiet))
        out->push_back(CampfireAction{CampfireKind::AgreementCancel});
    const char* statuses[] = {"open", "bezig", "klaar"};
    float sx = L.Px(470);
    for (const char* st : statuses) {
        if (TouchButton(t, std::string("status-") + st, U(ctx, s, (std::string("agreement.status_") + st).c_str()),
                        ImVec2(sx, bar_y), ImVec2(L.Px(270), bar_h), ButtonKind::Card, Pictogram::None, d.Status == st))
            out->push_back(CampfireAction{CampfireKind::AgreementStatus, st});
        sx += L.Px(295);
    }
    if (TouchButton(t, "agreement-save", U(ctx, s, "agreement.save"), ImVec2(L.Display.x - L.Px(80 + 460), bar_y),
                    ImVec2(L.Px(460), bar_h), ButtonKind::Primary))
        out->push_back(CampfireAction{CampfireKind::AgreementSave});
}

//-----------------------------------------------------------------------------
// [SECTION] summary
//-----------------------------------------------------------------------------

// Lines of a list in [y, bottom): each drawn only if it fits whole; then "en nog N".
float DrawList(const ScreenContext& ctx, const FlowState& s, const std::vector<std::string>& lines, float x, float y,
               float width, float bottom) {
    const widgets::Theme& t = *ctx.Theme;
    const float more_h = t.Small->FontSize * 1.3f;
    for (size_t i = 0; i < lines.size(); i++) {
        const std::string line = "\u2022 " + lines[i];
        const float h = widgets::TextBlockHeight(t.Small, line, width);
        const bool last = i + 1 == lines.size();
        if (y + h + (last ? 0 : more_h) > bottom) {
            const std::string more = Fill(ctx, s, "summary.more", {{"n", std::to_string(lines.size() - i)}});
            if (y + widgets::TextBlockHeight(t.Small, more, width) <= bottom) // else not even that fits (large text)
                y += TextBlock(t, t.Small, more, x, y, width, t.TextMuted);
            break;
        }
        y += TextBlock(t, t.Small, line, x, y, width, t.Text) + ctx.Theme->Px(4);
    }
    return y;
}

// Where to save, once "Opslaan op USB-stick" was tapped: the folders found, or none.
void DrawExportTargets(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const CampfireState& g = s.Campfire;
    const float bar_y = L.Px(kBarY), bar_h = L.Px(kBarH);
    float x = L.Px(80);
    TextInBox(t, t.Button, U(ctx, s, g.TargetsLoaded && g.Targets.empty() ? "summary.no_target" : "summary.choose_target"),
              ImVec2(x, bar_y - L.Px(70)), ImVec2(L.Display.x - L.Px(80), bar_y - L.Px(10)), t.Text);
    const size_t n = std::min<size_t>(g.Targets.size(), 3);
    for (size_t i = 0; i < n; i++) {
        if (TouchButton(t, "export-" + std::to_string(i + 1), g.Targets[i], ImVec2(x, bar_y), ImVec2(L.Px(440), bar_h),
                        ButtonKind::Primary))
            out->push_back(CampfireAction{CampfireKind::Export, g.Targets[i]});
        x += L.Px(460);
    }
    if (g.TargetsLoaded && g.Targets.empty()) {
        if (TouchButton(t, "export-retry", U(ctx, s, "summary.retry"), ImVec2(x, bar_y), ImVec2(L.Px(440), bar_h),
                        ButtonKind::Card))
            out->push_back(CampfireAction{CampfireKind::ExportChoose});
    }
    if (TouchButton(t, "export-cancel", U(ctx, s, "summary.cancel"), ImVec2(L.Display.x - L.Px(80 + 360), bar_y),
                    ImVec2(L.Px(360), bar_h), ButtonKind::Quiet))
        out->push_back(CampfireAction{CampfireKind::ExportCancel});
}

// The summary's page after the charts: what was said, per question.
void DrawNotesPage(const ScreenContext& ctx, const FlowState& s, const Layout& L, float rx, float ry, float rw,
                   float bottom) {
    const widgets::Theme& t = *ctx.Theme;
    const CampfireState& g = s.Campfire;
    ry += TextBlock(t, t.Button, U(ctx, s, "summary.notes"), rx, ry, rw, t.Text) + L.Px(8);
    const std::vector<std::string> noted = SummaryNotes(*ctx.Flow, g);
    for (size_t i = 0; i < noted.size(); i++) {
        const std::string& id = noted[i];
        const float need = widgets::TextBlockHeight(t.Small, ItemHeading(ctx, s, id), rw) +
                           widgets::TextBlockHeight(t.Body, g.Notes.at(id), rw) + L.Px(16);
        if (ry + need > bottom) {
            const std::string more = Fill(ctx, s, "summary.more", {{"n", std::to_string(noted.size() - i)}});
            if (ry + widgets::TextBlockHeight(t.Small, more, rw) <= bottom)
                TextBlock(t, t.Small, more, rx, ry, rw, t.TextMuted);
            break;
        }
        ry += TextBlock(t, t.Small, ItemHeading(ctx, s, id), rx, ry, rw, t.TextMuted) + L.Px(2);
        ry += TextBlock(t, t.Body, g.Notes.at(id), rx, ry, rw, t.Text) + L.Px(14);
    }
}

void DrawSummary(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const CampfireState& g = s.Campfire;
    const float width = L.Display.x - L.Px(200);
    float y = L.Top();
    y += TextBlock(t, t.Button, Fill(ctx, s, "summary.title", {{"name", g.Name}}), L.Px(100), y, width, t.Text) + L.Px(4);
    y += TextBlock(t, t.Small, SessionLine(ctx, s), L.Px(100), y, width, t.TextMuted) + L.Px(12);
    const float message_h = g.Message.empty() || g.Choosing
                                ? 0.0f
                                : widgets::TextBlockHeight(t.Body, MessageText(ctx, s), L.Display.x - L.Px(200)) +
                                      L.Px(12); // measured as DrawMessage draws it
    const float bottom = L.Px(kAreaBottom) - message_h - (g.Choosing ? L.Px(80) : 0.0f); // room to say where to save
    const float top = y;

    // Left: the group's outcome, its witte vlekken, the agreements.
    const float lx = L.Px(100), lw = L.Px(660);
    const content::Outcome outcome = CampfireOutcome(*ctx.Flow, g);
    float ly = top;
    ly += TextBlock(t, t.Body, U(ctx, s, outcome.Lean ? "summary.lean" : "summary.no_lean"), lx, ly, lw, t.TextMuted) +
          L.Px(4);
    if (outcome.Lean)
        ly += TextBlock(t, t.Button, Tr(ctx, s, outcome.Lean->Label), lx, ly, lw, t.Text) + L.Px(12);
    const float third = (bottom - ly) / 2;
    ly += TextBlock(t, t.Body, U(ctx, s, "summary.vlekken"), lx, ly, lw, t.TextMuted) + L.Px(4);
    std::vector<std::string> lines;
    for (const content::Question* q : outcome.WitteVlekken)
        lines.push_back(Tr(ctx, s, q->Prompt));
    if (lines.empty())
        lines.push_back(U(ctx, s, "summary.no_vlekken"));
    ly = DrawList(ctx, s, lines, lx, ly, lw, ly + third) + L.Px(12);
    ly += TextBlock(t, t.Body, U(ctx, s, "summary.agreements"), lx, ly, lw, t.TextMuted) + L.Px(4);
    lines.clear();
    for (const Agreement& a : g.Agreements)
        lines.push_back(AgreementLine(ctx, s, a));
    if (lines.empty())
        lines.push_back(U(ctx, s, "summary.no_agreements"));
    DrawList(ctx, s, lines, lx, ly, lw, bottom);

    // Right: the charts of this page, in two columns (SummaryLayout packs them).
    // The page after the charts: what was said, per question (the facilitator's notes).
    const std::vector<SummaryPage> pages = SummaryLayout(*ctx.Flow, g);
    const int total = SummaryPages(*ctx.Flow, g);
    const int page = std::clamp(g.SummaryPage, 0, total - 1);
    const float rx = L.Px(820), rw = L.Display.x - L.Px(100) - rx;
    float ry = top;
    if (total > 1)
        ry += TextBlock(t, t.Small,
                        Fill(ctx, s, "summary.page", {{"n", std::to_string(page + 1)}, {"total", std::to_string(total)}}),
                        rx, ry, rw, t.TextMuted) +
              L.Px(6);
    if (page >= int(pages.size())) {
        DrawNotesPage(ctx, s, L, rx, ry, rw, bottom);
    } else if (pages[size_t(page)].empty())
        TextBlock(t, t.Body, U(ctx, s, "summary.no_charts"), rx, ry, rw, t.TextMuted);
    const float gap = L.Px(30), cw = (rw - gap) / 2;
    const size_t columns = page < int(pages.size()) ? pages[size_t(page)].size() : 0;
    for (size_t c = 0; c < columns; c++) {
        const std::vector<std::string>& column = pages[size_t(page)][c];
        // Each chart its share of the column's height, by what it asks for.
        float asked = 0;
        for (const std::string& id : column)
            if (const content::Question* q = content::QuestionOfAnswer(*ctx.Flow->Pack, id))
                asked += SummaryChartPx(*q);
        const float room = bottom - ry - gap * float(column.size() - 1);
        float cy = ry;
        for (const std::string& id : column) {
            const content::Question* q = content::QuestionOfAnswer(*ctx.Flow->Pack, id);
            if (!q)
                continue;
            const float ch = room * SummaryChartPx(*q) / std::max(asked, 1.0f);
            const ImVec2 pos(rx + (cw + gap) * float(c), cy);
            const float head = std::min(t.Small->FontSize * 2.5f, ch * 0.35f);
            TextInBox(t, t.Small, ItemHeading(ctx, s, id), pos, ImVec2(pos.x + cw, pos.y + head), t.Text);
            widgets::BarChart(t, Bars(ctx, s, *q, id), ImVec2(pos.x, pos.y + head + L.Px(8)),
                              ImVec2(cw, ch - head - L.Px(8)));
            cy += ch + gap;
        }
    }
    if (!g.Choosing && !g.Message.empty())
        DrawMessage(ctx, s, L, bottom + L.Px(6));

    // The bottom bar; or where to save, once "Opslaan op USB-stick" was tapped.
    const float bar_y = L.Px(kBarY), bar_h = L.Px(kBarH);
    if (g.Choosing) {
        DrawExportTargets(ctx, s, L, out);
        return;
    }
    float x = L.Px(80);
    if (TouchButton(t, "campfire-back", U(ctx, s, "summary.back"), ImVec2(x, bar_y), ImVec2(L.Px(300), bar_h),
                    ButtonKind::Quiet))
        out->push_back(CampfireAction{CampfireKind::Back});
    x += L.Px(320);
    if (TouchButton(t, "campfire-agreements", Fill(ctx, s, "campfire.agreements", {{"n", std::to_string(g.Agreements.size())}}),
                    ImVec2(x, bar_y), ImVec2(L.Px(380), bar_h), ButtonKind::Card))
        out->push_back(CampfireAction{CampfireKind::OpenAgreements});
    x += L.Px(400);
    if (total > 1) {
        if (TouchButton(t, "summary-prev", "<", ImVec2(x, bar_y), ImVec2(L.Px(120), bar_h), ButtonKind::Card))
            out->push_back(CampfireAction{CampfireKind::Page, "-1"});
        if (TouchButton(t, "summary-next", ">", ImVec2(x + L.Px(140), bar_y), ImVec2(L.Px(120), bar_h), ButtonKind::Card))
            out->push_back(CampfireAction{CampfireKind::Page, "+1"});
    }
    x += L.Px(280);
    if (TouchButton(t, "campfire-export", U(ctx, s, "summary.export"), ImVec2(x, bar_y), ImVec2(L.Px(440), bar_h),
                    ButtonKind::Primary))
        out->push_back(CampfireAction{CampfireKind::ExportChoose});
    if (TouchButton(t, "campfire-end", U(ctx, s, "summary.end"), ImVec2(L.Display.x - L.Px(80 + 300), bar_y),
                    ImVec2(L.Px(300), bar_h), ButtonKind::Quiet))
        out->push_back(CampfireAction{CampfireKind::End});
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] entry point
//-----------------------------------------------------------------------------

void DrawCampfire(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    if (s.Campfire.Editing != CampfireField::None) {
        DrawTyping(ctx, s, L, out);
        return;
    }
    switch (s.Screen) {
    case Screen::CampfireSetup: DrawSetup(ctx, s, L, out); break;
    case Screen::CampfirePick: DrawPick(ctx, s, L, out); break;
    case Screen::CampfireQuestion: DrawCampfireQuestion(ctx, s, L, out); break;
    case Screen::CampfireAgreements: DrawAgreements(ctx, s, L, out); break;
    case Screen::CampfireAgreement: DrawAgreement(ctx, s, L, out); break;
    case Screen::CampfireSummary: DrawSummary(ctx, s, L, out); break;
    case Screen::CampfirePrevious: DrawPrevious(ctx, s, L, out); break;
    default: break;
    }
}

} // namespace kiosk
