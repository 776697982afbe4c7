#include "widgets/touch.hpp"
#include "widgets/bidi.hpp"
#include "widgets/registry.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <string>
#include <vector>

namespace widgets {

namespace {

struct Line {
    const char* Begin;
    const char* End;
};

std::vector<Line> WrapLines(ImFont* font, float size, std::string_view text, float width) {
    std::vector<Line> lines;
    const char* s = text.data();
    const char* end = text.data() + text.size();
    while (s < end) {
        const char* nl = std::find(s, end, '\n');
        const char* wrap = font->CalcWordWrapPositionA(size / font->FontSize, s, nl, width);
        if (wrap == s) // a word wider than the box: take it whole rather than loop
            wrap = std::find(s + 1, nl, ' ');
        const char* line_end = wrap;
        while (line_end > s && line_end[-1] == ' ')
            line_end--;
        lines.push_back({s, line_end});
        s = wrap;
        while (s < end && *s == ' ')
            s++;
        if (s < end && *s == '\n' && s == nl)
            s++;
    }
    return lines;
}

// A line ends inside a word: the word is wider than the box.
bool SplitsWord(ImFont* font, float size, std::string_view text, float width) {
    const std::string shaped = ShapeArabic(text);
    const char* end = shaped.data() + shaped.size();
    auto in_word = [](char c) {
        const unsigned char u = static_cast<unsigned char>(c);
        return u >= 0x80 || (u >= '0' && u <= '9') || (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z');
    };
    for (const Line& l : WrapLines(font, size, shaped, width))
        if (l.End > l.Begin && l.End < end && in_word(l.End[-1]) && in_word(l.End[0]))
            return true;
    return false;
}

} // namespace

float TextBlockHeight(ImFont* font, std::string_view text, float width, float size) {
    if (size <= 0)
        size = font->FontSize;
    if (HasRtl(text)) // measured as drawn: joined letters are narrower
        return float(WrapLines(font, size, ShapeArabic(text), width).size()) * size * 1.2f;
    return float(WrapLines(font, size, text, width).size()) * size * 1.2f;
}

float TextWidth(ImFont* font, std::string_view text, float size) {
    const std::string shaped = ShapeArabic(text);
    return font->CalcTextSizeA(size > 0 ? size : font->FontSize, FLT_MAX, 0.0f, shaped.data(),
                               shaped.data() + shaped.size()).x;
}

namespace {

// Wrapped, centred lines at [x, x+width] as given (already mirrored); each line in display
// order. Returns the height and records the text (in its logical order) and its box.
float DrawLines(ImFont* font, float size, std::string_view text, float x, float y, float width, ImU32 color,
                bool rtl, bool bold) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const bool bidi = rtl || HasRtl(text);
    const std::string shaped = bidi ? ShapeArabic(text) : std::string();
    const std::string_view laid = bidi ? std::string_view(shaped) : text;
    float line_h = size * 1.2f;
    float cy = y;
    ImVec2 min(FLT_MAX, y), max(-FLT_MAX, y);
    for (const Line& l : WrapLines(font, size, laid, width)) {
        std::string visual;
        const char *b = l.Begin, *e = l.End;
        if (bidi) {
            visual = VisualLine(std::string_view(b, size_t(e - b)), rtl);
            b = visual.data();
            e = b + visual.size();
        }
        float w = font->CalcTextSizeA(size, FLT_MAX, 0.0f, b, e).x;
        dl->AddText(font, size, ImVec2(x + (width - w) * 0.5f, cy), color, b, e);
        min.x = std::min(min.x, x + (width - w) * 0.5f);
        max.x = std::max(max.x, x + (width + w) * 0.5f);
        cy += line_h;
    }
    RecordText(text);
    if (cy > y) // the box of the glyphs, without the last line's spacing
        RecordTextBox(text, min, ImVec2(max.x, cy - line_h + size), size, bold);
    return cy - y;
}

} // namespace

float TextBlock(const Theme& t, ImFont* font, std::string_view text, float x, float y, float width, ImU32 color,
                float size) {
    if (Measuring())
        return TextBlockHeight(font, text, width, size);
    return DrawLines(font, size > 0 ? size : font->FontSize, text, t.X(x, width), y, width, color, t.Rtl,
                     t.IsBold(font));
}

float TextLine(const Theme& t, ImFont* font, std::string_view text, ImVec2 pos, ImU32 color, float size) {
    if (size <= 0)
        size = font->FontSize;
    std::string visual;
    if (t.Rtl || HasRtl(text))
        visual = VisualLine(text, t.Rtl);
    const std::string_view drawn = visual.empty() ? text : std::string_view(visual);
    const char* b = drawn.data();
    const char* e = b + drawn.size();
    const float w = font->CalcTextSizeA(size, FLT_MAX, 0.0f, b, e).x;
    if (Measuring())
        return w;
    pos.x = t.X(pos.x, w); // on a right-to-left screen the line ends where it would start
    ImGui::GetWindowDrawList()->AddText(font, size, pos, color, b, e);
    RecordText(text);
    RecordTextBox(text, pos, ImVec2(pos.x + w, pos.y + size), size, t.IsBold(font));
    return w;
}

void TextInBox(const Theme& t, ImFont* font, std::string_view text, ImVec2 min, ImVec2 max, ImU32 color) {
    const float w = max.x - min.x, h = max.y - min.y;
    float size = font->FontSize;
    const std::string shaped = ShapeArabic(text);
    auto fits = [&] {
        float widest = 0;
        for (const Line& l : WrapLines(font, size, shaped, w))
            widest = std::max(widest, font->CalcTextSizeA(size, FLT_MAX, 0.0f, l.Begin, l.End).x);
        return widest <= w && TextBlockHeight(font, text, w, size) - size * 0.2f <= h;
    };
    for (int step = 0; step < 7 && !fits(); step++)
        size *= 0.9f;
    const float text_h = TextBlockHeight(font, text, w, size) - size * 0.2f;
    TextBlock(t, font, text, min.x, min.y + (h - text_h) * 0.5f, w, color, size);
}

bool AddTarget(const Theme& t, std::string_view id, ImVec2 pos, ImVec2 size, bool mirror, TargetHit* hit) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems)
        return false;
    size.x = std::max(size.x, t.MinTargetPx());
    size.y = std::max(size.y, t.MinTargetPx());
    const ImGuiID gid = window->GetID(id.data(), id.data() + id.size());
    if (mirror)
        pos.x = t.X(pos.x, size.x);
    const ImRect bb(pos, ImVec2(pos.x + size.x, pos.y + size.y));
    ImGui::SetCursorScreenPos(pos);
    ImGui::ItemSize(size);
    if (!ImGui::ItemAdd(bb, gid))
        return false;
    // Default flags = PressedOnClickRelease: fires on release over the item only.
    hit->Min = bb.Min;
    hit->Max = bb.Max;
    hit->Pressed = ImGui::ButtonBehavior(bb, gid, &hit->Hovered, &hit->Held);
    return true;
}

namespace {

// The room a button's label has: its width between the corners a check mark or a badge
// keep free, and the height the pictogram leaves (a wide button has it beside the words).
struct LabelRoom {
    float Width, Height;
};
LabelRoom RoomFor(const Theme& t, ImVec2 size, bool pict, bool mark, bool badge) {
    size.x = std::max(size.x, t.MinTargetPx());
    size.y = std::max(size.y, t.MinTargetPx());
    const float pad = t.Px(16), corner = std::min(t.Px(56), size.y * 0.45f) + t.Px(10);
    const bool beside = pict && size.x > 1.6f * size.y;
    float w = size.x - 2 * pad - (mark ? corner : 0.0f) - (badge ? corner : 0.0f);
    float h = size.y;
    if (beside)
        w -= std::min(size.y - 2 * pad, size.x * 0.3f) + pad;
    else if (pict)
        h = size.y * 0.6f; // the picture keeps the rest (at least 40 %)
    return {std::max(w, 1.0f), h};
}

bool Fits(ImFont* font, float size, std::string_view label, LabelRoom room) {
    return TextBlockHeight(font, label, room.Width, size) <= room.Height && !SplitsWord(font, size, label, room.Width);
}

} // namespace

float ButtonFontSize(const Theme& t, const std::vector<std::string>& labels, ImVec2 size, bool pict, bool mark,
                     bool badge) {
    const LabelRoom room = RoomFor(t, size, pict, mark, badge);
    const float full = t.Button->FontSize, least = full * 0.3f;
    float font_size = full;
    for (const std::string& label : labels) {
        if (Fits(t.Button, font_size, label, room))
            continue;
        // The largest size that fits, to a pixel's tenth (down to 30 %, the weight kept):
        // the same words fit at the same size with or without A+.
        float lo = least, hi = font_size;
        while (hi - lo > 0.1f) {
            const float mid = (lo + hi) * 0.5f;
            (Fits(t.Button, mid, label, room) ? lo : hi) = mid;
        }
        font_size = lo;
    }
    return font_size;
}

bool TouchButton(const Theme& t, std::string_view id, std::string_view label, ImVec2 pos, ImVec2 size,
                 ButtonKind kind, Pictogram pict, bool selected, std::string_view badge, float font_size) {
    TargetHit hit;
    if (!AddTarget(t, id, pos, size, true, &hit))
        return false;
    const ImRect bb(hit.Min, hit.Max);
    pos = hit.Min;
    size = ImVec2(hit.Max.x - hit.Min.x, hit.Max.y - hit.Min.y);
    const bool held = hit.Held, pressed = hit.Pressed;

    ImU32 face, text_col, border;
    switch (kind) {
    case ButtonKind::Primary: face = held ? t.PrimaryHeld : t.Primary; text_col = t.PrimaryText; border = t.PrimaryHeld; break;
    case ButtonKind::Card: face = held ? t.CardHeld : t.Card; text_col = t.Text; border = t.CardBorder; break;
    default: face = held ? t.QuietHeld : t.Quiet; text_col = t.Text; border = t.CardBorder; break;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float rounding = t.Px(18);
    if (selected && kind == ButtonKind::Card)
        face = t.CardHeld;
    dl->AddRectFilled(bb.Min, bb.Max, face, rounding);
    dl->AddRect(bb.Min, bb.Max, selected ? t.Primary : border, rounding, 0, std::max(2.0f, t.Px(selected ? 8 : 3)));
    // The check mark at the end of the reading direction, the badge at its start; the
    // label keeps clear of both corners.
    const float end_x = t.Rtl ? -1.0f : 1.0f;
    if (selected) { // a check mark in a disc at the top-right corner (top-left in Arabic)
        float d = std::min(t.Px(56), size.y * 0.45f);
        ImVec2 c(bb.GetCenter().x + end_x * (size.x * 0.5f - d * 0.5f - t.Px(10)), bb.Min.y + d * 0.5f + t.Px(10));
        dl->AddCircleFilled(c, d * 0.5f, t.Primary, 24);
        DrawPictogram(dl, Pictogram::Yes, ImVec2(c.x - d * 0.35f, c.y - d * 0.35f), d * 0.7f, t.PrimaryText);
        RecordMark("check", ImVec2(c.x - d * 0.5f, c.y - d * 0.5f), ImVec2(c.x + d * 0.5f, c.y + d * 0.5f));
    }
    if (!badge.empty()) { // a rank in a disc at the top-left corner
        float d = std::min(t.Px(60), size.y * 0.5f);
        ImVec2 c(bb.GetCenter().x - end_x * (size.x * 0.5f - d * 0.5f - t.Px(10)), bb.Min.y + d * 0.5f + t.Px(10));
        dl->AddCircleFilled(c, d * 0.5f, t.Primary, 24);
        const float bs = std::min(t.Button->FontSize, d * 0.8f);
        ImVec2 ts = t.Button->CalcTextSizeA(bs, FLT_MAX, 0, badge.data(), badge.data() + badge.size());
        dl->AddText(t.Button, bs, ImVec2(c.x - ts.x * 0.5f, c.y - ts.y * 0.5f), t.PrimaryText, badge.data(),
                    badge.data() + badge.size());
        RecordMark("badge", ImVec2(c.x - d * 0.5f, c.y - d * 0.5f), ImVec2(c.x + d * 0.5f, c.y + d * 0.5f));
    }

    // One face (bold) for every button's words: a label that does not fit is drawn smaller,
    // never in another weight (issue 15). A row passes the one size that fits all its labels.
    ImFont* font = t.Button;
    const bool has_pict = pict != Pictogram::None;
    if (font_size <= 0)
        font_size = ButtonFontSize(t, {std::string(label)}, size, has_pict, selected, !badge.empty());
    const LabelRoom room = RoomFor(t, size, has_pict, selected, !badge.empty());
    const float pad = t.Px(16), corner = std::min(t.Px(56), size.y * 0.45f) + t.Px(10);
    float left = pad + (badge.empty() ? 0.0f : corner);
    const float text_h = TextBlockHeight(font, label, room.Width, font_size) - font_size * 0.2f;
    const bool beside = has_pict && size.x > 1.6f * size.y;
    if (beside) { // a wide card: the picture at the start, the words beside it
        const float pict_size = std::min(size.y - 2 * pad, size.x * 0.3f);
        const float px = t.Rtl ? bb.Max.x - left - pict_size : bb.Min.x + left;
        DrawPictogram(dl, pict, ImVec2(px, bb.Min.y + (size.y - pict_size) * 0.5f), pict_size, text_col);
        left += pict_size + pad;
    }
    const float text_x = t.Rtl ? bb.Max.x - left - room.Width : bb.Min.x + left;
    if (has_pict && !beside) {
        float pict_size = std::min(size.x - 2 * pad, size.y - text_h - 3 * pad);
        float block = pict_size + pad + text_h;
        float top = bb.Min.y + (size.y - block) * 0.5f;
        DrawPictogram(dl, pict, ImVec2(bb.Min.x + (size.x - pict_size) * 0.5f, top), pict_size, text_col);
        DrawLines(font, font_size, label, text_x, top + pict_size + pad, room.Width, text_col, t.Rtl, true);
    } else {
        DrawLines(font, font_size, label, text_x, bb.Min.y + (size.y - text_h) * 0.5f, room.Width, text_col, t.Rtl,
                  true);
    }
    RecordTarget(id, label, bb.Min, bb.Max, int(kind));
    return pressed;
}

} // namespace widgets
