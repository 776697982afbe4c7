#include "content/outcome.hpp"

#include <cmath>

namespace content {

namespace {

const Option* FindOption(const std::vector<Option>& options, const std::string& id) {
    for (const Option& o : options)
        if (o.Id == id)
            return &o;
    return nullptr;
}

// The answer given last to this (answer) id, or nullptr.
const GivenAnswer* Latest(const std::vector<GivenAnswer>& given, const std::string& id) {
    for (auto it = given.rbegin(); it != given.rend(); ++it)
        if (it->QuestionId == id)
            return &*it;
    return nullptr;
}

// The kompas answers whose strength is below what this level of say needs.
std::vector<const Question*> WitteVlekken(const Pack& pack, const std::vector<GivenAnswer>& given, int level) {
    std::vector<const Question*> out;
    const int required = size_t(level - 1) < pack.RequiredStrength.size() ? pack.RequiredStrength[size_t(level - 1)] : 0;
    for (const Poll& zone : pack.Zones) {
        if (zone.Kind != PollKind::Kompas)
            continue;
        for (const Question& q : zone.Questions) {
            const GivenAnswer* a = Latest(given, q.Id);
            if (!a)
                continue;
            int strength = -1; // "weet ik niet" on the agree scale has none: it counts for nothing
            for (const std::string& id : ChosenOptions(a->Value))
                if (const Option* o = FindOption(q.Options, id); o && o->Strength >= 0)
                    strength = std::max(strength, o->Strength);
            if (strength >= 0 && strength < required)
                out.push_back(&q);
        }
    }
    return out;
}

} // namespace

Outcome ComputeOutcome(const Pack& pack, const std::vector<GivenAnswer>& given) {
    Outcome out;
    int sum = 0, count = 0;
    for (const Poll& zone : pack.Zones)
        for (const Question& q : zone.Questions) {
            if (q.Type == QuestionType::Budget)
                continue; // a division says what matters, not who decides
            std::vector<const GivenAnswer*> answers;
            if (q.Type == QuestionType::Matrix) {
                for (const Option& row : q.Rows)
                    if (const GivenAnswer* a = Latest(given, MatrixAnswerId(q, row.Id)))
                        answers.push_back(a);
            } else if (const GivenAnswer* a = Latest(given, q.Id)) {
                answers.push_back(a);
            }
            for (const GivenAnswer* a : answers)
                for (const std::string& id : ChosenOptions(a->Value))
                    if (const Option* o = FindOption(q.Options, id); o && o->Level > 0) {
                        sum += o->Level;
                        count++;
                    }
        }
    if (count == 0 || pack.Archetypes.empty())
        return out;
    out.MeanLevel = double(sum) / count;
    out.Level = std::max(1, std::min(int(pack.Archetypes.size()), int(std::floor(out.MeanLevel + 0.5))));
    out.Lean = &pack.Archetypes[size_t(out.Level - 1)];
    out.WitteVlekken = WitteVlekken(pack, given, out.Level);
    return out;
}

std::vector<ThemeLean> OutcomeByTheme(const Pack& pack, const std::vector<GivenAnswer>& given) {
    std::vector<ThemeLean> out;
    const int levels = int(pack.Archetypes.size());
    for (int level = levels; level >= 1; level--) { // the most say first
        ThemeLean group;
        for (const Poll& zone : pack.Zones)
            for (const Question& q : zone.Questions) {
                if (q.Type != QuestionType::Matrix)
                    continue;
                for (const Option& row : q.Rows) {
                    const GivenAnswer* a = Latest(given, MatrixAnswerId(q, row.Id));
                    const Option* col = a ? FindOption(q.Options, a->Value) : nullptr;
                    if (col && col->Level == level)
                        group.Themes.push_back(&row);
                }
            }
        if (group.Themes.empty())
            continue;
        group.Level = level;
        group.Lean = &pack.Archetypes[size_t(level - 1)];
        group.WitteVlekken = WitteVlekken(pack, given, level);
        out.push_back(std::move(group));
    }
    return out;
}

std::vector<const Question*> ListedWitteVlekken(const Pack& pack, const std::vector<GivenAnswer>& given, int* level) {
    const std::vector<ThemeLean> themes = OutcomeByTheme(pack, given);
    if (!themes.empty()) {
        if (level)
            *level = themes.front().Level;
        return themes.front().WitteVlekken;
    }
    const Outcome outcome = ComputeOutcome(pack, given);
    if (level)
        *level = outcome.Lean ? outcome.Level : 0;
    return outcome.Lean ? outcome.WitteVlekken : std::vector<const Question*>{};
}

std::vector<GivenAnswer> CampfireAnswers(const CampfireCounts& counts) {
    std::vector<GivenAnswer> out;
    for (const auto& [answer_id, options] : counts) {
        long long most = 0;
        int with_most = 0;
        std::string chosen;
        for (const auto& [option, votes] : options) {
            if (votes > most) {
                most = votes;
                with_most = 1;
                chosen = option;
            } else if (votes == most && votes > 0) {
                with_most++;
            }
        }
        if (most > 0 && with_most == 1)
            out.push_back({answer_id, chosen});
    }
    return out;
}

} // namespace content
