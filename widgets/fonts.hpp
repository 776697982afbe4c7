// The kiosk's fonts: DejaVu Sans (Latin with every accent the keyboard offers, Cyrillic)
// with Noto Sans Arabic merged in for Arabic. The atlas holds only the glyphs the
// content needs (every range costs atlas time and memory, FACTS.md), so the glyph set is
// made from the pack's texts as they are drawn (Arabic shaped).
#pragma once
#include "widgets/theme.hpp"

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace widgets {

// ImGui glyph ranges (pairs, 0-terminated) per font file.
struct GlyphSet {
    std::vector<ImWchar> Main;   // from DejaVu Sans
    std::vector<ImWchar> Arabic; // from Noto Sans Arabic; empty when no text needs it
};

// The keyboard's letters and punctuation, plus every character of texts as drawn.
GlyphSet GlyphsFor(const std::vector<std::string>& texts);

// Adds the fonts at the theme's sizes to the current ImGui atlas and builds it.
bool LoadFonts(Theme* theme, const GlyphSet& glyphs, std::string* error);
// Latin only (the keyboard's letters): for tests and tools that draw no pack text.
bool LoadFonts(Theme* theme, std::string* error);

// The characters of text, as the kiosk draws it, that none of its fonts has (empty when
// all are there). The font files are read once.
std::vector<char32_t> MissingGlyphs(std::string_view utf8);

} // namespace widgets
