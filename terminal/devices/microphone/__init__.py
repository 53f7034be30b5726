"""The microphone for voice notes: interface, PCM recorder, QtMultimedia backend, simulator.

The Qt backend is imported only when configured (`microphone_from_settings`).
"""

from terminal.devices.microphone.factory import microphone_from_settings
from terminal.devices.microphone.interface import Microphone, MicrophoneError, NoMicrophone
from terminal.devices.microphone.pcm import PcmFormat, PcmRecorder, VoiceNote, rms_level
from terminal.devices.microphone.simulator import SimulatedMicrophone

__all__ = [
    "Microphone",
    "MicrophoneError",
    "NoMicrophone",
    "PcmFormat",
    "PcmRecorder",
    "SimulatedMicrophone",
    "VoiceNote",
    "microphone_from_settings",
    "rms_level",
]
