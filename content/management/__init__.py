"""Management commands of the newsroom's content: roles, the demo, translation QA."""
