// How each question type's answer is written as one journal value, and read back.
// Pure functions: the flow encodes, the outcome rule and the results screens decode.
//
//   single, smiley, agree, yes_no   the option id                     "4"
//   multiple                        option ids in option order        "groen,spelen"
//   top                             option ids in the chosen order    "spelen,groen,verkeer"
//   budget                          id:amount in option order, no 0s  "groen:40,spelen:60"
//   matrix                          one answer per row, under the id  "rolverdeling.groen" = "wijk"
//                                   QUESTION.ROW, the column id as value
#pragma once
#include "content/pack.hpp"

#include <map>
#include <string>
#include <vector>

namespace content {

struct GivenAnswer {
    std::string QuestionId; // for a matrix row: "QUESTION.ROW"
    std::string Value;
};

std::string EncodeMultiple(const Question& q, const std::vector<std::string>& chosen); // option order
std::string EncodeTop(const std::vector<std::string>& chosen_in_order);
std::string EncodeBudget(const Question& q, const std::map<std::string, int>& amounts);
std::string MatrixAnswerId(const Question& q, const std::string& row_id);

// The option ids in a value ("a,b" or "a:40,b:60" -> a, b).
std::vector<std::string> ChosenOptions(const std::string& value);
// "a:40,b:60" -> {a: 40, b: 60}; false on a malformed value.
bool DecodeBudget(const std::string& value, std::map<std::string, int>* out);

// Per option, from how often each stored value was given (Journal::Tally): a
// multiple or top answer counts once for each chosen option, a budget adds up its
// amounts. Options in pack order; *respondents gets the number of answers.
std::vector<std::pair<std::string, long long>> CountOptions(
    const Question& q, const std::vector<std::pair<std::string, long long>>& tally, long long* respondents);

// The question a stored answer belongs to (a matrix row maps to its matrix), or nullptr.
const Question* QuestionOfAnswer(const Pack& pack, const std::string& answer_question_id);

// Whether q is shown after these answers (its show_if holds, or it has none).
bool IsShown(const Question& q, const std::vector<GivenAnswer>& given);

} // namespace content
