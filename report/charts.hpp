// Report charts as PNG files, drawn by the kiosk's own chart widget (widgets::BarChart)
// in a headless Dear ImGui context and rasterized in software (widgets/soft_render).
#pragma once
#include "report/report.hpp"

#include <memory>
#include <string>

struct ImGuiContext;

namespace report {

class ChartPainter {
public:
    // texts: every text a chart may hold (for the font's glyphs).
    static std::unique_ptr<ChartPainter> Create(const std::vector<std::string>& texts, std::string* error);
    ~ChartPainter();
    ChartPainter(const ChartPainter&) = delete;
    ChartPainter& operator=(const ChartPainter&) = delete;

    // A title over one bar per option with its count and share in words.
    bool Write(const std::string& path, const std::string& title, const std::vector<OptionCount>& counts,
               std::string* error);

private:
    ChartPainter() = default;
    struct State;
    std::unique_ptr<State> S;
};

} // namespace report
