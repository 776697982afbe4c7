// The flow's part for a campfire meeting (kampvuurbijeenkomst, docs/campfire.md): the
// facilitator sets up a session behind the admin PIN, picks praatplaat zones and polls,
// the group answers each question by tapping in turn or by a count of hands, the chart
// shows when the facilitator reveals it, agreements are recorded, and a summary is
// exported. Pure like the rest of the flow: Step() hands it every CampfireAction and the
// Ticks of the group screens; the clock is the one Step() is given; storage and files are
// effects (kiosk/campfire_effects.cpp). Its state is FlowState::Campfire, plus the screen.
#pragma once
#include "content/outcome.hpp"
#include "kiosk/flow.hpp"

namespace kiosk {

bool IsCampfireScreen(Screen screen);

// Handles a CampfireAction: every tap on the group screens, the group effects' results, and
// Start on the admin screen. Elsewhere it changes nothing.
FlowState StepCampfire(const FlowContext& ctx, FlowState s, const CampfireAction& a, double now,
                       std::vector<Effect>* effects);
// A Tick on a group screen: the long idle time-out, the end of "Stem geteld".
FlowState TickCampfire(const FlowContext& ctx, FlowState s, double now, std::vector<Effect>* effects);

// When a group screen must next see a Tick (absolute, may be infinity).
double CampfireDeadline(const FlowContext& ctx, const FlowState& s);

// Question types a group answers: with one tap or one count per option (single choice,
// smiley, agree, yes/no, each row of a matrix; multiple choice: a tap per option chosen;
// top 3: each person places three dots), or together (budget: the group divides the total
// with + and -). Only free text is left out (docs/campfire.md says why).
bool CampfireSupports(content::QuestionType type);
// A budget question's total not yet given to an option by the group.
long long BudgetLeft(const content::Question& q, const CampfireState& g, const std::string& answer_id);
// The steps of a poll or zone for the group: its supported questions, a matrix as one
// step per row. Empty when it has none.
std::vector<CampfireItem> CampfireItems(const content::Poll& poll);
// How many of the poll's questions the group gets (a matrix counts once).
int CampfireQuestionCount(const content::Poll& poll);

// The current step's question (nullptr when none) and its answer id (QUESTION or QUESTION.ROW).
const content::Question* CampfireQuestion(const FlowContext& ctx, const FlowState& s);
std::string CampfireAnswerId(const CampfireItem& item);
// Votes for one answer id, in all.
long long CampfireTotal(const CampfireState& g, const std::string& answer_id);

// The counts as the outcome rule reads them, and the group's outcome (docs/campfire.md).
content::CampfireCounts CampfireCountsOf(const CampfireState& g);
content::Outcome CampfireOutcome(const FlowContext& ctx, const CampfireState& g);

// The answer ids with a note, in pack order (then any the pack no longer has).
std::vector<std::string> SummaryNotes(const FlowContext& ctx, const CampfireState& g);
// The answer ids with votes, in pack order: one chart each on the summary.
std::vector<std::string> SummaryCharts(const FlowContext& ctx, const CampfireState& g);
// The summary's charts in pages of two columns, packed in order: a chart needs room for
// its heading and kSummaryOptionPx per option (so its words stay readable from a step
// away); a column has kSummaryColumnPx (design px). A chart too tall for any column gets
// a column of its own. At least one page, maybe empty.
constexpr float kSummaryHeadingPx = 90, kSummaryOptionPx = 80, kSummaryColumnPx = 650;
using SummaryPage = std::vector<std::vector<std::string>>; // columns of answer ids
std::vector<SummaryPage> SummaryLayout(const FlowContext& ctx, const CampfireState& g);
// The summary's pages: the pages of charts, then one with the notes of what was said (if any).
int SummaryPages(const FlowContext& ctx, const CampfireState& g);
// The design height a chart asks for.
float SummaryChartPx(const content::Question& q);

// Dates as YYYY-MM-DD: days added (or taken off); "" for a malformed date.
std::string AddDays(const std::string& date, int days);
// "2026-11-28" -> "28-11-2026", as a Dutch reader writes it.
std::string ShowDate(const std::string& date);
// The file names of an export: "kampvuur-2026-11-28-buurtavond" (+ ".csv", ".png", "-2.png").
std::string ExportBaseName(const CampfireState& g);
std::string ExportPngName(const CampfireState& g, int page); // page 0: BASE.png, page 1: BASE-2.png

} // namespace kiosk
