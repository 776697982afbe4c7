#include "content/answer.hpp"

#include <algorithm>
#include <cstdlib>

namespace content {

std::string EncodeMultiple(const Question& q, const std::vector<std::string>& chosen) {
    std::string out;
    for (const Option& o : q.Options)
        if (std::find(chosen.begin(), chosen.end(), o.Id) != chosen.end())
            out += (out.empty() ? "" : ",") + o.Id;
    return out;
}

std::string EncodeTop(const std::vector<std::string>& chosen_in_order) {
    std::string out;
    for (const std::string& id : chosen_in_order)
        out += (out.empty() ? "" : ",") + id;
    return out;
}

std::string EncodeBudget(const Question& q, const std::map<std::string, int>& amounts) {
    std::string out;
    for (const Option& o : q.Options) {
        auto it = amounts.find(o.Id);
        if (it != amounts.end() && it->second > 0)
            out += (out.empty() ? "" : ",") + o.Id + ":" + std::to_string(it->second);
    }
    return out;
}

std::string MatrixAnswerId(const Question& q, const std::string& row_id) { return q.Id + "." + row_id; }

std::vector<std::string> ChosenOptions(const std::string& value) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= value.size()) {
        size_t comma = value.find(',', start);
        std::string part = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        part = part.substr(0, part.find(':'));
        if (!part.empty())
            out.push_back(part);
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return out;
}

bool DecodeBudget(const std::string& value, std::map<std::string, int>* out) {
    out->clear();
    size_t start = 0;
    while (start < value.size()) {
        size_t comma = value.find(',', start);
        std::string part = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        size_t colon = part.find(':');
        if (colon == std::string::npos || colon == 0)
            return false;
        char* end = nullptr;
        long amount = strtol(part.c_str() + colon + 1, &end, 10);
        if (*end != '\0' || amount < 0)
            return false;
        (*out)[part.substr(0, colon)] = int(amount);
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return true;
}

std::vector<std::pair<std::string, long long>> CountOptions(
    const Question& q, const std::vector<std::pair<std::string, long long>>& tally, long long* respondents) {
    std::map<std::string, long long> per_option;
    *respondents = 0;
    for (const auto& [value, times] : tally) {
        *respondents += times;
        if (q.Type == QuestionType::Budget) {
            std::map<std::string, int> amounts;
            if (DecodeBudget(value, &amounts))
                for (const auto& [id, amount] : amounts)
                    per_option[id] += amount * times;
        } else {
            for (const std::string& id : ChosenOptions(value))
                per_option[id] += times;
        }
    }
    std::vector<std::pair<std::string, long long>> out;
    for (const Option& o : q.Options)
        out.emplace_back(o.Id, per_option.count(o.Id) ? per_option[o.Id] : 0);
    return out;
}

const Question* QuestionOfAnswer(const Pack& pack, const std::string& id) {
    if (const Question* q = pack.FindQuestion(id))
        return q;
    size_t dot = id.find('.'); // ids hold no dots, so a dot marks a matrix row
    if (dot == std::string::npos)
        return nullptr;
    const Question* q = pack.FindQuestion(std::string_view(id).substr(0, dot));
    return q && q->Type == QuestionType::Matrix ? q : nullptr;
}

bool IsShown(const Question& q, const std::vector<GivenAnswer>& given) {
    if (!q.Show)
        return true;
    for (auto it = given.rbegin(); it != given.rend(); ++it) { // the latest answer counts
        if (it->QuestionId != q.Show->Question)
            continue;
        for (const std::string& chosen : ChosenOptions(it->Value))
            if (std::find(q.Show->Values.begin(), q.Show->Values.end(), chosen) != q.Show->Values.end())
                return true;
        return false;
    }
    return false;
}

} // namespace content
