"""Start the specls language server from the libraries bundled in the extension.

Run as ``python -I server.py``: isolated from the user's site-packages and PYTHONPATH, so the
bundled versions are the ones used.
"""

import os
import sys

LIBS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "libs")
TAG = f"cp{sys.version_info[0]}{sys.version_info[1]}"
FOUND = os.path.join(LIBS, TAG)

if not os.path.isdir(FOUND):
    available = sorted(d for d in os.listdir(LIBS)) if os.path.isdir(LIBS) else []
    sys.stderr.write(
        f"specls: this extension bundles its server for {', '.join(available) or 'no Python'}"
        f"; {sys.executable} is {TAG}. Select another interpreter or set specls.interpreter.\n"
    )
    sys.exit(3)
# this version's compiled packages first, then those every version shares (see bundle.py)
sys.path[:0] = [FOUND, os.path.join(LIBS, "common")]

from specls.lsp.server import main  # noqa: E402

main()
