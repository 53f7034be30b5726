"""The appeal wizard (我要反映诉求): category → what happened → where → who →
privacy and consent → review → confirm."""
