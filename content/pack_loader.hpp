// Loads a content pack from its folder and validates it. Every problem is reported
// with the place it stands, as FILE:LINE:COL: message; a pack with any problem is
// not used.
#pragma once
#include "content/pack.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace content {

struct Problem {
    std::string File;
    int Line = 1;
    int Col = 1;
    std::string Message;

    std::string Format() const; // "FILE:LINE:COL: message"
};

struct LoadResult {
    content::Pack Pack;
    std::vector<Problem> Problems;
    bool Ok() const { return Problems.empty(); }
};

// Reads DIR/pack.json.
LoadResult LoadPack(const std::string& dir);
// The same checks on text already in memory; file_name is used in the messages.
LoadResult LoadPackText(std::string_view text, const std::string& file_name);

} // namespace content
