// How much say a wijk wants per theme, and its witte vlekken, counted over its visits (issue
// 14, item 6: the council's year report). Each visit is judged by the kiosk's own rule
// (content/outcome.hpp): a theme's lean is the level of that visit's who-decides answer
// (OutcomeByTheme; "weet ik niet" has no level and counts for nothing), and its witte vlekken
// are those its outcome screen lists (ListedWitteVlekken). Here they are only counted: per
// wijk, and across wijken for the council, with the report's rule for small groups. Pure.
#pragma once
#include "content/pack.hpp"

#include "content/answer.hpp"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace report {

// One walk-in answer of a visit; the rows of one visit stand together, in the order given.
struct VisitAnswer {
    std::string Visit;      // the session id
    std::string QuestionId; // "wie-beslist.groen" for a matrix row
    std::string Value;
};

// One theme (a row of a who-decides question): how many visits leant which way.
struct ThemeSay {
    std::string Id;                  // "wie-beslist.groen"
    std::string Label;               // "Groen en bomen"
    std::vector<long long> PerLevel; // visits per level, level 1 (adviseren) first
    long long Respondents = 0;       // visits with a level for this theme
    bool Shown = false;              // at least kMinGroup respondents; else no figures at all
    int Lean = 0;                    // 1..levels: the mean level, rounded half up (the kiosk's rule); 0 hidden
};

// One kompas question: how often a visit's outcome listed it as a witte vlek.
struct VlekCount {
    std::string QuestionId;
    std::string Prompt; // the question's Dutch words
    std::string Point;  // its kompas point, in words ("Transparantie")
    long long Listed = 0; // visits whose outcome listed it
    long long Asked = 0;  // visits with an outcome that answered it: what Listed is out of
    bool Shown = false;   // Asked at least kMinGroup; else no figures at all
};

struct SayFigures {
    std::vector<std::string> Levels;       // the archetypes in Dutch, level 1 first
    std::vector<std::string> LevelAnswers; // the who-decides answer of each level ("De gemeente", ...)
    std::vector<ThemeSay> Themes;          // in pack order
    std::vector<VlekCount> Vlekken;        // shown first, most often listed first; then hidden ones
    long long VisitsWithOutcome = 0;       // visits whose answers said how much say they want
    bool HasPraatplaat() const { return !Levels.empty(); }
};

// The answer ids CountSay looks at: who-decides rows, answers with a level, kompas questions.
std::set<std::string> SayAnswerIds(const content::Pack& pack);

// Counts visit by visit as the rows come (the reader streams a wijk's answers through it, so
// only one visit is ever held): Add every row, the rows of a visit together, then Finish.
class SayCounter {
public:
    explicit SayCounter(const content::Pack& pack);
    void Add(const std::string& visit, const std::string& question_id, const std::string& value);
    SayFigures Finish(); // the figures, with the rule for small groups applied

private:
    void VisitDone();
    const content::Pack& Pack;
    SayFigures S;
    std::map<const content::Option*, size_t> ThemeOf;
    std::map<std::string, size_t> VlekOf;
    std::string Visit;
    std::vector<content::GivenAnswer> Given;
};

// The wijk's figures from its visits' answers (other answers are ignored).
SayFigures CountSay(const content::Pack& pack, const std::vector<VisitAnswer>& answers);

// All wijken together: only what each wijk shows is added, so the total gives away no hidden
// figure of a small wijk. Themes and questions are matched by id, in the first wijk's order.
SayFigures CombineSay(const std::vector<const SayFigures*>& wijken);

// The shown witte vlekken with at least one listing, most often first.
std::vector<const VlekCount*> RankedVlekken(const SayFigures& say);

} // namespace report
