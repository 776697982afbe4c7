// The report's page, index.html: plain HTML in Dutch, UTF-8, no scripts and nothing from
// elsewhere (it opens from a USB stick or a mail attachment), every text from the data
// escaped. Charts stand inline as SVG (report/svg_chart), each also
// written as charts/SLUG.svg. Pure: a Report in, the page out.
#pragma once
#include "store/report/model.hpp"

#include <string>

namespace report {

std::string RenderHtml(const Report& report);

// Text safe inside HTML elements and attribute values.
std::string EscapeHtml(const std::string& text);
// The share as the kiosk writes it: "62%" (rounded; "0%" when whole is 0).
std::string Percent(long long count, long long whole);
// "31 deelnemers", "1 deelnemer".
std::string Deelnemers(long long n);
// 15400 -> "15.400" (Dutch grouping).
std::string DutchNumber(long long n);
// One bar's figures as the chart writes them: "55% (6)", "40% (1.200 euro)".
std::string BarFigure(const Chart& chart, const Bar& bar);
// The figures of a chart in words ("Goed: 55% (6); ..."), for the chart's description.
std::string ChartInWords(const Chart& chart);
// An agreement's status with its sign: "\u25D0 bezig" (never colour alone).
std::string AgreementStatusWords(const std::string& status);

// Say per theme and the witte vlekken (report/say.hpp), for a wijk's page and the overview.
std::string SayExplained();      // what the say table means, in plain words
std::string VlekkenExplained();  // what a witte vlek is and how it is counted
std::string SayThemesTable(const SayFigures& say);                 // a row per theme
std::string VlekkenTable(const SayFigures& say, size_t max_rows); // ranked; 0: every row

} // namespace report
