// Shared by the screen files: layout in design pixels (1920x1080) and text lookups.
#pragma once
#include "kiosk/screens.hpp"
#include "widgets/pictogram.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace kiosk {

// Design px: the top band the corner controls take (speech top-left, A+ top-right);
// titles at the top of a screen start under it.
constexpr float kCornerBand = 108;

// Design px: the bottom bar (Stoppen, Terug | the way on) and the margin at the sides.
constexpr float kNavBarH = 120, kNavBarGap = 24, kSide = 80;
constexpr float kWayOnW = 520, kStopW = 330;

struct Layout {
    const widgets::Theme& T;
    ImVec2 Display;
    float Cx() const { return Display.x * 0.5f; }
    float Px(float v) const { return T.Px(v); }
    float Bottom() const { return Display.y; }
    // The screen in design px: 1920x1080 on a full-HD screen, about 1730x1080 at 1280x800,
    // 1536 wide and 2460-2730 high in portrait. Rows fit W(); the bar sits at H().
    float W() const { return Display.x / T.Scale; }
    float H() const { return Display.y / T.Scale; }
    bool Portrait() const { return Display.y > Display.x; }
    // Design width of the content between the side margins, at most `most`.
    float ContentW(float most = 1760) const { return std::min(most, W() - 2 * kSide); }
    // The bottom bar (px): 920 design px from the top on a landscape screen; its buttons
    // never under 11.5 mm high.
    float BarH() const { return std::max(Px(kNavBarH), T.MinTargetPx()); }
    float BarY() const { return Display.y - Px(kNavBarGap) - BarH(); }
    // The quiet "Deze vraag overslaan": in the bar between Terug and the way on on a wide
    // screen, in a row over the bar in portrait (where the bar has no room and the
    // screen has height to spare).
    bool SkipInBar() const { return !Portrait(); }
    float SkipH() const { return SkipInBar() ? BarH() : std::max(Px(kNavBarH - 20), T.MinTargetPx()); }
    float SkipY() const { return SkipInBar() ? BarY() : BarY() - Gap() - SkipH(); }
    // x and width (px) of the skip button.
    ImVec2 SkipBox() const {
        if (!SkipInBar()) {
            const float w = std::min(Px(700), Display.x - 2 * Px(kSide));
            return ImVec2(Cx() - w * 0.5f, w);
        }
        const float left = Px(kSide) + 2 * std::max(Px(kStopW), T.MinTargetPx()) + 2 * Gap();
        const float right = Display.x - Px(kSide) - Px(kWayOnW) - Gap();
        return ImVec2(left, right - left);
    }
    // Where the answers end: over the skip row, or over the bar.
    float AnswersBottom() const { return (SkipInBar() ? BarY() : SkipY()) - Gap(); }
    // The space between two buttons: 2.5 mm at least.
    float Gap() const { return std::max(Px(30), T.MinSpacingPx() + 1); }
    // Where a screen's title may start: under the corner buttons (A+, contrast, lees voor).
    // In portrait the speech buttons have a second row under A+ and contrast.
    float Top() const {
        const float row = std::max(Px(84), T.MinTargetPx());
        const float band = std::max(Px(kCornerBand), row + Px(14) + T.MinSpacingPx());
        return Portrait() ? band + row + std::max(Px(20), T.MinSpacingPx() + 2.0f) : band;
    }
    // A box of design size w x h, centred horizontally, at design y.
    ImVec2 Centered(float w, float y) const { return ImVec2(Cx() - Px(w) * 0.5f, Px(y)); }
};

const std::string& U(const ScreenContext& ctx, const FlowState& s, const char* key);

// The fixed navigation (issue 15): the way on (Verder, Klaar) bottom-right, the same box
// and colour on every screen; Stoppen bottom-left with Terug beside it; skipping a quiet
// button over the middle of the bar, never where the way on stands.
bool WayOn(const ScreenContext& ctx, const FlowState& s, const Layout& L, const char* id, const std::string& label);
bool StopButton(const ScreenContext& ctx, const FlowState& s, const Layout& L, const std::string& label);
bool BackButton(const ScreenContext& ctx, const FlowState& s, const Layout& L, const std::string& label);
bool SkipButton(const ScreenContext& ctx, const FlowState& s, const Layout& L, const std::string& label);
// "Terug naar de praatplaat" on a zone's first screen: bottom-left, as wide as Stoppen and Terug.
bool ZoneBackButton(const ScreenContext& ctx, const FlowState& s, const Layout& L, const std::string& label);
// The sender ("Gemeente Groningen · gebiedsteam") under a screen's texts; returns its height.
// With the pack's logo beside it (or above it where a row is too narrow). size: the
// name's font size (0: the body face's own).
float DrawSender(const ScreenContext& ctx, const FlowState& s, const Layout& L, float y, float size = 0);
float DrawSenderIn(const ScreenContext& ctx, const FlowState& s, const Layout& L, float x, float y, float width,
                   float size = 0);
float SenderRowWidth(const ScreenContext& ctx, const FlowState& s, const Layout& L); // logo and name in one row
const std::string& Tr(const ScreenContext& ctx, const FlowState& s, const content::Text& text);

// The picture for an option of a scale type (smileys, yes/no), or none.
widgets::Pictogram OptionPictogram(content::QuestionType type, size_t index);
widgets::Pictogram ArchetypePictogram(size_t index);

// The text box and keyboard of a free-text question between top and bottom.
float DrawTextAnswer(const ScreenContext& ctx, const FlowState& s, const Layout& L, const content::Question& q,
                     float top, float bottom, std::vector<Action>* out);
void DrawQuestion(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out);
void DrawIntro(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out);
void DrawPoster(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out);
void DrawZone(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out);
// Returns where its texts end (px).
float DrawOutcome(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out);
void DrawResults(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out);
// The speech controls in the top-left corner, on every screen (screen_speech_corner.cpp).
void DrawSpeechCorner(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out);
// Where the speech buttons end in the top row (px, left to right; 0 in portrait, where
// they have a row of their own).
float SpeechCornerRight(const ScreenContext& ctx, const FlowState& s, const Layout& L);
// Where A+ and contrast begin in the top row (px, left to right).
float CornerButtonsLeft(const ScreenContext& ctx, const Layout& L);

} // namespace kiosk
