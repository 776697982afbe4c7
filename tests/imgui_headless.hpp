// A headless Dear ImGui context for widget and screen tests (example_null's pattern:
// a built font atlas, a display size, frames with no window and no GL).
#pragma once
#include "widgets/registry.hpp"
#include "widgets/fonts.hpp"
#include "widgets/theme.hpp"

#include <doctest/doctest.h>
#include <imgui.h>

struct HeadlessImGui {
    widgets::Theme Theme;
    ImVec2 Display;

    // glyphs: a pack's (GlyphsFor), to draw its languages as the kiosk does; else Latin.
    explicit HeadlessImGui(ImVec2 display = ImVec2(1920, 1080), float px_per_mm = 96.0f / 25.4f,
                           bool large_text = false, bool high_contrast = false,
                           const widgets::GlyphSet* glyphs = nullptr)
        : Display(display) {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        Theme = widgets::MakeTheme(display.x, display.y, px_per_mm, large_text, high_contrast);
        std::string error;
        REQUIRE_MESSAGE(glyphs ? widgets::LoadFonts(&Theme, *glyphs, &error) : widgets::LoadFonts(&Theme, &error),
                        error);
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        widgets::ApplyStyle(Theme);
    }
    ~HeadlessImGui() { ImGui::DestroyContext(); }

    // One frame with the pointer at pos (button down or not); draw() runs inside it.
    template <class F> void Frame(ImVec2 pos, bool down, F&& draw) {
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = Display;
        io.DeltaTime = 1.0f / 60.0f;
        io.MousePos = pos;
        io.MouseDown[0] = down;
        ImGui::NewFrame();
        widgets::BeginRecord();
        draw();
        ImGui::Render();
    }
};
