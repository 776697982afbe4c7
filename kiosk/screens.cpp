// [SECTION] helpers
// [SECTION] navigation and the sender
// [SECTION] attract
// [SECTION] thanks, still there, error
// [SECTION] corner buttons: A+ and contrast, on every screen
// [SECTION] entry point
#include "kiosk/screens.hpp"
#include "kiosk/screen_admin.hpp"
#include "kiosk/screen_campfire.hpp"
#include "kiosk/screen_news.hpp"
#include "kiosk/screen_parts.hpp"
#include "widgets/registry.hpp"
#include "widgets/touch.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace kiosk {

using widgets::ButtonKind;
using widgets::Pictogram;
using widgets::TextBlock;
using widgets::TouchButton;

//-----------------------------------------------------------------------------
// [SECTION] helpers
//-----------------------------------------------------------------------------

std::string FillTemplate(std::string text, std::string_view key, const std::string& value) {
    std::string token = "{" + std::string(key) + "}";
    for (size_t at = text.find(token); at != std::string::npos; at = text.find(token, at + value.size()))
        text.replace(at, token.size(), value);
    return text;
}

namespace {
float NavFontSize(const ScreenContext& ctx, const FlowState& s, const Layout& L);
} // namespace

const std::string& U(const ScreenContext& ctx, const FlowState& s, const char* key) {
    return content::Ui(*ctx.Flow->Pack, key, s.Lang);
}

const std::string& Tr(const ScreenContext& ctx, const FlowState& s, const content::Text& text) {
    return content::Tr(text, s.Lang, ctx.Flow->Pack->Languages.front());
}

Pictogram OptionPictogram(content::QuestionType type, size_t index) {
    using QT = content::QuestionType;
    if (type == QT::Smiley && index < 5)
        return Pictogram(int(Pictogram::Smiley1) + int(index));
    if (type == QT::YesNo) {
        const Pictogram yes_no[] = {Pictogram::Yes, Pictogram::No, Pictogram::DontKnow};
        return index < 3 ? yes_no[index] : Pictogram::None;
    }
    return Pictogram::None;
}

Pictogram ArchetypePictogram(size_t index) {
    const Pictogram p[] = {Pictogram::Adviseren, Pictogram::Aanjagen, Pictogram::Verdelen};
    return index < 3 ? p[index] : Pictogram::None;
}

//-----------------------------------------------------------------------------
// [SECTION] navigation and the sender
//-----------------------------------------------------------------------------

bool WayOn(const ScreenContext& ctx, const FlowState& s, const Layout& L, const char* id, const std::string& label) {
    widgets::RoleScope role(widgets::TextRole::Nav);
    const widgets::Theme& t = *ctx.Theme;
    const ImVec2 size(L.Px(kWayOnW), L.BarH());
    return TouchButton(t, id, label, ImVec2(L.Display.x - L.Px(kSide) - size.x, L.BarY()), size, ButtonKind::Primary,
                       Pictogram::None, false, {}, NavFontSize(ctx, s, L));
}

bool StopButton(const ScreenContext& ctx, const FlowState& s, const Layout& L, const std::string& label) {
    widgets::RoleScope role(widgets::TextRole::Nav);
    return TouchButton(*ctx.Theme, "stop", label, ImVec2(L.Px(kSide), L.BarY()), ImVec2(L.Px(kStopW), L.BarH()),
                       ButtonKind::Quiet, Pictogram::None, false, {}, NavFontSize(ctx, s, L));
}

bool BackButton(const ScreenContext& ctx, const FlowState& s, const Layout& L, const std::string& label) {
    widgets::RoleScope role(widgets::TextRole::Nav);
    const float stop_w = std::max(L.Px(kStopW), ctx.Theme->MinTargetPx());
    return TouchButton(*ctx.Theme, "back", label, ImVec2(L.Px(kSide) + stop_w + L.Gap(), L.BarY()),
                       ImVec2(L.Px(kStopW), L.BarH()), ButtonKind::Quiet, Pictogram::None, false, {},
                       NavFontSize(ctx, s, L));
}

namespace {
ImVec2 ZoneBackSize(const ScreenContext& ctx, const Layout& L) {
    return ImVec2(2 * std::max(L.Px(kStopW), ctx.Theme->MinTargetPx()) + L.Gap(), L.BarH());
}
} // namespace

bool ZoneBackButton(const ScreenContext& ctx, const FlowState& s, const Layout& L, const std::string& label) {
    widgets::RoleScope role(widgets::TextRole::Nav);
    return TouchButton(*ctx.Theme, "zone-back", label, ImVec2(L.Px(kSide), L.BarY()), ZoneBackSize(ctx, L),
                       ButtonKind::Quiet, Pictogram::None, false, {}, NavFontSize(ctx, s, L));
}

bool SkipButton(const ScreenContext& ctx, const FlowState& s, const Layout& L, const std::string& label) {
    widgets::RoleScope role(widgets::TextRole::Nav);
    const ImVec2 box = L.SkipBox();
    return TouchButton(*ctx.Theme, "skip", label, ImVec2(box.x, L.SkipY()), ImVec2(box.y, L.SkipH()),
                       ButtonKind::Quiet, Pictogram::None, false, {}, NavFontSize(ctx, s, L));
}

namespace {
// One size for every word of the bar, on every screen: the size at which the longest of
// the language's bar words fits the smaller bar button.
float NavFontSize(const ScreenContext& ctx, const FlowState& s, const Layout& L) {
    const content::Pack& pack = *ctx.Flow->Pack;
    std::vector<std::string> words;
    for (const char* key : {"question.stop", "question.next", "question.back", "thanks.done", "outcome.done",
                            "results.next", "intro.next", "poster.outcome", "still_there.continue", "error.done"})
        words.push_back(content::Ui(pack, key, s.Lang));
    const float bar = widgets::ButtonFontSize(*ctx.Theme, words, ImVec2(L.Px(kStopW), L.BarH()));
    const float skip = widgets::ButtonFontSize(*ctx.Theme, {content::Ui(pack, "question.skip", s.Lang)},
                                               ImVec2(L.SkipBox().y, L.SkipH()));
    const float zone_back = widgets::ButtonFontSize(*ctx.Theme, {content::Ui(pack, "zone.back", s.Lang)},
                                                    ZoneBackSize(ctx, L));
    return std::min({bar, skip, zone_back});
}
} // namespace

namespace {

// The logo's box beside the sender's name: two lines of body text high, at most four
// times as wide as high (a wide logo gets lower). Zero without a logo.
ImVec2 LogoSize(const ScreenContext& ctx) {
    if (!ctx.Logo || ctx.LogoPixels.x <= 0 || ctx.LogoPixels.y <= 0)
        return ImVec2(0, 0);
    const float h = ctx.Theme->Body->FontSize * 2.0f, aspect = ctx.LogoPixels.x / ctx.LogoPixels.y;
    return aspect > 4.0f ? ImVec2(4 * h, 4 * h / aspect) : ImVec2(h * aspect, h);
}

void DrawLogo(const ScreenContext& ctx, ImVec2 at, ImVec2 size) {
    if (widgets::Measuring())
        return;
    const widgets::Theme& t = *ctx.Theme;
    const ImVec2 min(t.X(at.x, size.x), at.y), max(min.x + size.x, min.y + size.y);
    ImGui::GetWindowDrawList()->AddImage(ctx.Logo, min, max);
    widgets::RecordMark("logo", min, max); // no word may lie under it
}

} // namespace

float SenderRowWidth(const ScreenContext& ctx, const FlowState& s, const Layout& L) {
    const widgets::Theme& t = *ctx.Theme;
    const float logo = LogoSize(ctx).x;
    // + 2 px: wrapping measures a line a little wider than TextWidth does
    return widgets::TextWidth(t.Body, U(ctx, s, "sender")) + 2.0f + (logo > 0 ? logo + L.Px(16) : 0.0f);
}

float DrawSenderIn(const ScreenContext& ctx, const FlowState& s, const Layout& L, float x, float y, float width,
                   float size) {
    widgets::RoleScope role(widgets::TextRole::Hint);
    const widgets::Theme& t = *ctx.Theme;
    const std::string& name = U(ctx, s, "sender");
    const ImVec2 logo = LogoSize(ctx);
    if (logo.x <= 0)
        return TextBlock(t, t.Body, name, x, y, width, t.TextMuted, size);
    const float gap = L.Px(16), row = SenderRowWidth(ctx, s, L);
    if (row <= width) { // logo and name side by side, centred, the name in the logo's middle
        const float left = x + (width - row) * 0.5f, text_w = row - logo.x - gap;
        DrawLogo(ctx, ImVec2(left, y), logo);
        const float text_h = widgets::TextBlockHeight(t.Body, name, text_w, size);
        TextBlock(t, t.Body, name, left + logo.x + gap, y + std::max(0.0f, (logo.y - text_h) * 0.5f), text_w,
                  t.TextMuted, size);
        return std::max(logo.y, text_h);
    }
    // Too narrow for one row: the logo centred above the name.
    const ImVec2 fit = logo.x > width ? ImVec2(width, logo.y * width / logo.x) : logo;
    DrawLogo(ctx, ImVec2(x + (width - fit.x) * 0.5f, y), fit);
    return fit.y + L.Px(8) + TextBlock(t, t.Body, name, x, y + fit.y + L.Px(8), width, t.TextMuted, size);
}

float DrawSender(const ScreenContext& ctx, const FlowState& s, const Layout& L, float y, float size) {
    return DrawSenderIn(ctx, s, L, L.Px(kSide), y, L.Display.x - 2 * L.Px(kSide), size);
}

namespace {

//-----------------------------------------------------------------------------
// [SECTION] attract
//-----------------------------------------------------------------------------

// "Zo antwoordde de wijk tot nu toe: 62% koos ..." with a bar, at k times the faces'
// sizes; returns its height.
float DrawHighlight(const ScreenContext& ctx, const FlowState& s, const Layout& L, const Highlight& h, float y,
                    float k) {
    const widgets::Theme& t = *ctx.Theme;
    const content::Question* q = ctx.Flow->Pack->FindQuestion(h.QuestionId);
    if (!q)
        return 0;
    std::string option;
    for (const content::Option& o : q->Options)
        if (o.Id == h.OptionId)
            option = Tr(ctx, s, o.Label);
    std::string line = FillTemplate(U(ctx, s, "attract.result"), "percent", std::to_string(h.Percent));
    line = FillTemplate(line, "option", option);
    line = FillTemplate(line, "question", Tr(ctx, s, q->Prompt));
    const float width = L.Display.x - 2 * L.Px(kSide), top = y;
    {
        widgets::RoleScope role(widgets::TextRole::Body);
        y += TextBlock(t, t.Body, line, L.Px(kSide), y, width, t.Text, t.Body->FontSize * k) + L.Px(12);
    }
    // The share as a bar: a frame for the whole wijk (100 %), filled for those who chose
    // it, the percentage and the count beside it (issue 15's honest charts).
    const long long count = h.Count > 0 ? h.Count : std::llround(double(h.Percent) * double(h.Respondents) / 100.0);
    const float share = h.Respondents > 0 ? std::min(1.0f, float(count) / float(h.Respondents)) : h.Percent / 100.0f;
    const std::string value = std::to_string(h.Percent) + "% (" + std::to_string(count) + ")";
    ImFont* font = t.Small;
    const float font_size = font->FontSize * k;
    const float value_w = widgets::TextWidth(font, value, font_size), gap = L.Px(16);
    const float bar_h = std::max(L.Px(24), font_size), bar_w = std::min(L.Px(900), width - value_w - gap);
    const float x = L.Cx() - (bar_w + gap + value_w) * 0.5f;
    const float fill = bar_w * share, frame_x = t.X(x, bar_w), fill_x = t.X(x, fill); // from the right in Arabic
    if (!widgets::Measuring()) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(ImVec2(fill_x, y), ImVec2(fill_x + fill, y + bar_h), t.Primary, L.Px(6));
        dl->AddRect(ImVec2(frame_x, y), ImVec2(frame_x + bar_w, y + bar_h), t.CardBorder, L.Px(6), 0,
                    std::max(1.0f, L.Px(2)));
    }
    {
        widgets::RoleScope role(widgets::TextRole::Other); // a chart's figure, as on the results
        widgets::TextLine(t, font, value, ImVec2(x + bar_w + gap, y + (bar_h - font_size) * 0.5f), t.Text, font_size);
    }
    widgets::RecordBar({ImVec2(frame_x, y), ImVec2(frame_x + bar_w, y + bar_h), fill, share, value, widgets::NewChart()});
    return y + bar_h - top;
}

// The language buttons, each in its own language (never a flag: a language is not a
// country), in rows that fit the width, ending at `bottom`; returns their top.
// One row on a wide screen (up to six), rows of three (four from seven on) in portrait;
// the names at one size.
float DrawLanguages(const ScreenContext& ctx, const FlowState& s, const Layout& L, float bottom,
                    std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const auto& langs = ctx.Flow->Pack->Languages;
    if (langs.size() < 2)
        return bottom;
    const float gap = 30, room = L.ContentW(1760);
    size_t per_row = langs.size() <= 3 || (!L.Portrait() && langs.size() <= 6) ? langs.size()
                     : langs.size() <= 6                                    ? 3
                                                                            : 4;
    const float bw = std::min(per_row <= 3 ? 500.0f : 380.0f, (room - gap * float(per_row - 1)) / float(per_row));
    const size_t rows = (langs.size() + per_row - 1) / per_row;
    const float bh = rows == 1 ? 100 : L.Portrait() ? 100 : 70;
    const float row_gap = std::max(24.0f, (t.MinSpacingPx() + 1.0f) / t.Scale);
    const float row_step = std::max(L.Px(bh), t.MinTargetPx()) + L.Px(row_gap);
    const float top = bottom - row_step * float(rows) + L.Px(row_gap);
    std::vector<std::string> names;
    for (const std::string& lang : langs)
        names.push_back(content::Ui(*ctx.Flow->Pack, "language.name", lang));
    widgets::RoleScope role(widgets::TextRole::Language);
    const float font = widgets::ButtonFontSize(t, names, ImVec2(L.Px(bw), L.Px(bh)), false, true);
    for (size_t i = 0; i < langs.size(); i++) {
        const size_t row = i / per_row, col = i % per_row;
        const size_t in_row = std::min(per_row, langs.size() - row * per_row);
        const float row_w = float(in_row) * bw + float(in_row - 1) * gap;
        const float x = L.Cx() - L.Px(row_w) * 0.5f + L.Px(float(col) * (bw + gap));
        const std::string& lang = langs[i];
        ButtonKind kind = lang == s.Lang ? ButtonKind::Primary : ButtonKind::Card;
        if (TouchButton(t, "lang-" + lang, names[i], ImVec2(x, top + row_step * float(row)), ImVec2(L.Px(bw), L.Px(bh)),
                        kind, Pictogram::None, lang == s.Lang, {}, font))
            out->push_back(VisitAction{VisitKind::SetLanguage, lang});
    }
    return top;
}

size_t PraatplaatQuestions(const content::Pack& pack) {
    size_t n = 0;
    for (const content::Poll& z : pack.Zones)
        n += z.Questions.size();
    return n;
}

// The texts over the ways in, from y, at k times their faces' sizes (1: as large as the
// resident chose): who asks (unless in the top row), the invitation, a result, an update
// or what the visit is, and what the answers are for. Returns where they end.
// compact (where even the smallest k leaves the ways too little room): the sender beside
// the news button and an update's heading and title in one row, where they fit.
float DrawAttractTexts(const ScreenContext& ctx, const FlowState& s, const Layout& L, float y, float k,
                       bool sender_first, bool compact) {
    const widgets::Theme& t = *ctx.Theme;
    const float width = L.Display.x - 2 * L.Px(kSide), body = t.Body->FontSize * k;
    if (sender_first && compact && !s.News.empty() && !L.Portrait()) {
        // Left of the news button (kiosk/screen_news.cpp: at the top right, under the corner band).
        const float row = std::max(L.Px(84), t.MinTargetPx()), right = L.Display.x - L.Px(20 + 520 + 30);
        const float logo_h = std::max(LogoSize(ctx).y, body);
        if (SenderRowWidth(ctx, s, L) <= right - L.Px(kSide) && logo_h <= row) {
            DrawSenderIn(ctx, s, L, L.Px(kSide), L.Top() + (row - logo_h) * 0.5f, right - L.Px(kSide), body);
            sender_first = false;
        }
    }
    if (sender_first)
        y += DrawSender(ctx, s, L, y, body) + L.Px(16);
    {
        // With A+ the title grows only while it keeps its number of lines: a line more would
        // take the ways in their room (a long language, a result or an update under it).
        widgets::RoleScope role(widgets::TextRole::Title);
        const std::string& title = U(ctx, s, "attract.title");
        const float normal = t.Title->FontSize / t.TextScale;
        auto lines = [&](float size) { return widgets::TextBlockHeight(t.Title, title, width, size) / size; };
        float size = std::max(t.Title->FontSize * k, std::min(t.Title->FontSize, normal * 1.05f));
        while (size > normal * 1.06f && lines(size) > lines(normal) + 0.5f)
            size = std::max(normal * 1.05f, size * 0.95f);
        y += TextBlock(t, t.Title, title, L.Px(kSide), y, width, t.Text, size) + L.Px(12);
    }
    if (s.HighlightShown >= 0 && s.HighlightShown < int(s.Highlights.size())) {
        y += DrawHighlight(ctx, s, L, s.Highlights[size_t(s.HighlightShown)], y, k) + L.Px(8);
    } else if (s.HighlightShown >= int(s.Highlights.size()) && s.HighlightShown < AttractItems(s)) { // an update
        widgets::RoleScope role(widgets::TextRole::Other); // a heading and its line (kiosk/screen_news.cpp)
        y += DrawAttractNews(ctx, s, L, s.News[size_t(s.HighlightShown) - s.Highlights.size()], y, k, compact) +
             L.Px(8);
    } else {
        widgets::RoleScope role(widgets::TextRole::Body);
        y += TextBlock(t, t.Body, U(ctx, s, "attract.subtitle"), L.Px(kSide), y, width, t.TextMuted, body) + L.Px(8);
    }
    widgets::RoleScope role(widgets::TextRole::Body);
    return y + TextBlock(t, t.Body, U(ctx, s, "attract.advice"), L.Px(kSide), y, width, t.TextMuted, body) + L.Px(16);
}

void DrawAttract(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const content::Pack& pack = *ctx.Flow->Pack;
    // The ways in: the quick poll and the praatplaat, each with how long it takes.
    struct Way {
        const char* Id;
        std::string Label, Hint;
        VisitKind Kind;
    };
    std::vector<Way> ways{{"start", U(ctx, s, "attract.start"), {}, VisitKind::Start}};
    for (const content::Poll& p : pack.Polls)
        if (p.Id == pack.StartPoll)
            ways[0].Hint = FillTemplate(U(ctx, s, "attract.start_time"), "n", std::to_string(p.Questions.size()));
    if (pack.HasPraatplaat())
        ways.push_back({"praatplaat", U(ctx, s, "attract.praatplaat"),
                        FillTemplate(U(ctx, s, "attract.praatplaat_time"), "n", std::to_string(PraatplaatQuestions(pack))),
                        VisitKind::StartPraatplaat});
    const bool stacked = L.Portrait() || ways.size() == 1;
    const float bw = stacked ? L.ContentW(1100) : (L.ContentW() - 80) / 2;
    const float gap = L.Px(40), hint_w = L.Px(bw);
    const float rows = stacked ? float(ways.size()) : 1.0f;
    // The languages at the bottom, clear of the hidden admin corner (bottom-left); the
    // ways in between the texts and them, side by side or (portrait) one under the other.
    const float corner = std::max(L.Px(120), t.MinTargetPx()) + t.MinSpacingPx() + 1; // the admin corner
    const float langs_top = DrawLanguages(ctx, s, L, L.Bottom() - std::max(L.Px(130), corner), out);
    // The ways' hints and gaps at k times the body size.
    auto fixed_h = [&](float k) {
        float hint_h = 0;
        for (const Way& w : ways)
            hint_h = std::max(hint_h, widgets::TextBlockHeight(t.Body, w.Hint, hint_w, t.Body->FontSize * k));
        return rows * (L.Px(10) + hint_h) + (rows - 1) * gap;
    };

    // Each text under the one before, however many lines large text makes of it.
    float y = std::max(L.Top(), L.Px(L.Portrait() ? 260 : 100));
    if (!s.News.empty()) // under the news button (top right, kiosk/screen_news.cpp)
        y = std::max(y, L.Top() + std::max(L.Px(84), t.MinTargetPx()) + L.Gap());
    // Who asks: in the top row between the corner buttons where it fits, else first.
    const float sender_left = SpeechCornerRight(ctx, s, L) + L.Px(30);
    const float sender_right = CornerButtonsLeft(ctx, L) - L.Px(30), top_row = std::max(L.Px(84), t.MinTargetPx());
    const float logo_h = std::max(LogoSize(ctx).y, t.Body->FontSize);
    const bool sender_first =
        !(sender_left > 0 && SenderRowWidth(ctx, s, L) <= sender_right - sender_left && logo_h <= top_row);
    // A+ grows the texts as far as there is room: where they would push the ways in under
    // buttons of a comfortable height (a result or an update, a long language, a low
    // screen), they grow less, all alike, never to their size without A+ (k from 1 down to
    // 1.05 / TextScale).
    const float want_h = std::max(t.MinTargetPx() + 1.0f, std::min(L.Px(140), t.Button->FontSize * 2.2f));
    const float k_min = std::min(1.0f, 1.05f / t.TextScale);
    auto fits = [&](float k, bool compact, float button_h) {
        widgets::MeasureScope measure;
        const float end = DrawAttractTexts(ctx, s, L, y, k, sender_first, compact);
        return end + fixed_h(k) + rows * button_h <= langs_top - L.Px(30);
    };
    auto largest = [&](bool compact) {
        float k = 1.0f;
        while (k > k_min && !fits(k, compact, want_h))
            k = std::max(k_min, k - 0.025f);
        return k;
    };
    // Where even that leaves the ways too low, the compact arrangement (the ways' words
    // are what a resident must read first).
    float k = largest(false);
    const bool compact = !fits(k, false, want_h);
    if (compact)
        k = largest(true);
    const float body = t.Body->FontSize * k;
    if (!sender_first)
        DrawSenderIn(ctx, s, L, sender_left, L.Px(14) + (top_row - logo_h) * 0.5f, sender_right - sender_left, body);
    y = DrawAttractTexts(ctx, s, L, y, k, sender_first, compact);

    std::vector<std::string> labels;
    for (const Way& w : ways)
        labels.push_back(w.Label);
    float hint_h = 0;
    for (const Way& w : ways)
        hint_h = std::max(hint_h, widgets::TextBlockHeight(t.Body, w.Hint, hint_w, body));
    // Where the texts above ran long the buttons get lower first, never under 11.5 mm.
    const float fixed = fixed_h(k);
    const float bh = std::max(t.MinTargetPx() + 1.0f, std::min(L.Px(L.Portrait() ? 220 : 140),
                                                               (langs_top - L.Px(30) - y - fixed) / rows));
    const float font = widgets::ButtonFontSize(t, labels, ImVec2(L.Px(bw), bh));
    const float block_h = rows * bh + fixed;
    // Centred in the room between the texts and the languages.
    float by = std::max(y, y + (langs_top - L.Px(30) - y - block_h) * 0.5f);
    for (size_t i = 0; i < ways.size(); i++) {
        const Way& w = ways[i];
        const float x = stacked ? L.Cx() - L.Px(bw) * 0.5f : L.Cx() + (i == 0 ? -L.Px(bw) - gap * 0.5f : gap * 0.5f);
        {
            widgets::RoleScope role(widgets::TextRole::Option);
            if (TouchButton(t, w.Id, w.Label, ImVec2(x, by), ImVec2(L.Px(bw), bh), ButtonKind::Primary,
                            Pictogram::None, false, {}, font))
                out->push_back(VisitAction{w.Kind});
        }
        widgets::RoleScope role(widgets::TextRole::Hint);
        TextBlock(t, t.Body, w.Hint, x, by + bh + L.Px(10), hint_w, t.TextMuted, body);
        if (stacked)
            by += bh + L.Px(10) + hint_h + gap;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] thanks, still there, error
//-----------------------------------------------------------------------------

// A title, a text, the sender (thanks), a second choice in the middle, the way on
// bottom-right.
void DrawMessage(const ScreenContext& ctx, const FlowState& s, const Layout& L, const std::string& title,
                 ImU32 title_color, const std::string& body, const char* button_id, const std::string& button,
                 VisitKind action, std::vector<Action>* out, const std::string& second = {},
                 VisitKind second_action = {}, bool sender = false) {
    const widgets::Theme& t = *ctx.Theme;
    const float width = L.Display.x - 2 * L.Px(kSide);
    float y = std::max(L.Top(), L.Px(L.Portrait() ? 400 : 200));
    {
        widgets::RoleScope role(widgets::TextRole::Title);
        y += TextBlock(t, t.Title, title, L.Px(kSide), y, width, title_color) + L.Px(40);
    }
    {
        widgets::RoleScope role(widgets::TextRole::Body);
        y += TextBlock(t, t.Body, body, L.Px(kSide), y, width, t.TextMuted) + L.Px(30);
    }
    if (sender) // the thanks screen: who asked, and what happens next
        y += DrawSender(ctx, s, L, y) + L.Px(40);
    if (!second.empty()) {
        widgets::RoleScope role(widgets::TextRole::Option);
        const float w = L.Px(L.ContentW(800)), h = L.Px(160);
        y = std::max(y, std::min(L.Px(L.Portrait() ? 900 : 560), L.BarY() - h - L.Px(40)));
        if (TouchButton(t, "results", second, ImVec2(L.Cx() - w * 0.5f, y), ImVec2(w, h), ButtonKind::Card))
            out->push_back(VisitAction{second_action});
        y += std::max(h, t.MinTargetPx()) + L.Gap();
    }
    if (sender) // what happens next, between these and the bar (kiosk/screen_news.cpp)
        DrawNextSteps(ctx, s, L, y, L.BarY() - L.Gap());
    if (WayOn(ctx, s, L, button_id, button))
        out->push_back(VisitAction{action});
}

//-----------------------------------------------------------------------------
// [SECTION] corner buttons: A+ and contrast, on every screen
//-----------------------------------------------------------------------------

} // namespace

float CornerButtonsLeft(const ScreenContext& ctx, const Layout& L) {
    const widgets::Theme& t = *ctx.Theme;
    const float w = std::max(L.Px(250), t.MinTargetPx()), gap = std::max(L.Px(16), t.MinSpacingPx() + 1);
    return L.Display.x - L.Px(20) - 2 * w - gap;
}

namespace {

// Top right, small but never under 11.5 mm; the top-left corner is for reading aloud.
// Both words at one size: the size at which the longer fits.
void DrawCornerButtons(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    widgets::RoleScope role(widgets::TextRole::Corner);
    const float w = L.Px(250), h = L.Px(84), gap = std::max(L.Px(16), t.MinSpacingPx() + 1), top = L.Px(14);
    const float right = L.Display.x - L.Px(20);
    const std::string& larger = U(ctx, s, s.LargeText ? "corner.smaller" : "corner.larger");
    const std::string& contrast = U(ctx, s, "corner.contrast");
    const float font = widgets::ButtonFontSize(t, {larger, contrast, U(ctx, s, "corner.smaller")}, ImVec2(w, h), false,
                                               true);
    if (TouchButton(t, "larger-text", larger, ImVec2(right - 2 * std::max(w, t.MinTargetPx()) - gap, top),
                    ImVec2(w, h), ButtonKind::Quiet, Pictogram::None, false, {}, font))
        out->push_back(CommonAction{CommonKind::ToggleLargeText});
    if (TouchButton(t, "contrast", contrast, ImVec2(right - std::max(w, t.MinTargetPx()), top), ImVec2(w, h),
                    ButtonKind::Quiet, Pictogram::None, s.HighContrast, {}, font))
        out->push_back(CommonAction{CommonKind::ToggleContrast});
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] entry point
//-----------------------------------------------------------------------------

void DrawScreen(const ScreenContext& ctx, const FlowState& s, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    Layout L{t, ctx.Display};

    // One full-screen window without background: the clear colour is the background
    // (FACTS.md: half the frame time on llvmpipe).
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ctx.Display);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse;
    ImGui::Begin("##kiosk", nullptr, flags);
    if (ImGui::IsMouseClicked(0))
        out->push_back(CommonAction{CommonKind::Input});

    switch (s.Screen) {
    case Screen::Attract:
        DrawAttract(ctx, s, L, out);
        DrawAttractCorner(ctx, s, L, out); // the hidden admin corner, "one moment" between visits
        DrawNewsButton(ctx, s, L, out);    // kiosk/screen_news.cpp
        break;
    case Screen::News: DrawNews(ctx, s, L, out); break;
    case Screen::Intro: DrawIntro(ctx, s, L, out); break;
    case Screen::Poster: DrawPoster(ctx, s, L, out); break;
    case Screen::Zone: DrawZone(ctx, s, L, out); break;
    case Screen::Question: DrawQuestion(ctx, s, L, out); break;
    case Screen::Results: DrawResults(ctx, s, L, out); break;
    case Screen::Outcome:
        // What happens next, between the outcome and the bar (kiosk/screen_news.cpp).
        DrawNextSteps(ctx, s, L, DrawOutcome(ctx, s, L, out), L.BarY() - L.Gap());
        break;
    case Screen::Thanks:
        // After a quick poll a resident may look at the results (transparency).
        DrawMessage(ctx, s, L, U(ctx, s, "thanks.title"), t.Text, U(ctx, s, "thanks.body"), "done",
                    U(ctx, s, "thanks.done"), VisitKind::Done, out,
                    s.Praatplaat || s.Answered == 0 ? std::string() : U(ctx, s, "thanks.results"),
                    VisitKind::ShowResults, true);
        break;
    case Screen::StillThere: {
        int seconds = int(std::ceil(StillThereSecondsLeft(*ctx.Flow, s, ctx.Now)));
        DrawMessage(ctx, s, L, U(ctx, s, "still_there.title"), t.Text,
                    FillTemplate(U(ctx, s, "still_there.body"), "seconds", std::to_string(seconds)), "continue",
                    U(ctx, s, "still_there.continue"), VisitKind::Continue, out);
        break;
    }
    case Screen::Error:
        DrawMessage(ctx, s, L, U(ctx, s, "error.title"), t.Warning, U(ctx, s, "error.body"), "done",
                    U(ctx, s, "error.done"), VisitKind::Done, out);
        break;
    case Screen::Pin: DrawPin(ctx, s, L, out); break;     // kiosk/screen_admin.cpp
    case Screen::Admin: DrawAdmin(ctx, s, L, out); break;
    case Screen::CampfireSetup: // a campfire meeting: kiosk/screen_campfire.cpp
    case Screen::CampfirePick:
    case Screen::CampfireQuestion:
    case Screen::CampfireAgreements:
    case Screen::CampfireAgreement:
    case Screen::CampfireSummary: DrawCampfire(ctx, s, L, out); break;
    case Screen::CampfirePrevious: DrawCampfire(ctx, s, L, out); break;
    }
    DrawCornerButtons(ctx, s, L, out);
    DrawSpeechCorner(ctx, s, L, out); // "lees voor", on every screen
    ImGui::End();
}

} // namespace kiosk
