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

using widgets::RoleScope;
using widgets::TextRole;

namespace {

// A picture for each zone of the poster, by its place: the kompas points, then the bouwstenen.
Pictogram ZonePictogram(const content::Poll& zone, size_t index_in_band) {
    const Pictogram kompas[] = {Pictogram::People, Pictogram::Eye, Pictogram::Verdelen, Pictogram::Adviseren};
    const Pictogram bouwstenen[] = {Pictogram::House, Pictogram::Aanjagen, Pictogram::Heart, Pictogram::Hammer,
                                    Pictogram::Book};
    if (zone.Kind == content::PollKind::Kompas)
        return kompas[index_in_band % 4];
    return bouwstenen[index_in_band % 5];
}

// A screen's title under the corner buttons; returns where the next text may start.
// size > 0: the title face at that size.
float DrawTitle(const ScreenContext& ctx, const Layout& L, const std::string& title, float size = 0.0f) {
    const widgets::Theme& t = *ctx.Theme;
    RoleScope role(TextRole::Title);
    return L.Top() + TextBlock(t, t.Title, title, L.Px(kSide), L.Top(), L.Display.x - 2 * L.Px(kSide), t.Text, size);
}

} // namespace

void DrawIntro(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const auto& archetypes = ctx.Flow->Pack->Archetypes;
    // The fullest screen: with A+ on a wide screen its title grows less (one line), so
    // the three explanations keep their room.
    const bool wide_large = !L.Portrait() && t.TextScale > 1.0f;
    const float title_end = DrawTitle(ctx, L, U(ctx, s, "intro.title"), wide_large ? L.Px(88) : 0.0f);
    // Three boxes side by side, or (portrait) one under the other with the picture beside
    // the words; with large text the picture moves beside the name in landscape too.
    const bool stacked = L.Portrait();
    const bool beside = stacked || t.TextScale > 1.0f;
    const float gap = L.Px(30), n = float(std::max<size_t>(archetypes.size(), 1));
    const float total = L.Px(std::min(1840.0f, L.W() - 80)); // the full width: the most text of any screen
    const float box_w = stacked ? total : (total - gap * (n - 1)) / n;
    const float top = title_end + L.Px(20), bottom = L.BarY() - L.Gap();
    const float box_h = stacked ? (bottom - top - gap * (n - 1)) / n : bottom - top;
    const float pict = std::min(L.Px(stacked ? 150 : beside ? 100 : 200), box_w * 0.3f);
    // With A+ the explanations grow as far as their boxes have room (one size for all three,
    // never under 1.05 times the size without A+): the longest language on a smaller screen.
    float body = t.Body->FontSize;
    if (t.TextScale > 1.0f && !stacked) {
        const float normal = t.Body->FontSize / t.TextScale, pad = L.Px(16), tw = box_w - 3 * pad - pict;
        auto fits = [&](float size) {
            for (const content::Archetype& a : archetypes) {
                const float label_h = widgets::TextBlockHeight(t.Button, Tr(ctx, s, a.Label), tw);
                if (L.Px(24) + std::max(pict, label_h) + L.Px(16) +
                        widgets::TextBlockHeight(t.Body, Tr(ctx, s, a.Explain), box_w - 2 * pad, size) >
                    box_h)
                    return false;
            }
            return true;
        };
        while (body > normal * 1.06f && !fits(body))
            body = std::max(normal * 1.05f, body * 0.95f);
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (size_t i = 0; i < archetypes.size(); i++) {
        const content::Archetype& a = archetypes[i];
        const float x = L.Cx() - total * 0.5f + (stacked ? 0.0f : (box_w + gap) * float(i));
        const float by = top + (stacked ? (box_h + gap) * float(i) : 0.0f);
        const float mx = t.X(x, box_w); // the box as drawn (mirrored in Arabic)
        dl->AddRect(ImVec2(mx, by), ImVec2(mx + box_w, by + box_h), t.CardBorder, L.Px(18), 0, L.Px(3));
        float y = by + L.Px(24);
        const float pad = L.Px(16);
        if (beside) {
            widgets::DrawPictogram(dl, ArchetypePictogram(i), ImVec2(t.X(x + pad, pict), y), pict, t.Text);
            const float tx = x + 2 * pad + pict, tw = box_w - 3 * pad - pict;
            float label_h;
            {
                RoleScope role(TextRole::Option);
                label_h = TextBlock(t, t.Button, Tr(ctx, s, a.Label), tx, y, tw, t.Text);
            }
            RoleScope role(TextRole::Body);
            if (stacked) // the explanation beside the picture, under the name
                TextBlock(t, t.Body, Tr(ctx, s, a.Explain), tx, y + label_h + L.Px(12), tw, t.TextMuted, body);
            else
                TextBlock(t, t.Body, Tr(ctx, s, a.Explain), x + pad, y + std::max(pict, label_h) + L.Px(16),
                          box_w - 2 * pad, t.TextMuted, body);
        } else {
            widgets::DrawPictogram(dl, ArchetypePictogram(i), ImVec2(mx + (box_w - pict) * 0.5f, y), pict, t.Text);
            y += pict + pad;
            {
                RoleScope role(TextRole::Option);
                y += TextBlock(t, t.Button, Tr(ctx, s, a.Label), x + pad, y, box_w - 2 * pad, t.Text) + L.Px(16);
            }
            RoleScope role(TextRole::Body);
            TextBlock(t, t.Body, Tr(ctx, s, a.Explain), x + pad, y, box_w - 2 * pad, t.TextMuted, body);
        }
    }
    if (WayOn(ctx, s, L, "next", U(ctx, s, "intro.next")))
        out->push_back(VisitAction{VisitKind::Next});
}

void DrawPoster(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const content::Pack& pack = *ctx.Flow->Pack;
    const float width = L.Display.x - 2 * L.Px(kSide);
    // As on the intro: with A+ on a wide screen the title grows less, the cards keep their room.
    const bool wide_large = !L.Portrait() && t.TextScale > 1.0f;
    const float title_end = DrawTitle(ctx, L, U(ctx, s, "poster.title"), wide_large ? L.Px(88) : 0.0f);

    // Two bands: the four kompas points, then the five bouwstenen, each a grid of cards
    // that fits the width (one row on a wide screen, two or three columns in portrait).
    // Each heading under what came before; the cards share the height that is left.
    struct Band {
        content::PollKind Kind;
        const char* Heading;
        std::vector<const content::Poll*> Zones;
        size_t Cols = 1, Rows = 1;
    } bands[] = {{content::PollKind::Kompas, "poster.kompas", {}}, {content::PollKind::Bouwsteen, "poster.bouwstenen", {}}};
    // With A+ on a wide screen the bands come closer, so the cards keep their height.
    const float heading_gap = L.Px(10), band_gap = L.Px(wide_large ? 16 : 30);
    const float gap = std::max(L.Px(wide_large ? 24 : 30), t.MinSpacingPx() + 1);
    float y = title_end + L.Px(16);
    std::vector<std::string> labels;
    for (Band& band : bands)
        for (const content::Poll& z : pack.Zones)
            if (z.Kind == band.Kind) {
                band.Zones.push_back(&z);
                std::string label = Tr(ctx, s, z.Title);
                if (std::find(s.DoneZones.begin(), s.DoneZones.end(), z.Id) != s.DoneZones.end())
                    label += "\n(" + U(ctx, s, "poster.done_zone") + ")";
                labels.push_back(label);
            }
    // The cards' size and their words' size for a number of columns per band (at most
    // `most`); one size for every card's words: the size at which the longest fits (with
    // its picture and, when finished, the check mark).
    struct Cards {
        float W, H, Font;
        bool Fits; // every row at 11.5 mm at least
    };
    const float total = L.Px(L.ContentW());
    // cols: the most columns of each band (kompas, bouwstenen) on a wide screen.
    auto layout = [&](const size_t (&cols)[2]) {
        float room = L.BarY() - band_gap - y;
        size_t rows = 0, widest = 1;
        for (size_t b = 0; b < 2; b++) {
            Band& band = bands[b];
            if (band.Zones.empty())
                continue;
            const size_t n = band.Zones.size();
            band.Cols = L.Portrait() ? (n <= 4 ? 2 : 3) : std::min(n, cols[b]);
            band.Rows = (n + band.Cols - 1) / band.Cols;
            rows += band.Rows;
            widest = std::max(widest, band.Cols);
            room -= widgets::TextBlockHeight(t.Body, U(ctx, s, band.Heading), width) + heading_gap + band_gap +
                    gap * float(band.Rows - 1);
        }
        Cards c;
        c.Fits = room / float(std::max<size_t>(rows, 1)) >= t.MinTargetPx() + 1.0f;
        c.H = std::max(t.MinTargetPx(), std::min(L.Px(L.Portrait() ? 300 : 270), room / float(std::max<size_t>(rows, 1))));
        // One row a band: cards of at most 420 design px; fewer columns make wide cards,
        // the picture beside the words.
        const float most_w = L.Portrait() ? 700 : widest >= 4 ? 420 : 860;
        c.W = std::min(L.Px(most_w), (total - gap * float(widest - 1)) / float(widest));
        RoleScope role(TextRole::Option);
        c.Font = widgets::ButtonFontSize(t, labels, ImVec2(c.W, c.H), true, true);
        return c;
    };
    // Each band in one row on a wide screen; with A+, where its words would be smaller than
    // without, in fewer columns and more rows instead if that lets them be larger.
    size_t chosen[2] = {99, 99};
    Cards cards = layout(chosen);
    if (!L.Portrait() && t.TextScale > 1.0f) {
        const size_t tries[][2] = {{99, 3}, {2, 99}, {2, 3}, {2, 2}};
        for (const auto& cols : tries) {
            const Cards c = layout(cols);
            if (c.Fits && c.Font > cards.Font * 1.02f) {
                cards = c;
                chosen[0] = cols[0];
                chosen[1] = cols[1];
            }
        }
        cards = layout(chosen); // the bands' columns of the one chosen
    }
    const float zone_h = cards.H, w = cards.W, font = cards.Font;
    size_t label_i = 0;
    for (const Band& band : bands) {
        if (band.Zones.empty())
            continue;
        {
            RoleScope role(TextRole::Hint);
            y += TextBlock(t, t.Body, U(ctx, s, band.Heading), L.Px(kSide), y, width, t.TextMuted) + heading_gap;
        }
        RoleScope role(TextRole::Option);
        for (size_t i = 0; i < band.Zones.size(); i++) {
            const content::Poll* z = band.Zones[i];
            const size_t col = i % band.Cols, row = i / band.Cols;
            const size_t in_row = std::min(band.Cols, band.Zones.size() - row * band.Cols);
            const float x = L.Cx() - (w * float(in_row) + gap * float(in_row - 1)) * 0.5f + (w + gap) * float(col);
            const bool done = std::find(s.DoneZones.begin(), s.DoneZones.end(), z->Id) != s.DoneZones.end();
            // Finished zones say so in words, not only with the check mark.
            if (TouchButton(t, z->Id, labels[label_i++], ImVec2(x, y + (zone_h + gap) * float(row)), ImVec2(w, zone_h),
                            ButtonKind::Card, ZonePictogram(*z, i), done, {}, font))
                out->push_back(VisitAction{VisitKind::OpenZone, z->Id});
        }
        y += (zone_h + gap) * float(band.Rows) - gap + band_gap;
    }
    if (StopButton(ctx, s, L, U(ctx, s, "question.stop")))
        out->push_back(VisitAction{VisitKind::Stop});
    if (WayOn(ctx, s, L, "outcome", U(ctx, s, "poster.outcome")))
        out->push_back(VisitAction{VisitKind::ShowOutcome});
}

namespace {

// Say differs per theme (issue 14): one line per group of themes that lean alike, its
// picture, and how many witte vlekken that much say has (the list follows, once).
// Returns the new y; stops where the screen ends.
float DrawThemes(const ScreenContext& ctx, const FlowState& s, const Layout& L,
                 const std::vector<content::ThemeLean>& themes, float y, float last) {
    const widgets::Theme& t = *ctx.Theme;
    const float width = L.Display.x - 2 * L.Px(kSide), x0 = L.Px(kSide);
    y += TextBlock(t, t.Body, U(ctx, s, "outcome.per_theme"), x0, y, width, t.TextMuted) + L.Px(10);
    const float pict = L.Px(90), tx = x0 + pict + L.Px(30), tw = width - pict - L.Px(30);
    for (const content::ThemeLean& g : themes) {
        std::string names;
        for (const content::Option* row : g.Themes)
            names += (names.empty() ? "" : ", ") + Tr(ctx, s, row->Label);
        const std::string head = names + ": " + Tr(ctx, s, g.Lean->Label);
        const std::string sub = g.WitteVlekken.empty() ? U(ctx, s, "outcome.no_vlekken")
                                                       : FillTemplate(U(ctx, s, "outcome.theme_vlekken"), "n",
                                                                      std::to_string(g.WitteVlekken.size()));
        const float h = std::max(pict, widgets::TextBlockHeight(t.Button, head, tw) +
                                            widgets::TextBlockHeight(t.Body, sub, tw));
        if (y + h > last)
            break;
        widgets::DrawPictogram(ImGui::GetWindowDrawList(), ArchetypePictogram(size_t(g.Level - 1)),
                               ImVec2(t.X(x0, pict), y), pict, t.Text);
        float ty = y;
        {
            RoleScope role(TextRole::Option);
            ty += TextBlock(t, t.Button, head, tx, ty, tw, t.Text);
        }
        TextBlock(t, t.Body, sub, tx, ty, tw, t.TextMuted);
        y += h + L.Px(14);
    }
    return y;
}

} // namespace

float DrawOutcome(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const content::Outcome outcome = content::ComputeOutcome(*ctx.Flow->Pack, s.Given);
    const std::vector<content::ThemeLean> themes = content::OutcomeByTheme(*ctx.Flow->Pack, s.Given);
    // The list below: the same rule as the year report's ranking (content/outcome.hpp).
    const std::vector<const content::Question*> vlekken = content::ListedWitteVlekken(*ctx.Flow->Pack, s.Given, nullptr);
    const float width = L.Display.x - 2 * L.Px(kSide), x0 = L.Px(kSide);
    float y = DrawTitle(ctx, L, U(ctx, s, "outcome.title")) + L.Px(10);
    y += DrawSender(ctx, s, L, y) + L.Px(20);
    const float last = L.BarY() - L.Px(30);
    RoleScope body(TextRole::Body);
    if (!themes.empty()) { // per theme, not one label for everything; the most say's vlekken below
        y = DrawThemes(ctx, s, L, themes, y, last) + L.Px(10);
    } else if (outcome.Lean) {
        y += TextBlock(t, t.Body, U(ctx, s, "outcome.lean"), x0, y, width, t.TextMuted) + L.Px(10);
        size_t index = size_t(outcome.Level - 1);
        const float pict = L.Px(150);
        widgets::DrawPictogram(ImGui::GetWindowDrawList(), ArchetypePictogram(index), ImVec2(t.X(x0 + L.Px(20), pict), y),
                               pict, t.Text);
        float ty = y + L.Px(10);
        const float tx = x0 + pict + L.Px(60), tw = width - pict - L.Px(60);
        {
            RoleScope role(TextRole::Option);
            ty += TextBlock(t, t.Button, Tr(ctx, s, outcome.Lean->Label), tx, ty, tw, t.Text);
        }
        ty += TextBlock(t, t.Body, Tr(ctx, s, outcome.Lean->Explain), tx, ty, tw, t.TextMuted);
        y = std::max(y + pict + L.Px(20), ty + L.Px(20));
    } else {
        y += TextBlock(t, t.Body, U(ctx, s, "outcome.no_lean"), x0, y, width, t.TextMuted) + L.Px(30);
    }
    if (!vlekken.empty()) {
        {
            RoleScope role(TextRole::Option);
            y += TextBlock(t, t.Button, U(ctx, s, "outcome.vlekken"), x0, y, width, t.Text) + L.Px(10);
        }
        size_t shown = 0;
        for (const content::Question* q : vlekken) {
            const std::string line = "\u2022 " + Tr(ctx, s, q->Prompt);
            if (shown++ == 4 || y + widgets::TextBlockHeight(t.Body, line, width) > last)
                break;
            y += TextBlock(t, t.Body, line, x0, y, width, t.Text) + L.Px(6);
        }
    } else if (outcome.Lean && themes.empty()) { // per theme, each group says so itself
        y += TextBlock(t, t.Body, U(ctx, s, "outcome.no_vlekken"), x0, y, width, t.Text);
    }
    if (WayOn(ctx, s, L, "done", U(ctx, s, "outcome.done")))
        out->push_back(VisitAction{VisitKind::Done});
    return y + L.Px(20);
}

void DrawResults(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const content::Pack& pack = *ctx.Flow->Pack;
    const float width = L.Display.x - 2 * L.Px(kSide), x0 = L.Px(kSide);
    float y = DrawTitle(ctx, L, U(ctx, s, "results.title")) + L.Px(30);
    if (s.Charts.empty() || s.ChartIndex >= int(s.Charts.size())) {
        RoleScope role(TextRole::Body);
        TextBlock(t, t.Body, U(ctx, s, "results.too_few"), x0, y + L.Px(80), width, t.TextMuted);
    } else {
        const Chart& chart = s.Charts[size_t(s.ChartIndex)];
        const content::Question* q = content::QuestionOfAnswer(pack, chart.AnswerId);
        if (q) {
            std::string heading = Tr(ctx, s, q->Prompt);
            for (const content::Option& row : q->Rows) // a matrix row: say which topic
                if (content::MatrixAnswerId(*q, row.Id) == chart.AnswerId)
                    heading += " - " + Tr(ctx, s, row.Label);
            {
                RoleScope role(TextRole::Body);
                y += TextBlock(t, t.Body, heading, x0, y, width, t.Text) + L.Px(20);
            }
            std::vector<widgets::Bar> bars;
            for (const auto& [id, count] : chart.Counts)
                for (const content::Option& o : q->Options)
                    if (o.Id == id)
                        bars.push_back({Tr(ctx, s, o.Label), count});
            // A budget's counts are amounts: written with their unit (euro).
            const std::string unit = q->Type == content::QuestionType::Budget ? Tr(ctx, s, q->Unit) : std::string();
            widgets::BarChart(t, bars, ImVec2(x0, y), ImVec2(width, std::min(L.BarY() - L.Px(40), y + L.Px(900)) - y), 0,
                              unit);
        }
    }
    if (WayOn(ctx, s, L, "next", U(ctx, s, "results.next")))
        out->push_back(VisitAction{VisitKind::Next});
}

} // namespace kiosk
