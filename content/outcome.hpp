// The praatplaat's outcome for one resident: which archetype their answers lean to,
// and the witte vlekken. The rule's numbers live in the pack (option levels and
// strengths, required_strength per archetype); docs/content-format.md explains it.
//
//   lean          the mean of the levels (1-3) of every chosen option that has one,
//                 rounded half up; no levels -> no lean
//   witte vlek    an answered question in a kompas zone whose chosen option has a
//                 strength below required_strength[lean]
#pragma once
#include "content/answer.hpp"
#include "content/pack.hpp"

#include <map>
#include <string>
#include <vector>

namespace content {

struct Outcome {
    int Level = 0;                          // 1-3, 0 when nothing says how much say is wanted
    double MeanLevel = 0.0;
    const Archetype* Lean = nullptr;
    std::vector<const Question*> WitteVlekken; // in praatplaat order
};

Outcome ComputeOutcome(const Pack& pack, const std::vector<GivenAnswer>& given);

// Say differs per theme (the seed note: per theme and phase). The themes are the rows of
// the who-decides questions (a matrix whose options carry levels, "wie-beslist"): per
// theme answered, its column's level is the lean there, and the witte vlekken are those
// for that much say. Themes that lean alike are one group, the most say first; a theme
// answered "weet ik niet" (no level) is in none.
struct ThemeLean {
    std::vector<const Option*> Themes; // the matrix rows, in pack order
    int Level = 0;
    const Archetype* Lean = nullptr;
    std::vector<const Question*> WitteVlekken;
};
std::vector<ThemeLean> OutcomeByTheme(const Pack& pack, const std::vector<GivenAnswer>& given);

// The witte vlekken the outcome screen lists: with who-decides themes answered, those for
// the theme that wants the most say (the first ThemeLean); else those for the overall lean;
// none without a lean. *level (when given) is the level they are for, 0 without a lean.
// The council's report counts these per visit (store/report/say.cpp).
std::vector<const Question*> ListedWitteVlekken(const Pack& pack, const std::vector<GivenAnswer>& given,
                                                int* level = nullptr);

// A campfire group's counts: answer id (a question, or QUESTION.ROW) -> option -> votes.
using CampfireCounts = std::map<std::string, std::map<std::string, long long>>;

// The group's answers, for ComputeOutcome (docs/campfire.md, "The group's outcome"):
//   per question or matrix row, the option with the most votes is the group's answer;
//   a tie for the most votes, or no votes at all, gives no group answer there (a split
//   group has not chosen, and the rule does not pick for it).
// In answer-id order.
std::vector<GivenAnswer> CampfireAnswers(const CampfireCounts& counts);

} // namespace content
