// The report's charts as SVG: one horizontal bar per option on a 0-100 % scale, the share
// and the count (with its unit, "euro" for a budget) written beside each bar, the
// option's words above it. Text stays text, so a chart prints sharply at any size, pastes
// into a council document and is read out by a screen reader: role="img" with a <title>
// (the question) and a <desc> (the figures in words). Black on white, one dark fill; no
// meaning is carried by colour. Pure: a Chart in, the SVG text out.
#pragma once
#include "store/report/model.hpp"

#include <string>

namespace report {

// The <svg> element, for inline use in index.html; ids inside start with "svg-SLUG-".
// The chart must have bars (Chart::Shown).
std::string ChartSvg(const Chart& chart, const std::string& subtitle);
// The same as a file of its own (charts/SLUG.svg): with the XML declaration.
std::string ChartSvgFile(const Chart& chart, const std::string& subtitle);

constexpr int kChartWidth = 760; // user units (CSS pixels at 100 %)

} // namespace report
