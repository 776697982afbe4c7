#include "widgets/soft_render.hpp"

#include <stb_image_write.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>

namespace widgets {

Image::Image(int w, int h, ImU32 fill) : W(w), H(h), Rgba(size_t(w) * size_t(h) * 4) {
    for (size_t i = 0; i < Rgba.size(); i += 4) {
        Rgba[i + 0] = (fill >> IM_COL32_R_SHIFT) & 0xFF;
        Rgba[i + 1] = (fill >> IM_COL32_G_SHIFT) & 0xFF;
        Rgba[i + 2] = (fill >> IM_COL32_B_SHIFT) & 0xFF;
        Rgba[i + 3] = (fill >> IM_COL32_A_SHIFT) & 0xFF;
    }
}

namespace {

struct Texture {
    const unsigned char* Px;
    int W, H;
    // Nearest texel, times the vertex colour (both 0..1 per channel).
    void Sample(float u, float v, float out[4]) const {
        const int x = std::clamp(int(u * float(W)), 0, W - 1), y = std::clamp(int(v * float(H)), 0, H - 1);
        const unsigned char* t = Px + (size_t(y) * size_t(W) + size_t(x)) * 4;
        for (int c = 0; c < 4; c++)
            out[c] *= float(t[c]) / 255.0f;
    }
};

float Edge(const ImVec2& a, const ImVec2& b, float px, float py) {
    return (b.x - a.x) * (py - a.y) - (b.y - a.y) * (px - a.x);
}

void Channels(ImU32 c, float out[4]) {
    out[0] = float((c >> IM_COL32_R_SHIFT) & 0xFF) / 255.0f;
    out[1] = float((c >> IM_COL32_G_SHIFT) & 0xFF) / 255.0f;
    out[2] = float((c >> IM_COL32_B_SHIFT) & 0xFF) / 255.0f;
    out[3] = float((c >> IM_COL32_A_SHIFT) & 0xFF) / 255.0f;
}

void Triangle(const ImDrawVert& a, const ImDrawVert& b, const ImDrawVert& c, const ImVec4& clip, const Texture& tex,
              Image* img) {
    const float area = Edge(a.pos, b.pos, c.pos.x, c.pos.y);
    if (std::fabs(area) < 1e-6f)
        return;
    const int x0 = std::max(int(std::floor(std::max(std::min({a.pos.x, b.pos.x, c.pos.x}), clip.x))), 0);
    const int y0 = std::max(int(std::floor(std::max(std::min({a.pos.y, b.pos.y, c.pos.y}), clip.y))), 0);
    const int x1 = std::min(int(std::ceil(std::min(std::max({a.pos.x, b.pos.x, c.pos.x}), clip.z))), img->W);
    const int y1 = std::min(int(std::ceil(std::min(std::max({a.pos.y, b.pos.y, c.pos.y}), clip.w))), img->H);
    float ca[4], cb[4], cc[4];
    Channels(a.col, ca);
    Channels(b.col, cb);
    Channels(c.col, cc);
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) {
            const float px = float(x) + 0.5f, py = float(y) + 0.5f;
            // Barycentric weights; the sign of the area makes either winding work.
            const float wa = Edge(b.pos, c.pos, px, py) / area, wb = Edge(c.pos, a.pos, px, py) / area;
            const float wc = 1.0f - wa - wb;
            if (wa < 0 || wb < 0 || wc < 0)
                continue;
            float col[4];
            for (int k = 0; k < 4; k++)
                col[k] = wa * ca[k] + wb * cb[k] + wc * cc[k];
            tex.Sample(wa * a.uv.x + wb * b.uv.x + wc * c.uv.x, wa * a.uv.y + wb * b.uv.y + wc * c.uv.y, col);
            unsigned char* d = &img->Rgba[(size_t(y) * size_t(img->W) + size_t(x)) * 4];
            const float alpha = col[3];
            for (int k = 0; k < 3; k++)
                d[k] = (unsigned char)std::lround(col[k] * 255.0f * alpha + float(d[k]) * (1.0f - alpha));
            d[3] = (unsigned char)std::lround(std::min(255.0f, alpha * 255.0f + float(d[3]) * (1.0f - alpha)));
        }
}

} // namespace

void Rasterize(const ImDrawData& dd, const unsigned char* atlas, int atlas_w, int atlas_h, Image* img) {
    const Texture tex{atlas, atlas_w, atlas_h};
    for (int l = 0; l < dd.CmdListsCount; l++) {
        const ImDrawList* list = dd.CmdLists[l];
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback)
                continue;
            const ImVec4 clip(cmd.ClipRect.x - dd.DisplayPos.x, cmd.ClipRect.y - dd.DisplayPos.y,
                              cmd.ClipRect.z - dd.DisplayPos.x, cmd.ClipRect.w - dd.DisplayPos.y);
            for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3) {
                const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset + i;
                const ImDrawVert* v = list->VtxBuffer.Data + cmd.VtxOffset;
                Triangle(v[idx[0]], v[idx[1]], v[idx[2]], clip, tex, img);
            }
        }
    }
}

bool WritePng(const Image& img, const std::string& path, std::string* error) {
    if (!stbi_write_png(path.c_str(), img.W, img.H, 4, img.Rgba.data(), img.W * 4)) {
        *error = "cannot write " + path + (errno ? std::string(": ") + strerror(errno) : std::string());
        return false;
    }
    return true;
}

} // namespace widgets
