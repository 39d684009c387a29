"""The spaCy side: our registered components, their assembly, and the streaming runner."""
