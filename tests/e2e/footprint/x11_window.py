#!/usr/bin/env python3
"""Hides (unmaps) or shows (maps) the top-level X11 windows of a process, as closing to the tray does.

Usage: x11_window.py hide|show PID [TITLE]
  TITLE   only the windows with exactly this title (e.g. "Stint" for the main window)

Windows are found by their _NET_WM_PID property (GTK sets it). Uses only libX11 through ctypes, so
it needs no tool beyond the X server's own library. Prints how many windows it changed.
"""
import ctypes
import ctypes.util
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
    name = ctypes.c_char_p()
    if not X11.XFetchName(display, window, ctypes.byref(name)) or not name.value:
        return None
    title = name.value.decode("utf-8", "replace")
    X11.XFree(name)
    return title


def main():
    if len(sys.argv) not in (3, 4) or sys.argv[1] not in ("hide", "show"):
        sys.exit(__doc__)
    action, pid = sys.argv[1], int(sys.argv[2])
    title = sys.argv[3] if len(sys.argv) == 4 else None
    display = X11.XOpenDisplay(None)
    if not display:
        sys.exit("cannot open the X display (is DISPLAY set?)")
    pid_atom = X11.XInternAtom(display, b"_NET_WM_PID", 1)
    changed = 0
    for window in top_level_windows(display):
        if window_pid(display, window, pid_atom) == pid and title in (None, window_title(display, window)):
            (X11.XUnmapWindow if action == "hide" else X11.XMapWindow)(display, window)
            changed += 1
    X11.XSync(display, 0)
    X11.XCloseDisplay(display)
    print(changed)
    if changed == 0:
        sys.exit(f"no top-level window of pid {pid}" + (f" titled {title!r}" if title else ""))


if __name__ == "__main__":
    main()
