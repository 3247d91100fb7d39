"""planbook: account plans as code.

The core (loading, validation, standards, rendering) is a plain library; the
command line (`generator.cli`) and the MkDocs plugin are thin shells around it.
"""

__version__ = "0.1.0"
