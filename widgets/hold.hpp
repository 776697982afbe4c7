// An invisible touch area that reports while it is held down (a long press). Draws
// nothing: residents do not see it. Registers its id, so scripts can hold it.
#pragma once
#include "widgets/theme.hpp"

#include <imgui.h>

#include <string_view>

namespace widgets {

// True while a press that began inside [pos, pos+size] is down and still inside.
// label: for the target list only (never drawn).
bool HoldArea(const Theme& theme, std::string_view id, std::string_view label, ImVec2 pos, ImVec2 size);

} // namespace widgets
