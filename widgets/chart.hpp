// A horizontal bar chart for results ("zo antwoordde de wijk tot nu toe"): every bar
// carries its label, its count and its share in words, never colour alone.
#pragma once
#include "widgets/theme.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace widgets {

struct Bar {
    std::string Label;
    long long Count = 0;
};

// Draws the bars in [pos, pos+size]. Returns the height used. whole is what 100% is:
// 0 for the sum of the bars (the kiosk's results); the number of respondents where one
// answer can choose several options (the store's report), so the shares say "of the people".
// unit: written after each count where the counts have one ("40% (400 euro)" for a budget).
float BarChart(const Theme& theme, const std::vector<Bar>& bars, ImVec2 pos, ImVec2 size, long long whole = 0,
               std::string_view unit = {});

} // namespace widgets
