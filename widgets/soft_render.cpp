#include "widgets/soft_render.hpp"

#include <algorithm>
#include <cmath>

namespace widgets {

Image::Image(int w, int h, ImU32 fill) : Width(w), Height(h), Pixels(size_t(std::max(0, w)) * size_t(std::max(0, h)) * 4) {
    for (size_t i = 0; i < Pixels.size(); i += 4) {
        Pixels[i + 0] = (unsigned char)((fill >> IM_COL32_R_SHIFT) & 0xFF);
        Pixels[i + 1] = (unsigned char)((fill >> IM_COL32_G_SHIFT) & 0xFF);
        Pixels[i + 2] = (unsigned char)((fill >> IM_COL32_B_SHIFT) & 0xFF);
        Pixels[i + 3] = (unsigned char)((fill >> IM_COL32_A_SHIFT) & 0xFF);
    }
}

ImU32 Image::At(int x, int y) const {
    if (x < 0 || y < 0 || x >= Width || y >= Height)
        return 0;
    const unsigned char* p = &Pixels[(size_t(y) * size_t(Width) + size_t(x)) * 4];
    return IM_COL32(p[0], p[1], p[2], p[3]);
}

namespace {

struct Rgba {
    float R, G, B, A;
};

Rgba Unpack(ImU32 c) {
    return {float((c >> IM_COL32_R_SHIFT) & 0xFF) / 255.0f, float((c >> IM_COL32_G_SHIFT) & 0xFF) / 255.0f,
            float((c >> IM_COL32_B_SHIFT) & 0xFF) / 255.0f, float((c >> IM_COL32_A_SHIFT) & 0xFF) / 255.0f};
}

// GL_LINEAR with GL_CLAMP_TO_EDGE: texel centres sit at half coordinates.
Rgba Sample(const Texture& t, float u, float v) {
    if (!t.Pixels || t.Width <= 0 || t.Height <= 0)
        return {1, 1, 1, 1};
    const float x = u * float(t.Width) - 0.5f, y = v * float(t.Height) - 0.5f;
    const float fx = std::floor(x), fy = std::floor(y);
    const float ax = x - fx, ay = y - fy;
    auto texel = [&](int tx, int ty) {
        tx = std::clamp(tx, 0, t.Width - 1);
        ty = std::clamp(ty, 0, t.Height - 1);
        const unsigned char* p = t.Pixels + (size_t(ty) * size_t(t.Width) + size_t(tx)) * 4;
        return Rgba{float(p[0]), float(p[1]), float(p[2]), float(p[3])};
    };
    const int ix = int(fx), iy = int(fy);
    Rgba a = texel(ix, iy), b = texel(ix + 1, iy), c = texel(ix, iy + 1), d = texel(ix + 1, iy + 1);
    auto mix = [&](float p, float q, float r, float s) {
        return ((p * (1 - ax) + q * ax) * (1 - ay) + (r * (1 - ax) + s * ax) * ay) / 255.0f;
    };
    return {mix(a.R, b.R, c.R, d.R), mix(a.G, b.G, c.G, d.G), mix(a.B, b.B, c.B, d.B), mix(a.A, b.A, c.A, d.A)};
}

struct Clip {
    int X0, Y0, X1, Y1; // pixels [X0, X1) x [Y0, Y1)
};

// Twice the signed area of (a, b, p): > 0 when p lies to one side of a->b.
float Edge(const ImVec2& a, const ImVec2& b, const ImVec2& p) {
    return (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
}

// A pixel centre exactly on an edge belongs to one of the two triangles that share it:
// to the one that runs the edge "downwards" (or rightwards when it is level). The other
// triangle runs the same edge the other way, so the pixel is drawn once.
bool Owns(const ImVec2& a, const ImVec2& b) { return b.y > a.y || (b.y == a.y && b.x > a.x); }

void FillTriangle(const ImDrawVert& v0, const ImDrawVert& v1_in, const ImDrawVert& v2_in, const ImVec2& origin,
                  const Clip& clip, const Texture& font, Image* img) {
    const ImDrawVert* v1 = &v1_in;
    const ImDrawVert* v2 = &v2_in;
    ImVec2 p0(v0.pos.x - origin.x, v0.pos.y - origin.y);
    ImVec2 p1(v1->pos.x - origin.x, v1->pos.y - origin.y);
    ImVec2 p2(v2->pos.x - origin.x, v2->pos.y - origin.y);
    float area = Edge(p0, p1, p2);
    if (area == 0.0f || !std::isfinite(area))
        return;
    if (area < 0) { // one winding for all, so the fill rule is the same for every triangle
        std::swap(v1, v2);
        std::swap(p1, p2);
        area = -area;
    }
    const int x0 = std::max(clip.X0, int(std::floor(std::min({p0.x, p1.x, p2.x}))));
    const int x1 = std::min(clip.X1, int(std::ceil(std::max({p0.x, p1.x, p2.x}))) + 1);
    const int y0 = std::max(clip.Y0, int(std::floor(std::min({p0.y, p1.y, p2.y}))));
    const int y1 = std::min(clip.Y1, int(std::ceil(std::max({p0.y, p1.y, p2.y}))) + 1);
    if (x0 >= x1 || y0 >= y1)
        return;
    const bool own0 = Owns(p1, p2), own1 = Owns(p2, p0), own2 = Owns(p0, p1);
    const Rgba c0 = Unpack(v0.col), c1 = Unpack(v1->col), c2 = Unpack(v2->col);
    const bool flat = v0.col == v1->col && v0.col == v2->col && v0.uv.x == v1->uv.x && v0.uv.x == v2->uv.x &&
                      v0.uv.y == v1->uv.y && v0.uv.y == v2->uv.y;
    const Rgba flat_texel = Sample(font, v0.uv.x, v0.uv.y);
    for (int y = y0; y < y1; y++) {
        unsigned char* row = &img->Pixels[size_t(y) * size_t(img->Width) * 4];
        for (int x = x0; x < x1; x++) {
            const ImVec2 p(float(x) + 0.5f, float(y) + 0.5f);
            const float w0 = Edge(p1, p2, p), w1 = Edge(p2, p0, p), w2 = Edge(p0, p1, p);
            if (w0 < 0 || w1 < 0 || w2 < 0)
                continue;
            if ((w0 == 0 && !own0) || (w1 == 0 && !own1) || (w2 == 0 && !own2))
                continue;
            Rgba src;
            if (flat) {
                src = {c0.R * flat_texel.R, c0.G * flat_texel.G, c0.B * flat_texel.B, c0.A * flat_texel.A};
            } else {
                const float b0 = w0 / area, b1 = w1 / area, b2 = w2 / area;
                const Rgba c{c0.R * b0 + c1.R * b1 + c2.R * b2, c0.G * b0 + c1.G * b1 + c2.G * b2,
                             c0.B * b0 + c1.B * b1 + c2.B * b2, c0.A * b0 + c1.A * b1 + c2.A * b2};
                const Rgba t = Sample(font, v0.uv.x * b0 + v1->uv.x * b1 + v2->uv.x * b2,
                                      v0.uv.y * b0 + v1->uv.y * b1 + v2->uv.y * b2);
                src = {c.R * t.R, c.G * t.G, c.B * t.B, c.A * t.A};
            }
            if (src.A <= 0.0f)
                continue;
            unsigned char* d = row + size_t(x) * 4;
            const float keep = 1.0f - src.A;
            auto out = [](float v) { return (unsigned char)std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f); };
            d[0] = out(src.R * src.A + float(d[0]) / 255.0f * keep);
            d[1] = out(src.G * src.A + float(d[1]) / 255.0f * keep);
            d[2] = out(src.B * src.A + float(d[2]) / 255.0f * keep);
            d[3] = out(src.A + float(d[3]) / 255.0f * keep);
        }
    }
}

} // namespace

void RenderDrawData(const ImDrawData& data, const Texture& font, Image* img) {
    const ImVec2 origin = data.DisplayPos;
    for (int n = 0; n < data.CmdListsCount; n++) {
        const ImDrawList* list = data.CmdLists[n];
        const ImDrawVert* vtx = list->VtxBuffer.Data;
        const ImDrawIdx* idx = list->IdxBuffer.Data;
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback)
                continue; // no render state to reset here, and no user drawing
            // As the GL backend's scissor: whole pixels, cut to the image.
            Clip clip{int(cmd.ClipRect.x - origin.x), int(cmd.ClipRect.y - origin.y), int(cmd.ClipRect.z - origin.x),
                      int(cmd.ClipRect.w - origin.y)};
            clip.X0 = std::max(clip.X0, 0);
            clip.Y0 = std::max(clip.Y0, 0);
            clip.X1 = std::min(clip.X1, img->Width);
            clip.Y1 = std::min(clip.Y1, img->Height);
            if (clip.X0 >= clip.X1 || clip.Y0 >= clip.Y1)
                continue;
            for (unsigned int i = 0; i + 2 < cmd.ElemCount; i += 3) {
                const ImDrawIdx* tri = idx + cmd.IdxOffset + i;
                FillTriangle(vtx[cmd.VtxOffset + tri[0]], vtx[cmd.VtxOffset + tri[1]], vtx[cmd.VtxOffset + tri[2]],
                             origin, clip, font, img);
            }
        }
    }
}

} // namespace widgets
