#include "content/pack_logo.hpp"

#include <sodium.h>
#include <stb_image.h>

#include <cstring>

namespace content {

namespace {

constexpr unsigned char kPngSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

} // namespace

bool ReadLogo(std::string_view base64, PackLogo* out, std::string* error) {
    if (base64.empty()) {
        *error = "the logo is empty; leave \"logo\" out for none, or give a PNG in base64 (base64 -w0 logo.png)";
        return false;
    }
    // Base64 is 4 characters for 3 bytes (and maybe line breaks): refuse a far too big one
    // before decoding it; the exact limit is checked on the bytes.
    if (base64.size() > 2 * kLogoMaxBytes) {
        *error = "the logo is larger than " + std::to_string(kLogoMaxBytes / 1024) + " KiB; make the PNG smaller";
        return false;
    }
    std::string png(base64.size() / 4 * 3 + 3, '\0');
    size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(png.data()), png.size(), base64.data(), base64.size(),
                          " \n\r\t", &len, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != base64.data() + base64.size()) {
        *error = "the logo is not base64 (make it with: base64 -w0 logo.png)";
        return false;
    }
    png.resize(len);
    if (len > kLogoMaxBytes) {
        *error = "the logo is larger than " + std::to_string(kLogoMaxBytes / 1024) + " KiB; make the PNG smaller";
        return false;
    }
    if (len < sizeof kPngSignature || memcmp(png.data(), kPngSignature, sizeof kPngSignature) != 0) {
        *error = "the logo is not a PNG image (only PNG is allowed)";
        return false;
    }
    int w = 0, h = 0, comp = 0;
    const auto* bytes = reinterpret_cast<const stbi_uc*>(png.data());
    if (!stbi_info_from_memory(bytes, int(len), &w, &h, &comp)) {
        *error = std::string("the logo's PNG cannot be read: ") + stbi_failure_reason();
        return false;
    }
    if (w < kLogoMinSide || h < kLogoMinSide || w > kLogoMaxSide || h > kLogoMaxSide) {
        *error = "the logo is " + std::to_string(w) + "x" + std::to_string(h) + " pixels; each side must be " +
                 std::to_string(kLogoMinSide) + " to " + std::to_string(kLogoMaxSide) + " pixels";
        return false;
    }
    // A header can be fine over broken pixel data: decode it whole once.
    stbi_uc* pixels = stbi_load_from_memory(bytes, int(len), &w, &h, &comp, 4);
    if (!pixels) {
        *error = std::string("the logo's PNG is damaged: ") + stbi_failure_reason();
        return false;
    }
    stbi_image_free(pixels);
    out->Png = std::move(png);
    out->Width = w;
    out->Height = h;
    return true;
}

std::string LogoPixels(const PackLogo& logo) {
    int w = 0, h = 0, comp = 0;
    stbi_uc* pixels = stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(logo.Png.data()), int(logo.Png.size()),
                                            &w, &h, &comp, 4);
    if (!pixels)
        return {};
    std::string rgba(reinterpret_cast<const char*>(pixels), size_t(w) * size_t(h) * 4);
    stbi_image_free(pixels);
    return rgba;
}

} // namespace content
