#include "widgets/theme.hpp"

#include <algorithm>
#include <sys/stat.h>

namespace widgets {

namespace {

const char* const kRegularFonts[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
};
const char* const kBoldFonts[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
};

const char* FirstExisting(const char* const* paths, size_t n) {
    struct stat st;
    for (size_t i = 0; i < n; i++)
        if (stat(paths[i], &st) == 0)
            return paths[i];
    return nullptr;
}

// Basic Latin, Latin-1, Latin Extended-A (Polish, Turkish, Frisian), general
// punctuation (typographic quotes, dashes, ellipsis). Only what the packs need:
// every range costs atlas time and memory (FACTS.md).
const ImWchar kRanges[] = {
    0x0020, 0x00FF,
    0x0100, 0x017F,
    0x2010, 0x2027,
    0x20AC, 0x20AC, // euro sign, for the wijkbudget
    0,
};

} // namespace

Theme MakeTheme(float display_w, float display_h, float px_per_mm) {
    Theme t;
    // Scale with the height, but never so far that a wide, low window crops the width.
    t.Scale = std::max(0.25f, std::min(display_h / 1080.0f, display_w / 1920.0f * 1.25f));
    if (px_per_mm > 0.0f)
        t.PxPerMm = px_per_mm;
    return t;
}

bool LoadFonts(Theme* t, std::string* error) {
    const char* regular = FirstExisting(kRegularFonts, std::size(kRegularFonts));
    const char* bold = FirstExisting(kBoldFonts, std::size(kBoldFonts));
    if (!regular || !bold) {
        if (error)
            *error = "the DejaVu Sans font is missing (install the Debian package fonts-dejavu-core)";
        return false;
    }
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontConfig cfg;
    cfg.OversampleH = 1; // large sizes need no horizontal oversampling; halves the atlas
    cfg.OversampleV = 1;
    t->Body = io.Fonts->AddFontFromFileTTF(regular, t->Px(40), &cfg, kRanges);
    t->Small = io.Fonts->AddFontFromFileTTF(regular, t->Px(32), &cfg, kRanges);
    t->Button = io.Fonts->AddFontFromFileTTF(bold, t->Px(44), &cfg, kRanges);
    t->Title = io.Fonts->AddFontFromFileTTF(bold, t->Px(80), &cfg, kRanges);
    if (!t->Body || !t->Small || !t->Button || !t->Title || !io.Fonts->Build()) {
        if (error)
            *error = std::string("cannot load the font ") + regular;
        return false;
    }
    return true;
}

void ApplyStyle(const Theme& t) {
    ImGuiStyle& s = ImGui::GetStyle();
    s = ImGuiStyle();
    s.WindowPadding = ImVec2(0, 0);
    s.WindowBorderSize = 0;
    s.WindowRounding = 0;
    s.ItemSpacing = ImVec2(t.Px(24), t.Px(24));
    s.Colors[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(t.Background);
    s.Colors[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(t.Text);
}

} // namespace widgets
