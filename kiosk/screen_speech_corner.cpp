// The speech controls in the top-left corner of every screen: "Lees voor" reads the
// screen once; "Alles voorlezen" reads every new screen for the rest of the visit and
// says "Voorlezen staat aan" (with a check mark) while on; a tap turns it off again.
// While speech is on, "Zachter" and "Harder" under it set the volume for this visit.
#include "kiosk/screen_parts.hpp"
#include "widgets/icon_button.hpp"

#include <algorithm>

namespace kiosk {

using widgets::ButtonKind;
using widgets::Pictogram;

void DrawSpeechCorner(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const float h = L.Px(84), gap = std::max(L.Px(20), t.MinSpacingPx() + 2.0f); // 2.5 mm apart on any screen
    ImVec2 pos(L.Px(16), L.Px(14));

    const std::string& read = U(ctx, s, "speech.read");
    if (widgets::IconButton(t, "speech-read", read, Pictogram::Speaker, pos, h, ButtonKind::Quiet))
        out->push_back({ActionKind::ReadAloud});
    pos.x += widgets::IconButtonWidth(t, read, Pictogram::Speaker, false, h) + gap;

    const std::string& on = U(ctx, s, s.SpeechOn ? "speech.is_on" : "speech.on");
    if (widgets::IconButton(t, "speech-on", on, Pictogram::None, pos, h, ButtonKind::Quiet, s.SpeechOn))
        out->push_back({s.SpeechOn ? ActionKind::SpeechOff : ActionKind::SpeechOn});
    if (!s.SpeechOn)
        return;

    pos.x += widgets::IconButtonWidth(t, on, Pictogram::None, true, h) + gap;
    const std::string& softer = U(ctx, s, "speech.softer");
    if (widgets::IconButton(t, "speech-softer", softer, Pictogram::None, pos, h, ButtonKind::Quiet))
        out->push_back({ActionKind::SpeechSofter});
    pos.x += widgets::IconButtonWidth(t, softer, Pictogram::None, false, h) + gap;
    if (widgets::IconButton(t, "speech-louder", U(ctx, s, "speech.louder"), Pictogram::None, pos, h,
                            ButtonKind::Quiet))
        out->push_back({ActionKind::SpeechLouder});
}

} // namespace kiosk
