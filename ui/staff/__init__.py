"""Staff mode: the hidden gesture, PIN sign-in, the staff band and the staff screens."""
