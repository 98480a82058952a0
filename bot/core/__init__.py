"""Platform-neutral core: principles, rotation, stories, moderation, digest, the command language."""
