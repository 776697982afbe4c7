// A free-text question: the prompt, the privacy note, the text so far with its count,
// and the on-screen keyboard ("klaar" on the keyboard stores the text).
#include "content/free_text.hpp"
#include "kiosk/screen_parts.hpp"
#include "widgets/keyboard.hpp"
#include "widgets/registry.hpp"
#include "widgets/touch.hpp"

#include <algorithm>
#include <string>

namespace kiosk {

float DrawTextAnswer(const ScreenContext& ctx, const FlowState& s, const Layout& L, const content::Question& q,
                     float top, float bottom, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const float width = L.Px(L.ContentW()), x0 = L.Cx() - width * 0.5f;

    // The keyboard sits on the bottom bar; the text box takes what is left above it.
    // At most what leaves the note and a text box of two lines above it.
    const float max_h = bottom - top - L.Px(200);
    const float kb_h = widgets::KeyboardHeight(t, width, max_h);
    const float kb_y = bottom - kb_h;
    widgets::KeyboardLabels labels{U(ctx, s, "keyboard.space"),    U(ctx, s, "keyboard.backspace"),
                                   U(ctx, s, "keyboard.shift"),    U(ctx, s, "keyboard.accents"),
                                   U(ctx, s, "keyboard.letters"),  U(ctx, s, "keyboard.done")};
    widgets::KeyPress key = widgets::Keyboard(t, ImVec2(x0, kb_y), width, s.Draft.Shift, s.Draft.Accents, labels, max_h);
    switch (key.Kind) {
    case widgets::KeyKind::Insert: out->push_back(VisitAction{VisitKind::TypeText, key.Text}); break;
    case widgets::KeyKind::Backspace: out->push_back(VisitAction{VisitKind::Backspace}); break;
    case widgets::KeyKind::Shift: out->push_back(VisitAction{VisitKind::ToggleShift}); break;
    case widgets::KeyKind::Layer: out->push_back(VisitAction{VisitKind::ToggleAccents}); break;
    case widgets::KeyKind::Done: out->push_back(VisitAction{VisitKind::Next}); break;
    case widgets::KeyKind::None: break;
    }

    // Never names or phone numbers (they would be masked anyway), and how much room is left.
    // The small print over the text box (what not to type, the count): the smaller face,
    // so the keyboard and the box keep their room with A+ (not a hint of the question).
    ImFont* small = t.Small;
    std::string count = FillTemplate(U(ctx, s, "text.count"), "count", std::to_string(content::Utf8Length(s.Draft.Text)));
    count = FillTemplate(count, "max", std::to_string(q.Max));
    const float count_w = widgets::TextWidth(small, count);
    const float note_h = widgets::TextBlockHeight(small, U(ctx, s, "text.privacy"), width - count_w - L.Px(40));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    widgets::RoleScope role(widgets::TextRole::Other);
    widgets::TextBlock(t, small, U(ctx, s, "text.privacy"), x0, top, width - count_w - L.Px(40), t.TextMuted);
    widgets::TextLine(t, small, count, ImVec2(x0 + width - count_w, top), t.Text);

    // The text box: the end of the text stays in view, with a caret after it.
    const float box_y = top + note_h + L.Px(12), box_h = std::max(L.Px(60), kb_y - L.Px(24) - box_y);
    dl->AddRectFilled(ImVec2(x0, box_y), ImVec2(x0 + width, box_y + box_h), t.Card, L.Px(12));
    dl->AddRect(ImVec2(x0, box_y), ImVec2(x0 + width, box_y + box_h), t.CardBorder, L.Px(12), 0, L.Px(3));
    ImFont* font = t.Body;
    const float line_h = font->FontSize * 1.2f;
    // Less padding in a box of about one line (a low screen with A+), so the line stays inside.
    const float pad = std::clamp((box_h - line_h) * 0.5f, L.Px(4), L.Px(20)), side = L.Px(20);
    const float inner_w = width - 2 * side;
    if (s.Draft.Text.empty()) { // the hint, in the screen's language and direction
        widgets::TextLine(t, font, U(ctx, s, "text.empty"), ImVec2(x0 + side, box_y + pad), t.TextMuted);
        return kb_y;
    }
    // What is typed is Latin (the keyboard's letters): left to right on every screen.
    const std::string& shown = s.Draft.Text;
    const ImU32 color = t.Text;
    // Wrap, then keep the last lines that fit.
    std::vector<std::pair<const char*, const char*>> lines;
    const char* p = shown.c_str();
    const char* end = p + shown.size();
    while (p < end) {
        const char* wrap = font->CalcWordWrapPositionA(1.0f, p, end, inner_w);
        if (wrap == p)
            wrap = p + 1;
        lines.push_back({p, wrap});
        p = wrap;
        if (p < end && *p == ' ') // the space at a line break is not drawn
            p++;
    }
    if (lines.empty())
        lines.push_back({shown.c_str(), shown.c_str()});
    const size_t fit = std::max<size_t>(1, size_t((box_h - 2 * pad) / line_h));
    const size_t first = lines.size() > fit ? lines.size() - fit : 0;
    float y = box_y + pad;
    float caret_x = x0 + side;
    for (size_t i = first; i < lines.size(); i++) {
        dl->AddText(font, font->FontSize, ImVec2(x0 + side, y), color, lines[i].first, lines[i].second);
        caret_x = x0 + side + font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, lines[i].first, lines[i].second).x;
        y += line_h;
    }
    widgets::RecordText(shown);
    const float cy = y - line_h;
    dl->AddRectFilled(ImVec2(caret_x + L.Px(4), cy), ImVec2(caret_x + L.Px(8), cy + font->FontSize), t.Text);
    return kb_y;
}

} // namespace kiosk
