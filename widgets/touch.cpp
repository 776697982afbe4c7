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

std::vector<Line> WrapLines(ImFont* font, std::string_view text, float width) {
    std::vector<Line> lines;
    const char* s = text.data();
    const char* end = text.data() + text.size();
    while (s < end) {
        const char* nl = std::find(s, end, '\n');
        const char* wrap = font->CalcWordWrapPositionA(1.0f, s, nl, width);
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

float TextBlockHeight(ImFont* font, std::string_view text, float width) {
    return float(WrapLines(font, text, width).size()) * font->FontSize * 1.2f;
}

float TextBlock(const Theme&, ImFont* font, std::string_view text, float x, float y, float width, ImU32 color) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float line_h = font->FontSize * 1.2f;
    float cy = y;
    for (const Line& l : WrapLines(font, text, width)) {
        float w = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, l.Begin, l.End).x;
        dl->AddText(font, font->FontSize, ImVec2(x + (width - w) * 0.5f, cy), color, l.Begin, l.End);
        cy += line_h;
    }
    RecordText(text);
    return cy - y;
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
    if (pict != Pictogram::None) {
        float pict_size = std::min(size.x - 2 * pad, size.y - text_h - 3 * pad);
        float block = pict_size + pad + text_h;
        float top = bb.Min.y + (size.y - block) * 0.5f;
        DrawPictogram(dl, pict, ImVec2(bb.Min.x + (size.x - pict_size) * 0.5f, top), pict_size, text_col);
        TextBlock(t, font, label, bb.Min.x + left, top + pict_size + pad, text_w, text_col);
    } else {
        TextBlock(t, font, label, bb.Min.x + left, bb.Min.y + (size.y - text_h) * 0.5f, text_w, text_col);
    }
    RecordTarget(id, label, bb.Min, bb.Max);
    return pressed;
}

} // namespace widgets
