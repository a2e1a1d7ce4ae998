"""Reading level of the guides (checks/readability.py): prints one line per
guide and exits with status 1 when any reads above US grade 8.

    .venv/bin/python bench/readability.py
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checks.readability import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
