// The on-screen keyboard, embedded at the bottom of the kiosk window (pinyin
// and English). The widget side sizes the view from panelHeight and shows it
// only while `active` (a text field has focus).
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
        anchors.bottom: parent.bottom
    }

    onLocaleChanged: VirtualKeyboardSettings.locale = root.locale
    Component.onCompleted: {
        VirtualKeyboardSettings.activeLocales = ["zh_CN", "en_US"]
        VirtualKeyboardSettings.locale = root.locale
    }
}
