"""Pure helpers over spaCy tokens that the components call; unit-testable on hand-built Docs."""
