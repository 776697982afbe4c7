#include "kiosk/highlights.hpp"
#include "content/answer.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk {

namespace {

bool OneAnswerEach(content::QuestionType t) {
    using QT = content::QuestionType;
    return t == QT::Single || t == QT::Smiley || t == QT::Agree || t == QT::YesNo;
}

} // namespace

std::vector<std::string> HighlightQuestions(const content::Pack& pack) {
    std::vector<std::string> ids;
    for (const auto* list : {&pack.Polls, &pack.Zones})
        for (const content::Poll& p : *list)
            if (p.Id != pack.ClosingPoll)
                for (const content::Question& q : p.Questions)
                    if (OneAnswerEach(q.Type))
                        ids.push_back(q.Id);
    return ids;
}

std::vector<Highlight> PickHighlights(const content::Pack& pack, const Tallies& tallies, long long min_respondents,
                                      size_t max) {
    std::vector<Highlight> out;
    for (const std::string& id : HighlightQuestions(pack)) {
        auto it = tallies.find(id);
        const content::Question* q = pack.FindQuestion(id);
        if (it == tallies.end() || !q)
            continue;
        long long respondents = 0;
        auto counts = content::CountOptions(*q, it->second, &respondents);
        if (respondents < min_respondents || counts.empty())
            continue;
        // The first of the most chosen, in option order: the same answer every time.
        auto best = std::max_element(counts.begin(), counts.end(),
                                     [](const auto& a, const auto& b) { return a.second < b.second; });
        if (best->second == 0)
            continue;
        out.push_back({id, best->first, int(std::lround(100.0 * double(best->second) / double(respondents))),
                       respondents, best->second});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Highlight& a, const Highlight& b) { return a.Respondents > b.Respondents; });
    if (out.size() > max)
        out.resize(max);
    return out;
}

} // namespace kiosk
