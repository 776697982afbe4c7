// [SECTION] attract: the hidden corner, the gap message
// [SECTION] PIN
// [SECTION] admin
#include "kiosk/screen_admin.hpp"
#include "kiosk/flow_admin.hpp"
#include "kiosk/pin.hpp"
#include "widgets/hold.hpp"
#include "widgets/registry.hpp"
#include "widgets/touch.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk {

using widgets::ButtonKind;
using widgets::TextBlock;
using widgets::TouchButton;

namespace {

// Whole seconds left, as a countdown shows them (5.0000001 is still 5).
std::string Seconds(double left) { return std::to_string(int(std::ceil(left - 1e-6))); }

std::string Num(int64_t n) { return std::to_string(n); }

// "2026-11-28T14:03:12.345Z" -> "2026-11-28 14:03 UTC"
std::string When(const std::string& iso) {
    if (iso.size() < 16 || iso[10] != 'T')
        return iso;
    return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] attract: the hidden corner, the gap message
//-----------------------------------------------------------------------------

void DrawAttractCorner(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    // Bottom-left: the other top corners have buttons. Nothing is drawn, so a resident
    // does not see it; only a press of AdminHold seconds opens the PIN screen.
    const float side = std::max(L.Px(120), t.MinTargetPx());
    const bool held = widgets::HoldArea(t, "admin-corner", U(ctx, s, "admin.corner"), ImVec2(0, L.Bottom() - side), ImVec2(side, side));
    if (held != s.Admin.Holding)
        out->push_back(AdminAction{AdminKind::CornerHold, held ? "down" : "up"});

    if (ShowGapMessage(s, ctx.Now))
        TextBlock(t, t.Body,
                  FillTemplate(U(ctx, s, "attract.wait"), "seconds", Seconds(VisitGapLeft(s, ctx.Now))), L.Px(80),
                  L.Px(785), L.Display.x - L.Px(160), t.Warning);
}

//-----------------------------------------------------------------------------
// [SECTION] PIN
//-----------------------------------------------------------------------------

void DrawPin(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const AdminState& g = s.Admin;
    const float width = L.Display.x - L.Px(160);
    // Under the corner buttons (A+, contrast, lees voor), like every screen's title.
    const float title_end = L.Top() + TextBlock(t, t.Title, U(ctx, s, "pin.title"), L.Px(80), L.Top(), width, t.Text);

    // The digits as dots, in a box that shows how many may come.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float dot = L.Px(36), step = L.Px(64);
    const float box_w = step * float(kPinMaxDigits) + L.Px(40);
    const ImVec2 box_min(L.Cx() - box_w * 0.5f, std::max(L.Px(170), title_end + L.Px(10)));
    dl->AddRect(box_min, ImVec2(box_min.x + box_w, box_min.y + L.Px(90)), t.CardBorder, L.Px(12), 0, L.Px(3));
    for (size_t i = 0; i < g.PinEntry.size(); i++)
        dl->AddCircleFilled(ImVec2(box_min.x + L.Px(20) + step * (float(i) + 0.5f), box_min.y + L.Px(45)), dot * 0.5f,
                            t.Text, 24);

    // Why the last OK did not open: the lock (with its seconds), or a message.
    std::string message;
    ImU32 colour = t.Warning;
    const double locked = PinLockedLeft(s, ctx.Now);
    if (g.Checking) {
        message = U(ctx, s, "pin.checking");
        colour = t.TextMuted;
    } else if (!g.PinSet && g.PinKnown) {
        message = U(ctx, s, "pin.unset");
    } else if (locked > 0) {
        message = FillTemplate(U(ctx, s, "pin.locked"), "seconds", Seconds(locked));
    } else if (!g.PinMessage.empty()) {
        message = U(ctx, s, g.PinMessage.c_str());
    }
    float message_end = box_min.y + L.Px(105);
    if (!message.empty())
        message_end += TextBlock(t, t.Body, message, L.Px(80), box_min.y + L.Px(105), width, colour);

    // The keypad: 1-9, then wissen, 0, OK; annuleren beside it. Away from the bottom-left
    // corner, where the finger that opened this screen still rests.
    const float key_w = 250, gap = std::max(24.0f, (t.MinSpacingPx() + 1) / t.Scale);
    const float pad_w = key_w * 3 + gap * 2;
    // Under the message, however many lines it took (large text, a long language).
    const float x0 = L.Cx() - L.Px(pad_w) * 0.5f;
    const float y0 = std::max(L.Px(L.Portrait() ? 700 : 400), message_end + L.Px(20));
    // Four rows of keys in what is left (lower keys on a low screen with large text).
    const float key_h = std::min(140.0f, (L.H() - 30 - y0 / t.Scale) / 4 - gap);
    auto key_pos = [&](int col, int row) {
        return ImVec2(x0 + L.Px((key_w + gap) * float(col)), y0 + L.Px((key_h + gap) * float(row)));
    };
    const ImVec2 key_size(L.Px(key_w), L.Px(key_h));
    for (int d = 1; d <= 9; d++) {
        const std::string digit = std::to_string(d);
        if (TouchButton(t, "pin-" + digit, digit, key_pos((d - 1) % 3, (d - 1) / 3), key_size, ButtonKind::Card))
            out->push_back(AdminAction{AdminKind::PinDigit, digit});
    }
    if (TouchButton(t, "pin-clear", U(ctx, s, "pin.clear"), key_pos(0, 3), key_size, ButtonKind::Quiet))
        out->push_back(AdminAction{AdminKind::PinClear});
    if (TouchButton(t, "pin-0", "0", key_pos(1, 3), key_size, ButtonKind::Card))
        out->push_back(AdminAction{AdminKind::PinDigit, "0"});
    if (TouchButton(t, "pin-ok", U(ctx, s, "pin.ok"), key_pos(2, 3), key_size, ButtonKind::Primary))
        out->push_back(AdminAction{AdminKind::PinOk});
    // Beside the keypad on a wide screen, under it in portrait.
    const bool under = L.Portrait() || L.W() < pad_w + 80 + 380 + 2 * kSide + 40;
    const ImVec2 cancel_pos = under ? ImVec2(x0, y0 + L.Px((key_h + gap) * 4 + 30)) : ImVec2(x0 + L.Px(pad_w + 80), y0);
    if (TouchButton(t, "pin-cancel", U(ctx, s, "pin.cancel"), cancel_pos,
                    ImVec2(L.Px(under ? pad_w : 380), L.Px(key_h)), ButtonKind::Quiet))
        out->push_back(AdminAction{AdminKind::PinCancel});
}

//-----------------------------------------------------------------------------
// [SECTION] admin
//-----------------------------------------------------------------------------

void DrawAdmin(const ScreenContext& ctx, const FlowState& s, const Layout& L, std::vector<Action>* out) {
    const widgets::Theme& t = *ctx.Theme;
    const AdminFigures& f = s.Admin.Figures;
    const float width = L.Display.x - L.Px(240);
    float y = L.Top(); // under the corner buttons
    y += TextBlock(t, t.Title, U(ctx, s, "admin.title"), L.Px(120), y, width, t.Text) + L.Px(20);

    std::vector<std::pair<std::string, ImU32>> lines; // drawn below, at a size that leaves the buttons room
    auto line = [&](const std::string& text, ImU32 colour) { lines.push_back({text, colour}); };
    auto fill = [&](const char* key, std::initializer_list<std::pair<const char*, std::string>> values) {
        std::string text = U(ctx, s, key);
        for (const auto& [name, value] : values)
            text = FillTemplate(text, name, value);
        return text;
    };
    if (f.Loaded) {
        line(fill("admin.device", {{"id", f.DeviceId}}), t.TextMuted);
        line(f.Enrolled ? fill("admin.store", {{"url", f.StoreUrl}, {"wijk", f.Wijk}}) : U(ctx, s, "admin.not_enrolled"),
             t.TextMuted);
        line(fill("admin.answers", {{"n", Num(f.Answers)}}), t.Text);
        line(fill("admin.waiting", {{"n", Num(f.Waiting)}}), t.Text);
        line(fill("admin.last_sync", {{"when", f.LastSync.empty() ? U(ctx, s, "admin.never") : When(f.LastSync)}}),
             t.Text);
        line(fill("admin.last_error", {{"error", f.LastSyncError.empty() ? U(ctx, s, "admin.none") : f.LastSyncError}}),
             f.LastSyncError.empty() ? t.Text : t.Warning);
        line(fill("admin.visits", {{"counted", Num(f.Visits - f.VisitsFlagged)}, {"flagged", Num(f.VisitsFlagged)}}),
             t.Text);
        line(fill("admin.pin_attempts", {{"n", Num(f.PinAttempts)}, {"wrong", Num(f.PinWrong)}}), t.Text);
        line(f.OpeningHours.empty() ? U(ctx, s, "admin.always_open")
                                    : fill("admin.opening_hours", {{"hours", f.OpeningHours},
                                                                   {"now", U(ctx, s, f.OpenNow ? "admin.open_now"
                                                                                                : "admin.closed_now")}}),
             t.Text);
    }
    if (!s.Admin.AdminMessage.empty())
        line(U(ctx, s, s.Admin.AdminMessage.c_str()), t.Warning);
    // With A+ the figures grow as far as the buttons under them keep 11.5 mm (at most down
    // to their size without A+): a low screen has no room for eight lines at A+.
    {
        const float rows_n = L.Portrait() ? 2.0f : 1.0f;
        const float limit =
            L.Display.y - L.Px(30) - rows_n * (std::max(L.Px(100), t.MinTargetPx() + 1.0f) + L.Px(30)) - L.Px(12);
        auto height = [&](float size) {
            float h = 0;
            for (const auto& [text, colour] : lines)
                h += widgets::TextBlockHeight(t.Body, text, width, size) + L.Px(12);
            return h;
        };
        float size = t.Body->FontSize;
        const float normal = t.Body->FontSize / t.TextScale;
        while (size > normal + 0.05f && y + height(size) > limit)
            size = std::max(normal, size * 0.95f);
        for (const auto& [text, colour] : lines)
            y += TextBlock(t, t.Body, text, L.Px(120), y, width, colour, size) + L.Px(12);
    }

    // Four buttons in a row at the bottom, or (portrait) two rows of two.
    struct Button {
        const char* Id;
        const char* Key;
        ButtonKind Kind;
        Action Do;
    };
    const Button buttons[] = {
        {"admin-campfire", "campfire.start", ButtonKind::Primary, CampfireAction{CampfireKind::Start}}, // kiosk/flow_campfire.cpp
        {"admin-sync", "admin.sync", ButtonKind::Card, AdminAction{AdminKind::SyncNow}},
        {"admin-back", "admin.back", ButtonKind::Card, AdminAction{AdminKind::Back}},
        {"admin-quit", "admin.quit", ButtonKind::Quiet, AdminAction{AdminKind::Quit}},
    };
    const size_t per_row = L.Portrait() ? 2 : 4;
    const float gap = 30;
    const float bw = std::min(420.0f, (L.ContentW() - gap * float(per_row - 1)) / float(per_row));
    const float row_w = bw * float(per_row) + gap * float(per_row - 1);
    const float rows_top = L.H() - 50 - 150 * 2 - gap; // design px; landscape: one row at 880
    const float lines_end = y / t.Scale + 12;           // under the figures, if they reach further
    const float rows = float(4 / per_row);
    const float bh = std::max(std::min(150.0f, (L.H() - 30 - lines_end) / rows - gap), t.MinTargetPx() / t.Scale);
    std::vector<std::string> labels;
    for (const Button& b : buttons)
        labels.push_back(U(ctx, s, b.Key));
    const float font = widgets::ButtonFontSize(t, labels, ImVec2(L.Px(bw), L.Px(bh)));
    for (size_t i = 0; i < 4; i++) {
        const float x = L.Cx() - L.Px(row_w) * 0.5f + L.Px((bw + gap) * float(i % per_row));
        const float y = std::max(per_row == 4 ? 880 : rows_top + (bh + gap) * float(i / per_row),
                                 lines_end + (bh + gap) * float(i / per_row));
        if (TouchButton(t, buttons[i].Id, labels[i], ImVec2(x, L.Px(y)), ImVec2(L.Px(bw), L.Px(bh)), buttons[i].Kind,
                        widgets::Pictogram::None, false, {}, font))
            out->push_back(buttons[i].Do);
    }
}

} // namespace kiosk
