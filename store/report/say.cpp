#include "store/report/say.hpp"
#include "content/answer.hpp"
#include "content/outcome.hpp"
#include "store/report/model.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace report {

namespace {

std::string Dutch(const content::Pack& pack, const content::Text& text) {
    return content::Tr(text, "nl", pack.Languages.empty() ? "nl" : pack.Languages.front());
}

bool HasLevel(const content::Question& q) {
    for (const content::Option& o : q.Options)
        if (o.Level > 0)
            return true;
    return false;
}

// The kiosk's rule for a lean (content/outcome.cpp): the mean level, rounded half up.
int LeanOf(const std::vector<long long>& per_level, long long respondents) {
    if (respondents <= 0 || per_level.empty())
        return 0;
    long long sum = 0;
    for (size_t i = 0; i < per_level.size(); i++)
        sum += per_level[i] * (long long)(i + 1);
    const int lean = int(std::floor(double(sum) / double(respondents) + 0.5));
    return std::max(1, std::min(int(per_level.size()), lean));
}

void ApplyRule(SayFigures* s) {
    for (ThemeSay& t : s->Themes) {
        t.Shown = t.Respondents >= kMinGroup;
        t.Lean = t.Shown ? LeanOf(t.PerLevel, t.Respondents) : 0;
    }
    for (VlekCount& v : s->Vlekken)
        v.Shown = v.Asked >= kMinGroup;
    // Shown first, most often listed first (then the larger share, then pack order); hidden after.
    std::stable_sort(s->Vlekken.begin(), s->Vlekken.end(), [](const VlekCount& a, const VlekCount& b) {
        if (a.Shown != b.Shown)
            return a.Shown;
        if (!a.Shown)
            return false;
        if (a.Listed != b.Listed)
            return a.Listed > b.Listed;
        return a.Listed * b.Asked > b.Listed * a.Asked;
    });
}

// The empty figures of a pack: every theme and every kompas question, in pack order.
SayFigures Frame(const content::Pack& pack, std::map<const content::Option*, size_t>* theme_of,
                 std::map<std::string, size_t>* vlek_of) {
    SayFigures s;
    for (const content::Archetype& a : pack.Archetypes) {
        s.Levels.push_back(Dutch(pack, a.Label));
        s.LevelAnswers.push_back(Dutch(pack, a.Label)); // replaced by the who-decides answer's words below
    }
    for (const content::Poll& zone : pack.Zones)
        for (const content::Question& q : zone.Questions) {
            if (q.Type == content::QuestionType::Matrix && HasLevel(q)) {
                for (const content::Option& o : q.Options)
                    if (o.Level >= 1 && size_t(o.Level) <= s.LevelAnswers.size())
                        s.LevelAnswers[size_t(o.Level - 1)] = Dutch(pack, o.Label);
                for (const content::Option& row : q.Rows) {
                    (*theme_of)[&row] = s.Themes.size();
                    s.Themes.push_back({content::MatrixAnswerId(q, row.Id), Dutch(pack, row.Label),
                                        std::vector<long long>(s.Levels.size(), 0)});
                }
            }
            if (zone.Kind == content::PollKind::Kompas) {
                (*vlek_of)[q.Id] = s.Vlekken.size();
                s.Vlekken.push_back({q.Id, Dutch(pack, q.Prompt), Dutch(pack, zone.Title)});
            }
        }
    return s;
}

} // namespace

std::set<std::string> SayAnswerIds(const content::Pack& pack) {
    std::set<std::string> ids;
    for (const content::Poll& zone : pack.Zones)
        for (const content::Question& q : zone.Questions) {
            if (q.Type == content::QuestionType::Matrix)
                for (const content::Option& row : q.Rows)
                    ids.insert(content::MatrixAnswerId(q, row.Id));
            else if (HasLevel(q) || zone.Kind == content::PollKind::Kompas)
                ids.insert(q.Id);
        }
    return ids;
}

SayCounter::SayCounter(const content::Pack& pack) : Pack(pack) { S = Frame(pack, &ThemeOf, &VlekOf); }

void SayCounter::Add(const std::string& visit, const std::string& question_id, const std::string& value) {
    if (visit != Visit && !Given.empty())
        VisitDone();
    Visit = visit;
    Given.push_back({question_id, value});
}

void SayCounter::VisitDone() {
    if (S.HasPraatplaat()) {
        for (const content::ThemeLean& group : content::OutcomeByTheme(Pack, Given))
            for (const content::Option* row : group.Themes)
                if (auto it = ThemeOf.find(row); it != ThemeOf.end() && size_t(group.Level - 1) < S.Levels.size()) {
                    S.Themes[it->second].PerLevel[size_t(group.Level - 1)]++;
                    S.Themes[it->second].Respondents++;
                }
        int level = 0;
        const std::vector<const content::Question*> listed = content::ListedWitteVlekken(Pack, Given, &level);
        if (level > 0) {
            S.VisitsWithOutcome++;
            std::set<std::string> asked;
            for (const content::GivenAnswer& a : Given)
                if (auto it = VlekOf.find(a.QuestionId); it != VlekOf.end() && asked.insert(a.QuestionId).second)
                    S.Vlekken[it->second].Asked++;
            for (const content::Question* q : listed)
                if (auto it = VlekOf.find(q->Id); it != VlekOf.end())
                    S.Vlekken[it->second].Listed++;
        }
    }
    Given.clear();
}

SayFigures SayCounter::Finish() {
    if (!Given.empty())
        VisitDone();
    ApplyRule(&S);
    return S;
}

SayFigures CountSay(const content::Pack& pack, const std::vector<VisitAnswer>& answers) {
    SayCounter counter(pack);
    for (const VisitAnswer& a : answers)
        counter.Add(a.Visit, a.QuestionId, a.Value);
    return counter.Finish();
}

SayFigures CombineSay(const std::vector<const SayFigures*>& wijken) {
    SayFigures all;
    std::map<std::string, size_t> theme_of, vlek_of;
    for (const SayFigures* w : wijken) {
        if (!w->HasPraatplaat())
            continue;
        if (all.Levels.empty()) {
            all.Levels = w->Levels;
            all.LevelAnswers = w->LevelAnswers;
        }
        if (w->VisitsWithOutcome >= kMinGroup) // a small wijk's number stays out of the total
            all.VisitsWithOutcome += w->VisitsWithOutcome;
        for (const ThemeSay& t : w->Themes) {
            auto [it, added] = theme_of.emplace(t.Id, all.Themes.size());
            if (added)
                all.Themes.push_back({t.Id, t.Label, std::vector<long long>(all.Levels.size(), 0)});
            if (!t.Shown)
                continue; // a hidden figure stays hidden in the total too
            ThemeSay& sum = all.Themes[it->second];
            for (size_t i = 0; i < t.PerLevel.size() && i < sum.PerLevel.size(); i++)
                sum.PerLevel[i] += t.PerLevel[i];
            sum.Respondents += t.Respondents;
        }
        for (const VlekCount& v : w->Vlekken) {
            auto [it, added] = vlek_of.emplace(v.QuestionId, all.Vlekken.size());
            if (added)
                all.Vlekken.push_back({v.QuestionId, v.Prompt, v.Point});
            if (!v.Shown)
                continue;
            all.Vlekken[it->second].Listed += v.Listed;
            all.Vlekken[it->second].Asked += v.Asked;
        }
    }
    ApplyRule(&all);
    return all;
}

std::vector<const VlekCount*> RankedVlekken(const SayFigures& say) {
    std::vector<const VlekCount*> out;
    for (const VlekCount& v : say.Vlekken)
        if (v.Shown && v.Listed > 0)
            out.push_back(&v);
    return out;
}

} // namespace report
