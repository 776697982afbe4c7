// [SECTION] Words and dates
// [SECTION] Charts: a question's tally, per period
// [SECTION] Walk-in answers: sections in the pack's order, then what the pack does not know
// [SECTION] Reach: the demographic answers beside the population figures
// [SECTION] Agreements and campfire meetings
// [SECTION] BuildReport
#include "store/report/model.hpp"
#include "content/answer.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

namespace report {

using Tally = std::vector<std::pair<std::string, long long>>; // value -> times, as CountOptions takes it

//-----------------------------------------------------------------------------
// [SECTION] Words and dates
//-----------------------------------------------------------------------------

namespace {

const char* const kMonths[] = {"januari", "februari", "maart",     "april",   "mei",      "juni",
                               "juli",    "augustus", "september", "oktober", "november", "december"};

int MonthNumber(const std::string& ym) { // "2026-11" -> 11; 0 when it is not a month
    if (ym.size() < 7 || ym[4] != '-')
        return 0;
    int m = atoi(ym.c_str() + 5);
    return m >= 1 && m <= 12 ? m : 0;
}

const std::string& Nl(const content::Pack* pack, const content::Text& text) {
    static const std::string none;
    if (!pack)
        return text.empty() ? none : text.begin()->second;
    return content::Tr(text, "nl", pack->Languages.empty() ? "nl" : pack->Languages.front());
}

std::string Slug(const std::string& prefix, const std::string& id, std::set<std::string>* used) {
    std::string s = prefix;
    for (char c : id)
        s += (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ? c
             : (c >= 'A' && c <= 'Z')                                                ? char(c - 'A' + 'a')
                                                                                      : '_';
    std::string out = s;
    for (int n = 2; used->count(out); n++)
        out = s + "-" + std::to_string(n);
    used->insert(out);
    return out;
}

} // namespace

std::string PeriodKey(const std::string& month, Period per) {
    if (per == Period::Month)
        return month.substr(0, 7);
    int m = MonthNumber(month);
    return m ? month.substr(0, 4) + "-K" + std::to_string((m - 1) / 3 + 1) : month.substr(0, 7);
}

std::string PeriodLabel(const std::string& key) {
    if (key.size() == 7 && key[4] == '-' && key[5] == 'K')
        return std::string(1, key[6]) + "e kwartaal " + key.substr(0, 4);
    int m = MonthNumber(key);
    return m ? std::string(kMonths[m - 1]) + " " + key.substr(0, 4) : key;
}

std::string DutchDate(const std::string& ymd) {
    int m = MonthNumber(ymd);
    if (!m || ymd.size() < 10 || ymd[7] != '-')
        return ymd;
    return std::to_string(atoi(ymd.c_str() + 8)) + " " + kMonths[m - 1] + " " + ymd.substr(0, 4);
}

//-----------------------------------------------------------------------------
// [SECTION] Charts: a question's tally, per period
//-----------------------------------------------------------------------------

namespace {

// One answer id's counts: in total and per period.
struct AnswerTally {
    Tally Total;
    std::map<std::string, Tally> PerPeriod; // period key -> tally (keys sort in time order)
};

void Add(Tally* t, const std::string& value, long long n) {
    for (auto& [v, c] : *t)
        if (v == value) {
            c += n;
            return;
        }
    t->emplace_back(value, n);
}

bool LooksLikeId(const std::string& v) {
    return !v.empty() && v.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_,:.") == std::string::npos;
}

// A question the pack does not know (no pack, or an older one): its ids as words. A value
// that is not made of ids is free text (never shown); "a:40,b:60" everywhere is a budget.
content::Question GuessQuestion(const std::string& id, const Tally& tally) {
    content::Question q;
    q.Id = id;
    q.Prompt["nl"] = id;
    bool text = false, budget = !tally.empty();
    std::set<std::string> options;
    for (const auto& [value, n] : tally) {
        text = text || !LooksLikeId(value);
        std::map<std::string, int> amounts;
        budget = budget && value.find(':') != std::string::npos && content::DecodeBudget(value, &amounts);
        for (const std::string& o : content::ChosenOptions(value))
            options.insert(o);
    }
    q.Type = text ? content::QuestionType::Text : budget ? content::QuestionType::Budget : content::QuestionType::Multiple;
    if (!text)
        for (const std::string& o : options)
            q.Options.push_back({o, {{"nl", o}}});
    return q;
}

// Counts per option of q (pack order, then values the pack does not know) and what 100% is.
std::vector<Bar> CountBars(const content::Pack* pack, const content::Question& q, const Tally& tally,
                           long long* respondents, long long* whole) {
    std::vector<Bar> bars;
    for (const auto& [id, n] : content::CountOptions(q, tally, respondents)) {
        std::string label = id;
        for (const content::Option& o : q.Options)
            if (o.Id == id && !Nl(pack, o.Label).empty())
                label = Nl(pack, o.Label);
        bars.push_back({id, label, n});
    }
    // Values the pack does not know (an option removed in a later version): kept, by id.
    if (q.Type != content::QuestionType::Budget) {
        std::map<std::string, long long> unknown;
        for (const auto& [value, n] : tally)
            for (const std::string& id : content::ChosenOptions(value))
                if (std::none_of(q.Options.begin(), q.Options.end(), [&](const content::Option& o) { return o.Id == id; }))
                    unknown[id] += n;
        for (const auto& [id, n] : unknown)
            bars.push_back({id, id, n});
    }
    *whole = *respondents;
    if (q.Type == content::QuestionType::Budget) {
        *whole = 0;
        for (const Bar& b : bars)
            *whole += b.Count;
    }
    return bars;
}

std::string TypeNote(const content::Pack* pack, const content::Question& q) {
    switch (q.Type) {
    case content::QuestionType::Multiple:
        return "Meer antwoorden mogelijk: het percentage is van de deelnemers, samen meer dan 100%.";
    case content::QuestionType::Top:
        return "Een top " + std::to_string(q.Max > 0 ? q.Max : 3) +
               ": hoeveel deelnemers dit antwoord in hun top zetten (percentage van de deelnemers).";
    case content::QuestionType::Budget: {
        std::string unit = Nl(pack, q.Unit);
        return "Ieder verdeelde " + (q.Total > 0 ? std::to_string(q.Total) + (unit.empty() ? "" : " " + unit) : "een budget") +
               ". Tussen haakjes staat wat alle deelnemers samen ergens aan gaven" +
               (unit.empty() ? "" : " (in " + unit + ")") + "; het percentage is van het totaal.";
    }
    default:
        return "";
    }
}

Chart MakeChart(const content::Pack* pack, const content::Question& q, const std::string& answer_id,
                const std::string& title, const AnswerTally& t, const std::string& slug) {
    Chart c;
    c.AnswerId = answer_id;
    c.Title = title;
    c.Slug = slug;
    c.FreeText = q.Type == content::QuestionType::Text;
    if (c.FreeText) {
        for (const auto& [value, n] : t.Total)
            c.Respondents += n;
        return c;
    }
    c.TypeNote = TypeNote(pack, q);
    if (q.Type == content::QuestionType::Budget)
        c.Unit = Nl(pack, q.Unit);
    std::vector<Bar> bars = CountBars(pack, q, t.Total, &c.Respondents, &c.Whole);
    c.Shown = c.Respondents >= kMinGroup;
    if (!c.Shown)
        return c; // no figures at all: not the bars, not the trend
    c.Bars = bars;
    if (t.PerPeriod.size() >= 2) // asked in more than one period: how the answers move (stap 3)
        for (const auto& [key, tally] : t.PerPeriod) {
            TrendRow row;
            row.Key = key;
            row.Period = PeriodLabel(key);
            std::vector<Bar> pb = CountBars(pack, q, tally, &row.Respondents, &row.Whole);
            row.Shown = row.Respondents >= kMinGroup;
            if (row.Shown)
                for (const Bar& b : c.Bars) {
                    long long n = 0;
                    for (const Bar& p : pb)
                        if (p.Id == b.Id)
                            n = p.Count;
                    row.Counts.push_back(n);
                }
            c.Trend.push_back(row);
        }
    return c;
}

//-----------------------------------------------------------------------------
// [SECTION] Walk-in answers: sections in the pack's order, then what the pack does not know
//-----------------------------------------------------------------------------

std::map<std::string, AnswerTally> TallyAnswers(const Input& in) {
    std::map<std::string, AnswerTally> out;
    for (const TallyRow& r : in.Answers) {
        AnswerTally& t = out[r.QuestionId];
        Add(&t.Total, r.Value, r.Count);
        Add(&t.PerPeriod[PeriodKey(r.Month, in.Per)], r.Value, r.Count);
    }
    return out;
}

// The pack's polls in the order a report reads best: the start poll, the other quick
// polls, the praatplaat's zones, and the questions about the resident last.
std::vector<std::pair<std::string, const content::Poll*>> Polls(const content::Pack& pack) {
    std::vector<std::pair<std::string, const content::Poll*>> out;
    auto title = [&](const content::Poll& p) { return Nl(&pack, p.Title); };
    if (const content::Poll* p = pack.FindPoll(pack.StartPoll))
        out.emplace_back("Snelle peiling: " + title(*p), p);
    for (const content::Poll& p : pack.Polls)
        if (p.Id != pack.StartPoll && p.Id != pack.ClosingPoll)
            out.emplace_back("Peiling: " + title(p), &p);
    for (const content::Poll& p : pack.Zones)
        out.emplace_back(std::string(p.Kind == content::PollKind::Kompas ? "Kompas" : "Bouwsteen") + ": " + title(p), &p);
    if (const content::Poll* p = pack.FindPoll(pack.ClosingPoll); p && p->Id != pack.StartPoll)
        out.emplace_back("Over de deelnemers", p); // the poll's own title speaks to the resident
    return out;
}

// The answer ids a question is stored under, each with its title.
std::vector<std::pair<std::string, std::string>> AnswerIds(const content::Pack& pack, const content::Question& q) {
    std::vector<std::pair<std::string, std::string>> out;
    if (q.Type == content::QuestionType::Matrix)
        for (const content::Option& row : q.Rows)
            out.emplace_back(content::MatrixAnswerId(q, row.Id), Nl(&pack, q.Prompt) + " — " + Nl(&pack, row.Label));
    else
        out.emplace_back(q.Id, Nl(&pack, q.Prompt));
    return out;
}

void WalkIn(const Input& in, Report* r, std::set<std::string>* slugs) {
    std::map<std::string, AnswerTally> tallies = TallyAnswers(in);
    std::set<std::string> placed; // answer ids with a chart, or in the reach tables
    for (const ReachTable& t : r->Reach)
        placed.insert(t.Kenmerk);
    const content::Pack* pack = in.Pack ? &*in.Pack : nullptr;
    if (pack)
        for (const auto& [title, poll] : Polls(*pack)) {
            Section s{title, {}};
            bool answered = false;
            for (const content::Question& q : poll->Questions)
                for (const auto& [id, heading] : AnswerIds(*pack, q)) {
                    auto it = tallies.find(id);
                    answered = answered || it != tallies.end();
                    if (it == tallies.end() || placed.count(id))
                        continue;
                    placed.insert(id);
                    s.Charts.push_back(MakeChart(pack, q, id, heading, it->second, Slug("kiosk-", id, slugs)));
                }
            if (!answered)
                r->Unanswered.push_back(title);
            else if (!s.Charts.empty())
                r->Sections.push_back(std::move(s));
        }
    Section rest{pack ? "Vragen die niet in het gepubliceerde pakket staan" : "Vragen (op id: er is geen pakket gepubliceerd)",
                 {}};
    for (const auto& [id, t] : tallies) {
        if (placed.count(id))
            continue;
        content::Question q = GuessQuestion(id, t.Total);
        rest.Charts.push_back(MakeChart(nullptr, q, id, id, t, Slug("kiosk-", id, slugs)));
    }
    if (!rest.Charts.empty())
        r->Sections.push_back(std::move(rest));
}

//-----------------------------------------------------------------------------
// [SECTION] Reach: the demographic answers beside the population figures
//-----------------------------------------------------------------------------

// Hides cells under kMinGroup. When just one cell of 1 to 4 is hidden, the total and the
// cells shown would give it away, so the smallest shown cell is hidden with it (a hidden
// 0 gives nobody away: it only says that no one of that group answered).
void HideSmall(std::vector<ReachRow>* rows) {
    int hidden = 0;
    bool someone = false;
    for (ReachRow& row : *rows)
        if (row.Kiosk < kMinGroup) {
            row.Hidden = true;
            hidden++;
            someone = someone || row.Kiosk > 0;
        }
    if (hidden == 1 && someone) {
        ReachRow* smallest = nullptr;
        for (ReachRow& row : *rows)
            if (!row.Hidden && (!smallest || row.Kiosk < smallest->Kiosk))
                smallest = &row;
        if (smallest)
            smallest->Hidden = true;
    }
    for (ReachRow& row : *rows)
        if (row.Hidden) {
            row.Kiosk = 0;
            row.KioskShare = 0;
        }
}

// The questions about the resident: every kenmerk of the population figures (file order),
// then the closing poll's other single-choice questions (pack order).
std::vector<std::string> ReachQuestions(const Input& in) {
    std::vector<std::string> ids;
    if (in.Residents)
        ids = in.Residents->Kenmerken();
    if (in.Pack)
        if (const content::Poll* p = in.Pack->FindPoll(in.Pack->ClosingPoll))
            for (const content::Question& q : p->Questions)
                if (q.Type == content::QuestionType::Single && std::find(ids.begin(), ids.end(), q.Id) == ids.end())
                    ids.push_back(q.Id);
    return ids;
}

std::string OptionWords(const content::Pack* pack, const content::Question* q, const std::string& id) {
    if (q)
        for (const content::Option& o : q->Options)
            if (o.Id == id && !Nl(pack, o.Label).empty())
                return Nl(pack, o.Label);
    return id;
}

ReachTable ReachFor(const Input& in, const std::string& kenmerk) {
    const content::Pack* pack = in.Pack ? &*in.Pack : nullptr;
    ReachTable t;
    t.Kenmerk = kenmerk;
    const content::Question* q = pack ? pack->FindQuestion(kenmerk) : nullptr;
    t.Title = q ? Nl(pack, q->Prompt) : kenmerk;
    std::map<std::string, long long> kiosk; // value -> answers
    for (const TallyRow& a : in.Answers)
        if (a.QuestionId == kenmerk)
            kiosk[a.Value] += a.Count;
    // Every answer there is, in the pack's order, then values the pack does not know.
    std::vector<std::string> values;
    if (q)
        for (const content::Option& o : q->Options)
            values.push_back(o.Id);
    for (const auto& [value, n] : kiosk)
        if (std::find(values.begin(), values.end(), value) == values.end())
            values.push_back(value);
    std::map<std::string, long long> residents;
    if (in.Residents)
        for (const PopulationRow& p : in.Residents->Rows)
            if (p.Kenmerk == kenmerk) {
                residents[p.Groep] = p.Count;
                t.HasResidents = true;
                if (std::find(values.begin(), values.end(), p.Groep) == values.end())
                    values.push_back(p.Groep); // no pack: the file's groups
            }
    for (const std::string& v : values) {
        const long long n = kiosk.count(v) ? kiosk[v] : 0;
        if (t.HasResidents && !residents.count(v)) { // no figure in the wijk to compare with
            if (n > 0)
                t.NotCompared.push_back({OptionWords(pack, q, v), n < kMinGroup ? 0 : n, n < kMinGroup});
            continue;
        }
        ReachRow row;
        row.Groep = v;
        row.Label = OptionWords(pack, q, v);
        row.Kiosk = n;
        row.Residents = t.HasResidents ? residents[v] : 0;
        t.KioskTotal += n;
        t.ResidentsTotal += row.Residents;
        t.Rows.push_back(row);
    }
    for (ReachRow& row : t.Rows) {
        row.KioskShare = t.KioskTotal > 0 ? double(row.Kiosk) / double(t.KioskTotal) : 0.0;
        row.ResidentsShare = t.ResidentsTotal > 0 ? double(row.Residents) / double(t.ResidentsTotal) : 0.0;
    }
    t.TooFew = t.KioskTotal < kMinGroup;
    if (t.TooFew)
        for (ReachRow& row : t.Rows) {
            row.Kiosk = 0;
            row.KioskShare = 0;
            row.Hidden = true;
        }
    else
        HideSmall(&t.Rows);
    return t;
}

void Reach(const Input& in, Report* r) {
    r->HasPopulation = in.Residents.has_value();
    if (in.Residents)
        r->PopulationFile = in.Residents->File;
    for (const std::string& kenmerk : ReachQuestions(in)) {
        ReachTable t = ReachFor(in, kenmerk);
        if (t.HasResidents || t.KioskTotal > 0 || !t.NotCompared.empty())
            r->Reach.push_back(std::move(t));
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Agreements and campfire meetings
//-----------------------------------------------------------------------------

// What an agreement answers: a kompas point or bouwsteen (a zone), a question, or as written.
std::string AnswersWords(const content::Pack* pack, const std::string& id) {
    if (id.empty() || !pack)
        return id;
    for (const content::Poll& z : pack->Zones)
        if (z.Id == id)
            return std::string(z.Kind == content::PollKind::Kompas ? "Kompas: " : "Bouwsteen: ") + Nl(pack, z.Title);
    if (const content::Question* q = content::QuestionOfAnswer(*pack, id))
        return Nl(pack, q->Prompt);
    return id;
}

int StatusRank(const std::string& s) {
    return s == "open" ? 0 : s == "bezig" ? 1 : s == "klaar" || s == "gedaan" ? 2 : s == "lukt-niet" ? 3 : 4;
}

std::string MeetingName(const Input& in, const std::string& session_id) {
    for (const CampfireSession& s : in.Sessions)
        if (s.Id == session_id)
            return s.Name + " (" + DutchDate(s.HeldOn) + ")";
    return session_id.empty() ? "" : "een bijeenkomst";
}

void Agreements(const Input& in, Report* r) {
    const content::Pack* pack = in.Pack ? &*in.Pack : nullptr;
    std::vector<const Agreement*> sorted;
    for (const Agreement& a : in.Agreements)
        sorted.push_back(&a);
    std::stable_sort(sorted.begin(), sorted.end(), [](const Agreement* a, const Agreement* b) {
        if (StatusRank(a->Status) != StatusRank(b->Status))
            return StatusRank(a->Status) < StatusRank(b->Status);
        if (a->Due.empty() != b->Due.empty())
            return b->Due.empty(); // with a date first
        return a->Due < b->Due;
    });
    for (const Agreement* a : sorted) {
        AgreementRow row;
        row.What = a->What;
        row.Who = WhoWords(a->Who);
        row.Due = a->Due.empty() ? "" : DutchDate(a->Due);
        row.Answers = AnswersWords(pack, a->Answers);
        row.Status = a->Status;
        row.Meeting = MeetingName(in, a->SessionId);
        row.Late = !a->Due.empty() && a->Due < in.Today && StatusRank(a->Status) < 2;
        row.Note = a->Note;
        row.History = a->History;
        r->Agreements.push_back(row);
    }
}

// The pack's order of an answer id (questions as they come in Polls), for a meeting's charts.
size_t PackRank(const content::Pack* pack, const std::string& id) {
    if (!pack)
        return 0;
    size_t rank = 0;
    for (const auto& [title, poll] : Polls(*pack))
        for (const content::Question& q : poll->Questions)
            for (const auto& [aid, heading] : AnswerIds(*pack, q)) {
                if (aid == id)
                    return rank;
                rank++;
            }
    return rank;
}

void Meetings(const Input& in, Report* r, std::set<std::string>* slugs) {
    const content::Pack* pack = in.Pack ? &*in.Pack : nullptr;
    std::vector<CampfireSession> sessions = in.Sessions;
    std::stable_sort(sessions.begin(), sessions.end(), [](const CampfireSession& a, const CampfireSession& b) {
        return a.HeldOn != b.HeldOn ? a.HeldOn < b.HeldOn : a.Name < b.Name;
    });
    int n = 0;
    for (const CampfireSession& s : sessions) {
        n++;
        SessionReport sr;
        sr.Session = s;
        std::map<std::string, Tally> results; // answer id -> option -> count
        std::set<std::string> methods;
        for (const CampfireResult& g : in.CampfireResults)
            if (g.SessionId == s.Id) {
                Add(&results[g.QuestionId], g.Value, g.Count);
                methods.insert(g.Method);
            }
        sr.Method = methods.size() > 1           ? "deels getikt op het scherm, deels handen geteld"
                    : methods.count("hands")     ? "handen geteld"
                    : methods.count("taps")      ? "getikt op het scherm"
                    : methods.empty()            ? ""
                                                 : *methods.begin();
        std::vector<std::string> ids;
        for (const auto& [id, t] : results)
            ids.push_back(id);
        std::stable_sort(ids.begin(), ids.end(),
                         [&](const std::string& a, const std::string& b) { return PackRank(pack, a) < PackRank(pack, b); });
        for (const std::string& id : ids) {
            const Tally& t = results[id];
            const content::Question* q = pack ? content::QuestionOfAnswer(*pack, id) : nullptr;
            std::string title = id;
            content::Question guessed;
            if (q) {
                for (const auto& [aid, heading] : AnswerIds(*pack, *q))
                    if (aid == id)
                        title = heading;
            } else {
                guessed = GuessQuestion(id, t);
                q = &guessed;
            }
            Chart c;
            c.AnswerId = id;
            c.Title = title;
            c.Slug = Slug("kampvuur-" + std::to_string(n) + "-", id, slugs);
            // A meeting's results are counts per option already (votes or hands), not answers.
            for (const auto& [value, count] : t)
                c.Respondents += count;
            std::map<std::string, long long> per;
            for (const auto& [value, count] : t)
                per[value] += count;
            for (const content::Option& o : q->Options) {
                c.Bars.push_back({o.Id, Nl(pack, o.Label).empty() ? o.Id : Nl(pack, o.Label), per[o.Id]});
                per.erase(o.Id);
            }
            for (const auto& [value, count] : per)
                c.Bars.push_back({value, value, count});
            const bool several = q->Type == content::QuestionType::Multiple || q->Type == content::QuestionType::Top;
            c.Whole = several && s.Present > 0 ? s.Present : c.Respondents;
            if (several)
                c.TypeNote = "Meer antwoorden mogelijk: het percentage is van de aanwezigen.";
            if (q->Type == content::QuestionType::Budget) { // divided together: amounts, not votes
                c.Whole = std::max<long long>(q->Total, c.Respondents);
                c.TypeNote = "De groep verdeelde dit samen: het percentage is van het hele budget.";
            }
            c.Shown = c.Respondents >= kMinGroup && (s.Present == 0 || s.Present >= kMinGroup);
            if (!c.Shown)
                c.Bars.clear();
            sr.Charts.push_back(std::move(c));
        }
        // What was said: the facilitator's words, not anyone's answer, so shown for any size.
        for (const CampfireNote& note : in.Notes)
            if (note.SessionId == s.Id) {
                std::string heading = note.QuestionId;
                if (const content::Question* q = pack ? content::QuestionOfAnswer(*pack, note.QuestionId) : nullptr)
                    for (const auto& [aid, words] : AnswerIds(*pack, *q))
                        if (aid == note.QuestionId)
                            heading = words;
                sr.Notes.push_back({heading, note.Note});
            }
        r->Sessions.push_back(std::move(sr));
    }
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] BuildReport
//-----------------------------------------------------------------------------

Report BuildReport(const Input& in) {
    Report r;
    static_cast<Overview&>(r) = in;
    r.PackLine = in.Pack ? in.Pack->Id + " " + in.Pack->Version : in.PackNote;
    for (const TallyRow& a : in.Answers)
        r.Answers += a.Count;
    r.PeriodWord = in.Per == Period::Month ? "maand" : "kwartaal";
    std::set<std::string> slugs;
    Reach(in, &r); // first: its questions get no chart of their own
    WalkIn(in, &r, &slugs);
    Agreements(in, &r);
    Meetings(in, &r, &slugs);
    r.Say = in.Say;
    return r;
}

std::string WhoWords(const std::string& who) {
    if (who == "wijk")
        return "de wijk";
    if (who == "gemeente")
        return "de gemeente";
    if (who == "samen")
        return "de wijk en de gemeente samen";
    return who;
}

} // namespace report
