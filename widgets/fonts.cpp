#include "widgets/fonts.hpp"
#include "widgets/bidi.hpp"

#include <imgui_internal.h> // ImTextCharFromUtf8

#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <mutex>
#include <sys/stat.h>

namespace widgets {

namespace {

const char* const kRegular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
const char* const kBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
const char* const kArabicRegular = "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf";
const char* const kArabicBold = "/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf";

// Arabic at a tenth over the Latin letters' em: its letters are small for their em.
constexpr float kArabicEmOverLatin = 1.1f;

// Basic Latin, Latin-1, Latin Extended-A (the keyboard: Dutch, Frisian, Polish,
// Turkish), typographic punctuation and the euro sign, whatever the pack says.
const ImWchar kLatin[] = {
    0x0020, 0x00FF, 0x0100, 0x017F, 0x2010, 0x2027, 0x20AC, 0x20AC, 0,
};

bool IsArabicBlock(unsigned c) {
    return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) || (c >= 0xFB50 && c <= 0xFDFF) ||
           (c >= 0xFE70 && c <= 0xFEFF);
}

bool Exists(const char* path) {
    struct stat st;
    return stat(path, &st) == 0;
}

// Code points of a UTF-8 text, as ImGui decodes them.
template <class F> void ForEachCodepoint(std::string_view s, F&& f) {
    const char* p = s.data();
    const char* end = p + s.size();
    while (p < end) {
        unsigned int c = 0;
        const int n = ImTextCharFromUtf8(&c, p, end);
        if (n <= 0)
            break;
        p += n;
        f(c);
    }
}

// Every code point, also past U+FFFF (which ImGui's decoder turns into U+FFFD).
template <class F> void ForEachFullCodepoint(std::string_view s, F&& f) {
    const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
    for (size_t i = 0; i < s.size();) {
        const unsigned lead = p[i];
        const size_t n = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        if (i + n > s.size())
            break;
        char32_t c = lead & (n == 4 ? 0x07 : n == 3 ? 0x0F : n == 2 ? 0x1F : 0x7F);
        for (size_t k = 1; k < n; k++)
            c = (c << 6) | (p[i + k] & 0x3F);
        f(c);
        i += n;
    }
}

// Ranges from a sorted set of code points.
std::vector<ImWchar> Ranges(std::vector<unsigned> cps) {
    std::sort(cps.begin(), cps.end());
    cps.erase(std::unique(cps.begin(), cps.end()), cps.end());
    std::vector<ImWchar> out;
    for (size_t i = 0; i < cps.size();) {
        size_t j = i;
        while (j + 1 < cps.size() && cps[j + 1] == cps[j] + 1)
            j++;
        out.push_back(ImWchar(cps[i]));
        out.push_back(ImWchar(cps[j]));
        i = j + 1;
    }
    out.push_back(0);
    return out;
}

float ArabicSizeFactor();

bool AddFonts(Theme* t, const ImWchar* main, const ImWchar* arabic, std::string* error) {
    if (!Exists(kRegular) || !Exists(kBold)) {
        if (error)
            *error = "the DejaVu Sans font is missing (install the Debian package fonts-dejavu-core)";
        return false;
    }
    const bool with_arabic = arabic && arabic[0] != 0;
    if (with_arabic && (!Exists(kArabicRegular) || !Exists(kArabicBold))) {
        if (error)
            *error = "the Noto Sans Arabic font is missing (install the Debian package fonts-noto-core)";
        return false;
    }
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontConfig cfg;
    cfg.OversampleH = 1; // large sizes need no horizontal oversampling; halves the atlas
    cfg.OversampleV = 1;
    auto add = [&](const char* file, const char* arabic_file, float px) -> ImFont* {
        ImFont* f = io.Fonts->AddFontFromFileTTF(file, px, &cfg, main);
        if (f && with_arabic) {
            ImFontConfig merge = cfg;
            merge.MergeMode = true;
            // ImGui sizes a font by its ascent-to-descent height, and Noto Sans Arabic's is
            // tall (room for stacked marks): sized alike, its letters are two thirds of
            // DejaVu's. The same baseline, an em a tenth larger than Latin's.
            io.Fonts->AddFontFromFileTTF(arabic_file, px * ArabicSizeFactor(), &merge, arabic);
        }
        return f;
    };
    t->Body = add(kRegular, kArabicRegular, t->FontPx(40));
    t->Small = add(kRegular, kArabicRegular, t->FontPx(32));
    t->Button = add(kBold, kArabicBold, t->FontPx(44));
    t->Title = add(kBold, kArabicBold, t->FontPx(80));
    if (!t->Body || !t->Small || !t->Button || !t->Title || !io.Fonts->Build()) {
        if (error)
            *error = std::string("cannot load the font ") + kRegular;
        return false;
    }
    return true;
}

// The fonts' character maps, for MissingGlyphs: read once, kept for the process.
struct Coverage {
    std::mutex Mu;
    bool Loaded = false;
    FT_Library Lib = nullptr;
    FT_Face Faces[4] = {}; // as in the atlas: DejaVu regular and bold, Noto Arabic regular and bold

    // Drawn from the font the atlas takes it from, in regular and in bold.
    bool Has(unsigned c) {
        const int first = IsArabicBlock(c) ? 2 : 0;
        for (int i = first; i < first + 2; i++)
            if (!Faces[i] || FT_Get_Char_Index(Faces[i], c) == 0)
                return false;
        return true;
    }
};

Coverage& Fonts() {
    static Coverage c;
    std::lock_guard<std::mutex> lock(c.Mu);
    if (!c.Loaded) {
        c.Loaded = true;
        const char* const paths[4] = {kRegular, kBold, kArabicRegular, kArabicBold};
        if (FT_Init_FreeType(&c.Lib) == 0)
            for (int i = 0; i < 4; i++)
                if (FT_New_Face(c.Lib, paths[i], 0, &c.Faces[i]) != 0)
                    c.Faces[i] = nullptr;
    }
    return c;
}

// The Arabic font's size for a Latin size of 1: the same em, times kArabicEmOverLatin.
float ArabicSizeFactor() {
    Coverage& fonts = Fonts();
    std::lock_guard<std::mutex> lock(fonts.Mu);
    const FT_Face latin = fonts.Faces[0], arabic = fonts.Faces[2];
    if (!latin || !arabic || !latin->units_per_EM || !arabic->units_per_EM)
        return 1.2f;
    auto height_in_em = [](FT_Face f) { return float(f->ascender - f->descender) / float(f->units_per_EM); };
    return height_in_em(arabic) / height_in_em(latin) * kArabicEmOverLatin;
}

} // namespace

GlyphSet GlyphsFor(const std::vector<std::string>& texts) {
    std::vector<unsigned> main, arabic;
    for (const ImWchar* r = kLatin; r[0]; r += 2)
        for (unsigned c = r[0]; c <= r[1]; c++)
            main.push_back(c);
    for (const std::string& text : texts) {
        auto take = [&](unsigned c) {
            if (c >= 0x20)
                (IsArabicBlock(c) ? arabic : main).push_back(c);
        };
        ForEachCodepoint(text, take);
        if (HasRtl(text)) // the joined forms are what is drawn
            ForEachCodepoint(VisualLine(text, true), take);
    }
    GlyphSet g;
    g.Main = Ranges(main);
    if (!arabic.empty())
        g.Arabic = Ranges(arabic);
    return g;
}

bool LoadFonts(Theme* t, const GlyphSet& glyphs, std::string* error) {
    return AddFonts(t, glyphs.Main.data(), glyphs.Arabic.empty() ? nullptr : glyphs.Arabic.data(), error);
}

bool LoadFonts(Theme* t, std::string* error) { return AddFonts(t, kLatin, nullptr, error); }

std::vector<char32_t> MissingGlyphs(std::string_view utf8) {
    Coverage& fonts = Fonts();
    std::vector<char32_t> missing;
    // Past U+FFFF (emoji, rare scripts) Dear ImGui 1.86 draws nothing: ImWchar is 16 bits.
    auto check = [&](char32_t c) {
        if (c >= 0x20 && (c > 0xFFFF || !fonts.Has(unsigned(c))) &&
            std::find(missing.begin(), missing.end(), c) == missing.end())
            missing.push_back(c);
    };
    std::lock_guard<std::mutex> lock(fonts.Mu);
    ForEachFullCodepoint(utf8, check);
    if (HasRtl(utf8))
        ForEachFullCodepoint(VisualLine(utf8, true), check);
    return missing;
}

} // namespace widgets
