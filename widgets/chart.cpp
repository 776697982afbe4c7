#include "widgets/chart.hpp"
#include "widgets/registry.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace widgets {

float BarChart(const Theme& t, const std::vector<Bar>& bars, ImVec2 pos, ImVec2 size) {
    if (bars.empty())
        return 0.0f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    long long total = 0, most = 0;
    for (const Bar& b : bars) {
        total += b.Count;
        most = std::max(most, b.Count);
    }
    const float gap = t.Px(18);
    const float row_h = std::min(t.Px(90), (size.y - gap * float(bars.size() - 1)) / float(bars.size()));
    const float label_w = size.x * 0.34f;
    const float value_w = t.Px(190);
    const float bar_w = size.x - label_w - value_w - 2 * gap;
    ImFont* font = t.Body;
    float y = pos.y;
    for (const Bar& b : bars) {
        // Label, right-aligned against the bar.
        ImVec2 ls = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, b.Label.c_str());
        float lx = pos.x + std::max(0.0f, label_w - ls.x);
        dl->AddText(font, font->FontSize, ImVec2(lx, y + (row_h - font->FontSize) * 0.5f), t.Text, b.Label.c_str());
        RecordText(b.Label);
        // The bar: its length is the count relative to the largest.
        float bx = pos.x + label_w + gap;
        float len = most > 0 ? bar_w * float(b.Count) / float(most) : 0.0f;
        dl->AddRect(ImVec2(bx, y), ImVec2(bx + bar_w, y + row_h), t.CardBorder, t.Px(6), 0, std::max(1.0f, t.Px(2)));
        if (len > 0)
            dl->AddRectFilled(ImVec2(bx, y), ImVec2(bx + len, y + row_h), t.Primary, t.Px(6));
        // The figure in words: percentage and count.
        int pct = total > 0 ? int(std::lround(100.0 * double(b.Count) / double(total))) : 0;
        std::string value = std::to_string(pct) + "% (" + std::to_string(b.Count) + ")";
        dl->AddText(font, font->FontSize, ImVec2(bx + bar_w + gap, y + (row_h - font->FontSize) * 0.5f), t.Text,
                    value.c_str());
        RecordText(b.Label + ": " + value);
        y += row_h + gap;
    }
    return y - gap - pos.y;
}

} // namespace widgets
