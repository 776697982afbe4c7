// The software rasterizer the report's charts are drawn with: a filled rectangle lands on
// exactly its pixels, clipping holds, text puts ink in its box, blending is alpha-weighted.
#include "imgui_headless.hpp"
#include "widgets/soft_render.hpp"
#include "widgets/touch.hpp"

#include <doctest/doctest.h>

#include <cfloat>
#include <cstdio>

namespace {

const unsigned char* Px(const widgets::Image& img, int x, int y) { return &img.Rgba[(size_t(y) * size_t(img.W) + size_t(x)) * 4]; }

// Draws f in a frame of a w x h display and rasterizes it over white.
template <class F> widgets::Image Draw(HeadlessImGui& ui, F&& f) {
    ui.Frame(ImVec2(-FLT_MAX, -FLT_MAX), false, [&] {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ui.Display);
        ImGui::Begin("##soft", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground);
        f(ImGui::GetWindowDrawList());
        ImGui::End();
    });
    unsigned char* atlas = nullptr;
    int aw = 0, ah = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&atlas, &aw, &ah);
    widgets::Image img(int(ui.Display.x), int(ui.Display.y), IM_COL32(255, 255, 255, 255));
    widgets::Rasterize(*ImGui::GetDrawData(), atlas, aw, ah, &img);
    return img;
}

} // namespace

TEST_CASE("soft render: a filled rectangle covers its pixels and no others") {
    HeadlessImGui ui(ImVec2(200, 100));
    ImGui::GetStyle().AntiAliasedFill = false;
    widgets::Image img = Draw(ui, [](ImDrawList* dl) { dl->AddRectFilled(ImVec2(10, 20), ImVec2(50, 60), IM_COL32(200, 0, 0, 255)); });
    CHECK(Px(img, 10, 20)[0] == 200);
    CHECK(Px(img, 10, 20)[1] == 0);
    CHECK(Px(img, 49, 59)[0] == 200);
    CHECK(Px(img, 30, 40)[2] == 0);
    CHECK(Px(img, 50, 40)[1] == 255); // just outside: white
    CHECK(Px(img, 9, 40)[1] == 255);
    CHECK(Px(img, 30, 60)[1] == 255);
}

TEST_CASE("soft render: clip rectangles hold and half-transparent colours blend") {
    HeadlessImGui ui(ImVec2(200, 100));
    ImGui::GetStyle().AntiAliasedFill = false;
    widgets::Image img = Draw(ui, [](ImDrawList* dl) {
        dl->PushClipRect(ImVec2(0, 0), ImVec2(30, 100));
        dl->AddRectFilled(ImVec2(10, 10), ImVec2(90, 50), IM_COL32(0, 0, 0, 255));
        dl->PopClipRect();
        dl->AddRectFilled(ImVec2(100, 10), ImVec2(150, 50), IM_COL32(0, 0, 0, 128));
    });
    CHECK(Px(img, 20, 20)[0] == 0);
    CHECK(Px(img, 40, 20)[0] == 255); // clipped away
    CHECK(Px(img, 120, 20)[0] >= 126); // half black over white
    CHECK(Px(img, 120, 20)[0] <= 129);
}

TEST_CASE("soft render: text leaves ink inside its box, from the font atlas") {
    HeadlessImGui ui(ImVec2(960, 540)); // body text 20 px
    widgets::Image img = Draw(ui, [&](ImDrawList*) {
        widgets::TextLine(ui.Theme, ui.Theme.Body, "Wijk", ImVec2(20, 20), IM_COL32(0, 0, 0, 255));
    });
    int dark_inside = 0, dark_outside = 0;
    const float w = widgets::TextWidth(ui.Theme.Body, "Wijk");
    for (int y = 0; y < img.H; y++)
        for (int x = 0; x < img.W; x++) {
            const bool dark = Px(img, x, y)[0] < 128;
            const bool inside = x >= 20 && x <= 20 + int(w) + 1 && y >= 20 && y <= 20 + int(ui.Theme.Body->FontSize) + 1;
            (inside ? dark_inside : dark_outside) += dark ? 1 : 0;
        }
    CHECK(dark_inside > 50);
    CHECK(dark_outside == 0);
    std::string error;
    const std::string path = "/tmp/wijkstem-soft-render-test.png";
    REQUIRE_MESSAGE(widgets::WritePng(img, path, &error), error);
    FILE* f = fopen(path.c_str(), "rb");
    REQUIRE(f);
    unsigned char sig[8] = {};
    CHECK(fread(sig, 1, 8, f) == 8);
    fclose(f);
    remove(path.c_str());
    CHECK(sig[1] == 'P');
    CHECK(sig[2] == 'N');
    CHECK(sig[3] == 'G');
    CHECK_FALSE(widgets::WritePng(img, "/nonexistent-dir/x.png", &error));
    CHECK(error.find("/nonexistent-dir/x.png") != std::string::npos);
}
