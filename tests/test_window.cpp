// Keeping the window: when it may close, when it must be taken back (the pure rules;
// tests/e2e_window.sh drives the real window).
#include "kiosk/window.hpp"

#include <doctest/doctest.h>

using namespace kiosk;

TEST_CASE("the window: closed in full screen only by Kiosk afsluiten; taken back when lost") {
    CHECK_FALSE(CloseAllowed(true, false)); // Alt+F4 on the kiosk
    CHECK(CloseAllowed(true, true));        // after "Kiosk afsluiten"
    CHECK(CloseAllowed(false, false));      // --windowed: development
    CHECK(CloseAllowed(false, true));

    CHECK_FALSE(MustRetakeWindow(true, true, false));
    CHECK(MustRetakeWindow(true, false, false)); // another program took focus
    CHECK(MustRetakeWindow(true, true, true));   // iconified
    CHECK(MustRetakeWindow(true, false, true));
    CHECK_FALSE(MustRetakeWindow(false, false, false)); // a development window may lose focus
    CHECK_FALSE(MustRetakeWindow(false, true, true));
}
