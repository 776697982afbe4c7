// The pack's logo: "logo" in pack.json holds a PNG in base64 (`base64 -w0 logo.png`), so
// the logo travels inside the one pack file the store publishes and kiosks download.
#pragma once
#include "content/pack.hpp"

#include <string>
#include <string_view>

namespace content {

constexpr size_t kLogoMaxBytes = 256 * 1024; // the PNG file, decoded from base64
constexpr int kLogoMaxSide = 1024;           // pixels, each way
constexpr int kLogoMinSide = 16;

// Decodes and checks the logo: base64, a PNG that decodes whole, within the limits above.
// On a problem: false and *error says what is wrong, in words for the pack's author.
bool ReadLogo(std::string_view base64, PackLogo* out, std::string* error);

// The logo's pixels as RGBA, 4 bytes a pixel, row by row; empty when it does not decode.
std::string LogoPixels(const PackLogo& logo);

} // namespace content
