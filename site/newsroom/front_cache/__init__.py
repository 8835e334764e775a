"""The HTTP cache in front of the site (Varnish in production, deploy/varnish/).

``policy`` says which responses it may keep and for how long; ``purge`` tells it what
changed, through Wagtail's frontend cache module; ``signal_handlers`` wire the newsroom's
events to ``purge``.
"""
