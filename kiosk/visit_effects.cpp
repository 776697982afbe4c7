// The visit's effects at the edge (kiosk/flow.cpp asks for them): an answer's commit to
// the journal, this kiosk's tallies for the results screen, the wijk's results for the
// attract screen. Each answers by pushing a VisitAction onto the app's queue.
#include "content/answer.hpp"
#include "kiosk/app_state.hpp"
#include "kiosk/highlights.hpp"
#include "kiosk/log.hpp"
#include "sync/iso_time.hpp"
#include "sync/journal.hpp"
#include "sync/sync_worker.hpp"

namespace kiosk {

namespace {

void CommitAnswers(App& app, const VisitEffect& e) {
    std::vector<wsync::AnswerRecord> records;
    const int64_t now_ms = wsync::NowMs();
    for (size_t i = 0; i < e.Answers.size(); i++) {
        const content::GivenAnswer& g = e.Answers[i];
        wsync::AnswerRecord rec;
        rec.SessionId = e.SessionId;
        rec.PackId = app.Pack.Id;
        rec.PackVersion = app.Pack.Version; // each answer keeps the version it was given under
        rec.QuestionId = g.QuestionId;
        rec.Value = g.Value;
        rec.Lang = e.Lang;
        rec.AnsweredAtMs = now_ms;
        rec.Flagged = e.Flagged; // a repeat of the visit before: stored, but flagged
        rec.Replaces = i < e.Replaces.size() ? e.Replaces[i] : "";
        records.push_back(std::move(rec));
    }
    std::vector<wsync::CommittedAnswer> done;
    std::string error;
    if (app.Journal->Commit(records, &done, &error)) {
        for (const wsync::CommittedAnswer& c : done) {
            app.Trace("committed " + c.Id + " " + std::to_string(c.Seq));
            app.CommittedUnseen.push_back(c.Id);
        }
        if (app.Sync)
            app.Sync->AnswersAdded();
        VisitAction committed{VisitKind::Committed};
        for (const wsync::CommittedAnswer& c : done)
            committed.Ids.push_back(c.Id);
        app.Queue.Push(std::move(committed));
    } else {
        Log(error);
        app.Queue.Push(VisitAction{VisitKind::CommitFailed, error});
    }
}

// This kiosk's own tallies; the flow keeps only questions with enough answers.
void LoadResults(App& app, const VisitEffect& e) {
    VisitAction loaded{VisitKind::ResultsLoaded};
    const content::Poll* poll = app.Pack.FindPoll(e.PollId);
    for (const content::Question& q : poll ? poll->Questions : std::vector<content::Question>{}) {
        if (q.Type == content::QuestionType::Text)
            continue; // what one resident wrote is never shown to the next
        std::vector<std::string> ids;
        if (q.Type == content::QuestionType::Matrix)
            for (const content::Option& row : q.Rows)
                ids.push_back(content::MatrixAnswerId(q, row.Id));
        else
            ids.push_back(q.Id);
        for (const std::string& id : ids) {
            std::vector<std::pair<std::string, int64_t>> tally;
            std::string error;
            if (!app.Journal->Tally(id, &tally, &error)) {
                Log(error);
                continue;
            }
            std::vector<std::pair<std::string, long long>> raw(tally.begin(), tally.end());
            Chart chart;
            chart.AnswerId = id;
            chart.Counts = content::CountOptions(q, raw, &chart.Respondents);
            loaded.Charts.push_back(std::move(chart));
        }
    }
    app.Queue.Push(std::move(loaded));
}

void LoadHighlights(App& app) {
    // Every few minutes is fresh enough, and a busy afternoon of visits costs nothing.
    if (app.HighlightsAt > -1e300 && app.Now() - app.HighlightsAt < App::kHighlightsEvery)
        return;
    app.HighlightsAt = app.Now();
    Tallies tallies;
    for (const std::string& id : HighlightQuestions(app.Pack)) {
        std::vector<std::pair<std::string, int64_t>> tally;
        std::string error;
        if (!app.Journal->Tally(id, &tally, &error)) {
            Log(error);
            continue;
        }
        tallies[id].assign(tally.begin(), tally.end());
    }
    VisitAction loaded{VisitKind::HighlightsLoaded};
    loaded.Highlights = PickHighlights(app.Pack, tallies, app.Flow.Config.MinResults, 6);
    if (std::string error; !app.Journal->News(&loaded.News, &error)) // the wijk's updates, as the store sent them
        Log(error);
    app.Queue.Push(std::move(loaded));
}

} // namespace

void RunVisitEffect(App& app, const VisitEffect& e) {
    switch (e.Kind) {
    case VisitEffectKind::CommitAnswers: CommitAnswers(app, e); break;
    case VisitEffectKind::LoadResults: LoadResults(app, e); break;
    case VisitEffectKind::LoadHighlights: LoadHighlights(app); break;
    case VisitEffectKind::EndSession:
        break; // nothing of the visit is kept in memory; the journal already has its answers
    }
}

} // namespace kiosk
