// The baseline for the kiosk's memory (issue 15 item 8): a bare GLFW + Dear ImGui window
// with the kiosk's four DejaVu fonts at the kiosk's sizes (Latin glyphs, ImGui's own RGBA
// atlas), drawing one line of text. bench_kiosk starts it under xvfb-run like the kiosk
// and reads its peak RSS in the same run. It prints "screen attract" after its first
// frame, as the kiosk's --trace does, then waits for events until SIGTERM.
#include "widgets/fonts.hpp"
#include "widgets/theme.hpp"

#include <GLFW/glfw3.h>
#include <GL/gl.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <csignal>
#include <cstdio>
#include <string>

namespace {
volatile sig_atomic_t g_stop = 0;
void OnTerm(int) {
    g_stop = 1;
    glfwPostEmptyEvent();
}
} // namespace

int main() {
    signal(SIGTERM, OnTerm);
    if (!glfwInit()) {
        fprintf(stderr, "bare_window: no display (run under xvfb-run)\n");
        return 1;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3); // as the kiosk asks
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    GLFWwindow* window = glfwCreateWindow(1920, 1080, "bare", nullptr, nullptr);
    if (!window) {
        fprintf(stderr, "bare_window: cannot open a window with OpenGL 3\n");
        return 1;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 130");
    widgets::Theme theme = widgets::MakeTheme(1920, 1080, 96.0f / 25.4f);
    std::string error;
    if (!widgets::LoadFonts(&theme, &error)) {
        fprintf(stderr, "bare_window: %s\n", error.c_str());
        return 1;
    }
    for (bool first = true; !g_stop && !glfwWindowShouldClose(window); first = false) {
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(1920, 1080));
        ImGui::Begin("bare", nullptr, ImGuiWindowFlags_NoDecoration);
        ImGui::PushFont(theme.Title);
        ImGui::TextUnformatted("Praat mee over uw wijk");
        ImGui::PopFont();
        ImGui::End();
        ImGui::Render();
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        glfwSwapBuffers(window);
        if (first) {
            printf("screen attract\n");
            fflush(stdout);
        }
        glfwWaitEvents();
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return 0;
}
