#include "widgets/touch.hpp"
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

} // namespace

float TextBlockHeight(ImFont* font, std::string_view text, float width, float size) {
    if (size <= 0)
        size = font->FontSize;
    return float(WrapLines(font, size, text, width).size()) * size * 1.2f;
}

float TextBlock(const Theme&, ImFont* font, std::string_view text, float x, float y, float width, ImU32 color,
                float size) {
    if (size <= 0)
        size = font->FontSize;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float line_h = size * 1.2f;
    float cy = y;
    ImVec2 min(FLT_MAX, y), max(-FLT_MAX, y);
    for (const Line& l : WrapLines(font, size, text, width)) {
        float w = font->CalcTextSizeA(size, FLT_MAX, 0.0f, l.Begin, l.End).x;
        dl->AddText(font, size, ImVec2(x + (width - w) * 0.5f, cy), color, l.Begin, l.End);
        min.x = std::min(min.x, x + (width - w) * 0.5f);
        max.x = std::max(max.x, x + (width + w) * 0.5f);
        cy += line_h;
    }
    RecordText(text);
    if (cy > y) // the box of the glyphs, without the last line's spacing
        RecordTextBox(text, min, ImVec2(max.x, cy - line_h + size));
    return cy - y;
}

float TextLine(ImFont* font, std::string_view text, ImVec2 pos, ImU32 color, float size) {
    if (size <= 0)
        size = font->FontSize;
    const char* b = text.data();
    const char* e = b + text.size();
    const float w = font->CalcTextSizeA(size, FLT_MAX, 0.0f, b, e).x;
    ImGui::GetWindowDrawList()->AddText(font, size, pos, color, b, e);
    RecordText(text);
    RecordTextBox(text, pos, ImVec2(pos.x + w, pos.y + size));
    return w;
}

void TextInBox(const Theme& t, ImFont* font, std::string_view text, ImVec2 min, ImVec2 max, ImU32 color) {
    const float w = max.x - min.x, h = max.y - min.y;
    float size = font->FontSize;
    auto fits = [&] {
        float widest = 0;
        for (const Line& l : WrapLines(font, size, text, w))
            widest = std::max(widest, font->CalcTextSizeA(size, FLT_MAX, 0.0f, l.Begin, l.End).x);
        return widest <= w && TextBlockHeight(font, text, w, size) - size * 0.2f <= h;
    };
    for (int step = 0; step < 7 && !fits(); step++)
        size *= 0.9f;
    const float text_h = TextBlockHeight(font, text, w, size) - size * 0.2f;
    TextBlock(t, font, text, min.x, min.y + (h - text_h) * 0.5f, w, color, size);
}

bool TouchButton(const Theme& t, std::string_view id, std::string_view label, ImVec2 pos, ImVec2 size,
                 ButtonKind kind, Pictogram pict, bool selected, std::string_view badge) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems)
        return false;
    size.x = std::max(size.x, t.MinTargetPx());
    size.y = std::max(size.y, t.MinTargetPx());
    const ImGuiID gid = window->GetID(id.data(), id.data() + id.size());
    const ImRect bb(pos, ImVec2(pos.x + size.x, pos.y + size.y));
    ImGui::SetCursorScreenPos(pos);
    ImGui::ItemSize(size);
    if (!ImGui::ItemAdd(bb, gid))
        return false;

    // Default flags = PressedOnClickRelease: fires on release over the item only.
    bool hovered = false, held = false;
    bool pressed = ImGui::ButtonBehavior(bb, gid, &hovered, &held);

    ImU32 face, text_col, border;
    switch (kind) {
    case ButtonKind::Primary: face = held ? t.PrimaryHeld : t.Primary; text_col = t.PrimaryText; border = t.PrimaryHeld; break;
    case ButtonKind::Card: face = held ? t.CardHeld : t.Card; text_col = t.Text; border = t.CardBorder; break;
    default: face = held ? t.QuietHeld : t.Quiet; text_col = t.Text; border = t.CardBorder; break;
    }
    ImDrawList* dl = window->DrawList;
    float rounding = t.Px(18);
    if (selected && kind == ButtonKind::Card)
        face = t.CardHeld;
    dl->AddRectFilled(bb.Min, bb.Max, face, rounding);
    dl->AddRect(bb.Min, bb.Max, selected ? t.Primary : border, rounding, 0, std::max(2.0f, t.Px(selected ? 8 : 3)));
    if (selected) { // a check mark in a disc at the top-right corner
        float d = std::min(t.Px(56), size.y * 0.45f);
        ImVec2 c(bb.Max.x - d * 0.5f - t.Px(10), bb.Min.y + d * 0.5f + t.Px(10));
        dl->AddCircleFilled(c, d * 0.5f, t.Primary, 24);
        DrawPictogram(dl, Pictogram::Yes, ImVec2(c.x - d * 0.35f, c.y - d * 0.35f), d * 0.7f, t.PrimaryText);
    }
    if (!badge.empty()) { // a rank in a disc at the top-left corner
        float d = std::min(t.Px(60), size.y * 0.5f);
        ImVec2 c(bb.Min.x + d * 0.5f + t.Px(10), bb.Min.y + d * 0.5f + t.Px(10));
        dl->AddCircleFilled(c, d * 0.5f, t.Primary, 24);
        ImVec2 ts = t.Button->CalcTextSizeA(t.Button->FontSize, FLT_MAX, 0, badge.data(), badge.data() + badge.size());
        dl->AddText(t.Button, t.Button->FontSize, ImVec2(c.x - ts.x * 0.5f, c.y - ts.y * 0.5f), t.PrimaryText,
                    badge.data(), badge.data() + badge.size());
    }

    ImFont* font = t.Button;
    float pad = t.Px(16);
    // The check mark and the badge keep their corner free of text.
    float mark = std::min(t.Px(56), size.y * 0.45f) + t.Px(10);
    float left = pad + (badge.empty() ? 0.0f : mark), right = pad + (selected ? mark : 0.0f);
    float text_w = size.x - left - right;
    float text_h = TextBlockHeight(font, label, text_w);
    // A long word in a low button (a matrix cell, a small window): a smaller font rather
    // than text spilling over the edge.
    float room = size.y - (pict != Pictogram::None ? size.y * 0.5f : 0.0f);
    for (ImFont* smaller : {t.Body, t.Small})
        if (text_h > room && smaller) {
            font = smaller;
            text_h = TextBlockHeight(font, label, text_w);
        }
    // Still too big (a long word in a small corner button, large text): the small font
    // drawn smaller, down to two thirds, rather than words over the edge.
    float font_size = font->FontSize;
    // A word wider than the button would be broken in two ("Zeggenscha / p"): smaller
    // letters instead, down to two thirds.
    float widest_word = 0;
    for (size_t at = 0; at < label.size();) {
        size_t end = label.find_first_of(" \n", at);
        if (end == std::string_view::npos)
            end = label.size();
        widest_word = std::max(widest_word, font->CalcTextSizeA(font_size, FLT_MAX, 0, label.data() + at,
                                                                label.data() + end).x);
        at = end + 1;
    }
    if (widest_word > text_w && widest_word > 0) {
        font_size = std::max(font_size * 0.67f, font_size * text_w / widest_word);
        text_h = TextBlockHeight(font, label, text_w, font_size);
    }
    for (int step = 0; step < 4 && text_h > room; step++) {
        font_size *= 0.9f;
        text_h = TextBlockHeight(font, label, text_w, font_size);
    }
    if (pict != Pictogram::None) {
        float pict_size = std::min(size.x - 2 * pad, size.y - text_h - 3 * pad);
        float block = pict_size + pad + text_h;
        float top = bb.Min.y + (size.y - block) * 0.5f;
        DrawPictogram(dl, pict, ImVec2(bb.Min.x + (size.x - pict_size) * 0.5f, top), pict_size, text_col);
        TextBlock(t, font, label, bb.Min.x + left, top + pict_size + pad, text_w, text_col, font_size);
    } else {
        TextBlock(t, font, label, bb.Min.x + left, bb.Min.y + (size.y - text_h) * 0.5f, text_w, text_col, font_size);
    }
    RecordTarget(id, label, bb.Min, bb.Max);
    return pressed;
}

} // namespace widgets
