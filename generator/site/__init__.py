"""Publishing the plans as a MkDocs site: build, serve, navigation, search.

The MkDocs plugin (`generator.mkdocs_plugin`) and the `build`/`serve`
commands are thin shells over these modules.
"""
