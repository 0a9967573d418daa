#!/usr/bin/env python
from wijkkompas.cli import main

if __name__ == "__main__":
    main()
