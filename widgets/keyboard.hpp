// The on-screen keyboard for free text (a kiosk has no physical keyboard): big keys in
// a Dutch QWERTY layout, a second layer with the accented letters Dutch, Frisian,
// Polish and Turkish need, shift for one capital, backspace, space and "klaar".
// Draws and reports the key tapped; what the text becomes is the caller's business.
// Where 11 keys a row would be under 11.5 mm (an 800 px wide tablet at 149 dpi) the same
// keys come 8 a row, in 7 rows; where five rows would not fit the height given (a
// 600 px high screen with A+) they come 14 units a row, in 4 rows.
#pragma once
#include "widgets/theme.hpp"

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace widgets {

// The words on the special keys, from the content pack.
struct KeyboardLabels {
    std::string_view Space, Backspace, Shift, Accents, Letters, Done;
};

enum class KeyKind { None, Insert, Backspace, Shift, Layer, Done };

struct KeyPress {
    KeyKind Kind = KeyKind::None;
    std::string Text; // Insert: the character (UTF-8)
};

// The characters of a layer (accents = false: letters and digits), in rows, as the
// keys show them with or without shift. For tests and the script driver.
std::vector<std::vector<std::string>> KeyboardRows(bool accents, bool shift);

// Height of the keyboard for a width (keys keep their shape).
// max_h > 0: lower keys so that it fits (never under 11.5 mm).
float KeyboardHeight(const Theme& theme, float width, float max_h = 0.0f);

// Draws the keyboard in the box at pos (width wide, KeyboardHeight high). Every key is a
// touch target: "key-<character>" (e.g. key-a, key-ë, key-A), key-space,
// key-backspace, key-shift, key-layer, key-done.
KeyPress Keyboard(const Theme& theme, ImVec2 pos, float width, bool shift, bool accents, const KeyboardLabels& labels,
                  float max_h = 0.0f);

} // namespace widgets
