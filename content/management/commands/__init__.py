"""``manage.py`` commands: install_newsroom_roles, build_demo_site, translation_qa."""
