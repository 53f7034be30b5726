// The on-screen keyboard, embedded at the bottom of the kiosk window (pinyin
// and English). The widget side sizes the view from panelHeight and shows it
// only while `active` (a text field has focus).
//
// The panel hangs from the root's top, not its bottom: the root is sized by the
// view, and a view resized while hidden (the dock is hidden until a field takes
// focus) left the root 1 px tall on its first showing; a panel anchored to that
// bottom was drawn above the view: a black (blank with the software renderer)
// rectangle that no tap reached (keyboard_dock.py also sizes the root itself).
import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings

Item {
    id: root
    property alias active: panel.active
    property real panelHeight: panel.height
    property string locale: "zh_CN"
    // For diagnostics and tests: type with virtualKeyClick, pick candidates.
    readonly property var inputContext: InputContext

    InputPanel {
        id: panel
        width: root.width
        y: 0
    }

    onLocaleChanged: VirtualKeyboardSettings.locale = root.locale
    Component.onCompleted: {
        VirtualKeyboardSettings.activeLocales = ["zh_CN", "en_US"]
        // The candidate bar keeps its place while pinyin is typed: the keyboard does
        // not grow (and every key jump up) when the first letter brings candidates.
        VirtualKeyboardSettings.wordCandidateList.alwaysVisible = true
        VirtualKeyboardSettings.locale = root.locale
    }
}
