#include "widgets/pictogram.hpp"

#include <cmath>
#include <initializer_list>

namespace widgets {

namespace {

void Smiley(ImDrawList* dl, ImVec2 c, float r, int level, ImU32 col) {
    float line = std::max(2.0f, r * 0.09f);
    dl->AddCircle(c, r, col, 48, line);
    // Eyes
    float ex = r * 0.35f, ey = r * 0.28f, er = r * 0.09f;
    dl->AddCircleFilled(ImVec2(c.x - ex, c.y - ey), er, col, 16);
    dl->AddCircleFilled(ImVec2(c.x + ex, c.y - ey), er, col, 16);
    // Mouth: a parabola whose curvature goes from frown (1) to smile (5); the shape,
    // not the colour, carries the meaning.
    float curve = (float(level) - 3.0f) * 0.18f * r; // -0.36r .. +0.36r
    float mw = r * 0.5f, my = c.y + r * 0.35f - (level < 3 ? -0.05f * r : 0.0f);
    const int n = 16;
    ImVec2 pts[n + 1];
    for (int i = 0; i <= n; i++) {
        float t = float(i) / n * 2.0f - 1.0f; // -1..1
        pts[i] = ImVec2(c.x + t * mw, my + curve * (1.0f - t * t) - (level > 3 ? curve * 0.3f : 0.0f));
    }
    dl->AddPolyline(pts, n + 1, col, 0, line);
    if (level == 1) { // worried brows: inner ends raised (lowered would read as angry)
        dl->AddLine(ImVec2(c.x - ex - er * 2, c.y - ey - er * 1.8f), ImVec2(c.x - ex + er * 2, c.y - ey - er * 3.4f), col, line);
        dl->AddLine(ImVec2(c.x + ex + er * 2, c.y - ey - er * 1.8f), ImVec2(c.x + ex - er * 2, c.y - ey - er * 3.4f), col, line);
    }
}

} // namespace

// A switch over the pictograms (a drawing table, about 130 lines): one short case each.
void DrawPictogram(ImDrawList* dl, Pictogram p, ImVec2 min, float size, ImU32 col) {
    ImVec2 c(min.x + size * 0.5f, min.y + size * 0.5f);
    float r = size * 0.45f;
    float line = std::max(3.0f, size * 0.09f);
    switch (p) {
    case Pictogram::None: return;
    case Pictogram::Smiley1: Smiley(dl, c, r, 1, col); return;
    case Pictogram::Smiley2: Smiley(dl, c, r, 2, col); return;
    case Pictogram::Smiley3: Smiley(dl, c, r, 3, col); return;
    case Pictogram::Smiley4: Smiley(dl, c, r, 4, col); return;
    case Pictogram::Smiley5: Smiley(dl, c, r, 5, col); return;
    case Pictogram::Yes: {
        ImVec2 pts[3] = {ImVec2(c.x - r * 0.7f, c.y), ImVec2(c.x - r * 0.2f, c.y + r * 0.5f),
                         ImVec2(c.x + r * 0.75f, c.y - r * 0.6f)};
        dl->AddPolyline(pts, 3, col, 0, line * 1.3f);
        return;
    }
    case Pictogram::No:
        dl->AddLine(ImVec2(c.x - r * 0.6f, c.y - r * 0.6f), ImVec2(c.x + r * 0.6f, c.y + r * 0.6f), col, line * 1.3f);
        dl->AddLine(ImVec2(c.x + r * 0.6f, c.y - r * 0.6f), ImVec2(c.x - r * 0.6f, c.y + r * 0.6f), col, line * 1.3f);
        return;
    case Pictogram::DontKnow: {
        // A question mark: an arc over the top that ends pointing down, one stroke into
        // the stem, then the dot.
        float ar = r * 0.36f;
        ImVec2 ac(c.x, c.y - r * 0.32f);
        dl->PathArcTo(ac, ar, float(M_PI) * 1.0f, float(M_PI) * 2.5f, 32);
        dl->PathLineTo(ImVec2(c.x, c.y + r * 0.28f));
        dl->PathStroke(col, 0, line);
        dl->AddCircleFilled(ImVec2(c.x, c.y + r * 0.62f), line * 0.8f, col, 16);
        return;
    }
    case Pictogram::Adviseren: {
        // A rounded speech bubble with a tail and three dots.
        ImVec2 a(c.x - r * 0.85f, c.y - r * 0.6f), b(c.x + r * 0.85f, c.y + r * 0.35f);
        dl->AddRect(a, b, col, r * 0.3f, 0, line);
        ImVec2 tail[3] = {ImVec2(c.x - r * 0.35f, b.y), ImVec2(c.x - r * 0.55f, c.y + r * 0.85f),
                          ImVec2(c.x - r * 0.05f, b.y)};
        dl->AddPolyline(tail, 3, col, 0, line);
        for (int i = -1; i <= 1; i++)
            dl->AddCircleFilled(ImVec2(c.x + float(i) * r * 0.42f, (a.y + b.y) * 0.5f), line * 0.75f, col, 12);
        return;
    }
    case Pictogram::Aanjagen: {
        // A megaphone: a horn opening to the right, a handle, and sound lines.
        ImVec2 horn[4] = {ImVec2(c.x - r * 0.75f, c.y - r * 0.2f), ImVec2(c.x + r * 0.2f, c.y - r * 0.6f),
                          ImVec2(c.x + r * 0.2f, c.y + r * 0.6f), ImVec2(c.x - r * 0.75f, c.y + r * 0.2f)};
        dl->AddPolyline(horn, 4, col, ImDrawFlags_Closed, line);
        dl->AddLine(ImVec2(c.x - r * 0.45f, c.y + r * 0.25f), ImVec2(c.x - r * 0.3f, c.y + r * 0.75f), col, line);
        for (int i = -1; i <= 1; i++)
            dl->AddLine(ImVec2(c.x + r * 0.45f, c.y + float(i) * r * 0.35f),
                        ImVec2(c.x + r * 0.85f, c.y + float(i) * r * 0.55f), col, line);
        return;
    }
    case Pictogram::Verdelen: {
        // A pie in three parts, one slice pulled out.
        float pr = r * 0.75f;
        dl->AddCircle(c, pr, col, 48, line);
        dl->AddLine(c, ImVec2(c.x, c.y - pr), col, line);
        dl->AddLine(c, ImVec2(c.x + pr * 0.87f, c.y + pr * 0.5f), col, line);
        dl->AddLine(c, ImVec2(c.x - pr * 0.87f, c.y + pr * 0.5f), col, line);
        dl->PathLineTo(c);
        dl->PathArcTo(c, pr, -float(M_PI) * 0.5f, float(M_PI) / 6.0f, 16);
        dl->PathFillConvex(col);
        return;
    }
    case Pictogram::Speaker: {
        // A loudspeaker facing right (a box and a cone, filled) and two sound waves.
        float bx = c.x - r * 0.8f, mid = c.y;
        dl->AddRectFilled(ImVec2(bx, mid - r * 0.25f), ImVec2(bx + r * 0.35f, mid + r * 0.25f), col);
        dl->AddQuadFilled(ImVec2(bx + r * 0.3f, mid - r * 0.25f), ImVec2(bx + r * 0.8f, mid - r * 0.7f),
                          ImVec2(bx + r * 0.8f, mid + r * 0.7f), ImVec2(bx + r * 0.3f, mid + r * 0.25f), col);
        ImVec2 wc(bx + r * 0.85f, mid);
        for (float wr : {r * 0.45f, r * 0.85f}) {
            dl->PathArcTo(wc, wr, -float(M_PI) * 0.3f, float(M_PI) * 0.3f, 16);
            dl->PathStroke(col, 0, line * 0.8f);
        }
        return;
    }
    case Pictogram::People: // three heads and shoulders, the middle one in front
        for (int i = -1; i <= 1; i++) {
            const float hx = c.x + float(i) * r * 0.6f, hy = c.y - r * (i == 0 ? 0.3f : 0.4f);
            dl->AddCircle(ImVec2(hx, hy), r * 0.22f, col, 24, line);
            dl->PathArcTo(ImVec2(hx, hy + r * 0.75f), r * 0.35f, float(M_PI), float(M_PI) * 2.0f, 16);
            dl->PathStroke(col, 0, line);
        }
        return;
    case Pictogram::Eye: { // two arcs meeting at the corners, and the pupil
        dl->PathArcTo(ImVec2(c.x, c.y + r * 0.9f), r * 1.25f, -float(M_PI) * 0.82f, -float(M_PI) * 0.18f, 24);
        dl->PathStroke(col, 0, line);
        dl->PathArcTo(ImVec2(c.x, c.y - r * 0.9f), r * 1.25f, float(M_PI) * 0.18f, float(M_PI) * 0.82f, 24);
        dl->PathStroke(col, 0, line);
        dl->AddCircleFilled(c, r * 0.28f, col, 24);
        return;
    }
    case Pictogram::House: { // a roof over a square with a door
        ImVec2 roof[3] = {ImVec2(c.x - r * 0.9f, c.y - r * 0.05f), ImVec2(c.x, c.y - r * 0.85f),
                          ImVec2(c.x + r * 0.9f, c.y - r * 0.05f)};
        dl->AddPolyline(roof, 3, col, 0, line);
        dl->AddRect(ImVec2(c.x - r * 0.65f, c.y - r * 0.2f), ImVec2(c.x + r * 0.65f, c.y + r * 0.8f), col, 0, 0, line);
        dl->AddRectFilled(ImVec2(c.x - r * 0.15f, c.y + r * 0.3f), ImVec2(c.x + r * 0.15f, c.y + r * 0.8f), col);
        return;
    }
    case Pictogram::Heart: { // two arcs and a point
        const float hr = r * 0.42f;
        dl->PathArcTo(ImVec2(c.x - hr, c.y - r * 0.25f), hr, float(M_PI) * 0.75f, float(M_PI) * 2.0f, 16);
        dl->PathArcTo(ImVec2(c.x + hr, c.y - r * 0.25f), hr, float(M_PI), float(M_PI) * 2.25f, 16);
        dl->PathLineTo(ImVec2(c.x, c.y + r * 0.8f));
        dl->PathStroke(col, ImDrawFlags_Closed, line);
        return;
    }
    case Pictogram::Hammer: // a slanted handle and a head across its top
        dl->AddLine(ImVec2(c.x - r * 0.7f, c.y + r * 0.8f), ImVec2(c.x + r * 0.25f, c.y - r * 0.2f), col, line * 1.2f);
        dl->AddQuadFilled(ImVec2(c.x - r * 0.05f, c.y - r * 0.75f), ImVec2(c.x + r * 0.3f, c.y - r * 1.0f),
                          ImVec2(c.x + r * 0.95f, c.y - r * 0.25f), ImVec2(c.x + r * 0.6f, c.y + r * 0.0f), col);
        return;
    case Pictogram::Book: { // two pages open from a spine
        ImVec2 left[4] = {ImVec2(c.x, c.y - r * 0.5f), ImVec2(c.x - r * 0.9f, c.y - r * 0.7f),
                          ImVec2(c.x - r * 0.9f, c.y + r * 0.6f), ImVec2(c.x, c.y + r * 0.8f)};
        ImVec2 right[4] = {ImVec2(c.x, c.y - r * 0.5f), ImVec2(c.x + r * 0.9f, c.y - r * 0.7f),
                           ImVec2(c.x + r * 0.9f, c.y + r * 0.6f), ImVec2(c.x, c.y + r * 0.8f)};
        dl->AddPolyline(left, 4, col, ImDrawFlags_Closed, line);
        dl->AddPolyline(right, 4, col, ImDrawFlags_Closed, line);
        return;
    }
    }
}

} // namespace widgets