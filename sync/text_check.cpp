#include "sync/text_check.hpp"

#include <cstdint>

namespace wsync {

namespace {

// Decodes the code point at s[*i] and moves *i past it; false on invalid UTF-8
// (overlong forms, surrogates, beyond U+10FFFF, cut-off sequences).
bool NextCodePoint(std::string_view s, size_t* i, uint32_t* cp) {
    const unsigned char c = static_cast<unsigned char>(s[*i]);
    int extra;
    uint32_t min;
    if (c < 0x80) {
        *cp = c;
        ++*i;
        return true;
    } else if ((c & 0xE0) == 0xC0) {
        extra = 1, min = 0x80, *cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        extra = 2, min = 0x800, *cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        extra = 3, min = 0x10000, *cp = c & 0x07;
    } else {
        return false;
    }
    if (*i + size_t(extra) >= s.size()) // cut off
        return false;
    for (int k = 1; k <= extra; k++) {
        const unsigned char d = static_cast<unsigned char>(s[*i + size_t(k)]);
        if ((d & 0xC0) != 0x80)
            return false;
        *cp = (*cp << 6) | (d & 0x3F);
    }
    if (*cp < min || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF))
        return false;
    *i += size_t(extra) + 1;
    return true;
}

bool IsControl(uint32_t c, bool allow_newline) {
    if (c == '\n')
        return !allow_newline;
    return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C || c == 0x2028 ||
           c == 0x2029 || c == 0xFEFF;
}

} // namespace

bool IsValidUtf8(std::string_view s) {
    uint32_t cp;
    for (size_t i = 0; i < s.size();)
        if (!NextCodePoint(s, &i, &cp))
            return false;
    return true;
}

bool HasControlChars(std::string_view s, bool allow_newline) {
    uint32_t cp;
    for (size_t i = 0; i < s.size();) {
        if (!NextCodePoint(s, &i, &cp))
            return true; // not text at all
        if (IsControl(cp, allow_newline))
            return true;
    }
    return false;
}

std::string TextProblem(std::string_view s, const std::string& field, bool allow_newline) {
    if (!IsValidUtf8(s))
        return field + " is not valid UTF-8";
    if (HasControlChars(s, allow_newline))
        return field + " holds control or bidi characters";
    return "";
}

bool IsPackId(std::string_view s) {
    if (s.empty() || s.size() > 64 || s[0] == '_' || s[0] == '-')
        return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return false;
    return true;
}

bool IsAnswerQuestionId(std::string_view s) {
    const size_t dot = s.find('.');
    if (dot == std::string_view::npos)
        return IsPackId(s);
    return IsPackId(s.substr(0, dot)) && IsPackId(s.substr(dot + 1));
}

bool IsPackVersion(std::string_view s) {
    if (s.empty() || s.size() > 32)
        return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '+' ||
              c == '-'))
            return false;
    return true;
}

bool IsLowerHex(std::string_view s, size_t len) {
    if (s.size() != len)
        return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}

} // namespace wsync
