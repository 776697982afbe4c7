#include "widgets/chart.hpp"
#include "widgets/touch.hpp"
#include "widgets/registry.hpp"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>

namespace widgets {

float BarChart(const Theme& t, const std::vector<Bar>& bars, ImVec2 pos, ImVec2 size, long long whole,
               std::string_view unit) {
    if (bars.empty())
        return 0.0f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    long long total = 0;
    for (const Bar& b : bars)
        total += b.Count;
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
    const float value_w = t.Px(unit.empty() ? 200 : 330); // "100% (12)", or with a unit "40% (400 euro)"
    const float bar_w = size.x - value_w - gap;
    float y = pos.y;
    const int chart = NewChart();
    // The figure beside a bar thinner than the words reaches up into the words' line: then
    // the words stop where the bar does, so the two never overlap.
    const float value_top = (bar_h - text_size) * 0.5f; // relative to the bar's top
    const float label_room = value_top < 0 ? bar_w : size.x;
    for (const Bar& b : bars) {
        // A label wider than its room (a narrow chart, a long answer): smaller, down to two
        // thirds, then cut with "..." rather than over the figure or the next chart.
        float label_size = text_size;
        std::string label = b.Label;
        const float label_w = TextWidth(font, label, text_size);
        if (label_w > label_room)
            label_size = std::max(text_size * 0.67f, text_size * label_room / label_w);
        while (label.size() > 1 && TextWidth(font, label, label_size) > label_room) {
            const bool cut = label.size() > 3 && label.compare(label.size() - 3, 3, "...") == 0;
            std::string body = cut ? label.substr(0, label.size() - 3) : label;
            while (!body.empty() && (((unsigned char)body.back()) >> 6) == 0x2) // one whole UTF-8 character
                body.pop_back();
            if (!body.empty())
                body.pop_back();
            label = body + "...";
        }
        TextLine(t, font, label, ImVec2(pos.x, y + (text_size - label_size) * 0.5f), t.Text, label_size);
        float by = y + label_h;
        // Honest: the frame is 100 %, so 40 % is drawn as 40 %, whatever the largest bar.
        const float share = total > 0 ? std::min(1.0f, float(b.Count) / float(total)) : 0.0f;
        float len = bar_w * share;
        // Bars grow in the reading direction: from the right on an Arabic screen.
        const float frame_x = t.X(pos.x, bar_w), fill_x = t.X(pos.x, len);
        dl->AddRect(ImVec2(frame_x, by), ImVec2(frame_x + bar_w, by + bar_h), t.CardBorder, t.Px(6), 0,
                    std::max(1.0f, t.Px(2)));
        if (len > 0)
            dl->AddRectFilled(ImVec2(fill_x, by), ImVec2(fill_x + len, by + bar_h), t.Primary, t.Px(6));
        int pct = total > 0 ? int(std::lround(100.0 * double(b.Count) / double(total))) : 0;
        std::string value = std::to_string(pct) + "% (" + std::to_string(b.Count) +
                            (unit.empty() ? std::string() : " " + std::string(unit)) + ")";
        // A long figure (a unit) gets smaller rather than run off the chart.
        const float value_size = std::min(text_size, text_size * (size.x - bar_w - gap) / std::max(1.0f, TextWidth(font, value, text_size)));
        TextLine(t, font, value, ImVec2(pos.x + bar_w + gap, by + value_top + (text_size - value_size) * 0.5f), t.Text,
                 value_size);
        RecordBar({ImVec2(frame_x, by), ImVec2(frame_x + bar_w, by + bar_h), len, share, value, chart});
        RecordText(b.Label + ": " + value); // for scripts: which bar has which figure
        y = by + bar_h + gap;
    }
    return y - gap - pos.y;
}

} // namespace widgets
