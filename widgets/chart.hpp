// A horizontal bar chart for results ("zo antwoordde de wijk tot nu toe"): every bar
// carries its label, its count and its share in words, never colour alone.
#pragma once
#include "widgets/theme.hpp"

#include <string>
#include <vector>

namespace widgets {

struct Bar {
    std::string Label;
    long long Count = 0;
};

// Draws the bars in [pos, pos+size]. Returns the height used.
float BarChart(const Theme& theme, const std::vector<Bar>& bars, ImVec2 pos, ImVec2 size);

} // namespace widgets
