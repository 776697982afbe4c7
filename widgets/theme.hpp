// Colours, fonts and sizes of the kiosk. Sizes scale with the display height (the
// design is made at 1920x1080) and touch targets never drop under 11.5 mm at the
// screen's real DPI.
#pragma once
#include <imgui.h>

#include <string>
#include <vector>

namespace widgets {

struct Theme {
    float Scale = 1.0f;   // display height / 1080
    float PxPerMm = 3.78f; // 96 dpi unless the monitor says otherwise
    float TextScale = 1.0f; // 1.3 with A+ (large text): fonts grow, the layout does not
    bool HighContrast = false;
    // An Arabic screen: text runs right to left and the layout is mirrored. Screens lay
    // out left to right; the widgets mirror each box in the display's width.
    bool Rtl = false;
    float ViewWidth = 1920.0f;

    ImU32 Background = IM_COL32(250, 247, 240, 255);
    ImU32 Text = IM_COL32(26, 26, 26, 255);
    ImU32 TextMuted = IM_COL32(70, 70, 70, 255);
    ImU32 Primary = IM_COL32(16, 70, 130, 255);        // big action buttons
    ImU32 PrimaryHeld = IM_COL32(8, 40, 80, 255);
    ImU32 PrimaryText = IM_COL32(255, 255, 255, 255);
    ImU32 Card = IM_COL32(255, 255, 255, 255);          // answer cards
    ImU32 CardHeld = IM_COL32(205, 225, 245, 255);
    ImU32 CardBorder = IM_COL32(60, 60, 60, 255);
    ImU32 Quiet = IM_COL32(232, 228, 220, 255);         // skip / stop
    ImU32 QuietHeld = IM_COL32(200, 195, 185, 255);
    ImU32 Warning = IM_COL32(150, 30, 20, 255);

    ImFont* Body = nullptr;   // 40 px at 1080
    ImFont* Small = nullptr;  // 32 px
    ImFont* Button = nullptr; // 44 px, bold
    ImFont* Title = nullptr;  // 80 px, bold

    bool IsBold(const ImFont* font) const { return font && (font == Button || font == Title); }
    float Px(float design_px) const { return design_px * Scale; }
    float FontPx(float design_px) const { return design_px * Scale * TextScale; }
    // Where a box [x, x + w] of a left-to-right layout is drawn.
    float X(float x, float w = 0.0f) const { return Rtl ? ViewWidth - x - w : x; }
    float MinTargetPx() const { return 11.5f * PxPerMm; }
    float MinSpacingPx() const { return 2.5f * PxPerMm; }
};

constexpr float kLargeTextScale = 1.3f;

// A theme for a display of this size. px_per_mm <= 0 means unknown (96 dpi assumed).
// large_text: A+; high_contrast: white and yellow on black (text at least 7:1).
Theme MakeTheme(float display_w, float display_h, float px_per_mm, bool large_text = false,
                bool high_contrast = false);

// The colour pairs the widgets draw, for the contrast test: text on its background, and
// a control's edge against what surrounds it.
struct ColorPair {
    const char* What;
    ImU32 Fore, Back;
    bool IsText; // text: 4.5:1 (7:1 in high contrast); a control's edge: 3:1
};
std::vector<ColorPair> ColorPairs(const Theme& theme);
// WCAG 2.x contrast ratio of two opaque colours (1 to 21).
float ContrastRatio(ImU32 a, ImU32 b);

// The applied ImGui style: no window chrome, the theme's colours.
void ApplyStyle(const Theme& theme);

} // namespace widgets
