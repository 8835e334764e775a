"""Settings, split by where the project runs: base, dev, test and production."""
