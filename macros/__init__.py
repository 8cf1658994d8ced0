"""Medical Massage Knowledge Base: the mkdocs-macros module.

Only ``define_env`` lives here. Loading, models, cross-links and rendering are in their own
modules and import nothing from MkDocs; ``mkdocs_hooks`` is the thin MkDocs adapter.
"""


def define_env(env):
    """Register the macros hand-written pages use. The site was loaded by the hook's
    ``on_config`` (which runs first) and is shared here, so the data is read once per build."""
    from .page_macros import register

    register(env, env.conf.__dict__["_kb_build"])
