"""Medical Massage Knowledge Base: the mkdocs-macros module.

Only ``define_env`` lives here. The data layer (``kb``), the kinds (``kinds``), rendering
(``render``) and what a build writes (``outputs``) import nothing from MkDocs; ``mkdocs_hooks``
is the thin MkDocs adapter and ``cli`` the command line.
"""


def define_env(env):
    """Register the macros hand-written pages use. The site was loaded by the hook's
    ``on_config`` (which runs first) and is shared here, so the data is read once per build."""
    from .render.page_macros import PageMacros

    output = env.conf.__dict__["_kb_output"]
    macros = PageMacros(output.kb, output.clinic, lambda: env.page.file.src_uri,
                        env.conf.use_directory_urls, shipped=output.shipped_pages)
    for name, function in macros.all().items():
        env.macro(function, name)
