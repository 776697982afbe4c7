// Touch behaviour of the widgets, on real Dear ImGui frames without a window.
#include "imgui_headless.hpp"
#include "widgets/registry.hpp"
#include "widgets/touch.hpp"

#include <cfloat>

namespace {

const ImVec2 kPos(100, 100), kSize(400, 200);
const ImVec2 kInside(300, 200), kOutside(900, 700), kAway(-FLT_MAX, -FLT_MAX);

// Draws one full-screen window with one button; returns whether it fired.
bool ButtonFrame(HeadlessImGui& ui, ImVec2 pointer, bool down) {
    bool pressed = false;
    ui.Frame(pointer, down, [&] {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ui.Display);
        ImGui::Begin("##test", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground);
        pressed = widgets::TouchButton(ui.Theme, "ok", "Akkoord", kPos, kSize, widgets::ButtonKind::Primary);
        ImGui::End();
    });
    return pressed;
}

} // namespace

TEST_CASE("a tap activates on release, not on press") {
    HeadlessImGui ui;
    CHECK_FALSE(ButtonFrame(ui, kAway, false));
    CHECK_FALSE(ButtonFrame(ui, kInside, false)); // finger arrives
    CHECK_FALSE(ButtonFrame(ui, kInside, true));  // pressed: nothing yet
    CHECK_FALSE(ButtonFrame(ui, kInside, true));  // held
    CHECK(ButtonFrame(ui, kInside, false));       // released over the button: fires
    CHECK_FALSE(ButtonFrame(ui, kInside, false)); // once
}

TEST_CASE("a touch that lands and lifts in successive frames fires (no hover first)") {
    HeadlessImGui ui;
    CHECK_FALSE(ButtonFrame(ui, kAway, false));
    CHECK_FALSE(ButtonFrame(ui, kInside, true));
    CHECK(ButtonFrame(ui, kInside, false));
}

TEST_CASE("sliding off before release cancels the tap") {
    HeadlessImGui ui;
    CHECK_FALSE(ButtonFrame(ui, kAway, false));
    CHECK_FALSE(ButtonFrame(ui, kInside, true));
    CHECK_FALSE(ButtonFrame(ui, kOutside, true)); // slide off
    CHECK_FALSE(ButtonFrame(ui, kOutside, false)); // lift outside: cancelled
    CHECK_FALSE(ButtonFrame(ui, kInside, false));  // coming back without a press does nothing
}

TEST_CASE("a press that starts outside and slides onto the button does not fire") {
    HeadlessImGui ui;
    CHECK_FALSE(ButtonFrame(ui, kOutside, false));
    CHECK_FALSE(ButtonFrame(ui, kOutside, true));
    CHECK_FALSE(ButtonFrame(ui, kInside, true));
    CHECK_FALSE(ButtonFrame(ui, kInside, false));
}

TEST_CASE("every button registers its stable id, label and box") {
    HeadlessImGui ui;
    ButtonFrame(ui, kAway, false);
    const widgets::FrameRecord& rec = widgets::Record();
    REQUIRE(rec.Targets.size() == 1);
    const widgets::Target* t = widgets::FindTarget(rec, "ok");
    REQUIRE(t);
    CHECK(t->Label == "Akkoord");
    CHECK(t->Min.x == kPos.x);
    CHECK(t->Width() == kSize.x);
    CHECK(t->Height() == kSize.y);
    CHECK(widgets::FindTarget(rec, "Akkoord") == t); // by label too
    CHECK(widgets::FindTarget(rec, "nope") == nullptr);
    CHECK(widgets::HasText(rec, "Akkoord"));
}

TEST_CASE("a button is never smaller than 11.5 mm at the screen's DPI") {
    // A 200 dpi screen: 11.5 mm is 90.6 px.
    HeadlessImGui ui(ImVec2(1920, 1080), 200.0f / 25.4f);
    ui.Frame(kAway, false, [&] {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ui.Display);
        ImGui::Begin("##test");
        widgets::TouchButton(ui.Theme, "tiny", "x", ImVec2(10, 10), ImVec2(20, 20), widgets::ButtonKind::Quiet);
        ImGui::End();
    });
    const widgets::Target* t = widgets::FindTarget(widgets::Record(), "tiny");
    REQUIRE(t);
    CHECK(t->Width() == doctest::Approx(11.5f * 200.0f / 25.4f));
    CHECK(t->Height() == doctest::Approx(11.5f * 200.0f / 25.4f));
}

TEST_CASE("fonts scale with the display: body text at least 32 px at 1080") {
    {
        HeadlessImGui full(ImVec2(1920, 1080));
        CHECK(full.Theme.Body->FontSize >= 32.0f);
        CHECK(full.Theme.Small->FontSize >= 32.0f);
        CHECK(full.Theme.Title->FontSize > full.Theme.Body->FontSize);
    }
    HeadlessImGui big(ImVec2(3840, 2160));
    CHECK(big.Theme.Body->FontSize >= 64.0f);
    widgets::Theme half = widgets::MakeTheme(960, 540, 0);
    CHECK(half.Px(40) == doctest::Approx(20.0f));
}

TEST_CASE("TextBlock wraps to the width and records its text") {
    HeadlessImGui ui;
    float one = 0, many = 0;
    ui.Frame(kAway, false, [&] {
        ImGui::Begin("##test");
        one = widgets::TextBlock(ui.Theme, ui.Theme.Body, "Kort", 0, 0, 1000, ui.Theme.Text);
        many = widgets::TextBlock(ui.Theme, ui.Theme.Body,
                                  "Een heel lange zin die niet op een regel past als de breedte klein is", 0, 0, 300,
                                  ui.Theme.Text);
        ImGui::End();
    });
    CHECK(many > one * 3);
    CHECK(widgets::HasText(widgets::Record(), "Kort"));
}

// The pack writes "(1\u00a0minuut)": the line breaks before "(1", never after it.
TEST_CASE("a non-breaking space keeps its words on one line") {
    HeadlessImGui ui;
    ImFont* font = ui.Theme.Body;
    const float head = widgets::TextWidth(font, "Een paar korte vragen (1");
    ui.Frame(kAway, false, [&] {
        ImGui::Begin("##test");
        widgets::TextBlock(ui.Theme, font, "Een paar korte vragen (1 minuut)", 0, 0, head + 4, ui.Theme.Text);
        widgets::TextBlock(ui.Theme, font, "Een paar korte vragen (1\u00a0minuut)", 0, 200, head + 4, ui.Theme.Text);
        ImGui::End();
    });
    const auto& boxes = widgets::Record().TextBoxes;
    REQUIRE(boxes.size() == 2);
    // The widest line: "Een paar korte vragen (1" with a plain space, without "(1" with a
    // non-breaking one.
    CHECK(boxes[0].Max.x - boxes[0].Min.x > head - 2);
    CHECK(boxes[1].Max.x - boxes[1].Min.x < head - widgets::TextWidth(font, "(1"));
    CHECK(boxes[1].Max.y - boxes[1].Min.y == doctest::Approx(boxes[0].Max.y - boxes[0].Min.y));
}

// A layout tried first (the attract screen fits its texts): measured as drawn, nothing
// recorded, nothing drawn.
TEST_CASE("inside a MeasureScope texts and buttons are measured, not drawn or recorded") {
    HeadlessImGui ui;
    const char* text = "Een heel lange zin die niet op een regel past als de breedte klein is";
    float measured = 0, drawn = 0;
    int commands = -1;
    ui.Frame(kAway, false, [&] {
        ImGui::Begin("##test");
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const int before = dl->VtxBuffer.Size;
        {
            widgets::MeasureScope measure;
            CHECK(widgets::Measuring());
            measured = widgets::TextBlock(ui.Theme, ui.Theme.Body, text, 0, 0, 300, ui.Theme.Text);
            widgets::TextLine(ui.Theme, ui.Theme.Body, "regel", ImVec2(0, 0), ui.Theme.Text);
        }
        commands = dl->VtxBuffer.Size - before;
        CHECK_FALSE(widgets::Measuring());
        CHECK(widgets::Record().TextBoxes.empty());
        CHECK(widgets::Record().Texts.empty());
        drawn = widgets::TextBlock(ui.Theme, ui.Theme.Body, text, 0, 0, 300, ui.Theme.Text);
        ImGui::End();
    });
    CHECK(commands == 0);
    CHECK(measured == doctest::Approx(drawn));
    CHECK(widgets::Record().TextBoxes.size() == 1);
}

TEST_CASE("on a right-to-left screen every box is mirrored, and the tap still lands") {
    HeadlessImGui ui;
    ui.Theme.Rtl = true; // an Arabic visit (the kiosk sets it for each frame)
    auto frame = [&](ImVec2 pos, bool down) {
        bool fired = false;
        ui.Frame(pos, down, [&] {
            ImGui::SetNextWindowPos(ImVec2(0, 0));
            ImGui::SetNextWindowSize(ui.Display);
            ImGui::Begin("##test");
            fired = widgets::TouchButton(ui.Theme, "ok", "نعم", ImVec2(100, 200), ImVec2(300, 150),
                                         widgets::ButtonKind::Card);
            widgets::TextLine(ui.Theme, ui.Theme.Body, "OK", ImVec2(100, 500), ui.Theme.Text);
            ImGui::End();
        });
        return fired;
    };
    frame(ImVec2(-1000, -1000), false);
    const widgets::FrameRecord rec = widgets::Record();
    const widgets::Target* t = widgets::FindTarget(rec, "ok");
    REQUIRE(t);
    CHECK(t->Min.x == doctest::Approx(1920 - 100 - 300)); // at the right, as far in as it was at the left
    CHECK(t->Max.x == doctest::Approx(1920 - 100));
    CHECK(t->Min.y == doctest::Approx(200));
    // The line ends where it would have started.
    bool found = false;
    for (const widgets::TextBox& b : rec.TextBoxes)
        if (b.Text == "OK") {
            found = true;
            CHECK(b.Max.x == doctest::Approx(1920 - 100));
        }
    CHECK(found);
    // A tap on the mirrored place fires; the unmirrored place is empty.
    const ImVec2 mirrored(1920 - 250, 275), original(250, 275);
    frame(original, true);
    CHECK_FALSE(frame(original, false));
    frame(mirrored, true);
    CHECK(frame(mirrored, false));
}
