// The news screen and the "what happens next" parts (kiosk/screen_news.hpp).
// [SECTION] addresses
// [SECTION] the QR code
// [SECTION] attract: an update in turn, the button
// [SECTION] the news screen
// [SECTION] thanks and outcome: what happens next
#include "kiosk/screen_news.hpp"
#include "widgets/registry.hpp"
#include "sync/receipt.hpp"
#include "widgets/touch.hpp"

#include <qrencode.h>

#include <cmath>
#include <cstdio>
#include <cstring>

namespace kiosk {

using widgets::ButtonKind;
using widgets::TextBlock;
using widgets::TextBlockHeight;
using widgets::TouchButton;

//-----------------------------------------------------------------------------
// [SECTION] addresses
//-----------------------------------------------------------------------------

std::string ShortAddress(const std::string& url) {
    std::string s = url;
    for (const char* scheme : {"https://", "http://"})
        if (s.rfind(scheme, 0) == 0)
            s = s.substr(strlen(scheme));
    std::string out;
    for (size_t i = 0; i < s.size(); i++) {
        unsigned v = 0;
        if (s[i] == '%' && i + 2 < s.size() && sscanf(s.substr(i + 1, 2).c_str(), "%2x", &v) == 1) {
            out += char(v);
            i += 2;
        } else
            out += s[i];
    }
    return out;
}

std::string PublicPageUrl(const std::string& store_url, const std::string& wijk) {
    if (store_url.empty() || wijk.empty())
        return "";
    std::string url = store_url;
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    url += "/wijk/";
    static const char* hex = "0123456789ABCDEF";
    for (unsigned char c : wijk) {
        if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
            url += char(c);
        else
            url += std::string("%") + hex[c >> 4] + hex[c & 15];
    }
    return url;
}

//-----------------------------------------------------------------------------
// [SECTION] the QR code
//-----------------------------------------------------------------------------

namespace {

// The modules of the QR code for text (libqrencode), kept for the last text: a screen
// draws the same address every frame, and encoding it each time is waste.
const std::vector<bool>& QrModules(const std::string& text, int* width) {
    static std::string last;
    static std::vector<bool> modules;
    static int last_width = 0;
    if (text != last) {
        last = text;
        modules.clear();
        last_width = 0;
        if (QRcode* qr = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1)) {
            last_width = qr->width;
            for (int i = 0; i < qr->width * qr->width; i++)
                modules.push_back(qr->data[i] & 1);
            QRcode_free(qr);
        }
    }
    *width = last_width;
    return modules;
}

} // namespace

// Dark modules on white with the quiet zone of four modules the standard asks for, as
// ImGui rectangles; side is the whole square's size. Never mirrored (a QR code has no
// reading direction to follow).
void DrawQr(const std::string& text, ImVec2 pos, float side) {
    int width = 0;
    const std::vector<bool>& m = QrModules(text, &width);
    if (width == 0)
        return;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float cell = std::floor(side / float(width + 8)); // whole pixels: sharp edges
    const float inner = cell * float(width), pad = (side - inner) * 0.5f;
    dl->AddRectFilled(pos, ImVec2(pos.x + side, pos.y + side), IM_COL32(255, 255, 255, 255));
    for (int y = 0; y < width; y++)
        for (int x = 0; x < width; x++)
            if (m[size_t(y * width + x)]) {
                const ImVec2 a(pos.x + pad + cell * float(x), pos.y + pad + cell * float(y));
                dl->AddRectFilled(a, ImVec2(a.x + cell, a.y + cell), IM_COL32(0, 0, 0, 255));
            }
    widgets::RecordMark("qr", pos, ImVec2(pos.x + side, pos.y + side)); // no word under it
}

//-----------------------------------------------------------------------------
// [SECTION] attract: an update in turn, the button
//-----------------------------------------------------------------------------

float DrawAttractNews(const ScreenContext& ctx, const FlowState& s, const Layout& L, const wsync::NewsItem& item,
                      float y, float k, bool one_line) {
    const widgets::Theme& t = *ctx.Theme;
    const float width = L.Display.x - L.Px(160), top = y;
    const std::string& label = U(ctx, s, "attract.news_label");
    const float body = t.Body->FontSize * k, bold = t.Button->FontSize * k, gap = L.Px(16);
    const float label_w = widgets::TextWidth(t.Body, label, body), title_w = widgets::TextWidth(t.Button, item.Title, bold);
    if (one_line && label_w + gap + title_w + 2.0f <= width) { // the label and the title side by side, centred
        const float x = L.Px(80) + (width - label_w - gap - title_w) * 0.5f, h = std::max(body, bold);
        widgets::TextLine(t, t.Body, label, ImVec2(x, y + (h - body) * 0.8f), t.TextMuted, body);
        widgets::TextLine(t, t.Button, item.Title, ImVec2(x + label_w + gap, y + (h - bold) * 0.8f), t.Text, bold);
        return h * 1.2f;
    }
    y += TextBlock(t, t.Body, U(ctx, s, "attract.news_label"), L.Px(80), y, width, t.TextMuted, t.Body->FontSize * k) +
         L.Px(6);
    // the gebiedsteam's words, in Dutch
    y += TextBlock(t, t.Button, item.Title, L.Px(80), y, width, t.Text, t.Button->FontSize * k);
    return y - top;
}

void DrawNewsButton(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const std::string& label = U(ctx, s, "attract.news");
    if (s.News.empty() || label.empty())
        return;
    const widgets::Theme& t = *ctx.Theme;
    // Under the corner band, on the right: clear of the title (which starts at 200).
    const float w = L.Px(520), h = std::max(L.Px(84), t.MinTargetPx());
    if (TouchButton(t, "news", label, ImVec2(L.Display.x - L.Px(20) - w, L.Top()), ImVec2(w, h), ButtonKind::Card))
        out->push_back(VisitAction{VisitKind::OpenNews});
}

//-----------------------------------------------------------------------------
// [SECTION] the news screen
//-----------------------------------------------------------------------------

void DrawNews(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const float left = L.Px(120), read_w = L.Px(340), width = L.Display.x - L.Px(240);
    // Terug under the updates: at the bottom bar's height in portrait (the updates get the
    // screen's height), at 930 design px on a wide screen; the updates end over it.
    const float back_y = L.Portrait() ? L.BarY() : L.Px(930), back_h = std::max(L.Px(120), t.MinTargetPx());
    const float bottom = back_y - L.Gap();
    float y = L.Top();
    y += TextBlock(t, t.Title, U(ctx, s, "news.title"), left, y, width, t.Text) + L.Px(8);
    y += TextBlock(t, t.Small, U(ctx, s, "news.from"), left, y, width, t.TextMuted) + L.Px(24);
    if (s.News.empty())
        TextBlock(t, t.Body, U(ctx, s, "news.empty"), left, y, width, t.TextMuted);
    const float text_w = width - read_w - L.Px(40);
    for (size_t i = 0; i < s.News.size(); i++) {
        const wsync::NewsItem& n = s.News[i];
        const float need = TextBlockHeight(t.Small, n.Date, text_w) + TextBlockHeight(t.Button, n.Title, text_w) +
                           L.Px(4) + TextBlockHeight(t.Body, n.Text, text_w);
        if (y + need > bottom) // newest first: what does not fit is the oldest
            break;
        const float top = y;
        y += TextBlock(t, t.Small, n.Date, left, y, text_w, t.TextMuted);
        y += TextBlock(t, t.Button, n.Title, left, y, text_w, t.Text) + L.Px(4);
        y += TextBlock(t, t.Body, n.Text, left, y, text_w, t.Text);
        SpeechAction read{SpeechKind::ReadAloud};
        read.Item = int(i);
        if (TouchButton(t, "news-read-" + std::to_string(i), U(ctx, s, "speech.read"),
                        ImVec2(left + width - read_w, top), ImVec2(read_w, std::max(L.Px(84), t.MinTargetPx())),
                        ButtonKind::Quiet))
            out->push_back(read);
        y = std::max(y, top + L.Px(100)) + L.Px(30);
    }
    if (TouchButton(t, "news-back", U(ctx, s, "news.back"), ImVec2(L.Cx() - L.Px(300), back_y),
                    ImVec2(L.Px(600), back_h), ButtonKind::Primary))
        out->push_back(VisitAction{VisitKind::Done});
}

//-----------------------------------------------------------------------------
// [SECTION] thanks and outcome: what happens next
//-----------------------------------------------------------------------------

void DrawNextSteps(const ScreenContext& ctx, const FlowState& s, const Layout& L, float top, float bottom) {
    const widgets::Theme& t = *ctx.Theme;
    widgets::RoleScope role(widgets::TextRole::Other); // small print beside a QR code
    if (s.Screen == Screen::Outcome) { // bottom-aligned over the bar: the words left, the QR code right
        const float qr = L.Px(190);
        // With large text it may not fit there: then the QR code alone (the thanks screen
        // after the closing questions says it in full), or nothing.
        const std::string& words = U(ctx, s, "next.body");
        const float h = TextBlockHeight(t.Small, words, L.Px(520)), text_y = bottom - h;
        if (text_y >= top)
            TextBlock(t, t.Small, words, L.Px(kSide), text_y, L.Px(520), t.Text);
        if (!ctx.PublicUrl.empty() && bottom - qr >= top)
            DrawQr(ctx.PublicUrl, ImVec2(t.X(L.Display.x - L.Px(kSide) - qr, qr), bottom - qr), qr);
        return;
    }
    float y = top;
    const float qr = L.Px(230), right = L.Display.x - L.Px(kSide);
    const bool show_qr = !ctx.PublicUrl.empty() && top + qr <= bottom;
    const float left = L.Px(kSide), width = right - left - (show_qr ? qr + L.Px(40) : 0);
    // Each part only where it fits above the bottom (large text, a long language): the
    // words first; the receipt's hint is the first to go.
    auto part = [&](ImFont* font, const std::string& text, ImU32 color, float gap) {
        if (!text.empty() && y + TextBlockHeight(font, text, width) <= bottom)
            y += TextBlock(t, font, text, left, y, width, color) + gap;
    };
    part(t.Small, U(ctx, s, "next.body"), t.Text, L.Px(6));
    if (!ctx.PublicUrl.empty())
        part(t.Small, FillTemplate(U(ctx, s, "next.online"), "address", ShortAddress(ctx.PublicUrl)), t.Text, L.Px(6));
    const std::string receipt = s.Screen == Screen::Thanks && s.Answered > 0
                                    ? wsync::ReceiptCode(ctx.ReceiptKey, s.SessionId)
                                    : std::string();
    if (!receipt.empty()) {
        part(t.Button, FillTemplate(U(ctx, s, "thanks.receipt"), "code", receipt), t.Text, L.Px(4));
        part(t.Small, U(ctx, s, "thanks.receipt_hint"), t.TextMuted, 0);
    }
    if (show_qr)
        DrawQr(ctx.PublicUrl, ImVec2(t.X(right - qr, qr), top), qr);
}

} // namespace kiosk
