'''A python3-dbusmock template of the XDG GlobalShortcuts portal, for Stint's portal tests
(src-tauri/src/desktop/shortcut/portal.rs). It answers CreateSession and BindShortcuts with a
Response on the request path the caller predicted, remembers the bound trigger, and emits Activated
when a test calls app.stint.Test.Press.'''

import dbus
import dbus.lowlevel

BUS_NAME = 'org.freedesktop.portal.Desktop'
MAIN_OBJ = '/org/freedesktop/portal/desktop'
MAIN_IFACE = 'org.freedesktop.portal.GlobalShortcuts'
SYSTEM_BUS = False
TEST_IFACE = 'app.stint.Test'


def respond(mock, token, results):
    '''Sends Response on /org/freedesktop/portal/desktop/request/SENDER/TOKEN for every client.'''
    bus = mock.connection
    daemon = dbus.Interface(bus.get_object('org.freedesktop.DBus', '/org/freedesktop/DBus'), 'org.freedesktop.DBus')
    for name in daemon.ListNames():
        if not name.startswith(':'):
            continue
        path = f"{MAIN_OBJ}/request/{name[1:].replace('.', '_')}/{token}"
        message = dbus.lowlevel.SignalMessage(path, 'org.freedesktop.portal.Request', 'Response')
        message.append(dbus.UInt32(0), dbus.Dictionary(results, signature='sv'), signature='ua{sv}')
        bus.send_message(message)
    return dbus.ObjectPath(f"{MAIN_OBJ}/request/any/{token}")


def create_session(mock, options):
    mock.stint_session = f"{MAIN_OBJ}/session/any/{options['session_handle_token']}"
    return respond(mock, options['handle_token'], {'session_handle': dbus.String(mock.stint_session)})


def bind_shortcuts(mock, session, shortcuts, parent_window, options):
    mock.stint_trigger = str(shortcuts[0][1]['preferred_trigger'])
    return respond(mock, options['handle_token'], {'shortcuts': dbus.Array([], signature='(sa{sv})')})


def press(mock):
    mock.EmitSignal(MAIN_IFACE, 'Activated', 'osta{sv}',
                    [dbus.ObjectPath(mock.stint_session), 'start-pause', dbus.UInt64(0), dbus.Dictionary({}, signature='sv')])


def trigger(mock):
    return getattr(mock, 'stint_trigger', '')


def load(mock, parameters):
    mock.AddProperty(MAIN_IFACE, 'version', dbus.UInt32(1))
    mock.AddMethod(MAIN_IFACE, 'CreateSession', 'a{sv}', 'o', create_session)
    mock.AddMethod(MAIN_IFACE, 'BindShortcuts', 'oa(sa{sv})sa{sv}', 'o', bind_shortcuts)
    mock.AddMethod(TEST_IFACE, 'Press', '', '', press)
    mock.AddMethod(TEST_IFACE, 'Trigger', '', 's', trigger)
