// Fuzz target: the pack loader and validator (content/pack_loader), on pack.json text.
#include "content/pack_loader.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    content::LoadResult r = content::LoadPackText(std::string_view(reinterpret_cast<const char*>(data), size), "pack.json");
    for (const content::Problem& p : r.Problems)
        (void)p.Format();
    return 0;
}
