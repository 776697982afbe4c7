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

#include <vector>

namespace content {

struct Outcome {
    int Level = 0;                          // 1-3, 0 when nothing says how much say is wanted
    double MeanLevel = 0.0;
    const Archetype* Lean = nullptr;
    std::vector<const Question*> WitteVlekken; // in praatplaat order
};

Outcome ComputeOutcome(const Pack& pack, const std::vector<GivenAnswer>& given);

} // namespace content
