'''A python3-dbusmock template: the XDG desktop portal's Settings interface, holding only the
appearance colour scheme, as a desktop (GNOME, KDE) publishes its light/dark preference.

Parameter "color-scheme": the starting value (0 no preference, 1 dark, 2 light; default 0).
A test changes it, as a user flipping the desktop's dark style would, with

    dbus-send --session --dest=org.freedesktop.portal.Desktop /org/freedesktop/portal/desktop \
        org.stint.Test.Appearance.SetColorScheme uint32:1

which stores the value and emits Settings.SettingChanged as the real portal does.
'''

import dbus

BUS_NAME = 'org.freedesktop.portal.Desktop'
MAIN_OBJ = '/org/freedesktop/portal/desktop'
MAIN_IFACE = 'org.freedesktop.portal.Settings'
SYSTEM_BUS = False

TEST_IFACE = 'org.stint.Test.Appearance'


def load(mock, parameters):
    mock.color_scheme = int(parameters.get('color-scheme', 0))
    # The real portal's Read answers the value wrapped in one variant more than the signal carries.
    read = '''if tuple(args) != ("org.freedesktop.appearance", "color-scheme"):
    raise dbus.exceptions.DBusException("no such setting", name="org.freedesktop.portal.Error.NotFound")
ret = dbus.UInt32(self.color_scheme, variant_level=2)
'''
    mock.AddMethods(MAIN_IFACE, [
        ('Read', 'ss', 'v', read),
    ])
    mock.AddProperty(MAIN_IFACE, 'version', dbus.UInt32(1))
    mock.AddMethods(TEST_IFACE, [
        ('SetColorScheme', 'u', '', '''self.color_scheme = int(args[0])
self.EmitSignal("org.freedesktop.portal.Settings", "SettingChanged", "ssv",
                ["org.freedesktop.appearance", "color-scheme", dbus.UInt32(args[0])])
'''),
    ])
