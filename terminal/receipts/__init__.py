"""Receipt numbers, signed receipt QR URLs, and the printer-independent receipt."""
