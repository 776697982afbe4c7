// [SECTION] the application state
// [SECTION] effects: the flow's effects against the journal
// [SECTION] one frame
// [SECTION] script driver
// [SECTION] set-up and main loop
#include "kiosk/app.hpp"
#include "content/pack_loader.hpp"
#include "kiosk/admin_effects.hpp"
#include "kiosk/flow_admin.hpp"
#include "kiosk/campfire_effects.hpp"
#include "kiosk/campfire_export.hpp"
#include "kiosk/log.hpp"
#include "kiosk/opening_hours.hpp"
#include "kiosk/watchdog.hpp"
#include "kiosk/screens.hpp"
#include "kiosk/screenshot.hpp"
#include "kiosk/script.hpp"
#include "kiosk/speaker.hpp"
#include "sync/client.hpp"
#include "sync/journal.hpp"
#include "sync/sync_worker.hpp"
#include "sync/uuid.hpp"
#include "widgets/fonts.hpp"
#include "widgets/registry.hpp"
#include "widgets/theme.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

namespace kiosk {

//-----------------------------------------------------------------------------
// [SECTION] the application state
//-----------------------------------------------------------------------------

namespace {

bool g_input_seen = false; // set by GLFW callbacks: something happened, draw
bool g_touched = false;     // set by the button, key and char callbacks: a person, not the window system
Watchdog g_watchdog;        // systemd's, when the session unit asks for one (kiosk/watchdog.hpp)
// Keeping the window (kiosk/guard.hpp): set by GLFW callbacks, read by the main loop.
bool g_fullscreen = false;
bool g_quit_chosen = false;  // "Kiosk afsluiten" on the admin screen
bool g_window_lost = false;  // iconified or lost focus: take it back

int64_t WallMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

struct App {
    KioskOptions Opts;
    content::Pack Pack;
    std::unique_ptr<wsync::Journal> Journal;
    std::unique_ptr<wsync::SyncWorker> Sync; // only when enrolled at a store
    std::unique_ptr<Speaker> Speech;         // started by the first Speak; never under --headless
    AdminEffects Admin;                      // PIN checks, the admin screen's figures, quitting
    CampfireEffects Campfire;                      // a campfire meeting's journal tables and files
    FlowContext Flow;
    FlowState State;
    widgets::Theme Theme;
    widgets::GlyphSet Glyphs; // the atlas's glyphs: kept, ImGui reads the ranges when it rebuilds
    GLFWwindow* Window = nullptr;
    ImVec2 Display{1920, 1080};

    // The clock: real time, or virtual under a script (advanced only by `wait`).
    bool VirtualClock = false;
    double VirtualNow = 0.0;
    std::chrono::steady_clock::time_point Start = std::chrono::steady_clock::now();

    // Under a script the pointer is ours, not the mouse's.
    bool ScriptPointer = false;
    ImVec2 PointerPos{-FLT_MAX, -FLT_MAX};
    bool PointerDown = false;

    static constexpr double kHighlightsEvery = 120.0; // seconds between new attract-screen results
    double HighlightsAt = -1e308;

    std::string PendingScreenshot;
    std::string ScreenshotError;
    std::string PendingCapture; // a campfire summary's PNG: the next frame drawn, then CampfireExportDone
    std::string CaptureResult;  // "ok" or why not, dispatched after the frame
    bool Captured = false;      // a capture's result was dispatched after its frame (scripts draw once more)
    std::vector<std::string> CommittedUnseen; // answers committed since the last frame
    std::string LastShown;                    // screen (and question) of the last frame, for --trace
    int Frames = 0;

    double Now() const {
        if (VirtualClock)
            return VirtualNow;
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
    }
    void Trace(const std::string& line) {
        if (!Opts.Trace)
            return;
        fputs((line + "\n").c_str(), stdout);
        fflush(stdout); // a test may kill us right after: the line must be out
    }
    void Dispatch(Action a);
    void RunEffect(const Effect& e);
    void ApplyVisitorSettings();
    void Frame();
};

//-----------------------------------------------------------------------------
// [SECTION] effects: the flow's effects against the journal
//-----------------------------------------------------------------------------

void App::Dispatch(Action a) {
    if (a.Kind == ActionKind::Start || a.Kind == ActionKind::StartPraatplaat || a.Kind == ActionKind::CampfireStart ||
        a.Kind == ActionKind::AgreementNew)
        a.Value = wsync::NewUuidV4(); // ids are made here, at the edge, so the flow stays pure
    std::vector<Effect> effects;
    State = Step(Flow, State, a, Now(), &effects);
    for (const Effect& e : effects)
        RunEffect(e);
}

void App::RunEffect(const Effect& e) {
    switch (e.Kind) {
    case EffectKind::CommitAnswers: {
        std::vector<wsync::AnswerRecord> records;
        const int64_t now_ms = WallMs();
        for (const content::GivenAnswer& g : e.Answers) {
            wsync::AnswerRecord rec;
            rec.SessionId = e.SessionId;
            rec.PackId = Pack.Id;
            rec.PackVersion = Pack.Version; // each answer keeps the version it was given under
            rec.QuestionId = g.QuestionId;
            rec.Value = g.Value;
            rec.Lang = e.Lang;
            rec.AnsweredAtMs = now_ms;
            rec.Flagged = e.Flagged; // a repeat of the visit before: stored, but flagged
            records.push_back(std::move(rec));
        }
        std::vector<wsync::CommittedAnswer> done;
        std::string error;
        if (Journal->Commit(records, &done, &error)) {
            for (const wsync::CommittedAnswer& c : done) {
                Trace("committed " + c.Id + " " + std::to_string(c.Seq));
                CommittedUnseen.push_back(c.Id);
            }
            if (Sync)
                Sync->AnswersAdded();
            Dispatch({ActionKind::Committed});
        } else {
            Log(error);
            Dispatch({ActionKind::CommitFailed, error});
        }
        break;
    }
    case EffectKind::LoadResults: {
        // This kiosk's own tallies; the flow keeps only questions with enough answers.
        Action loaded(ActionKind::ResultsLoaded);
        const content::Poll* poll = Pack.FindPoll(e.PollId);
        for (const content::Question& q : poll ? poll->Questions : std::vector<content::Question>{}) {
            if (q.Type == content::QuestionType::Text)
                continue; // what one resident wrote is never shown to the next
            std::vector<std::string> ids;
            if (q.Type == content::QuestionType::Matrix)
                for (const content::Option& row : q.Rows)
                    ids.push_back(content::MatrixAnswerId(q, row.Id));
            else
                ids.push_back(q.Id);
            for (const std::string& id : ids) {
                std::vector<std::pair<std::string, int64_t>> tally;
                std::string error;
                if (!Journal->Tally(id, &tally, &error)) {
                    Log(error);
                    continue;
                }
                std::vector<std::pair<std::string, long long>> raw(tally.begin(), tally.end());
                Chart chart;
                chart.AnswerId = id;
                chart.Counts = content::CountOptions(q, raw, &chart.Respondents);
                loaded.Charts.push_back(std::move(chart));
            }
        }
        Dispatch(loaded);
        break;
    }
    case EffectKind::LoadHighlights: {
        // Every few minutes is fresh enough, and a busy afternoon of visits costs nothing.
        if (HighlightsAt > -1e300 && Now() - HighlightsAt < kHighlightsEvery)
            break;
        HighlightsAt = Now();
        Tallies tallies;
        for (const std::string& id : HighlightQuestions(Pack)) {
            std::vector<std::pair<std::string, int64_t>> tally;
            std::string error;
            if (!Journal->Tally(id, &tally, &error)) {
                Log(error);
                continue;
            }
            tallies[id].assign(tally.begin(), tally.end());
        }
        Action loaded(ActionKind::HighlightsLoaded);
        loaded.Highlights = PickHighlights(Pack, tallies, Flow.Config.MinResults, 6);
        Dispatch(loaded);
        break;
    }
    case EffectKind::EndSession:
        break; // nothing of the visit is kept in memory; the journal already has its answers
    case EffectKind::Speak:
        for (const std::string& text : e.Speech)
            Trace("speak " + e.Lang + ": " + text);
        if (!Opts.Headless) { // headless: the trace only, no sound
            if (!Speech)
                Speech = std::make_unique<Speaker>([](const std::string& message) { Log(message); });
            Speech->Say({e.Lang, e.Speech, e.Volume});
        }
        break;
    case EffectKind::StopSpeech:
        Trace("speak stop");
        if (Speech)
            Speech->Stop();
        break;
    case EffectKind::LoadCampfireDefaults:
    case EffectKind::SaveCampfireSession:
    case EffectKind::SaveCampfireCounts:
    case EffectKind::SaveAgreement:
    case EffectKind::EndCampfireSession:
    case EffectKind::LoadExportTargets:
    case EffectKind::ExportCsv:
        if (e.Kind == EffectKind::ExportCsv)
            Trace("export " + e.Path);
        for (const Action& next : Campfire.Run(e, State.Lang)) // kiosk/campfire_effects.cpp
            Dispatch(next);
        break;
    case EffectKind::CaptureSummary:
        if (Window) {
            PendingCapture = e.Path; // the summary page the next frame draws
        } else {
            Log("campfire export: no PNG without a screen (--headless); the CSV was written");
            Dispatch({ActionKind::CampfireExportDone, "a PNG needs a screen, and the kiosk runs without one (--headless)"});
        }
        break;
    case EffectKind::CheckPin:
    case EffectKind::LogPinAttempt:
    case EffectKind::LoadPinState:
    case EffectKind::LoadAdmin:
    case EffectKind::SyncNow:
    case EffectKind::Quit:
        for (const Action& next : Admin.Run(e)) // kiosk/admin_effects.cpp
            Dispatch(next);
        if (Admin.QuitChosen) {
            g_quit_chosen = true;
            if (Window)
                glfwSetWindowShouldClose(Window, GLFW_TRUE);
        }
        break;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] one frame
//-----------------------------------------------------------------------------

// A+ and contrast: a new theme when the visitor changed them; new fonts only for A+
// (the atlas is rebuilt between frames, a few tens of milliseconds once).
void App::ApplyVisitorSettings() {
    const bool large = Theme.TextScale > 1.0f;
    if (State.LargeText == large && State.HighContrast == Theme.HighContrast)
        return;
    widgets::Theme next = widgets::MakeTheme(Display.x, Display.y, Theme.PxPerMm, State.LargeText, State.HighContrast);
    if (State.LargeText == large) {
        next.Body = Theme.Body;
        next.Small = Theme.Small;
        next.Button = Theme.Button;
        next.Title = Theme.Title;
    } else {
        std::string error;
        if (!widgets::LoadFonts(&next, Glyphs, &error)) { // keeps the fonts it had: still readable
            Log(error);
            return;
        }
        if (Window) {
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
        } else {
            unsigned char* pixels = nullptr;
            int w = 0, h = 0;
            ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        }
    }
    Theme = next;
    widgets::ApplyStyle(Theme);
    Trace(std::string("theme ") + (State.LargeText ? "large" : "normal") + (State.HighContrast ? " high-contrast" : ""));
}

void App::Frame() {
    if (Action checked; Admin.Finish(false, &checked)) // a PIN check that ran off the frame
        Dispatch(checked);
    Dispatch({ActionKind::Tick, {}});
    ApplyVisitorSettings();

    ImGuiIO& io = ImGui::GetIO();
    if (Window) {
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        Display = io.DisplaySize;
    } else {
        io.DisplaySize = Display;
        io.DeltaTime = 1.0f / 60.0f;
    }
    if (ScriptPointer) {
        io.MousePos = PointerPos;
        io.MouseDown[0] = PointerDown;
    }

    ImGui::NewFrame();
    widgets::BeginRecord();
    std::vector<Action> actions;
    Theme.Rtl = content::IsRightToLeft(State.Lang); // an Arabic visit mirrors the layout
    Theme.ViewWidth = Display.x;
    ScreenContext sc{&Flow, &Theme, Display, Now()};
    DrawScreen(sc, State, &actions);
    ImGui::Render();

    if (Window) {
        int fb_w = 0, fb_h = 0;
        glfwGetFramebufferSize(Window, &fb_w, &fb_h);
        glViewport(0, 0, fb_w, fb_h);
        ImVec4 bg = ImGui::ColorConvertU32ToFloat4(Theme.Background);
        glClearColor(bg.x, bg.y, bg.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        if (!PendingCapture.empty()) { // a campfire summary page, written as carefully as the CSV
            std::string png, error;
            if (CaptureScreenshotPng(fb_w, fb_h, &png, &error) && WriteFileAtomic(PendingCapture, png, &error)) {
                Trace("export " + PendingCapture);
                CaptureResult = "ok";
            } else {
                Log("campfire export: " + error);
                CaptureResult = error.empty() ? "cannot write the PNG" : error;
            }
            PendingCapture.clear();
        }
        if (!PendingScreenshot.empty()) {
            if (!WriteScreenshotPng(PendingScreenshot, fb_w, fb_h, &ScreenshotError) && ScreenshotError.empty())
                ScreenshotError = "cannot write the screenshot";
            PendingScreenshot.clear();
        }
        glfwSwapBuffers(Window);
        // The atlas is on the GPU now: its copy in memory (20 MiB with every language's
        // glyphs) goes. A rebuild (A+) makes it again from the fonts' data.
        if (io.Fonts->TexPixelsRGBA32 || io.Fonts->TexPixelsAlpha8)
            io.Fonts->ClearTexData();
    }
    Frames++;

    // What a person now sees, for tests: the screen, and every answer whose next
    // screen has been drawn (the promise: nothing thanked is lost).
    std::string shown = ScreenName(State.Screen);
    if (State.Screen == Screen::Question)
        if (const content::Question* q = CurrentQuestion(Flow, State))
            shown += " " + q->Id;
    if (shown != LastShown)
        Trace("screen " + shown);
    LastShown = shown;
    for (const std::string& id : CommittedUnseen)
        Trace("shown " + id);
    CommittedUnseen.clear();

    if (!CaptureResult.empty()) {
        Dispatch({ActionKind::CampfireExportDone, CaptureResult == "ok" ? std::string() : CaptureResult});
        CaptureResult.clear();
        Captured = true;
    }
    for (const Action& a : actions)
        Dispatch(a);
}

//-----------------------------------------------------------------------------
// [SECTION] script driver
//-----------------------------------------------------------------------------

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

void KeepWindow(App& app); // below, with the main loop

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

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] set-up and main loop
//-----------------------------------------------------------------------------

namespace {

void OnCursor(GLFWwindow*, double, double) { g_input_seen = true; }
void OnButton(GLFWwindow*, int, int, int) { g_input_seen = g_touched = true; }
void OnKey(GLFWwindow*, int, int, int, int) { g_input_seen = g_touched = true; }
void OnChar(GLFWwindow*, unsigned int) { g_input_seen = g_touched = true; }
void OnFocus(GLFWwindow*, int focused) {
    g_input_seen = true;
    g_window_lost = g_window_lost || !focused;
}
void OnIconify(GLFWwindow*, int iconified) {
    g_input_seen = true;
    g_window_lost = g_window_lost || iconified;
}
// Alt+F4 or a window manager's close button: refused in full screen (kiosk/guard.hpp).
void OnClose(GLFWwindow* window) {
    if (!CloseAllowed(g_fullscreen, g_quit_chosen)) {
        glfwSetWindowShouldClose(window, GLFW_FALSE);
        Log("a request to close the window was refused (use Kiosk afsluiten on the admin screen)");
    }
}
void OnRefresh(GLFWwindow*) { g_input_seen = true; }
void OnResize(GLFWwindow*, int, int) { g_input_seen = true; }
void OnGlfwError(int code, const char* text) { Log("GLFW error " + std::to_string(code) + ": " + text); }

// 1. GLFW window  2. GL context  3. input callbacks (before ImGui's, which chain to them)
bool OpenWindow(App& app, float* px_per_mm, std::string* error) {
    glfwSetErrorCallback(OnGlfwError);
    if (!glfwInit()) {
        *error = "cannot open a window: no display (set DISPLAY, or run under xvfb-run)";
        return false;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
    int w = app.Opts.WindowW, h = app.Opts.WindowH;
    bool fullscreen = w <= 0 || h <= 0;
    if (fullscreen) {
        if (!mode) {
            *error = "cannot find a monitor for full screen (try --windowed 1920x1080)";
            return false;
        }
        w = mode->width;
        h = mode->height;
    }
    // GLFW iconifies a full-screen window that loses focus by default: a kiosk stays.
    glfwWindowHint(GLFW_AUTO_ICONIFY, GLFW_FALSE);
    app.Window = glfwCreateWindow(w, h, "Wijkstem", fullscreen ? monitor : nullptr, nullptr);
    if (!app.Window) {
        *error = "cannot open a window with OpenGL 3";
        return false;
    }
    glfwMakeContextCurrent(app.Window);
    glfwSwapInterval(1);

    // The screen's real size in millimetres decides how big a touch target must be.
    int mm_w = 0, mm_h = 0;
    if (monitor && mode) {
        glfwGetMonitorPhysicalSize(monitor, &mm_w, &mm_h);
        if (mm_w > 0)
            *px_per_mm = float(mode->width) / float(mm_w);
    }

    glfwSetCursorPosCallback(app.Window, OnCursor);
    glfwSetMouseButtonCallback(app.Window, OnButton);
    glfwSetKeyCallback(app.Window, OnKey);
    glfwSetCharCallback(app.Window, OnChar);
    glfwSetWindowFocusCallback(app.Window, OnFocus);
    glfwSetWindowRefreshCallback(app.Window, OnRefresh);
    glfwSetFramebufferSizeCallback(app.Window, OnResize);
    glfwSetWindowIconifyCallback(app.Window, OnIconify);
    glfwSetWindowCloseCallback(app.Window, OnClose);
    g_fullscreen = fullscreen;
    return true;
}

bool ReadFile(const std::string& path, std::string* out) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    std::stringstream ss;
    ss << in.rdbuf();
    *out = ss.str();
    return true;
}

// A full-screen kiosk that was iconified or lost focus takes both back.
void KeepWindow(App& app) {
    if (!g_window_lost)
        return;
    g_window_lost = false;
    const bool focused = glfwGetWindowAttrib(app.Window, GLFW_FOCUSED);
    const bool iconified = glfwGetWindowAttrib(app.Window, GLFW_ICONIFIED);
    if (!MustRetakeWindow(g_fullscreen, focused, iconified))
        return;
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
    if (iconified)
        glfwRestoreWindow(app.Window);
    if (mode)
        glfwSetWindowMonitor(app.Window, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
    glfwFocusWindow(app.Window);
    Log(std::string("the kiosk window was ") + (iconified ? "iconified" : "left") + "; full screen and focus taken back");
}

// Waits for input or the next timer, then says how many frames to draw.
int WaitForWork(App& app) {
    double now = app.Now();
    double deadline = NextDeadline(app.Flow, app.State);
    if (app.State.Screen == Screen::StillThere) // the countdown text changes every second
        deadline = std::min(deadline, now + (1.0 - std::fmod(now - app.State.ScreenSince, 1.0)));
    deadline = std::min(deadline, NextCountdownChange(app.State, now)); // the gap, a locked PIN keypad
    // ... and at the latest when systemd's watchdog wants its "still alive"
    double timeout = std::clamp(std::min(deadline - now, SecondsToNextFeed(g_watchdog)), 0.0, 3600.0);
    g_input_seen = false;
    if (timeout > 0.0)
        glfwWaitEventsTimeout(timeout);
    else
        glfwPollEvents();
    // ImGui needs a few frames after input to settle (press, release, the new screen).
    if (g_input_seen)
        return 3;
    if (app.Admin.Checking()) // woken by the PIN check (a frame takes its result)
        return 1;
    if (!app.PendingCapture.empty()) // a summary page to capture for the export
        return 1;
    return app.Now() >= deadline - 1e-3 ? 1 : 0;
}

// Outside the opening hours (kiosk/opening_hours.hpp): a black screen, drawn once, and no
// frames until a touch. Returns -1 when the screen is not dark, else the frames to draw next
// (3 after a waking touch, 0 while it stays dark). Wakes at least once a minute to look at
// the clock, and for the watchdog.
int DarkScreen(App& app, const OpeningHours& hours, double* last_input, bool* drawn) {
    int day = 0, minute = 0;
    LocalDayMinute((long long)time(nullptr), &day, &minute);
    if (!ScreenDark(IsOpen(hours, day, minute), app.State.Screen == Screen::Attract, app.Now(), *last_input)) {
        *drawn = false;
        return -1;
    }
    if (!*drawn) {
        glClearColor(0.0f, 0.0f, 0.0f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        glfwSwapBuffers(app.Window);
        *drawn = true;
        Log("outside the opening hours: the screen is dark until touched");
    }
    g_input_seen = g_touched = false;
    glfwWaitEventsTimeout(std::clamp(SecondsToNextFeed(g_watchdog), 0.01, 60.0));
    if (!g_touched) {
        *drawn = *drawn && !g_input_seen; // exposed or resized: black again
        return 0;
    }
    *last_input = app.Now();
    Log("touched outside the opening hours: awake for a visit");
    return 3;
}

} // namespace

int RunKiosk(const KioskOptions& opts) {
    App app;
    app.Opts = opts;

    // 1. Content: a broken pack is refused with its problems, never a crash.
    //    Without --content: the pack the store published for this wijk (validated when it
    //    arrived), else the bundled one.
    std::string content_dir = opts.ContentDir;
    content::LoadResult loaded;
    content::LoadOptions checks; // a text the fonts cannot draw is a problem, as in check-content
    checks.MissingGlyphs = widgets::MissingGlyphs;
    if (content_dir.empty()) {
        const std::string downloaded = wsync::DownloadedPackDir(opts.DataDir);
        if (FILE* f = fopen((downloaded + "/pack.json").c_str(), "rb")) {
            fclose(f);
            loaded = content::LoadPack(downloaded, checks);
            if (loaded.Ok())
                content_dir = downloaded;
            else
                Log("the pack from the store in " + downloaded + " has problems; using the bundled pack");
        }
        if (content_dir.empty())
            content_dir = opts.BundledContentDir;
    }
    if (content_dir != wsync::DownloadedPackDir(opts.DataDir))
        loaded = content::LoadPack(content_dir, checks);
    if (!loaded.Ok()) {
        for (const content::Problem& p : loaded.Problems)
            fprintf(stderr, "%s\n", p.Format().c_str());
        fprintf(stderr, "wijkstem: the content pack in %s has %zu problem(s); the kiosk does not start\n",
                content_dir.c_str(), loaded.Problems.size());
        return 1;
    }
    app.Pack = std::move(loaded.Pack);
    if (!opts.StartPoll.empty()) { // the gebiedsteam picks which quick poll runs
        bool known = false;
        for (const content::Poll& p : app.Pack.Polls)
            known = known || p.Id == opts.StartPoll;
        if (!known) {
            std::string ids;
            for (const content::Poll& p : app.Pack.Polls)
                ids += (ids.empty() ? "" : ", ") + p.Id;
            fprintf(stderr, "wijkstem: --poll %s is not a quick poll of the pack (it has: %s)\n",
                    opts.StartPoll.c_str(), ids.c_str());
            return 1;
        }
        app.Pack.StartPoll = opts.StartPoll;
    }
    app.Flow.Pack = &app.Pack;
    app.Flow.Config = opts.Flow;

    // 2. The journal.
    std::string error;
    if (!wsync::MakeDirs(opts.DataDir, &error)) {
        Log(error);
        return 1;
    }
    SetLogFile(opts.DataDir + "/kiosk.log");
    app.Journal = wsync::Journal::Open(wsync::JournalPath(opts.DataDir), &error);
    if (!app.Journal) {
        Log(error);
        return 1;
    }

    // Background sync, on its own thread and connection, when this kiosk has a store.
    wsync::StoreLink link;
    if (opts.Sync && app.Journal->GetStore(&link)) {
        wsync::SyncSchedule schedule;
        schedule.Interval = opts.SyncInterval;
        schedule.Debounce = opts.SyncDebounce;
        app.Sync = std::make_unique<wsync::SyncWorker>(wsync::JournalPath(opts.DataDir),
                                                       wsync::DownloadedPackDir(opts.DataDir), schedule);
        app.Sync->Start();
    }
    app.Admin.Journal = app.Journal.get();
    app.Admin.Sync = app.Sync.get();
    app.Campfire.Journal = app.Journal.get();
    app.Campfire.Sync = app.Sync.get();
    app.Campfire.Flow = &app.Flow;
    app.Campfire.ExportDir = opts.ExportDir;
    app.Campfire.Today = [] { // the facilitator's day: local time
        time_t t = time(nullptr);
        struct tm tm;
        localtime_r(&t, &tm);
        char buf[16];
        strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
        return std::string(buf);
    };
    app.Campfire.NowIso = [] {
        const int64_t ms = WallMs();
        time_t t = time_t(ms / 1000);
        struct tm tm;
        gmtime_r(&t, &tm);
        char buf[64];
        snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                 tm.tm_hour, tm.tm_min, tm.tm_sec, int(ms % 1000));
        return std::string(buf);
    };
    app.Admin.Wake = [&app] { // a PIN check is done: wake the main loop to draw its result
        if (app.Window)
            glfwPostEmptyEvent();
    };

    // 3. The script, if any: read and checked whole before anything runs.
    std::vector<ScriptLine> script;
    if (!opts.ScriptPath.empty()) {
        std::string text;
        if (!ReadFile(opts.ScriptPath, &text)) {
            fprintf(stderr, "wijkstem: cannot read the script %s\n", opts.ScriptPath.c_str());
            return 1;
        }
        if (!ParseScript(text, &script, &error)) {
            fprintf(stderr, "%s:%s\n", opts.ScriptPath.c_str(), error.substr(4).c_str()); // "line N: x" -> "FILE:N: x"
            return 1;
        }
        app.VirtualClock = true;
    } else if (opts.Headless) {
        fprintf(stderr, "wijkstem: --headless needs --script FILE (with no window nobody can tap)\n");
        return 1;
    }

    // 4. Window (or none), ImGui, fonts.
    float px_per_mm = opts.Dpi > 0 ? opts.Dpi / 25.4f : 0.0f;
    if (!opts.Headless) {
        float monitor_px_per_mm = 0.0f;
        if (!OpenWindow(app, &monitor_px_per_mm, &error)) {
            Log(error);
            glfwTerminate();
            return 1;
        }
        if (px_per_mm <= 0)
            px_per_mm = monitor_px_per_mm;
    } else {
        if (opts.WindowW > 0 && opts.WindowH > 0)
            app.Display = ImVec2(float(opts.WindowW), float(opts.WindowH));
        if (px_per_mm <= 0)
            px_per_mm = 96.0f / 25.4f;
    }
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // no state carried between runs
    io.LogFilename = nullptr;
    if (app.Window) {
        ImGui_ImplGlfw_InitForOpenGL(app.Window, true);
        ImGui_ImplOpenGL3_Init("#version 130");
        int w = 0, h = 0;
        glfwGetWindowSize(app.Window, &w, &h);
        app.Display = ImVec2(float(w), float(h));
    }
    app.Theme = widgets::MakeTheme(app.Display.x, app.Display.y, px_per_mm);
    // Only the glyphs the pack's texts need, in every language (Arabic joined).
    app.Glyphs = widgets::GlyphsFor(content::AllTexts(app.Pack));
    if (!widgets::LoadFonts(&app.Theme, app.Glyphs, &error)) {
        Log(error);
        return 1;
    }
    if (!app.Window) {
        unsigned char* pixels = nullptr;
        int tw = 0, th = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &tw, &th); // a built atlas, as a renderer would ask
    }
    widgets::ApplyStyle(app.Theme);
    app.State = InitialState(app.Flow, opts.Lang, app.Now());
    app.RunEffect({EffectKind::LoadHighlights, {}, {}, {}, {}});

    // 5. Run: the script, or the event-driven loop.
    int status = 0;
    if (!opts.ScriptPath.empty()) {
        status = RunScript(app, script, opts.ScriptPath);
    } else {
        OpeningHours hours; // a bad file is logged, and the kiosk stays on all day
        std::vector<std::string> hour_problems;
        if (!opts.OpeningHoursPath.empty() && !ReadOpeningHours(opts.OpeningHoursPath, &hours, &hour_problems))
            for (const std::string& p : hour_problems)
                Log(p + " (the kiosk stays on all day)");
        g_watchdog = StartWatchdog(opts.TestHangAfter);
        double last_input = -1e9; // closed at start: dark right after the first frames
        bool dark_drawn = false, ready = false;
        int frames = 2; // the first frame, and one to settle its layout
        while (!glfwWindowShouldClose(app.Window)) {
            FeedWatchdog(&g_watchdog);
            int dark = ready ? DarkScreen(app, hours, &last_input, &dark_drawn) : -1; // READY=1 first
            if (dark >= 0) {
                frames = dark;
                continue;
            }
            if (frames > 0) {
                app.Frame();
                frames--;
                if (!ready) // systemd (Type=notify): the kiosk is on screen
                    NotifyReady(), ready = true;
                glfwPollEvents();
                if (g_input_seen) {
                    g_input_seen = false;
                    frames = std::max(frames, 3);
                }
            } else {
                frames = WaitForWork(app);
            }
            if (g_touched) // a person was here: the screen stays lit a while (opening hours)
                last_input = app.Now(), g_touched = false;
            KeepWindow(app);
        }
    }

    // 6. Clean-up, in reverse order.
    app.Speech.reset(); // cuts off speech and joins its thread
    if (app.Sync)
        app.Sync->Stop(); // a round in flight finishes first (curl times out at 60 s)
    if (app.Window) {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
    }
    ImGui::DestroyContext();
    if (app.Window) {
        glfwDestroyWindow(app.Window);
        glfwTerminate();
    }
    return status;
}

} // namespace kiosk
