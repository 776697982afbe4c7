#include "store/report/charts.hpp"
#include "widgets/fonts.hpp"
#include "widgets/chart.hpp"
#include "widgets/registry.hpp"
#include "widgets/soft_render.hpp"
#include "widgets/theme.hpp"

#include <imgui.h>
#include <stb_image_write.h>

#include <cfloat>

namespace report {

namespace {

// The kiosk's theme at 0.6 of its 1080p design: 24 px words, bars 66 px apart.
constexpr float kScale = 0.6f;

void AppendBytes(void* context, void* data, int size) {
    auto* out = static_cast<std::vector<unsigned char>*>(context);
    const auto* bytes = static_cast<const unsigned char*>(data);
    out->insert(out->end(), bytes, bytes + size);
}

// Left-aligned wrapped text; returns its height.
float Words(ImDrawList* dl, ImFont* font, const std::string& text, ImVec2 pos, float width, ImU32 colour) {
    if (text.empty())
        return 0.0f;
    dl->AddText(font, font->FontSize, pos, colour, text.c_str(), text.c_str() + text.size(), width);
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, width, text.c_str(), text.c_str() + text.size()).y;
}

float WordsHeight(ImFont* font, const std::string& text, float width) {
    if (text.empty())
        return 0.0f;
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, width, text.c_str(), text.c_str() + text.size()).y;
}

} // namespace

struct ChartPainter::Impl {
    ImGuiContext* Ctx = nullptr;
    ImGuiContext* Before = nullptr; // the context that was current: given back after each chart
    widgets::Theme Theme;
    widgets::Texture Font;
};

std::unique_ptr<ChartPainter> ChartPainter::Create(std::string* error) {
    std::unique_ptr<ChartPainter> p(new ChartPainter());
    p->P = std::make_unique<Impl>();
    p->P->Before = ImGui::GetCurrentContext();
    p->P->Ctx = ImGui::CreateContext();
    ImGui::SetCurrentContext(p->P->Ctx);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    p->P->Theme = widgets::MakeTheme(1920.0f * kScale, 1080.0f * kScale, 0.0f);
    bool ok = widgets::LoadFonts(&p->P->Theme, error);
    if (ok) {
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        p->P->Font = {pixels, w, h};
        widgets::ApplyStyle(p->P->Theme);
    }
    ImGui::SetCurrentContext(p->P->Before);
    if (!ok)
        return nullptr; // the destructor frees the context
    return p;
}

ChartPainter::~ChartPainter() {
    if (!P || !P->Ctx)
        return;
    ImGui::SetCurrentContext(P->Ctx); // ImGui's shutdown works on the current context
    ImGui::DestroyContext(P->Ctx);
    ImGui::SetCurrentContext(P->Before);
}

bool ChartPainter::Paint(const Chart& c, const std::string& subtitle, std::vector<unsigned char>* png,
                         std::string* error) {
    png->clear();
    if (c.Bars.empty()) {
        *error = "no figures to draw for " + c.AnswerId;
        return false;
    }
    ImGui::SetCurrentContext(P->Ctx);
    const widgets::Theme& t = P->Theme;
    const float margin = t.Px(50);
    const float width = float(kWidth) - 2 * margin;
    const float gap = t.Px(20);
    // The figures at the end of a bar ("100% (1234)") need a little more room than the kiosk's.
    const float chart_w = width - t.Px(80);
    const float title_h = WordsHeight(t.Button, c.Title, width);
    const float sub_h = WordsHeight(t.Small, subtitle, width);
    const float note_h = WordsHeight(t.Small, c.TypeNote, width);
    const float chart_h = float(c.Bars.size()) * t.Px(110);
    const float height = margin + title_h + gap + sub_h + (note_h > 0 ? gap * 0.5f + note_h : 0.0f) + gap * 1.5f +
                         chart_h + margin;
    const int w = kWidth, h = int(height + 0.5f);

    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(w), float(h));
    io.DeltaTime = 1.0f / 60.0f;
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ImGui::NewFrame();
    widgets::BeginRecord();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("report-chart", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoInputs);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float y = margin;
    y += Words(dl, t.Button, c.Title, ImVec2(margin, y), width, t.Text) + gap;
    y += Words(dl, t.Small, subtitle, ImVec2(margin, y), width, t.TextMuted);
    if (note_h > 0)
        y += gap * 0.5f + Words(dl, t.Small, c.TypeNote, ImVec2(margin, y + gap * 0.5f), width, t.TextMuted);
    y += gap * 1.5f;
    std::vector<widgets::Bar> bars;
    for (const Bar& b : c.Bars)
        bars.push_back({b.Label, b.Count});
    widgets::BarChart(t, bars, ImVec2(margin, y), ImVec2(chart_w, chart_h), c.Whole);
    ImGui::End();
    ImGui::Render();

    widgets::Image img(w, h, t.Background);
    widgets::RenderDrawData(*ImGui::GetDrawData(), P->Font, &img);
    ImGui::SetCurrentContext(P->Before);
    // Opaque: RGB is a quarter smaller than RGBA.
    std::vector<unsigned char> rgb(size_t(w) * size_t(h) * 3);
    for (size_t i = 0, j = 0; i < img.Pixels.size(); i += 4, j += 3) {
        rgb[j] = img.Pixels[i];
        rgb[j + 1] = img.Pixels[i + 1];
        rgb[j + 2] = img.Pixels[i + 2];
    }
    png->reserve(rgb.size() / 8);
    if (!stbi_write_png_to_func(AppendBytes, png, w, h, 3, rgb.data(), w * 3)) {
        *error = "cannot encode the chart of " + c.AnswerId + " as PNG";
        return false;
    }
    return true;
}

} // namespace report
