// The attract screen's "zo antwoordde de wijk": from the tallies of the wijk's answers
// (the store's figures plus this kiosk's own), the most chosen answer of a question.
// Pure: the tallies come in, the app reads them from the journal.
#pragma once
#include "content/pack.hpp"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace kiosk {

struct Highlight {
    std::string QuestionId;
    std::string OptionId;
    int Percent = 0;           // of the respondents, rounded
    long long Respondents = 0; // at least FlowConfig::MinResults: small numbers stay private
    long long Count = 0;       // how many of them chose the option (0: not known, from Percent)
};

using Tallies = std::map<std::string, std::vector<std::pair<std::string, long long>>>; // question -> value, times

// Questions with one answer per person (single choice and the scales) from the quick
// polls and the praatplaat's zones, not the questions about the resident: for each with
// at least min_respondents, its most chosen option. Most answered first, at most max.
std::vector<Highlight> PickHighlights(const content::Pack& pack, const Tallies& tallies, long long min_respondents,
                                      size_t max);

// The questions PickHighlights looks at, so the app tallies only those.
std::vector<std::string> HighlightQuestions(const content::Pack& pack);

} // namespace kiosk
