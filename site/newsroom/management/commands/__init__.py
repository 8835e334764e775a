"""The site's commands: newsroom_worker."""
