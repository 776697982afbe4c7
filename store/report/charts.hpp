// The report's pictures, drawn with the kiosk's own chart (widgets::BarChart) in a Dear
// ImGui context of their own with no window and no GPU, rasterized by widgets/soft_render
// and written as PNG (stb_image_write). A chart reads on its own: the question on top,
// how many took part, each option with its share and count in words.
#pragma once
#include "store/report/model.hpp"

#include <memory>
#include <string>
#include <vector>

struct ImGuiContext;

namespace report {

class ChartPainter {
public:
    // Makes the ImGui context and builds the font atlas (DejaVu Sans, as on the kiosk).
    static std::unique_ptr<ChartPainter> Create(std::string* error);
    ~ChartPainter();
    ChartPainter(const ChartPainter&) = delete;
    ChartPainter& operator=(const ChartPainter&) = delete;

    // The chart (which must have bars) as PNG bytes; subtitle goes under the question.
    bool Paint(const Chart& chart, const std::string& subtitle, std::vector<unsigned char>* png, std::string* error);

    static constexpr int kWidth = 1200; // pixels; the height follows from the bars

private:
    ChartPainter() = default;
    struct Impl;
    std::unique_ptr<Impl> P;
};

} // namespace report
