// Fuzz target: the kiosk's script parser (kiosk/script.cpp).
#include "kiosk/script.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::vector<kiosk::ScriptLine> lines;
    std::string error;
    kiosk::ParseScript(std::string_view(reinterpret_cast<const char*>(data), size), &lines, &error);
    return 0;
}
