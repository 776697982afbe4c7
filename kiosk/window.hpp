// Keeping the kiosk's window: full screen, focused, closed only by "Kiosk afsluiten"
// (issue 5, part 7). The two rules are pure and unit-tested (tests/test_window.cpp);
// the GLFW code that applies them is in kiosk/window.cpp.
#pragma once

namespace kiosk {

// Whether a close request (Alt+F4, the window manager's close button) may close the
// window: in full screen only after "Kiosk afsluiten"; a development window always.
bool CloseAllowed(bool fullscreen, bool quit_chosen);
// Whether the window must take full screen and focus back: a full-screen kiosk that
// was iconified or lost focus (another program, a key combination).
bool MustRetakeWindow(bool fullscreen, bool focused, bool iconified);

} // namespace kiosk
