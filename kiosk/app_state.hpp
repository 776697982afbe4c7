// The running kiosk's state, shared by the files that make up the application:
//   app.cpp             set-up, the main loop, one frame, Dispatch (the action queue)
//   script_driver.cpp   --script: taps, waits, expectations, screenshots
//   window.cpp          the GLFW window: opening it, keeping it full screen, waiting for input
//   visit_effects.cpp   the visit's effects (the journal: commits, results, highlights)
//   speech_effects.cpp  speech's effects (the speaker)
//   admin_effects.cpp   the facilitator's effects (the PIN check, figures, sync, quitting)
//   campfire_effects.cpp a campfire meeting's effects (its tables, the export)
// Each effect runner answers by pushing actions onto App::Queue, never by stepping itself.
#pragma once
#include "content/pack.hpp"
#include "kiosk/action_queue.hpp"
#include "kiosk/admin_effects.hpp"
#include "kiosk/app.hpp"
#include "kiosk/campfire_effects.hpp"
#include "kiosk/flow.hpp"
#include "kiosk/script.hpp"
#include "widgets/fonts.hpp"
#include "widgets/theme.hpp"

#include <imgui.h>

#include <cfloat>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct GLFWwindow;

namespace wsync {
class Journal;
class SyncWorker;
} // namespace wsync

namespace kiosk {

class Speaker;

struct App {
    App();
    ~App();

    KioskOptions Opts;
    content::Pack Pack;
    std::unique_ptr<wsync::Journal> Journal;
    std::unique_ptr<wsync::SyncWorker> Sync; // only when enrolled at a store
    std::unique_ptr<Speaker> Speech;         // started by the first Speak; never under --headless
    AdminEffects Admin;                      // PIN checks, the admin screen's figures, quitting
    CampfireEffects Campfire;                // a campfire meeting's journal tables and files
    FlowContext Flow;
    FlowState State;
    ActionQueue Queue;                       // actions waiting to be stepped (kiosk/action_queue.hpp)
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

    // From the enrolment: the wijk's public page (QR code on thanks and outcome) and the
    // receipt's key, the token's hash (sync/receipt.hpp). Empty when not enrolled.
    std::string PublicUrl, ReceiptKey;
    ImTextureID Logo = nullptr; // the pack's logo, if it has one (kiosk/logo_texture.hpp)
    static constexpr double kHighlightsEvery = 120.0; // seconds between new attract-screen results
    double HighlightsAt = -1e308;

    std::string PendingScreenshot;
    std::string ScreenshotError;
    std::string PendingCapture; // a campfire summary's PNG: the next frame drawn, then ExportDone
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
    void Trace(const std::string& line);
    // Queues the action (with a new id where it starts something) and drains the queue.
    void Dispatch(Action a);
    // Steps what is queued (effects' answers) until nothing is left.
    void Drain();
    // Runs one effect in its area's file; its answers go onto Queue.
    void RunEffect(const Effect& e);
    void ApplyVisitorSettings();
    void Frame();
};

// The effect runners, one per area (each in its own file).
void RunVisitEffect(App& app, const VisitEffect& e);       // kiosk/visit_effects.cpp
void RunSpeechEffect(App& app, const SpeechEffect& e);     // kiosk/speech_effects.cpp
void RunAdminEffect(App& app, const AdminEffect& e);       // kiosk/admin_effects.cpp
void RunCampfireEffect(App& app, const CampfireEffect& e); // kiosk/campfire_effects.cpp

// The script driver (kiosk/script_driver.cpp): runs every line; the exit status.
int RunScript(App& app, const std::vector<ScriptLine>& lines, const std::string& path);

// The window (kiosk/window.cpp).
// 1. GLFW window  2. GL context  3. input callbacks (before ImGui's, which chain to them)
bool OpenWindow(App& app, float* px_per_mm, std::string* error);
// A full-screen kiosk that was iconified or lost focus takes both back.
void KeepWindow(App& app);
// "Kiosk afsluiten": the window may close now, and does.
void CloseWindowForQuit(App& app);
// Whether input came since the last call (and forgets it).
bool TakeInputSeen();
// Waits for input or the next timer, then says how many frames to draw.
int WaitForWork(App& app);
// Whether a person touched (a button, a key) since the last call (and forgets it).
bool TakeTouched();
// systemd's watchdog (kiosk/watchdog.hpp): started once, fed every loop turn.
void StartWatchdogFor(double test_hang_after);
void FeedWatchdogNow();
// Outside the opening hours: -1 when the screen is lit, else the frames to draw next.
struct OpeningHours;
int DarkScreen(App& app, const OpeningHours& hours, double* last_input, bool* drawn);

} // namespace kiosk
