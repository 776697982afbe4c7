// The pack's logo (content/pack_logo.hpp) as an OpenGL texture for the sender's line.
#pragma once
#include "content/pack.hpp"

#include <imgui.h>

#include <string>

namespace kiosk {

// Decodes the PNG and uploads it; null and *error when it cannot (the kiosk then shows
// the sender's name alone). Call with a current GL context; one logo at a time.
ImTextureID CreateLogoTexture(const content::PackLogo& logo, std::string* error);
void DestroyLogoTexture();

} // namespace kiosk
