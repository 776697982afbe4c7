#include "content/free_text.hpp"

#include <cctype>
#include <vector>

namespace content {

namespace {

// Decodes one code point at s[i]; returns its byte length, 0 when invalid.
size_t DecodeOne(std::string_view s, size_t i, char32_t* cp) {
    const unsigned char c = (unsigned char)s[i];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size())
        return 0;
    char32_t v = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < n; k++) {
        const unsigned char cc = (unsigned char)s[i + k];
        if ((cc >> 6) != 0x2)
            return 0;
        v = (v << 6) | (cc & 0x3F);
    }
    // No overlong forms, no surrogates, nothing above U+10FFFF.
    if ((n == 2 && v < 0x80) || (n == 3 && v < 0x800) || (n == 4 && v < 0x10000) || v > 0x10FFFF ||
        (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

bool Dropped(char32_t c) {
    return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) // control characters
           || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) // bidi overrides and isolates
           || c == 0x200E || c == 0x200F || c == 0xFEFF;                    // marks, byte order mark
}

bool IsSpace(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0; }

bool PhoneSeparator(char c) { return c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')'; }

bool EmailChar(char c) {
    return std::isalnum((unsigned char)c) || c == '.' || c == '_' || c == '-' || c == '+' || c == '%' ||
           (unsigned char)c >= 0x80;
}

} // namespace

int Utf8Length(std::string_view s) {
    int n = 0;
    for (size_t i = 0; i < s.size(); n++) {
        char32_t cp;
        size_t len = DecodeOne(s, i, &cp);
        if (len == 0)
            return -1;
        i += len;
    }
    return n;
}

std::string DropLastChar(std::string_view s) {
    size_t end = s.size();
    while (end > 0 && ((unsigned char)s[end - 1] >> 6) == 0x2) // continuation bytes
        end--;
    return std::string(s.substr(0, end > 0 ? end - 1 : 0));
}

std::string MaskContactData(std::string_view text, int* masked) {
    std::string s(text);
    int count = 0;
    // E-mail addresses: a run of address characters around an @, with a dot after it.
    for (size_t at = s.find('@'); at != std::string::npos; at = s.find('@', at + 1)) {
        size_t b = at, e = at + 1;
        while (b > 0 && EmailChar(s[b - 1]))
            b--;
        while (e < s.size() && EmailChar(s[e]))
            e++;
        while (e > at + 1 && s[e - 1] == '.') // the full stop ending a sentence is not part of it
            e--;
        const std::string domain = s.substr(at + 1, e - at - 1);
        if (b == at || domain.find('.') == std::string::npos || domain.front() == '.')
            continue;
        s.replace(b, e - b, kMaskedEmail);
        at = b + std::string(kMaskedEmail).size() - 1;
        count++;
    }
    // Phone numbers: 9 or more digits, separated by at most two separators at a time.
    std::string out;
    size_t i = 0;
    while (i < s.size()) {
        const bool plus = s[i] == '+' && i + 1 < s.size() && std::isdigit((unsigned char)s[i + 1]);
        if (!std::isdigit((unsigned char)s[i]) && !plus) {
            out += s[i++];
            continue;
        }
        size_t j = plus ? i + 1 : i, last_digit = j, digits = 0;
        while (j < s.size()) {
            if (std::isdigit((unsigned char)s[j])) {
                digits++;
                last_digit = j++;
                continue;
            }
            size_t k = j;
            while (k < s.size() && k - j < 2 && PhoneSeparator(s[k]))
                k++;
            if (k == j || k >= s.size() || !std::isdigit((unsigned char)s[k]))
                break;
            j = k;
        }
        // A leading "(" belongs to the number, e.g. "(050) 123 45 67".
        if (digits >= 9) {
            if (!out.empty() && out.back() == '(')
                out.pop_back();
            out += kMaskedPhone;
            count++;
            i = last_digit + 1;
            if (i < s.size() && s[i] == ')')
                i++;
        } else {
            out.append(s, i, last_digit + 1 - i);
            i = last_digit + 1;
        }
    }
    if (masked)
        *masked = count;
    return out;
}

CleanText CleanFreeText(std::string_view raw, int max_chars) {
    CleanText r;
    std::vector<std::string_view> chars; // one entry per kept code point
    for (size_t i = 0; i < raw.size();) {
        char32_t cp;
        size_t len = DecodeOne(raw, i, &cp);
        if (len == 0) {
            r.Error = "the text is not valid UTF-8 (byte " + std::to_string(i + 1) + ")";
            return r;
        }
        if (IsSpace(cp))
            chars.push_back(" ");
        else if (!Dropped(cp))
            chars.push_back(raw.substr(i, len));
        i += len;
    }
    // Trim, and never two spaces in a row.
    std::string text;
    for (std::string_view c : chars) {
        if (c == " " && (text.empty() || text.back() == ' '))
            continue;
        text += c;
    }
    while (!text.empty() && text.back() == ' ')
        text.pop_back();
    // Mask first, then cap (a fuzz finding, issue 17): capping first let "[e-mail]" run
    // past the cap, and a phone number cut to 8 digits at the cap escaped the mask.
    const std::string masked = MaskContactData(text, &r.Masked);
    size_t end = 0;
    for (int n = 0; end < masked.size() && n < max_chars; n++)
        do
            end++;
        while (end < masked.size() && (static_cast<unsigned char>(masked[end]) & 0xC0) == 0x80);
    r.Text = masked.substr(0, end);
    while (!r.Text.empty() && r.Text.back() == ' ')
        r.Text.pop_back();
    r.Ok = true;
    return r;
}

} // namespace content
