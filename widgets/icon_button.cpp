#include "widgets/icon_button.hpp"
#include "widgets/bidi.hpp"
#include "widgets/registry.hpp"

#include <imgui_internal.h>

#include <algorithm>

namespace widgets {

namespace {

struct Parts {
    ImFont* Font;
    float Pad, Icon, Gap, Text, Check;
};

Parts Measure(const Theme& t, std::string_view label, Pictogram pict, bool selected, float height) {
    Parts p;
    p.Font = t.Body;
    p.Pad = t.Px(18);
    p.Icon = pict == Pictogram::None ? 0.0f : height * 0.62f;
    p.Gap = pict == Pictogram::None ? 0.0f : t.Px(12);
    const std::string drawn = VisualLine(label, t.Rtl);
    p.Text = p.Font->CalcTextSizeA(p.Font->FontSize, FLT_MAX, 0.0f, drawn.data(), drawn.data() + drawn.size()).x;
    p.Check = selected ? height * 0.45f + t.Px(12) : 0.0f;
    return p;
}

} // namespace

float IconButtonWidth(const Theme& t, std::string_view label, Pictogram pict, bool selected, float height) {
    height = std::max(height, t.MinTargetPx());
    Parts p = Measure(t, label, pict, selected, height);
    return std::max(t.MinTargetPx(), p.Pad + p.Icon + p.Gap + p.Text + p.Check + p.Pad);
}

bool IconButton(const Theme& t, std::string_view id, std::string_view label, Pictogram pict, ImVec2 pos, float height,
                ButtonKind kind, bool selected) {
    height = std::max(height, t.MinTargetPx());
    const Parts p = Measure(t, label, pict, selected, height);
    const ImVec2 size(IconButtonWidth(t, label, pict, selected, height), height);
    TargetHit hit;
    if (!AddTarget(t, id, pos, size, true, &hit))
        return false;
    const ImRect bb(hit.Min, hit.Max);
    pos = hit.Min;
    const bool held = hit.Held, pressed = hit.Pressed;

    ImU32 face, text_col, border;
    switch (kind) {
    case ButtonKind::Primary: face = held ? t.PrimaryHeld : t.Primary; text_col = t.PrimaryText; border = t.PrimaryHeld; break;
    case ButtonKind::Card: face = held || selected ? t.CardHeld : t.Card; text_col = t.Text; border = t.CardBorder; break;
    default: face = held ? t.QuietHeld : selected ? t.CardHeld : t.Quiet; text_col = t.Text; border = t.CardBorder; break;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float rounding = t.Px(14);
    dl->AddRectFilled(bb.Min, bb.Max, face, rounding);
    dl->AddRect(bb.Min, bb.Max, selected ? t.Primary : border, rounding, 0, std::max(2.0f, t.Px(selected ? 7 : 3)));

    // Picture, word, check mark in the reading direction (right to left in Arabic).
    const float dir = t.Rtl ? -1.0f : 1.0f;
    float x = t.Rtl ? bb.Max.x - p.Pad : bb.Min.x + p.Pad; // where the next part starts
    auto place = [&](float w) { // the left edge of a part w wide at x, and x moves past it
        const float left = t.Rtl ? x - w : x;
        x += dir * w;
        return left;
    };
    if (pict != Pictogram::None) {
        DrawPictogram(dl, pict, ImVec2(place(p.Icon), bb.Min.y + (height - p.Icon) * 0.5f), p.Icon, text_col);
        place(p.Gap);
    }
    const std::string drawn = VisualLine(label, t.Rtl);
    dl->AddText(p.Font, p.Font->FontSize, ImVec2(place(p.Text), bb.Min.y + (height - p.Font->FontSize) * 0.5f),
                text_col, drawn.data(), drawn.data() + drawn.size());
    RecordText(label);
    if (selected) { // a check mark in a disc after the word
        const float d = height * 0.45f;
        place(t.Px(12));
        ImVec2 c(place(d) + d * 0.5f, bb.Min.y + height * 0.5f);
        dl->AddCircleFilled(c, d * 0.5f, t.Primary, 24);
        DrawPictogram(dl, Pictogram::Yes, ImVec2(c.x - d * 0.35f, c.y - d * 0.35f), d * 0.7f, t.PrimaryText);
    }
    RecordTarget(id, label, bb.Min, bb.Max);
    return pressed;
}

} // namespace widgets
