#include "kiosk/screen_speech.hpp"
#include "kiosk/flow_campfire.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk {

using content::QuestionType;

namespace {

// "{key}" -> value, as the screens fill their templates.
std::string Fill(std::string text, const std::string& key, const std::string& value) {
    const std::string token = "{" + key + "}";
    for (size_t at = text.find(token); at != std::string::npos; at = text.find(token, at + value.size()))
        text.replace(at, token.size(), value);
    return text;
}

struct Reader {
    const FlowContext& Ctx;
    const FlowState& S;
    std::vector<std::string> Out;

    const std::string& Default() const { return Ctx.Pack->Languages.front(); }
    std::string Ui(const char* key) const { return content::Ui(*Ctx.Pack, key, S.Lang); }
    std::string Tr(const content::Text& t) const { return content::Tr(t, S.Lang, Default()); }
    void Say(std::string text) {
        if (!text.empty())
            Out.push_back(std::move(text));
    }
};

void ReadQuestion(Reader& r, const content::Poll& poll, const content::Question& q) {
    std::string progress = Fill(r.Ui("question.progress"), "n", std::to_string(r.S.QuestionIndex + 1));
    progress = Fill(progress, "total", std::to_string(poll.Questions.size()));
    if (r.S.Praatplaat)
        r.Say(r.Tr(poll.Title));
    r.Say(progress);
    r.Say(r.Tr(q.Prompt));
    switch (q.Type) {
    case QuestionType::Multiple:
    case QuestionType::Top: r.Say(Fill(r.Ui("question.choose_max"), "max", std::to_string(q.Max))); break;
    case QuestionType::Budget: // the total, never what is left: that would tell the draft
        r.Say(Fill(Fill(r.Ui("speech.budget_total"), "total", std::to_string(q.Total)), "unit", r.Tr(q.Unit)));
        break;
    case QuestionType::Matrix: // the topics, then the choices for each
        for (const content::Option& row : q.Rows)
            r.Say(r.Tr(row.Label));
        break;
    default: break;
    }
    for (const content::Option& o : q.Options)
        r.Say(r.Tr(o.Label));
    if (!q.Follow.Empty()) // where to go on from here (the address is for the eyes: a QR code)
        r.Say(r.Tr(q.Follow.Words));
    const bool draft = q.Type == QuestionType::Multiple || q.Type == QuestionType::Top ||
                       q.Type == QuestionType::Budget || q.Type == QuestionType::Matrix;
    if (draft)
        r.Say(r.Ui("question.next"));
    r.Say(r.Ui("question.skip"));
    r.Say(r.Ui("question.stop"));
}

void ReadPoster(Reader& r) {
    const content::Pack& pack = *r.Ctx.Pack;
    r.Say(r.Ui("poster.title"));
    for (auto [kind, heading] : {std::pair{content::PollKind::Kompas, "poster.kompas"},
                                 std::pair{content::PollKind::Bouwsteen, "poster.bouwstenen"}}) {
        r.Say(r.Ui(heading));
        for (const content::Poll& z : pack.Zones) {
            if (z.Kind != kind)
                continue;
            bool done = std::find(r.S.DoneZones.begin(), r.S.DoneZones.end(), z.Id) != r.S.DoneZones.end();
            r.Say(r.Tr(z.Title) + (done ? " (" + r.Ui("poster.done_zone") + ")" : ""));
        }
    }
    r.Say(r.Ui("poster.outcome"));
    r.Say(r.Ui("question.stop"));
}

// The whole wijk's answers (never this visit's own): a heading, then "label: count".
void ReadResults(Reader& r) {
    r.Say(r.Ui("results.title"));
    if (r.S.Charts.empty() || r.S.ChartIndex >= int(r.S.Charts.size())) {
        r.Say(r.Ui("results.too_few"));
    } else {
        const Chart& chart = r.S.Charts[size_t(r.S.ChartIndex)];
        if (const content::Question* q = content::QuestionOfAnswer(*r.Ctx.Pack, chart.AnswerId)) {
            std::string heading = r.Tr(q->Prompt);
            for (const content::Option& row : q->Rows)
                if (content::MatrixAnswerId(*q, row.Id) == chart.AnswerId)
                    heading += " - " + r.Tr(row.Label);
            r.Say(heading);
            for (const auto& [id, count] : chart.Counts)
                for (const content::Option& o : q->Options)
                    if (o.Id == id)
                        r.Say(r.Tr(o.Label) + ": " + std::to_string(count));
        }
    }
    r.Say(r.Ui("results.next"));
}

} // namespace

bool ReadsItselfWhenSpeechIsOn(Screen screen) {
    return screen != Screen::Outcome && screen != Screen::Pin && screen != Screen::Admin &&
           !IsCampfireScreen(screen);
}

int SpeechVolumePercent(int step) {
    static const int percent[] = {50, 75, 100, 140, 180};
    return percent[std::clamp(step, -2, 2) + 2];
}

std::vector<std::string> ScreenSpeech(const FlowContext& ctx, const FlowState& s, double now) {
    Reader r{ctx, s, {}};
    if (!ctx.Pack || ctx.Pack->Languages.empty())
        return {};
    switch (s.Screen) {
    case Screen::Attract:
        r.Say(r.Ui("attract.title"));
        r.Say(r.Ui("attract.subtitle"));
        r.Say(r.Ui("attract.start"));
        if (ctx.Pack->HasPraatplaat())
            r.Say(r.Ui("attract.praatplaat"));
        break;
    case Screen::Intro:
        r.Say(r.Ui("intro.title"));
        for (const content::Archetype& a : ctx.Pack->Archetypes) {
            r.Say(r.Tr(a.Label));
            r.Say(r.Tr(a.Explain));
        }
        r.Say(r.Ui("intro.next"));
        break;
    case Screen::Poster: ReadPoster(r); break;
    case Screen::Zone:
        if (const content::Poll* zone = CurrentPoll(ctx, s)) {
            r.Say(r.Tr(zone->Title));
            r.Say(r.Tr(zone->Explain));
            r.Say(Fill(r.Ui("zone.questions"), "n", std::to_string(zone->Questions.size())));
            r.Say(r.Ui("zone.start"));
        }
        break;
    case Screen::Question: {
        const content::Poll* poll = CurrentPoll(ctx, s);
        const content::Question* q = CurrentQuestion(ctx, s);
        if (poll && q)
            ReadQuestion(r, *poll, *q);
        break;
    }
    case Screen::Results: ReadResults(r); break;
    case Screen::Pin:   // the facilitator's screens: nothing is read (a PIN never)
    case Screen::Admin:
    case Screen::CampfireSetup:
    case Screen::CampfirePick:
    case Screen::CampfireAgreements:
    case Screen::CampfireAgreement:
    case Screen::CampfireSummary: break;
    case Screen::CampfirePrevious: break;
    case Screen::CampfireQuestion: { // for the group, on a tap only: the question and its options, never the counts
        if (const content::Question* q = CampfireQuestion(ctx, s)) {
            const CampfireItem& item = s.Campfire.Items[size_t(s.Campfire.ItemIndex)];
            r.Say(r.Tr(q->Prompt));
            for (const content::Option& row : q->Rows)
                if (row.Id == item.RowId)
                    r.Say(r.Tr(row.Label));
            for (const content::Option& o : q->Options)
                r.Say(r.Tr(o.Label));
        }
        break;
    }
    case Screen::Outcome: // derived from the resident's answers: see the rule at the top
        r.Say(r.Ui("outcome.title"));
        r.Say(r.Ui("speech.outcome_private"));
        r.Say(r.Ui("outcome.done"));
        break;
    case Screen::Thanks:
        r.Say(r.Ui("thanks.title"));
        r.Say(r.Ui("thanks.body"));
        r.Say(r.Ui("thanks.done"));
        if (!s.Praatplaat && s.Answered > 0)
            r.Say(r.Ui("thanks.results"));
        r.Say(r.Ui("next.body")); // what happens next (the QR code and address are not read)
        break;
    case Screen::News: // the gebiedsteam writes in Dutch: each update has its own button too
        r.Say(r.Ui("news.title"));
        r.Say(r.Ui("news.from"));
        if (s.News.empty())
            r.Say(r.Ui("news.empty"));
        for (const wsync::NewsItem& n : s.News) {
            r.Say(n.Title);
            r.Say(n.Text);
        }
        r.Say(r.Ui("news.back"));
        break;
    case Screen::StillThere: {
        const int seconds = int(std::ceil(StillThereSecondsLeft(ctx, s, now)));
        r.Say(r.Ui("still_there.title"));
        r.Say(Fill(r.Ui("still_there.body"), "seconds", std::to_string(seconds)));
        r.Say(r.Ui("still_there.continue"));
        break;
    }
    case Screen::Error:
        r.Say(r.Ui("error.title"));
        r.Say(r.Ui("error.body"));
        r.Say(r.Ui("error.done"));
        break;
    }
    return r.Out;
}

} // namespace kiosk
