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
    // In portrait the top row is too narrow for both corners: the speech buttons go in a
    // second row under A+ and contrast (Layout::Top leaves room for it).
    ImVec2 pos(L.Px(16), L.Portrait() ? L.Px(14) + std::max(h, t.MinTargetPx()) + gap : L.Px(14));

    const std::string& read = U(ctx, s, "speech.read");
    if (widgets::IconButton(t, "speech-read", read, Pictogram::Speaker, pos, h, ButtonKind::Quiet))
        out->push_back(SpeechAction{SpeechKind::ReadAloud});
    pos.x += widgets::IconButtonWidth(t, read, Pictogram::Speaker, false, h) + gap;

    const std::string& on = U(ctx, s, s.SpeechOn ? "speech.is_on" : "speech.on");
    if (widgets::IconButton(t, "speech-on", on, Pictogram::None, pos, h, ButtonKind::Quiet, s.SpeechOn))
        out->push_back(SpeechAction{s.SpeechOn ? SpeechKind::Off : SpeechKind::On});
}

float SpeechCornerRight(const ScreenContext& ctx, const FlowState& s, const Layout& L) {
    const widgets::Theme& t = *ctx.Theme;
    const float h = L.Px(84), gap = std::max(L.Px(20), t.MinSpacingPx() + 2.0f);
    if (L.Portrait())
        return 0; // in its own row
    return L.Px(16) + widgets::IconButtonWidth(t, U(ctx, s, "speech.read"), Pictogram::Speaker, false, h) + gap +
           widgets::IconButtonWidth(t, U(ctx, s, s.SpeechOn ? "speech.is_on" : "speech.on"), Pictogram::None,
                                    s.SpeechOn, h);
}

} // namespace kiosk
