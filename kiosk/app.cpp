// [SECTION] the application state, the action queue and the effects' routing
// [SECTION] one frame
// [SECTION] set-up
// [SECTION] RunKiosk: the main loop
#include "kiosk/app.hpp"
#include "content/pack_loader.hpp"
#include "kiosk/app_state.hpp"
#include "kiosk/campfire_export.hpp"
#include "kiosk/flow_admin.hpp"
#include "kiosk/font_texture.hpp"
#include "kiosk/logo_texture.hpp"
#include "kiosk/log.hpp"
#include "kiosk/opening_hours.hpp"
#include "kiosk/watchdog.hpp"
#include "kiosk/screens.hpp"
#include "kiosk/screen_news.hpp"
#include "kiosk/screenshot.hpp"
#include "kiosk/script.hpp"
#include "kiosk/speaker.hpp"
#include "sync/client.hpp"
#include "sync/iso_time.hpp"
#include "sync/journal.hpp"
#include "sync/signing.hpp"
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
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <memory>
#include <sstream>

namespace kiosk {

//-----------------------------------------------------------------------------
// [SECTION] the application state, the action queue and the effects' routing
//-----------------------------------------------------------------------------

App::App() = default;
App::~App() = default;

void App::Trace(const std::string& line) {
    if (!Opts.Trace)
        return;
    fputs((line + "\n").c_str(), stdout);
    fflush(stdout); // a test may kill us right after: the line must be out
}

namespace {

// The actions that start something carry a new id, made here at the edge so the flow
// stays pure.
std::string* IdToMake(Action& a) {
    if (VisitAction* v = std::get_if<VisitAction>(&a))
        return v->Kind == VisitKind::Start || v->Kind == VisitKind::StartPraatplaat ? &v->Value : nullptr;
    if (CampfireAction* c = std::get_if<CampfireAction>(&a))
        return c->Kind == CampfireKind::Start || c->Kind == CampfireKind::AgreementNew ? &c->Value : nullptr;
    return nullptr;
}

} // namespace

void App::Dispatch(Action a) {
    if (std::string* id = IdToMake(a))
        *id = wsync::NewUuidV4();
    Queue.Push(std::move(a));
    Drain();
}

void App::Drain() {
    Queue.Drain(Flow, &State, [this] { return Now(); }, [this](const Effect& e) { RunEffect(e); });
}

void App::RunEffect(const Effect& effect) {
    struct {
        App& app;
        void operator()(const VisitEffect& e) const { RunVisitEffect(app, e); }
        void operator()(const SpeechEffect& e) const { RunSpeechEffect(app, e); }
        void operator()(const AdminEffect& e) const { RunAdminEffect(app, e); }
        void operator()(const CampfireEffect& e) const { RunCampfireEffect(app, e); }
    } run{*this};
    std::visit(run, effect);
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
            CreateFontTexture();
        } else {
            unsigned char* pixels = nullptr;
            int w = 0, h = 0;
            ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
        }
    }
    Theme = next;
    widgets::ApplyStyle(Theme);
    Trace(std::string("theme ") + (State.LargeText ? "large" : "normal") + (State.HighContrast ? " high-contrast" : ""));
}

namespace {

// What a person now sees, for tests: the screen, and every answer whose next screen has
// been drawn (the promise: nothing thanked is lost).
void TraceShown(App& app) {
    std::string shown = ScreenName(app.State.Screen);
    if (app.State.Screen == Screen::Question)
        if (const content::Question* q = CurrentQuestion(app.Flow, app.State))
            shown += " " + q->Id;
    if (shown != app.LastShown)
        app.Trace("screen " + shown);
    app.LastShown = shown;
    for (const std::string& id : app.CommittedUnseen)
        app.Trace("shown " + id);
    app.CommittedUnseen.clear();
}

// The drawn frame to the screen, and the PNGs asked for: a campfire summary page, a
// script's screenshot.
void Present(App& app) {
    ImGuiIO& io = ImGui::GetIO();
    int fb_w = 0, fb_h = 0;
    glfwGetFramebufferSize(app.Window, &fb_w, &fb_h);
    glViewport(0, 0, fb_w, fb_h);
    ImVec4 bg = ImGui::ColorConvertU32ToFloat4(app.Theme.Background);
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (!app.PendingCapture.empty()) { // a campfire summary page, written as carefully as the CSV
        std::string png, error;
        if (CaptureScreenshotPng(fb_w, fb_h, &png, &error) && WriteFileAtomic(app.PendingCapture, png, &error)) {
            app.Trace("export " + app.PendingCapture);
            app.CaptureResult = "ok";
        } else {
            Log("campfire export: " + error);
            app.CaptureResult = error.empty() ? "cannot write the PNG" : error;
        }
        app.PendingCapture.clear();
    }
    if (!app.PendingScreenshot.empty()) {
        if (!WriteScreenshotPng(app.PendingScreenshot, fb_w, fb_h, &app.ScreenshotError) && app.ScreenshotError.empty())
            app.ScreenshotError = "cannot write the screenshot";
        app.PendingScreenshot.clear();
    }
    glfwSwapBuffers(app.Window);
    // The atlas is on the GPU now: its copy in memory (4 MiB as alpha with every
    // language's glyphs) goes. A rebuild (A+) makes it again from the fonts' data.
    if (io.Fonts->TexPixelsRGBA32 || io.Fonts->TexPixelsAlpha8)
        io.Fonts->ClearTexData();
}

} // namespace

void App::Frame() {
    if (Action checked; Admin.Finish(false, &checked)) // a PIN check that ran off the frame
        Dispatch(checked);
    Dispatch(CommonAction{CommonKind::Tick});
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
    ScreenContext sc{&Flow, &Theme, Display, Now(), PublicUrl, ReceiptKey};
    sc.Logo = Logo;
    sc.LogoPixels = ImVec2(float(Pack.Logo.Width), float(Pack.Logo.Height));
    DrawScreen(sc, State, &actions);
    ImGui::Render();
    if (Window)
        Present(*this);
    Frames++;
    TraceShown(*this);

    if (!CaptureResult.empty()) {
        Dispatch(CampfireAction{CampfireKind::ExportDone, CaptureResult == "ok" ? std::string() : CaptureResult});
        CaptureResult.clear();
        Captured = true;
    }
    for (const Action& a : actions) // each with its effects and their answers before the next
        Dispatch(a);
}

//-----------------------------------------------------------------------------
// [SECTION] set-up
//-----------------------------------------------------------------------------

namespace {

bool ReadFile(const std::string& path, std::string* out) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    std::stringstream ss;
    ss << in.rdbuf();
    *out = ss.str();
    return true;
}

// 1. Content: 0, or the exit status when the kiosk cannot start.
int LoadContent(App& app, const KioskOptions& opts) {
    // 1. Content: a broken pack is refused with its problems, never a crash.
    //    Without --content: the pack the store published for this wijk (validated when it
    //    arrived), else the bundled one.
    std::string content_dir = opts.ContentDir;
    content::LoadResult loaded;
    content::LoadOptions checks; // a text the fonts cannot draw is a problem, as in check-content
    checks.MissingGlyphs = widgets::MissingGlyphs;
    { // a dorp: as the store said at the last sync (sync/client.hpp); else a wijk
        std::string place;
        if (ReadFile(wsync::DownloadedPackDir(opts.DataDir) + "/" + wsync::kPlaceFile, &place) &&
            !content::ParsePlaceKind(place, &checks.Place))
            Log("the kind of place in the data folder is neither wijk nor dorp; using wijk");
    }
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

    return 0;
}

// 2. The journal, background sync, and the effect runners wired to them.
int OpenJournal(App& app, const KioskOptions& opts) {
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
    if (app.Journal->GetStore(&link)) { // the public page and receipts (kiosk/screen_news.hpp)
        app.PublicUrl = PublicPageUrl(link.Url, link.Wijk);
        app.ReceiptKey = wsync::HashToken(link.Token);
    }
    if (opts.Sync && !link.Url.empty()) {
        wsync::SyncSchedule schedule;
        schedule.Interval = opts.SyncInterval;
        schedule.Debounce = opts.SyncDebounce;
        app.Sync = std::make_unique<wsync::SyncWorker>(wsync::JournalPath(opts.DataDir),
                                                       wsync::DownloadedPackDir(opts.DataDir), schedule);
        app.Sync->Start();
    }
    app.Admin.Journal = app.Journal.get();
    app.Admin.Sync = app.Sync.get();
    std::vector<std::string> hour_problems; // a bad file is logged, and the kiosk stays on all day
    if (!opts.OpeningHoursPath.empty() && !ReadOpeningHours(opts.OpeningHoursPath, &app.Admin.Hours, &hour_problems))
        for (const std::string& p : hour_problems)
            Log(p + " (the kiosk stays on all day)");
    app.Campfire.Journal = app.Journal.get();
    app.Campfire.Sync = app.Sync.get();
    app.Campfire.Flow = &app.Flow;
    app.Campfire.ExportDir = opts.ExportDir;
    app.Campfire.Today = [] { return wsync::IsoLocalToday(); }; // the facilitator's day: local time
    app.Campfire.NowIso = [] { return wsync::IsoTimeMs(wsync::NowMs()); };
    app.Admin.Wake = [&app] { // a PIN check is done: wake the main loop to draw its result
        if (app.Window)
            glfwPostEmptyEvent();
    };

    return 0;
}

// 3. The script, if any: read and checked whole before anything runs.
int ReadScript(App& app, const KioskOptions& opts, std::vector<ScriptLine>* script) {
    std::string error;
    if (!opts.ScriptPath.empty()) {
        std::string text;
        if (!ReadFile(opts.ScriptPath, &text)) {
            fprintf(stderr, "wijkstem: cannot read the script %s\n", opts.ScriptPath.c_str());
            return 1;
        }
        if (!ParseScript(text, script, &error)) {
            fprintf(stderr, "%s:%s\n", opts.ScriptPath.c_str(), error.substr(4).c_str()); // "line N: x" -> "FILE:N: x"
            return 1;
        }
        app.VirtualClock = true;
    } else if (opts.Headless) {
        fprintf(stderr, "wijkstem: --headless needs --script FILE (with no window nobody can tap)\n");
        return 1;
    }

    return 0;
}

// 4. Window (or none), ImGui, fonts.
int OpenScreen(App& app, const KioskOptions& opts) {
    std::string error;
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
        PrepareFontBackend(); // before the fonts: the atlas goes up as alpha (kiosk/font_texture.hpp)
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
    if (app.Window) {
        CreateFontTexture();
    } else {
        unsigned char* pixels = nullptr;
        int tw = 0, th = 0;
        io.Fonts->GetTexDataAsAlpha8(&pixels, &tw, &th); // a built atlas, as the renderer asks
    }
    if (!app.Pack.Logo.Empty()) {
        if (app.Window)
            app.Logo = CreateLogoTexture(app.Pack.Logo, &error);
        else // nothing is rendered without a window: laid out and recorded all the same
            app.Logo = reinterpret_cast<ImTextureID>(intptr_t(1));
        if (!app.Logo)
            Log(error);
    }
    widgets::ApplyStyle(app.Theme);

    return 0;
}

// 6. Clean-up, in reverse order.
void CleanUp(App& app) {
    app.Speech.reset(); // cuts off speech and joins its thread
    if (app.Sync)
        app.Sync->Stop(); // a round in flight finishes first (curl times out at 60 s)
    if (app.Window) {
        DestroyLogoTexture();
        DestroyFontTexture();
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
    }
    ImGui::DestroyContext();
    if (app.Window) {
        glfwDestroyWindow(app.Window);
        glfwTerminate();
    }
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] RunKiosk: the main loop
//-----------------------------------------------------------------------------

int RunKiosk(const KioskOptions& opts) {
    App app;
    app.Opts = opts;
    std::vector<ScriptLine> script;
    for (auto step : {LoadContent, OpenJournal}) // 1. content  2. the journal
        if (int status = step(app, opts); status != 0)
            return status;
    if (int status = ReadScript(app, opts, &script); status != 0) // 3. the script
        return status;
    if (int status = OpenScreen(app, opts); status != 0) // 4. window, ImGui, fonts
        return status;
    app.State = InitialState(app.Flow, opts.Lang, app.Now());
    RunVisitEffect(app, VisitEffect{VisitEffectKind::LoadHighlights});
    app.Drain();

    // 5. Run: the script, or the event-driven loop.
    int status = 0;
    if (!opts.ScriptPath.empty()) {
        status = RunScript(app, script, opts.ScriptPath);
    } else {
        const OpeningHours& hours = app.Admin.Hours; // read at the start (InitApp)
        StartWatchdogFor(opts.TestHangAfter);
        double last_input = -1e9; // closed at start: dark right after the first frames
        bool dark_drawn = false, ready = false;
        int frames = 2; // the first frame, and one to settle its layout
        while (!glfwWindowShouldClose(app.Window)) {
            FeedWatchdogNow();
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
                if (TakeInputSeen())
                    frames = std::max(frames, 3);
            } else {
                frames = WaitForWork(app);
            }
            if (TakeTouched()) // a person was here: the screen stays lit a while (opening hours)
                last_input = app.Now();
            KeepWindow(app);
        }
    }
    CleanUp(app); // 6.
    return status;
}

} // namespace kiosk
