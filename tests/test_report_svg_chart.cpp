// The report's charts as SVG (store/report/svg_chart): what a reader and a screen reader
// get from one chart. Well-formedness is checked on the written files by e2e_report.sh
// (python3's XML parser); here the figures, the scale and the words.
#include "store/report/html.hpp"
#include "store/report/svg_chart.hpp"

#include <doctest/doctest.h>

using namespace report;

namespace {

Chart Sample() {
    Chart c;
    c.AnswerId = "prettig-wonen";
    c.Title = "Hoe prettig woont u in uw wijk? <&>";
    c.Slug = "kiosk-prettig-wonen";
    c.Respondents = c.Whole = 8;
    c.Shown = true;
    c.Bars = {{"5", "Heel goed", 6}, {"1", "Heel slecht", 2}, {"3", "Gaat wel", 0}};
    return c;
}

size_t Count(const std::string& s, const std::string& what) {
    size_t n = 0;
    for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1))
        n++;
    return n;
}

} // namespace

TEST_CASE("svg chart: title and description for screen readers, the figures beside each bar") {
    const std::string svg = ChartSvg(Sample(), "8 deelnemers");
    CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 760 ", 0) == 0);
    CHECK(svg.find("<title id=\"svg-kiosk-prettig-wonen-title\">Hoe prettig woont u in uw wijk? &lt;&amp;&gt;</title>") !=
          std::string::npos);
    CHECK(svg.find("<desc id=\"svg-kiosk-prettig-wonen-desc\">8 deelnemers. Heel goed: 75% (6); Heel slecht: 25% (2); "
                   "Gaat wel: 0% (0).</desc>") != std::string::npos);
    CHECK(svg.find(">75% (6)</text>") != std::string::npos);
    CHECK(svg.find(">25% (2)</text>") != std::string::npos);
    CHECK(svg.find(">0% (0)</text>") != std::string::npos);
    CHECK(svg.find(">Heel goed</text>") != std::string::npos);
    CHECK(svg.find("<?xml") == std::string::npos);
    CHECK(Count(svg, "<svg") == 1);
    CHECK(Count(svg, "</svg>") == 1);
    CHECK(Count(svg, "<text") == Count(svg, "</text>"));
    CHECK(ChartSvgFile(Sample(), "x").rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ", 0) == 0);
}

TEST_CASE("svg chart: bars on a 0-100 % scale, never past it") {
    Chart c = Sample();
    const std::string svg = ChartSvg(c, "");
    for (const char* tick : {">0%</text>", ">25%</text>", ">50%</text>", ">75%</text>", ">100%</text>"})
        CHECK(svg.find(tick) != std::string::npos);
    // 6 of 8 is three quarters of the 500 wide scale; a bar of 0 is only its outline.
    CHECK(svg.find("width=\"375\" height=\"24\" fill=\"#104682\"") != std::string::npos);
    CHECK(svg.find("width=\"125\" height=\"24\" fill=\"#104682\"") != std::string::npos);
    CHECK(Count(svg, "fill=\"#104682\"") == 2);
    // Several answers each: shares of the participants may add up past 100 %, one bar never.
    c.Whole = 4;
    c.Bars = {{"a", "A", 6}};
    CHECK(ChartSvg(c, "").find("width=\"500\" height=\"24\" fill=\"#104682\"") != std::string::npos);
}

TEST_CASE("svg chart: a budget in euro; long words wrap instead of running off") {
    Chart c = Sample();
    c.Unit = "euro";
    c.Whole = 10000;
    c.Bars = {{"groen", "Meer groen in de wijk, met bomen en bloemen langs alle straten en een moestuin voor iedereen "
                        "die mee wil doen", 4000},
              {"spelen", "Spelen", 6000}};
    const std::string svg = ChartSvg(c, "");
    CHECK(svg.find(">40% (4.000 euro)</text>") != std::string::npos);
    CHECK(svg.find(">60% (6.000 euro)</text>") != std::string::npos);
    CHECK(svg.find("Spelen: 60% (6.000 euro)") != std::string::npos);
    CHECK(DutchNumber(1234567) == "1.234.567");
    CHECK(DutchNumber(999) == "999");
    CHECK(svg.find(">Meer groen in de wijk, met bomen en bloemen langs alle straten en een moestuin</text>") ==
          std::string::npos); // too long for one line of 728 units: cut between words
    CHECK(svg.find("die mee wil doen</text>") != std::string::npos);
}
