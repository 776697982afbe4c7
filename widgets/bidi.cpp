#include "widgets/bidi.hpp"

#include <fribidi.h>

#include <vector>

namespace widgets {

namespace {

std::vector<FriBidiChar> Decode(std::string_view s) {
    std::vector<FriBidiChar> u(s.size() + 1);
    const FriBidiStrIndex n =
        fribidi_charset_to_unicode(FRIBIDI_CHAR_SET_UTF8, s.data(), FriBidiStrIndex(s.size()), u.data());
    u.resize(size_t(n));
    return u;
}

// Drops what FriBidi leaves that has no glyph: joiners, bidi marks, the ligature filler.
std::string Encode(const std::vector<FriBidiChar>& u) {
    std::vector<FriBidiChar> kept;
    kept.reserve(u.size());
    for (FriBidiChar c : u) {
        const bool invisible = c == 0xFEFF || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
                               (c >= 0x2066 && c <= 0x2069);
        if (!invisible)
            kept.push_back(c);
    }
    std::string out(kept.size() * 4 + 1, '\0');
    const FriBidiStrIndex n =
        fribidi_unicode_to_charset(FRIBIDI_CHAR_SET_UTF8, kept.data(), FriBidiStrIndex(kept.size()), out.data());
    out.resize(size_t(n));
    return out;
}

} // namespace

bool HasRtl(std::string_view s) {
    // UTF-8 lead bytes: D6 8x-BF .. DF (U+0590-U+07FF: Hebrew, Arabic, Syriac, Thaana),
    // EF AD-BB (U+FB1D-U+FEFF: Hebrew and Arabic presentation forms).
    for (size_t i = 0; i + 1 < s.size(); i++) {
        const unsigned char c = static_cast<unsigned char>(s[i]), d = static_cast<unsigned char>(s[i + 1]);
        if ((c == 0xD6 && d >= 0x90) || (c >= 0xD7 && c <= 0xDF))
            return true;
        if (c == 0xEF && d >= 0xAC && d <= 0xBB)
            return true;
    }
    return false;
}

std::string ShapeArabic(std::string_view utf8) {
    if (!HasRtl(utf8))
        return std::string(utf8);
    std::vector<FriBidiChar> u = Decode(utf8);
    const FriBidiStrIndex n = FriBidiStrIndex(u.size());
    std::vector<FriBidiCharType> types(u.size());
    std::vector<FriBidiBracketType> brackets(u.size());
    std::vector<FriBidiLevel> levels(u.size());
    std::vector<FriBidiJoiningType> joining(u.size());
    fribidi_get_bidi_types(u.data(), n, types.data());
    fribidi_get_bracket_types(u.data(), n, types.data(), brackets.data());
    FriBidiParType dir = FRIBIDI_PAR_ON;
    if (!fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), n, &dir, levels.data()))
        return std::string(utf8);
    fribidi_get_joining_types(u.data(), n, joining.data());
    std::vector<FriBidiArabicProp> props(joining.begin(), joining.end());
    fribidi_join_arabic(types.data(), n, levels.data(), props.data());
    fribidi_shape(FRIBIDI_FLAGS_ARABIC, levels.data(), n, props.data(), u.data());
    return Encode(u);
}

std::string VisualLine(std::string_view utf8, bool rtl) {
    if (!rtl && !HasRtl(utf8))
        return std::string(utf8);
    std::vector<FriBidiChar> u = Decode(utf8), visual(u.size() + 1);
    FriBidiParType dir = rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_ON;
    // Shapes (joining, mirrored brackets) and reorders one line.
    if (!fribidi_log2vis(u.data(), FriBidiStrIndex(u.size()), &dir, visual.data(), nullptr, nullptr, nullptr))
        return std::string(utf8);
    visual.resize(u.size());
    return Encode(visual);
}

} // namespace widgets
