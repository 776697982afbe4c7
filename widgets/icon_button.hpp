// A compact touch button with a pictogram left of one line of text, for the controls in
// the corners of every screen ("lees voor"). Same touch rules as TouchButton: fires on
// release, at least 11.5 mm, registered with its stable id.
#pragma once
#include "widgets/pictogram.hpp"
#include "widgets/theme.hpp"
#include "widgets/touch.hpp"

#include <string_view>

namespace widgets {

// The width IconButton takes for this label at this height (pictogram, text, padding).
float IconButtonWidth(const Theme& theme, std::string_view label, Pictogram pict, bool selected, float height);

// A button at pos, IconButtonWidth() wide. selected: a thick border and a check mark after
// the word (the label should say the state in words too).
bool IconButton(const Theme& theme, std::string_view id, std::string_view label, Pictogram pict, ImVec2 pos,
                float height, ButtonKind kind, bool selected = false);

} // namespace widgets
