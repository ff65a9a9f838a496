"""Drives python-dbusmock's bluez5 template so it acts as BlueZ with a Giiker cube attached.

Started by BluezPeer.java with the private bus address as argv[1]; reads one command per line on
stdin and answers one line on stdout: "ok [result]" or "err message". Commands:
  adapter NAME                   add adapter /org/bluez/NAME
  cube ADAPTER ADDRESS NAME [angles]
                                 add a device with the cube's GATT services (state aadb/aadc, system
                                 aaaa/aaab/aaac, and with "angles" Nordic UART 6e400001/6e400003); answers its path
  push ADDRESS KIND HEX          notify a value: KIND is state, system or angles (sets Value, which
                                 emits PropertiesChanged as BlueZ does)
  writes ADDRESS                 the values written to the command characteristic, hex, comma separated
  calls ADDRESS METHOD           how often the device's METHOD (Connect, Disconnect) was called
  adapter-calls NAME METHOD      the adapter's METHOD calls, one "|"-separated entry per call with its
                                 first argument (SetDiscoveryFilter: key=value pairs sorted by key)
  notifying ADDRESS KIND         true/false: is KIND notifying
  drop ADDRESS                   the cube goes out of range: Connected and ServicesResolved false
  remove ADAPTER ADDRESS         BlueZ forgets the device (InterfacesRemoved)
"""
import sys
import time

import dbus

MOCK = 'org.freedesktop.DBus.Mock'
BLUEZ_MOCK = 'org.bluez.Mock'
DEVICE = 'org.bluez.Device1'
CHAR = 'org.bluez.GattCharacteristic1'
SERVICE = 'org.bluez.GattService1'

BASE = '-0000-1000-8000-00805f9b34fb'
# (service path suffix, service uuid, [(char suffix, uuid, flags, kind)])
GATT = [
    ('service000c', '0000aadb' + BASE, [('char000d', '0000aadc' + BASE, ['read', 'notify'], 'state')]),
    ('service0010', '0000aaaa' + BASE, [('char0011', '0000aaab' + BASE, ['read', 'notify'], 'system'),
                                         ('char0013', '0000aaac' + BASE, ['write-without-response', 'write'],
                                          'command')]),
]
ANGLES = ('service0020', '6e400001-b5a3-f393-e0a9-e50e24dcca9e',
          [('char0021', '6e400003-b5a3-f393-e0a9-e50e24dcca9e', ['notify'], 'angles')])

# Device1.Connect as BlueZ does it: Connected and, once the GATT database is read, ServicesResolved.
CONNECT = ("self.UpdateProperties('org.bluez.Device1', {'Connected': dbus.Boolean(True),"
           " 'ServicesResolved': dbus.Boolean(True)})")
DISCONNECT = ("self.UpdateProperties('org.bluez.Device1', {'ServicesResolved': dbus.Boolean(False),"
              " 'Connected': dbus.Boolean(False)})")
NOTIFY_ON = "self.UpdateProperties('org.bluez.GattCharacteristic1', {'Notifying': dbus.Boolean(True)})"
NOTIFY_OFF = "self.UpdateProperties('org.bluez.GattCharacteristic1', {'Notifying': dbus.Boolean(False)})"
READ = "ret = self.Get('org.bluez.GattCharacteristic1', 'Value')"
# the cube answers 0xB5 (battery) on the system characteristic: b5 LEVEL CHARGING
COMMAND_WRITE = ("if len(args[0]) > 0 and args[0][0] == 0xb5:\n"
                 "    objects[self.path.rsplit('/', 1)[0] + '/char0011'].UpdateProperties("
                 "'org.bluez.GattCharacteristic1', {'Value': dbus.Array([dbus.Byte(0xb5), dbus.Byte(87),"
                 " dbus.Byte(3)], signature='y')})\n")

bus = dbus.bus.BusConnection(sys.argv[1])
deadline = time.monotonic() + 20
while not bus.name_has_owner('org.bluez'):
    if time.monotonic() > deadline:
        print('err org.bluez never appeared on the bus', flush=True)
        sys.exit(1)
    time.sleep(0.05)
root = bus.get_object('org.bluez', '/')
cubes = {}  # address -> (device path, {kind: path})


def dev_path(adapter, address):
    return '/org/bluez/' + adapter + '/dev_' + address.replace(':', '_').upper()


def add_cube(adapter, address, name, angles):
    path = dbus.Interface(root, BLUEZ_MOCK).AddDevice(adapter, address, name)
    dev = bus.get_object('org.bluez', path)
    dbus.Interface(dev, MOCK).AddMethod(DEVICE, 'Connect', '', '', CONNECT)
    dbus.Interface(dev, MOCK).AddMethod(DEVICE, 'Disconnect', '', '', DISCONNECT)
    chars = {}
    uuids = []
    for service, suuid, clist in GATT + ([ANGLES] if angles else []):
        spath = path + '/' + service
        uuids.append(suuid)
        dbus.Interface(root, MOCK).AddObject(spath, SERVICE, {
            'UUID': dbus.String(suuid), 'Device': dbus.ObjectPath(path), 'Primary': dbus.Boolean(True)}, [])
        for char, cuuid, flags, kind in clist:
            cpath = spath + '/' + char
            methods = [('StartNotify', '', '', NOTIFY_ON), ('StopNotify', '', '', NOTIFY_OFF),
                       ('ReadValue', 'a{sv}', 'ay', READ),
                       ('WriteValue', 'aya{sv}', '', COMMAND_WRITE if kind == 'command' else '')]
            dbus.Interface(root, MOCK).AddObject(cpath, CHAR, {
                'UUID': dbus.String(cuuid), 'Service': dbus.ObjectPath(spath),
                'Value': dbus.Array([], signature='y'), 'Notifying': dbus.Boolean(False),
                'Flags': dbus.Array(flags, signature='s')}, methods)
            chars[kind] = cpath
    dbus.Interface(dev, MOCK).UpdateProperties(DEVICE, {'UUIDs': dbus.Array(uuids, signature='s')})
    cubes[address] = (path, chars)
    return path


def handle(words):
    cmd = words[0]
    if cmd == 'adapter':
        return dbus.Interface(root, BLUEZ_MOCK).AddAdapter(words[1], 'dexd-test')
    if cmd == 'cube':
        return add_cube(words[1], words[2], words[3], len(words) > 4 and words[4] == 'angles')
    if cmd == 'push':
        cpath = cubes[words[1]][1][words[2]]
        value = dbus.Array([dbus.Byte(b) for b in bytes.fromhex(words[3])], signature='y')
        dbus.Interface(bus.get_object('org.bluez', cpath), MOCK).UpdateProperties(CHAR, {'Value': value})
        return ''
    if cmd == 'writes':
        cpath = cubes[words[1]][1]['command']
        calls = dbus.Interface(bus.get_object('org.bluez', cpath), MOCK).GetMethodCalls('WriteValue')
        return ','.join(bytes(bytearray(args[0])).hex() for _, args in calls)
    if cmd == 'calls':
        dev = bus.get_object('org.bluez', cubes[words[1]][0])
        return str(len(dbus.Interface(dev, MOCK).GetMethodCalls(words[2])))
    if cmd == 'adapter-calls':
        adapter = bus.get_object('org.bluez', '/org/bluez/' + words[1])
        out = []
        for _, args in dbus.Interface(adapter, MOCK).GetMethodCalls(words[2]):
            if args and isinstance(args[0], dict):
                out.append(';'.join(f'{k}={",".join(v) if isinstance(v, list) else v}'
                                    for k, v in sorted(args[0].items())))
            else:
                out.append(' '.join(str(a) for a in args))
        return str(len(out)) + (' ' + '|'.join(out) if out else '')
    if cmd == 'notifying':
        c = bus.get_object('org.bluez', cubes[words[1]][1][words[2]])
        return 'true' if c.Get(CHAR, 'Notifying', dbus_interface=dbus.PROPERTIES_IFACE) else 'false'
    if cmd == 'drop':
        dev = bus.get_object('org.bluez', cubes[words[1]][0])
        dbus.Interface(dev, MOCK).UpdateProperties(DEVICE, {
            'ServicesResolved': dbus.Boolean(False), 'Connected': dbus.Boolean(False)})
        return ''
    if cmd == 'remove':
        path, chars = cubes.pop(words[2])
        # BlueZ removes the GATT objects with the device
        for cpath in chars.values():
            dbus.Interface(root, MOCK).RemoveObject(cpath)
        for service, _, _ in GATT + [ANGLES]:
            try:
                dbus.Interface(root, MOCK).RemoveObject(path + '/' + service)
            except dbus.exceptions.DBusException:
                pass
        adapter = bus.get_object('org.bluez', '/org/bluez/' + words[1])
        dbus.Interface(adapter, 'org.bluez.Adapter1').RemoveDevice(dbus.ObjectPath(path))
        return ''
    raise ValueError('unknown command ' + cmd)


print('ok ready', flush=True)
for line in sys.stdin:
    words = line.split()
    if not words:
        continue
    try:
        print('ok ' + str(handle(words)), flush=True)
    except Exception as e:  # pylint: disable=broad-except
        print('err ' + str(e).replace('\n', ' '), flush=True)
