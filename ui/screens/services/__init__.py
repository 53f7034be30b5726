"""Government service items: themes, item guides, search, applications and appointments."""
