"""Touch widgets: big buttons, the numeric keypad, fields, lists, QR, overlays."""
