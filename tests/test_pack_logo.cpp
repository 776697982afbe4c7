// The pack's logo: a PNG in base64 inside pack.json. A good one loads with its size; each
// broken one is one problem at the "logo" field's value, and the pack is not used.
#include "content/pack_loader.hpp"
#include "content/pack_logo.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sodium.h>
#include <stb_image_write.h>

#include <fstream>
#include <sstream>
#include <string>

using namespace content;

namespace {

// A w x h PNG: a red square on white, so a decode can be checked pixel by pixel.
std::string MakePng(int w, int h) {
    std::string rgba(size_t(w) * size_t(h) * 4, '\xff');
    for (int y = 0; y < h / 2; y++)
        for (int x = 0; x < w / 2; x++) {
            rgba[(size_t(y) * size_t(w) + size_t(x)) * 4 + 1] = 0;
            rgba[(size_t(y) * size_t(w) + size_t(x)) * 4 + 2] = 0;
        }
    std::string out;
    auto append = [](void* to, void* data, int size) { static_cast<std::string*>(to)->append(static_cast<char*>(data), size_t(size)); };
    REQUIRE(stbi_write_png_to_func(append, &out, w, h, 4, rgba.data(), w * 4));
    return out;
}

std::string Base64(const std::string& bytes) {
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1); // the terminating zero
    return out;
}

// The bundled pack's text with "logo" set, laid out so the logo is on its own line.
std::string PackWithLogo(const std::string& logo_value, int* line) {
    std::ifstream in(WIJKSTEM_SOURCE_DIR "/content/packs/gronings-model/pack.json");
    std::stringstream ss;
    ss << in.rdbuf();
    nlohmann::ordered_json j = nlohmann::ordered_json::parse(ss.str());
    j["logo"] = logo_value;
    std::string text = j.dump(1);
    const size_t at = text.find("\n \"logo\": ");
    REQUIRE(at != std::string::npos);
    *line = 2;
    for (size_t i = 0; i < at; i++)
        *line += text[i] == '\n';
    return text;
}

// The one problem of a pack whose logo is value: at the value, and what it says.
std::string LogoProblem(const std::string& value) {
    int line = 0;
    LoadResult r = LoadPackText(PackWithLogo(value, &line), "pack.json");
    REQUIRE(r.Problems.size() == 1);
    CHECK(r.Problems[0].Line == line);
    CHECK(r.Problems[0].Col == 10); // ` "logo": ` : the value's quote
    CHECK(r.Pack.Logo.Empty());
    return r.Problems[0].Format();
}

} // namespace

TEST_CASE("pack logo: a PNG in base64 loads with its size, and decodes to its pixels") {
    int line = 0;
    const std::string png = MakePng(120, 60);
    LoadResult r = LoadPackText(PackWithLogo(Base64(png), &line), "pack.json");
    REQUIRE(r.Ok());
    CHECK(r.Pack.Logo.Png == png);
    CHECK(r.Pack.Logo.Width == 120);
    CHECK(r.Pack.Logo.Height == 60);
    const std::string rgba = LogoPixels(r.Pack.Logo);
    REQUIRE(rgba.size() == 120u * 60u * 4u);
    CHECK(uint8_t(rgba[0]) == 255); // top left: red
    CHECK(uint8_t(rgba[1]) == 0);
    const size_t bottom_right = (size_t(59) * 120 + 119) * 4;
    CHECK(uint8_t(rgba[bottom_right + 1]) == 255); // white
}

TEST_CASE("pack logo: base64 broken over lines (as base64 writes it) is fine; no logo is fine") {
    std::string b64 = Base64(MakePng(32, 32));
    for (size_t at = 76; at < b64.size(); at += 77)
        b64.insert(at, "\n");
    PackLogo logo;
    std::string error;
    CHECK(ReadLogo(b64, &logo, &error));
    CHECK(logo.Width == 32);

    std::ifstream in(WIJKSTEM_SOURCE_DIR "/content/packs/gronings-model/pack.json");
    std::stringstream ss;
    ss << in.rdbuf();
    LoadResult r = LoadPackText(ss.str(), "pack.json");
    CHECK(r.Ok());
    CHECK(r.Pack.Logo.Empty());
}

TEST_CASE("pack logo: each broken logo is one problem, said plainly, at its place") {
    CHECK(LogoProblem("").find("the logo is empty") != std::string::npos);
    CHECK(LogoProblem("not base64 at all!").find("not base64") != std::string::npos);
    CHECK(LogoProblem(Base64("GIF89a and the rest of a GIF")).find("not a PNG") != std::string::npos);
    CHECK(LogoProblem(Base64(MakePng(8, 8))).find("each side must be 16 to 1024") != std::string::npos);
    CHECK(LogoProblem(Base64(MakePng(2000, 20))).find("2000x20") != std::string::npos);
    // A good header over cut-off pixel data.
    const std::string png = MakePng(64, 64);
    CHECK(LogoProblem(Base64(png.substr(0, png.size() / 2))).find("PNG") != std::string::npos);
    // Larger than the limit: refused before and after decoding.
    std::string big = png + std::string(kLogoMaxBytes, 'x');
    CHECK(LogoProblem(Base64(big)).find("larger than 256 KiB") != std::string::npos);
}

TEST_CASE("pack logo: a field the loader does not know is still a problem (logo is known)") {
    int line = 0;
    std::string text = PackWithLogo(Base64(MakePng(32, 32)), &line);
    text.replace(text.find("\"logo\""), 6, "\"logoo\"");
    LoadResult r = LoadPackText(text, "pack.json");
    REQUIRE(r.Problems.size() == 1);
    CHECK(r.Problems[0].Message.find("unknown field 'logoo'") != std::string::npos);
}
