// The praatplaat's own screens: the three archetypes, the poster with its zones, the
// outcome, and the results ("zo antwoordde de wijk tot nu toe").
#include "content/outcome.hpp"
#include "kiosk/screen_parts.hpp"
#include "widgets/chart.hpp"
#include "widgets/registry.hpp"
#include "widgets/touch.hpp"

#include <algorithm>

namespace kiosk {

using widgets::ButtonKind;
using widgets::Pictogram;
using widgets::TextBlock;
using widgets::TouchButton;

void DrawIntro(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const auto& archetypes = ctx.Flow->Pack->Archetypes;
    // Titles start under the corner buttons (A+, contrast, reading aloud). With large text
    // this full screen keeps its title to one line, and each picture moves beside its name.
    const bool large = t.TextScale > 1.0f;
    const float title_end = L.Top() + TextBlock(t, large ? t.Button : t.Title, U(ctx, s, "intro.title"), L.Px(80),
                                                L.Top(), L.Display.x - L.Px(160), t.Text);
    const float col_w = 560, gap = 40;
    const float box_top = std::max(L.Px(230), title_end + L.Px(20)), box_bottom = L.Px(880);
    const float pict = L.Px(large ? 110 : 200);
    float x = L.Cx() - L.Px(col_w * 3 + gap * 2) * 0.5f;
    for (size_t i = 0; i < archetypes.size(); i++) {
        const content::Archetype& a = archetypes[i];
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const float mx = t.X(x, L.Px(col_w)); // the box as drawn (mirrored in Arabic)
        dl->AddRect(ImVec2(mx, box_top), ImVec2(mx + L.Px(col_w), box_bottom), t.CardBorder, L.Px(18), 0, L.Px(3));
        float y = box_top + L.Px(24);
        if (large) {
            widgets::DrawPictogram(dl, ArchetypePictogram(i), ImVec2(t.X(x + L.Px(20), pict), y), pict, t.Text);
            float label_h = TextBlock(t, t.Button, Tr(ctx, s, a.Label), x + L.Px(40) + pict, y,
                                      L.Px(col_w - 60) - pict, t.Text);
            y += std::max(pict, label_h) + L.Px(16);
        } else {
            widgets::DrawPictogram(dl, ArchetypePictogram(i), ImVec2(mx + (L.Px(col_w) - pict) * 0.5f, y), pict, t.Text);
            y += pict + L.Px(20);
            y += TextBlock(t, t.Button, Tr(ctx, s, a.Label), x + L.Px(20), y, L.Px(col_w - 40), t.Text) + L.Px(16);
        }
        TextBlock(t, t.Body, Tr(ctx, s, a.Explain), x + L.Px(20), y, L.Px(col_w - 40), t.TextMuted);
        x += L.Px(col_w + gap);
    }
    if (TouchButton(t, "next", U(ctx, s, "intro.next"), L.Centered(700, 910), ImVec2(L.Px(700), L.Px(120)),
                    ButtonKind::Primary))
        out->push_back(VisitAction{VisitKind::Next});
}

void DrawPoster(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const content::Pack& pack = *ctx.Flow->Pack;
    const float width = L.Display.x - L.Px(160);
    const float title_end = L.Top() + TextBlock(t, t.TextScale > 1.0f ? t.Button : t.Title, U(ctx, s, "poster.title"),
                                                L.Px(80), L.Top(), width, t.Text);

    // Two bands: the four kompas points, then the five bouwstenen. Each heading under what
    // came before (a title or heading of two lines in a long language, or in large text);
    // the zone buttons share the height that is left above the bottom bar.
    struct Band {
        content::PollKind Kind;
        const char* Heading;
        std::vector<const content::Poll*> Zones;
    } bands[] = {{content::PollKind::Kompas, "poster.kompas", {}}, {content::PollKind::Bouwsteen, "poster.bouwstenen", {}}};
    const float bar_top = L.Px(920), heading_gap = L.Px(10), band_gap = L.Px(30);
    float y = title_end + L.Px(16), room = bar_top - band_gap - y;
    int shown = 0;
    for (Band& band : bands) {
        for (const content::Poll& z : pack.Zones)
            if (z.Kind == band.Kind)
                band.Zones.push_back(&z);
        if (band.Zones.empty())
            continue;
        room -= widgets::TextBlockHeight(t.Button, U(ctx, s, band.Heading), width) + heading_gap + band_gap;
        shown++;
    }
    const float zone_h = std::max(t.MinTargetPx(), std::min(L.Px(220), room / float(std::max(shown, 1))));
    for (const Band& band : bands) {
        if (band.Zones.empty())
            continue;
        y += TextBlock(t, t.Button, U(ctx, s, band.Heading), L.Px(80), y, width, t.TextMuted) + heading_gap;
        const float gap = 30;
        const float w = std::min(420.0f, (1760 - gap * float(band.Zones.size() - 1)) / float(band.Zones.size()));
        float x = L.Cx() - L.Px(w * float(band.Zones.size()) + gap * float(band.Zones.size() - 1)) * 0.5f;
        for (const content::Poll* z : band.Zones) {
            bool done = std::find(s.DoneZones.begin(), s.DoneZones.end(), z->Id) != s.DoneZones.end();
            std::string label = Tr(ctx, s, z->Title);
            if (done) // finished zones say so in words, not only with the check mark
                label += "\n(" + U(ctx, s, "poster.done_zone") + ")";
            if (TouchButton(t, z->Id, label, ImVec2(x, y), ImVec2(L.Px(w), zone_h), ButtonKind::Card, Pictogram::None,
                            done))
                out->push_back(VisitAction{VisitKind::OpenZone, z->Id});
            x += L.Px(w + gap);
        }
        y += zone_h + band_gap;
    }
    const float bar_y = L.Px(920), bar_h = L.Px(110);
    if (TouchButton(t, "stop", U(ctx, s, "question.stop"), ImVec2(L.Px(80), bar_y), ImVec2(L.Px(320), bar_h),
                    ButtonKind::Quiet))
        out->push_back(VisitAction{VisitKind::Stop});
    if (TouchButton(t, "outcome", U(ctx, s, "poster.outcome"), ImVec2(L.Display.x - L.Px(80 + 700), bar_y),
                    ImVec2(L.Px(700), bar_h), ButtonKind::Primary))
        out->push_back(VisitAction{VisitKind::ShowOutcome});
}

void DrawOutcome(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const content::Outcome outcome = content::ComputeOutcome(*ctx.Flow->Pack, s.Given);
    const float width = L.Display.x - L.Px(240);
    float y = L.Top();
    y += TextBlock(t, t.Title, U(ctx, s, "outcome.title"), L.Px(120), y, width, t.Text) + L.Px(20);
    if (outcome.Lean) {
        y += TextBlock(t, t.Body, U(ctx, s, "outcome.lean"), L.Px(120), y, width, t.TextMuted) + L.Px(10);
        size_t index = size_t(outcome.Level - 1);
        widgets::DrawPictogram(ImGui::GetWindowDrawList(), ArchetypePictogram(index), ImVec2(t.X(L.Px(160), L.Px(150)), y), L.Px(150),
                               t.Text);
        float ty = y + L.Px(10);
        ty += TextBlock(t, t.Button, Tr(ctx, s, outcome.Lean->Label), L.Px(360), ty, width - L.Px(280), t.Text);
        ty += TextBlock(t, t.Body, Tr(ctx, s, outcome.Lean->Explain), L.Px(360), ty, width - L.Px(280), t.TextMuted);
        y = std::max(y + L.Px(170), ty + L.Px(20));
    } else {
        y += TextBlock(t, t.Body, U(ctx, s, "outcome.no_lean"), L.Px(120), y, width, t.TextMuted) + L.Px(30);
    }
    if (outcome.Lean && !outcome.WitteVlekken.empty()) {
        y += TextBlock(t, t.Button, U(ctx, s, "outcome.vlekken"), L.Px(120), y, width, t.Text) + L.Px(10);
        size_t shown = 0;
        for (const content::Question* q : outcome.WitteVlekken) {
            if (shown++ == 4 || y > L.Px(820))
                break;
            y += TextBlock(t, t.Body, "\u2022 " + Tr(ctx, s, q->Prompt), L.Px(120), y, width, t.Text) + L.Px(6);
        }
    } else if (outcome.Lean) {
        TextBlock(t, t.Body, U(ctx, s, "outcome.no_vlekken"), L.Px(120), y, width, t.Text);
    }
    if (TouchButton(t, "done", U(ctx, s, "outcome.done"), L.Centered(700, 920), ImVec2(L.Px(700), L.Px(120)),
                    ButtonKind::Primary))
        out->push_back(VisitAction{VisitKind::Done});
}

void DrawResults(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const content::Pack& pack = *ctx.Flow->Pack;
    const float width = L.Display.x - L.Px(240);
    float y = L.Top();
    y += TextBlock(t, t.Title, U(ctx, s, "results.title"), L.Px(120), y, width, t.Text) + L.Px(30);
    if (s.Charts.empty() || s.ChartIndex >= int(s.Charts.size())) {
        TextBlock(t, t.Body, U(ctx, s, "results.too_few"), L.Px(120), y + L.Px(80), width, t.TextMuted);
    } else {
        const Chart& chart = s.Charts[size_t(s.ChartIndex)];
        const content::Question* q = content::QuestionOfAnswer(pack, chart.AnswerId);
        if (q) {
            std::string heading = Tr(ctx, s, q->Prompt);
            for (const content::Option& row : q->Rows) // a matrix row: say which topic
                if (content::MatrixAnswerId(*q, row.Id) == chart.AnswerId)
                    heading += " - " + Tr(ctx, s, row.Label);
            y += TextBlock(t, t.Button, heading, L.Px(120), y, width, t.Text) + L.Px(30);
            std::vector<widgets::Bar> bars;
            for (const auto& [id, count] : chart.Counts)
                for (const content::Option& o : q->Options)
                    if (o.Id == id)
                        bars.push_back({Tr(ctx, s, o.Label), count});
            widgets::BarChart(t, bars, ImVec2(L.Px(120), y), ImVec2(width, L.Px(880) - y));
        }
    }
    if (TouchButton(t, "next", U(ctx, s, "results.next"), L.Centered(700, 920), ImVec2(L.Px(700), L.Px(120)),
                    ButtonKind::Primary))
        out->push_back(VisitAction{VisitKind::Next});
}

} // namespace kiosk
