// The speech controls in the top-left corner of every screen: "Lees voor" reads the
// screen once; "Alles voorlezen" reads every new screen for the rest of the visit and
// says "Voorlezen staat aan" (with a check mark) while on; a tap turns it off again.
// The volume actions (SpeechLouder/Softer) have no buttons yet: the top band has no room
// left for them next to the progress line (see docs/speech.md).
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
        out->push_back(SpeechAction{SpeechKind::ReadAloud});
    pos.x += widgets::IconButtonWidth(t, read, Pictogram::Speaker, false, h) + gap;

    const std::string& on = U(ctx, s, s.SpeechOn ? "speech.is_on" : "speech.on");
    if (widgets::IconButton(t, "speech-on", on, Pictogram::None, pos, h, ButtonKind::Quiet, s.SpeechOn))
        out->push_back(SpeechAction{s.SpeechOn ? SpeechKind::Off : SpeechKind::On});
}

} // namespace kiosk
