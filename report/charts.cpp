#include "report/charts.hpp"
#include "widgets/chart.hpp"
#include "widgets/fonts.hpp"
#include "widgets/soft_render.hpp"
#include "widgets/theme.hpp"
#include "widgets/touch.hpp"

#include <imgui.h>

#include <cfloat>

namespace report {

namespace {
// A chart is drawn as if on a 1600-wide screen (the kiosk's 1920 design, scaled 5/6).
constexpr int kWidth = 1600;
} // namespace

struct ChartPainter::State {
    ImGuiContext* Context = nullptr;
    widgets::Theme Theme;
    widgets::GlyphSet Glyphs;
    unsigned char* Atlas = nullptr;
    int AtlasW = 0, AtlasH = 0;
};

std::unique_ptr<ChartPainter> ChartPainter::Create(const std::vector<std::string>& texts, std::string* error) {
    std::unique_ptr<ChartPainter> p(new ChartPainter());
    p->S = std::make_unique<State>();
    State& s = *p->S;
    s.Context = ImGui::CreateContext();
    ImGui::SetCurrentContext(s.Context);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    s.Theme = widgets::MakeTheme(float(kWidth), 900.0f, 0.0f);
    s.Glyphs = widgets::GlyphsFor(texts);
    if (!widgets::LoadFonts(&s.Theme, s.Glyphs, error))
        return nullptr;
    io.Fonts->GetTexDataAsRGBA32(&s.Atlas, &s.AtlasW, &s.AtlasH);
    widgets::ApplyStyle(s.Theme);
    return p;
}

ChartPainter::~ChartPainter() {
    if (S && S->Context)
        ImGui::DestroyContext(S->Context);
}

bool ChartPainter::Write(const std::string& path, const std::string& title, const std::vector<OptionCount>& counts,
                         std::string* error) {
    State& s = *S;
    ImGui::SetCurrentContext(s.Context);
    const widgets::Theme& t = s.Theme;
    std::vector<widgets::Bar> bars;
    for (const OptionCount& c : counts)
        bars.push_back({c.Label, c.Count});
    const float pad = t.Px(40), width = float(kWidth) - 2 * pad;
    const float title_h = widgets::TextBlockHeight(t.Button, title, width);
    const float rows_h = t.Px(110) * float(bars.size());
    const int height = int(pad + title_h + t.Px(24) + rows_h + pad);

    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(kWidth), float(height));
    io.DeltaTime = 1.0f / 60.0f;
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("##chart", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoSavedSettings);
    widgets::TextBlock(t, t.Button, title, pad, pad, width, t.Text);
    widgets::BarChart(t, bars, ImVec2(pad, pad + title_h + t.Px(24)), ImVec2(width, rows_h));
    ImGui::End();
    ImGui::Render();

    widgets::Image img(kWidth, height, t.Background);
    widgets::Rasterize(*ImGui::GetDrawData(), s.Atlas, s.AtlasW, s.AtlasH, &img);
    return widgets::WritePng(img, path, error);
}

} // namespace report
