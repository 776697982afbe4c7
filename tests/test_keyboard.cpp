// The on-screen keyboard: every letter a resident may need is on a key, the keys are
// big enough and far enough apart, and a tap reports the key.
#include "imgui_headless.hpp"
#include "widgets/keyboard.hpp"

#include <cfloat>
#include <set>

using namespace widgets;

namespace {

const KeyboardLabels kLabels{"spatie", "wissen", "hoofdletter", "é ë ł ş", "abc", "klaar"};

void BeginFull(const HeadlessImGui& ui) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ui.Display);
    ImGui::Begin("##test", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground);
}

std::set<std::string> AllKeys() {
    std::set<std::string> keys;
    for (bool accents : {false, true})
        for (bool shift : {false, true})
            for (const auto& row : KeyboardRows(accents, shift))
                keys.insert(row.begin(), row.end());
    return keys;
}

} // namespace

TEST_CASE("the letters of Dutch, Frisian, Polish and Turkish are all on the keyboard") {
    std::set<std::string> keys = AllKeys();
    const char* const needed[] = {
        // Dutch and Frisian
        "ë", "é", "è", "ê", "ï", "í", "ó", "ö", "ô", "ü", "ú", "û", "â", "à", "á", "ä", "Ë", "É", "Ö", "Ü",
        // Polish
        "ą", "ć", "ę", "ł", "ń", "ó", "ś", "ź", "ż", "Ą", "Ć", "Ę", "Ł", "Ń", "Ś", "Ź", "Ż",
        // Turkish
        "ç", "ğ", "ı", "İ", "ö", "ş", "ü", "Ç", "Ğ", "Ş",
        // plain letters, digits and what a sentence or an address needs
        "a", "z", "A", "Z", "0", "9", ",", ".", "?", "!", "-", "'", ":", "@"};
    for (const char* c : needed) {
        CAPTURE(c);
        CHECK(keys.count(c) == 1);
    }
}

TEST_CASE("every key is at least 11.5 mm and 2.5 mm from the next, at 96 and 200 dpi") {
    for (float dpi : {96.0f, 200.0f}) {
        CAPTURE(dpi);
        HeadlessImGui ui(ImVec2(1920, 1080), dpi / 25.4f);
        for (bool accents : {false, true}) {
            ui.Frame(ImVec2(-FLT_MAX, -FLT_MAX), false, [&] {
                BeginFull(ui);
                Keyboard(ui.Theme, ImVec2(80, 400), 1760, false, accents, kLabels);
                ImGui::End();
            });
            const auto& t = Record().Targets;
            REQUIRE(t.size() >= 45);
            for (size_t i = 0; i < t.size(); i++) {
                CAPTURE(t[i].Id);
                CHECK(t[i].Width() / ui.Theme.PxPerMm >= 11.5f);
                CHECK(t[i].Height() / ui.Theme.PxPerMm >= 11.5f);
                for (size_t k = i + 1; k < t.size(); k++) {
                    const float gap = ui.Theme.MinSpacingPx();
                    bool apart = t[i].Max.x + gap <= t[k].Min.x || t[k].Max.x + gap <= t[i].Min.x ||
                                 t[i].Max.y + gap <= t[k].Min.y || t[k].Max.y + gap <= t[i].Min.y;
                    CHECK(apart);
                }
            }
            const float h = KeyboardHeight(ui.Theme, 1760);
            for (const Target& k : t)
                CHECK(k.Max.y <= 400 + h + 0.5f);
        }
    }
}

TEST_CASE("a tap on a key reports it; shift shows capitals") {
    HeadlessImGui ui;
    auto draw = [&](bool shift, KeyPress* press) {
        BeginFull(ui);
        *press = Keyboard(ui.Theme, ImVec2(80, 400), 1760, shift, false, kLabels);
        ImGui::End();
    };
    KeyPress press;
    ui.Frame(ImVec2(-FLT_MAX, -FLT_MAX), false, [&] { draw(true, &press); });
    const Target* a = FindTarget(Record(), "key-A");
    REQUIRE(a);
    CHECK(FindTarget(Record(), "key-a") == nullptr);
    const ImVec2 at = a->Center();
    ui.Frame(at, false, [&] { draw(true, &press); });
    ui.Frame(at, true, [&] { draw(true, &press); });
    CHECK(press.Kind == KeyKind::None); // on release, not on press
    ui.Frame(at, false, [&] { draw(true, &press); });
    CHECK(press.Kind == KeyKind::Insert);
    CHECK(press.Text == "A");

    ui.Frame(ImVec2(-FLT_MAX, -FLT_MAX), false, [&] { draw(false, &press); });
    const Target* done = FindTarget(Record(), "key-done");
    REQUIRE(done);
    CHECK(done->Label == "klaar");
    CHECK(FindTarget(Record(), "key-space")->Label == "spatie");
}

// A 600 px high screen with A+ (1024x600 at 118 dpi): five rows of 11.5 mm keys leave no
// room for the question above them, so the same keys come in four rows of 14.
TEST_CASE("where five rows do not fit the height, the same keys in four rows, still 11.5 mm") {
    HeadlessImGui ui(ImVec2(1024, 600), 118.0f / 25.4f, true);
    const float width = 938, low = 260;
    const float full = KeyboardHeight(ui.Theme, width);
    const float compact = KeyboardHeight(ui.Theme, width, low);
    CHECK(full > low);
    CHECK(compact <= low);
    for (bool accents : {false, true})
        for (bool shift : {false, true}) {
            CAPTURE(accents);
            CAPTURE(shift);
            std::set<std::string> drawn, wide;
            std::set<float> rows;
            ui.Frame(ImVec2(-FLT_MAX, -FLT_MAX), false, [&] {
                BeginFull(ui);
                Keyboard(ui.Theme, ImVec2(43, 250), width, shift, accents, kLabels);
                ImGui::End();
            });
            for (const Target& k : Record().Targets)
                wide.insert(k.Id);
            ui.Frame(ImVec2(-FLT_MAX, -FLT_MAX), false, [&] {
                BeginFull(ui);
                Keyboard(ui.Theme, ImVec2(43, 250), width, shift, accents, kLabels, low);
                ImGui::End();
            });
            const auto& t = Record().Targets;
            for (size_t i = 0; i < t.size(); i++) {
                CAPTURE(t[i].Id);
                drawn.insert(t[i].Id);
                rows.insert(t[i].Min.y);
                CHECK(t[i].Width() / ui.Theme.PxPerMm >= 11.5f);
                CHECK(t[i].Height() / ui.Theme.PxPerMm >= 11.5f);
                CHECK(t[i].Min.x >= 43 - 0.5f);
                CHECK(t[i].Max.x <= 43 + width + 0.5f);
                CHECK(t[i].Max.y <= 250 + compact + 0.5f);
                for (size_t k = i + 1; k < t.size(); k++) {
                    const float gap = ui.Theme.MinSpacingPx();
                    bool apart = t[i].Max.x + gap <= t[k].Min.x || t[k].Max.x + gap <= t[i].Min.x ||
                                 t[i].Max.y + gap <= t[k].Min.y || t[k].Max.y + gap <= t[i].Min.y;
                    CHECK(apart);
                }
            }
            CHECK(rows.size() == 4);
            CHECK(drawn == wide); // every key of the layer, none lost
        }
}
