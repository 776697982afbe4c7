#include "widgets/theme.hpp"

#include <algorithm>
#include <cmath>

namespace widgets {

Theme MakeTheme(float display_w, float display_h, float px_per_mm, bool large_text, bool high_contrast) {
    Theme t;
    t.ViewWidth = display_w;
    // Scale with the height, but never so far that a wide, low window crops the width.
    t.Scale = std::max(0.25f, std::min(display_h / 1080.0f, display_w / 1920.0f * 1.25f));
    if (px_per_mm > 0.0f)
        t.PxPerMm = px_per_mm;
    if (large_text)
        t.TextScale = kLargeTextScale;
    if (high_contrast) { // white text, yellow actions, on black; a white edge on every control
        t.HighContrast = true;
        t.Background = IM_COL32(0, 0, 0, 255);
        t.Text = IM_COL32(255, 255, 255, 255);
        t.TextMuted = IM_COL32(235, 235, 235, 255);
        t.Primary = IM_COL32(255, 220, 0, 255);
        t.PrimaryHeld = IM_COL32(255, 255, 255, 255);
        t.PrimaryText = IM_COL32(0, 0, 0, 255);
        t.Card = IM_COL32(0, 0, 0, 255);
        t.CardHeld = IM_COL32(0, 40, 110, 255);
        t.CardBorder = IM_COL32(255, 255, 255, 255);
        t.Quiet = IM_COL32(45, 45, 45, 255);
        t.QuietHeld = IM_COL32(80, 80, 80, 255);
        t.Warning = IM_COL32(255, 150, 130, 255);
    }
    return t;
}

namespace {

float Luminance(ImU32 c) {
    auto channel = [](unsigned v) {
        float s = float(v) / 255.0f;
        return s <= 0.04045f ? s / 12.92f : std::pow((s + 0.055f) / 1.055f, 2.4f);
    };
    return 0.2126f * channel((c >> IM_COL32_R_SHIFT) & 0xFF) + 0.7152f * channel((c >> IM_COL32_G_SHIFT) & 0xFF) +
           0.0722f * channel((c >> IM_COL32_B_SHIFT) & 0xFF);
}

} // namespace

float ContrastRatio(ImU32 a, ImU32 b) {
    float la = Luminance(a), lb = Luminance(b);
    return (std::max(la, lb) + 0.05f) / (std::min(la, lb) + 0.05f);
}

std::vector<ColorPair> ColorPairs(const Theme& t) {
    // Every combination TouchButton, TextBlock, the chart, the keyboard and the screens
    // draw. A new colour in a widget belongs here too.
    return {
        {"text on the background", t.Text, t.Background, true},
        {"muted text on the background", t.TextMuted, t.Background, true},
        {"warning title on the background", t.Warning, t.Background, true},
        {"text on a primary button", t.PrimaryText, t.Primary, true},
        {"text on a held primary button", t.PrimaryText, t.PrimaryHeld, true},
        {"text on a card", t.Text, t.Card, true},
        {"text on a held or chosen card", t.Text, t.CardHeld, true},
        {"text on a quiet button", t.Text, t.Quiet, true},
        {"text on a held quiet button", t.Text, t.QuietHeld, true},
        {"muted text on a card (the empty text box)", t.TextMuted, t.Card, true},
        {"check mark on its disc", t.PrimaryText, t.Primary, false},
        {"primary button against the background", t.Primary, t.Background, false},
        {"card edge against the background", t.CardBorder, t.Background, false},
        {"card edge against the card", t.CardBorder, t.Card, false},
        {"chosen card's edge (primary) against the background", t.Primary, t.Background, false},
    };
}

void ApplyStyle(const Theme& t) {
    ImGuiStyle& s = ImGui::GetStyle();
    s = ImGuiStyle();
    s.WindowPadding = ImVec2(0, 0);
    s.WindowBorderSize = 0;
    s.WindowRounding = 0;
    s.ItemSpacing = ImVec2(t.Px(24), t.Px(24));
    s.Colors[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(t.Background);
    s.Colors[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(t.Text);
}

} // namespace widgets
