// Updates for residents ("news", issue 14): what the gebiedsteam tells a wijk about what
// was done with its answers. Written at the store (wijkstem-store news add, the console),
// sent to the wijk's kiosks with the down-sync (docs/sync-protocol.md), shown on the
// attract and news screens and on the public page /wijk/NAME. Shared by store and kiosk;
// pure: no SQLite, no ImGui.
#pragma once
#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace wsync {

struct NewsItem {
    std::string Id;      // 8 lowercase hex digits, made by the store
    std::string Wijk;    // the store's and the console's; never sent to a kiosk (it knows its wijk)
    std::string Title;   // one line
    std::string Text;    // one to three plain sentences, one paragraph
    std::string Date;    // YYYY-MM-DD, the date the gebiedsteam gives it
    std::string Answers; // optional: the question id or kompas point it answers ("" none)
};

constexpr size_t kMaxNewsTitleBytes = 120;
constexpr size_t kMaxNewsTextBytes = 600;
constexpr size_t kMaxNewsSentences = 3;
constexpr size_t kMaxNewsPerWijk = 12; // the newest go to kiosks and the public page

// "" when the item is fit to show; else a reason in words. Checks what a kiosk checks of
// anything from outside: sizes, valid UTF-8 without control or bidi characters (no line
// breaks either), the date's shape, the id's and the answered id's shape.
std::string NewsProblem(const NewsItem& item);
// How many sentences a text has (a '.', '!' or '?' followed by a space or the end).
size_t CountSentences(const std::string& text);

// The down-sync's "news" array: [{"id", "title", "text", "date", "answers"}, ...].
void NewsToJson(const std::vector<NewsItem>& items, nlohmann::json* out);
// Parses and checks it: false and *error (naming the item) when any item is malformed or
// there are more than kMaxNewsPerWijk; then *out is left empty.
bool NewsFromJson(const nlohmann::json& j, std::vector<NewsItem>* out, std::string* error);

} // namespace wsync
