// Arabic for Dear ImGui: joined letters (presentation forms) and display order, checked
// code point by code point against the forms Unicode gives each letter.
#include "widgets/bidi.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace widgets;

namespace {

std::vector<unsigned> Codepoints(const std::string& s) {
    std::vector<unsigned> out;
    const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
    for (size_t i = 0; i < s.size();) {
        unsigned c = p[i];
        int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        c &= n == 4 ? 0x07 : n == 3 ? 0x0F : n == 2 ? 0x1F : 0x7F;
        for (int k = 1; k < n; k++)
            c = (c << 6) | (p[i + size_t(k)] & 0x3F);
        out.push_back(c);
        i += size_t(n);
    }
    return out;
}

} // namespace

TEST_CASE("bidi: only right-to-left letters count as right to left") {
    CHECK_FALSE(HasRtl("Nederlands"));
    CHECK_FALSE(HasRtl("Українська"));    // Cyrillic is left to right
    CHECK_FALSE(HasRtl("Türkçe ąęłż ğış")); // so are the keyboard's accents
    CHECK(HasRtl("العربية"));
    CHECK(HasRtl("Stem: نعم"));
    CHECK(HasRtl("\xEF\xBB\xBB")); // U+FEFB, an already joined lam-alef
}

TEST_CASE("bidi: Latin and Cyrillic pass through unchanged") {
    for (const char* s : {"Praat mee over uw wijk", "Висловіться про свій район", "abc (def)", ""}) {
        CHECK(ShapeArabic(s) == s);
        CHECK(VisualLine(s, false) == s);
    }
}

TEST_CASE("bidi: Arabic letters are joined into the form their place in the word asks") {
    // lam + alef is one ligature (U+FEFB), as an Arabic reader expects.
    CHECK(Codepoints(ShapeArabic("لا")) == std::vector<unsigned>{0xFEFB});
    // "حيك": hah initial, yeh medial, kaf final; still in logical order.
    CHECK(Codepoints(ShapeArabic("حيك")) == std::vector<unsigned>{0xFEA3, 0xFEF4, 0xFEDA});
}

TEST_CASE("bidi: a line is put in display order, right to left") {
    // "عن حيك" (about your neighbourhood): the last word is drawn first, at the left.
    CHECK(Codepoints(VisualLine("عن حيك", true)) ==
          std::vector<unsigned>{0xFEDA, 0xFEF4, 0xFEA3, ' ', 0xFEE6, 0xFECB});
    SUBCASE("numbers keep their own order inside an Arabic sentence") {
        // "السؤال 2 من 4" (question 2 of 4) reads 4 ... 2 ... from left to right.
        std::vector<unsigned> v = Codepoints(VisualLine("السؤال 2 من 4", true));
        REQUIRE(v.size() == 13);
        CHECK(v.front() == '4');
        CHECK(v[5] == '2');
        CHECK(Codepoints(VisualLine("12 من 345", true)).front() == '3'); // 345 stays 345
    }
    SUBCASE("brackets are mirrored") {
        std::vector<unsigned> v = Codepoints(VisualLine("(دقيقة)", true));
        CHECK(v.front() == '(');
        CHECK(v.back() == ')');
    }
    SUBCASE("a Latin word keeps its letters' order") {
        std::vector<unsigned> v = Codepoints(VisualLine("OK نعم", true));
        REQUIRE(v.size() == 6);
        CHECK(v[4] == 'O');
        CHECK(v[5] == 'K');
    }
    SUBCASE("no invisible marks are left for the font to miss") {
        for (unsigned c : Codepoints(VisualLine("\xE2\x80\x8F" "نعم\xE2\x80\x8D", true))) // RLM, ZWJ
            CHECK((c < 0x200B || c > 0x200F));
    }
}
