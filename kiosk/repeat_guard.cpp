#include "kiosk/repeat_guard.hpp"

namespace kiosk {

bool RepeatsPreviousVisit(const std::vector<content::GivenAnswer>& previous,
                          const std::vector<content::GivenAnswer>& given,
                          const std::vector<content::GivenAnswer>& committing) {
    if (committing.empty() || given.size() + committing.size() > previous.size())
        return false;
    auto same = [](const content::GivenAnswer& a, const content::GivenAnswer& b) {
        return a.QuestionId == b.QuestionId && a.Value == b.Value;
    };
    size_t i = 0;
    for (const auto* list : {&given, &committing})
        for (const content::GivenAnswer& a : *list)
            if (!same(a, previous[i++]))
                return false;
    return true;
}

} // namespace kiosk
