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

struct Layout {
    const widgets::Theme& T;
    ImVec2 Display;
    float Cx() const { return Display.x * 0.5f; }
    float Px(float v) const { return T.Px(v); }
    float Bottom() const { return Display.y; }
    // Where a screen's title may start: under the corner buttons (A+, contrast, lees voor).
    float Top() const { return std::max(Px(kCornerBand), T.MinTargetPx() + Px(14) + T.MinSpacingPx()); }
    // A box of design size w x h, centred horizontally, at design y.
    ImVec2 Centered(float w, float y) const { return ImVec2(Cx() - Px(w) * 0.5f, Px(y)); }
};

const std::string& U(const ScreenContext& ctx, const FlowState& s, const char* key);
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
void DrawOutcome(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out);
void DrawResults(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out);
// The speech controls in the top-left corner, on every screen (screen_speech_corner.cpp).
void DrawSpeechCorner(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out);

} // namespace kiosk
