// Right-to-left text for Dear ImGui, which draws glyphs left to right one code point at
// a time: Arabic letters are shaped into their joined forms (Arabic Presentation
// Forms-B) and each line is put into display order (the Unicode bidi algorithm), both by
// GNU FriBidi. Latin text passes through untouched and costs one scan.
#pragma once
#include <string>
#include <string_view>

namespace widgets {

// Holds a letter of a right-to-left script (Hebrew, Arabic and their presentation forms).
bool HasRtl(std::string_view utf8);

// The joined (shaped) form of a text, still in logical order: what a line is measured
// and wrapped on. Brackets are not mirrored yet (VisualLine does that).
std::string ShapeArabic(std::string_view utf8);

// One line in display order, shaped. rtl: the paragraph runs right to left (an Arabic
// screen); otherwise its direction follows its first strong letter.
std::string VisualLine(std::string_view utf8, bool rtl);

} // namespace widgets
