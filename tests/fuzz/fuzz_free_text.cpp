// Fuzz target: the free-text sanitiser (content/free_text.cpp). Besides not crashing, what
// it returns must hold what it promises: valid UTF-8, within the cap.
#include "content/free_text.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view raw(reinterpret_cast<const char*>(data), size);
    const int cap = size > 0 ? 1 + data[0] % 64 : 500;
    content::CleanText clean = content::CleanFreeText(raw, cap);
    if (clean.Ok && (content::Utf8Length(clean.Text) < 0 || content::Utf8Length(clean.Text) > cap))
        std::abort(); // the cap and UTF-8 are promises
    int masked = 0;
    content::MaskContactData(raw, &masked);
    content::DropLastChar(raw);
    content::Utf8Length(raw);
    return 0;
}
