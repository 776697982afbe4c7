// What the store accepts as text and as an id from outside (a kiosk's answers, campfire
// data, enrolment requests, USB files): valid UTF-8 without control or bidi characters,
// and ids shaped as the packs write them. Refused, not stripped: a real kiosk cleans
// free text before it stores it (content/free_text.hpp), so such a field never came
// from one. Pure.
#pragma once
#include <string>
#include <string_view>

namespace wsync {

bool IsValidUtf8(std::string_view s);

// Holds a control character: C0 (except '\n' when allow_newline), DEL, C1, the bidi
// embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069), the direction
// marks (U+200E, U+200F, U+061C), the line and paragraph separators (U+2028, U+2029)
// and U+FEFF. s must be valid UTF-8.
bool HasControlChars(std::string_view s, bool allow_newline = false);

// "" when s is clean text, else a reason that names the field ("value holds ...").
std::string TextProblem(std::string_view s, const std::string& field, bool allow_newline = false);

// An id as a pack writes it: 1..64 of [a-z0-9_-], not starting with '_' or '-'.
bool IsPackId(std::string_view s);
// The question id of an answer: a pack id, or QUESTION.ROW for a matrix row.
bool IsAnswerQuestionId(std::string_view s);
// A pack version: 1..32 of [0-9A-Za-z.+-].
bool IsPackVersion(std::string_view s);
// Exactly len lowercase hex digits.
bool IsLowerHex(std::string_view s, size_t len);

} // namespace wsync
