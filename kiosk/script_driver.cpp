// The script driver (--script FILE): taps on touch targets by id, waits on the kiosk's
// virtual clock, expectations, screenshots. It drives the same frames a person does:
// a tap is a press and a release of the pointer over the target, frame by frame.
#include "kiosk/app_state.hpp"
#include "kiosk/screens.hpp"
#include "widgets/registry.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cstdio>
#include <thread>

namespace kiosk {

namespace {

std::string TargetList(const widgets::FrameRecord& rec) {
    std::string s;
    for (const widgets::Target& t : rec.Targets)
        s += (s.empty() ? "" : ", ") + t.Id;
    return s.empty() ? "none" : s;
}

void TapAt(App& app, const widgets::Target& t) {
    // Move, press, release (a tap fires on release), then one frame to draw the result.
    app.ScriptPointer = true;
    app.PointerPos = t.Center();
    app.PointerDown = false;
    app.Frame();
    app.PointerDown = true;
    app.Frame();
    app.PointerDown = false;
    app.Frame();
    app.PointerPos = ImVec2(-FLT_MAX, -FLT_MAX); // a finger leaves no hover behind
    app.Frame();
}

bool TapId(App& app, const char* id) {
    const widgets::Target* t = widgets::FindTarget(widgets::Record(), id);
    if (t)
        TapAt(app, *t);
    return t != nullptr;
}

// Types text the way a resident does: a tap on the key of each character, with shift
// for a capital and the accents layer where the letter lives.
bool TypeText(App& app, const std::string& text, std::string* why) {
    for (size_t i = 0; i < text.size();) {
        size_t len = 1;
        while (i + len < text.size() && ((unsigned char)text[i + len] >> 6) == 0x2)
            len++;
        const std::string c = text.substr(i, len);
        const std::string id = c == " " ? "key-space" : "key-" + c;
        // Try as the keyboard is, with shift, on the other layer, and there with shift.
        bool typed = false;
        for (int attempt = 0; attempt < 4 && !typed; attempt++) {
            if (const widgets::Target* t = widgets::FindTarget(widgets::Record(), id); t && t->Id == id) {
                TapAt(app, *t);
                typed = true;
                break;
            }
            const bool ok = attempt == 0   ? TapId(app, "key-shift")
                            : attempt == 1 ? TapId(app, "key-shift") && TapId(app, "key-layer")
                            : attempt == 2 ? TapId(app, "key-shift")
                                           : true;
            if (!ok) {
                *why = "'type' needs the on-screen keyboard, and the " + std::string(ScreenName(app.State.Screen)) +
                       " screen shows none";
                return false;
            }
        }
        if (!typed) {
            *why = "the on-screen keyboard has no key for '" + c + "'";
            return false;
        }
        i += len;
    }
    return true;
}

// Lets `seconds` of kiosk time pass, stopping at every timer on the way as real time would.
void AdvanceClock(App& app, double seconds) {
    const double end = app.VirtualNow + seconds;
    for (int guard = 0; guard < 10000; guard++) {
        double d = NextDeadline(app.Flow, app.State);
        if (!(d <= end))
            break;
        app.VirtualNow = std::max(app.VirtualNow, d + 1e-6);
        app.Frame();
    }
    app.VirtualNow = std::max(app.VirtualNow, end);
    app.Frame();
}

// Runs one script line; false and a reason when it fails.
bool RunLine(App& app, const ScriptLine& line, std::string* why) {
    const widgets::FrameRecord& rec = widgets::Record();
    const std::string screen = ScreenName(app.State.Screen);
    switch (line.Command) {
    case ScriptCommand::Tap: {
        const widgets::Target* t = widgets::FindTarget(rec, line.Arg);
        if (!t) {
            *why = "no touch target '" + line.Arg + "' on the " + screen + " screen (there are: " + TargetList(rec) + ")";
            return false;
        }
        TapAt(app, *t);
        return true;
    }
    case ScriptCommand::Wait:
        AdvanceClock(app, line.Seconds);
        return true;
    case ScriptCommand::Hold: { // press, let the clock run with the finger down, let go
        const widgets::Target* t = widgets::FindTarget(rec, line.Arg);
        if (!t) {
            *why = "no touch target '" + line.Arg + "' on the " + screen + " screen (there are: " + TargetList(rec) + ")";
            return false;
        }
        app.ScriptPointer = true;
        app.PointerPos = t->Center();
        app.PointerDown = false;
        app.Frame();
        app.PointerDown = true;
        app.Frame();
        AdvanceClock(app, line.Seconds);
        app.PointerDown = false;
        app.Frame();
        app.PointerPos = ImVec2(-FLT_MAX, -FLT_MAX);
        app.Frame();
        return true;
    }
    case ScriptCommand::Sleep: // real time passes; the kiosk clock does not
        std::this_thread::sleep_for(std::chrono::duration<double>(line.Seconds));
        return true;
    case ScriptCommand::ExpectScreen:
        if (screen != line.Arg) {
            *why = "expected the " + line.Arg + " screen, but the " + screen + " screen shows";
            return false;
        }
        return true;
    case ScriptCommand::ExpectText:
        if (!widgets::HasText(rec, line.Arg)) {
            *why = "the text '" + line.Arg + "' is not visible on the " + screen + " screen";
            return false;
        }
        return true;
    case ScriptCommand::Targets:
        for (const widgets::Target& t : rec.Targets) // id, label, box: "ok<TAB>Akkoord<TAB>100 200 400 350"
            printf("%s\t%s\t%.0f %.0f %.0f %.0f\n", t.Id.c_str(), t.Label.c_str(), t.Min.x, t.Min.y, t.Max.x, t.Max.y);
        fflush(stdout);
        return true;
    case ScriptCommand::Screenshot:
        if (!app.Window) {
            *why = "a screenshot needs a window: run without --headless (under xvfb-run where there is no display)";
            return false;
        }
        app.PendingScreenshot = line.Arg;
        app.ScreenshotError.clear();
        app.Frame();
        if (!app.ScreenshotError.empty()) {
            *why = app.ScreenshotError;
            return false;
        }
        return true;
    case ScriptCommand::Type:
        return TypeText(app, line.Arg, why);
    }
    return true;
}

} // namespace

int RunScript(App& app, const std::vector<ScriptLine>& lines, const std::string& path) {
    app.Frame(); // the first frame, so targets exist
    for (const ScriptLine& line : lines) {
        std::string why;
        if (app.Window && glfwWindowShouldClose(app.Window)) {
            fprintf(stderr, "%s:%d: the window was closed\n", path.c_str(), line.Number);
            return 1;
        }
        if (app.Admin.QuitChosen) {
            fprintf(stderr, "%s:%d: the kiosk was closed (Kiosk afsluiten) before this line\n", path.c_str(),
                    line.Number);
            return 1;
        }
        if (!RunLine(app, line, &why)) {
            fprintf(stderr, "%s:%d: %s\n", path.c_str(), line.Number, why.c_str());
            return 1;
        }
        // A campfire summary's pages are captured one frame each; a script sees the files.
        for (int i = 0; i < 50 && !app.PendingCapture.empty(); i++)
            app.Frame();
        if (app.Captured) { // and the screen that says where they went
            app.Captured = false;
            app.Frame();
        }
        // A PIN check runs off the frame; a script sees its result before the next line.
        if (Action checked; app.Admin.Finish(true, &checked)) {
            app.Dispatch(checked);
            app.Frame();
        }
        if (app.Window) {
            glfwPollEvents();
            KeepWindow(app); // under a script too, so a test can take the focus away
        }
    }
    return 0;
}

} // namespace kiosk
