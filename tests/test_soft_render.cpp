// The software rasterizer (widgets/soft_render): ImGui's own draw data, drawn headless
// into an image, pixel by pixel where that can be known.
#include "imgui_headless.hpp"
#include "widgets/chart.hpp"
#include "widgets/soft_render.hpp"

#include <cfloat>
#include <cstdlib>

using widgets::Image;

namespace {

const ImU32 kWhite = IM_COL32(255, 255, 255, 255);
const ImU32 kRed = IM_COL32(200, 0, 0, 255);

// One frame drawn by draw() onto the foreground list, rendered into a white image.
template <class F> Image Draw(HeadlessImGui& ui, F&& draw) {
    ui.Frame(ImVec2(-FLT_MAX, -FLT_MAX), false, [&] { draw(ImGui::GetForegroundDrawList()); });
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    Image img(int(ui.Display.x), int(ui.Display.y), kWhite);
    widgets::RenderDrawData(*ImGui::GetDrawData(), {pixels, w, h}, &img);
    return img;
}

int CountPixels(const Image& img, ImU32 c) {
    int n = 0;
    for (int y = 0; y < img.Height; y++)
        for (int x = 0; x < img.Width; x++)
            n += img.At(x, y) == c;
    return n;
}

bool Dark(ImU32 c) { return ((c >> IM_COL32_R_SHIFT) & 0xFF) < 128 && ((c >> IM_COL32_G_SHIFT) & 0xFF) < 128; }

} // namespace

TEST_CASE("soft render: a filled rectangle covers exactly its pixels") {
    HeadlessImGui ui(ImVec2(64, 48));
    Image img = Draw(ui, [](ImDrawList* dl) { dl->AddRectFilled(ImVec2(10, 10), ImVec2(20, 30), kRed); });
    CHECK(CountPixels(img, kRed) == 10 * 20);
    CHECK(img.At(10, 10) == kRed);
    CHECK(img.At(19, 29) == kRed);
    CHECK(img.At(9, 10) == kWhite);
    CHECK(img.At(20, 10) == kWhite);
    CHECK(img.At(10, 9) == kWhite);
    CHECK(img.At(10, 30) == kWhite);
}

TEST_CASE("soft render: the clip rectangle cuts a shape off") {
    HeadlessImGui ui(ImVec2(64, 48));
    Image img = Draw(ui, [](ImDrawList* dl) {
        dl->PushClipRect(ImVec2(0, 0), ImVec2(15, 20));
        dl->AddRectFilled(ImVec2(10, 10), ImVec2(20, 30), kRed);
        dl->PopClipRect();
    });
    CHECK(CountPixels(img, kRed) == 5 * 10);
    CHECK(img.At(14, 19) == kRed);
    CHECK(img.At(15, 19) == kWhite);
    CHECK(img.At(14, 20) == kWhite);
}

TEST_CASE("soft render: see-through colours blend once, also where triangles meet") {
    HeadlessImGui ui(ImVec2(64, 64));
    const ImU32 half_blue = IM_COL32(0, 0, 255, 128);
    Image img = Draw(ui, [&](ImDrawList* dl) {
        dl->AddRectFilled(ImVec2(4, 4), ImVec2(60, 60), half_blue, 12.0f); // a fan of triangles, fringes
    });
    const ImU32 once = img.At(32, 32);
    // Half blue over white: (127, 127, 255).
    CHECK(((once >> IM_COL32_R_SHIFT) & 0xFF) == doctest::Approx(127).epsilon(0.02));
    CHECK(((once >> IM_COL32_B_SHIFT) & 0xFF) == 255);
    // The inside is one colour: no seam where two triangles share an edge.
    for (int y = 10; y < 54; y++)
        for (int x = 10; x < 54; x++)
            REQUIRE(img.At(x, y) == once);
    CHECK(img.At(2, 2) == kWhite);
    // The rounded corner leaves its very corner pixel white.
    CHECK(img.At(4, 4) == kWhite);
}

TEST_CASE("soft render: a glyph puts dark pixels inside its box and none outside") {
    HeadlessImGui ui; // 1920x1080: the body font at its full 40 px
    ImFont* font = ui.Theme.Body;
    const ImVec2 pos(50, 30);
    ImVec2 size;
    Image img = Draw(ui, [&](ImDrawList* dl) {
        size = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, "H");
        dl->AddText(font, font->FontSize, pos, IM_COL32(0, 0, 0, 255), "H");
    });
    int inside = 0, outside = 0;
    for (int y = 0; y < img.Height; y++)
        for (int x = 0; x < img.Width; x++) {
            if (!Dark(img.At(x, y)))
                continue;
            const bool in = x >= pos.x && x < pos.x + size.x && y >= pos.y && y < pos.y + size.y;
            (in ? inside : outside)++;
        }
    CHECK(inside > 100); // two stems and a bar at 40 px
    CHECK(outside == 0);
    // The H's middle: between the stems at half height is the bar, dark; above it, light.
    int dark_rows = 0;
    for (int y = int(pos.y); y < int(pos.y + size.y); y++)
        dark_rows += Dark(img.At(int(pos.x + size.x / 2), y));
    CHECK(dark_rows > 0);
    CHECK(dark_rows < int(size.y / 3));
}

TEST_CASE("soft render: the kiosk's bar chart, bars in proportion to the counts") {
    HeadlessImGui ui(ImVec2(960, 540));
    const widgets::Theme& t = ui.Theme;
    ui.Frame(ImVec2(-FLT_MAX, -FLT_MAX), false, [&] {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ui.Display);
        ImGui::Begin("chart", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground);
        widgets::BarChart(t, {{"Ja", 40}, {"Nee", 20}}, ImVec2(20, 20), ImVec2(900, 400));
        ImGui::End();
    });
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    Image img(960, 540, t.Background);
    widgets::RenderDrawData(*ImGui::GetDrawData(), {pixels, w, h}, &img);
    CHECK(widgets::HasText(widgets::Record(), "Ja: 67% (40)"));
    CHECK(widgets::HasText(widgets::Record(), "Nee: 33% (20)"));
    // Each bar's row: the run of the primary colour along its middle.
    std::vector<int> lengths;
    for (int y = 0; y < img.Height && lengths.size() < 2; y++) {
        int run = 0;
        for (int x = 0; x < img.Width; x++)
            run += img.At(x, y) == t.Primary;
        if (run > 20) {
            lengths.push_back(run);
            y += int(t.Px(60)); // past this bar
        }
    }
    REQUIRE(lengths.size() == 2);
    CHECK(double(lengths[0]) / double(lengths[1]) == doctest::Approx(2.0).epsilon(0.05));
}
