// The kiosk's fonts: the atlas holds every glyph the pack's texts need, in every
// language, and the glyph check finds a character no font has.
#include "content/pack.hpp"
#include "test_packs.hpp"
#include "widgets/fonts.hpp"

#include <doctest/doctest.h>
#include <imgui.h>

#include <algorithm>

using namespace widgets;

namespace {

bool InRanges(const std::vector<ImWchar>& ranges, unsigned c) {
    for (size_t i = 0; i + 1 < ranges.size() && ranges[i]; i += 2)
        if (c >= ranges[i] && c <= ranges[i + 1])
            return true;
    return false;
}

} // namespace

TEST_CASE("fonts: the glyph set holds the keyboard's letters and every text's characters as drawn") {
    GlyphSet g = GlyphsFor({"Українська", "العربية"});
    for (unsigned c : {unsigned('a'), 0xEBu /* ë */, 0x142u /* ł */, 0x15Fu /* ş */, 0x20ACu /* € */})
        CHECK(InRanges(g.Main, c));
    CHECK(InRanges(g.Main, 0x423)); // У
    CHECK(InRanges(g.Main, 0x457)); // ї
    CHECK_FALSE(InRanges(g.Main, 0x416)); // Ж: in no text, so not in the atlas
    // Arabic comes from the Arabic font, with the joined forms that are drawn:
    CHECK(InRanges(g.Arabic, 0x0627));  // alef
    CHECK(InRanges(g.Arabic, 0xFE8D));  // alef, alone: the joined form "العربية" starts with
    CHECK_FALSE(InRanges(g.Arabic, 'a'));
    CHECK_FALSE(InRanges(g.Main, 0x0627));
    CHECK(GlyphsFor({"Praat mee"}).Arabic.empty()); // no Arabic font without Arabic text
}

TEST_CASE("fonts: the glyph check names what no font has, and nothing else") {
    CHECK(MissingGlyphs("Groningen ë ł ş ğ ı Українська العربية «لا» 62% €").empty());
    CHECK(MissingGlyphs("中文 ok") == std::vector<char32_t>{0x4E2D, 0x6587});
    CHECK(MissingGlyphs("\xF0\x9F\x98\x80") == std::vector<char32_t>{0x1F600}); // an emoji
    for (const std::string& text : content::AllTexts(BundledPack())) {
        CAPTURE(text);
        CHECK(MissingGlyphs(text).empty());
    }
}

TEST_CASE("fonts: the atlas built from the pack's glyphs can draw every language") {
    ImGui::CreateContext();
    Theme t = MakeTheme(1920, 1080, 96.0f / 25.4f);
    std::string error;
    SUBCASE("Latin only: no Cyrillic, no Arabic (the check below can fail)") {
        REQUIRE_MESSAGE(LoadFonts(&t, &error), error);
        CHECK(t.Body->FindGlyphNoFallback(0x00EB));
        CHECK_FALSE(t.Body->FindGlyphNoFallback(0x0457));
        CHECK_FALSE(t.Body->FindGlyphNoFallback(0xFE8E));
    }
    SUBCASE("the bundled pack's glyphs") {
        REQUIRE_MESSAGE(LoadFonts(&t, GlyphsFor(content::AllTexts(BundledPack())), &error), error);
        for (ImFont* f : {t.Body, t.Small, t.Button, t.Title}) {
            CHECK(f->FindGlyphNoFallback(0x00EB)); // ë
            CHECK(f->FindGlyphNoFallback(0x0457)); // ї
            CHECK(f->FindGlyphNoFallback(0xFEFB)); // lam-alef
            CHECK(f->FindGlyphNoFallback(0xFE8E)); // alef, final
        }
        // Arabic is drawn a fifth larger than its nominal size, next to Latin of the same size.
        const ImFontGlyph* alef = t.Body->FindGlyphNoFallback(0x0627);
        const ImFontGlyph* l = t.Body->FindGlyphNoFallback('l');
        REQUIRE(alef);
        REQUIRE(l);
        CHECK((alef->Y1 - alef->Y0) > 0.8f * (l->Y1 - l->Y0));
    }
    ImGui::DestroyContext();
}
