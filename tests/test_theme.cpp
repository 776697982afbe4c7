// Contrast of every colour pair the widgets draw, in both themes (WCAG 2.2 1.4.3, 1.4.6
// and 1.4.11): text at least 4.5:1, and 7:1 in high contrast; a control's edge 3:1.
#include "widgets/theme.hpp"

#include <doctest/doctest.h>

using namespace widgets;

TEST_CASE("the contrast ratio follows WCAG") {
    CHECK(ContrastRatio(IM_COL32(0, 0, 0, 255), IM_COL32(255, 255, 255, 255)) == doctest::Approx(21.0f));
    CHECK(ContrastRatio(IM_COL32(255, 255, 255, 255), IM_COL32(0, 0, 0, 255)) == doctest::Approx(21.0f));
    CHECK(ContrastRatio(IM_COL32(119, 119, 119, 255), IM_COL32(255, 255, 255, 255)) == doctest::Approx(4.48f).epsilon(0.01));
    CHECK(ContrastRatio(IM_COL32(10, 20, 30, 255), IM_COL32(10, 20, 30, 255)) == doctest::Approx(1.0f));
}

TEST_CASE("every colour pair of both themes is readable") {
    for (bool high : {false, true}) {
        CAPTURE(high);
        Theme t = MakeTheme(1920, 1080, 96.0f / 25.4f, false, high);
        CHECK(t.HighContrast == high);
        const float text_min = high ? 7.0f : 4.5f;
        std::vector<ColorPair> pairs = ColorPairs(t);
        REQUIRE(pairs.size() >= 12);
        for (const ColorPair& p : pairs) {
            CAPTURE(p.What);
            const float ratio = ContrastRatio(p.Fore, p.Back);
            CAPTURE(ratio);
            CHECK(ratio >= (p.IsText ? text_min : 3.0f));
        }
    }
}

TEST_CASE("a theme that breaks a pair is caught") {
    Theme t = MakeTheme(1920, 1080, 96.0f / 25.4f, false, true);
    t.TextMuted = IM_COL32(90, 90, 90, 255); // grey on black: 3:1, fine for nobody here
    bool caught = false;
    for (const ColorPair& p : ColorPairs(t))
        caught = caught || (p.IsText && ContrastRatio(p.Fore, p.Back) < 7.0f);
    CHECK(caught);
}

TEST_CASE("large text: every font 1.3 times larger, the layout scale unchanged") {
    Theme normal = MakeTheme(1920, 1080, 0);
    Theme large = MakeTheme(1920, 1080, 0, true);
    CHECK(large.Scale == normal.Scale);
    CHECK(large.FontPx(40) == doctest::Approx(normal.FontPx(40) * kLargeTextScale));
    CHECK(large.FontPx(32) >= 41.0f); // the smallest text, at 1080
}
