#include "widgets/chart.hpp"
#include "widgets/touch.hpp"
#include "widgets/registry.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace widgets {

float BarChart(const Theme& t, const std::vector<Bar>& bars, ImVec2 pos, ImVec2 size, long long whole) {
    if (bars.empty())
        return 0.0f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    long long total = 0, most = 0;
    for (const Bar& b : bars) {
        total += b.Count;
        most = std::max(most, b.Count);
    }
    if (whole > 0)
        total = whole;
    // Each option: its words on a line of their own (answers can be long), the bar under
    // them, and the figure in words at the bar's end.
    ImFont* font = t.Body;
    const float gap = t.Px(14);
    const float row_h = std::min(t.Px(110), size.y / float(bars.size()));
    // Large text and many options: the words get smaller before the bars overlap.
    const float text_size = std::min(font->FontSize, (row_h - gap - t.Px(24)) / 1.15f);
    const float label_h = text_size * 1.15f;
    const float bar_h = std::max(t.Px(24), row_h - label_h - gap);
    const float value_w = t.Px(200);
    const float bar_w = size.x - value_w - gap;
    float y = pos.y;
    for (const Bar& b : bars) {
        TextLine(t, font, b.Label, ImVec2(pos.x, y), t.Text, text_size);
        float by = y + label_h;
        float len = most > 0 ? bar_w * float(b.Count) / float(most) : 0.0f;
        // Bars grow in the reading direction: from the right on an Arabic screen.
        const float frame_x = t.X(pos.x, bar_w), fill_x = t.X(pos.x, len);
        dl->AddRect(ImVec2(frame_x, by), ImVec2(frame_x + bar_w, by + bar_h), t.CardBorder, t.Px(6), 0,
                    std::max(1.0f, t.Px(2)));
        if (len > 0)
            dl->AddRectFilled(ImVec2(fill_x, by), ImVec2(fill_x + len, by + bar_h), t.Primary, t.Px(6));
        int pct = total > 0 ? int(std::lround(100.0 * double(b.Count) / double(total))) : 0;
        std::string value = std::to_string(pct) + "% (" + std::to_string(b.Count) + ")";
        TextLine(t, font, value, ImVec2(pos.x + bar_w + gap, by + (bar_h - text_size) * 0.5f), t.Text, text_size);
        RecordText(b.Label + ": " + value); // for scripts: which bar has which figure
        y = by + bar_h + gap;
    }
    return y - gap - pos.y;
}

} // namespace widgets
