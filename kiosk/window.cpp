// The kiosk's window (GLFW): opening it full screen, keeping it full screen and focused,
// refusing to close it before "Kiosk afsluiten" (the rules: kiosk/window.hpp), and
// waiting for input or the next timer so an idle kiosk draws nothing.
#include "kiosk/window.hpp"
#include "kiosk/app_state.hpp"
#include "kiosk/admin_effects.hpp"
#include "kiosk/flow_admin.hpp"
#include "kiosk/log.hpp"
#include "kiosk/opening_hours.hpp"
#include "kiosk/watchdog.hpp"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace kiosk {

bool CloseAllowed(bool fullscreen, bool quit_chosen) { return !fullscreen || quit_chosen; }

bool MustRetakeWindow(bool fullscreen, bool focused, bool iconified) { return fullscreen && (!focused || iconified); }

namespace {

bool g_input_seen = false; // set by GLFW callbacks: something happened, draw
bool g_touched = false;     // set by the button, key and char callbacks: a person, not the window system
Watchdog g_watchdog;        // systemd's, when the session unit asks for one (kiosk/watchdog.hpp)
// Keeping the window: set by GLFW callbacks, read by the main loop.
bool g_fullscreen = false;
bool g_quit_chosen = false;  // "Kiosk afsluiten" on the admin screen
bool g_window_lost = false;  // iconified or lost focus: take it back

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
// Alt+F4 or a window manager's close button: refused in full screen (CloseAllowed).
void OnClose(GLFWwindow* window) {
    if (!CloseAllowed(g_fullscreen, g_quit_chosen)) {
        glfwSetWindowShouldClose(window, GLFW_FALSE);
        Log("a request to close the window was refused (use Kiosk afsluiten on the admin screen)");
    }
}
void OnRefresh(GLFWwindow*) { g_input_seen = true; }
void OnResize(GLFWwindow*, int, int) { g_input_seen = true; }
void OnGlfwError(int code, const char* text) { Log("GLFW error " + std::to_string(code) + ": " + text); }

} // namespace

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

void CloseWindowForQuit(App& app) {
    g_quit_chosen = true;
    if (app.Window)
        glfwSetWindowShouldClose(app.Window, GLFW_TRUE);
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

void StartWatchdogFor(double test_hang_after) { g_watchdog = StartWatchdog(test_hang_after); }
void FeedWatchdogNow() { FeedWatchdog(&g_watchdog); }

bool TakeTouched() {
    const bool touched = g_touched;
    g_touched = false;
    return touched;
}

bool TakeInputSeen() {
    const bool seen = g_input_seen;
    g_input_seen = false;
    return seen;
}

} // namespace kiosk
