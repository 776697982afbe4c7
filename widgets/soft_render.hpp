// Draws Dear ImGui's draw data into an RGBA image on the CPU, for places with no window
// and no GPU: the store's report draws the kiosk's own charts (widgets::BarChart) into
// PNG files with it. It does what the OpenGL3 backend does: triangles with a colour per
// corner, texture coordinates into the font atlas (RGBA32, sampled bilinearly like
// GL_LINEAR), clip rectangles (scissor) and alpha blending (SRC_ALPHA,
// ONE_MINUS_SRC_ALPHA). Shared triangle edges are filled once (a fill rule), so the
// anti-aliased fringes ImGui draws never blend twice.
#pragma once
#include <imgui.h>

#include <vector>

namespace widgets {

struct Image {
    int Width = 0;
    int Height = 0;
    std::vector<unsigned char> Pixels; // RGBA, rows top-down, Width * 4 bytes a row

    Image() = default;
    Image(int w, int h, ImU32 fill); // every pixel fill (IM_COL32)
    ImU32 At(int x, int y) const;     // as IM_COL32; 0 outside the image
};

// The one texture ImGui draws with here: the font atlas, RGBA32
// (ImFontAtlas::GetTexDataAsRGBA32).
struct Texture {
    const unsigned char* Pixels = nullptr;
    int Width = 0;
    int Height = 0;
};

// Blends every draw command of data onto image, whose pixel (0, 0) is data.DisplayPos.
// Every texture id is taken to be font (no images are drawn); callbacks are skipped.
void RenderDrawData(const ImDrawData& data, const Texture& font, Image* image);

} // namespace widgets
