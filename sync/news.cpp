#include "sync/news.hpp"
#include "sync/text_check.hpp"

#include <nlohmann/json.hpp>

namespace wsync {

namespace {

bool IsDate(const std::string& d) {
    if (d.size() != 10 || d[4] != '-' || d[7] != '-')
        return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (d[i] < '0' || d[i] > '9')
            return false;
    const int month = (d[5] - '0') * 10 + (d[6] - '0'), day = (d[8] - '0') * 10 + (d[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31 && d.compare(0, 4, "2020") >= 0;
}

bool IsShortId(const std::string& id) { return IsLowerHex(id, 8); }

} // namespace

size_t CountSentences(const std::string& text) {
    size_t n = 0;
    for (size_t i = 0; i < text.size(); i++)
        if ((text[i] == '.' || text[i] == '!' || text[i] == '?') && (i + 1 == text.size() || text[i + 1] == ' '))
            n++;
    // A last sentence without a full stop counts too.
    size_t end = text.find_last_not_of(' ');
    if (end != std::string::npos && text[end] != '.' && text[end] != '!' && text[end] != '?')
        n++;
    return n;
}

std::string NewsProblem(const NewsItem& item) {
    if (!IsShortId(item.Id))
        return "the update's id is not 8 lowercase hex digits";
    if (item.Title.empty() || item.Title.size() > kMaxNewsTitleBytes)
        return "the title must be 1 to " + std::to_string(kMaxNewsTitleBytes) + " bytes";
    if (item.Text.empty() || item.Text.size() > kMaxNewsTextBytes)
        return "the text must be 1 to " + std::to_string(kMaxNewsTextBytes) + " bytes";
    for (const auto& [value, field] : {std::pair{&item.Title, "title"}, std::pair{&item.Text, "text"}})
        if (std::string why = TextProblem(*value, field); !why.empty())
            return why;
    if (!IsDate(item.Date))
        return "the date must be YYYY-MM-DD (2020 or later)";
    if (!item.Answers.empty() && !IsAnswerQuestionId(item.Answers))
        return "what the update answers must be a question id or kompas point as the pack writes it";
    return "";
}

void NewsToJson(const std::vector<NewsItem>& items, nlohmann::json* out) {
    *out = nlohmann::json::array();
    for (const NewsItem& n : items)
        out->push_back({{"id", n.Id}, {"title", n.Title}, {"text", n.Text}, {"date", n.Date}, {"answers", n.Answers}});
}

bool NewsFromJson(const nlohmann::json& j, std::vector<NewsItem>* out, std::string* error) {
    out->clear();
    if (!j.is_array() || j.size() > kMaxNewsPerWijk) {
        *error = "the store's updates are not a list of at most " + std::to_string(kMaxNewsPerWijk);
        return false;
    }
    std::vector<NewsItem> items;
    for (const nlohmann::json& e : j) {
        NewsItem n;
        for (const auto& [key, place] : {std::pair{"id", &n.Id}, std::pair{"title", &n.Title},
                                         std::pair{"text", &n.Text}, std::pair{"date", &n.Date},
                                         std::pair{"answers", &n.Answers}}) {
            if (!e.is_object() || !e.contains(key) || !e[key].is_string()) {
                *error = std::string("an update from the store has no ") + key;
                return false;
            }
            *place = e[key].get<std::string>();
        }
        if (std::string why = NewsProblem(n); !why.empty()) {
            *error = "an update from the store was refused: " + why;
            return false;
        }
        items.push_back(std::move(n));
    }
    *out = std::move(items);
    return true;
}

} // namespace wsync
