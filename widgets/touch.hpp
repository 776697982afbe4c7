// Touch widgets on Dear ImGui. A tap activates on release, and sliding off before
// release cancels it (ImGui's default button behaviour, which we keep on purpose).
// Every widget registers its stable id and label for scripts and tests.
#pragma once
#include "widgets/pictogram.hpp"
#include "widgets/theme.hpp"

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace widgets {

enum class ButtonKind { Primary, Card, Quiet };

// A button at box [pos, pos+size] (grown to the minimum touch size if smaller).
// Draws the label centred and wrapped; with a pictogram, the picture above the word.
// selected: drawn with a thick border and a check mark (never colour alone);
// badge: a short text in a circle at the top-left (the rank in a top 3).
// The item behind every touch target: at least MinTargetPx each way, mirrored on a
// right-to-left screen when mirror, pressed on release over it (sliding off cancels).
// False when ImGui skips or clips it: then draw nothing.
struct TargetHit {
    ImVec2 Min, Max;
    bool Pressed = false, Hovered = false, Held = false;
};
bool AddTarget(const Theme& theme, std::string_view id, ImVec2 pos, ImVec2 size, bool mirror, TargetHit* hit);

// font_size > 0: the label at that size (a row's ButtonFontSize); else the size that fits.
// A button much wider than high has its pictogram beside the words.
bool TouchButton(const Theme& theme, std::string_view id, std::string_view label, ImVec2 pos, ImVec2 size,
                 ButtonKind kind, Pictogram pict = Pictogram::None, bool selected = false,
                 std::string_view badge = {}, float font_size = 0.0f);

// The one label size at which every label fits a button of this size (with a pictogram,
// a check mark, a rank badge): a row of buttons shrinks alike, in one weight.
float ButtonFontSize(const Theme& theme, const std::vector<std::string>& labels, ImVec2 size,
                     bool pict = false, bool mark = false, bool badge = false);

// Text wrapped to width and centred in [x, x+width] from y down; returns its height.
// Arabic is joined and each line put in display order (widgets/bidi.hpp); on a
// right-to-left screen (theme.Rtl) the box is mirrored.
// size > 0 draws the font at that size instead of its own.
float TextBlock(const Theme& theme, ImFont* font, std::string_view text, float x, float y, float width, ImU32 color,
                float size = 0.0f);

// One line of text at pos (no wrapping); returns its width. Records the text and its box.
// size > 0 draws the font at that size.
// On a right-to-left screen the line is mirrored: it ends where it would have started.
float TextLine(const Theme& theme, ImFont* font, std::string_view text, ImVec2 pos, ImU32 color, float size = 0.0f);

// Text wrapped and centred in a box, drawn smaller (down to about half) when it would
// not fit otherwise: a row label beside buttons, with large text or a long language.
void TextInBox(const Theme& theme, ImFont* font, std::string_view text, ImVec2 min, ImVec2 max, ImU32 color);

// Width of one line as it is drawn (Arabic joined).
float TextWidth(ImFont* font, std::string_view text, float size = 0.0f);

// Height TextBlock would take.
float TextBlockHeight(ImFont* font, std::string_view text, float width, float size = 0.0f);

} // namespace widgets
