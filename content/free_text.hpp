// Free text from the on-screen keyboard, made safe to store (promise 3: anonymous by
// design): valid UTF-8, no control or direction-override characters, trimmed, capped,
// and whatever looks like a phone number or an e-mail address masked. Pure.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace content {

constexpr int kDefaultTextMax = 500; // characters (code points), not bytes

// What replaces a masked phone number or e-mail address in the stored text.
constexpr const char* kMaskedPhone = "[tel]";
constexpr const char* kMaskedEmail = "[e-mail]";

struct CleanText {
    bool Ok = false;
    std::string Text;   // cleaned and masked
    std::string Error;  // when !Ok: why (invalid UTF-8)
    int Masked = 0;     // how many phone numbers and e-mail addresses were masked
};

// Characters (code points) in valid UTF-8 text; -1 when s is not valid UTF-8.
int Utf8Length(std::string_view s);
// s without its last character (backspace); s itself when empty.
std::string DropLastChar(std::string_view s);

// The whole treatment, in this order: check UTF-8, drop control characters (C0, DEL,
// C1) and bidi overrides, turn tabs and line breaks into spaces, trim, mask phone numbers
// and e-mail addresses, cap at max_chars characters (after masking, so the cap holds and
// no number is cut short of the mask).
CleanText CleanFreeText(std::string_view raw, int max_chars = kDefaultTextMax);

// Masking alone (for tests and the store): runs of 9 or more digits, with the usual
// separators between them (space, -, ., /, parentheses, a leading +), and
// anything@anything.tld.
std::string MaskContactData(std::string_view text, int* masked = nullptr);

} // namespace content
