// Anti-stuffing (issue 5, part 7): the minimum gap between visits and the flag on a visit
// that repeats the one before. Part of the visit: the flow's visit stepper keeps a
// RepeatGuard across visits and asks RepeatsPreviousVisit at each commit. No ImGui, no
// SQLite, no clock: every rule here is a function of its inputs, unit-tested.
#pragma once
#include "content/answer.hpp"

#include <limits>
#include <vector>

namespace kiosk {

// Whether answers about to be committed repeat the previous visit: the previous visit
// ended within the repeat window before this one started (the caller passes its answers
// only then, else an empty list), and this visit's answers so far (given, then
// committing) are the same questions with the same values, in the same order, as the
// start of the previous visit's. Decided once, at commit time; a flag never changes.
bool RepeatsPreviousVisit(const std::vector<content::GivenAnswer>& previous,
                          const std::vector<content::GivenAnswer>& given,
                          const std::vector<content::GivenAnswer>& committing);

// The visit's part of the state for the above. Kept across visits (it is not about a
// resident): the end of a visit carries it over.
struct RepeatGuard {
    double NextVisitAt = -std::numeric_limits<double>::infinity(); // no new visit before this
    double GapRefusedAt = -std::numeric_limits<double>::infinity(); // a start tap refused: say why
    double LastVisitEnd = -std::numeric_limits<double>::infinity(); // of the last visit with answers
    std::vector<content::GivenAnswer> LastVisitAnswers; // its answers; only compared, never drawn
    std::vector<content::GivenAnswer> CompareWith;      // this visit: the previous one's, if close enough
};

} // namespace kiosk
