#!/usr/bin/env python3
"""Hides (unmaps) or shows (maps) the top-level X11 windows of a process, as closing to the tray does;
lists their titles; or types a key into one, as a user at the keyboard does.

Usage: x11_window.py hide|show PID [TITLE]
         TITLE   only the windows with this title, or whose title ends with " — TITLE" (the main
                 window, "Stint", reads "12 min left — Stint" while a phase runs)
       x11_window.py titles PID
         prints the titles of the process's top-level windows, one JSON array
       x11_window.py key PID TITLE KEYSYM
         gives the window titled TITLE the keyboard focus and presses and releases KEYSYM (an X
         keysym name such as "space") through the XTEST extension — a real key event, no WebDriver

Windows are found by their _NET_WM_PID property (GTK sets it). Uses only libX11 through ctypes, so
it needs no tool beyond the X server's own library. Prints how many windows it changed.
"""
import ctypes
import ctypes.util
import json
import sys

X11 = ctypes.cdll.LoadLibrary(ctypes.util.find_library("X11") or "libX11.so.6")
Window = ctypes.c_ulong
Atom = ctypes.c_ulong
X11.XOpenDisplay.restype = ctypes.c_void_p
X11.XOpenDisplay.argtypes = [ctypes.c_char_p]
X11.XDefaultRootWindow.restype = Window
X11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
X11.XInternAtom.restype = Atom
X11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
X11.XQueryTree.argtypes = [ctypes.c_void_p, Window, ctypes.POINTER(Window), ctypes.POINTER(Window),
                           ctypes.POINTER(ctypes.POINTER(Window)), ctypes.POINTER(ctypes.c_uint)]
X11.XGetWindowProperty.argtypes = [ctypes.c_void_p, Window, Atom, ctypes.c_long, ctypes.c_long, ctypes.c_int,
                                   Atom, ctypes.POINTER(Atom), ctypes.POINTER(ctypes.c_int),
                                   ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_ulong),
                                   ctypes.POINTER(ctypes.POINTER(ctypes.c_ubyte))]
X11.XFree.argtypes = [ctypes.c_void_p]
X11.XMapWindow.argtypes = [ctypes.c_void_p, Window]
X11.XUnmapWindow.argtypes = [ctypes.c_void_p, Window]
X11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
X11.XCloseDisplay.argtypes = [ctypes.c_void_p]
X11.XFetchName.argtypes = [ctypes.c_void_p, Window, ctypes.POINTER(ctypes.c_char_p)]
X11.XRaiseWindow.argtypes = [ctypes.c_void_p, Window]
X11.XSetInputFocus.argtypes = [ctypes.c_void_p, Window, ctypes.c_int, ctypes.c_ulong]
X11.XStringToKeysym.restype = ctypes.c_ulong
X11.XStringToKeysym.argtypes = [ctypes.c_char_p]
X11.XKeysymToKeycode.restype = ctypes.c_ubyte
X11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
REVERT_TO_PARENT = 2

XA_CARDINAL = 6


def top_level_windows(display):
    root, parent = Window(), Window()
    children = ctypes.POINTER(Window)()
    count = ctypes.c_uint()
    X11.XQueryTree(display, X11.XDefaultRootWindow(display), ctypes.byref(root), ctypes.byref(parent),
                   ctypes.byref(children), ctypes.byref(count))
    windows = [children[i] for i in range(count.value)]
    if children:
        X11.XFree(children)
    return windows


def window_pid(display, window, pid_atom):
    actual_type, actual_format = Atom(), ctypes.c_int()
    items, remaining = ctypes.c_ulong(), ctypes.c_ulong()
    data = ctypes.POINTER(ctypes.c_ubyte)()
    status = X11.XGetWindowProperty(display, window, pid_atom, 0, 1, 0, XA_CARDINAL, ctypes.byref(actual_type),
                                    ctypes.byref(actual_format), ctypes.byref(items), ctypes.byref(remaining),
                                    ctypes.byref(data))
    if status != 0 or not data:
        return None
    pid = ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))[0] if items.value == 1 else None
    X11.XFree(data)
    return pid


def window_title(display, window):
    """_NET_WM_NAME (UTF-8, as GTK sets it), else WM_NAME."""
    actual_type, actual_format = Atom(), ctypes.c_int()
    items, remaining = ctypes.c_ulong(), ctypes.c_ulong()
    data = ctypes.POINTER(ctypes.c_ubyte)()
    net_wm_name = X11.XInternAtom(display, b"_NET_WM_NAME", 1)
    utf8 = X11.XInternAtom(display, b"UTF8_STRING", 1)
    if net_wm_name and utf8:
        status = X11.XGetWindowProperty(display, window, net_wm_name, 0, 1024, 0, utf8, ctypes.byref(actual_type),
                                        ctypes.byref(actual_format), ctypes.byref(items), ctypes.byref(remaining),
                                        ctypes.byref(data))
        if status == 0 and data:
            title = ctypes.string_at(data, items.value).decode("utf-8", "replace")
            X11.XFree(data)
            if items.value:
                return title
    name = ctypes.c_char_p()
    if not X11.XFetchName(display, window, ctypes.byref(name)) or not name.value:
        return None
    title = name.value.decode("utf-8", "replace")
    X11.XFree(name)
    return title


def titled(actual, wanted):
    return wanted is None or actual == wanted or (actual or "").endswith(" \u2014 " + wanted)


def press_key(display, window, keysym_name):
    """Focuses `window` and types one key into it (XTEST: the server sees a real key press)."""
    xtst = ctypes.cdll.LoadLibrary(ctypes.util.find_library("Xtst") or "libXtst.so.6")
    xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
    keysym = X11.XStringToKeysym(keysym_name.encode())
    keycode = X11.XKeysymToKeycode(display, keysym) if keysym else 0
    if not keycode:
        sys.exit(f"no key for the keysym {keysym_name!r}")
    X11.XRaiseWindow(display, window)
    X11.XSetInputFocus(display, window, REVERT_TO_PARENT, 0)
    X11.XSync(display, 0)
    for pressed in (1, 0):
        xtst.XTestFakeKeyEvent(display, keycode, pressed, 0)
    X11.XSync(display, 0)


def main():
    if sys.argv[1:2] == ["key"] and len(sys.argv) == 5:
        action, pid, title, keysym = "key", int(sys.argv[2]), sys.argv[3], sys.argv[4]
    elif sys.argv[1:2] == ["titles"] and len(sys.argv) == 3:
        action, pid, title = "titles", int(sys.argv[2]), None
    elif len(sys.argv) in (3, 4) and sys.argv[1] in ("hide", "show"):
        action, pid = sys.argv[1], int(sys.argv[2])
        title = sys.argv[3] if len(sys.argv) == 4 else None
    else:
        sys.exit(__doc__)
    display = X11.XOpenDisplay(None)
    if not display:
        sys.exit("cannot open the X display (is DISPLAY set?)")
    pid_atom = X11.XInternAtom(display, b"_NET_WM_PID", 1)
    mine = [w for w in top_level_windows(display) if window_pid(display, w, pid_atom) == pid]
    if action == "titles":
        print(json.dumps([window_title(display, w) for w in mine]))
        X11.XCloseDisplay(display)
        return
    if action == "key":
        target = [w for w in mine if titled(window_title(display, w), title)]
        if not target:
            X11.XCloseDisplay(display)
            sys.exit(f"no top-level window of pid {pid} titled {title!r}")
        press_key(display, target[0], keysym)
        X11.XCloseDisplay(display)
        print(1)
        return
    changed = 0
    for window in mine:
        if titled(window_title(display, window), title):
            (X11.XUnmapWindow if action == "hide" else X11.XMapWindow)(display, window)
            changed += 1
    X11.XSync(display, 0)
    X11.XCloseDisplay(display)
    print(changed)
    if changed == 0:
        sys.exit(f"no top-level window of pid {pid}" + (f" titled {title!r}" if title else ""))


if __name__ == "__main__":
    main()
