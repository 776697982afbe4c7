// Colours, fonts and sizes of the kiosk. Sizes scale with the display height (the
// design is made at 1920x1080) and touch targets never drop under 11.5 mm at the
// screen's real DPI.
#pragma once
#include <imgui.h>

#include <string>

namespace widgets {

struct Theme {
    float Scale = 1.0f;   // display height / 1080
    float PxPerMm = 3.78f; // 96 dpi unless the monitor says otherwise

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

    float Px(float design_px) const { return design_px * Scale; }
    float MinTargetPx() const { return 11.5f * PxPerMm; }
    float MinSpacingPx() const { return 2.5f * PxPerMm; }
};

// A theme for a display of this size. px_per_mm <= 0 means unknown (96 dpi assumed).
Theme MakeTheme(float display_w, float display_h, float px_per_mm);

// Adds the kiosk's fonts (DejaVu Sans, with the Latin letters Dutch, Polish and
// Turkish need) to the current ImGui font atlas at the theme's sizes and builds it.
bool LoadFonts(Theme* theme, std::string* error);

// The applied ImGui style: no window chrome, the theme's colours.
void ApplyStyle(const Theme& theme);

} // namespace widgets
