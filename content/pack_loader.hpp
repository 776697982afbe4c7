// Loads a content pack from its folder and validates it. Every problem is reported
// with the place it stands, as FILE:LINE:COL: message; a pack with any problem is
// not used.
#pragma once
#include "content/pack.hpp"

#include <functional>
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

struct LoadOptions {
    // The characters of a text the kiosk's fonts cannot draw (widgets::MissingGlyphs);
    // each is a problem at the text's place. Unset: not checked (the store has no fonts).
    std::function<std::vector<char32_t>(std::string_view text)> MissingGlyphs;
    // The kind of place the texts are for: each {@word} is spelled for it.
    PlaceKind Place = PlaceKind::Wijk;
};

// Reads DIR/pack.json.
LoadResult LoadPack(const std::string& dir, const LoadOptions& options = {});
// The same checks on text already in memory; file_name is used in the messages.
LoadResult LoadPackText(std::string_view text, const std::string& file_name, const LoadOptions& options = {});

} // namespace content
