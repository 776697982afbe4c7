// Dear ImGui's draw lists rasterized in software into an RGBA image: the same widgets
// that draw the kiosk's screens draw the store's report charts, where there is no window
// and no GPU. Triangles only, textured from the font atlas (the only texture the widgets
// use), alpha-blended, clipped; pixel centres sampled, no anti-aliasing of its own
// (ImGui's anti-aliased fringes do that).
#pragma once
#include <imgui.h>

#include <string>
#include <vector>

namespace widgets {

struct Image {
    int W = 0, H = 0;
    std::vector<unsigned char> Rgba; // W * H * 4, rows top to bottom

    Image(int w, int h, ImU32 fill);
};

// Draws every command of draw_data over img. atlas: the font atlas as RGBA32
// (ImFontAtlas::GetTexDataAsRGBA32).
void Rasterize(const ImDrawData& draw_data, const unsigned char* atlas, int atlas_w, int atlas_h, Image* img);

// Writes img as a PNG (stb_image_write); false with a message when it cannot.
bool WritePng(const Image& img, const std::string& path, std::string* error);

} // namespace widgets
