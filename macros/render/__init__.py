"""Rendering: escaping per output context, page addresses, the page templates and the macros
for hand-written pages."""
