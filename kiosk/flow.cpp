// [SECTION] names and lookups
// [SECTION] transitions shared by several actions
// [SECTION] StepVisit
// [SECTION] Step: the routing, and what every area shares
// [SECTION] timers
#include "kiosk/flow.hpp"
#include "content/free_text.hpp"
#include "kiosk/flow_admin.hpp"
#include "kiosk/flow_campfire.hpp"
#include "kiosk/flow_speech.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk {

using content::QuestionType;

namespace {
constexpr double kNever = std::numeric_limits<double>::infinity();
} // namespace

//-----------------------------------------------------------------------------
// [SECTION] names and lookups
//-----------------------------------------------------------------------------

const char* ScreenName(Screen screen) {
    switch (screen) {
    case Screen::Attract: return "attract";
    case Screen::Intro: return "intro";
    case Screen::Poster: return "poster";
    case Screen::Zone: return "zone";
    case Screen::Question: return "question";
    case Screen::Results: return "results";
    case Screen::Outcome: return "outcome";
    case Screen::Thanks: return "thanks";
    case Screen::StillThere: return "still-there";
    case Screen::Error: return "error";
    case Screen::Pin: return "pin";
    case Screen::Admin: return "admin";
    case Screen::News: return "news";
    case Screen::CampfireSetup: return "campfire-setup";
    case Screen::CampfirePick: return "campfire-pick";
    case Screen::CampfireQuestion: return "campfire-question";
    case Screen::CampfireAgreements: return "campfire-agreements";
    case Screen::CampfireAgreement: return "campfire-agreement";
    case Screen::CampfireSummary: return "campfire-summary";
    }
    return "?";
}

const content::Poll* CurrentPoll(const FlowContext& ctx, const FlowState& s) {
    return ctx.Pack->FindPoll(s.PollId);
}

const content::Question* CurrentQuestion(const FlowContext& ctx, const FlowState& s) {
    const content::Poll* poll = CurrentPoll(ctx, s);
    if (!poll || s.QuestionIndex < 0 || s.QuestionIndex >= int(poll->Questions.size()))
        return nullptr;
    return &poll->Questions[size_t(s.QuestionIndex)];
}

int BudgetLeft(const content::Question& q, const Draft& d) {
    int used = 0;
    for (const auto& [id, amount] : d.Amounts)
        used += amount;
    return q.Total - used;
}

bool CanGoBack(const FlowState& s) { return s.Screen == Screen::Question && !s.Saving && s.Shown.size() >= 2; }

const content::GivenAnswer* GivenFor(const FlowState& s, const std::string& answer_id) {
    for (auto it = s.Given.rbegin(); it != s.Given.rend(); ++it)
        if (it->QuestionId == answer_id)
            return &*it;
    return nullptr;
}

FlowState InitialState(const FlowContext& ctx, const std::string& lang, double now) {
    FlowState s;
    const auto& langs = ctx.Pack->Languages;
    s.Lang = std::find(langs.begin(), langs.end(), lang) != langs.end() ? lang
             : langs.empty()                                             ? lang
                                                                         : langs.front();
    s.LastInput = now;
    s.ScreenSince = now;
    return s;
}

//-----------------------------------------------------------------------------
// [SECTION] transitions shared by several actions
//-----------------------------------------------------------------------------

namespace {

bool Has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

bool IsOption(const content::Question& q, const std::string& id) {
    return std::any_of(q.Options.begin(), q.Options.end(), [&](const content::Option& o) { return o.Id == id; });
}

// What of the repeat guard carries over when a visit ends at `now`.
RepeatGuard RepeatAfterVisit(const FlowContext& ctx, const FlowState& ended, double now) {
    RepeatGuard g = ended.Repeat;
    g.CompareWith.clear();
    g.GapRefusedAt = -kNever;
    // Only a visit that stored something starts the gap: a resident who tapped start
    // and then stop may try again at once. The gap counts from the visit's last touch
    // ("Klaar", or the last answer when the thanks screen closed by itself), so the next
    // resident after a time-out never waits.
    if (!ended.Given.empty()) {
        g.LastVisitEnd = now;
        g.LastVisitAnswers = ended.Given;
        g.NextVisitAt = ended.LastInput + ctx.Config.MinVisitGap;
    }
    return g;
}

// Back to the attract screen with nothing of the visit left (the next person never
// sees the previous person's answers).
FlowState EndVisit(const FlowContext& ctx, const FlowState& s, double now, std::vector<Effect>* effects) {
    if (!s.SessionId.empty())
        effects->push_back(VisitEffect{VisitEffectKind::EndSession, s.SessionId});
    const std::string& default_lang = ctx.Pack->Languages.empty() ? s.Lang : ctx.Pack->Languages.front();
    FlowState next = InitialState(ctx, default_lang, now);
    next.Highlights = s.Highlights; // until the new figures (with this visit's answers) are in
    next.News = s.News;
    next.HighlightNext = s.HighlightNext;
    effects->push_back(VisitEffect{VisitEffectKind::LoadHighlights});
    next.Repeat = RepeatAfterVisit(ctx, s, now); // the gap and the repeat check outlive the visit
    next.Admin = s.Admin;                        // the facilitator's too
    next.Admin.Holding = false;
    return next;
}

FlowState Enter(FlowState s, Screen screen, double now) {
    s.Screen = screen;
    s.ScreenSince = now;
    return s;
}

FlowState ToResults(FlowState s, const std::string& poll_id, double now, std::vector<Effect>* effects) {
    s.ResultsPoll = poll_id;
    s.Charts.clear();
    s.ChartIndex = 0;
    effects->push_back(VisitEffect{VisitEffectKind::LoadResults, s.SessionId, s.Lang, {}, poll_id});
    return Enter(s, Screen::Results, now);
}

// A question answered before in this visit (the resident went back, or on again after
// going back) shows the answer given: its draft is that answer.
Draft DraftFromGiven(const content::Question& q, const FlowState& s) {
    Draft d;
    if (q.Type == QuestionType::Matrix) {
        for (const content::Option& row : q.Rows)
            if (const content::GivenAnswer* g = GivenFor(s, content::MatrixAnswerId(q, row.Id)))
                d.Cells[row.Id] = g->Value;
        return d;
    }
    const content::GivenAnswer* g = GivenFor(s, q.Id);
    if (!g)
        return d;
    switch (q.Type) {
    case QuestionType::Budget: content::DecodeBudget(g->Value, &d.Amounts); break;
    case QuestionType::Text: d.Text = g->Value; break;
    case QuestionType::Multiple:
    case QuestionType::Top: d.Chosen = content::ChosenOptions(g->Value); break;
    default: d.Chosen = {g->Value}; break; // one tap: the option chosen
    }
    return d;
}

// The first question from index on that its show-if lets through; at the end of a
// zone the results and then the poster, at the end of a quick poll the thanks.
FlowState ShowFrom(const FlowContext& ctx, FlowState s, int index, double now, std::vector<Effect>* effects) {
    const content::Poll* poll = CurrentPoll(ctx, s);
    s.Draft = {};
    s.QuestionIndex = index;
    while (poll && s.QuestionIndex < int(poll->Questions.size()) &&
           !content::IsShown(poll->Questions[size_t(s.QuestionIndex)], s.Given))
        s.QuestionIndex++;
    if (poll && s.QuestionIndex < int(poll->Questions.size())) {
        s.Shown.push_back(s.QuestionIndex);
        s.Draft = DraftFromGiven(poll->Questions[size_t(s.QuestionIndex)], s);
        return Enter(s, Screen::Question, now);
    }
    if (s.PollId == ctx.Pack->ClosingPoll) // the last questions of a praatplaat visit
        return Enter(s, Screen::Thanks, now);
    if (s.Praatplaat) {
        if (!Has(s.DoneZones, s.PollId))
            s.DoneZones.push_back(s.PollId);
        return ToResults(s, s.PollId, now, effects);
    }
    return Enter(s, Screen::Thanks, now);
}

// Turns the draft of the current question into the answers to store.
std::vector<content::GivenAnswer> DraftAnswers(const content::Question& q, const Draft& d) {
    switch (q.Type) {
    case QuestionType::Multiple:
        if (!d.Chosen.empty())
            return {{q.Id, content::EncodeMultiple(q, d.Chosen)}};
        return {};
    case QuestionType::Top:
        if (!d.Chosen.empty())
            return {{q.Id, content::EncodeTop(d.Chosen)}};
        return {};
    case QuestionType::Budget:
        if (BudgetLeft(q, d) < q.Total)
            return {{q.Id, content::EncodeBudget(q, d.Amounts)}};
        return {};
    case QuestionType::Matrix: {
        std::vector<content::GivenAnswer> out;
        for (const content::Option& row : q.Rows) // rows in pack order
            if (auto it = d.Cells.find(row.Id); it != d.Cells.end())
                out.push_back({content::MatrixAnswerId(q, row.Id), it->second});
        return out;
    }
    case QuestionType::Text: {
        content::CleanText clean = content::CleanFreeText(d.Text, q.Max);
        if (clean.Ok && !clean.Text.empty())
            return {{q.Id, clean.Text}};
        return {};
    }
    default:
        return {};
    }
}

FlowState Commit(FlowState s, std::vector<content::GivenAnswer> answers, std::vector<Effect>* effects) {
    s.Saving = true;
    s.Pending = answers;
    VisitEffect commit{VisitEffectKind::CommitAnswers, s.SessionId, s.Lang, std::move(answers)};
    commit.Flagged = RepeatsPreviousVisit(s.Repeat.CompareWith, s.Given, commit.Answers); // anti-stuffing
    for (const content::GivenAnswer& a : commit.Answers) { // a changed answer names the one it replaces
        auto id = s.GivenIds.find(a.QuestionId);
        commit.Replaces.push_back(id == s.GivenIds.end() ? "" : id->second);
    }
    effects->push_back(std::move(commit));
    return s;
}

// Whether the draft only repeats the answers already given: then going on stores nothing.
bool SameAsGiven(const FlowState& s, const std::vector<content::GivenAnswer>& answers) {
    return !answers.empty() && std::all_of(answers.begin(), answers.end(), [&](const content::GivenAnswer& a) {
        const content::GivenAnswer* g = GivenFor(s, a.QuestionId);
        return g && g->Value == a.Value;
    });
}

// A new poll (the quick poll, a zone, the closing questions) from its first question.
FlowState OpenPoll(const FlowContext& ctx, FlowState s, const std::string& poll_id, double now,
                   std::vector<Effect>* effects) {
    s.PollId = poll_id;
    s.Shown.clear();
    return ShowFrom(ctx, s, 0, now, effects);
}

bool AnsweredByOneTap(QuestionType t) {
    return t == QuestionType::Single || t == QuestionType::Smiley || t == QuestionType::Agree ||
           t == QuestionType::YesNo;
}

// A start tap on the attract screen: false (and the screen says why) when it comes too
// soon after the last visit; else the repeat check of the new visit is set up.
bool AdmitVisit(const FlowContext& ctx, FlowState* s, double now) {
    RepeatGuard& g = s->Repeat;
    if (now < g.NextVisitAt) { // too soon after the last visit: the screen says so
        g.GapRefusedAt = now;
        return false;
    }
    g.GapRefusedAt = -kNever;
    s->Admin.Holding = false;
    // Compared at each commit of this visit, only if the last one ended just now.
    g.CompareWith = now - g.LastVisitEnd < ctx.Config.RepeatWindow ? g.LastVisitAnswers
                                                                    : std::vector<content::GivenAnswer>{};
    return true;
}

FlowState StartVisit(const FlowContext& ctx, FlowState s, const std::string& session, bool praatplaat, double now,
                     std::vector<Effect>* effects) {
    s.SessionId = session;
    s.Praatplaat = praatplaat;
    s.Answered = 0;
    s.Given.clear();
    s.GivenIds.clear();
    s.DoneZones.clear();
    s.LastInput = now;
    if (praatplaat)
        return Enter(s, Screen::Intro, now);
    return OpenPoll(ctx, s, ctx.Pack->StartPoll, now, effects);
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] StepVisit
//-----------------------------------------------------------------------------

namespace {

// The current question's answer being built: a tap, a toggle, an amount, a cell, a key.
FlowState StepDraft(const content::Question& q, FlowState s, const VisitAction& a, std::vector<Effect>* effects) {
    switch (a.Kind) {
    case VisitKind::Answer:
        if (!AnsweredByOneTap(q.Type) || !IsOption(q, a.Value))
            return s;
        return Commit(s, {{q.Id, a.Value}}, effects);

    case VisitKind::Toggle:
        if ((q.Type != QuestionType::Multiple && q.Type != QuestionType::Top) || !IsOption(q, a.Value))
            return s;
        if (auto it = std::find(s.Draft.Chosen.begin(), s.Draft.Chosen.end(), a.Value); it != s.Draft.Chosen.end())
            s.Draft.Chosen.erase(it);
        else if (int(s.Draft.Chosen.size()) < q.Max)
            s.Draft.Chosen.push_back(a.Value);
        return s;

    case VisitKind::Increase:
    case VisitKind::Decrease: {
        if (q.Type != QuestionType::Budget || !IsOption(q, a.Value))
            return s;
        int& amount = s.Draft.Amounts[a.Value];
        if (a.Kind == VisitKind::Increase && BudgetLeft(q, s.Draft) >= q.Step)
            amount += q.Step;
        else if (a.Kind == VisitKind::Decrease && amount >= q.Step)
            amount -= q.Step;
        return s;
    }

    case VisitKind::SetCell: {
        if (q.Type != QuestionType::Matrix)
            return s;
        size_t eq = a.Value.find('=');
        std::string row = a.Value.substr(0, eq), col = eq == std::string::npos ? "" : a.Value.substr(eq + 1);
        bool known_row = std::any_of(q.Rows.begin(), q.Rows.end(), [&](const content::Option& r) { return r.Id == row; });
        if (known_row && IsOption(q, col))
            s.Draft.Cells[row] = col;
        return s;
    }

    case VisitKind::TypeText: {
        if (q.Type != QuestionType::Text || content::Utf8Length(a.Value) != 1)
            return s;
        if (content::Utf8Length(s.Draft.Text) >= q.Max) // the cap: the count says so
            return s;
        s.Draft.Text += a.Value;
        s.Draft.Shift = false; // one capital, as on a phone
        return s;
    }

    case VisitKind::Backspace:
        if (q.Type == QuestionType::Text)
            s.Draft.Text = content::DropLastChar(s.Draft.Text);
        return s;

    case VisitKind::ToggleShift:
        if (q.Type == QuestionType::Text)
            s.Draft.Shift = !s.Draft.Shift;
        return s;

    case VisitKind::ToggleAccents:
        if (q.Type == QuestionType::Text)
            s.Draft.Accents = !s.Draft.Accents;
        return s;

    default:
        return s;
    }
}

// What the visit's effects report: the commit, the charts, the attract screen's results.
FlowState StepVisitResult(const FlowContext& ctx, FlowState s, const VisitAction& a, double now,
                          std::vector<Effect>* effects) {
    const content::Question* q = s.Screen == Screen::Question ? CurrentQuestion(ctx, s) : nullptr;
    switch (a.Kind) {
    case VisitKind::Committed:
        if (!s.Saving || !q)
            return s;
        s.Saving = false;
        for (size_t i = 0; i < s.Pending.size(); i++) { // a changed answer takes the old one's place
            const content::GivenAnswer& p = s.Pending[i];
            auto old = std::find_if(s.Given.begin(), s.Given.end(),
                                    [&](const content::GivenAnswer& g) { return g.QuestionId == p.QuestionId; });
            if (old != s.Given.end())
                old->Value = p.Value;
            else
                s.Given.push_back(p);
            if (i < a.Ids.size())
                s.GivenIds[p.QuestionId] = a.Ids[i];
        }
        s.Pending.clear();
        s.Answered++;
        return ShowFrom(ctx, s, s.QuestionIndex + 1, now, effects);

    case VisitKind::CommitFailed:
        if (!s.Saving)
            return s;
        s.Saving = false;
        s.Pending.clear();
        s.ErrorDetail = a.Value;
        return Enter(s, Screen::Error, now);

    case VisitKind::ResultsLoaded:
        if (s.Screen != Screen::Results)
            return s;
        s.Charts.clear();
        for (const Chart& c : a.Charts)
            if (c.Respondents >= ctx.Config.MinResults) // small numbers stay private
                s.Charts.push_back(c);
        s.ChartIndex = 0;
        return s;

    case VisitKind::HighlightsLoaded:
        s.Highlights.clear();
        for (const Highlight& h : a.Highlights)
            if (h.Respondents >= ctx.Config.MinResults) // never fewer than 5 answers
                s.Highlights.push_back(h);
        s.News = a.News;
        if (s.HighlightShown >= int(s.Highlights.size() + s.News.size()))
            s.HighlightShown = -1;
        return s;

    default:
        return s;
    }
}

// "Volgende": on from the intro, confirm a draft answer, the next chart.
FlowState StepNext(const FlowContext& ctx, FlowState s, double now, std::vector<Effect>* effects) {
    switch (s.Screen) {
    case Screen::Intro: return Enter(s, Screen::Poster, now);
    case Screen::Zone: return OpenPoll(ctx, s, s.PollId, now, effects);
    case Screen::Question: {
        const content::Question* q = CurrentQuestion(ctx, s);
        if (!q || s.Saving)
            return s;
        std::vector<content::GivenAnswer> answers = DraftAnswers(*q, s.Draft);
        if (answers.empty() && q->Type == QuestionType::Text) // "klaar" with nothing typed: on, like skip
            return ShowFrom(ctx, s, s.QuestionIndex + 1, now, effects);
        if (AnsweredByOneTap(q->Type)) // after "Terug": on with the answer given, or the choice tapped
            answers = s.Draft.Chosen.empty() ? answers : std::vector<content::GivenAnswer>{{q->Id, s.Draft.Chosen[0]}};
        if (SameAsGiven(s, answers)) // back and on again without a change: nothing new to store
            return ShowFrom(ctx, s, s.QuestionIndex + 1, now, effects);
        return answers.empty() ? s : Commit(s, std::move(answers), effects);
    }
    case Screen::Results:
        if (s.ChartIndex + 1 < int(s.Charts.size())) {
            s.ChartIndex++;
            return s;
        }
        return s.Praatplaat ? Enter(s, Screen::Poster, now) : EndVisit(ctx, s, now, effects);
    default: return s;
    }
}

} // namespace

// A switch over the visit's kinds; the answer being built, "Volgende" and the effects'
// results have functions of their own above.
FlowState StepVisit(const FlowContext& ctx, FlowState s, const VisitAction& a, double now,
                    std::vector<Effect>* effects) {
    if (ScreenArea(s.Screen) != Area::Visit) // a resident's actions mean nothing on the facilitator's screens
        return s;
    const content::Question* q = s.Screen == Screen::Question ? CurrentQuestion(ctx, s) : nullptr;
    const bool answering = q && !s.Saving;

    switch (a.Kind) {
    case VisitKind::SetLanguage: {
        const auto& langs = ctx.Pack->Languages;
        if (s.Screen == Screen::Attract && std::find(langs.begin(), langs.end(), a.Value) != langs.end())
            s.Lang = a.Value;
        return s;
    }

    case VisitKind::Start:
    case VisitKind::StartPraatplaat: {
        const bool praatplaat = a.Kind == VisitKind::StartPraatplaat;
        if (s.Screen != Screen::Attract || !AdmitVisit(ctx, &s, now))
            return s;
        if (a.Value.empty() || (praatplaat && !ctx.Pack->HasPraatplaat()))
            return s;
        return StartVisit(ctx, s, a.Value, praatplaat, now, effects);
    }

    case VisitKind::OpenNews: // looking, not a visit: no session, nothing stored
        return s.Screen == Screen::Attract ? Enter(s, Screen::News, now) : s;

    case VisitKind::OpenZone: {
        const content::Poll* zone = ctx.Pack->FindPoll(a.Value);
        if (s.Screen != Screen::Poster || !zone || zone->Kind == content::PollKind::Poll)
            return s;
        if (zone->Explain.empty()) // nothing to explain: straight to its questions
            return OpenPoll(ctx, s, a.Value, now, effects);
        s.PollId = a.Value; // first what the zone is about, shown and read aloud (issue 14)
        return Enter(s, Screen::Zone, now);
    }

    case VisitKind::ShowOutcome:
        return s.Screen == Screen::Poster ? Enter(s, Screen::Outcome, now) : s;

    case VisitKind::ShowResults:
        if (s.Screen != Screen::Thanks || s.Praatplaat)
            return s;
        return ToResults(s, ctx.Pack->StartPoll, now, effects);

    case VisitKind::Answer:
        if (answering && AnsweredByOneTap(q->Type) && SameAsGiven(s, {{q->Id, a.Value}}))
            return ShowFrom(ctx, s, s.QuestionIndex + 1, now, effects); // back, and the same tap: nothing new
        [[fallthrough]];
    case VisitKind::Toggle:
    case VisitKind::Increase:
    case VisitKind::Decrease:
    case VisitKind::SetCell:
    case VisitKind::TypeText:
    case VisitKind::Backspace:
    case VisitKind::ToggleShift:
    case VisitKind::ToggleAccents:
        return answering ? StepDraft(*q, s, a, effects) : s;

    case VisitKind::Next:
        return StepNext(ctx, s, now, effects);

    case VisitKind::Skip:
        if (!answering)
            return s;
        return ShowFrom(ctx, s, s.QuestionIndex + 1, now, effects);

    case VisitKind::Stop:
        if (s.Screen == Screen::Zone)
            return Enter(s, Screen::Poster, now);
        if (s.Screen == Screen::Question && !s.Saving && s.Praatplaat && s.PollId != ctx.Pack->ClosingPoll)
            return Enter(s, Screen::Poster, now); // every answer so far is kept
        if ((s.Screen != Screen::Question || s.Saving) && s.Screen != Screen::Poster)
            return s;
        return s.Answered > 0 ? Enter(s, Screen::Thanks, now) : EndVisit(ctx, s, now, effects);

    case VisitKind::Back: // the answer given stays stored until another is chosen
        if (!CanGoBack(s))
            return s;
        s.Shown.pop_back();
        s.QuestionIndex = s.Shown.back();
        if (const content::Question* before = CurrentQuestion(ctx, s))
            s.Draft = DraftFromGiven(*before, s);
        return Enter(s, Screen::Question, now);

    case VisitKind::Continue:
        if (s.Screen != Screen::StillThere)
            return s;
        return Enter(s, s.Resume, now);

    case VisitKind::Done:
        if (s.Screen == Screen::Outcome) {
            if (ctx.Pack->ClosingPoll.empty())
                return Enter(s, Screen::Thanks, now);
            // a few questions about the resident, each skippable
            return OpenPoll(ctx, s, ctx.Pack->ClosingPoll, now, effects);
        }
        if (s.Screen != Screen::Thanks && s.Screen != Screen::Error && s.Screen != Screen::News)
            return s;
        return EndVisit(ctx, s, now, effects);

    case VisitKind::Committed:
    case VisitKind::CommitFailed:
    case VisitKind::ResultsLoaded:
    case VisitKind::HighlightsLoaded:
        return StepVisitResult(ctx, s, a, now, effects);
    }
    return s;
}

FlowState TickVisit(const FlowContext& ctx, FlowState s, double now, std::vector<Effect>* effects) {
    switch (s.Screen) {
    case Screen::Attract:
        if (now >= s.Repeat.NextVisitAt)
            s.Repeat.GapRefusedAt = -kNever; // the message goes once the gap is over
        if ((s.LargeText || s.HighContrast) && now - s.LastInput >= ctx.Config.IdleTimeout) {
            // A+ or contrast chosen, then nobody came: back to the defaults.
            s.LargeText = s.HighContrast = false;
            return s;
        }
        if (AttractItems(s) > 0 && now - s.ScreenSince >= ctx.Config.AttractRotate) {
            if (s.HighlightShown < 0) // a result or an update, in turn
                s.HighlightShown = s.HighlightNext++ % AttractItems(s);
            else
                s.HighlightShown = -1;
            s.ScreenSince = now;
        }
        return s;
    case Screen::StillThere:
        return now - s.ScreenSince >= ctx.Config.StillThereTimeout ? EndVisit(ctx, s, now, effects) : s;
    case Screen::News: // only reading: back to the start without asking
        return now - s.LastInput >= ctx.Config.IdleTimeout ? EndVisit(ctx, s, now, effects) : s;
    case Screen::Thanks:
        return now - s.ScreenSince >= ctx.Config.ThanksDuration ? EndVisit(ctx, s, now, effects) : s;
    case Screen::Error:
        return now - s.ScreenSince >= ctx.Config.ErrorDuration ? EndVisit(ctx, s, now, effects) : s;
    default:
        if (!s.Saving && now - s.LastInput >= ctx.Config.IdleTimeout) {
            s.Resume = s.Screen;
            return Enter(s, Screen::StillThere, now);
        }
        return s;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Step: the routing, and what every area shares
//-----------------------------------------------------------------------------

Area ScreenArea(Screen screen) {
    switch (screen) {
    case Screen::Pin:
    case Screen::Admin: return Area::Admin;
    case Screen::CampfireSetup:
    case Screen::CampfirePick:
    case Screen::CampfireQuestion:
    case Screen::CampfireAgreements:
    case Screen::CampfireAgreement:
    case Screen::CampfireSummary: return Area::Campfire;
    default: return Area::Visit;
    }
}

bool IsTouch(const Action& action) {
    struct {
        bool operator()(const CommonAction& a) const { return a.Kind != CommonKind::Tick; }
        bool operator()(const VisitAction& a) const {
            return a.Kind != VisitKind::Committed && a.Kind != VisitKind::CommitFailed &&
                   a.Kind != VisitKind::ResultsLoaded && a.Kind != VisitKind::HighlightsLoaded;
        }
        bool operator()(const SpeechAction&) const { return true; }
        bool operator()(const AdminAction& a) const {
            return a.Kind != AdminKind::PinState && a.Kind != AdminKind::PinChecked && a.Kind != AdminKind::FiguresLoaded;
        }
        bool operator()(const CampfireAction& a) const {
            return a.Kind != CampfireKind::Defaults && a.Kind != CampfireKind::TargetsLoaded &&
                   a.Kind != CampfireKind::ExportDone && a.Kind != CampfireKind::SaveFailed;
        }
    } touch;
    return std::visit(touch, action);
}

namespace {

// The actions every area shares (see flow.hpp for the rule).
FlowState StepCommon(const FlowContext& ctx, FlowState s, const CommonAction& a, double now,
                     std::vector<Effect>* effects) {
    const Area area = ScreenArea(s.Screen);
    switch (a.Kind) {
    case CommonKind::Input: // the touch itself: Step() has reset the idle timer
        return s;
    case CommonKind::ToggleLargeText:
    case CommonKind::ToggleContrast:
        if (area == Area::Admin) // the PIN and admin screens have no corner buttons
            return s;
        if (a.Kind == CommonKind::ToggleLargeText)
            s.LargeText = !s.LargeText;
        else
            s.HighContrast = !s.HighContrast;
        return s;
    case CommonKind::Tick:
        // The timers of the area that owns the screen. On the attract screen the long press
        // in its corner (the facilitator's) comes first; when it opens the PIN screen, the
        // visit's timers wait for the next Tick.
        switch (area) {
        case Area::Campfire: return TickCampfire(ctx, s, now, effects);
        case Area::Admin: return TickAdmin(ctx, s, now, effects);
        case Area::Visit:
            if (LongPressDone(ctx, s, now))
                return TickAdmin(ctx, s, now, effects);
            return TickVisit(ctx, s, now, effects);
        }
    }
    return s;
}

} // namespace

FlowState Step(const FlowContext& ctx, FlowState s, const Action& a, double now, std::vector<Effect>* effects) {
    if (IsTouch(a))
        s.LastInput = now; // every touch, in any area, holds off the idle time-out
    if (const SpeechAction* speech = std::get_if<SpeechAction>(&a))
        return StepSpeech(ctx, std::move(s), *speech, now, effects);
    const FlowState before = s;
    struct {
        const FlowContext& ctx;
        FlowState& s;
        double now;
        std::vector<Effect>* effects;
        FlowState operator()(const CommonAction& a) const { return StepCommon(ctx, std::move(s), a, now, effects); }
        FlowState operator()(const VisitAction& a) const { return StepVisit(ctx, std::move(s), a, now, effects); }
        FlowState operator()(const SpeechAction&) const { return std::move(s); } // handled above
        FlowState operator()(const AdminAction& a) const { return StepAdmin(ctx, std::move(s), a, now, effects); }
        FlowState operator()(const CampfireAction& a) const { return StepCampfire(ctx, std::move(s), a, now, effects); }
    } route{ctx, s, now, effects};
    FlowState after = std::visit(route, a);
    return AfterStepSpeech(ctx, before, std::move(after), a, now, effects); // reads a new screen when speech is on
}

//-----------------------------------------------------------------------------
// [SECTION] timers
//-----------------------------------------------------------------------------

double NextDeadline(const FlowContext& ctx, const FlowState& s) {
    const FlowConfig& c = ctx.Config;
    switch (ScreenArea(s.Screen)) {
    case Area::Campfire: return CampfireDeadline(ctx, s);
    case Area::Admin: return AdminDeadline(ctx, s);
    case Area::Visit: break;
    }
    switch (s.Screen) {
    case Screen::Attract: { // the long press; the gap's message; A+, contrast or speech set on, and nobody there; the next result to show
        const RepeatGuard& g = s.Repeat;
        const double gap = std::isfinite(g.GapRefusedAt) && g.GapRefusedAt < g.NextVisitAt ? g.NextVisitAt : kNever;
        return std::min({AdminDeadline(ctx, s), gap, s.LargeText || s.HighContrast ? s.LastInput + c.IdleTimeout : kNever,
                         AttractItems(s) == 0 ? kNever : s.ScreenSince + c.AttractRotate, SpeechResetDeadline(ctx, s)});
    }
    case Screen::Thanks: return s.ScreenSince + c.ThanksDuration;
    case Screen::Error: return s.ScreenSince + c.ErrorDuration;
    case Screen::StillThere: return s.ScreenSince + c.StillThereTimeout;
    default: return s.Saving ? kNever : s.LastInput + c.IdleTimeout;
    }
}

int AttractItems(const FlowState& s) { return int(s.Highlights.size() + s.News.size()); }

double VisitGapLeft(const FlowState& s, double now) { return std::max(0.0, s.Repeat.NextVisitAt - now); }

bool ShowGapMessage(const FlowState& s, double now) {
    return s.Screen == Screen::Attract && std::isfinite(s.Repeat.GapRefusedAt) && now < s.Repeat.NextVisitAt;
}

bool CountdownShowing(const FlowState& s, double now) {
    return ShowGapMessage(s, now) || (s.Screen == Screen::Pin && PinLockedLeft(s, now) > 0);
}

double NextCountdownChange(const FlowState& s, double now) {
    const double end = ShowGapMessage(s, now)                                  ? s.Repeat.NextVisitAt
                       : s.Screen == Screen::Pin && PinLockedLeft(s, now) > 0 ? s.Admin.BlockedUntil
                                                                               : kNever;
    if (!std::isfinite(end))
        return kNever;
    const double left = end - now, frac = left - std::floor(left); // shown as ceil(left)
    return now + (frac > 1e-3 ? frac : 1.0);
}

double StillThereSecondsLeft(const FlowContext& ctx, const FlowState& s, double now) {
    return std::max(0.0, s.ScreenSince + ctx.Config.StillThereTimeout - now);
}

} // namespace kiosk
