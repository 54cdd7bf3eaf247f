"""Prints, one JSON line each, the _NET_WM_STATE requests clients send to the root window.

A client asks the window manager to change a mapped window's state (above, sticky, …) with a
_NET_WM_STATE ClientMessage to the root window. Under Xvfb no window manager acts on it, so the
window keeps no _NET_WM_STATE property; listening on the root (SubstructureNotify, which any number
of clients may select) is how a test sees what the app asked for.

Line: {"window": <id>, "title": <_NET_WM_NAME or WM_NAME>, "action": "add"|"remove"|"toggle",
"states": [<atom names>]}. Runs until killed.
"""
import json
import sys

from Xlib import X, display

ACTIONS = {0: "remove", 1: "add", 2: "toggle"}


def title_of(xdisplay, window):
    for prop, kind in (("_NET_WM_NAME", "UTF8_STRING"), ("WM_NAME", "STRING")):
        value = window.get_full_property(xdisplay.intern_atom(prop), xdisplay.intern_atom(kind))
        if value is not None:
            text = value.value
            return text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return None


def main():
    xdisplay = display.Display()
    root = xdisplay.screen().root
    root.change_attributes(event_mask=X.SubstructureNotifyMask)
    wm_state = xdisplay.intern_atom("_NET_WM_STATE")
    print(json.dumps({"listening": True}), flush=True)
    while True:
        event = xdisplay.next_event()
        if event.type != X.ClientMessage or event.client_type != wm_state:
            continue
        _format, data = event.data
        action, first, second = data[0], data[1], data[2]
        states = [xdisplay.get_atom_name(atom) for atom in (first, second) if atom]
        line = {"window": event.window.id, "title": title_of(xdisplay, event.window),
                "action": ACTIONS.get(action, str(action)), "states": states}
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(0)
