#include "kiosk/font_texture.hpp"

#include <GL/gl.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <cstdint>
#include <cstdio>

namespace kiosk {

namespace {

GLuint g_texture = 0; // ours; the backend's own (the fallback) it keeps itself

// Texture swizzles are core from OpenGL 3.3 (Mesa's llvmpipe and every mini PC's GPU of
// the last decade have them).
bool HasSwizzle() {
    const char* version = reinterpret_cast<const char*>(glGetString(GL_VERSION));
    int major = 0, minor = 0;
    if (!version || sscanf(version, "%d.%d", &major, &minor) != 2)
        return false;
    return major > 3 || (major == 3 && minor >= 3);
}

} // namespace

void PrepareFontBackend() {
    ImGui_ImplOpenGL3_CreateDeviceObjects(); // builds the atlas of ImGui's default font only
    ImGui_ImplOpenGL3_DestroyFontsTexture();
}

void CreateFontTexture() {
    DestroyFontTexture();
    if (!HasSwizzle()) {
        ImGui_ImplOpenGL3_CreateFontsTexture();
        return;
    }
    ImGuiIO& io = ImGui::GetIO();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
    GLint last = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &last);
    glGenTextures(1, &g_texture);
    glBindTexture(GL_TEXTURE_2D, g_texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    const GLint white_with_alpha[4] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
    glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, white_with_alpha);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1); // rows of any width
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, w, h, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    glBindTexture(GL_TEXTURE_2D, GLuint(last));
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(intptr_t(g_texture)));
}

void DestroyFontTexture() {
    if (g_texture) {
        glDeleteTextures(1, &g_texture);
        g_texture = 0;
        ImGui::GetIO().Fonts->SetTexID(0);
    }
    ImGui_ImplOpenGL3_DestroyFontsTexture(); // the fallback's, if there is one
}

} // namespace kiosk
