// A zone of the praatplaat, before its questions (issue 14): what it is about, in the
// zone's own words (its explain text), read aloud like every screen. Then "Beginnen"
// starts its questions; "Terug naar de praatplaat" goes back to the poster.
#include "kiosk/screen_parts.hpp"
#include "kiosk/flow.hpp"
#include "widgets/registry.hpp"
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
    const float width = L.Display.x - 2 * L.Px(kSide), x0 = L.Px(kSide);
    float y = L.Top() + L.Px(40);
    {
        widgets::RoleScope role(widgets::TextRole::Title);
        y += TextBlock(t, t.Title, Tr(ctx, s, zone->Title), x0, y, width, t.Text) + L.Px(40);
    }
    {
        widgets::RoleScope role(widgets::TextRole::Body);
        y += TextBlock(t, t.Body, Tr(ctx, s, zone->Explain), x0, y, width, t.Text);
    }
    std::string count = FillTemplate(U(ctx, s, "zone.questions"), "n", std::to_string(zone->Questions.size()));
    {
        widgets::RoleScope role(widgets::TextRole::Hint);
        TextBlock(t, t.Body, count, x0, y + L.Px(40), width, t.TextMuted);
    }
    // Back to the poster where Stoppen stands (it takes Terug's place too: its words are
    // long); Beginnen is the way on, bottom-right.
    if (ZoneBackButton(ctx, s, L, U(ctx, s, "zone.back")))
        out->push_back(VisitAction{VisitKind::Stop});
    if (WayOn(ctx, s, L, "zone-start", U(ctx, s, "zone.start")))
        out->push_back(VisitAction{VisitKind::Next});
}

} // namespace kiosk
