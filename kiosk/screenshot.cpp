#include "kiosk/screenshot.hpp"

#include <GL/gl.h>
#include <stb_image_write.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace kiosk {

namespace {

// The back buffer, top row first, opaque.
std::vector<unsigned char> ReadBack(int w, int h) {
    std::vector<unsigned char> pixels(size_t(w) * size_t(h) * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's rows run bottom-up; PNG's top-down.
    const size_t stride = size_t(w) * 4;
    std::vector<unsigned char> row(stride);
    for (int y = 0; y < h / 2; y++) {
        unsigned char* a = pixels.data() + size_t(y) * stride;
        unsigned char* b = pixels.data() + size_t(h - 1 - y) * stride;
        memcpy(row.data(), a, stride);
        memcpy(a, b, stride);
        memcpy(b, row.data(), stride);
    }
    for (size_t i = 3; i < pixels.size(); i += 4)
        pixels[i] = 255; // the window is opaque; a stray alpha must not make the PNG see-through
    return pixels;
}

void Append(void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), size_t(size));
}

} // namespace

bool WriteScreenshotPng(const std::string& path, int w, int h, std::string* error) {
    if (w <= 0 || h <= 0) {
        *error = "the window has no size";
        return false;
    }
    std::vector<unsigned char> pixels = ReadBack(w, h);
    errno = 0;
    if (!stbi_write_png(path.c_str(), w, h, 4, pixels.data(), w * 4)) {
        *error = "cannot write " + path + (errno ? std::string(": ") + strerror(errno) : "");
        return false;
    }
    return true;
}

bool CaptureScreenshotPng(int w, int h, std::string* png, std::string* error) {
    png->clear();
    if (w <= 0 || h <= 0) {
        *error = "the window has no size";
        return false;
    }
    std::vector<unsigned char> pixels = ReadBack(w, h);
    if (!stbi_write_png_to_func(Append, png, w, h, 4, pixels.data(), w * 4) || png->empty()) {
        *error = "cannot encode the PNG";
        return false;
    }
    return true;
}

} // namespace kiosk
