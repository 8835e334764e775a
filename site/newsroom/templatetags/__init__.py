"""Template tags of the site layer: the main menu and page translations."""
