// A stand-in for a window manager in e2e_admin.sh, with plain Xlib (Xvfb has no window
// manager and xdotool is not installed):
//   x_window close TITLE PID     sends WM_DELETE_WINDOW, as Alt+F4 or a close button does
//   x_window unfocus TITLE PID   gives the window the focus (as a window manager would),
//                                moves it away (as another program would), then waits up
//                                to 30 s for the window to take it back
//   x_window touch TITLE PID     a press and a release near the window's top-left corner,
//                                where no button is (e2e_opening_hours: a touch wakes it)
// The window is the one titled TITLE whose _NET_WM_PID is PID: never another test's.
// Exit 0 on success; 1 with a message otherwise (no window with that title, ...).
#include <X11/Xatom.h>
#include <X11/Xlib.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

namespace {

long WindowPid(Display* dpy, Window w) {
    Atom type = 0;
    int format = 0;
    unsigned long items = 0, after = 0;
    unsigned char* data = nullptr;
    long pid = -1;
    if (XGetWindowProperty(dpy, w, XInternAtom(dpy, "_NET_WM_PID", False), 0, 1, False, XA_CARDINAL, &type, &format,
                           &items, &after, &data) == Success &&
        data && items == 1 && format == 32)
        pid = *reinterpret_cast<long*>(data);
    if (data)
        XFree(data);
    return pid;
}

Window FindByTitle(Display* dpy, Window w, const std::string& title, long pid) {
    char* name = nullptr;
    if (XFetchName(dpy, w, &name) && name) {
        bool match = title == name && WindowPid(dpy, w) == pid;
        XFree(name);
        if (match)
            return w;
    }
    Window root, parent, *children = nullptr;
    unsigned n = 0;
    Window found = 0;
    if (XQueryTree(dpy, w, &root, &parent, &children, &n)) {
        for (unsigned i = 0; i < n && !found; i++)
            found = FindByTitle(dpy, children[i], title, pid);
        if (children)
            XFree(children);
    }
    return found;
}

bool Focused(Display* dpy, Window w) {
    Window focus = 0;
    int revert = 0;
    XGetInputFocus(dpy, &focus, &revert);
    return focus == w;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 4 || (strcmp(argv[1], "close") != 0 && strcmp(argv[1], "unfocus") != 0 &&
                      strcmp(argv[1], "touch") != 0)) {
        fprintf(stderr, "usage: x_window close|unfocus|touch TITLE PID\n");
        return 2;
    }
    const long pid = atol(argv[3]);
    Display* dpy = XOpenDisplay(nullptr);
    if (!dpy) {
        fprintf(stderr, "x_window: no X display (DISPLAY is not set?)\n");
        return 1;
    }
    const Window root = DefaultRootWindow(dpy);
    Window w = 0;
    for (int i = 0; i < 300; i++) { // the kiosk may still be starting: up to 30 s for it to show
        w = FindByTitle(dpy, root, argv[2], pid);
        XWindowAttributes attrs{};
        if (w && XGetWindowAttributes(dpy, w, &attrs) && attrs.map_state == IsViewable)
            break;
        w = 0;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    if (!w) {
        fprintf(stderr, "x_window: no window titled '%s' of process %ld\n", argv[2], pid);
        return 1;
    }
    if (strcmp(argv[1], "close") == 0) {
        XEvent ev{};
        ev.xclient.type = ClientMessage;
        ev.xclient.window = w;
        ev.xclient.message_type = XInternAtom(dpy, "WM_PROTOCOLS", False);
        ev.xclient.format = 32;
        ev.xclient.data.l[0] = long(XInternAtom(dpy, "WM_DELETE_WINDOW", False));
        ev.xclient.data.l[1] = CurrentTime;
        XSendEvent(dpy, w, False, NoEventMask, &ev);
        XSync(dpy, False);
        printf("x_window: sent WM_DELETE_WINDOW to '%s'\n", argv[2]);
        XCloseDisplay(dpy);
        return 0;
    }
    if (strcmp(argv[1], "touch") == 0) {
        for (int type : {ButtonPress, ButtonRelease}) {
            XEvent ev{};
            ev.xbutton.type = type;
            ev.xbutton.window = w;
            ev.xbutton.root = root;
            ev.xbutton.x = 40;
            ev.xbutton.y = 200;
            ev.xbutton.button = Button1;
            ev.xbutton.same_screen = True;
            ev.xbutton.time = CurrentTime;
            XSendEvent(dpy, w, True, type == ButtonPress ? ButtonPressMask : ButtonReleaseMask, &ev);
            XSync(dpy, False);
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        printf("x_window: touched '%s'\n", argv[2]);
        XCloseDisplay(dpy);
        return 0;
    }
    // Without a window manager nobody gives the kiosk the focus: do it as one would, then
    // take it away as another program would.
    XSetInputFocus(dpy, w, RevertToPointerRoot, CurrentTime);
    XSync(dpy, False);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    XSetInputFocus(dpy, root, RevertToPointerRoot, CurrentTime);
    XSync(dpy, False);
    printf("x_window: focus moved away from '%s'\n", argv[2]);
    for (int i = 0; i < 300; i++) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        if (Focused(dpy, w)) {
            printf("x_window: '%s' took the focus back\n", argv[2]);
            XCloseDisplay(dpy);
            return 0;
        }
    }
    fprintf(stderr, "x_window: '%s' did not take the focus back within 30 s\n", argv[2]);
    XCloseDisplay(dpy);
    return 1;
}
