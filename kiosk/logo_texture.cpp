#include "kiosk/logo_texture.hpp"
#include "content/pack_logo.hpp"

#include <GL/gl.h>

#include <cstdint>

namespace kiosk {

namespace {
GLuint g_logo = 0;
} // namespace

ImTextureID CreateLogoTexture(const content::PackLogo& logo, std::string* error) {
    DestroyLogoTexture();
    const std::string rgba = content::LogoPixels(logo); // checked when the pack loaded
    if (rgba.empty()) {
        *error = "the pack's logo does not decode; showing the sender's name without it";
        return nullptr;
    }
    GLint last = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &last);
    glGenTextures(1, &g_logo);
    glBindTexture(GL_TEXTURE_2D, g_logo);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, logo.Width, logo.Height, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
    glBindTexture(GL_TEXTURE_2D, GLuint(last));
    return reinterpret_cast<ImTextureID>(intptr_t(g_logo));
}

void DestroyLogoTexture() {
    if (g_logo) {
        glDeleteTextures(1, &g_logo);
        g_logo = 0;
    }
}

} // namespace kiosk
