// [SECTION] names and lookups
// [SECTION] transitions shared by several actions
// [SECTION] Step
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

//-----------------------------------------------------------------------------
// [SECTION] names and lookups
//-----------------------------------------------------------------------------

const char* ScreenName(Screen screen) {
    switch (screen) {
    case Screen::Attract: return "attract";
    case Screen::Intro: return "intro";
    case Screen::Poster: return "poster";
    case Screen::Question: return "question";
    case Screen::Results: return "results";
    case Screen::Outcome: return "outcome";
    case Screen::Thanks: return "thanks";
    case Screen::StillThere: return "still-there";
    case Screen::Error: return "error";
    case Screen::Pin: return "pin";
    case Screen::Admin: return "admin";
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

// Back to the attract screen with nothing of the visit left (the next person never
// sees the previous person's answers).
FlowState EndVisit(const FlowContext& ctx, const FlowState& s, double now, std::vector<Effect>* effects) {
    if (!s.SessionId.empty())
        effects->push_back({EffectKind::EndSession, s.SessionId, {}, {}, {}});
    const std::string& default_lang = ctx.Pack->Languages.empty() ? s.Lang : ctx.Pack->Languages.front();
    FlowState next = InitialState(ctx, default_lang, now);
    next.Highlights = s.Highlights; // until the new figures (with this visit's answers) are in
    next.HighlightNext = s.HighlightNext;
    effects->push_back({EffectKind::LoadHighlights, {}, {}, {}, {}});
    next.Guard = GuardAfterVisit(ctx, s, now); // the gap and the repeat check outlive the visit
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
    effects->push_back({EffectKind::LoadResults, s.SessionId, s.Lang, {}, poll_id});
    return Enter(s, Screen::Results, now);
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
    if (poll && s.QuestionIndex < int(poll->Questions.size()))
        return Enter(s, Screen::Question, now);
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
    effects->push_back({EffectKind::CommitAnswers, s.SessionId, s.Lang, std::move(answers), {}});
    effects->back().Flagged = CommitFlagged(s, effects->back().Answers); // anti-stuffing
    return s;
}

bool AnsweredByOneTap(QuestionType t) {
    return t == QuestionType::Single || t == QuestionType::Smiley || t == QuestionType::Agree ||
           t == QuestionType::YesNo;
}

FlowState StartVisit(const FlowContext& ctx, FlowState s, const std::string& session, bool praatplaat, double now,
                     std::vector<Effect>* effects) {
    s.SessionId = session;
    s.Praatplaat = praatplaat;
    s.Answered = 0;
    s.Given.clear();
    s.DoneZones.clear();
    s.LastInput = now;
    if (praatplaat)
        return Enter(s, Screen::Intro, now);
    s.PollId = ctx.Pack->StartPoll;
    return ShowFrom(ctx, s, 0, now, effects);
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Step
//-----------------------------------------------------------------------------

namespace {

FlowState StepScreens(const FlowContext& ctx, FlowState s, const Action& a, double now, std::vector<Effect>* effects) {
    const content::Question* q = s.Screen == Screen::Question ? CurrentQuestion(ctx, s) : nullptr;
    const bool answering = q && !s.Saving;
    if (a.Kind != ActionKind::Tick && a.Kind != ActionKind::Committed && a.Kind != ActionKind::CommitFailed &&
        a.Kind != ActionKind::ResultsLoaded && a.Kind != ActionKind::HighlightsLoaded && !IsGuardResult(a.Kind) &&
        !IsCampfireResult(a.Kind))
        s.LastInput = now;
    if (StepCampfire(ctx, &s, a, now, effects)) // a campfire meeting: its screens, and its start on the admin screen
        return s;
    if (StepGuard(ctx, &s, a, now, effects)) // the PIN and admin screens, the gap between visits
        return s;

    switch (a.Kind) {
    case ActionKind::Input:
        return s;

    case ActionKind::Tick:
        switch (s.Screen) {
        case Screen::Attract:
            if ((s.LargeText || s.HighContrast) && now - s.LastInput >= ctx.Config.IdleTimeout) {
                // A+ or contrast chosen, then nobody came: back to the defaults.
                s.LargeText = s.HighContrast = false;
                return s;
            }
            if (!s.Highlights.empty() && now - s.ScreenSince >= ctx.Config.AttractRotate) {
                if (s.HighlightShown < 0)
                    s.HighlightShown = s.HighlightNext++ % int(s.Highlights.size());
                else
                    s.HighlightShown = -1;
                s.ScreenSince = now;
            }
            return s;
        case Screen::StillThere:
            return now - s.ScreenSince >= ctx.Config.StillThereTimeout ? EndVisit(ctx, s, now, effects) : s;
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

    case ActionKind::SetLanguage: {
        const auto& langs = ctx.Pack->Languages;
        if (s.Screen == Screen::Attract && std::find(langs.begin(), langs.end(), a.Value) != langs.end())
            s.Lang = a.Value;
        return s;
    }

    case ActionKind::Start:
        if (s.Screen != Screen::Attract || a.Value.empty())
            return s;
        return StartVisit(ctx, s, a.Value, false, now, effects);

    case ActionKind::StartPraatplaat:
        if (s.Screen != Screen::Attract || a.Value.empty() || !ctx.Pack->HasPraatplaat())
            return s;
        return StartVisit(ctx, s, a.Value, true, now, effects);

    case ActionKind::OpenZone:
        if (s.Screen != Screen::Poster || !ctx.Pack->FindPoll(a.Value) || ctx.Pack->FindPoll(a.Value)->Kind == content::PollKind::Poll)
            return s;
        s.PollId = a.Value;
        return ShowFrom(ctx, s, 0, now, effects);

    case ActionKind::ShowOutcome:
        return s.Screen == Screen::Poster ? Enter(s, Screen::Outcome, now) : s;

    case ActionKind::ShowResults:
        if (s.Screen != Screen::Thanks || s.Praatplaat)
            return s;
        return ToResults(s, ctx.Pack->StartPoll, now, effects);

    case ActionKind::ResultsLoaded:
        if (s.Screen != Screen::Results)
            return s;
        s.Charts.clear();
        for (const Chart& c : a.Charts)
            if (c.Respondents >= ctx.Config.MinResults) // small numbers stay private
                s.Charts.push_back(c);
        s.ChartIndex = 0;
        return s;

    case ActionKind::Answer:
        if (!answering || !AnsweredByOneTap(q->Type) || !IsOption(*q, a.Value))
            return s;
        return Commit(s, {{q->Id, a.Value}}, effects);

    case ActionKind::Toggle:
        if (!answering || (q->Type != QuestionType::Multiple && q->Type != QuestionType::Top) || !IsOption(*q, a.Value))
            return s;
        if (auto it = std::find(s.Draft.Chosen.begin(), s.Draft.Chosen.end(), a.Value); it != s.Draft.Chosen.end())
            s.Draft.Chosen.erase(it);
        else if (int(s.Draft.Chosen.size()) < q->Max)
            s.Draft.Chosen.push_back(a.Value);
        return s;

    case ActionKind::Increase:
    case ActionKind::Decrease: {
        if (!answering || q->Type != QuestionType::Budget || !IsOption(*q, a.Value))
            return s;
        int& amount = s.Draft.Amounts[a.Value];
        if (a.Kind == ActionKind::Increase && BudgetLeft(*q, s.Draft) >= q->Step)
            amount += q->Step;
        else if (a.Kind == ActionKind::Decrease && amount >= q->Step)
            amount -= q->Step;
        return s;
    }

    case ActionKind::SetCell: {
        if (!answering || q->Type != QuestionType::Matrix)
            return s;
        size_t eq = a.Value.find('=');
        std::string row = a.Value.substr(0, eq), col = eq == std::string::npos ? "" : a.Value.substr(eq + 1);
        bool known_row = std::any_of(q->Rows.begin(), q->Rows.end(), [&](const content::Option& r) { return r.Id == row; });
        if (known_row && IsOption(*q, col))
            s.Draft.Cells[row] = col;
        return s;
    }

    case ActionKind::TypeText: {
        if (!answering || q->Type != QuestionType::Text || content::Utf8Length(a.Value) != 1)
            return s;
        if (content::Utf8Length(s.Draft.Text) >= q->Max) // the cap: the count says so
            return s;
        s.Draft.Text += a.Value;
        s.Draft.Shift = false; // one capital, as on a phone
        return s;
    }

    case ActionKind::Backspace:
        if (answering && q->Type == QuestionType::Text)
            s.Draft.Text = content::DropLastChar(s.Draft.Text);
        return s;

    case ActionKind::ToggleShift:
        if (answering && q->Type == QuestionType::Text)
            s.Draft.Shift = !s.Draft.Shift;
        return s;

    case ActionKind::ToggleAccents:
        if (answering && q->Type == QuestionType::Text)
            s.Draft.Accents = !s.Draft.Accents;
        return s;

    case ActionKind::ToggleLargeText:
        s.LargeText = !s.LargeText;
        return s;

    case ActionKind::ToggleContrast:
        s.HighContrast = !s.HighContrast;
        return s;

    case ActionKind::HighlightsLoaded:
        s.Highlights.clear();
        for (const Highlight& h : a.Highlights)
            if (h.Respondents >= ctx.Config.MinResults) // never fewer than 5 answers
                s.Highlights.push_back(h);
        if (s.HighlightShown >= int(s.Highlights.size()))
            s.HighlightShown = -1;
        return s;

    case ActionKind::Next:
        switch (s.Screen) {
        case Screen::Intro: return Enter(s, Screen::Poster, now);
        case Screen::Question: {
            if (!answering)
                return s;
            std::vector<content::GivenAnswer> answers = DraftAnswers(*q, s.Draft);
            if (answers.empty() && q->Type == QuestionType::Text) // "klaar" with nothing typed: on, like skip
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

    case ActionKind::Committed:
        if (!s.Saving || !q)
            return s;
        s.Saving = false;
        s.Given.insert(s.Given.end(), s.Pending.begin(), s.Pending.end());
        s.Pending.clear();
        s.Answered++;
        return ShowFrom(ctx, s, s.QuestionIndex + 1, now, effects);

    case ActionKind::CommitFailed:
        if (!s.Saving)
            return s;
        s.Saving = false;
        s.Pending.clear();
        s.ErrorDetail = a.Value;
        return Enter(s, Screen::Error, now);

    case ActionKind::Skip:
        if (!answering)
            return s;
        return ShowFrom(ctx, s, s.QuestionIndex + 1, now, effects);

    case ActionKind::Stop:
        if (s.Screen == Screen::Question && !s.Saving && s.Praatplaat && s.PollId != ctx.Pack->ClosingPoll)
            return Enter(s, Screen::Poster, now); // every answer so far is kept
        if ((s.Screen != Screen::Question || s.Saving) && s.Screen != Screen::Poster)
            return s;
        return s.Answered > 0 ? Enter(s, Screen::Thanks, now) : EndVisit(ctx, s, now, effects);

    case ActionKind::Continue:
        if (s.Screen != Screen::StillThere)
            return s;
        return Enter(s, s.Resume, now);

    case ActionKind::Done:
        if (s.Screen == Screen::Outcome) {
            if (ctx.Pack->ClosingPoll.empty())
                return Enter(s, Screen::Thanks, now);
            s.PollId = ctx.Pack->ClosingPoll; // a few questions about the resident, each skippable
            return ShowFrom(ctx, s, 0, now, effects);
        }
        if (s.Screen != Screen::Thanks && s.Screen != Screen::Error)
            return s;
        return EndVisit(ctx, s, now, effects);

    case ActionKind::ReadAloud: // speech: Step() hands these to kiosk/flow_speech.cpp
    case ActionKind::SpeechOn:
    case ActionKind::SpeechOff:
    case ActionKind::SpeechLouder:
    case ActionKind::SpeechSofter: return s;
    case ActionKind::CornerHold: // the facilitator's: StepGuard took them above
    case ActionKind::PinDigit:
    case ActionKind::PinClear:
    case ActionKind::PinOk:
    case ActionKind::PinCancel:
    case ActionKind::PinState:
    case ActionKind::PinChecked:
    case ActionKind::AdminLoaded:
    case ActionKind::AdminSync:
    case ActionKind::AdminBack:
    case ActionKind::AdminQuit:
        return s;
    case ActionKind::CampfireStart: // the campfire meeting's: StepCampfire took them above
    case ActionKind::CampfireDefaults:
    case ActionKind::CampfireEdit:
    case ActionKind::CampfireDate:
    case ActionKind::CampfirePresent:
    case ActionKind::CampfireCancel:
    case ActionKind::CampfireSetupDone:
    case ActionKind::CampfireMode:
    case ActionKind::CampfireReveal:
    case ActionKind::CampfireBack:
    case ActionKind::CampfireOpenAgreements:
    case ActionKind::CampfireOpenSummary:
    case ActionKind::AgreementNew:
    case ActionKind::AgreementOpen:
    case ActionKind::AgreementWho:
    case ActionKind::AgreementDue:
    case ActionKind::AgreementAnswers:
    case ActionKind::AgreementStatus:
    case ActionKind::AgreementSave:
    case ActionKind::AgreementCancel:
    case ActionKind::CampfirePage:
    case ActionKind::CampfireExportChoose:
    case ActionKind::CampfireTargetsLoaded:
    case ActionKind::CampfireExport:
    case ActionKind::CampfireExportCancel:
    case ActionKind::CampfireExportDone:
    case ActionKind::CampfireSaveFailed:
    case ActionKind::CampfireEnd:
        return s;
    }
    return s;
}

} // namespace

FlowState Step(const FlowContext& ctx, FlowState s, const Action& a, double now, std::vector<Effect>* effects) {
    if (IsSpeechAction(a.Kind))
        return StepSpeech(ctx, std::move(s), a, now, effects);
    const FlowState before = s;
    FlowState after = StepScreens(ctx, std::move(s), a, now, effects);
    return AfterStepSpeech(ctx, before, std::move(after), a, now, effects); // reads a new screen when speech is on
}

//-----------------------------------------------------------------------------
// [SECTION] timers
//-----------------------------------------------------------------------------

double NextDeadline(const FlowContext& ctx, const FlowState& s) {
    const FlowConfig& c = ctx.Config;
    constexpr double never = std::numeric_limits<double>::infinity();
    if (double group = never; CampfireDeadline(ctx, s, &group)) // a campfire meeting's screens
        return group;
    double guard = never; // the long press and the gap on attract, the PIN and admin screens
    if (GuardDeadline(ctx, s, &guard) && s.Screen != Screen::Attract)
        return guard;
    switch (s.Screen) {
    case Screen::Attract: // A+, contrast or speech set on, and nobody there; the next result to show
        return std::min({guard, s.LargeText || s.HighContrast ? s.LastInput + c.IdleTimeout : never,
                         s.Highlights.empty() ? never : s.ScreenSince + c.AttractRotate, SpeechResetDeadline(ctx, s)});
    case Screen::Thanks: return s.ScreenSince + c.ThanksDuration;
    case Screen::Error: return s.ScreenSince + c.ErrorDuration;
    case Screen::StillThere: return s.ScreenSince + c.StillThereTimeout;
    default: return s.Saving ? never : s.LastInput + c.IdleTimeout;
    }
}

double StillThereSecondsLeft(const FlowContext& ctx, const FlowState& s, double now) {
    return std::max(0.0, s.ScreenSince + ctx.Config.StillThereTimeout - now);
}

} // namespace kiosk
