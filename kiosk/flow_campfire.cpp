// [SECTION] helpers: items, counts, dates, names
// [SECTION] transitions
// [SECTION] StepCampfire: set-up, picker, questions
// [SECTION] StepCampfire: agreements
// [SECTION] StepCampfire: stap 3, the agreements from before
// [SECTION] StepCampfire: summary and export
// [SECTION] timers
#include "kiosk/flow_campfire.hpp"
#include "kiosk/flow_admin.hpp"
#include "content/free_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace kiosk {

using content::QuestionType;

namespace {

constexpr double kNever = std::numeric_limits<double>::infinity();

// Longest texts the keyboard takes, in characters.
constexpr int kMaxName = 80, kMaxWijk = 60, kMaxWhat = 200, kMaxCampfireName = 60;
constexpr int kMaxNote = 500, kMaxPreviousNote = 300; // within sync's kMaxGroupNote, kMaxAgreementNote

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] helpers: items, counts, dates, names
//-----------------------------------------------------------------------------

bool IsCampfireScreen(Screen screen) {
    return screen == Screen::CampfireSetup || screen == Screen::CampfirePick || screen == Screen::CampfireQuestion ||
           screen == Screen::CampfireAgreements || screen == Screen::CampfireAgreement || screen == Screen::CampfireSummary ||
           screen == Screen::CampfirePrevious;
}

bool CampfireSupports(QuestionType type) {
    return type == QuestionType::Single || type == QuestionType::Smiley || type == QuestionType::Agree ||
           type == QuestionType::YesNo || type == QuestionType::Matrix || type == QuestionType::Multiple ||
           type == QuestionType::Top || type == QuestionType::Budget;
}

long long BudgetLeft(const content::Question& q, const CampfireState& g, const std::string& answer_id) {
    return std::max(0LL, (long long)q.Total - CampfireTotal(g, answer_id));
}

std::vector<CampfireItem> CampfireItems(const content::Poll& poll) {
    std::vector<CampfireItem> items;
    for (const content::Question& q : poll.Questions) {
        if (!CampfireSupports(q.Type))
            continue;
        if (q.Type == QuestionType::Matrix)
            for (const content::Option& row : q.Rows)
                items.push_back({q.Id, row.Id});
        else
            items.push_back({q.Id, {}});
    }
    return items;
}

int CampfireQuestionCount(const content::Poll& poll) {
    return int(std::count_if(poll.Questions.begin(), poll.Questions.end(),
                             [](const content::Question& q) { return CampfireSupports(q.Type); }));
}

std::string CampfireAnswerId(const CampfireItem& item) {
    return item.RowId.empty() ? item.QuestionId : item.QuestionId + "." + item.RowId;
}

const content::Question* CampfireQuestion(const FlowContext& ctx, const FlowState& s) {
    const CampfireState& g = s.Campfire;
    if (g.ItemIndex < 0 || g.ItemIndex >= int(g.Items.size()))
        return nullptr;
    return ctx.Pack->FindQuestion(g.Items[size_t(g.ItemIndex)].QuestionId);
}

long long CampfireTotal(const CampfireState& g, const std::string& answer_id) {
    long long total = 0;
    if (auto it = g.Counts.find(answer_id); it != g.Counts.end())
        for (const auto& [option, c] : it->second)
            total += c.Count;
    return total;
}

content::CampfireCounts CampfireCountsOf(const CampfireState& g) {
    content::CampfireCounts out;
    for (const auto& [answer_id, options] : g.Counts)
        for (const auto& [option, c] : options)
            out[answer_id][option] = c.Count;
    return out;
}

content::Outcome CampfireOutcome(const FlowContext& ctx, const CampfireState& g) {
    return content::ComputeOutcome(*ctx.Pack, content::CampfireAnswers(CampfireCountsOf(g)));
}

std::vector<std::string> SummaryCharts(const FlowContext& ctx, const CampfireState& g) {
    std::vector<std::string> ids;
    for (const auto* list : {&ctx.Pack->Zones, &ctx.Pack->Polls})
        for (const content::Poll& p : *list)
            for (const CampfireItem& item : CampfireItems(p)) {
                const std::string id = CampfireAnswerId(item);
                if (CampfireTotal(g, id) > 0 && std::find(ids.begin(), ids.end(), id) == ids.end())
                    ids.push_back(id);
            }
    return ids;
}

std::vector<std::string> SummaryNotes(const FlowContext& ctx, const CampfireState& g) {
    std::vector<std::string> ids;
    auto noted = [&](const std::string& id) {
        auto it = g.Notes.find(id);
        return it != g.Notes.end() && !it->second.empty() && std::find(ids.begin(), ids.end(), id) == ids.end();
    };
    for (const auto* list : {&ctx.Pack->Zones, &ctx.Pack->Polls})
        for (const content::Poll& p : *list)
            for (const CampfireItem& item : CampfireItems(p))
                if (noted(CampfireAnswerId(item)))
                    ids.push_back(CampfireAnswerId(item));
    for (const auto& [id, note] : g.Notes)
        if (noted(id))
            ids.push_back(id);
    return ids;
}

float SummaryChartPx(const content::Question& q) {
    return kSummaryHeadingPx + kSummaryOptionPx * float(q.Options.size());
}

std::vector<SummaryPage> SummaryLayout(const FlowContext& ctx, const CampfireState& g) {
    std::vector<std::vector<std::string>> columns;
    float used = kSummaryColumnPx; // full: the first chart opens a column
    for (const std::string& id : SummaryCharts(ctx, g)) {
        const content::Question* q = content::QuestionOfAnswer(*ctx.Pack, id);
        const float need = q ? SummaryChartPx(*q) : kSummaryColumnPx;
        if (used + need > kSummaryColumnPx) {
            columns.emplace_back();
            used = 0;
        }
        columns.back().push_back(id);
        used += need;
    }
    std::vector<SummaryPage> pages;
    for (size_t i = 0; i < columns.size(); i += 2) {
        SummaryPage page{columns[i]};
        if (i + 1 < columns.size())
            page.push_back(columns[i + 1]);
        pages.push_back(page);
    }
    if (pages.empty())
        pages.emplace_back();
    return pages;
}

int SummaryPages(const FlowContext& ctx, const CampfireState& g) {
    // The notes of what was said get a page of their own after the charts.
    return int(SummaryLayout(ctx, g).size()) + (SummaryNotes(ctx, g).empty() ? 0 : 1);
}

namespace {

// Days since 1970-01-01 of a civil date, and back (Howard Hinnant's algorithms).
long long DaysFromCivil(long long y, unsigned m, unsigned d) {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

void CivilFromDays(long long z, long long* y, unsigned* m, unsigned* d) {
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (long long)yoe + era * 400 + (*m <= 2);
}

bool ParseDate(const std::string& s, long long* y, unsigned* m, unsigned* d) {
    int yy = 0, mm = 0, dd = 0;
    for (size_t i = 0; i < s.size(); i++)
        if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return false;
    if (s.size() != 10 || sscanf(s.c_str(), "%4d-%2d-%2d", &yy, &mm, &dd) != 3 || mm < 1 || mm > 12 || dd < 1 ||
        dd > 31)
        return false;
    *y = yy;
    *m = unsigned(mm);
    *d = unsigned(dd);
    return true;
}

} // namespace

std::string AddDays(const std::string& date, int days) {
    long long y = 0;
    unsigned m = 0, d = 0;
    if (!ParseDate(date, &y, &m, &d))
        return {};
    CivilFromDays(DaysFromCivil(y, m, d) + days, &y, &m, &d);
    char buf[48];
    snprintf(buf, sizeof buf, "%04lld-%02u-%02u", y, m, d);
    return buf;
}

std::string ShowDate(const std::string& date) {
    if (date.size() != 10)
        return date;
    return date.substr(8, 2) + "-" + date.substr(5, 2) + "-" + date.substr(0, 4);
}

std::string ExportBaseName(const CampfireState& g) {
    // Letters and digits of the name, lower case, the rest one dash: safe on any stick (FAT).
    std::string slug;
    for (unsigned char c : g.Name) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            slug += char(c);
        else if (c >= 'A' && c <= 'Z')
            slug += char(c - 'A' + 'a');
        else if (!slug.empty() && slug.back() != '-')
            slug += '-';
        if (slug.size() >= 40)
            break;
    }
    while (!slug.empty() && slug.back() == '-')
        slug.pop_back();
    std::string base = "kampvuur-" + (g.Date.empty() ? std::string("zonder-datum") : g.Date);
    return slug.empty() ? base : base + "-" + slug;
}

std::string ExportPngName(const CampfireState& g, int page) {
    return ExportBaseName(g) + (page == 0 ? std::string() : "-" + std::to_string(page + 1)) + ".png";
}

//-----------------------------------------------------------------------------
// [SECTION] transitions
//-----------------------------------------------------------------------------

namespace {

void Enter(FlowState* s, Screen screen, double now) {
    s->Screen = screen;
    s->ScreenSince = now;
    s->Campfire.Message.clear();
    s->Campfire.Detail.clear();
    s->Campfire.Editing = CampfireField::None;
}

// Back to the admin screen, its figures loaded afresh.
void ToAdmin(FlowState* s, double now, std::vector<Effect>* effects) {
    s->Campfire = {};
    s->Screen = Screen::Admin;
    s->ScreenSince = now;
    s->LastInput = now;
    s->Admin.Figures = {};
    s->Admin.AdminMessage.clear();
    s->Admin.FiguresAt = now;
    effects->push_back(AdminEffect{AdminEffectKind::LoadFigures});
}

void Save(FlowState* s, const std::string& answer_id, const std::string& option, std::vector<Effect>* effects) {
    const CampfireCount& c = s->Campfire.Counts[answer_id][option];
    CampfireEffect e{CampfireEffectKind::SaveCounts, s->Campfire.Id};
    e.Rows.push_back({answer_id, option, c.Count, c.Hands});
    effects->push_back(std::move(e));
}

bool IsOptionOf(const content::Question& q, const std::string& id) {
    return std::any_of(q.Options.begin(), q.Options.end(), [&](const content::Option& o) { return o.Id == id; });
}

// The first step from index on whose question the group's answers so far let through
// (show_if reads the group's answers); past the end: back to the picker, the poll done.
void ShowItem(const FlowContext& ctx, FlowState* s, int index, double now) {
    CampfireState& g = s->Campfire;
    const std::vector<content::GivenAnswer> given = content::CampfireAnswers(CampfireCountsOf(g));
    g.ItemIndex = index;
    g.Revealed = false;
    g.ConfirmUntil = -kNever;
    while (g.ItemIndex < int(g.Items.size())) {
        const content::Question* q = ctx.Pack->FindQuestion(g.Items[size_t(g.ItemIndex)].QuestionId);
        if (q && content::IsShown(*q, given))
            break;
        g.ItemIndex++;
    }
    if (g.ItemIndex < int(g.Items.size())) {
        Enter(s, Screen::CampfireQuestion, now);
        return;
    }
    if (std::find(g.DonePolls.begin(), g.DonePolls.end(), g.PollId) == g.DonePolls.end())
        g.DonePolls.push_back(g.PollId);
    Enter(s, Screen::CampfirePick, now);
}

std::string* EditedText(CampfireState& g, int* max) {
    switch (g.Editing) {
    case CampfireField::Name: *max = kMaxName; return &g.Name;
    case CampfireField::Wijk: *max = kMaxWijk; return &g.Wijk;
    case CampfireField::What: *max = kMaxWhat; return &g.Draft.What;
    case CampfireField::WhoGroup: *max = kMaxCampfireName; return &g.Typing;
    case CampfireField::Note: *max = kMaxNote; return &g.Typing;
    case CampfireField::PreviousNote: *max = kMaxPreviousNote; return &g.PreviousNote;
    case CampfireField::None: break;
    }
    return nullptr;
}

// The keyboard's actions while a text is being typed. True when the action was one.
bool StepKeyboard(FlowState* s, const CampfireAction& a, std::vector<Effect>* effects) {
    CampfireState& g = s->Campfire;
    int max = 0;
    std::string* text = EditedText(g, &max);
    if (!text)
        return false;
    switch (a.Kind) {
    case CampfireKind::TypeText:
        if (content::Utf8Length(a.Value) == 1 && content::Utf8Length(*text) < max) {
            *text += a.Value;
            g.Shift = false;
        }
        return true;
    case CampfireKind::Backspace: *text = content::DropLastChar(*text); return true;
    case CampfireKind::ToggleShift: g.Shift = !g.Shift; return true;
    case CampfireKind::ToggleAccents: g.Accents = !g.Accents; return true;
    case CampfireKind::Next: { // "Klaar": cleaned like any typed text (no control characters, phone numbers masked)
        content::CleanText clean = content::CleanFreeText(*text, max);
        *text = clean.Ok ? clean.Text : std::string();
        if (g.Editing == CampfireField::WhoGroup && !text->empty())
            g.Draft.Who = *text;
        if (g.Editing == CampfireField::Note && g.ItemIndex >= 0 && g.ItemIndex < int(g.Items.size())) {
            // The question's note: kept, and stored (also when cleared).
            const std::string answer_id = CampfireAnswerId(g.Items[size_t(g.ItemIndex)]);
            if (g.Notes[answer_id] != *text) {
                g.Notes[answer_id] = *text;
                CampfireEffect e{CampfireEffectKind::SaveNote, g.Id};
                e.Path = answer_id;
                e.Note = *text;
                effects->push_back(std::move(e));
            }
        }
        g.Editing = CampfireField::None;
        g.Shift = g.Accents = false;
        return true;
    }
    default:
        return true; // nothing else while the keyboard is up
    }
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] StepCampfire: set-up, picker, questions
//-----------------------------------------------------------------------------

namespace {

bool StepAgreements(const FlowContext& ctx, FlowState* s, const CampfireAction& a, double now, std::vector<Effect>* effects);
bool StepSummary(const FlowContext& ctx, FlowState* s, const CampfireAction& a, double now, std::vector<Effect>* effects);
void StepPrevious(FlowState* s, const CampfireAction& a, double now, std::vector<Effect>* effects);

void StepSetup(FlowState* s, const CampfireAction& a, double now, std::vector<Effect>* effects) {
    CampfireState& g = s->Campfire;
    switch (a.Kind) {
    case CampfireKind::Edit:
        if (a.Value == "name" || a.Value == "wijk") {
            g.Editing = a.Value == "name" ? CampfireField::Name : CampfireField::Wijk;
            g.Message.clear();
        }
        break;
    case CampfireKind::Date:
        if (!g.Date.empty() && (a.Value == "-1" || a.Value == "+1"))
            g.Date = AddDays(g.Date, a.Value == "+1" ? 1 : -1);
        break;
    case CampfireKind::Present:
        if (a.Value == "-1" || a.Value == "+1")
            g.Present = std::clamp(g.Present + (a.Value == "+1" ? 1 : -1), 1, 99);
        break;
    case CampfireKind::Cancel: ToAdmin(s, now, effects); break;
    case CampfireKind::SetupDone: {
        if (g.Name.empty()) {
            g.Message = "campfire.need_name";
            break;
        }
        if (g.Wijk.empty()) {
            g.Message = "campfire.need_wijk";
            break;
        }
        if (g.Date.empty())
            break; // the edge has not said what day it is yet
        effects->push_back(CampfireEffect{CampfireEffectKind::SaveSession, g.Id, g});
        g.Saved = true;
        Enter(s, Screen::CampfirePick, now);
        // Stap 3: the meeting opens with the wijk's agreements from before, if it has any.
        g.Previous.clear();
        g.PreviousLoaded = false;
        g.PreviousIndex = -1;
        CampfireEffect load{CampfireEffectKind::LoadPrevious, g.Id};
        load.Campfire.Wijk = g.Wijk;
        effects->push_back(std::move(load));
        break;
    }
    default: break;
    }
}

void StepPick(const FlowContext& ctx, FlowState* s, const CampfireAction& a, double now) {
    CampfireState& g = s->Campfire;
    switch (a.Kind) {
    case CampfireKind::OpenPoll: {
        const content::Poll* poll = ctx.Pack->FindPoll(a.Value);
        if (!poll || poll->Id == ctx.Pack->ClosingPoll)
            break;
        std::vector<CampfireItem> items = CampfireItems(*poll);
        if (items.empty()) {
            g.Message = "campfire.no_questions";
            break;
        }
        g.PollId = poll->Id;
        g.Items = std::move(items);
        ShowItem(ctx, s, 0, now);
        if (s->Screen == Screen::CampfirePick) // every question hidden by a show-if
            g.Message = "campfire.no_questions";
        break;
    }
    case CampfireKind::OpenAgreements:
        g.AgreementsBack = 0;
        Enter(s, Screen::CampfireAgreements, now);
        break;
    case CampfireKind::OpenSummary:
        g.SummaryPage = 0;
        g.Choosing = false;
        Enter(s, Screen::CampfireSummary, now);
        break;
    default: break;
    }
}

void StepQuestion(const FlowContext& ctx, FlowState* s, const CampfireAction& a, double now, std::vector<Effect>* effects) {
    CampfireState& g = s->Campfire;
    const content::Question* q = CampfireQuestion(ctx, *s);
    if (!q)
        return;
    const std::string answer_id = CampfireAnswerId(g.Items[size_t(g.ItemIndex)]);
    switch (a.Kind) {
    case CampfireKind::Mode:
        if (a.Value == "taps" || a.Value == "hands")
            g.Mode = a.Value == "taps" ? CountMode::Taps : CountMode::Hands;
        g.ConfirmUntil = -kNever;
        break;
    case CampfireKind::Edit: // the note of what was said about this question
        if (a.Value == "note") {
            g.Editing = CampfireField::Note;
            g.Typing = g.Notes[answer_id];
            g.Message.clear();
        }
        break;
    case CampfireKind::Vote: // one tap, one vote; then "Stem geteld", and taps wait
        if (g.Mode != CountMode::Taps || q->Type == QuestionType::Budget || !IsOptionOf(*q, a.Value) ||
            now < g.ConfirmUntil)
            break;
        g.Counts[answer_id][a.Value].Count++;
        g.Counts[answer_id][a.Value].Hands = false;
        g.ConfirmUntil = now + ctx.Config.VoteConfirm;
        Save(s, answer_id, a.Value, effects);
        break;
    case CampfireKind::HandUp:
    case CampfireKind::HandDown: {
        if (q->Type == QuestionType::Budget) { // the group divides together: + and - by the step
            if (!IsOptionOf(*q, a.Value))
                break;
            CampfireCount& c = g.Counts[answer_id][a.Value];
            const long long step = std::max(1, q->Step);
            if (a.Kind == CampfireKind::HandUp ? BudgetLeft(*q, g, answer_id) < step : c.Count < step)
                break; // never more than the total, never below 0
            c.Count += a.Kind == CampfireKind::HandUp ? step : -step;
            c.Hands = true;
            Save(s, answer_id, a.Value, effects);
            break;
        }
        if (g.Mode != CountMode::Hands || !IsOptionOf(*q, a.Value))
            break;
        CampfireCount& c = g.Counts[answer_id][a.Value];
        if (a.Kind == CampfireKind::HandDown && c.Count == 0)
            break; // never below 0
        c.Count += a.Kind == CampfireKind::HandUp ? 1 : -1;
        c.Hands = true;
        Save(s, answer_id, a.Value, effects);
        break;
    }
    case CampfireKind::Reveal: g.Revealed = !g.Revealed; break;
    case CampfireKind::Next: ShowItem(ctx, s, g.ItemIndex + 1, now); break;
    case CampfireKind::Back: Enter(s, Screen::CampfirePick, now); break;
    default: break;
    }
}

} // namespace

FlowState StepCampfire(const FlowContext& ctx, FlowState state, const CampfireAction& a, double now,
                       std::vector<Effect>* effects) {
    FlowState* s = &state;
    if (a.Kind == CampfireKind::Start) {
        if (s->Screen != Screen::Admin || a.Value.empty())
            return state;
        s->Campfire = {};
        s->Campfire.Id = a.Value;
        Enter(s, Screen::CampfireSetup, now);
        s->LastInput = now;
        effects->push_back(CampfireEffect{CampfireEffectKind::LoadDefaults});
        return state;
    }
    if (!IsCampfireScreen(s->Screen))
        return state;
    CampfireState& g = s->Campfire;

    // Answers from the edge, on any group screen.
    switch (a.Kind) {
    case CampfireKind::Defaults:
        if (!g.DefaultsLoaded) {
            g.DefaultsLoaded = true;
            if (a.Values.size() >= 2) {
                if (g.Wijk.empty())
                    g.Wijk = a.Values[0];
                g.Date = a.Values[1];
            }
        }
        return state;
    case CampfireKind::SaveFailed:
        g.Message = "campfire.save_failed";
        g.Detail = a.Value;
        return state;
    case CampfireKind::PreviousLoaded:
        if (!g.PreviousLoaded && g.Saved) {
            g.PreviousLoaded = true;
            g.Previous = a.List;
            if (!g.Previous.empty() && s->Screen == Screen::CampfirePick && g.Editing == CampfireField::None)
                Enter(s, Screen::CampfirePrevious, now); // "Afspraken van vorige keer" first
        }
        return state;
    default: break;
    }
    if (g.Editing != CampfireField::None) {
        StepKeyboard(s, a, effects);
        return state;
    }

    switch (s->Screen) {
    case Screen::CampfireSetup: StepSetup(s, a, now, effects); break;
    case Screen::CampfirePick: StepPick(ctx, s, a, now); break;
    case Screen::CampfireQuestion: StepQuestion(ctx, s, a, now, effects); break;
    case Screen::CampfireAgreements:
    case Screen::CampfireAgreement: StepAgreements(ctx, s, a, now, effects); break;
    case Screen::CampfireSummary: StepSummary(ctx, s, a, now, effects); break;
    case Screen::CampfirePrevious: StepPrevious(s, a, now, effects); break;
    default: break;
    }
    return state;
}

FlowState TickCampfire(const FlowContext& ctx, FlowState s, double now, std::vector<Effect>*) {
    if (!IsCampfireScreen(s.Screen))
        return s;
    CampfireState& g = s.Campfire;
    if (now - s.LastInput >= ctx.Config.CampfireIdleTimeout && !g.Exporting)
        ToAttract(ctx, &s, now);
    else if (now >= g.ConfirmUntil)
        g.ConfirmUntil = -kNever; // "Stem geteld" is over: taps count again
    return s;
}

//-----------------------------------------------------------------------------
// [SECTION] StepCampfire: agreements
//-----------------------------------------------------------------------------

namespace {

bool StepAgreements(const FlowContext& ctx, FlowState* s, const CampfireAction& a, double now, std::vector<Effect>* effects) {
    CampfireState& g = s->Campfire;
    Agreement& d = g.Draft;
    if (s->Screen == Screen::CampfireAgreements) {
        switch (a.Kind) {
        case CampfireKind::AgreementNew:
            if (a.Value.empty())
                break;
            d = {};
            d.Id = a.Value;
            g.DraftIndex = -1;
            Enter(s, Screen::CampfireAgreement, now);
            break;
        case CampfireKind::AgreementOpen: {
            const int i = std::atoi(a.Value.c_str());
            if (a.Value.empty() || i < 0 || i >= int(g.Agreements.size()))
                break;
            d = g.Agreements[size_t(i)];
            g.DraftIndex = i;
            Enter(s, Screen::CampfireAgreement, now);
            break;
        }
        case CampfireKind::Back:
            Enter(s, g.AgreementsBack == 1 ? Screen::CampfireSummary : Screen::CampfirePick, now);
            break;
        case CampfireKind::OpenPrevious:
            if (!g.Previous.empty()) {
                g.PreviousIndex = -1;
                Enter(s, Screen::CampfirePrevious, now);
            }
            break;
        default: break;
        }
        return true;
    }
    switch (a.Kind) {
    case CampfireKind::Edit:
        if (a.Value == "what") {
            g.Editing = CampfireField::What;
        } else if (a.Value == "who-group") {
            g.Editing = CampfireField::WhoGroup;
            const bool named = !d.Who.empty() && d.Who != "wijk" && d.Who != "gemeente" && d.Who != "samen";
            g.Typing = named ? d.Who : std::string();
        }
        g.Message.clear();
        break;
    case CampfireKind::AgreementWho:
        if (a.Value == "wijk" || a.Value == "gemeente" || a.Value == "samen")
            d.Who = a.Value;
        break;
    case CampfireKind::AgreementDue:
        if (a.Value == "+7")
            d.Due = AddDays(d.Due.empty() ? g.Date : d.Due, 7);
        else if (a.Value == "-7" && !d.Due.empty()) {
            d.Due = AddDays(d.Due, -7);
            if (d.Due <= g.Date) // not before the meeting: no date
                d.Due.clear();
        }
        break;
    case CampfireKind::AgreementAnswers: {
        // A kompas point, or a witte vlek of the group's outcome.
        const content::Poll* zone = ctx.Pack->FindPoll(a.Value);
        bool known = zone && zone->Kind == content::PollKind::Kompas;
        for (const content::Question* q : CampfireOutcome(ctx, g).WitteVlekken)
            known = known || q->Id == a.Value;
        if (known)
            d.Answers = d.Answers == a.Value ? std::string() : a.Value;
        break;
    }
    case CampfireKind::AgreementStatus:
        if (a.Value == "open" || a.Value == "bezig" || a.Value == "klaar")
            d.Status = a.Value;
        break;
    case CampfireKind::AgreementSave: {
        if (d.What.empty()) {
            g.Message = "agreement.need_what";
            break;
        }
        if (d.Who.empty()) {
            g.Message = "agreement.need_who";
            break;
        }
        if (g.DraftIndex >= 0 && g.DraftIndex < int(g.Agreements.size()))
            g.Agreements[size_t(g.DraftIndex)] = d;
        else
            g.Agreements.push_back(d);
        CampfireEffect e{CampfireEffectKind::SaveAgreement, g.Id};
        e.Campfire.Wijk = g.Wijk;
        e.Agreement = d;
        effects->push_back(std::move(e));
        Enter(s, Screen::CampfireAgreements, now);
        break;
    }
    case CampfireKind::AgreementCancel: Enter(s, Screen::CampfireAgreements, now); break;
    default: break;
    }
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] StepCampfire: stap 3, the agreements from before
//-----------------------------------------------------------------------------

bool IsStap3Status(const std::string& s) {
    return s == "open" || s == "bezig" || s == "gedaan" || s == "lukt-niet";
}

// "Afspraken van vorige keer": the list, or one agreement's status and note being changed.
// A change is stored only when it changes something; the later change wins everywhere
// (sync/campfire_records.hpp), so nothing here is ever overwritten.
void StepPrevious(FlowState* s, const CampfireAction& a, double now, std::vector<Effect>* effects) {
    CampfireState& g = s->Campfire;
    const bool open = g.PreviousIndex >= 0 && g.PreviousIndex < int(g.Previous.size());
    if (!open) {
        switch (a.Kind) {
        case CampfireKind::PreviousOpen: {
            const int i = std::atoi(a.Value.c_str());
            if (a.Value.empty() || i < 0 || i >= int(g.Previous.size()))
                break;
            g.PreviousIndex = i;
            g.PreviousStatus = g.Previous[size_t(i)].Status;
            g.PreviousNote = g.Previous[size_t(i)].Note;
            g.Message.clear();
            break;
        }
        case CampfireKind::PreviousDone:
        case CampfireKind::Back: Enter(s, Screen::CampfirePick, now); break;
        default: break;
        }
        return;
    }
    Agreement& shown = g.Previous[size_t(g.PreviousIndex)];
    switch (a.Kind) {
    case CampfireKind::Edit:
        if (a.Value == "previous-note")
            g.Editing = CampfireField::PreviousNote;
        break;
    case CampfireKind::PreviousStatus:
        if (IsStap3Status(a.Value))
            g.PreviousStatus = a.Value;
        break;
    case CampfireKind::PreviousSave: {
        const std::string before = shown.Status == "klaar" ? "gedaan" : shown.Status;
        if (g.PreviousStatus != before || g.PreviousNote != shown.Note) {
            shown.Status = g.PreviousStatus;
            shown.Note = g.PreviousNote;
            CampfireEffect e{CampfireEffectKind::SaveChange, g.Id};
            e.Agreement = shown;
            effects->push_back(std::move(e));
            g.Message = "previous.saved";
        }
        g.PreviousIndex = -1;
        break;
    }
    case CampfireKind::PreviousCancel:
    case CampfireKind::Back:
        g.PreviousIndex = -1;
        g.Message.clear();
        break;
    default: break;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] StepCampfire: summary and export
//-----------------------------------------------------------------------------

void Capture(FlowState* s, std::vector<Effect>* effects) {
    CampfireEffect e{CampfireEffectKind::CaptureSummary};
    e.Path = s->Campfire.ExportDir + "/" + ExportPngName(s->Campfire, s->Campfire.SummaryPage);
    effects->push_back(std::move(e));
}

bool StepSummary(const FlowContext& ctx, FlowState* s, const CampfireAction& a, double now, std::vector<Effect>* effects) {
    CampfireState& g = s->Campfire;
    if (g.Exporting) { // the files are being written: only their progress counts
        if (a.Kind != CampfireKind::ExportDone)
            return true;
        if (!a.Value.empty()) {
            g.Exporting = false;
            g.SummaryPage = 0;
            g.Message = "campfire.export_failed";
            g.Detail = a.Value;
            return true;
        }
        g.ExportedFiles++;
        const bool csv_done = g.ExportedFiles == 1;
        if (!csv_done)
            g.SummaryPage++;
        if (g.SummaryPage < SummaryPages(ctx, g)) {
            Capture(s, effects); // this page, drawn in the next frame
            return true;
        }
        g.Exporting = false;
        g.SummaryPage = 0;
        g.Message = "campfire.exported";
        g.Detail = g.ExportDir;
        return true;
    }
    switch (a.Kind) {
    case CampfireKind::Page:
        g.SummaryPage = std::clamp(g.SummaryPage + (a.Value == "+1" ? 1 : a.Value == "-1" ? -1 : 0), 0,
                                   SummaryPages(ctx, g) - 1);
        break;
    case CampfireKind::OpenAgreements:
        g.AgreementsBack = 1;
        Enter(s, Screen::CampfireAgreements, now);
        break;
    case CampfireKind::Back: Enter(s, Screen::CampfirePick, now); break;
    case CampfireKind::ExportChoose: {
        g.Choosing = true;
        g.TargetsLoaded = false;
        g.Targets.clear();
        g.Message.clear();
        effects->push_back(CampfireEffect{CampfireEffectKind::LoadExportTargets});
        break;
    }
    case CampfireKind::TargetsLoaded:
        if (g.Choosing) {
            g.Targets = a.Values;
            g.TargetsLoaded = true;
        }
        break;
    case CampfireKind::ExportCancel: g.Choosing = false; break;
    case CampfireKind::Export: {
        if (!g.Choosing || std::find(g.Targets.begin(), g.Targets.end(), a.Value) == g.Targets.end())
            break;
        g.Choosing = false;
        g.Exporting = true;
        g.ExportDir = a.Value;
        g.ExportedFiles = 0;
        g.SummaryPage = 0;
        g.Message.clear();
        CampfireEffect e{CampfireEffectKind::ExportCsv};
        e.Path = g.ExportDir + "/" + ExportBaseName(g) + ".csv";
        e.Campfire = g;
        effects->push_back(std::move(e));
        break;
    }
    case CampfireKind::End: {
        effects->push_back(CampfireEffect{CampfireEffectKind::EndSession, g.Id});
        ToAdmin(s, now, effects);
        break;
    }
    default: break;
    }
    return true;
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] timers
//-----------------------------------------------------------------------------

double CampfireDeadline(const FlowContext& ctx, const FlowState& s) {
    if (!IsCampfireScreen(s.Screen))
        return kNever;
    double deadline = s.Campfire.Exporting ? kNever : s.LastInput + ctx.Config.CampfireIdleTimeout;
    if (std::isfinite(s.Campfire.ConfirmUntil))
        deadline = std::min(deadline, s.Campfire.ConfirmUntil);
    return deadline;
}

} // namespace kiosk
