// The results chart: shares on an honest 0-100 % scale, figures written beside each bar.
#include "imgui_headless.hpp"
#include "widgets/chart.hpp"

#include <algorithm>
#include <cfloat>
#include <vector>

namespace {

struct Extent {
    float MinX = FLT_MAX, MaxX = -FLT_MAX, MinY = FLT_MAX, MaxY = -FLT_MAX;
    void Add(ImVec2 p) {
        MinX = std::min(MinX, p.x), MaxX = std::max(MaxX, p.x);
        MinY = std::min(MinY, p.y), MaxY = std::max(MaxY, p.y);
    }
};

// The extents of the vertices drawn in colour col, one per bar. A rounded rectangle's
// vertices lie on its outline only: sorted by height they form two clusters per bar (the
// top edge and the bottom edge), which are joined again.
std::vector<Extent> ShapesOf(ImU32 col) {
    std::vector<ImVec2> points;
    const ImDrawData* dd = ImGui::GetDrawData();
    for (int l = 0; l < dd->CmdListsCount; l++)
        for (const ImDrawVert& v : dd->CmdLists[l]->VtxBuffer)
            if (v.col == col)
                points.push_back(v.pos);
    std::sort(points.begin(), points.end(), [](ImVec2 a, ImVec2 b) { return a.y < b.y; });
    std::vector<Extent> out;
    for (ImVec2 p : points) {
        if (out.empty() || p.y > out.back().MaxY + 10)
            out.push_back({});
        out.back().Add(p);
    }
    REQUIRE(out.size() % 2 == 0);
    std::vector<Extent> bars;
    for (size_t i = 0; i + 1 < out.size(); i += 2) {
        Extent e = out[i];
        e.Add(ImVec2(out[i + 1].MinX, out[i + 1].MinY));
        e.Add(ImVec2(out[i + 1].MaxX, out[i + 1].MaxY));
        bars.push_back(e);
    }
    return bars;
}

} // namespace

TEST_CASE("a bar's length is its share of 100 %, not of the largest bar") {
    HeadlessImGui ui;
    const widgets::Theme& t = ui.Theme;
    ui.Frame(ImVec2(-FLT_MAX, -FLT_MAX), false, [&] {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ui.Display);
        ImGui::Begin("chart", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground);
        widgets::BarChart(t, {{"Ja", 40}, {"Nee", 60}}, ImVec2(20, 20), ImVec2(900, 400));
        ImGui::End();
    });
    CHECK(widgets::HasText(widgets::Record(), "Ja: 40% (40)"));
    CHECK(widgets::HasText(widgets::Record(), "Nee: 60% (60)"));
    const std::vector<Extent> frames = ShapesOf(t.CardBorder), bars = ShapesOf(t.Primary);
    REQUIRE(frames.size() == 2);
    REQUIRE(bars.size() == 2);
    for (int i = 0; i < 2; i++) {
        const float frame_w = frames[i].MaxX - frames[i].MinX, bar_w = bars[i].MaxX - bars[i].MinX;
        CHECK(bar_w / frame_w == doctest::Approx(i == 0 ? 0.40 : 0.60).epsilon(0.02));
    }
}

TEST_CASE("with several answers per person, 100 % is everyone who answered") {
    HeadlessImGui ui;
    const widgets::Theme& t = ui.Theme;
    ui.Frame(ImVec2(-FLT_MAX, -FLT_MAX), false, [&] {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ui.Display);
        ImGui::Begin("chart", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground);
        widgets::BarChart(t, {{"Groen", 8}, {"Veilig", 2}}, ImVec2(20, 20), ImVec2(900, 400), 10);
        ImGui::End();
    });
    CHECK(widgets::HasText(widgets::Record(), "Groen: 80% (8)"));
    const std::vector<Extent> frames = ShapesOf(t.CardBorder), bars = ShapesOf(t.Primary);
    REQUIRE(bars.size() == 2);
    CHECK((bars[1].MaxX - bars[1].MinX) / (frames[1].MaxX - frames[1].MinX) == doctest::Approx(0.20).epsilon(0.02));
}
