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

// Every screen lays itself out for the screen it has (issue 15): the bottom bar of the
// resident screens (Layout::BarY, BarH), content between Layout::Top() and that bar; on a
// narrow screen the bar's buttons wrap into rows, a form's labels go over their controls
// and the question's chart goes under its answers.
constexpr float kEdge = 100; // design px: the content's margin at the sides

// The space between two buttons: the design's gap, never under 2.5 mm.
float Space(const Layout& L, float design) { return std::max(L.Px(design), L.T.MinSpacingPx() + 1.0f); }
// A button's height: the design's, never under 11.5 mm.
float Tall(const Layout& L, float design) { return std::max(L.Px(design), L.T.MinTargetPx() + 1.0f); }
float ContentX(const Layout& L) { return L.Px(kEdge); }
float ContentW(const Layout& L) { return L.Display.x - 2 * L.Px(kEdge); }

// A button of the bottom bar: its design width on a full-HD screen; joined: it stays on
// the row of the one before it when the bar wraps ("<" and ">").
struct BarButton {
    std::string Id, Label;
    ButtonKind Kind;
    float W;
    Action Act;
    bool Joined = false;
    bool Selected = false; // a card drawn as chosen (a note was made)
};

// The bottom bar: in one row where the buttons fit (shrunk to no less than 3/4 of their
// width), the last one (the way on) at the right edge; else in rows over each other, the
// last row at the bottom, each row across the width. Returns where the bar begins (px).
float DrawBar(const ScreenContext& ctx, const Layout& L, const std::vector<BarButton>& buttons,
              std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const float room = L.Display.x - 2 * L.Px(kSide), gap = L.Gap(), h = L.BarH(), least = t.MinTargetPx() + 1.0f;
    // The widths of buttons [first, end) at scale f, never under 11.5 mm.
    auto widths = [&](size_t first, size_t end, float f) {
        std::vector<float> w;
        for (size_t i = first; i < end; i++)
            w.push_back(std::max(L.Px(buttons[i].W) * f, least));
        return w;
    };
    auto need = [&](size_t first, size_t end, float f) {
        float sum = gap * float(end - first - 1);
        for (float w : widths(first, end, f))
            sum += w;
        return sum;
    };
    // Rows from the last button back; a row is full when it would shrink under 3/4.
    std::vector<std::pair<size_t, size_t>> rows; // [first, end)
    size_t end = buttons.size();
    while (end > 0) {
        size_t first = end - 1;
        while (first > 0 && buttons[first].Joined)
            first--;
        while (first > 0) {
            size_t from = first - 1; // the button before, with the ones it is joined to
            while (from > 0 && buttons[from].Joined)
                from--;
            if (need(from, end, 0.75f) > room)
                break;
            first = from;
        }
        rows.insert(rows.begin(), {first, end});
        end = first;
    }
    // As many rows, evened out: the lower rows one group more where it does not divide.
    if (rows.size() > 1) {
        std::vector<size_t> starts; // where each group (a button and the ones joined to it) begins
        for (size_t i = 0; i < buttons.size(); i++)
            if (!buttons[i].Joined || i == 0)
                starts.push_back(i);
        const size_t n = rows.size(), groups = starts.size();
        std::vector<std::pair<size_t, size_t>> even;
        size_t g = 0;
        for (size_t r = 0; r < n; r++) {
            const size_t take = groups / n + (r >= n - groups % n ? 1 : 0);
            const size_t from = starts[g], to = g + take < groups ? starts[g + take] : buttons.size();
            even.push_back({from, to});
            g += take;
        }
        bool fits = true;
        for (const auto& [from, to] : even)
            fits = fits && to > from && need(from, to, 0.75f) <= room;
        if (fits)
            rows = even;
    }
    const float top = L.BarY() - float(rows.size() - 1) * (h + gap);
    for (size_t r = 0; r < rows.size(); r++) {
        const auto [first, last] = rows[r];
        // One row: natural widths (shrunk if need be), the room left before the last button.
        // Wrapped rows: across the whole width. The scale by halving to a thousandth.
        float lo = 0.0f, hi = 16.0f;
        for (int k = 0; k < 18; k++) {
            const float mid = (lo + hi) * 0.5f;
            (need(first, last, mid) <= room ? lo : hi) = mid;
        }
        const float f = rows.size() == 1 ? std::min(1.0f, lo) : lo;
        const std::vector<float> w = widths(first, last, f);
        const float spare = room - need(first, last, f);
        float x = L.Px(kSide);
        const float y = top + float(r) * (h + gap);
        for (size_t i = first; i < last; i++) {
            if (i + 1 == last && i != first)
                x += std::max(0.0f, spare);
            const BarButton& b = buttons[i];
            if (TouchButton(t, b.Id, b.Label, ImVec2(x, y), ImVec2(w[i - first], h), b.Kind, Pictogram::None,
                            b.Selected))
                out->push_back(b.Act);
            x += w[i - first] + gap;
        }
    }
    return top;
}

// Where the content above the bar ends.
float AboveBar(const Layout& L, float bar_top) { return bar_top - L.Gap(); }

// A row of a form: its label left of the controls on a wide screen (the controls from
// x = 560 on), over them in portrait. Returns the controls' box: x, y and width.
struct Controls {
    float X, Y, W;
};
float FormLabelH(const widgets::Theme& t, const Layout& L) {
    return L.Portrait() ? t.Button->FontSize * 1.3f + L.Px(8) : 0.0f;
}
Controls FormRow(const ScreenContext& ctx, const Layout& L, const std::string& label, float y, float h) {
    const widgets::Theme& t = *ctx.Theme;
    if (L.Portrait()) {
        const float lh = FormLabelH(t, L) - L.Px(8);
        TextInBox(t, t.Button, label, ImVec2(ContentX(L), y), ImVec2(ContentX(L) + ContentW(L), y + lh), t.Text);
        return {ContentX(L), y + lh + L.Px(8), ContentW(L)};
    }
    TextInBox(t, t.Button, label, ImVec2(L.Px(kEdge), y), ImVec2(L.Px(520), y + h), t.Text);
    return {L.Px(560), y, L.Display.x - L.Px(kEdge) - L.Px(560)};
}

// Buttons in a grid of `cols` columns in [x, x + w] from y down; returns the height used.
struct GridButton {
    std::string Id, Label;
    bool Selected;
    Action Act;
};
float ButtonGrid(const ScreenContext& ctx, const Layout& L, const std::vector<GridButton>& buttons, float x, float y,
                 float w, size_t cols, float h, std::vector<Action>* out) {
    if (buttons.empty())
        return 0;
    const widgets::Theme& t = *ctx.Theme;
    cols = std::max<size_t>(1, std::min(cols, buttons.size()));
    const float gap = Space(L, 22), bw = (w - gap * float(cols - 1)) / float(cols);
    const size_t rows = (buttons.size() + cols - 1) / cols;
    for (size_t i = 0; i < buttons.size(); i++) {
        const GridButton& b = buttons[i];
        if (TouchButton(t, b.Id, b.Label, ImVec2(x + (bw + gap) * float(i % cols), y + (h + gap) * float(i / cols)),
                        ImVec2(bw, h), ButtonKind::Card, Pictogram::None, b.Selected))
            out->push_back(b.Act);
    }
    return float(rows) * h + float(rows - 1) * gap;
}

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

// A budget's counts are amounts: its unit (euro) beside each bar's figure.
std::string ChartUnit(const ScreenContext& ctx, const FlowState& s, const content::Question& q) {
    return q.Type == QuestionType::Budget ? Tr(ctx, s, q.Unit) : std::string();
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
    const float width = std::min(L.Px(1760), L.Display.x - 2 * L.Px(kSide)), x0 = L.Cx() - width * 0.5f;
    float y = L.Top();
    y += TextBlock(t, t.Button, U(ctx, s, title), x0, y, width, t.Text) + L.Px(16);
    if (g.Editing == CampfireField::Note) { // which question, and what to note
        const content::Question* q = CampfireQuestion(*ctx.Flow, s);
        if (q && g.ItemIndex >= 0 && g.ItemIndex < int(g.Items.size()))
            y += TextBlock(t, t.Small, ItemHeading(ctx, s, CampfireAnswerId(g.Items[size_t(g.ItemIndex)])), x0, y, width,
                           t.TextMuted) + L.Px(4);
        y += TextBlock(t, t.Small, U(ctx, s, "campfire.note_hint"), x0, y, width, t.TextMuted) + L.Px(12);
    }

    // The keyboard at the bottom, lower keys where the titles took the room (never under
    // 11.5 mm); the text box between.
    const float max_h = L.Bottom() - L.Px(20) - y - L.Px(70) - L.Px(24);
    const float kb_h = widgets::KeyboardHeight(t, width, max_h);
    const float kb_y = L.Bottom() - kb_h - L.Px(20);
    widgets::KeyboardLabels labels{U(ctx, s, "keyboard.space"),   U(ctx, s, "keyboard.backspace"),
                                   U(ctx, s, "keyboard.shift"),   U(ctx, s, "keyboard.accents"),
                                   U(ctx, s, "keyboard.letters"), U(ctx, s, "keyboard.done")};
    widgets::KeyPress key = widgets::Keyboard(t, ImVec2(x0, kb_y), width, g.Shift, g.Accents, labels, max_h);
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

// "-" value "+" in the controls' box: the value in words between two buttons.
void Stepper(const ScreenContext& ctx, const Layout& L, const std::string& id, const std::string& value, Controls c,
             float h, std::vector<Action>* out, CampfireKind kind, const std::string& minus, const std::string& plus) {
    const widgets::Theme& t = *ctx.Theme;
    const float bw = std::max(L.Px(150), t.MinTargetPx() + 1.0f), gap = Space(L, 20);
    const float value_w = std::min(L.Px(420), c.W - 2 * bw - 2 * gap);
    if (TouchButton(t, id + "-min", "-", ImVec2(c.X, c.Y), ImVec2(bw, h), ButtonKind::Card))
        out->push_back(CampfireAction{kind, minus});
    TextInBox(t, t.Button, value, ImVec2(c.X + bw + gap, c.Y), ImVec2(c.X + bw + gap + value_w, c.Y + h), t.Text);
    if (TouchButton(t, id + "-plus", "+", ImVec2(c.X + bw + 2 * gap + value_w, c.Y), ImVec2(bw, h), ButtonKind::Card))
        out->push_back(CampfireAction{kind, plus});
}

void DrawSetup(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const CampfireState& g = s.Campfire;
    const float bar_top = DrawBar(ctx, L,
                                  {{"campfire-cancel", U(ctx, s, "campfire.cancel"), ButtonKind::Quiet, 400,
                                    CampfireAction{CampfireKind::Cancel}},
                                   {"campfire-setup-next", U(ctx, s, "campfire.setup_next"), ButtonKind::Primary, 800,
                                    CampfireAction{CampfireKind::SetupDone}}},
                                  out);
    // Four rows share what is left over the message (a name is missing) and the bar; the
    // title in the buttons' face where the big one leaves them too little (A+, a low screen).
    const std::string message = MessageText(ctx, s);
    const float message_h = message.empty() ? 0.0f : widgets::TextBlockHeight(t.Body, message, ContentW(L)) + L.Px(20);
    const float gap = Space(L, 34), label_h = FormLabelH(t, L);
    const std::string& title = U(ctx, s, "campfire.setup_title");
    float y = L.Top();
    const float rows_room = AboveBar(L, bar_top) - y - message_h - gap * 3 - label_h * 4 - L.Px(30);
    ImFont* title_font = rows_room - widgets::TextBlockHeight(t.Title, title, ContentW(L)) >= 4 * (t.MinTargetPx() + 1)
                             ? t.Title
                             : t.Button;
    y += TextBlock(t, title_font, title, ContentX(L), y, ContentW(L), t.Text) + L.Px(30);
    const float h = std::max(t.MinTargetPx() + 1.0f,
                             std::min(L.Px(L.Portrait() ? 150 : 110),
                                      (AboveBar(L, bar_top) - y - message_h - gap * 3 - label_h * 4) / 4));

    Controls c = FormRow(ctx, L, U(ctx, s, "campfire.name"), y, h);
    if (TouchButton(t, "campfire-name", g.Name.empty() ? U(ctx, s, "campfire.name_empty") : g.Name, ImVec2(c.X, c.Y),
                    ImVec2(c.W, h), ButtonKind::Card))
        out->push_back(CampfireAction{CampfireKind::Edit, "name"});
    y = c.Y + h + gap;
    c = FormRow(ctx, L, U(ctx, s, "campfire.wijk"), y, h);
    if (TouchButton(t, "campfire-wijk", g.Wijk.empty() ? U(ctx, s, "campfire.wijk_empty") : g.Wijk, ImVec2(c.X, c.Y),
                    ImVec2(c.W, h), ButtonKind::Card))
        out->push_back(CampfireAction{CampfireKind::Edit, "wijk"});
    y = c.Y + h + gap;
    c = FormRow(ctx, L, U(ctx, s, "campfire.date"), y, h);
    Stepper(ctx, L, "campfire-date", ShowDate(g.Date), c, h, out, CampfireKind::Date, "-1", "+1");
    y = c.Y + h + gap;
    c = FormRow(ctx, L, U(ctx, s, "campfire.present"), y, h);
    Stepper(ctx, L, "campfire-present", Fill(ctx, s, "campfire.present_n", {{"n", std::to_string(g.Present)}}), c, h,
            out, CampfireKind::Present, "-1", "+1");
    y = c.Y + h + L.Px(20);
    DrawMessage(ctx, s, L, y);
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
    const float bar_top =
        DrawBar(ctx, L,
                {{"campfire-agreements", Fill(ctx, s, "campfire.agreements", {{"n", std::to_string(g.Agreements.size())}}),
                  ButtonKind::Card, 700, CampfireAction{CampfireKind::OpenAgreements}},
                 {"campfire-summary", U(ctx, s, "campfire.summary"), ButtonKind::Primary, 800,
                  CampfireAction{CampfireKind::OpenSummary}}},
                out);
    const float width = ContentW(L);
    float y = L.Top();
    y += TextBlock(t, t.Button, U(ctx, s, "campfire.pick_title"), ContentX(L), y, width, t.Text) + L.Px(6);
    const float subtitle_y = y;
    y += widgets::TextBlockHeight(t.Small, SessionLine(ctx, s), width) + L.Px(10);
    if (!g.Message.empty())
        y += DrawMessage(ctx, s, L, y) + L.Px(6);

    // Three bands: the kompas points, the bouwstenen, the quick polls (not the closing
    // questions about the resident: a group has no age). One row each on a wide screen,
    // two columns in portrait.
    struct Band {
        std::string Heading;
        std::vector<const content::Poll*> Polls;
        size_t Cols = 1, Rows = 1;
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

    const float gap = Space(L, 24), min_h = t.MinTargetPx() + L.Px(6);
    float headings = 0, inner_gaps = 0;
    size_t rows = 0;
    for (Band& b : bands) {
        b.Cols = L.Portrait() ? std::min<size_t>(2, b.Polls.size()) : b.Polls.size();
        b.Rows = (b.Polls.size() + b.Cols - 1) / b.Cols;
        rows += b.Rows;
        inner_gaps += gap * float(b.Rows - 1);
        headings += widgets::TextBlockHeight(t.Small, b.Heading, width) + L.Px(4);
    }
    const float bottom = AboveBar(L, bar_top);
    // Which questions a group skips, said under the session when there is room for it
    // (large text on a small screen: the buttons come first).
    const std::string note = SessionLine(ctx, s) + ". " + U(ctx, s, "campfire.skipped_text_note");
    const float note_extra = widgets::TextBlockHeight(t.Small, note, width) -
                             widgets::TextBlockHeight(t.Small, SessionLine(ctx, s), width);
    const float fixed = headings + inner_gaps + gap * float(bands.size());
    if (g.Message.empty() && y + note_extra + fixed + min_h * float(rows) <= bottom) {
        TextBlock(t, t.Small, note, ContentX(L), subtitle_y, width, t.TextMuted);
        y += note_extra;
    } else {
        TextBlock(t, t.Small, SessionLine(ctx, s), ContentX(L), subtitle_y, width, t.TextMuted);
    }
    const float h = std::max(t.MinTargetPx() + 1.0f,
                             std::min(L.Px(L.Portrait() ? 190 : 150), (bottom - y - fixed) / float(rows)));
    for (const Band& b : bands) {
        y += TextBlock(t, t.Small, b.Heading, ContentX(L), y, width, t.TextMuted) + L.Px(4);
        const float w = std::min(L.Px(L.Portrait() ? 700 : 420), (width - gap * float(b.Cols - 1)) / float(b.Cols));
        for (size_t i = 0; i < b.Polls.size(); i++) {
            const content::Poll* p = b.Polls[i];
            const size_t col = i % b.Cols, row = i / b.Cols;
            const size_t in_row = std::min(b.Cols, b.Polls.size() - row * b.Cols);
            const float x = L.Cx() - (w * float(in_row) + gap * float(in_row - 1)) * 0.5f + (w + gap) * float(col);
            const bool done = std::find(g.DonePolls.begin(), g.DonePolls.end(), p->Id) != g.DonePolls.end();
            std::string label = Tr(ctx, s, p->Title);
            const int of = int(p->Questions.size()), shown = CampfireQuestionCount(*p);
            if (shown < of && h >= L.Px(140)) // some questions are not for a group: how many it has here (if room)
                label += "\n" + Fill(ctx, s, "campfire.questions_n", {{"n", std::to_string(shown)}, {"total", std::to_string(of)}});
            if (done)
                label += " (" + U(ctx, s, "campfire.done") + ")";
            if (TouchButton(t, p->Id, label, ImVec2(x, y + (h + gap) * float(row)), ImVec2(w, h), ButtonKind::Card,
                            Pictogram::None, done))
                out->push_back(CampfireAction{CampfireKind::OpenPoll, p->Id});
        }
        y += (h + gap) * float(b.Rows);
    }
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
    const float gap = Space(L, 20);
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

// A share as a bar in a frame under an option's words (hands counted in two columns):
// the frame is 100 %, the share and the count written beside it (issue 15's honest charts).
void DrawInlineBar(const ScreenContext& ctx, const Layout& L, ImVec2 b0, ImVec2 b1, long long count, long long total,
                   int chart, const std::string& unit) {
    const widgets::Theme& t = *ctx.Theme;
    const long long pct = total > 0 ? std::llround(100.0 * double(count) / double(total)) : 0;
    const std::string value =
        std::to_string(pct) + "% (" + std::to_string(count) + (unit.empty() ? "" : " " + unit) + ")";
    const float text_size = std::min(t.Small->FontSize, (b1.y - b0.y) * 1.25f); // clear of the words above
    const float value_w = widgets::TextWidth(t.Small, value, text_size);
    const ImVec2 track_max(std::max(b0.x + L.Px(20), b1.x - value_w - L.Px(12)), b1.y);
    const float share = total > 0 ? float(count) / float(total) : 0.0f;
    const float len = (track_max.x - b0.x) * share;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float frame_x = t.X(b0.x, track_max.x - b0.x), fill_x = t.X(b0.x, len); // from the right in Arabic
    if (len > 0)
        dl->AddRectFilled(ImVec2(fill_x, b0.y), ImVec2(fill_x + len, b1.y), t.Primary, L.Px(4));
    dl->AddRect(ImVec2(frame_x, b0.y), ImVec2(frame_x + track_max.x - b0.x, b1.y), t.CardBorder, L.Px(4), 0,
                std::max(1.0f, L.Px(2)));
    const ImVec2 text_pos(track_max.x + L.Px(12), (b0.y + b1.y - text_size) * 0.5f);
    widgets::TextLine(t, t.Small, value, text_pos, t.Text, text_size);
    widgets::RecordBar({ImVec2(frame_x, b0.y), ImVec2(frame_x + track_max.x - b0.x, b1.y), len, share, value, chart});
}

// Hands: per option its words, a minus, the count and a plus; in one or two columns. With
// bars (two columns leave no room for the chart beside them): once revealed, each option's
// share as a bar under its words.
void DrawHandRows(const ScreenContext& ctx, const FlowState& s, const Layout& L, const content::Question& q,
                  const std::string& answer_id, const std::string& id_prefix, ImVec2 min, ImVec2 max, size_t columns,
                  bool bars_inline, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const size_t n = q.Options.size(), rows = (n + columns - 1) / columns;
    const float col_gap = Space(L, 40);
    // Never below a touch target's size: on a small screen with many options the rows come
    // closer together first (never closer than the targets' spacing).
    float gap = Space(L, 20);
    const float row_min = t.MinTargetPx() + 1.0f;
    if (rows > 1 && float(rows) * row_min + gap * float(rows - 1) > max.y - min.y)
        gap = std::max(t.MinSpacingPx() + 1.0f, (max.y - min.y - float(rows) * row_min) / float(rows - 1));
    const float rh = std::max(row_min, std::min(L.Px(L.Portrait() ? 130 : 110), (max.y - min.y - gap * float(rows - 1)) / float(rows)));
    const float col_w = (max.x - min.x - col_gap * float(columns - 1)) / float(columns);
    const std::vector<widgets::Bar> bars = Bars(ctx, s, q, answer_id);
    long long total = 0;
    for (const widgets::Bar& b : bars)
        total += b.Count;
    // Two columns: narrower keys and count, so the words keep their room.
    const float key = columns > 1 ? 110 : 140;
    const float button_w = std::max(L.Px(key), t.MinTargetPx() + 1.0f), count_w = L.Px(columns > 1 ? 80 : 140);
    const float label_w = col_w - 2 * button_w - count_w - 3 * gap;
    const int chart = bars_inline ? widgets::NewChart() : 0;
    for (size_t i = 0; i < n; i++) {
        const content::Option& o = q.Options[i];
        const float y = min.y + (rh + gap) * float(i % rows);
        float x = min.x + (col_w + col_gap) * float(i / rows);
        const float bar_h = bars_inline ? std::max(L.Px(10), rh * 0.22f) : 0.0f;
        TextInBox(t, t.Button, Tr(ctx, s, o.Label), ImVec2(x, y), ImVec2(x + label_w, y + rh - bar_h * 1.2f), t.Text);
        if (bars_inline)
            DrawInlineBar(ctx, L, ImVec2(x, y + rh - bar_h), ImVec2(x + label_w, y + rh), bars[i].Count, total, chart,
                          ChartUnit(ctx, s, q));
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

// The question's bottom bar: back, the note of what was said (with its start once there
// is one), the reveal, next. Returns where it begins.
float DrawQuestionBar(const ScreenContext& ctx, const FlowState& s, const Layout& L, const std::string& answer_id,
                      std::vector<Action>* out) {
    const CampfireState& g = s.Campfire;
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
    const bool last = g.ItemIndex + 1 >= int(g.Items.size());
    return DrawBar(ctx, L,
                   {{"campfire-back", U(ctx, s, "campfire.back"), ButtonKind::Quiet, 440, CampfireAction{CampfireKind::Back}},
                    {"campfire-note", note_label, ButtonKind::Card, 440, CampfireAction{CampfireKind::Edit, "note"}, false,
                     noted},
                    {"campfire-reveal", U(ctx, s, g.Revealed ? "campfire.hide" : "campfire.reveal"), ButtonKind::Card,
                     400, CampfireAction{CampfireKind::Reveal}},
                    {"campfire-next", U(ctx, s, last ? "campfire.last" : "campfire.next"), ButtonKind::Primary, 420,
                     CampfireAction{CampfireKind::Next}}},
                   out);
}

// The mode switch (taps or hands) and how many votes so far (never per option before the
// reveal), side by side on a wide screen, the count under the switch in portrait. A budget
// has no modes: the remainder, big, in their place. Returns the height used.
float DrawModeRow(const ScreenContext& ctx, const FlowState& s, const Layout& L, const content::Question& q,
                  const std::string& answer_id, float y, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const CampfireState& g = s.Campfire;
    const bool budget = q.Type == QuestionType::Budget;
    const float mode_h = Tall(L, 100) + L.Px(5), gap = Space(L, 24), x0 = ContentX(L), right = x0 + ContentW(L);
    const float mode_w = L.Portrait() ? (ContentW(L) - gap) / 2 : std::min(L.Px(460), ContentW(L) * 0.3f);
    if (!budget && TouchButton(t, "campfire-mode-taps", U(ctx, s, "campfire.mode_taps"), ImVec2(x0, y),
                               ImVec2(mode_w, mode_h), ButtonKind::Card, Pictogram::None, g.Mode == CountMode::Taps))
        out->push_back(CampfireAction{CampfireKind::Mode, "taps"});
    if (!budget && TouchButton(t, "campfire-mode-hands", U(ctx, s, "campfire.mode_hands"), ImVec2(x0 + mode_w + gap, y),
                               ImVec2(mode_w, mode_h), ButtonKind::Card, Pictogram::None, g.Mode == CountMode::Hands))
        out->push_back(CampfireAction{CampfireKind::Mode, "hands"});
    const bool below = L.Portrait() && !budget;
    const ImVec2 status_min = below ? ImVec2(x0, y + mode_h + gap) : ImVec2(x0 + 2 * mode_w + gap + L.Px(36), y);
    const ImVec2 status_max(right, status_min.y + mode_h);
    if (budget) {
        const std::string left = Fill(ctx, s, "campfire.budget_left",
                                      {{"n", std::to_string(BudgetLeft(q, g, answer_id))},
                                       {"total", std::to_string(q.Total)}, {"unit", Tr(ctx, s, q.Unit)}});
        TextInBox(t, t.Title, left, ImVec2(x0, y), status_max, t.Text);
    } else if (ctx.Now < g.ConfirmUntil) { // "Stem geteld", big, in a bar of its own colour
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(status_min, status_max, t.Primary, L.Px(18));
        const float mark = mode_h * 0.7f; // a check mark, then the words
        widgets::DrawPictogram(dl, Pictogram::Yes, ImVec2(status_min.x + L.Px(24), status_min.y + (mode_h - mark) * 0.5f),
                               mark, t.PrimaryText);
        TextInBox(t, t.Title, U(ctx, s, "campfire.vote_counted"), ImVec2(status_min.x + mark + L.Px(40), status_min.y),
                  status_max, t.PrimaryText);
    } else {
        const std::string votes = Fill(ctx, s, "campfire.votes",
                                       {{"n", std::to_string(CampfireTotal(g, answer_id))}, {"present", std::to_string(g.Present)}});
        TextInBox(t, t.Button, votes, status_min, status_max, t.Text);
    }
    return below ? 2 * mode_h + gap : mode_h;
}

// The chart behind "Laat uitslag zien", or a frame that says why it is hidden.
void DrawQuestionChart(const ScreenContext& ctx, const FlowState& s, const Layout& L, const content::Question& q,
                       const std::string& answer_id, ImVec2 min, ImVec2 max) {
    const widgets::Theme& t = *ctx.Theme;
    if (s.Campfire.Revealed) {
        const float head = TextBlock(t, t.Button, U(ctx, s, "campfire.result"), min.x, min.y, max.x - min.x, t.Text) +
                           L.Px(12);
        widgets::BarChart(t, Bars(ctx, s, q, answer_id), ImVec2(min.x, min.y + head),
                          ImVec2(max.x - min.x, max.y - min.y - head), 0, ChartUnit(ctx, s, q));
        return;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRect(min, max, t.CardBorder, L.Px(18), 0, L.Px(3));
    const float pad = L.Px(24);
    TextInBox(t, t.Body, U(ctx, s, "campfire.hidden"), ImVec2(min.x + pad, min.y + pad), ImVec2(max.x - pad, max.y - pad),
              t.TextMuted);
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
    const float bottom = AboveBar(L, DrawQuestionBar(ctx, s, L, answer_id, out));
    const float width = ContentW(L), x0 = ContentX(L);

    float y = L.Top();
    const std::string progress =
        Fill(ctx, s, "campfire.progress",
             {{"title", Tr(ctx, s, poll->Title)}, {"n", std::to_string(g.ItemIndex + 1)}, {"total", std::to_string(g.Items.size())}});
    { // in the top row between the corner buttons where it fits (as on a resident's question), else under them
        const float left = SpeechCornerRight(ctx, s, L) + L.Px(30), right = CornerButtonsLeft(ctx, L) - L.Px(30);
        const float row = std::max(L.Px(84), t.MinTargetPx());
        if (left > 0 && widgets::TextWidth(t.Small, progress) <= right - left)
            TextBlock(t, t.Small, progress, left, L.Px(14) + (row - t.Small->FontSize) * 0.5f, right - left, t.TextMuted);
        else
            y += TextBlock(t, t.Small, progress, x0, y, width, t.TextMuted) + L.Px(6);
    }
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
    const float gap = Space(L, 20), min_row = std::max(L.Px(84), t.MinTargetPx() + L.Px(6));
    const float mode_h = (Tall(L, 100) + L.Px(5)) * (L.Portrait() && !budget ? 2.0f : 1.0f) +
                         (L.Portrait() && !budget ? Space(L, 24) : 0.0f);
    // A failed write is said where the hint goes, always: its room is counted first.
    const std::string warning = MessageText(ctx, s);
    const float hint_w = L.Portrait() ? width : std::min(L.Px(1020), width * 0.593f);
    const float warning_h = warning.empty() ? 0.0f : widgets::TextBlockHeight(t.Small, warning, hint_w) + L.Px(16);
    // (measured at the answers' column's width: the most it takes)
    // In portrait the chart goes under the answers: its room is counted too.
    const float chart_min = L.Portrait() ? L.Px(160) + float(n) * std::max(L.Px(80), t.Body->FontSize * 2.2f) : 0.0f;
    // Counting hands for many options on a low landscape screen: two columns across the width.
    const float one_column = float(n) * min_row + float(n - 1) * gap;
    const float below_title = bottom - y - mode_h - L.Px(44) - warning_h - chart_min;
    const size_t hand_columns =
        hands && !L.Portrait() && one_column + widgets::TextBlockHeight(t.Body, prompt, width) > below_title ? 2 : 1;
    const size_t rows = hands ? (n + hand_columns - 1) / hand_columns : (n + TapColumns(n) - 1) / TapColumns(n);
    const float answers_h = float(rows) * min_row + float(rows - 1) * gap;
    const float room = below_title - answers_h;
    // With A+ on a low screen the words grow only as far as the answers keep their room:
    // last of all the body face at its size without A+.
    ImFont* font = t.Body;
    float size = t.Body->FontSize / t.TextScale;
    for (ImFont* f : {t.Title, t.Button, t.Body})
        if (widgets::TextBlockHeight(f, prompt, width) <= room) {
            font = f;
            size = 0;
            break;
        }
    const bool tight = hand_columns == 2; // many options counted by hand: every pixel for the rows
    y += TextBlock(t, font, prompt, x0, y, width, t.Text, size) + L.Px(tight ? 8 : 20);
    y += DrawModeRow(ctx, s, L, *q, answer_id, y, out) + (tight ? t.MinSpacingPx() + 1.0f : L.Px(24));

    // The answers on the left (with a hint when there is room), the chart (or why it is
    // hidden) on the right; in portrait the chart under the answers.
    const char* hint_key = budget                              ? "campfire.budget_hint"
                           : hands                             ? "campfire.hands_hint"
                           : q->Type == QuestionType::Top      ? "campfire.top_hint"
                           : q->Type == QuestionType::Multiple ? "campfire.multi_hint"
                                                               : "campfire.tap_hint";
    const std::string hint = !warning.empty() ? warning : U(ctx, s, hint_key);
    float area_top = y;
    // Two columns of hands take the width: so does a failed write's warning over them, at
    // its size without A+ (the rows keep their room).
    const float note_w = tight ? width : hint_w, note_size = tight ? t.Small->FontSize / t.TextScale : 0.0f;
    if (!warning.empty() ||
        y + widgets::TextBlockHeight(t.Small, hint, note_w, note_size) + L.Px(16) + answers_h + chart_min <= bottom)
        area_top += TextBlock(t, t.Small, hint, x0, y, note_w, warning.empty() ? t.TextMuted : t.Warning, note_size) +
                    L.Px(tight ? 8 : 16);
    const std::string prefix = answer_id + ".";
    // Hands in two columns (a low screen), or in portrait where the chart has no room left
    // under the rows: the rows take the rest, the reveal shows the bars in them.
    const bool no_chart_room = L.Portrait() && hands && bottom - area_top - answers_h - L.Px(40) < chart_min;
    if (hand_columns == 2 || no_chart_room) {
        DrawHandRows(ctx, s, L, *q, answer_id, prefix, ImVec2(x0, area_top), ImVec2(x0 + width, bottom), hand_columns,
                     g.Revealed, out);
        return;
    }
    ImVec2 area_min(x0, area_top), area_max(x0 + hint_w, bottom), chart_min_at(x0 + hint_w + L.Px(60), y),
        chart_max(x0 + width, bottom);
    if (L.Portrait()) { // the answers as high as they like to be, the chart under them
        const float natural = float(rows) * L.Px(hands ? 130 : 300) + float(rows - 1) * gap;
        const float answers = std::max(answers_h, std::min(natural, bottom - area_top - chart_min - L.Px(40)));
        area_max = ImVec2(x0 + width, area_top + answers);
        chart_min_at = ImVec2(x0, area_max.y + L.Px(40));
        // As high as its bars will be, not down to the bar (a hidden chart's frame too).
        chart_max.y = std::min(bottom, chart_min_at.y + std::max(chart_min, L.Px(160) + float(n) * L.Px(150)));
    }
    if (!hands)
        DrawTapCards(ctx, s, L, *q, prefix, area_min, area_max, out);
    else
        DrawHandRows(ctx, s, L, *q, answer_id, prefix, area_min, area_max, 1, false, out);
    DrawQuestionChart(ctx, s, L, *q, answer_id, chart_min_at, chart_max);
}

//-----------------------------------------------------------------------------
// [SECTION] agreements
//-----------------------------------------------------------------------------

// A list of cards, one a row across the width, from y to bottom; the last row says how
// many more when they do not all fit.
void DrawCardList(const ScreenContext& ctx, const Layout& L, const std::vector<std::string>& labels,
                  const std::string& id_prefix, float h, float y, float bottom, const std::string& more_key,
                  const FlowState& s, CampfireKind open, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const float gap = Space(L, 20), width = ContentW(L);
    const int fit = std::max(1, int((bottom - y + gap) / (h + gap)));
    const int n = int(labels.size());
    const int shown = n > fit ? fit - 1 : n; // the last row then says how many more
    for (int i = 0; i < shown; i++) {
        if (TouchButton(t, id_prefix + std::to_string(i + 1), labels[size_t(i)], ImVec2(ContentX(L), y),
                        ImVec2(width, h), ButtonKind::Card))
            out->push_back(CampfireAction{open, std::to_string(i)});
        y += h + gap;
    }
    if (shown < n)
        TextInBox(t, t.Body, Fill(ctx, s, more_key.c_str(), {{"n", std::to_string(n - shown)}}), ImVec2(ContentX(L), y),
                  ImVec2(ContentX(L) + width, std::min(y + h, bottom)), t.TextMuted);
}

void DrawAgreements(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const CampfireState& g = s.Campfire;
    std::vector<BarButton> bar{{"campfire-back", U(ctx, s, "agreement.back"), ButtonKind::Quiet, 400,
                                CampfireAction{CampfireKind::Back}}};
    if (!g.Previous.empty())
        bar.push_back({"agreements-previous", Fill(ctx, s, "previous.open", {{"n", std::to_string(g.Previous.size())}}),
                       ButtonKind::Card, 600, CampfireAction{CampfireKind::OpenPrevious}});
    bar.push_back({"agreement-new", U(ctx, s, "agreement.new"), ButtonKind::Primary, 700,
                   CampfireAction{CampfireKind::AgreementNew}});
    const float bottom = AboveBar(L, DrawBar(ctx, L, bar, out));
    const float width = ContentW(L);
    float y = L.Top();
    y += TextBlock(t, t.Title, U(ctx, s, "agreement.list_title"), ContentX(L), y, width, t.Text) + L.Px(10);
    y += TextBlock(t, t.Small, SessionLine(ctx, s), ContentX(L), y, width, t.TextMuted) + L.Px(20);
    if (!g.Message.empty()) // an agreement that could not be stored
        y += DrawMessage(ctx, s, L, y) + L.Px(12);
    if (g.Agreements.empty())
        TextBlock(t, t.Body, U(ctx, s, "agreement.none"), ContentX(L), y, width, t.TextMuted);
    std::vector<std::string> labels;
    for (size_t i = 0; i < g.Agreements.size(); i++)
        labels.push_back(std::to_string(i + 1) + ". " + AgreementLine(ctx, s, g.Agreements[i]));
    DrawCardList(ctx, L, labels, "agreement-", Tall(L, L.Portrait() ? 150 : 100), y, bottom, "agreement.more", s,
                 CampfireKind::AgreementOpen, out);
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
    const float bottom =
        AboveBar(L, DrawBar(ctx, L,
                            {{"previous-cancel", U(ctx, s, "agreement.cancel"), ButtonKind::Quiet, 340,
                              CampfireAction{CampfireKind::PreviousCancel}},
                             {"previous-save", U(ctx, s, "previous.save"), ButtonKind::Primary, 560,
                              CampfireAction{CampfireKind::PreviousSave}}},
                            out));
    const float width = ContentW(L);
    float y = L.Top();
    y += TextBlock(t, t.Button, U(ctx, s, "previous.change_title"), ContentX(L), y, width, t.TextMuted) + L.Px(8);
    y += TextBlock(t, t.Title, a.What, ContentX(L), y, width, t.Text) + L.Px(8);
    std::string who = WhoText(ctx, s, a.Who);
    if (!a.Due.empty())
        who += "  -  " + Fill(ctx, s, "agreement.due", {{"date", ShowDate(a.Due)}});
    y += TextBlock(t, t.Body, who, ContentX(L), y, width, t.TextMuted) + L.Px(30);

    // The four statuses (two by two in portrait) and the note share what is left.
    const size_t cols = L.Portrait() ? 2 : 4;
    const float gap = Space(L, 22), label_h = FormLabelH(t, L);
    const float h = std::max(t.MinTargetPx() + 1.0f,
                             std::min(L.Px(L.Portrait() ? 150 : 110),
                                      (bottom - y - 2 * gap - 2 * label_h - gap * float(4 / cols - 1)) /
                                          (float(4 / cols) + 1.5f)));
    Controls c = FormRow(ctx, L, U(ctx, s, "previous.how"), y, h);
    const char* statuses[] = {"open", "bezig", "gedaan", "lukt-niet"};
    std::vector<GridButton> buttons;
    for (const char* st : statuses)
        buttons.push_back({std::string("previous-status-") + st, StatusText(ctx, s, st), g.PreviousStatus == st,
                           CampfireAction{CampfireKind::PreviousStatus, st}});
    y = c.Y + ButtonGrid(ctx, L, buttons, c.X, c.Y, c.W, cols, h, out) + gap * 2;
    c = FormRow(ctx, L, U(ctx, s, "previous.note"), y, h * 1.5f);
    if (TouchButton(t, "previous-note", g.PreviousNote.empty() ? U(ctx, s, "previous.note_empty") : g.PreviousNote,
                    ImVec2(c.X, c.Y), ImVec2(c.W, h * 1.5f), ButtonKind::Card))
        out->push_back(CampfireAction{CampfireKind::Edit, "previous-note"});
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
    const float bottom = AboveBar(L, DrawBar(ctx, L,
                                             {{"previous-done", U(ctx, s, "previous.done"), ButtonKind::Primary, 800,
                                               CampfireAction{CampfireKind::PreviousDone}}},
                                             out));
    const float width = ContentW(L);
    float y = L.Top();
    y += TextBlock(t, t.Title, U(ctx, s, "previous.title"), ContentX(L), y, width, t.Text) + L.Px(6);
    y += TextBlock(t, t.Small, SessionLine(ctx, s), ContentX(L), y, width, t.TextMuted) + L.Px(6);
    y += TextBlock(t, t.Body, U(ctx, s, "previous.intro"), ContentX(L), y, width, t.TextMuted) + L.Px(16);
    if (!g.Message.empty())
        y += DrawMessage(ctx, s, L, y) + L.Px(10);
    std::vector<std::string> labels;
    for (size_t i = 0; i < g.Previous.size(); i++)
        labels.push_back(std::to_string(i + 1) + ". " + PreviousLine(ctx, s, g.Previous[i]));
    DrawCardList(ctx, L, labels, "previous-", Tall(L, L.Portrait() ? 170 : 120), y, bottom, "agreement.more", s,
                 CampfireKind::PreviousOpen, out);
}

// One agreement: what, who, by when, what it answers (a kompas point or a witte vlek);
// its status in the bar. Rows of buttons two by two (the witte vlekken one a row) in portrait.
void DrawAgreement(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const CampfireState& g = s.Campfire;
    const Agreement& d = g.Draft;
    std::vector<BarButton> bar{{"agreement-cancel", U(ctx, s, "agreement.cancel"), ButtonKind::Quiet, 340,
                                CampfireAction{CampfireKind::AgreementCancel}}};
    for (const char* st : {"open", "bezig", "klaar"})
        bar.push_back({std::string("status-") + st, U(ctx, s, (std::string("agreement.status_") + st).c_str()),
                       ButtonKind::Card, 270, CampfireAction{CampfireKind::AgreementStatus, st}, false, d.Status == st});
    bar.push_back({"agreement-save", U(ctx, s, "agreement.save"), ButtonKind::Primary, 460,
                   CampfireAction{CampfireKind::AgreementSave}});
    const float bottom = AboveBar(L, DrawBar(ctx, L, bar, out));
    float y = L.Top();
    y += TextBlock(t, t.Button, U(ctx, s, "agreement.title"), ContentX(L), y, ContentW(L), t.Text) + L.Px(14);

    // What it answers: a kompas point, or one of the group's witte vlekken (tap again: none).
    const std::vector<const content::Question*> vlekken = CampfireOutcome(*ctx.Flow, g).WitteVlekken;
    std::vector<GridButton> points, spots;
    for (const content::Poll& z : ctx.Flow->Pack->Zones)
        if (z.Kind == content::PollKind::Kompas)
            points.push_back({"answers-" + z.Id, Tr(ctx, s, z.Title), d.Answers == z.Id,
                              CampfireAction{CampfireKind::AgreementAnswers, z.Id}});
    for (size_t i = 0; i < vlekken.size() && i < 3; i++)
        spots.push_back({"answers-" + vlekken[i]->Id, U(ctx, s, "agreement.vlek") + " " + Tr(ctx, s, vlekken[i]->Prompt),
                         d.Answers == vlekken[i]->Id, CampfireAction{CampfireKind::AgreementAnswers, vlekken[i]->Id}});
    const bool named = !d.Who.empty() && d.Who != "wijk" && d.Who != "gemeente" && d.Who != "samen";
    const std::vector<GridButton> whos = {
        {"who-wijk", U(ctx, s, "agreement.who_wijk"), d.Who == "wijk", CampfireAction{CampfireKind::AgreementWho, "wijk"}},
        {"who-gemeente", U(ctx, s, "agreement.who_gemeente"), d.Who == "gemeente", CampfireAction{CampfireKind::AgreementWho, "gemeente"}},
        {"who-samen", U(ctx, s, "agreement.who_samen"), d.Who == "samen", CampfireAction{CampfireKind::AgreementWho, "samen"}},
        {"who-group", named ? d.Who : U(ctx, s, "agreement.who_group"), named, CampfireAction{CampfireKind::Edit, "who-group"}},
    };
    const size_t cols = L.Portrait() ? 2 : 4, spot_cols = L.Portrait() ? 1 : 3;
    auto rows_of = [](size_t n, size_t c) { return n == 0 ? size_t(0) : (n + std::min(n, c) - 1) / std::min(n, c); };
    const size_t rows = 2 + rows_of(whos.size(), cols) + rows_of(points.size(), cols) + rows_of(spots.size(), spot_cols);
    const float gap = Space(L, 22), label_h = FormLabelH(t, L);
    const std::string message = MessageText(ctx, s);
    const float message_h = message.empty() ? 0.0f : widgets::TextBlockHeight(t.Body, message, ContentW(L)) + L.Px(8);
    const float h = std::max(t.MinTargetPx() + 1.0f, std::min(L.Px(L.Portrait() ? 130 : 110),
                                                           (bottom - y - message_h - gap * float(rows) - label_h * 4) /
                                                               float(rows)));

    Controls c = FormRow(ctx, L, U(ctx, s, "agreement.what"), y, h);
    if (TouchButton(t, "agreement-what", d.What.empty() ? U(ctx, s, "agreement.what_empty") : d.What, ImVec2(c.X, c.Y),
                    ImVec2(c.W, h), ButtonKind::Card))
        out->push_back(CampfireAction{CampfireKind::Edit, "what"});
    y = c.Y + h + gap;
    c = FormRow(ctx, L, U(ctx, s, "agreement.who"), y, h);
    y = c.Y + ButtonGrid(ctx, L, whos, c.X, c.Y, c.W, cols, h, out) + gap;

    c = FormRow(ctx, L, U(ctx, s, "agreement.when"), y, h);
    {
        const std::string due = d.Due.empty() ? U(ctx, s, "agreement.no_due")
                                              : Fill(ctx, s, "agreement.due", {{"date", ShowDate(d.Due)}});
        const float bw = std::min(L.Px(260), c.W * 0.3f), due_w = std::min(L.Px(540), c.W - 2 * bw - 2 * gap);
        if (TouchButton(t, "due-min", U(ctx, s, "agreement.week_earlier"), ImVec2(c.X, c.Y), ImVec2(bw, h),
                        ButtonKind::Card))
            out->push_back(CampfireAction{CampfireKind::AgreementDue, "-7"});
        TextInBox(t, t.Button, due, ImVec2(c.X + bw + gap, c.Y), ImVec2(c.X + bw + gap + due_w, c.Y + h), t.Text);
        if (TouchButton(t, "due-plus", U(ctx, s, "agreement.week_later"), ImVec2(c.X + bw + 2 * gap + due_w, c.Y),
                        ImVec2(bw, h), ButtonKind::Card))
            out->push_back(CampfireAction{CampfireKind::AgreementDue, "+7"});
    }
    y = c.Y + h + gap;
    c = FormRow(ctx, L, U(ctx, s, "agreement.answers"), y, h);
    y = c.Y;
    if (!points.empty())
        y += ButtonGrid(ctx, L, points, c.X, y, c.W, cols, h, out) + gap;
    if (!spots.empty())
        y += ButtonGrid(ctx, L, spots, c.X, y, c.W, spot_cols, h, out) + gap;
    if (!g.Message.empty())
        DrawMessage(ctx, s, L, y);
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

// Where to save, once "Opslaan op USB-stick" was tapped: the folders found, or none; the
// question over the bar. Returns where the question begins.
float DrawExportTargets(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const CampfireState& g = s.Campfire;
    std::vector<BarButton> bar;
    const size_t n = std::min<size_t>(g.Targets.size(), 3);
    for (size_t i = 0; i < n; i++)
        bar.push_back({"export-" + std::to_string(i + 1), g.Targets[i], ButtonKind::Primary, 440,
                       CampfireAction{CampfireKind::Export, g.Targets[i]}});
    if (g.TargetsLoaded && g.Targets.empty())
        bar.push_back({"export-retry", U(ctx, s, "summary.retry"), ButtonKind::Card, 440,
                       CampfireAction{CampfireKind::ExportChoose}});
    bar.push_back({"export-cancel", U(ctx, s, "summary.cancel"), ButtonKind::Quiet, 360,
                   CampfireAction{CampfireKind::ExportCancel}});
    const float bar_top = DrawBar(ctx, L, bar, out);
    const float top = bar_top - L.Px(70);
    TextInBox(t, t.Button, U(ctx, s, g.TargetsLoaded && g.Targets.empty() ? "summary.no_target" : "summary.choose_target"),
              ImVec2(L.Px(kSide), top), ImVec2(L.Display.x - L.Px(kSide), bar_top - L.Px(10)), t.Text);
    return top;
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

// The summary's bottom bar (or where to save); returns where it begins.
float DrawSummaryBar(const ScreenContext& ctx, const FlowState& s, const Layout& L, int pages, std::vector<Action>* out) {
    const CampfireState& g = s.Campfire;
    if (g.Choosing)
        return DrawExportTargets(ctx, s, L, out);
    std::vector<BarButton> bar{
        {"campfire-back", U(ctx, s, "summary.back"), ButtonKind::Quiet, 300, CampfireAction{CampfireKind::Back}},
        {"campfire-agreements", Fill(ctx, s, "campfire.agreements", {{"n", std::to_string(g.Agreements.size())}}),
         ButtonKind::Card, 380, CampfireAction{CampfireKind::OpenAgreements}}};
    if (pages > 1) {
        bar.push_back({"summary-prev", "<", ButtonKind::Card, 120, CampfireAction{CampfireKind::Page, "-1"}});
        bar.push_back({"summary-next", ">", ButtonKind::Card, 120, CampfireAction{CampfireKind::Page, "+1"}, true});
    }
    bar.push_back({"campfire-export", U(ctx, s, "summary.export"), ButtonKind::Primary, 440,
                   CampfireAction{CampfireKind::ExportChoose}});
    bar.push_back({"campfire-end", U(ctx, s, "summary.end"), ButtonKind::Quiet, 300, CampfireAction{CampfireKind::End}});
    return DrawBar(ctx, L, bar, out);
}

// The group's outcome, its witte vlekken and the agreements in [x, x + w] from y to
// bottom (the left column; the top of the screen in portrait).
float DrawSummaryTexts(const ScreenContext& ctx, const FlowState& s, const Layout& L, float lx, float ly, float lw,
                       float bottom) {
    const widgets::Theme& t = *ctx.Theme;
    const CampfireState& g = s.Campfire;
    const content::Outcome outcome = CampfireOutcome(*ctx.Flow, g);
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
    return DrawList(ctx, s, lines, lx, ly, lw, bottom);
}

// The charts of one page in two columns in [rx, rx + rw] from ry to bottom, each its share
// of its column's height by what it asks for.
void DrawSummaryCharts(const ScreenContext& ctx, const FlowState& s, const Layout& L, const SummaryPage& page, float rx,
                       float ry, float rw, float bottom) {
    const widgets::Theme& t = *ctx.Theme;
    const float gap = L.Px(30), cw = (rw - gap) / 2;
    for (size_t c = 0; c < page.size(); c++) {
        const std::vector<std::string>& column = page[c];
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
                              ImVec2(cw, ch - head - L.Px(8)), 0, ChartUnit(ctx, s, *q));
            cy += ch + gap;
        }
    }
}

void DrawSummary(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const CampfireState& g = s.Campfire;
    const std::vector<SummaryPage> pages = SummaryLayout(*ctx.Flow, g);
    const int total = SummaryPages(*ctx.Flow, g);
    const int page = std::clamp(g.SummaryPage, 0, total - 1);
    const float bar_top = DrawSummaryBar(ctx, s, L, total, out);
    const float width = ContentW(L);
    float y = L.Top();
    y += TextBlock(t, t.Button, Fill(ctx, s, "summary.title", {{"name", g.Name}}), ContentX(L), y, width, t.Text) + L.Px(4);
    y += TextBlock(t, t.Small, SessionLine(ctx, s), ContentX(L), y, width, t.TextMuted) + L.Px(12);
    const float message_h = g.Message.empty() || g.Choosing
                                ? 0.0f
                                : widgets::TextBlockHeight(t.Body, MessageText(ctx, s), width) +
                                      L.Px(12); // measured as DrawMessage draws it
    const float bottom = AboveBar(L, bar_top) - message_h;
    const float top = y;

    // Left (on top in portrait): the group's outcome, its witte vlekken, the agreements.
    // Right (under them in portrait): the charts of this page, in two columns (SummaryLayout
    // packs them); the page after the charts: what was said, per question.
    float rx = L.Px(820), ry = top, rw = L.Display.x - L.Px(kEdge) - rx;
    if (L.Portrait()) {
        const float texts_end = DrawSummaryTexts(ctx, s, L, ContentX(L), top, width, top + (bottom - top) * 0.4f);
        rx = ContentX(L);
        ry = texts_end + L.Px(40);
        rw = width;
    } else {
        DrawSummaryTexts(ctx, s, L, ContentX(L), top, L.Px(660), bottom);
    }
    if (total > 1)
        ry += TextBlock(t, t.Small,
                        Fill(ctx, s, "summary.page", {{"n", std::to_string(page + 1)}, {"total", std::to_string(total)}}),
                        rx, ry, rw, t.TextMuted) +
              L.Px(6);
    if (page >= int(pages.size()))
        DrawNotesPage(ctx, s, L, rx, ry, rw, bottom);
    else if (pages[size_t(page)].empty())
        TextBlock(t, t.Body, U(ctx, s, "summary.no_charts"), rx, ry, rw, t.TextMuted);
    else
        DrawSummaryCharts(ctx, s, L, pages[size_t(page)], rx, ry, rw, bottom);
    if (!g.Choosing && !g.Message.empty())
        DrawMessage(ctx, s, L, bottom + L.Px(6));
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
