// A zone of the praatplaat, before its questions (issue 14): what it is about, in the
// zone's own words (its explain text), read aloud like every screen. Then "Beginnen"
// starts its questions; "Terug naar de praatplaat" goes back to the poster.
#include "kiosk/screen_parts.hpp"
#include "kiosk/flow.hpp"
#include "widgets/touch.hpp"

namespace kiosk {

using widgets::ButtonKind;
using widgets::TextBlock;
using widgets::TouchButton;

void DrawZone(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const content::Poll* zone = CurrentPoll(*ctx.Flow, s);
    if (!zone)
        return;
    const float width = L.Display.x - L.Px(240);
    float y = L.Top() + L.Px(40);
    y += TextBlock(t, t.Title, Tr(ctx, s, zone->Title), L.Px(120), y, width, t.Text) + L.Px(40);
    y += TextBlock(t, t.Title == t.Button ? t.Body : t.Button, Tr(ctx, s, zone->Explain), L.Px(120), y, width, t.Text);
    std::string count = FillTemplate(U(ctx, s, "zone.questions"), "n", std::to_string(zone->Questions.size()));
    TextBlock(t, t.Body, count, L.Px(120), y + L.Px(40), width, t.TextMuted);

    const float bar_y = L.Px(920), bar_h = L.Px(110);
    if (TouchButton(t, "zone-back", U(ctx, s, "zone.back"), ImVec2(L.Px(80), bar_y), ImVec2(L.Px(560), bar_h),
                    ButtonKind::Quiet))
        out->push_back(VisitAction{VisitKind::Stop});
    if (TouchButton(t, "zone-start", U(ctx, s, "zone.start"), ImVec2(L.Display.x - L.Px(80 + 560), bar_y),
                    ImVec2(L.Px(560), bar_h), ButtonKind::Primary))
        out->push_back(VisitAction{VisitKind::Next});
}

} // namespace kiosk
