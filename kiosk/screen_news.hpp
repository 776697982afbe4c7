// The wijk's updates for residents on the kiosk (issue 14): the news screen, an update in
// turn on the attract screen with the button that opens the news screen, and what happens
// next on the thanks and outcome screens (the words, a QR code to the wijk's public page
// with its address in words, the visit's receipt). Draw state, emit actions; no SQL.
#pragma once
#include "kiosk/screen_parts.hpp"

#include <string>
#include <vector>

namespace kiosk {

// The news screen: the updates newest first, each with its own "Lees voor", and Terug.
void DrawNews(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out);
// On the attract screen, in turn with the invitation: "Nieuws van de gemeente:" and the
// update's title, from y, at k times the faces' sizes (the attract screen fits its texts);
// one_line: both in one row where they fit (a low screen with A+). Returns the height.
float DrawAttractNews(const ScreenContext& ctx, const FlowState& s, const Layout& L, const wsync::NewsItem& item,
                      float y, float k = 1.0f, bool one_line = false);
// The attract screen's button "Nieuws uit de wijk" (target `news`), when there is news.
void DrawNewsButton(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out);
// What happens next, between top and bottom (px): the words, the public page's QR code and
// address, and on the thanks screen the visit's receipt; each part only where it fits.
void DrawNextSteps(const ScreenContext& ctx, const FlowState& s, const Layout& L, float top, float bottom);

// A QR code of text, side px square with its quiet zone, at pos (never mirrored).
void DrawQr(const std::string& text, ImVec2 pos, float side);
// "https://store.example/wijk/Oud%20Zuid" -> "store.example/wijk/Oud Zuid" (what a person types).
std::string ShortAddress(const std::string& url);
// The public page of a wijk at the store a kiosk enrolled at: URL/wijk/NAME, NAME percent-encoded.
std::string PublicPageUrl(const std::string& store_url, const std::string& wijk);

} // namespace kiosk
